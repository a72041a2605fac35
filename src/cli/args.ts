/**
 * The `quota` command line, parsed without dependencies. Accepts `--name value` and
 * `--name=value`; a value may start with "-" (`--growth -10%`). Everything is validated here,
 * before any file is opened, so a typo costs nothing.
 */
import { Locale } from "../i18n";
import { MAX_PLAN_AMOUNT, MIN_ROUND_UNIT, planAmountProblem, roundUnitProblem } from "../quota/validate";
import { FIRST_EXCEL_YEAR, isExcelDate, isExcelYear, LAST_EXCEL_YEAR } from "../sheet/cells";
import { addinSheetNames, isReservedSheetName } from "../plan/sheetNames";
import { parseNumberInput, parsePeriods, parseTarget, targetRoundsToZero } from "../sheet/inputs";
import { QUOTA_METHODS, QuotaMethod } from "../sheet/quotaPlan";
import { FORECAST_METHODS, type ForecastMethod } from "../quota/forecast";
import { FreezeCommandOptions, parseFreezeArgs } from "./freezeArgs";
import { parseRefreshArgs, parseReviewArgs, RefreshCommandOptions, ReviewCommandOptions } from "./lifecycleArgs";
import { usageError } from "./messages";
import type { Lock, Phasing } from "../plan/types";
import { parseLockArg, parsePhasingArg, parseRosterArg, parseStartArg, parseUpliftArg } from "./yearArgs";

export interface AllocateOptions {
  command: "allocate";
  input: string;
  out: string;
  sheet: string | null;
  rep: string | null;
  value: string | null;
  date: string | null;
  year: number | null;
  /** Start of the date range (00:00 UTC of that day). */
  from: Date | null;
  /** End of the date range, inclusive (the last millisecond of that day, UTC). */
  to: Date | null;
  method: QuotaMethod;
  target: number | null;
  periods: number;
  growth: number;
  /** What a forecast starts from: the last result (default), the monthly average, the trend or the growth curve. */
  forecastMethod: ForecastMethod;
  round: number;
  weights: string | null;
  costs: string[] | null;
  skipInvalid: boolean;
  json: boolean;
  lang: Locale | null;
  sheetOut: string | null;
  /** The year plan (src/plan/yearPlan.ts): phasing, first month, uplift, locks, team column, roster. */
  phasing: Phasing;
  start: string | null;
  uplift: number;
  locks: Lock[];
  team: string | null;
  roster: { file: string; sheet: string | null } | null;
  /** Also write one quota letter per rep. */
  letters: boolean;
}

export type Command =
  | { command: "help"; topic: HelpTopic; lang: Locale | null }
  | { command: "version" }
  | AllocateOptions
  | FreezeCommandOptions
  | ReviewCommandOptions
  | RefreshCommandOptions;

export type HelpTopic = "main" | "allocate" | "freeze" | "review" | "refresh";
const HELP_TOPICS: readonly string[] = ["allocate", "freeze", "review", "refresh"];

type OptionKind = "value" | "flag";

const OPTIONS: Record<string, OptionKind> = {
  "--out": "value",
  "--sheet": "value",
  "--rep": "value",
  "--value": "value",
  "--date": "value",
  "--year": "value",
  "--from": "value",
  "--to": "value",
  "--method": "value",
  "--target": "value",
  "--periods": "value",
  "--growth": "value",
  "--forecast": "value",
  "--round": "value",
  "--weights": "value",
  "--cost": "value",
  "--lang": "value",
  "--sheet-out": "value",
  "--phasing": "value",
  "--start": "value",
  "--uplift": "value",
  "--lock": "value",
  "--team": "value",
  "--roster": "value",
  "--through": "value",
  "--actuals": "value",
  "--skip-invalid": "flag",
  "--letters": "flag",
  "--json": "flag",
  "--help": "flag",
  "--version": "flag",
};

const SHORT: Record<string, string> = { "-h": "--help", "-V": "--version", "-o": "--out" };

