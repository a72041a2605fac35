/**
 * The year plan's calendar: the twelve months from the plan start, how they group into
 * periods and what the periods are called, and a seasonal pattern by calendar month taken
 * from monthly history. Pure.
 */
import type { Locale } from "../i18n";
import { daysInMonth, monthKey } from "../sheet/cells";

/** year × 12 + (month − 1) of "YYYY-MM", or null when the text is no month. */
export function parseMonth(text: string): number | null {
  const m = /^(\d{4})-(\d{1,2})$/.exec(String(text).trim());
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return Number(m[1]) * 12 + month - 1;
}

/** The months a plan can start in: its twelve months must be months Excel's dates cover (1900-01 to 9999-12). */
export const FIRST_PLAN_START = "1900-01";
export const LAST_PLAN_START = "9999-01";

/** The plan start "YYYY-MM" as a month index, or null when it is no month or out of that range. */
export function parsePlanStart(text: string): number | null {
  const m = parseMonth(text);
  return m !== null && m >= 1900 * 12 && m <= 9999 * 12 ? m : null;
}

/** A period label as a table shows it: "2026-01", "2026-Q1" ("2026-K1", kvartal, in Swedish), "2026-P1". */
export function periodLabelIn(label: string, locale: Locale): string {
  return locale === "sv" ? label.replace(/^(\d{4})-Q([1-4])$/, "$1-K$2") : label;
}

/** Whether "YYYY-MM-DD" is a real day. */
export function isIsoDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function firstDay(monthIndex: number): string {
  return `${monthKey(monthIndex)}-01`;
}

export function lastDay(monthIndex: number): string {
  const y = Math.floor(monthIndex / 12);
  return `${monthKey(monthIndex)}-${daysInMonth(y, monthIndex - y * 12 + 1)}`;
}

export interface PeriodLayout {
  /** The twelve month indexes of the plan year, from the start. */
  months: number[];
  /** Months per period when the periods split the year evenly (12 → 1, 4 → 3); else null. */
  monthsPerPeriod: number | null;
  labels: string[];
}

/** Months for 12 periods ("2026-01"), quarters for 4 ("2026-Q1"; "2026-02" when the start is off-quarter), else "2026-P1". */
export function periodLayout(start: number, periods: number): PeriodLayout {
  const months = Array.from({ length: 12 }, (_, k) => start + k);
  const monthsPerPeriod = 12 % periods === 0 ? 12 / periods : null;
  const startYear = Math.floor(start / 12);
  const labels = Array.from({ length: periods }, (_, p) => {
    if (periods === 12) return monthKey(start + p);
    if (periods === 4) {
      const first = start + 3 * p;
      const year = Math.floor(first / 12);
      const month = first - year * 12;
      return month % 3 === 0 ? `${year}-Q${month / 3 + 1}` : monthKey(first);
    }
    return `${startYear}-P${p + 1}`;
  });
  return { months, monthsPerPeriod, labels };
}

/** Every month from the first to the last of `present` ("YYYY-MM"), so gaps count as months without sales. */
export function monthSpan(present: readonly string[]): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const key of present) {
    const m = parseMonth(key);
    if (m === null) continue;
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  const out: number[] = [];
  for (let m = lo; m <= hi; m++) out.push(m);
  return out;
}

export interface CalendarPattern {
  /** Average sales per calendar month (index 0 = January), negatives as 0. */
  weights: number[];
  /** Calendar months (1–12) the time frame does not cover: they take the average month. */
  missing: number[];
}

/**
 * Seasonality by calendar month: the average of each calendar month over the time frame
 * `span` (two Januaries count half each). A calendar month outside the time frame takes the
 * average of the others. Null when nothing was sold in the time frame.
 */
export function calendarPattern(byMonth: Readonly<Record<string, number>>, span: readonly number[]): CalendarPattern | null {
  const sums = new Array<number>(12).fill(0);
  const counts = new Array<number>(12).fill(0);
  for (const m of span) {
    const c = m % 12;
    counts[c]++;
    sums[c] += byMonth[monthKey(m)] ?? 0;
  }
  const weights = sums.map((s, c) => (counts[c] > 0 ? Math.max(0, s / counts[c]) : 0));
  const covered = weights.filter((_, c) => counts[c] > 0);
  const total = covered.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return null;
  const average = total / covered.length;
  const missing: number[] = [];
  for (let c = 0; c < 12; c++) {
    if (counts[c] === 0) {
      weights[c] = average;
      missing.push(c + 1);
    }
  }
  return { weights, missing };
}

// --- Period headers -----------------------------------------------------------------------

const MONTHS: Record<Locale, string[]> = {
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  sv: ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
};

/**
 * A period label as a column header: "2026-01" → "Jan 2026" / "jan 2026"; "2026-Q1" →
 * "Q1 2026" / "K1 2026"; "2026-P3" → "P3 2026". With `monthsPerPeriod` > 1 a month label is the
 * first month of a longer period: "Feb–Apr 2026", "Nov 2026–Jan 2027".
 */
export function periodHeader(label: string, locale: Locale = "en", monthsPerPeriod = 1): string {
  const months = MONTHS[locale] ?? MONTHS.en;
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]) - 1;
    if (month < 0 || month > 11) return label;
    if (monthsPerPeriod <= 1) return `${months[month]} ${year}`;
    const lastIndex = year * 12 + month + monthsPerPeriod - 1;
    const lastYear = Math.floor(lastIndex / 12);
    const lastMonth = months[lastIndex - lastYear * 12];
    return lastYear === year ? `${months[month]}–${lastMonth} ${year}` : `${months[month]} ${year}–${lastMonth} ${lastYear}`;
  }
  const q = /^(\d{4})-Q([1-4])$/.exec(label);
  if (q) return `${locale === "sv" ? "K" : "Q"}${q[2]} ${q[1]}`;
  const p = /^(\d{4})-P(\d+)$/.exec(label);
  if (p) return `P${p[2]} ${p[1]}`;
  return label;
}

/** The period headers of a plan, unique (Excel table columns must be). */
export function periodHeaders(plan: { periodLabels: readonly string[] }, locale: Locale = "en"): string[] {
  const periods = plan.periodLabels.length;
  const span = periods >= 1 && periods <= 12 && 12 % periods === 0 ? 12 / periods : 1;
  const seen = new Set<string>();
  return plan.periodLabels.map((label) => {
    let h = periodHeader(label, locale, span);
    for (let n = 2; seen.has(h.toLowerCase()); n++) h = `${periodHeader(label, locale, span)} (${n})`;
    seen.add(h.toLowerCase());
    return h;
  });
}
