/**
 * `quota freeze <in.xlsx> --out <out.xlsx>`: the workbook with its SALES formulas replaced by
 * their calculated values, to share with people who do not have the add-in. Thin: the rules
 * are in src/workbook/freeze.ts, the work in the file adapter's freezeFormulas(); the output is
 * written through the same save path as `quota allocate`.
 */
import { Locale, LocalizedError } from "../i18n";
import { formatNumber } from "../sheet/quotaPlan";
import { callsSalesFunction, sheetCellText } from "../workbook/freeze";
import type { FreezeReport } from "../workbook/port";
import { openXlsxFile } from "../workbook/xlsx-file";
import type { FreezeCommandOptions } from "./freezeArgs";
import { CliError } from "./messages";
import type { CliIO } from "./main";

/** Cells named in the warning about cells without a calculated value. */
const NAMED_CELLS = 10;

/** The JSON `--json` prints. */
export function freezeJson(report: FreezeReport): { cells: number; sheets: Record<string, number>; uncalculated: string[]; uncalculatedCells: number } {
  return {
    cells: report.count,
    sheets: Object.fromEntries(report.sheets.map((s) => [s.sheet, s.count])),
    uncalculated: report.uncalculated.map(sheetCellText),
    uncalculatedCells: report.uncalculatedCount,
  };
}

export async function freezeCommand(
  options: FreezeCommandOptions,
  io: CliIO,
  locale: Locale,
  checkPaths: (options: { input: string; out: string }, cwd: string) => { input: string; out: string },
): Promise<FreezeReport> {
  const { input, out } = checkPaths(options, io.cwd);
  const say = (key: string, params: Record<string, string | number> = {}) => io.stderr(`${new CliError(key, params).messageIn(locale)}\n`);
  if (io.stderrIsTTY) io.stderr(new CliError("freezing", { file: options.input }).messageIn(locale));
  let workbook: Awaited<ReturnType<typeof openXlsxFile>>;
  try {
    workbook = await openXlsxFile(input);
  } catch (e) {
    if (e instanceof LocalizedError) throw e;
    throw new CliError("readFailed", { path: options.input, detail: e instanceof Error ? e.message : String(e) });
  }
  let report: FreezeReport;
  try {
    report = await workbook.freezeFormulas(callsSalesFunction);
  } catch (e) {
    if (e instanceof LocalizedError) throw e;
    throw new CliError("readFailed", { path: options.input, detail: e instanceof Error ? e.message : String(e) });
  }
  try {
    await workbook.save(out);
  } catch (e) {
    if (e instanceof LocalizedError) throw e;
    throw new CliError("writeFailed", { path: options.out, detail: e instanceof Error ? e.message : String(e) });
  }
  if (io.stderrIsTTY) io.stderr("\r\u001b[K");

  const n = (x: number) => formatNumber(x, locale);
  if (report.uncalculatedCount > 0) {
    const named = report.uncalculated.slice(0, NAMED_CELLS).map(sheetCellText);
    const more = report.uncalculatedCount - named.length;
    say("uncalculated", { count: n(report.uncalculatedCount), cells: more > 0 ? `${named.join(", ")} (+${n(more)})` : named.join(", ") });
  }
  const summary =
    report.count === 0
      ? new CliError("nothingToFreeze").messageIn(locale)
      : new CliError("frozeSummary", {
          count: n(report.count),
          sheets: report.sheets.map((s) => new CliError("frozeSheet", { sheet: s.sheet, count: n(s.count) }).messageIn(locale)).join(", "),
        }).messageIn(locale);
  if (options.json) {
    io.stdout(`${JSON.stringify(freezeJson(report), null, 2)}\n`);
    io.stderr(`${summary}\n`);
  } else io.stdout(`${summary}\n`);
  say("frozeWrote", { file: options.out });
  return report;
}
