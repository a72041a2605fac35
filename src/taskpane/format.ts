/** Number and date display in the wizard's language (sv: "1 500 000", en: "1,500,000"). */
import type { Locale } from "../i18n";

const TAG: Record<Locale, string> = { en: "en-US", sv: "sv-SE" };

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, style: "decimal" | "percent", digits: number): Intl.NumberFormat {
  const key = `${locale}|${style}|${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(TAG[locale], { style, maximumFractionDigits: digits, minimumFractionDigits: 0 });
    numberFormats.set(key, f);
  }
  return f;
}

/** Amounts: grouped, at most `digits` decimals (rounded for display only). */
export function formatNumber(value: number, locale: Locale, digits = 2): string {
  return numberFormat(locale, "decimal", digits).format(value);
}

/** A share or growth given as a fraction (0.25 → "25 %" / "25%"). */
export function formatPercent(fraction: number, locale: Locale, digits = 1): string {
  return numberFormat(locale, "percent", digits).format(fraction);
}

/** "2025-03" → "Mar 2025" / "mars 2025". */
export function formatMonth(yyyyMm: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(yyyyMm);
  if (!m) return yyyyMm;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(TAG[locale], { month: "short", year: "numeric", timeZone: "UTC" }).format(d);
}

const compactFormats = new Map<Locale, Intl.NumberFormat>();

/**
 * A large amount in a few characters where space is short: 12,345,678 → "12.3M" / "12,3 mn".
 * Below 10,000 the full number is as short, so it is kept (rounded to `digits` decimals).
 */
export function formatCompact(value: number, locale: Locale, digits = 0): string {
  if (Math.abs(value) < 10_000) return formatNumber(value, locale, digits);
  let f = compactFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(TAG[locale], { notation: "compact", maximumSignificantDigits: 3 });
    compactFormats.set(locale, f);
  }
  return f.format(value);
}
