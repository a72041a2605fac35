/**
 * The roster on a sheet of the open workbook (the page's reader or Excel), read as the
 * command's --roster FILE#SHEET reads it: detected and parsed by src/sheet/roster.ts. Loaded
 * when a roster is chosen (its own chunk, not in the page's initial scripts).
 */
import type { RosterEntry } from "../plan/types";
import { readRoster } from "../sheet/roster";
import type { SheetInfo, WorkbookPort } from "../workbook/port";

export async function readRosterSheet(port: WorkbookPort, sheet: SheetInfo): Promise<RosterEntry[]> {
  if (!sheet.used) return readRoster({ sheet: sheet.name, firstRow: 1, columns: [], rows: [] }, sheet.name);
  return readRoster(await port.read(sheet.used), sheet.name);
}
