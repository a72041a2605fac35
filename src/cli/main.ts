/**
 * The `quota` command: a sales workbook in, the same workbook with a Quotas sheet out.
 *
 *   quota allocate <in.xlsx> --out <out.xlsx> [options]      (see helpText())
 *
 * stdout carries the result (the quota table, or JSON with --json); stderr carries progress,
 * warnings and errors. Errors are one line in the user's language and a non-zero exit code:
 * 2 for a wrong command line, 1 for anything else. QUOTA_DEBUG=1 adds the stack trace.
 */
import fs from "fs";
import path from "path";
import { Locale, LocalizedError } from "../i18n";
import { aggregate, Aggregation } from "../sheet/aggregate";
import { ColumnMapping, DetectedTable, detectTable, findColumn, profitColumn } from "../sheet/detect";
import { validateMapping } from "../sheet/mapping";
import { assessTarget, untimedHistory } from "../quota/realism";
import { formatNumber, planWarningText, QuotaPlan, QuotaPlanParams } from "../sheet/quotaPlan";
import { RowsBelow, tableEnd } from "../sheet/extent";
import { chooseOutputSheet, chooseOwnSheet, columnLetter, OutputSheetTakenError } from "../workbook/plan";
import type { RangeRef, SheetInfo, SheetSnapshot, WorkbookPort } from "../workbook/port";
import { buildQuotaWritePlan, QuotaProvenance } from "../workbook/quotaSheet";
import { annualPlan } from "../workbook/yearSheet";
import { openCsvFile } from "../workbook/csv-file";
import { fileKindOf } from "../workbook/fileKind";
import { checkOutputTarget } from "../workbook/node-write";
import { openXlsxFile } from "../workbook/xlsx-file";
import { buildLettersWritePlan } from "../plan/lettersSheet";
import { LETTERS_SHEET } from "../plan/sheetNames";
import { yearPlanNoteText } from "../plan/messages";
import { storedPlanOf, storedPlanWritePlan } from "../plan/stored";
import type { RosterEntry, YearPlan } from "../plan/types";
import { planYear } from "../plan/yearPlan";
import { AllocateOptions, langFromArgv, localeFromEnv, parseArgs } from "./args";
import { formatPlanTable, formatYearPlan, yearPlanJson } from "./format";
import { freezeCommand } from "./freeze";
import { refreshCommand, reviewCommand } from "./lifecycle";
import { loadRoster } from "./roster";
import { checkYearOptions, yearOptionsGiven, yearPlanParams } from "./yearArgs";
import { helpText } from "./help";
import { CliError } from "./messages";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress redraws in place) or a file/pipe (a few lines). */
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  now(): Date;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

export function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

/** Column roles as the summary line names them. */
const ROLE_NAMES: Record<Locale, Record<string, string>> = {
  en: { rep: "rep", amount: "amount", date: "date", costs: "costs", weight: "weight", team: "team" },
  sv: { rep: "säljare", amount: "belopp", date: "datum", costs: "kostnader", weight: "vikt", team: "team" },
};

/** Rows of the sheet read to find the header: titles and notes often sit above the table. */
const HEAD_ROWS = 100;

