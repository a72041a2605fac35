/**
 * Where the wizard runs: inside Excel (Office.js ready, host Excel) or in a plain browser
 * (office.js absent, blocked offline, or loaded outside Office). Also the display language and
 * the theme. No React here; index.tsx uses it before the first render.
 */
import type { Locale } from "../i18n";
import { detectLocale } from "./strings";

/** The part of the Office global the wizard reads (Office.js or a test double). */
export interface OfficeLike {
  onReady(): Promise<{ host: string | null | undefined }>;
  context?: {
    displayLanguage?: string;
    officeTheme?: Partial<{ bodyBackgroundColor: string; isDarkTheme: boolean }> | undefined;
  };
}

export type HostKind = "excel" | "browser";
export type ThemeName = "light" | "dark" | "highContrast";

export interface Environment {
  host: HostKind;
  locale: Locale;
  theme: ThemeName;
}

export interface EnvironmentOptions {
  /** How long to wait for an office.js that has not defined `Office` yet (async script). */
  absentWaitMs?: number;
  /** Upper bound on Office.onReady (a broken host must not leave a blank pane forever). */
  readyTimeoutMs?: number;
  getOffice?: () => OfficeLike | undefined;
  navigatorLanguage?: string;
  prefersDark?: boolean;
  forcedColors?: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function globalOffice(): OfficeLike | undefined {
  return typeof Office === "undefined" ? undefined : (Office as unknown as OfficeLike);
}

/** Waits (briefly) for office.js and tells which host the page is in. */
export async function detectEnvironment(options: EnvironmentOptions = {}): Promise<Environment> {
  const getOffice = options.getOffice ?? globalOffice;
  const absentWaitMs = options.absentWaitMs ?? 400;
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  let office = getOffice();
  // The page's script tag records a failed office.js load (offline, blocked CDN).
  const failed = typeof window !== "undefined" && (window as { officeJsFailed?: boolean }).officeJsFailed === true;
  // office.js is a blocking script in the page head, so normally it has run by now; offline
  // or blocked it never defines Office: poll briefly, then carry on as a browser page.
  for (let waited = 0; !office && !failed && waited < absentWaitMs; waited += 50) {
    await sleep(50);
    office = getOffice();
  }
  let host: HostKind = "browser";
  if (office) {
    const info = await Promise.race([office.onReady().catch(() => ({ host: null })), sleep(readyTimeoutMs).then(() => ({ host: null }))]);
    if (info && info.host === "Excel") host = "excel";
  }
  const nav = options.navigatorLanguage ?? (typeof navigator !== "undefined" ? navigator.language : "en");
  const displayLanguage = host === "excel" ? office?.context?.displayLanguage : undefined;
  const locale = detectLocale(displayLanguage, nav);
  const theme = pickTheme(host === "excel" ? office?.context?.officeTheme : undefined, options);
  return { host, locale, theme };
}

/** Relative luminance of "#RRGGBB" (0 black … 1 white), or null when unreadable. */
export function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec((hex ?? "").trim());
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Office's theme when there is one (dark and black themes → dark), the system's high-contrast
 * and dark preferences otherwise.
 */
export function pickTheme(officeTheme: Partial<{ bodyBackgroundColor: string; isDarkTheme: boolean }> | undefined, options: EnvironmentOptions = {}): ThemeName {
  const media = (q: string) => typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia(q).matches;
  const forced = options.forcedColors ?? media("(forced-colors: active)");
  if (forced) return "highContrast";
  if (officeTheme) {
    if (typeof officeTheme.isDarkTheme === "boolean") return officeTheme.isDarkTheme ? "dark" : "light";
    const l = luminance(officeTheme.bodyBackgroundColor);
    if (l !== null) return l < 0.2 ? "dark" : "light";
  }
  const dark = options.prefersDark ?? media("(prefers-color-scheme: dark)");
  return dark ? "dark" : "light";
}
