/**
 * --roster FILE[#SHEET]: the roster sheet read with the sheet layer's roster reader
 * (src/sheet/roster.ts). FILE may be the sales workbook itself, another .xlsx or a .csv; without
 * SHEET the first sheet with a roster header (Rep and Start, End, Ramp or Full) is used.
 */
import fs from "fs";
import path from "path";
import type { RosterEntry } from "../plan/types";
import { detectRosterColumns, readRoster } from "../sheet/roster";
import { openCsvFile } from "../workbook/csv-file";
import { fileKindOf } from "../workbook/fileKind";
import type { WorkbookPort } from "../workbook/port";
import { openXlsxFile } from "../workbook/xlsx-file";
import { LocalizedError } from "../i18n";
import { CliError } from "./messages";

/** Rows searched for the roster's header when choosing the sheet. */
const HEAD_ROWS = 30;

export async function loadRoster(
  spec: { file: string; sheet: string | null },
  cwd: string,
  input: { path: string; port: WorkbookPort },
): Promise<{ entries: RosterEntry[]; label: string }> {
  const file = path.resolve(cwd, spec.file);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat || !stat.isFile()) throw new CliError("rosterMissing", { path: spec.file });
  let port: WorkbookPort;
  if (fs.realpathSync(file) === fs.realpathSync(input.path)) port = input.port;
  else {
    try {
      port = fileKindOf(file) === "csv" ? await openCsvFile(file) : await openXlsxFile(file);
    } catch (e) {
      if (e instanceof LocalizedError) throw e;
      throw new CliError("readFailed", { path: spec.file, detail: e instanceof Error ? e.message : String(e) });
    }
  }
  const sheets = await port.listSheets();
  const name = path.basename(file);
  let chosen = null as (typeof sheets)[number] | null;
  if (spec.sheet !== null) {
    const wanted = spec.sheet;
    chosen = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase()) ?? null;
    if (!chosen) throw new CliError("sheetMissing", { sheet: wanted, file: name, sheets: sheets.map((s) => `"${s.name}"`).join(", ") });
  } else {
    for (const sheet of sheets) {
      if (!sheet.used) continue;
      const head = await port.read({ ...sheet.used, lastRow: Math.min(sheet.used.lastRow, sheet.used.firstRow + HEAD_ROWS - 1) });
      if (detectRosterColumns(head)) {
        chosen = sheet;
        break;
      }
    }
    if (!chosen) throw new CliError("rosterNotFound", { file: name });
  }
  if (!chosen.used) return { entries: [], label: `${name}#${chosen.name}` };
  const snapshot = await port.read(chosen.used);
  return { entries: readRoster(snapshot, chosen.name), label: `${name}#${chosen.name}` };
}
