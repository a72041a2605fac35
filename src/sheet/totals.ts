/**
 * Totals rows: the rep cell of a line that adds up other lines ("Total", "TOTAL:", "Total
 * sales", "Subtotal North", "Grand Total", "Summa Norr", "Totalt 2025"). Such a row is not a
 * sale; counted as a rep it would double the history. Pure.
 *
 * The rule: the cell's first word (after trimming and case-folding, as reps are matched) is a
 * word of the family below, in English or Swedish, standing alone or followed by punctuation
 * (":" "." "-") and any words. The first word must be the whole family word, so real names
 * that merely start with the same letters stay reps ("Sumner Ortiz", "Totalia AB", "Summer
 * Lee"). "Sum" is a common name part too, so it counts only alone, before punctuation
 * ("Sum:", "Sum - North") or as "Sum of …".
 */
import { textKey } from "./cells";

/** First words that make a totals label (whole words, compared case-folded). */
const FAMILY: ReadonlySet<string> = new Set([
  // English
  "total",
  "totals",
  "subtotal",
  "subtotals",
  "grandtotal",
  // Swedish
  "totalt",
  "summa",
  "summor",
  "delsumma",
  "delsummor",
  "totalsumma",
  "slutsumma",
  "totalresultat",
  "delresultat",
]);

/** Two-word beginnings: "Grand Total", "Sub total", "Sub-total". */
const PAIRS: ReadonlySet<string> = new Set(["grand total", "grand totals", "sub total", "sub totals"]);

/** Word separators: spaces and the punctuation that follows a label ("Total:", "Sub-total", "Total."). */
const SEPARATORS = /[\s:.;,\-–—()/]+/;

/**
 * Whether a rep cell's text labels a totals row. Long texts are not labels (a label is a few
 * words); the check stays cheap however long the cell is.
 */
export function isTotalsLabel(text: string): boolean {
  if (text.length > 60) return false;
  // Every label starts with t, s, g or d: most names are settled by their first letter.
  const first = text.trimStart().charCodeAt(0) | 0x20;
  if (first !== 0x74 && first !== 0x73 && first !== 0x67 && first !== 0x64) return false;
  const key = textKey(text);
  if (key === "") return false;
  const words = key.split(SEPARATORS).filter((w) => w !== "");
  if (words.length === 0) return false;
  if (FAMILY.has(words[0])) return true;
  if (words.length >= 2 && PAIRS.has(`${words[0]} ${words[1]}`)) return true;
  // "Sum" alone, "Sum:" / "Sum - North", or "Sum of …"; not "Sum Li" (a name).
  return /^sum(?:$|\s*[:.\-–—]|\s+of(?:\s|$))/.test(key);
}
