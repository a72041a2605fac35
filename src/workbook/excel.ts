/**
 * WorkbookPort on Office.js — the only code in the product that calls Excel.run.
 *
 * Requirement set: ExcelApi 1.7 (the manifest can declare it). The newest APIs used:
 *   1.7  Worksheet.freezePanes, Worksheet.getRangeByIndexes, ChartSeriesCollection.add,
 *        ChartSeries.setValues / setXAxisValues
 *   1.6  Application.suspendApiCalculationUntilNextSync
 *   1.4  *OrNullObject lookups, Worksheet.names, NamedItemCollection.add, NamedItem.comment,
 *        Worksheet.getUsedRangeOrNullObject
 *   1.2  RangeFormat.columnWidth, getUsedRange(valuesOnly)
 *   1.1  everything else (values, formulas, numberFormat, tables, charts, select, activate).
 * Optional: ExcelApi 1.9 Worksheet.pageLayout (orientation, fit to pages, print title rows) for
 * a plan's page setup; on a host without it the sheet is written without print settings.
 *
 * Batching: every method is one Excel.run. Reads and writes of big ranges go in row blocks
 * whose payload stays under Excel on the web's 5 MB per request/response (and 5 million cells
 * per read); each block is queued whole and synced once, so the number of context.sync() calls
 * is a small constant plus one per block, whatever the number of rows in a block:
 *   read   2 (the sheet, its used rows) + one per block; the first block is a sample whose
 *          bytes per row size the blocks after it (writes know their bytes exactly);
 *   apply  1 (the sheet) + 1 (its marker, if the sheet exists) + 1 (create, or clear what we
 *          wrote before) + one per block + 1 (table, chart, widths, panes, recalculation).
 * A block the host still refuses as too large is retried at half the rows.
 * Reads load `values` only: dates arrive as serial numbers, errors as their strings.
 *   freezeFormulas  2 (sheets, used ranges) + one per block of `formulas` + one per chunk of
 *          found cells (their values and spill ranges) + one per block of spilled values + one
 *          per write request; ExcelApi 1.12 (getSpillingToRangeOrNullObject) where the host has it.
 */
import { LocalizedError } from "../i18n";
import {
  DEFAULT_REQUEST_BUDGET_BYTES,
  DEFAULT_SAMPLE_CELLS,
  EXCEL_READ_CELL_LIMIT,
  OP_OVERHEAD_BYTES,
  EncodedBlock,
  WritePosition,
  characterWidthToPoints,
  columnRuns,
  encodeBlock,
  fromExcelValue,
  isPayloadLimitError,
  jsonBytes,
  nextWriteRequest,
  readBlockRows,
  runsOf,
  sampleBlockRows,
} from "./excelBlocks";
import { FreezeTally } from "./freeze";
import { frozenInput, isCalculated, packByBytes, splitWrite, writeBytes, type FormulaHit, type FreezeWrite } from "./excelFreeze";
import {
  OWNER_MARKER_NAME,
  OutputSheetTakenError,
  PlanTable,
  WritePlan,
  cellAddress,
  isValidSheetName,
  workbookMessages,
} from "./plan";
import type {
  ApplyOptions,
  CellValue,
  FreezeOptions,
  FreezeReport,
  RangeRef,
  ReadOptions,
  SheetInfo,
  SheetOwnership,
  SheetSnapshot,
  TableInfo,
  WorkbookPort,
} from "./port";

/** Excel.run's shape; tests pass a runner that hands the batch a fake context. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelWorkbookOptions {
  run?: ExcelRunner;
  /** Our estimate's budget per request, below the host's 5 MB limit. */
  requestBudgetBytes?: number;
  /** Cells per read request (Excel on the web refuses reads over 5 million). */
  maxCellsPerRead?: number;
  /** Cells in the first block of a read, which sizes the blocks after it. */
  sampleCells?: number;
  /**
   * Whether the host has Range.getSpillingToRangeOrNullObject (ExcelApi 1.12). Default: asked
   * of Office when it is there, else true. Hosts without it have no dynamic arrays.
   */
  spillApi?: boolean;
}

