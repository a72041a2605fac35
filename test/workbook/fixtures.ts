/**
 * Workbook fixtures and write plans shared by the WorkbookPort contract suite and the adapter
 * tests. Everything is generated here; nothing is read from outside the repository.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import type { FormulaCell, PlanValue, WritePlan } from "../../src/workbook/plan";
import type { CellValue } from "../../src/workbook/port";

export interface FixtureSheet {
  name: string;
  /** Rows from A1 down; null = empty cell. */
  rows: CellValue[][];
  hidden?: boolean;
}

export interface WorkbookFixture {
  sheets: FixtureSheet[];
}

export const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

/** A sales sheet with every kind of value the readers must type correctly. */
export const SALES_ROWS: CellValue[][] = [
  ["Rep", "Region", "Amount", "Date", "Closed", "Note"],
  ["Anna Svensson", "North", 1200.5, day(2025, 1, 15), true, "=1+2"],
  ["Björn Ek", "South", 800, day(2025, 2, 28), false, "+46 70"],
  [" Carl ", "North", "1 234,50 kr", day(2025, 3, 1), true, "-"],
  ["Anna Svensson", "East", { error: "#N/A" }, day(2024, 12, 31), false, "@x"],
  ["Dana", null, 0, null, null, 'Text & <xml> "quotes"'],
  ["Erik", "West", -42.25, day(2025, 6, 30), true, { error: "#DIV/0!" }],
];

/** A sheet whose data starts at B2 (used range not at A1). */
export const TARGET_ROWS: CellValue[][] = [[], [null, "Region", "Target"], [null, "North", 500000], [null, "South", 400000]];

export function salesWorkbook(): WorkbookFixture {
  return {
    sheets: [
      { name: "Sales", rows: SALES_ROWS },
      { name: "Targets", rows: TARGET_ROWS },
      { name: "Archive", rows: [["Old"], [1]], hidden: true },
    ],
  };
}

/** The same workbook with a "Quotas" sheet the user made themselves. */
export function workbookWithForeignQuotas(): WorkbookFixture {
  const wb = salesWorkbook();
  wb.sheets.push({ name: "Quotas", rows: [["My own quotas"], ["Anna", 5000]] });
  return wb;
}

export interface RepRow {
  rep: string;
  history: number;
  quota: number;
}

export const FIVE_REPS: RepRow[] = [
  { rep: "Anna Svensson", history: 2000, quota: 5000 },
  { rep: "Björn Ek", history: 2000, quota: 5000 },
  { rep: "=cmd|' /C calc'!A0", history: 2000, quota: 5000 },
  { rep: "+46 70 123", history: 1000, quota: 2500 },
  { rep: "@Carl", history: 1000, quota: 2500 },
];

export const TWO_REPS: RepRow[] = [
  { rep: "Dana", history: 300, quota: 1000 },
  { rep: "-", history: 100, quota: 500 },
];

export const PROVENANCE_ROWS: PlanValue[][] = [
  ["Method", "bottomup"],
  ["Looks like a formula", "=1+2"],
  ["Phone", "+46 70"],
  ["Dash", "-"],
  ["Mention", "@x"],
  ["Created", day(2025, 11, 26)],
  ["Skip invalid rows", false],
];

/**
 * A plan like the one the product writes: a table of reps with a totals row (label and sums,
 * the sums also as SUBTOTAL formulas in the block), a provenance block, formats, a chart.
 */
