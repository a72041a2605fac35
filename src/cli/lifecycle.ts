/**
 * The plan's life through the year, in the `quota` command:
 *   quota refresh <book.xlsx> --out <out.xlsx>      the stored plan made again from its source
 *   quota review <plan.xlsx> --through YYYY-MM ...  attainment against actuals (Attainment sheet)
 * Thin: the rules are in src/plan (stored.ts, review.ts, attainmentSheet.ts); reading and
 * writing go through the same code as `quota allocate`.
 */
import path from "path";
import { Locale, LocalizedError } from "../i18n";
import { buildAttainmentWritePlan } from "../plan/attainmentSheet";
import { ATTAINMENT_SHEET } from "../plan/sheetNames";
import type { Review } from "../plan/review";
import { reviewFromWorkbook, reviewOfSource, reviewRange } from "../plan/reviewSource";
import type { Aggregation } from "../sheet/aggregate";
import { readStoredPlan, StoredPlan, StoredPlanError } from "../plan/stored";
import { storedPlanInputs } from "../plan/storedInputs";
import { diffPlans } from "../plan/planDiff";
import { decimalsOf, formatNumber } from "../sheet/quotaPlan";
import { chooseOwnSheet, OutputSheetTakenError } from "../workbook/plan";
import type { WorkbookPort } from "../workbook/port";
import { openXlsxFile } from "../workbook/xlsx-file";
import { openCsvFile } from "../workbook/csv-file";
import { fileKindOf } from "../workbook/fileKind";
import type { AllocateOptions } from "./args";
import type { RefreshCommandOptions, ReviewCommandOptions } from "./lifecycleArgs";
import { CliError } from "./messages";
import { allocate, CliIO, progress, readSource } from "./main";

type CheckPaths = (options: { input: string; out: string }, cwd: string) => { input: string; out: string };

async function openWorkbook(file: string, shown: string): Promise<WorkbookPort & { save(out: string): Promise<void> }> {
  try {
    return fileKindOf(file) === "csv" ? await openCsvFile(file) : await openXlsxFile(file);
  } catch (e) {
    if (e instanceof LocalizedError) throw e;
    throw new CliError("readFailed", { path: shown, detail: e instanceof Error ? e.message : String(e) });
  }
}

async function storedPlanOf(port: WorkbookPort, file: string): Promise<StoredPlan> {
  const stored = await readStoredPlan(port);
  if (!stored) throw new StoredPlanError("noPlan", { file });
  return stored;
}

/** The command line `quota allocate` would have been given to make the stored plan (the shared rule: storedPlanInputs). */
export function allocateOptionsOf(stored: StoredPlan, input: string, out: string, extra: { json: boolean; lang: Locale | null; letters: boolean }): AllocateOptions {
  const i = storedPlanInputs(stored);
  return {
    command: "allocate",
    input,
    out,
    sheet: i.sheet,
    rep: i.columns.rep,
    value: i.columns.amount,
    date: i.columns.date,
    year: i.year,
    from: i.from,
    to: i.to,
    method: i.method,
    target: i.target,
    periods: i.periods,
    growth: i.growth,
    forecastMethod: i.forecastMethod ?? "last",
    round: i.roundTo,
    weights: i.weighting === "weight" ? i.columns.weight : null,
    costs: i.method === "profit" ? i.columns.costs : null,
    skipInvalid: i.skipInvalid,
    json: extra.json,
    lang: extra.lang,
    sheetOut: i.outputSheet,
    phasing: i.phasing,
    start: i.start,
    uplift: i.uplift,
    locks: i.locks,
    team: i.columns.team,
    roster: null,
    letters: extra.letters,
  };
}