/** Runs the command; resolves to the exit code (never throws, never exits the process). */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let locale: Locale = langFromArgv(argv) ?? localeFromEnv(io.env);
  try {
    const command = parseArgs(argv);
    if (command.command !== "version" && command.lang) locale = command.lang;
    if (command.command === "version") {
      io.stdout(`${version()}\n`);
      return 0;
    }
    if (command.command === "help") {
      // `quota` alone is a mistake: the help goes to stderr with exit code 2.
      if (argv.length === 0) {
        io.stderr(helpText(command.topic, locale));
        return 2;
      }
      io.stdout(helpText(command.topic, locale));
      return 0;
    }
    if (command.command === "freeze") {
      await freezeCommand(command, io, locale, checkPaths);
      return 0;
    }
    if (command.command === "review") {
      await reviewCommand(command, io, locale, checkPaths);
      return 0;
    }
    if (command.command === "refresh") {
      await refreshCommand(command, io, locale, checkPaths);
      return 0;
    }
    await allocate(command, io, locale);
    return 0;
  } catch (error) {
    io.stderr(`${errorLine(error, locale)}\n`);
    if (io.env.QUOTA_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

/** One line, in the user's language, for any failure. */
export function errorLine(error: unknown, locale: Locale): string {
  const text =
    error instanceof LocalizedError
      ? error.messageIn(locale)
      : new CliError("unexpected", { detail: error instanceof Error ? error.message : String(error) }).messageIn(locale);
  return text.replace(/\s*\n\s*/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------

export interface Progress {
  step(text: string): void;
  rows(sheet: string): (done: number, total: number) => void;
  done(): void;
}

/**
 * Progress on stderr. On a terminal it is redrawn in place. Otherwise (a log, a pipe) only a
 * long read reports, one line every few seconds, so quick runs and failures stay one line.
 */
export function progress(io: CliIO, locale: Locale): Progress {
  let open = false;
  let last = 0;
  let started = Date.now();
  const clear = () => {
    if (open) io.stderr("\r\u001b[K");
    open = false;
  };
  return {
    step(text) {
      started = Date.now();
      if (!io.stderrIsTTY) return;
      clear();
      io.stderr(text);
      open = true;
    },
    rows(sheet) {
      return (done, total) => {
        const now = Date.now();
        const line = () => {
          const text = new CliError("readingRows", { sheet, done: formatNumber(done, locale) }).messageIn(locale);
          return total > 0 ? `${text} / ${formatNumber(total, locale)}` : text;
        };
        if (io.stderrIsTTY) {
          if (now - last < 100 && done < total) return;
          last = now;
          clear();
          io.stderr(line());
          open = true;
        } else if (now - started >= 2000 && now - last >= 5000 && done < total) {
          last = now;
          io.stderr(`${line()}\n`);
        }
      };
    },
    done: clear,
  };
}

function say(io: CliIO, locale: Locale, key: ConstructorParameters<typeof CliError>[0], params: Record<string, string | number> = {}): void {
  io.stderr(`${new CliError(key, params).messageIn(locale)}\n`);
}

function realpathOrNull(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

/** Input must be a readable file; output must not be the input, even through links or "..". */
function checkPaths(options: { input: string; out: string }, cwd: string): { input: string; out: string } {
  const input = path.resolve(cwd, options.input);
  const out = path.resolve(cwd, options.out);
  const stat = fs.statSync(input, { throwIfNoEntry: false });
  if (!stat) throw new CliError("inputMissing", { path: options.input });
  if (!stat.isFile()) throw new CliError("inputNotFile", { path: options.input });
  const realInput = fs.realpathSync(input);
  const outDir = path.dirname(out);
  const realDir = realpathOrNull(outDir);
  if (!realDir) throw new CliError("outDirMissing", { path: options.out, dir: path.dirname(options.out) });
  const realOut = realpathOrNull(out) ?? path.join(realDir, path.basename(out));
  const same = (a: string, b: string) => (process.platform === "win32" || process.platform === "darwin" ? a.toLowerCase() === b.toLowerCase() : a === b);
  if (same(realOut, realInput)) throw new CliError("sameFile", { path: options.out }, 2);
  const outStat = fs.statSync(out, { throwIfNoEntry: false });
  if (outStat && stat.ino !== 0 && outStat.ino === stat.ino && outStat.dev === stat.dev) throw new CliError("sameFile", { path: options.out }, 2);
  // A folder, FIFO, device or read-only file is refused before the (maybe long) read.
  checkOutputTarget(out, options.out);
  return { input, out };
}

function headersList(table: DetectedTable): string {
  return table.columns.map((c) => `${columnLetter(c.column)} "${c.header.trim()}"`).join(", ");
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function headerOf(table: DetectedTable, column: number): string {
  return table.columns.find((c) => c.column === column)?.header.trim() || columnLetter(column);
}

/** The column a user named (header text or letter), or the detected one. */
function resolveColumn(table: DetectedTable, sheet: string, option: string, name: string | null, detected: number | null): number | null {
  if (name === null) return detected;
  const column = findColumn(table, name);
  if (column === null) throw new CliError("unknownColumn", { sheet, value: name, option, columns: headersList(table) });
  return column;
}

async function readHead(port: WorkbookPort, used: RangeRef): Promise<SheetSnapshot> {
  return port.read({ ...used, lastRow: Math.min(used.lastRow, used.firstRow + HEAD_ROWS - 1) });
}

/** The sheet to read: --sheet (Excel matches names case-insensitively), else the first with a sales table. */
async function chooseSheet(port: WorkbookPort, sheets: SheetInfo[], wanted: string | null, file: string): Promise<{ sheet: SheetInfo; head: SheetSnapshot; table: DetectedTable }> {
  const names = sheets.map((s) => `"${s.name}"`).join(", ");
  if (wanted !== null) {
    const sheet = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (!sheet) throw new CliError("sheetMissing", { sheet: wanted, file, sheets: names });
    if (!sheet.used) throw new CliError("noTable", { sheet: sheet.name });
    const head = await readHead(port, sheet.used);
    const table = detectTable(head);
    if (!table) throw new CliError("noTable", { sheet: sheet.name });
    return { sheet, head, table };
  }
  // A sheet where both a rep and an amount column are recognised wins; failing that, the first
  // sheet with any table, so the message can say which column to name.
  let fallback: { sheet: SheetInfo; head: SheetSnapshot; table: DetectedTable } | null = null;
  for (const sheet of sheets) {
    if (!sheet.used) continue;
    const head = await readHead(port, sheet.used);
    const table = detectTable(head);
    if (!table) continue;
    if (table.suggested.rep !== null && table.suggested.amount !== null) return { sheet, head, table };
    fallback ??= { sheet, head, table };
  }
  if (fallback) return fallback;
  throw new CliError("noSalesSheet", { file });
}

export interface Source {
  sheet: string;
  table: DetectedTable;
  mapping: ColumnMapping;
  snapshot: SheetSnapshot;
  /** Non-blank rows below the table's first blank row (not read as data). */
  below: RowsBelow | null;
}

export async function readSource(port: WorkbookPort, options: AllocateOptions, file: string, p: Progress): Promise<Source> {
  const sheets = await port.listSheets();
  const { sheet, head, table } = await chooseSheet(port, sheets, options.sheet, file);
  const name = sheet.name;
  const s = table.suggested;
  const columns = headersList(table);
  const rep = resolveColumn(table, name, "--rep", options.rep, s.rep);
  if (rep === null) throw new CliError("repNotDetected", { sheet: name, columns });
  let amount = resolveColumn(table, name, "--value", options.value, s.amount);
  if (amount === null) throw new CliError("valueNotDetected", { sheet: name, columns });
  const needsDate = options.year !== null || options.from !== null || options.to !== null;
  const date = resolveColumn(table, name, "--date", options.date, s.date);
  if (needsDate && date === null) throw new CliError("dateNotDetected", { sheet: name, columns });
  let costs: number[] = [];
  if (options.method === "profit") {
    costs = options.costs ? options.costs.map((c) => resolveColumn(table, name, "--cost", c, null) as number) : s.costs.filter((c) => c !== amount);
    // No costs named or found: a ready-made profit column (Profit, Vinst, Margin) is the measure.
    const ready = costs.length === 0 && options.value === null ? profitColumn(table) : null;
    if (ready !== null) amount = ready;
  }
  const weight = options.weights === null ? null : resolveColumn(table, name, "--weights", options.weights, null);
  const team = options.team === null ? null : resolveColumn(table, name, "--team", options.team, null);
  const mapping: ColumnMapping = { rep, amount, date, costs, weight, units: null, team };
  validateMapping(options.method, mapping, table);

  const used = sheet.used as RangeRef;
  const wanted = [...new Set([rep, amount, date, weight, team, ...costs].filter((c): c is number => c !== null))].sort((a, b) => a - b);
  let snapshot: SheetSnapshot;
  if (used.lastRow <= head.firstRow + head.rows.length - 1) {
    const j = wanted.map((c) => head.columns.indexOf(c));
    snapshot = { ...head, columns: wanted, rows: head.rows.map((row) => j.map((k) => row[k] ?? null)) };
  } else {
    snapshot = await port.read({ ...used, firstRow: table.headerRow }, { columns: wanted, onProgress: p.rows(name) });
    p.done();
  }
  // The table ends at its first blank row, as Excel's current region (and the wizard) has it;
  // rows further down are reported rather than silently added to or dropped from the history.
  const { lastDataRow, below } = tableEnd(snapshot, table.firstDataRow);
  return { sheet: name, table: { ...table, lastDataRow }, mapping, snapshot, below };
}

function planParams(options: AllocateOptions): QuotaPlanParams {
  return {
    method: options.method,
    target: options.target,
    periods: options.periods,
    roundTo: options.round,
    growth: options.growth,
    ...(options.method === "forecast" ? { forecastMethod: options.forecastMethod } : {}),
    ...(options.method === "topdown" ? { weighting: options.weights === null ? "equal" : "weight" } : {}),
  } as QuotaPlanParams;
}

function provenanceOf(source: Source, aggregation: Aggregation, options: AllocateOptions, now: Date): QuotaProvenance {
  const { table, mapping } = source;
  const columns: Record<string, string> = {};
  if (mapping.rep !== null) columns.rep = headerOf(table, mapping.rep);
  if (mapping.amount !== null) columns.amount = headerOf(table, mapping.amount);
  if (mapping.date !== null) columns.date = headerOf(table, mapping.date);
  if (mapping.costs.length) columns.costs = mapping.costs.map((c) => headerOf(table, c)).join(", ");
  if (mapping.weight !== null) columns.weight = headerOf(table, mapping.weight);
  if (mapping.team !== null && mapping.team !== undefined) columns.team = headerOf(table, mapping.team);
  return {
    sourceSheet: source.sheet,
    sourceFile: path.basename(options.input),
    columns,
    createdAt: now,
    filter: options.year !== null ? { year: options.year } : options.from || options.to ? { from: options.from, to: options.to } : null,
    rowsRead: aggregation.rowsRead,
    rowsUsed: aggregation.rowsUsed,
    rowsOutOfRange: aggregation.rowsOutOfRange,
    rowsSkipped: aggregation.skipped.length,
    weightColumn: mapping.weight === null ? null : headerOf(table, mapping.weight),
    madeBy: `quota ${version()}`,
    rowsBelow: source.below,
    skippedRows: aggregation.skipped,
  };
}

/**
 * A macro-enabled workbook keeps its macros (and its macro content type) in the copy, which
 * Excel opens only as .xlsm; a plain workbook named .xlsm is refused by Excel too.
 */
async function checkMacroOutput(workbook: WorkbookPort, options: AllocateOptions): Promise<void> {
  // A CSV input has no macros.
  const macros = "isMacroEnabled" in workbook && typeof workbook.isMacroEnabled === "function" ? await (workbook as { isMacroEnabled(): Promise<boolean> }).isMacroEnabled() : false;
  const xlsm = /\.xlsm$/i.test(options.out);
  if (macros && !xlsm) throw new CliError("macroNeedsXlsm", { input: options.input, out: options.out, suggestion: options.out.replace(/\.xlsx$/i, ".xlsm") }, 2);
  if (!macros && xlsm) throw new CliError("xlsmWithoutMacros", { input: options.input, out: options.out, suggestion: options.out.replace(/\.xlsm$/i, ".xlsx") }, 2);
}

const REALISM_KEYS = { ok: "realismOk", stretch: "realismStretch", unrealistic: "realismUnrealistic", farBelow: "realismFarBelow" } as const;

/**
 * SMART's "achievable": the target against the history it splits (same horizon assumed), and
 * "time-bound": without --year/--from/--to, a history of more than a year is not the target's
 * horizon, which the same shared rule as the wizard's warns about.
 */
function realism(io: CliIO, locale: Locale, plan: QuotaPlan, aggregation: Aggregation, options: AllocateOptions): void {
  const target = plan.params.target;
  if (target === null) return;
  const untimed = untimedHistory(aggregation.periods, options.year !== null || options.from !== null || options.to !== null);
  if (untimed?.unlikeHorizons) {
    say(io, locale, "unlikeHorizons", { months: formatNumber(untimed.months, locale), first: untimed.first, last: untimed.last });
  }
  const history = plan.rows.reduce((s, r) => s + Math.max(0, r.history), 0);
  const a = assessTarget(target, history);
  if (a.level === "unknown") return;
  const growth = `${a.requiredGrowth >= 0 ? "+" : ""}${formatNumber(a.requiredGrowth * 100, locale, 1, 1)} %`;
  say(io, locale, REALISM_KEYS[a.level], { target: formatNumber(target, locale), growth, history: formatNumber(history, locale, 0) });
}

/** What `quota refresh` hands to allocate: the roster and layout the stored plan was made with. */
export interface StoredInputs {
  roster: RosterEntry[] | null;
  rosterSource: string | null;
  schedule: boolean;
}

export async function allocate(options: AllocateOptions, io: CliIO, locale: Locale, stored: StoredInputs | null = null): Promise<YearPlan> {
  const { input, out } = checkPaths(options, io.cwd);
  checkYearOptions(options);
  const p = progress(io, locale);
  const file = path.basename(input);
  p.step(new CliError("reading", { file: options.input }).messageIn(locale));
  let workbook: Awaited<ReturnType<typeof openXlsxFile>> | Awaited<ReturnType<typeof openCsvFile>>;
  try {
    workbook = fileKindOf(input) === "csv" ? await openCsvFile(input) : await openXlsxFile(input);
  } catch (e) {
    if (e instanceof LocalizedError) throw e;
    throw new CliError("readFailed", { path: options.input, detail: e instanceof Error ? e.message : String(e) });
  }
  await checkMacroOutput(workbook, options);
  const source = await readSource(workbook, options, file, p);
  p.done();
  const aggregation = aggregate(source.snapshot, source.table, source.mapping, {
    value: options.method === "profit" ? "profit" : "amount",
    skipInvalid: options.skipInvalid,
    ...(options.year !== null ? { year: options.year } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(source.mapping.weight !== null ? { weightColumn: source.mapping.weight } : {}),
    ...(source.mapping.team !== null && source.mapping.team !== undefined ? { teamColumn: source.mapping.team } : {}),
  });
  // The rows are summed: let them go before the (large) write.
  source.snapshot.rows = [];
  const roster = stored ? { entries: stored.roster, label: stored.rosterSource } : options.roster ? await loadRoster(options.roster, io.cwd, { path: input, port: workbook }) : null;
  const plan = planYear(aggregation, yearPlanParams(planParams(options), options, aggregation.periods, roster?.entries ?? null, io.now()));

  const sheetOut = options.sheetOut ?? (await chooseOutputSheet(locale, (name) => workbook.ownership(name)));
  const schedule = stored ? stored.schedule : yearOptionsGiven(options);
  const sheetPlan = schedule ? plan : annualPlan(plan);
  const provenance = { ...provenanceOf(source, aggregation, options, io.now()), roster: roster?.label ?? null };
  const writePlan = buildQuotaWritePlan(sheetPlan, provenance, sheetOut, locale);
  const keep = storedPlanOf(plan, {
    createdAt: provenance.createdAt.toISOString(),
    madeBy: provenance.madeBy ?? "quota",
    source: {
      file: provenance.sourceFile ?? null,
      sheet: source.sheet,
      headerRow: source.table.headerRow,
      columns: {
        rep: provenance.columns.rep,
        amount: provenance.columns.amount,
        date: provenance.columns.date ?? null,
        costs: source.mapping.costs.map((c) => headerOf(source.table, c)),
        weight: provenance.columns.weight ?? null,
        team: provenance.columns.team ?? null,
      },
      filter: options.year !== null ? { year: options.year } : options.from || options.to ? { from: options.from ? isoDay(options.from) : null, to: options.to ? isoDay(options.to) : null } : null,
      skipInvalid: options.skipInvalid,
      roster: roster?.label ?? null,
    },
    outputSheet: sheetOut,
    schedule,
  });
  const letters = options.letters ? buildLettersWritePlan(plan, locale, await chooseOwnSheet(LETTERS_SHEET, locale, (name) => workbook.ownership(name))) : null;
  p.step(new CliError("writing", { file: options.out }).messageIn(locale));
  try {
    await workbook.apply(writePlan);
    // The plan's inputs and result, so `quota refresh` / `quota review` can take it up again.
    await workbook.apply(storedPlanWritePlan(keep));
    if (letters) await workbook.apply(letters.writePlan);
    await workbook.save(out, options.out);
  } catch (e) {
    if (e instanceof OutputSheetTakenError) throw new CliError("outputSheetTaken", { file, sheet: sheetOut });
    if (e instanceof LocalizedError) throw e;
    throw new CliError("writeFailed", { path: options.out, detail: e instanceof Error ? e.message : String(e) });
  }
  p.done();

  const columns = Object.entries(provenanceOf(source, aggregation, options, io.now()).columns)
    .map(([role, header]) => `${ROLE_NAMES[locale][role] ?? role} "${header}"`)
    .join(", ");
  say(io, locale, "usingSheet", { sheet: source.sheet, row: source.table.headerRow, columns });
  const n = (x: number) => formatNumber(x, locale);
  say(io, locale, "rowsSummary", { read: n(aggregation.rowsRead), used: n(aggregation.rowsUsed), outside: n(aggregation.rowsOutOfRange), skipped: n(aggregation.skipped.length) });
  const shown = aggregation.skipped.slice(0, 5);
  for (const s of shown) say(io, locale, "skippedRow", { row: s.row, reason: s.error.messageIn(locale) });
  if (aggregation.skipped.length > shown.length) say(io, locale, "skippedMore", { count: n(aggregation.skipped.length - shown.length) });
  if (source.below) {
    say(io, locale, "rowsBelow", { end: source.table.lastDataRow, first: source.below.first, count: n(source.below.count) });
  }
  realism(io, locale, plan, aggregation, options);
  for (const w of plan.warnings) say(io, locale, "warning", { text: planWarningText(w, locale) });
  for (const n of plan.notes) say(io, locale, "note", { text: yearPlanNoteText(n, locale) });

  if (options.json) io.stdout(`${JSON.stringify(yearPlanJson(plan), null, 2)}\n`);
  else io.stdout(formatPlanTable(plan, locale, { sheet: sheetOut }) + formatYearPlan(plan, locale));
  say(io, locale, "wrote", { sheet: sheetOut, file: options.out, reps: n(plan.rows.length), total: formatNumber(plan.total, locale) });
  if (letters) say(io, locale, "wroteLetters", { count: n(letters.letterRows.length), sheet: letters.writePlan.sheet });
  return plan;
}