export function quotaPlan(reps: RepRow[], sheet = "Quotas"): WritePlan {
  const n = reps.length;
  const sumHistory = reps.reduce((s, r) => s + r.history, 0);
  const sumQuota = reps.reduce((s, r) => s + r.quota, 0);
  const table = "QuotaTable";
  const sum = (column: string, value: number): FormulaCell => ({ formula: `SUBTOTAL(109,${table}[${column}])`, value });
  const header = ["Rep", "History", "Share", "Quota"];
  const rows: PlanValue[][] = reps.map((r) => [r.rep, r.history, r.history / sumHistory, r.quota]);
  const totalsRow = n + 2;
  const range = (firstRow: number, firstColumn: number, lastRow: number, lastColumn: number) => ({ sheet, firstRow, firstColumn, lastRow, lastColumn });
  return {
    sheet,
    blocks: [
      { row: 1, column: 1, values: [header], bold: true },
      { row: 2, column: 1, values: rows, columnFormats: [null, "#,##0", "0.0%", '#,##0 "kr"'] },
      { row: totalsRow, column: 1, values: [["Total", sum("History", sumHistory), sum("Share", 1), sum("Quota", sumQuota)]], columnFormats: [null, "#,##0", "0.0%", '#,##0 "kr"'], bold: true },
      { row: totalsRow + 2, column: 1, values: PROVENANCE_ROWS, italic: true },
    ],
    tables: [
      {
        name: table,
        range: range(1, 1, n + 1, 4),
        columns: [
          { name: "Rep", totals: { label: "Total" } },
          { name: "History", totals: { function: "sum", value: sumHistory } },
          { name: "Share", totals: { function: "sum", value: 1 } },
          { name: "Quota", totals: { function: "sum", value: sumQuota } },
        ],
        showTotals: true,
        style: "TableStyleMedium2",
      },
    ],
    charts: [
      {
        name: "Quota vs history",
        title: "Quota vs history",
        categories: range(2, 1, n + 1, 1),
        series: [
          { name: "History", values: range(2, 2, n + 1, 2) },
          { name: "Quota", values: range(2, 4, n + 1, 4) },
        ],
        anchor: range(2, 6, 18, 12),
      },
    ],
    columnWidths: [
      { column: 1, width: 24 },
      { column: 2, width: 12 },
      { column: 3, width: 8 },
      { column: 4, width: 14 },
    ],
    freezeRows: 1,
    result: range(1, 1, totalsRow, 4),
  };
}

/** What reading the plan's sheet back gives: the blocks, formulas as their values, from A1. */
export function expectedSheet(plan: WritePlan): CellValue[][] {
  const out: CellValue[][] = [];
  for (const block of plan.blocks) {
    block.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const r = block.row + i - 1;
        const c = block.column + j - 1;
        while (out.length <= r) out.push([]);
        while (out[r].length <= c) out[r].push(null);
        out[r][c] = v !== null && typeof v === "object" && !(v instanceof Date) ? v.value : v;
      }),
    );
  }
  return out;
}

/** Builds the fixture as an .xlsx with ExcelJS, as another program would have written it. */
export async function fixtureToXlsx(fixture: WorkbookFixture): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of fixture.sheets) {
    const ws = wb.addWorksheet(sheet.name, sheet.hidden ? { state: "hidden" } : {});
    sheet.rows.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null) return;
        const cell = ws.getCell(i + 1, j + 1);
        cell.value = v as ExcelJS.CellValue;
        if (v instanceof Date) cell.numFmt = "yyyy-mm-dd";
      }),
    );
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Looking inside .xlsx packages

/** Every entry of a zip, decompressed. */
export async function zipEntries(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const name of Object.keys(zip.files)) {
    const file = zip.files[name];
    if (!file.dir) out.set(name, await file.async("uint8array"));
  }
  return out;
}

export function text(bytes: Uint8Array | undefined): string {
  if (!bytes) throw new Error("missing part");
  return new TextDecoder().decode(bytes);
}

/** Throws if the XML is not well-formed or uses an unbound namespace prefix. */
export function assertWellFormed(xml: string, part: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let error: Error | null = null;
  parser.on("error", (e) => {
    error ??= e;
  });
  parser.write(xml).close();
  if (error) throw new Error(`${part} is not well-formed: ${(error as Error).message}`);
}

/**
 * Structural checks Excel's own "repair" would trip over: every XML part well-formed, every
 * internal relationship target present, every part with a content type, no override for a
 * missing part, no duplicate overrides.
 */