/** Edit distance, for "did you mean" on a mistyped option. */
function distance(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

function unknownOption(name: string): Error {
  const best = Object.keys(OPTIONS)
    .map((o) => ({ o, d: distance(name, o) }))
    .sort((a, b) => a.d - b.d)[0];
  return best && best.d <= 2 ? usageError("unknownOptionSuggest", { value: name, suggestion: best.o }) : usageError("unknownOption", { value: name });
}

/**
 * A number as typed on a command line: 1500000, 1_500_000, "1 500 000", 1,500,000 (groups of
 * three only), 0.5, 1e6. A lone comma ("1,5") is refused rather than guessed. The wizard reads
 * its fields with the same parser (src/sheet/inputs.ts, English conventions here).
 */
export function parseNumberArg(text: string): number | null {
  return parseNumberInput(text, "en");
}

/** Growth as 0.3 or "30%". A bare whole number above 1 ("30") is almost surely meant as a percentage: refused with a hint. */
export function parseGrowthArg(text: string): number {
  const trimmed = text.trim();
  const percent = /%$/.test(trimmed);
  const n = parseNumberArg(percent ? trimmed.slice(0, -1) : trimmed);
  if (n === null) throw usageError("badGrowth", { value: text });
  if (!percent && Number.isInteger(n) && n > 1) throw usageError("growthLooksLikePercent", { value: trimmed, percent: n * 100 });
  const g = percent ? n / 100 : n;
  if (g <= -1) throw usageError("badGrowth", { value: text });
  return g;
}

/** YYYY-MM-DD as a UTC date (dates read from workbooks are UTC too). */
export function parseDateArg(option: string, text: string): Date {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
      if (!isExcelDate(date)) throw usageError("dateOutOfRange", { option, value: text, first: `${FIRST_EXCEL_YEAR}-01-01`, last: `${LAST_EXCEL_YEAR}-12-31` });
      return date;
    }
  }
  throw usageError("badDate", { option, value: text });
}

const DAY_MS = 86_400_000;