/** Reps whose quota or schedule changed, as "Anna 216,200 → 220,000", plus reps added or gone (diffPlans). */
export function planChanges(before: readonly { rep: string; quota: number; schedule: number[] }[], after: { rep: string; quota: number; schedule: number[] }[], locale: Locale): string[] {
  const n = (x: number) => formatNumber(x, locale);
  const sv = locale === "sv";
  return diffPlans(before, after).changes.map((c) => {
    if (c.before === null) return `${c.rep} ${sv ? "ny" : "new"}: ${n(c.after as number)}`;
    if (c.after === null) return `${c.rep} ${sv ? "borta" : "gone"}: ${n(c.before)}`;
    if (c.scheduleOnly) return `${c.rep} ${sv ? "nytt schema" : "new schedule"}`;
    return `${c.rep} ${n(c.before)} → ${n(c.after)}`;
  });
}

export async function refreshCommand(options: RefreshCommandOptions, io: CliIO, locale: Locale, checkPaths: CheckPaths): Promise<void> {
  const { input } = checkPaths(options, io.cwd);
  const stored = await storedPlanOf(await openWorkbook(input, options.input), options.input);
  const allocateOptions = allocateOptionsOf(stored, options.input, options.out, { json: options.json, lang: options.lang, letters: options.letters });
  const inputs = storedPlanInputs(stored);
  const plan = await allocate(allocateOptions, io, locale, { roster: inputs.roster, rosterSource: inputs.rosterSource, schedule: inputs.schedule });
  const changes = planChanges(stored.result.rows, plan.rows, locale);
  const say = (key: string, params: Record<string, string | number> = {}) => io.stderr(`${new CliError(key, params).messageIn(locale)}\n`);
  if (changes.length === 0) say("refreshSame");
  else say("refreshChanges", { changes: changes.length > 20 ? `${changes.slice(0, 20).join("; ")}; … (+${changes.length - 20})` : changes.join("; ") });
}

/** The review as `--json` prints it. */
export function reviewJson(review: Review): object {
  const figures = (f: Review["total"]) => ({
    quota: f.quota,
    quotaToDate: f.quotaToDate,
    actualToDate: f.actualToDate,
    attainment: f.attainment,
    projection: f.projection,
    byPeriod: f.byPeriod,
  });
  return {
    through: review.through,
    periods: review.periods,
    periodsInPlan: review.periodsInPlan,
    rows: review.rows.map((r) => ({ rep: r.rep, team: r.team, ...figures(r) })),
    teams: review.teams.map((t) => ({ team: t.team, ...figures(t) })),
    total: figures(review.total),
    atOrAbove: review.atOrAbove,
    distribution: review.distribution,
    unmatched: review.unmatched,
  };
}

function pct(value: number | null, locale: Locale): string {
  return value === null ? "—" : `${formatNumber(value * 100, locale, 1, 1)} %`;
}

/** The review as a plain table for the terminal, amounts in whole units of the plan's rounding. */
export function formatReviewTable(review: Review, locale: Locale, roundTo = 1): string {
  const sv = locale === "sv";
  const headers = sv ? ["Säljare", "Kvot hittills", "Utfall", "Uppfyllelse", "Prognos"] : ["Rep", "Quota to date", "Actual", "Attainment", "Projection"];
  const decimals = decimalsOf(roundTo);
  const n = (x: number) => formatNumber(x, locale, decimals, decimals);
  const rows = review.rows.map((r) => [r.rep, n(r.quotaToDate), n(r.actualToDate), pct(r.attainment, locale), n(r.projection)]);
  const t = review.total;
  const total = [sv ? "Totalt" : "Total", n(t.quotaToDate), n(t.actualToDate), pct(t.attainment, locale), n(t.projection)];
  const widths = headers.map((h, i) => [h, ...rows.map((r) => r[i]), total[i]].reduce((m, s) => Math.max(m, [...s].length), 0));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(headers), rule, ...rows.map(line), rule, line(total)].join("\n") + "\n";
}