export async function checkPackage(bytes: Uint8Array): Promise<string[]> {
  const entries = await zipEntries(bytes);
  const lower = new Map([...entries.keys()].map((k) => [k.toLowerCase(), k]));
  const problems: string[] = [];
  const types = text(entries.get("[Content_Types].xml"));
  const overrides = [...types.matchAll(/<Override[^>]*PartName="([^"]+)"/g)].map((m) => m[1].replace(/^\//, "").toLowerCase());
  const defaults = new Set([...types.matchAll(/<Default[^>]*Extension="([^"]+)"/g)].map((m) => m[1].toLowerCase()));
  if (new Set(overrides).size !== overrides.length) problems.push("duplicate content-type overrides");
  for (const o of overrides) if (!lower.has(o)) problems.push(`override for missing part /${o}`);
  for (const name of entries.keys()) {
    if (name === "[Content_Types].xml") continue;
    const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
    if (!overrides.includes(name.toLowerCase()) && !defaults.has(ext)) problems.push(`no content type for ${name}`);
    if (/\.(xml|rels|vml)$/i.test(name)) {
      try {
        assertWellFormed(text(entries.get(name)), name);
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    const rels = /^(?:(.*)\/)?_rels\/([^/]*)\.rels$/.exec(name);
    if (!rels) continue;
    const dir = rels[1] ?? "";
    for (const m of text(entries.get(name)).matchAll(/<Relationship\b[^>]*>/g)) {
      const tag = m[0];
      if (/TargetMode="External"/.test(tag)) continue;
      const target = /Target="([^"]+)"/.exec(tag)?.[1] ?? "";
      const segments = target.startsWith("/") ? [] : dir.split("/").filter(Boolean);
      for (const s of target.replace(/^\//, "").split("/")) {
        if (s === "..") segments.pop();
        else if (s && s !== ".") segments.push(s);
      }
      if (!lower.has(segments.join("/").toLowerCase())) problems.push(`${name} points at missing ${segments.join("/")}`);
    }
  }
  return problems;
}

/** Adds parts to a package (and their content types / relationships) the way other tools do. */
export async function withExtraParts(
  bytes: Uint8Array,
  parts: { name: string; data: string | Uint8Array; contentType?: string; rel?: { from: string; type: string; target: string } }[],
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  let types = await zip.file("[Content_Types].xml")!.async("string");
  for (const p of parts) {
    zip.file(p.name, p.data, { createFolders: false, compression: typeof p.data === "string" ? "DEFLATE" : "STORE" });
    if (p.contentType) types = types.replace("</Types>", `<Override PartName="/${p.name}" ContentType="${p.contentType}"/></Types>`);
    if (p.rel) {
      const relsName = p.rel.from;
      const rels = (await zip.file(relsName)?.async("string")) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
      const id = `rIdExtra${Math.floor(Math.random() * 1e9)}`;
      zip.file(relsName, rels.replace("</Relationships>", `<Relationship Id="${id}" Type="${p.rel.type}" Target="${p.rel.target}"/></Relationships>`), { createFolders: false });
    }
  }
  zip.file("[Content_Types].xml", types);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The sheet's values as ExcelJS reads them (formulas as results), from A1 to the last used cell. */
export async function exceljsValues(bytes: Uint8Array, sheet: string): Promise<CellValue[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const out: CellValue[][] = [];
  const plain = (v: unknown): CellValue => {
    if (v === null || v === undefined) return null;
    if (v instanceof Date || typeof v !== "object") return v as CellValue;
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if ("formula" in o || "sharedFormula" in o) return plain(o.result);
    if (Array.isArray(o.richText)) return o.richText.map((r: { text: string }) => r.text).join("");
    if ("text" in o) return plain(o.text);
    return null;
  };
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // cell.value drops a falsy formula result (0, FALSE); cell.result keeps it
      const v = plain(cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value);
      if (v === null) return;
      while (out.length < r) out.push([]);
      while (out[r - 1].length < c) out[r - 1].push(null);
      out[r - 1][c - 1] = v;
    });
  });
  return out;
}
