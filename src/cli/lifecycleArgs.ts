/**
 * The command lines of `quota review` and `quota refresh` (parsed by args.ts, which hands over
 * the words it read), and `--letters` of `quota allocate` / `quota refresh`.
 */
import type { Locale } from "../i18n";
import { usageError } from "./messages";

export interface ReviewCommandOptions {
  command: "review";
  input: string;
  out: string;
  /** The last month of actuals to review, "YYYY-MM". */
  through: string;
  /** Another workbook with the actuals; null = the plan's own source sheet. */
  actuals: string | null;
  sheet: string | null;
  rep: string | null;
  value: string | null;
  date: string | null;
  skipInvalid: boolean;
  json: boolean;
  lang: Locale | null;
}

export interface RefreshCommandOptions {
  command: "refresh";
  input: string;
  out: string;
  letters: boolean;
  json: boolean;
  lang: Locale | null;
}

const REVIEW_OPTIONS = new Set(["--out", "--through", "--actuals", "--sheet", "--rep", "--value", "--date", "--skip-invalid", "--json", "--lang", "--help"]);
const REFRESH_OPTIONS = new Set(["--out", "--letters", "--json", "--lang", "--help"]);

function common(command: string, allowed: ReadonlySet<string>, rest: readonly string[], values: ReadonlyMap<string, string>, flags: ReadonlySet<string>): { input: string; out: string } {
  for (const option of [...values.keys(), ...flags]) if (!allowed.has(option)) throw usageError("optionNotFor", { option, command });
  const [input, ...extra] = rest;
  if (input === undefined) throw usageError("commandMissingInput", { command });
  if (extra.length > 0) throw usageError("extraArgument", { value: extra[0] });
  const out = values.get("--out");
  if (out === undefined || out.trim() === "") throw usageError("missingOut");
  if (!/\.xlsx$/i.test(out)) throw usageError("outNotXlsx", { value: out });
  return { input, out };
}

export function parseReviewArgs(
  rest: readonly string[],
  values: ReadonlyMap<string, string>,
  flags: ReadonlySet<string>,
  lang: Locale | null,
): ReviewCommandOptions | { command: "help"; topic: "review"; lang: Locale | null } {
  if (flags.has("--help")) return { command: "help", topic: "review", lang };
  const { input, out } = common("review", REVIEW_OPTIONS, rest, values, flags);
  const through = values.get("--through");
  if (through === undefined) throw usageError("throughRequired");
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(through.trim())) throw usageError("badThrough", { value: through });
  const text = (option: string): string | null => {
    const v = values.get(option);
    return v === undefined || v === "" ? null : v;
  };
  return {
    command: "review",
    input,
    out,
    through: through.trim(),
    actuals: text("--actuals"),
    sheet: text("--sheet"),
    rep: text("--rep"),
    value: text("--value"),
    date: text("--date"),
    skipInvalid: flags.has("--skip-invalid"),
    json: flags.has("--json"),
    lang,
  };
}

export function parseRefreshArgs(
  rest: readonly string[],
  values: ReadonlyMap<string, string>,
  flags: ReadonlySet<string>,
  lang: Locale | null,
): RefreshCommandOptions | { command: "help"; topic: "refresh"; lang: Locale | null } {
  if (flags.has("--help")) return { command: "help", topic: "refresh", lang };
  const { input, out } = common("refresh", REFRESH_OPTIONS, rest, values, flags);
  return { command: "refresh", input, out, letters: flags.has("--letters"), json: flags.has("--json"), lang };
}