export function parseArgs(argv: readonly string[]): Command {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  const lockTexts: string[] = []; // --lock may be given many times
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositional || arg === "-" || !arg.startsWith("-")) {
      positional.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositional = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const rawName = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const name = SHORT[rawName] ?? rawName;
    const kind = OPTIONS[name];
    if (!kind) throw unknownOption(rawName);
    if (kind === "flag") {
      if (eq > 0 && arg.startsWith("--")) throw usageError("flagValue", { option: name });
      flags.add(name);
      continue;
    }
    let value: string;
    if (arg.startsWith("--") && eq > 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw usageError("missingValue", { option: name });
      value = argv[++i];
    }
    if (name === "--lock") {
      lockTexts.push(value);
      continue;
    }
    if (values.has(name)) throw usageError("givenTwice", { option: name });
    values.set(name, value);
  }

  const langText = values.get("--lang");
  let lang: Locale | null = null;
  if (langText !== undefined) {
    if (!/^(en|sv)([-_].*)?$/i.test(langText)) throw usageError("badLang", { value: langText });
    lang = langText.toLowerCase().startsWith("sv") ? "sv" : "en";
  }

  const [commandName, ...rest] = positional;
  if (flags.has("--version") && !flags.has("--help")) return { command: "version" };
  if (commandName === undefined || commandName === "help") {
    return { command: "help", topic: HELP_TOPICS.includes(rest[0]) ? (rest[0] as HelpTopic) : "main", lang };
  }
  if (commandName === "freeze") return parseFreezeArgs(rest, values, flags, lang);
  if (commandName === "review") return parseReviewArgs(rest, values, flags, lang);
  if (commandName === "refresh") return parseRefreshArgs(rest, values, flags, lang);
  if (commandName !== "allocate") throw usageError("unknownCommand", { value: commandName });
  if (flags.has("--help")) return { command: "help", topic: "allocate", lang };

  for (const option of ["--through", "--actuals"]) if (values.has(option)) throw usageError("optionNotFor", { option, command: "allocate" });
  const [input, ...extra] = rest;
  if (input === undefined) throw usageError("missingInput");
  if (extra.length > 0) throw usageError("extraArgument", { value: extra[0] });
  const out = values.get("--out");
  if (out === undefined || out.trim() === "") throw usageError("missingOut");
  if (!/\.xls[xm]$/i.test(out)) throw usageError("outNotXlsx", { value: out });

  const methodText = values.get("--method") ?? "bottomup";
  const method = methodText.toLowerCase().replace(/[-_ ]/g, "") as QuotaMethod;
  if (!QUOTA_METHODS.includes(method)) throw usageError("badMethod", { value: methodText });

  const number = (option: string): number | null => {
    const text = values.get(option);
    if (text === undefined) return null;
    const n = parseNumberArg(text);
    if (n === null) throw usageError("badNumber", { option, value: text });
    return n;
  };

  const targetText = values.get("--target");
  const parsedTarget = targetText === undefined ? null : parseTarget(targetText, "en");
  if (parsedTarget === "negativeTarget") throw usageError("negativeNumber", { option: "--target", value: targetText ?? "" });
  if (parsedTarget === "zeroTarget") throw usageError("zeroTarget", { value: targetText ?? "" });
  if (typeof parsedTarget === "string") throw usageError("badNumber", { option: "--target", value: targetText ?? "" });
  const target = parsedTarget;
  if (target !== null && planAmountProblem(target) !== null) throw usageError("numberTooLarge", { option: "--target", value: targetText ?? "", max: MAX_PLAN_AMOUNT.toExponential() });
  if (target === null && method !== "forecast") throw usageError("targetRequired", { method });
  const periodsText = values.get("--periods");
  const parsedPeriods = periodsText === undefined ? 1 : parsePeriods(periodsText, "en");
  if (parsedPeriods === "periodsNotWhole") throw usageError("badWhole", { option: "--periods", value: periodsText ?? "", min: 1 });
  if (typeof parsedPeriods === "string") throw usageError("badNumber", { option: "--periods", value: periodsText ?? "" });
  const periods = parsedPeriods;
  const round = number("--round") ?? 1;
  if (round < 0) throw usageError("negativeNumber", { option: "--round", value: values.get("--round") ?? "" });
  const roundProblem = roundUnitProblem(round);
  if (roundProblem === "aboveMaximum") throw usageError("numberTooLarge", { option: "--round", value: values.get("--round") ?? "", max: MAX_PLAN_AMOUNT.toExponential() });
  if (roundProblem !== null) throw usageError("roundTooSmall", { value: values.get("--round") ?? "", min: MIN_ROUND_UNIT.toExponential() });
  if (target !== null && method !== "forecast" && targetRoundsToZero(target, round)) throw usageError("targetRoundsToZero", { value: targetText ?? "", round: values.get("--round") ?? "" });
  const growthText = values.get("--growth");
  const growth = growthText === undefined ? 0 : parseGrowthArg(growthText);
  const forecastText = values.get("--forecast");
  const forecastMethod = (forecastText ?? "last").trim().toLowerCase() as ForecastMethod;
  if (!FORECAST_METHODS.includes(forecastMethod)) throw usageError("badForecast", { value: forecastText ?? "", methods: FORECAST_METHODS.join(", ") });
  if (forecastText !== undefined && method !== "forecast") throw usageError("forecastNeedsForecast");

  const yearText = values.get("--year");
  let year: number | null = null;
  if (yearText !== undefined) {
    if (!/^\d{4}$/.test(yearText.trim())) throw usageError("badYear", { value: yearText });
    year = Number(yearText.trim());
    if (!isExcelYear(year)) throw usageError("yearOutOfRange", { value: yearText, first: FIRST_EXCEL_YEAR, last: LAST_EXCEL_YEAR });
  }
  const fromText = values.get("--from");
  const toText = values.get("--to");
  if (year !== null && (fromText !== undefined || toText !== undefined)) throw usageError("yearAndRange");
  const from = fromText === undefined ? null : parseDateArg("--from", fromText);
  const toDay = toText === undefined ? null : parseDateArg("--to", toText);
  if (from && toDay && from > toDay) throw usageError("rangeReversed", { from: fromText ?? "", to: toText ?? "" });
  const to = toDay ? new Date(toDay.getTime() + DAY_MS - 1) : null;

  const weights = values.get("--weights") ?? null;
  if (weights !== null && method !== "topdown") throw usageError("weightsNeedTopdown");
  const costText = values.get("--cost");
  if (costText !== undefined && method !== "profit") throw usageError("costNeedsProfit");
  const costs = costText === undefined ? null : costText.split(",").map((c) => c.trim()).filter((c) => c !== "");
  if (costs !== null && costs.length === 0) throw usageError("missingValue", { option: "--cost" });

  const text = (option: string): string | null => {
    const v = values.get(option);
    return v === undefined || v === "" ? null : v;
  };
  const sheetOut = text("--sheet-out");
  if (sheetOut !== null && isReservedSheetName(sheetOut)) throw usageError("sheetOutReserved", { value: sheetOut, names: addinSheetNames().join(", ") });
  return {
    command: "allocate",
    input,
    out,
    sheet: text("--sheet"),
    rep: text("--rep"),
    value: text("--value"),
    date: text("--date"),
    year,
    from,
    to,
    method,
    target,
    periods,
    growth,
    forecastMethod,
    round,
    weights,
    costs,
    skipInvalid: flags.has("--skip-invalid"),
    json: flags.has("--json"),
    lang,
    sheetOut,
    phasing: parsePhasingArg(values.get("--phasing") ?? "equal"),
    start: values.has("--start") ? parseStartArg(values.get("--start") as string) : null,
    uplift: values.has("--uplift") ? parseUpliftArg(values.get("--uplift") as string) : 0,
    locks: lockTexts.map(parseLockArg),
    team: text("--team"),
    roster: values.has("--roster") ? parseRosterArg(values.get("--roster") as string) : null,
    letters: flags.has("--letters"),
  };
}

/**
 * The --lang of a command line, looked up on its own so that a mistake elsewhere on the same
 * line is already reported in that language.
 */
export function langFromArgv(argv: readonly string[]): Locale | null {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--") break;
    const text = argv[i] === "--lang" ? argv[i + 1] : argv[i].startsWith("--lang=") ? argv[i].slice(7) : undefined;
    if (text !== undefined && /^(en|sv)([-_].*)?$/i.test(text)) return text.toLowerCase().startsWith("sv") ? "sv" : "en";
  }
  return null;
}

/** The user's language from the environment, as POSIX orders it: LC_ALL, LC_MESSAGES, LANG. */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^sv([_.@-]|$)/i.test(value) ? "sv" : "en";
}