function hostHasSpillApi(): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?(name: string, version: string): boolean } } } }).Office;
  const check = office?.context?.requirements?.isSetSupported;
  return check ? Boolean(office?.context?.requirements?.isSetSupported?.("ExcelApi", "1.12")) : true;
}

/** The marker's value: a constant, so it never turns into #REF! whatever the user edits. */
const MARKER_FORMULA = '="SalesQuota"';

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/** Office.js's ConditionalCellValueOperator for each write-plan comparison. */
const CELL_VALUE_OPERATORS = { lessThan: "LessThan", between: "Between", greaterThanOrEqual: "GreaterThanOrEqual" } as const;

/** What we wrote besides cells, kept in the marker's comment so a re-run can remove exactly that. */
interface WrittenObjects {
  tables: string[];
  charts: string[];
}

/** `name`, or name_2, name_3 … — the first not in `taken` (lower case), which it joins. */
function freeTableName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let k = 2; taken.has(candidate.toLowerCase()); k++) candidate = `${name}_${k}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function parseMarkerComment(comment: unknown): WrittenObjects {
  if (typeof comment !== "string" || comment === "") return { tables: [], charts: [] };
  try {
    const parsed = JSON.parse(comment) as Partial<WrittenObjects>;
    const names = (list: unknown) => (Array.isArray(list) ? list.filter((n): n is string => typeof n === "string") : []);
    return { tables: names(parsed.tables), charts: names(parsed.charts) };
  } catch {
    return { tables: [], charts: [] }; // a comment we did not write records nothing
  }
}

function rangeFromIndexes(sheet: string, r: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }): RangeRef {
  return {
    sheet,
    firstRow: r.rowIndex + 1,
    firstColumn: r.columnIndex + 1,
    lastRow: r.rowIndex + r.rowCount,
    lastColumn: r.columnIndex + r.columnCount,
  };
}

function checkRange(range: RangeRef): void {
  const ok = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  const { firstRow, lastRow, firstColumn, lastColumn } = range;
  if (!ok(firstRow, MAX_ROWS) || !ok(lastRow, MAX_ROWS) || !ok(firstColumn, MAX_COLUMNS) || !ok(lastColumn, MAX_COLUMNS) || lastRow < firstRow || lastColumn < firstColumn) {
    throw new RangeError(`Not a valid range on ${range.sheet}: rows ${firstRow}–${lastRow}, columns ${firstColumn}–${lastColumn}.`);
  }
}

const RANGE_POSITION = "rowIndex,columnIndex,rowCount,columnCount";

export class ExcelWorkbook implements WorkbookPort {
  readonly kind = "excel" as const;
  private readonly run: ExcelRunner;
  private readonly budgetBytes: number;
  private readonly maxCells: number;
  private readonly sampleCells: number;
  private readonly spillApi: boolean | undefined;

  constructor(options: ExcelWorkbookOptions = {}) {
    // Excel is a global of office.js; look it up only when a call is made.
    this.run = options.run ?? ((batch) => Excel.run(batch));
    this.budgetBytes = options.requestBudgetBytes ?? DEFAULT_REQUEST_BUDGET_BYTES;
    this.maxCells = options.maxCellsPerRead ?? EXCEL_READ_CELL_LIMIT;
    this.sampleCells = options.sampleCells ?? DEFAULT_SAMPLE_CELLS;
    this.spillApi = options.spillApi;
  }

  listSheets(): Promise<SheetInfo[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/visibility");
      await context.sync();
      // Only `valuesOnly` used ranges: formatting alone does not make a row part of the data.
      const used = sheets.items.map((ws) => ws.getUsedRangeOrNullObject(true).load(RANGE_POSITION));
      await context.sync();
      return sheets.items.map((ws, i) => ({
        name: ws.name,
        visible: ws.visibility === "Visible",
        used: used[i].isNullObject ? null : rangeFromIndexes(ws.name, used[i]),
      }));
    });
  }

  listTables(): Promise<TableInfo[]> {
    return this.run(async (context) => {
      const tables = context.workbook.tables;
      tables.load("items/name,items/showHeaders,items/showTotals");
      await context.sync();
      const found = tables.items.map((t) => ({ table: t, range: t.getRange().load(RANGE_POSITION), sheet: t.worksheet.load("name") }));
      await context.sync();
      return found.map(({ table, range, sheet }) => ({
        name: table.name,
        range: rangeFromIndexes(sheet.name, range),
        hasHeaderRow: table.showHeaders,
        hasTotalsRow: table.showTotals,
      }));
    });
  }

  getSelection(): Promise<RangeRef | null> {
    return this.run(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load(RANGE_POSITION);
      const sheet = range.worksheet;
      sheet.load("name");
      try {
        await context.sync();
      } catch (error) {
        // Several areas selected (or a chart/shape): no single range to offer.
        if ((error as { code?: unknown } | null)?.code === "InvalidSelection") return null;
        throw error;
      }
      return rangeFromIndexes(sheet.name, range);
    });
  }

  ownership(sheet: string): Promise<SheetOwnership> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      ws.load("name");
      await context.sync();
      if (ws.isNullObject) return "absent";
      const marker = ws.names.getItemOrNullObject(OWNER_MARKER_NAME);
      marker.load("name");
      await context.sync();
      return marker.isNullObject ? "foreign" : "ours";
    });
  }

  async read(range: RangeRef, options: ReadOptions = {}): Promise<SheetSnapshot> {
    checkRange(range);
    const columns = options.columns ? [...options.columns] : [];
    if (!options.columns) for (let c = range.firstColumn; c <= range.lastColumn; c++) columns.push(c);
    for (const c of columns) {
      if (!Number.isInteger(c) || c < 1 || c > MAX_COLUMNS) throw new RangeError(`Not a valid column number: ${c}.`);
    }
    const runs = columnRuns(columns);

    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(range.sheet);
      ws.load("name");
      await context.sync();
      if (ws.isNullObject) throw new LocalizedError(workbookMessages, "sheetMissing", { sheet: range.sheet });
      // Rows past the last used row hold nothing: a whole-column selection must not read a
      // million empty rows.
      const used = ws.getUsedRangeOrNullObject(true).load("rowIndex,rowCount");
      await context.sync();
      const lastRow = Math.min(range.lastRow, used.isNullObject ? 0 : used.rowIndex + used.rowCount);
      const totalRows = columns.length === 0 ? 0 : Math.max(0, lastRow - range.firstRow + 1);

      const rows: CellValue[][] = new Array(totalRows);
      await this.inRowBlocks(context, { rows: totalRows, columns: columns.length, ranges: runs.length }, (done, count) => {
        const startRow = range.firstRow - 1 + done;
        // One block: a values load per column run.
        const loaded = runs.map((run) => ws.getRangeByIndexes(startRow, run.first - 1, count, run.count).load("values"));
        return () => {
          let blockBytes = 0;
          for (let k = 0; k < runs.length; k++) {
            const values = loaded[k].values;
            blockBytes += jsonBytes(values);
            const { offset, count: width } = runs[k];
            for (let i = 0; i < count; i++) {
              const row = rows[done + i] ?? (rows[done + i] = new Array<CellValue>(columns.length));
              const source = values[i];
              for (let j = 0; j < width; j++) row[offset + j] = fromExcelValue(source[j]);
            }
          }
          options.onProgress?.(done + count, totalRows);
          return blockBytes;
        };
      });
      if (totalRows === 0) options.onProgress?.(0, 0);
      // As the file adapter does: trailing rows with nothing in the read columns are left out.
      while (rows.length > 0 && rows[rows.length - 1].every((v) => v === null)) rows.pop();
      return { sheet: ws.name, firstRow: range.firstRow, columns, rows };
    });
  }

  async apply(plan: WritePlan, options: ApplyOptions = {}): Promise<void> {
    if (!isValidSheetName(plan.sheet)) throw new LocalizedError(workbookMessages, "invalidSheetName", { sheet: plan.sheet });
    // Encode before touching the workbook: a value we cannot write stops the run with nothing written.
    // Cells in a table's totals row are left to the table (see queueTable): a formula there may
    // refer to the table (QuotaTable[Quota]), which does not exist while cells are written.
    const totalsRows = plan.tables.filter((t) => t.showTotals).map((t) => t.range);
    const inTotalsRow = (row: number, column: number) =>
      totalsRows.some((r) => row === r.lastRow + 1 && column >= r.firstColumn && column <= r.lastColumn);
    const blocks = plan.blocks.map((b) => encodeBlock(b, (r, c) => `${plan.sheet}!${cellAddress(r, c)}`, inTotalsRow));
    const totalRows = blocks.reduce((n, b) => n + b.values.length, 0);

    return this.run(async (context) => {
      const workbook = context.workbook;
      const existing = workbook.worksheets.getItemOrNullObject(plan.sheet);
      existing.load("name");
      // Table names are unique in the whole workbook: know which are taken.
      const workbookTables = workbook.tables.load("items/name");
      await context.sync();
      const taken = new Set(workbookTables.items.map((t) => t.name.toLowerCase()));

      let ws: Excel.Worksheet;
      let marker: Excel.NamedItem | null = null;
      if (existing.isNullObject) {
        ws = workbook.worksheets.add(plan.sheet);
      } else {
        ws = existing;
        marker = ws.names.getItemOrNullObject(OWNER_MARKER_NAME);
        marker.load("comment");
        const tablesOnSheet = ws.tables.load("items/name");
        const chartsOnSheet = ws.charts.load("items/name");
        await context.sync();
        if (marker.isNullObject) throw new OutputSheetTakenError(existing.name);
        // Ours: remove what we wrote last time (cells, our table and chart by name) and nothing else.
        const before = parseMarkerComment(marker.comment);
        const lower = (names: string[]) => new Set(names.map((n) => n.toLowerCase()));
        const tables = lower([...before.tables, ...plan.tables.map((t) => t.name)]);
        const charts = lower([...before.charts, ...plan.charts.map((c) => c.name)]);
        for (const table of tablesOnSheet.items) {
          if (!tables.has(table.name.toLowerCase())) continue;
          table.delete();
          taken.delete(table.name.toLowerCase());
        }
        for (const chart of chartsOnSheet.items) if (charts.has(chart.name.toLowerCase())) chart.delete();
        ws.freezePanes.unfreeze();
        ws.getRange().clear("All");
      }
      // A plan's table name already used on another sheet (an earlier output sheet) gets a suffix.
      const tableNames = plan.tables.map((t) => freeTableName(t.name, taken));
      const comment = JSON.stringify({ tables: tableNames, charts: plan.charts.map((c) => c.name) } satisfies WrittenObjects);
      if (marker) marker.comment = comment;
      else {
        // Created in the same request as the sheet: there is never a sheet we made without it.
        const created = ws.names.add(OWNER_MARKER_NAME, MARKER_FORMULA, comment);
        created.visible = false;
      }
      await context.sync();

      await this.writeBlocks(context, ws, blocks, totalRows, options);
      this.queueStructure(context, ws, plan, tableNames, blocks);
      // Calculation was suspended for the value blocks; bring dependent formulas up to date.
      workbook.application.calculate("Recalculate");
      await context.sync();
    });
  }

  /** Values, formulas and formats, one request per block of rows, formats after values. */
  private async writeBlocks(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    blocks: EncodedBlock[],
    totalRows: number,
    options: ApplyOptions,
  ): Promise<void> {
    let position: WritePosition = { block: 0, row: 0 };
    let rowCap = Number.POSITIVE_INFINITY;
    let written = 0;
    while (position.block < blocks.length) {
      const request = nextWriteRequest(blocks, position, this.budgetBytes, this.maxCells, rowCap);
      if (request.rows === 0) break;
      context.workbook.application.suspendApiCalculationUntilNextSync();
      for (const piece of request.pieces) {
        const block = blocks[piece.block];
        const end = piece.firstRow + piece.rowCount;
        const at = (row: number, column: number, rows: number, columns: number) =>
          ws.getRangeByIndexes(block.row - 1 + row, block.column - 1 + column, rows, columns);
        if (block.width > 0) {
          const range = at(piece.firstRow, 0, piece.rowCount, block.width);
          range.values = block.values.slice(piece.firstRow, end);
          for (const run of runsOf(block.formulas, piece.firstRow, end, () => true)) {
            at(run.firstRow, run.column, run.items.length, 1).formulas = run.items.map((f) => [f]);
          }
          // Formats after values: writing a value can set a cell's format (dates, percentages).
          for (const run of runsOf(block.formats, piece.firstRow, end, () => true)) {
            at(run.firstRow, run.column, run.items.length, 1).numberFormat = run.items.map((f) => [f]);
          }
          if (block.source.bold) range.format.font.bold = true;
          if (block.source.italic) range.format.font.italic = true;
        }
      }
      try {
        await context.sync();
      } catch (error) {
        if (isPayloadLimitError(error) && request.rows > 1) {
          rowCap = Math.max(1, Math.floor(request.rows / 2));
          continue;
        }
        throw error;
      }
      position = request.end;
      written += request.rows;
      options.onProgress?.(written, totalRows);
    }
  }

  /** Tables, totals, charts, widths and panes: small, queued together after the cells. */
  private queueStructure(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    plan: WritePlan,
    tableNames: string[],
    blocks: EncodedBlock[],
  ): void {
    const rangeOf = (r: RangeRef) =>
      (r.sheet.toLowerCase() === plan.sheet.toLowerCase() ? ws : context.workbook.worksheets.getItem(r.sheet)).getRangeByIndexes(
        r.firstRow - 1,
        r.firstColumn - 1,
        r.lastRow - r.firstRow + 1,
        r.lastColumn - r.firstColumn + 1,
      );

    plan.tables.forEach((spec, i) => {
      const below = { ...spec.range, firstRow: spec.range.lastRow + 1, lastRow: spec.range.lastRow + 1 };
      this.queueTable(ws, { ...spec, name: tableNames[i] }, rangeOf(spec.range), spec.showTotals ? rangeOf(below) : null, blocks);
    });

    for (const spec of plan.charts) {
      if (spec.series.length === 0) continue;
      const chart = ws.charts.add("ColumnClustered", rangeOf(spec.series[0].values), "Columns");
      chart.name = spec.name;
      chart.title.text = spec.title;
      const categories = rangeOf(spec.categories);
      spec.series.forEach((s, i) => {
        const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
        if (i === 0) series.name = s.name;
        else series.setValues(rangeOf(s.values));
        series.setXAxisValues(categories);
      });
      const { anchor } = spec;
      chart.setPosition(
        rangeOf({ ...anchor, lastRow: anchor.firstRow, lastColumn: anchor.firstColumn }),
        rangeOf({ ...anchor, firstRow: anchor.lastRow, firstColumn: anchor.lastColumn }),
      );
    }

    for (const { column, width } of plan.columnWidths) {
      ws.getRangeByIndexes(0, column - 1, 1, 1).getEntireColumn().format.columnWidth = characterWidthToPoints(width);
    }
    if (plan.freezeRows > 0) ws.freezePanes.freezeRows(plan.freezeRows);
    if (plan.visibility === "veryHidden") ws.visibility = "VeryHidden";
    for (const cf of plan.conditionalFormats ?? []) {
      const range = rangeOf(cf.range);
      for (const rule of cf.rules) {
        const format = range.conditionalFormats.add("CellValue");
        format.cellValue.format.fill.color = `#${rule.fill}`;
        format.cellValue.format.font.color = `#${rule.font}`;
        const [formula1, formula2] = rule.values.map(String);
        format.cellValue.rule = { formula1, ...(formula2 !== undefined ? { formula2 } : {}), operator: CELL_VALUE_OPERATORS[rule.operator] };
      }
    }
    if (plan.pageSetup && pageLayoutSupported()) {
      const page = plan.pageSetup;
      const layout = ws.pageLayout;
      layout.orientation = page.orientation === "landscape" ? "Landscape" : "Portrait";
      if (page.fitToWidth !== null) layout.zoom = { horizontalFitToPages: page.fitToWidth, verticalFitToPages: page.fitToHeight };
      if (page.printTitleRows) layout.setPrintTitleRows(`$${page.printTitleRows.first}:$${page.printTitleRows.last}`);
      if (page.paperSize) layout.paperSize = page.paperSize === "A4" ? "A4" : "Letter";
      if (page.printArea) layout.setPrintArea(rangeOf(page.printArea));
      // A break goes above the given cell: the row after each break row.
      for (const row of page.rowBreaks ?? []) ws.horizontalPageBreaks.add(rangeOf({ sheet: page.printArea?.sheet ?? plan.sheet, firstRow: row + 1, firstColumn: 1, lastRow: row + 1, lastColumn: 1 }));
    }
  }

  private queueTable(
    ws: Excel.Worksheet,
    spec: PlanTable,
    range: Excel.Range,
    totalsRow: Excel.Range | null,
    blocks: EncodedBlock[],
  ): void {
    // The totals row is the row after the plan's range; empty it first so that showing the
    // totals row never makes Excel shift cells to make room.
    if (totalsRow) totalsRow.clear("Contents");
    const table = ws.tables.add(range, true);
    table.name = spec.name;
    table.style = spec.style;
    table.showTotals = spec.showTotals;
    if (!totalsRow) return;
    // Excel fills a new totals row with its own guesses ("Total", a SUBTOTAL in the last
    // column); every cell of it is set here so the row says exactly what the plan says.
    // Sums are SUBTOTAL(109, …) as in Excel's own totals row: filtered-out rows do not count.
    // They refer to the column by name (QuotaTable[[Quota]]) so rows the user adds to the
    // table are counted; when the headers would not make reliable names, by address.
    const r = spec.range;
    const width = r.lastColumn - r.firstColumn + 1;
    const headers = Array.from({ length: width }, (_, i) => planValueAt(blocks, r.firstRow, r.firstColumn + i));
    const byName = headers.every((h) => typeof h === "string" && h !== "" && h === h.trim() && !/[\r\n]/.test(h)) &&
      new Set(headers.map((h) => String(h).toLowerCase())).size === width;
    for (let i = 0; i < width; i++) {
      const column = r.firstColumn + i;
      const cell = table.columns.getItemAt(i).getTotalRowRange();
      const totals = spec.columns[i]?.totals ?? null;
      if (totals === null) cell.values = [[""]];
      else if ("label" in totals) cell.values = [[totals.label === "" ? "" : `'${totals.label}`]];
      else if (r.lastRow > r.firstRow) {
        const data = byName
          ? `${spec.name}[[${String(headers[i]).replace(/['#[\]]/g, "'$&")}]]`
          : `${cellAddress(r.firstRow + 1, column)}:${cellAddress(r.lastRow, column)}`;
        cell.formulas = [[`=SUBTOTAL(109,${data})`]];
        const format = formatAt(blocks, r.lastRow + 1, column) ?? formatAt(blocks, r.lastRow, column);
        if (format) cell.numberFormat = [[format]];
      } else cell.values = [[0]];
    }
  }

  async freezeFormulas(match: (formula: string) => boolean, options: FreezeOptions = {}): Promise<FreezeReport> {
    const spillApi = this.spillApi ?? hostHasSpillApi();
    return this.run(async (context) => {
      const worksheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      const sheets = worksheets.items;
      const usedRanges = sheets.map((ws) => ws.getUsedRangeOrNullObject(true).load(RANGE_POSITION));
      await context.sync();
      const used = usedRanges.map((u) => (u.isNullObject ? null : { row: u.rowIndex, column: u.columnIndex, rows: u.rowCount, columns: u.columnCount }));
      const totalRows = used.reduce((n, u) => n + (u ? u.rows : 0), 0);

      // 1. The formulas, in row blocks sized like reads: one request per block.
      const hits: FormulaHit[] = [];
      let scanned = 0;
      options.onProgress?.(0, totalRows);
      for (let s = 0; s < sheets.length; s++) {
        const u = used[s];
        if (!u) continue;
        await this.inRowBlocks(context, { rows: u.rows, columns: u.columns, ranges: 1 }, (done, count) => {
          const block = sheets[s].getRangeByIndexes(u.row + done, u.column, count, u.columns).load("formulas");
          return () => {
            const formulas = block.formulas as unknown[][];
            for (let i = 0; i < count; i++) {
              const row = formulas[i];
              for (let j = 0; j < row.length; j++) {
                const f = row[j];
                if (typeof f === "string" && f.startsWith("=") && match(f)) hits.push({ sheet: s, row: u.row + done + i + 1, column: u.column + j + 1, formula: f });
              }
            }
            scanned += count;
            options.onProgress?.(scanned, totalRows);
            return jsonBytes(formulas);
          };
        });
      }

      // 2. Each found cell's value and spill range: one request per chunk of cells.
      const perCell = OP_OVERHEAD_BYTES * (spillApi ? 3 : 2);
      const chunkSize = Math.max(1, Math.floor(this.budgetBytes / perCell));
      const values: unknown[] = new Array(hits.length);
      const spills: ({ row: number; column: number; rows: number; columns: number } | null)[] = new Array(hits.length).fill(null);
      for (let start = 0; start < hits.length; ) {
        const chunk = hits.slice(start, start + chunkSize);
        const loaded = chunk.map((h) => {
          const cell = sheets[h.sheet].getRangeByIndexes(h.row - 1, h.column - 1, 1, 1).load("values");
          const spill = spillApi ? cell.getSpillingToRangeOrNullObject().load(RANGE_POSITION) : null;
          return { cell, spill };
        });
        await context.sync();
        loaded.forEach(({ cell, spill }, k) => {
          values[start + k] = (cell.values as unknown[][])[0][0];
          if (spill && !spill.isNullObject && spill.rowCount * spill.columnCount > 1) {
            spills[start + k] = { row: spill.rowIndex, column: spill.columnIndex, rows: spill.rowCount, columns: spill.columnCount };
          }
        });
        start += chunk.length;
      }

      const tally = new FreezeTally();
      const frozen: number[] = [];
      hits.forEach((h, k) => {
        const name = sheets[h.sheet].name;
        const spill = spills[k];
        const address = spill
          ? `${cellAddress(spill.row + 1, spill.column + 1)}:${cellAddress(spill.row + spill.rows, spill.column + spill.columns)}`
          : cellAddress(h.row, h.column);
        // Text that reads like a formula ('=SALES.X(…) typed as text) shows its text as value.
        if (values[k] === h.formula) return;
        if (!isCalculated(values[k])) tally.uncalculated(name, cellAddress(h.row, h.column));
        else {
          tally.frozen(name, address);
          frozen.push(k);
        }
      });
      if (options.dryRun || frozen.length === 0) return tally.result();

      // 3. The spilled values, in row blocks: one request per block.
      const writes: FreezeWrite[] = [];
      for (const k of frozen) {
        const h = hits[k];
        const spill = spills[k];
        if (!spill) writes.push({ sheet: h.sheet, row: h.row - 1, column: h.column - 1, values: [[frozenInput(values[k])]] });
        else writes.push({ sheet: h.sheet, row: spill.row, column: spill.column, values: await this.loadValues(context, sheets[h.sheet], spill) });
      }

      // 4. The values over the formulas, in requests under the budget.
      const pieces = writes.flatMap((w) => splitWrite(w, this.budgetBytes));
      for (const group of packByBytes(pieces, writeBytes, this.budgetBytes)) {
        context.workbook.application.suspendApiCalculationUntilNextSync();
        for (const w of group) sheets[w.sheet].getRangeByIndexes(w.row, w.column, w.values.length, w.values[0].length).values = w.values;
        await context.sync();
      }
      options.onProgress?.(totalRows, totalRows);
      return tally.result();
    });
  }

  /** A spilled range's values as frozen inputs, read in row blocks (one request each). */
  private async loadValues(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    r: { row: number; column: number; rows: number; columns: number },
  ): Promise<(string | number | boolean)[][]> {
    const out: (string | number | boolean)[][] = [];
    await this.inRowBlocks(context, { rows: r.rows, columns: r.columns, ranges: 1 }, (done, count) => {
      const block = ws.getRangeByIndexes(r.row + done, r.column, count, r.columns).load("values");
      return () => {
        const values = block.values as unknown[][];
        for (const row of values) out.push(row.map(frozenInput));
        return jsonBytes(values);
      };
    });
    return out;
  }

  /**
   * Reads `size.rows` rows in blocks of one request each, sized to stay under the request
   * budget: a first sample block, then as many rows as fit at the largest bytes per row seen
   * so far (and at most maxCells cells). A block the host refuses as too large is halved and
   * asked again. `queue(done, count)` queues the loads of the rows from `done` (0-based, within
   * the range) and returns a function that takes the loaded block after the sync and returns
   * its size in JSON bytes.
   */
  private async inRowBlocks(
    context: Excel.RequestContext,
    size: { rows: number; columns: number; ranges: number },
    queue: (done: number, count: number) => () => number,
  ): Promise<void> {
    let done = 0;
    let bytesPerRow = 0; // the largest block average seen so far
    let rowCap = Number.POSITIVE_INFINITY; // lowered when the host refuses a block as too large
    while (done < size.rows) {
      const planned =
        done === 0
          ? sampleBlockRows(size.columns, this.sampleCells, this.budgetBytes)
          : readBlockRows(bytesPerRow, size.columns, size.ranges, this.budgetBytes, this.maxCells);
      const count = Math.min(size.rows - done, planned, rowCap, Math.floor(this.maxCells / Math.max(1, size.columns)) || 1);
      const take = queue(done, count);
      try {
        await context.sync();
      } catch (error) {
        if (isPayloadLimitError(error) && count > 1) {
          rowCap = Math.max(1, Math.floor(count / 2));
          continue;
        }
        throw error;
      }
      bytesPerRow = Math.max(bytesPerRow, take() / count);
      done += count;
    }
  }

  async reveal(range: RangeRef): Promise<void> {
    checkRange(range);
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(range.sheet);
      ws.activate();
      ws.getRangeByIndexes(range.firstRow - 1, range.firstColumn - 1, range.lastRow - range.firstRow + 1, range.lastColumn - range.firstColumn + 1).select();
      await context.sync();
    });
  }
}

/** Whether the host has Worksheet.pageLayout (ExcelApi 1.9); assumed outside Office (tests). */
function pageLayoutSupported(): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported(name: string, version?: string): boolean } } } }).Office;
  const requirements = office?.context?.requirements;
  return !requirements || requirements.isSetSupported("ExcelApi", "1.9");
}

/** The value the plan writes to a cell, or null. */
function planValueAt(blocks: EncodedBlock[], row: number, column: number): unknown {
  for (let b = blocks.length - 1; b >= 0; b--) {
    const { source } = blocks[b];
    const i = row - source.row;
    const j = column - source.column;
    if (i >= 0 && i < source.values.length && j >= 0 && j < (source.values[i]?.length ?? 0)) return source.values[i][j];
  }
  return null;
}

/** The number format the plan gives a cell, to carry a column's format into its totals cell. */
function formatAt(blocks: EncodedBlock[], row: number, column: number): string | null {
  for (let b = blocks.length - 1; b >= 0; b--) {
    const block = blocks[b];
    const i = row - block.row;
    const j = column - block.column;
    if (i >= 0 && i < block.values.length && j >= 0 && j < block.width) return block.formats[i][j];
  }
  return null;
}