export async function reviewCommand(options: ReviewCommandOptions, io: CliIO, locale: Locale, checkPaths: CheckPaths): Promise<Review> {
  const { input, out } = checkPaths(options, io.cwd);
  const p = progress(io, locale);
  const planBook = await openWorkbook(input, options.input);
  const stored = await storedPlanOf(planBook, options.input);
  const actualsPath = options.actuals ? path.resolve(io.cwd, options.actuals) : null;
  const actualsPort = actualsPath ? await openWorkbook(actualsPath, options.actuals as string) : planBook;
  const sameSource = actualsPath === null;
  const file = path.basename(options.actuals ?? options.input);
  let reviewed: { review: Review; aggregation: Aggregation; sourceSheet: string };
  if (sameSource && options.sheet === null && options.rep === null && options.value === null && options.date === null) {
    // The plan's own source, as the task pane reviews it (same reading, same messages).
    reviewed = await reviewFromWorkbook(planBook, stored, options.through, { skipInvalid: options.skipInvalid, onProgress: p.rows(stored.source.sheet) });
    p.done();
  } else {
    // The plan's months only: from the start to the end of the --through month.
    const { from, to } = reviewRange(stored, options.through);
    const sourceOptions = {
      ...allocateOptionsOf(stored, options.actuals ?? options.input, options.out, { json: options.json, lang: options.lang, letters: false }),
      sheet: options.sheet ?? (sameSource ? stored.source.sheet : null),
      rep: options.rep ?? (sameSource ? stored.source.columns.rep : null),
      value: options.value ?? (sameSource ? stored.source.columns.amount : null),
      date: options.date ?? (sameSource ? stored.source.columns.date : null),
      year: null,
      from,
      to,
      weights: null,
      costs: stored.params.method === "profit" && sameSource ? stored.source.columns.costs : null,
      team: null,
      skipInvalid: options.skipInvalid,
    };
    const source = await readSource(actualsPort, sourceOptions, file, p);
    p.done();
    reviewed = { ...reviewOfSource(stored, options.through, source, options.skipInvalid), sourceSheet: source.sheet };
  }
  const { review, aggregation } = reviewed;
  const decimals = decimalsOf(stored.params.roundTo);
  const sheetName = await chooseOwnSheet(ATTAINMENT_SHEET, locale, (name) => planBook.ownership(name));
  const sheetPlan = buildAttainmentWritePlan(review, { source: `${file}, ${reviewed.sourceSheet}`, createdAt: io.now() }, stored.params.roundTo, locale, sheetName);
  try {
    await planBook.apply(sheetPlan);
    await planBook.save(out);
  } catch (e) {
    if (e instanceof OutputSheetTakenError) throw new CliError("outputSheetTaken", { file: path.basename(input), sheet: sheetPlan.sheet });
    if (e instanceof LocalizedError) throw e;
    throw new CliError("writeFailed", { path: options.out, detail: e instanceof Error ? e.message : String(e) });
  }

  const say = (key: string, params: Record<string, string | number> = {}) => io.stderr(`${new CliError(key, params).messageIn(locale)}\n`);
  // Whole numbers, as the table shows them: the summary's total is the table's total row.
  const n = (x: number) => formatNumber(x, locale, 0);
  say("rowsSummary", { read: n(aggregation.rowsRead), used: n(aggregation.rowsUsed), outside: n(aggregation.rowsOutOfRange), skipped: n(aggregation.skipped.length) });
  say("reviewSummary", {
    through: review.through,
    periods: review.periods.length,
    total: review.periodsInPlan,
    // Amounts in whole rounding units, as the table below and the Attainment sheet show them.
    actual: formatNumber(review.total.actualToDate, locale, decimals, decimals),
    quota: formatNumber(review.total.quotaToDate, locale, decimals, decimals),
    attainment: pct(review.total.attainment, locale),
    atOrAbove: pct(review.atOrAbove, locale),
  });
  if (review.unmatched.length > 0) {
    const names = review.unmatched.slice(0, 10).map((u) => `${u.rep} (${formatNumber(u.actualToDate, locale, decimals, decimals)})`);
    say("reviewUnmatched", { reps: review.unmatched.length > 10 ? `${names.join(", ")} (+${review.unmatched.length - 10})` : names.join(", ") });
  }
  if (options.json) io.stdout(`${JSON.stringify(reviewJson(review), null, 2)}\n`);
  else io.stdout(formatReviewTable(review, locale, stored.params.roundTo));
  say("wroteReview", { sheet: sheetPlan.sheet, file: options.out, reps: n(review.rows.length) });
  return review;
}
