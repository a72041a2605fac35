/**
 * Plan periods as calendar months. A plan starts at a month ("YYYY-MM") and is split into
 * `periods` equal runs of months when 12 is a multiple of the count (12 → months, 4 → quarters,
 * 2 → halves, 1 → the year); any other count is one month per period. Pure. Month
 * arithmetic is the year plan's (calendar.ts), so reviews and plans read months alike.
 */
import { monthKey } from "../sheet/cells";
import { parseMonth } from "./calendar";

/** "YYYY-MM" → months since year 0, for arithmetic (the year plan's calendar rule). */
export function monthIndex(month: string): number {
  const index = parseMonth(month);
  if (index === null) throw new RangeError(`Not a month: ${month}`);
  return index;
}

export function monthFromIndex(index: number): string {
  return monthKey(index);
}

export function addMonths(month: string, count: number): string {
  return monthFromIndex(monthIndex(month) + count);
}

/** How many calendar months one period spans. */
export function monthsPerPeriod(periods: number): number {
  return periods >= 1 && periods <= 12 && 12 % periods === 0 ? 12 / periods : 1;
}

/** The calendar months each period covers, in plan order. */
export function periodMonths(start: string, periods: number): string[][] {
  const span = monthsPerPeriod(periods);
  const first = monthIndex(start);
  const out: string[][] = [];
  for (let p = 0; p < periods; p++) {
    const months: string[] = [];
    for (let k = 0; k < span; k++) months.push(monthFromIndex(first + p * span + k));
    out.push(months);
  }
  return out;
}

/** The index of the period that holds `month`, or -1 when the month is outside the plan. */
export function periodOfMonth(start: string, periods: number, month: string): number {
  const offset = monthIndex(month) - monthIndex(start);
  if (offset < 0) return -1;
  const p = Math.floor(offset / monthsPerPeriod(periods));
  return p < periods ? p : -1;
}
