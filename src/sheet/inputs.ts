/**
 * Numbers a person types: the wizard's fields and the `quota` command's options read them
 * with these functions, so "1,5", a target of 0 or a blank review period get the same answer
 * in both. Pure.
 *
 * Grouping: spaces (also no-break and thin spaces), "_" and "'" are dropped. A run of
 * separators of one kind in groups of three ("1,500,000", "1.500.000") is grouping in either
 * language. With both "," and "." the last one is the decimal separator and the others must
 * group by three ("1,234.5", "1.234,5"). A single separator:
 * - English: "." is the decimal point; "," is grouping only as "1,500" (three digits after
 *   it). Anything else with a lone comma ("1,5") is refused rather than guessed.
 * - Swedish: "," is the decimal comma; "." is grouping as "1.500" and a decimal point
 *   otherwise ("2.5").
 * A leading + or − (also U+2212) and an exponent without separators (1e6) are accepted.
 */
import type { Locale } from "../i18n";
import { toUnits } from "../quota/allocate";

function grouped(intPart: string, sep: string): boolean {
  return new RegExp(`^[+-]?\\d{1,3}(\\${sep}\\d{3})+$`).test(intPart);
}

/** The number typed, or null when it is not one (or could be read two ways). */
export function parseNumberInput(text: string, locale: Locale): number | null {
  let s = text.replace(/[\s\u00a0\u202f_']/g, "").replace(/[\u2212\u2013]/g, "-");
  if (s === "") return null;
  const commas = s.split(",").length - 1;
  const dots = s.split(".").length - 1;
  if (commas > 0 && dots > 0) {
    const last = Math.max(s.lastIndexOf(","), s.lastIndexOf("."));
    const decimal = s[last];
    const group = decimal === "," ? "." : ",";
    const intPart = s.slice(0, last);
    if ((decimal === "," ? commas : dots) !== 1 || !grouped(intPart, group)) return null;
    s = intPart.split(group).join("") + "." + s.slice(last + 1);
  } else if (commas + dots > 1) {
    const sep = commas ? "," : ".";
    if (!grouped(s, sep)) return null;
    s = s.split(sep).join("");
  } else if (commas === 1) {
    if (locale === "sv") s = s.replace(",", ".");
    else if (grouped(s, ",")) s = s.replace(",", "");
    else return null; // "1,5" in English: a decimal comma or a typo; never guessed
  } else if (dots === 1 && locale === "sv" && grouped(s, ".")) {
    s = s.replace(".", "");
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Why a typed target cannot be used. */
export type TargetProblem = "targetRequired" | "invalidTarget" | "negativeTarget" | "zeroTarget";

/**
 * The target for the whole horizon: a number above 0. A target of 0 would give every rep a
 * quota of 0 and rate that "achievable", so it is refused like a negative one.
 */
export function parseTarget(text: string, locale: Locale): number | TargetProblem {
  if (text.trim() === "") return "targetRequired";
  const n = parseNumberInput(text, locale);
  if (n === null) return "invalidTarget";
  if (n < 0) return "negativeTarget";
  if (n === 0) return "zeroTarget";
  return n;
}

/**
 * Whether the target rounds to 0 at the rounding unit (7 at a unit of 1,000): every quota would
 * be 0, as with a target of 0, so the command and the wizard refuse it too.
 */
export function targetRoundsToZero(target: number, roundTo: number): boolean {
  return roundTo > 0 && target > 0 && toUnits(target, roundTo) === 0;
}

/** Why typed review periods cannot be used. */
export type PeriodsProblem = "periodsRequired" | "periodsNotNumber" | "periodsNotWhole";

/** Review periods: a whole number of at least 1 (12 = months). Blank is not "one period". */
export function parsePeriods(text: string, locale: Locale): number | PeriodsProblem {
  if (text.trim() === "") return "periodsRequired";
  const n = parseNumberInput(text, locale);
  if (n === null) return "periodsNotNumber";
  if (!Number.isInteger(n) || n < 1) return "periodsNotWhole";
  return n;
}
