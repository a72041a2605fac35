/**
 * Helpers for the `quota` command's tests: workbooks generated with ExcelJS in a temporary
 * folder, the command run in-process with captured output, and the result read back.
 */
import ExcelJS from "exceljs";
import crypto from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import { CliIO, main } from "../../src/cli/main";

export type Cell = ExcelJS.CellValue;

export interface FixtureSheet {
  name: string;
  /** Rows from A1 down; undefined/null cells stay empty. */
  rows: Cell[][];
  /** Number formats by 1-based column. */
  formats?: Record<number, string>;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "quota-cli-"));
}

export async function writeWorkbook(file: string, sheets: FixtureSheet[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value === null || value === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = value;
        const fmt = s.formats?.[c + 1];
        if (fmt) cell.numFmt = fmt;
      }),
    );
  }
  await wb.xlsx.writeFile(file);
  return file;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTTY: false,
    env: { LANG: "en_US.UTF-8", ...env },
    cwd,
    now: () => new Date(Date.UTC(2026, 0, 15, 8, 30)),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** A cell's value, a formula's cached result, rich text as text. */
export function valueOf(cell: ExcelJS.Cell): unknown {
  const v = cell.value as unknown;
  if (v && typeof v === "object" && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if ("result" in o || "formula" in o || "sharedFormula" in o) return o.result;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join("");
  }
  return v;
}

/** Every non-empty cell of a sheet as "A1" → value, for comparing sheets. */
export function sheetCells(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      out[cell.address] = { value: cell.value, numFmt: cell.numFmt ?? null };
    }),
  );
  return out;
}

export function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** The Quotas table read back: rows until the totals row (label in column A). */
export function quotaRows(ws: ExcelJS.Worksheet, totalLabel = "Total"): { rows: unknown[][]; totals: unknown[]; totalsRow: number } {
  const rows: unknown[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const values = [1, 2, 3, 4, 5].map((c) => valueOf(ws.getCell(r, c)));
    if (values[0] === totalLabel) return { rows, totals: values, totalsRow: r };
    rows.push(values);
  }
  throw new Error("no totals row");
}
