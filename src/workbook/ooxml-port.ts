/**
 * What the two .xlsx adapters share: sheets, tables and ownership from the package, writes
 * through the zip-level writer, and reads of the add-in's own sheet from what was written
 * (so reads after apply() see the new state without re-loading the file). Subclasses only say
 * how source sheets are read: ExcelJS in memory (xlsx.ts) or streaming (xlsx-file.ts).
 */
import { LocalizedError } from "../i18n";
import { OoxmlPackage, sheetKey, type SheetEntry } from "./ooxml";
import { freezePackage } from "./ooxml-freeze";
import { applyPlan, CellGrid } from "./ooxml-write";
import { workbookMessages, type WritePlan } from "./plan";
import type {
  ApplyOptions,
  CellValue,
  FreezeOptions,
  FreezeReport,
  ProgressListener,
  RangeRef,
  ReadOptions,
  SheetInfo,
  SheetOwnership,
  SheetSnapshot,
  TableInfo,
  WorkbookPort,
} from "./port";

/** Rows between progress reports (and, in the browser, between yields to the page). */
export const PROGRESS_STEP = 8192;

export abstract class PackageWorkbook implements WorkbookPort {
  readonly kind = "xlsx" as const;
  /** The sheets written by apply(), by sheet key. */
  private readonly written = new Map<string, CellGrid>();
  private readonly usedCache = new Map<string, Promise<RangeRef | null>>();

  protected constructor(protected readonly pkg: OoxmlPackage) {}

  /** The used range of an unchanged source worksheet (cells with values). */
  protected abstract sourceUsedRange(sheet: SheetEntry): Promise<RangeRef | null>;

  /**
   * Rows firstRow..lastRow (lastRow already clamped to the used range) of the given columns.
   * May stop early after the last row with a value. Reports progress as (done ≤ total, total).
   */
  protected abstract readSource(sheet: SheetEntry, firstRow: number, lastRow: number, columns: number[], total: number, onProgress?: ProgressListener): Promise<CellValue[][]>;

  private usedRange(sheet: SheetEntry): Promise<RangeRef | null> {
    const key = sheetKey(sheet.name);
    const grid = this.written.get(key);
    if (grid) return Promise.resolve(grid.usedRange(sheet.name));
    if (sheet.kind !== "worksheet" || !sheet.part) return Promise.resolve(null);
    let used = this.usedCache.get(key);
    if (!used) {
      used = this.sourceUsedRange(sheet);
      this.usedCache.set(key, used);
      used.catch(() => this.usedCache.delete(key));
    }
    return used;
  }

  async listSheets(): Promise<SheetInfo[]> {
    const out: SheetInfo[] = [];
    for (const sheet of this.pkg.sheets) out.push({ name: sheet.name, used: await this.usedRange(sheet), visible: sheet.state === "visible" });
    return out;
  }

  listTables(): Promise<TableInfo[]> {
    return this.pkg.tables();
  }

  async getSelection(): Promise<RangeRef | null> {
    return null;
  }

  async read(range: RangeRef, options: ReadOptions = {}): Promise<SheetSnapshot> {
    const sheet = this.pkg.findSheet(range.sheet);
    if (!sheet) throw new LocalizedError(workbookMessages, "sheetMissing", { sheet: range.sheet });
    const { firstRow, lastRow, firstColumn, lastColumn } = range;
    if (![firstRow, lastRow, firstColumn, lastColumn].every((n) => Number.isInteger(n) && n >= 1) || lastRow < firstRow || lastColumn < firstColumn) {
      throw new RangeError(`Not a valid range on ${range.sheet}: rows ${firstRow}–${lastRow}, columns ${firstColumn}–${lastColumn}.`);
    }
    const columns = options.columns ? [...options.columns] : Array.from({ length: lastColumn - firstColumn + 1 }, (_v, i) => firstColumn + i);
    if (!columns.every((c) => Number.isInteger(c) && c >= 1)) throw new RangeError(`Not valid column numbers: ${columns.join(", ")}.`);
    const used = await this.usedRange(sheet);
    const last = used ? Math.min(lastRow, used.lastRow) : firstRow - 1;
    const total = Math.max(0, last - firstRow + 1);
    let rows: CellValue[][] = [];
    if (total > 0) {
      const grid = this.written.get(sheetKey(sheet.name));
      rows = grid ? readGrid(grid, firstRow, last, columns) : await this.readSource(sheet, firstRow, last, columns, total, options.onProgress);
    }
    // Trailing rows without a value in the read columns carry nothing; leave them out.
    while (rows.length > 0 && rows[rows.length - 1].every((v) => v === null)) rows.pop();
    options.onProgress?.(total, total);
    return { sheet: sheet.name, firstRow, columns, rows };
  }

  async ownership(sheet: string): Promise<SheetOwnership> {
    return this.pkg.ownership(sheet);
  }

  async apply(plan: WritePlan, options: ApplyOptions = {}): Promise<void> {
    const { sheet, grid } = await applyPlan(this.pkg, plan, options.onProgress);
    this.written.set(sheetKey(sheet), grid);
    this.usedCache.delete(sheetKey(sheet));
  }

  async reveal(_range: RangeRef): Promise<void> {
    // Files have no view to move.
  }

  /** Freezes in the package (ooxml-freeze.ts); values stay, so reads and used ranges do too. */
  freezeFormulas(match: (formula: string) => boolean, options: FreezeOptions = {}): Promise<FreezeReport> {
    return freezePackage(this.pkg, match, options);
  }

  /** The workbook as .xlsx bytes: the input's parts unchanged plus what apply() wrote. */
  toBuffer(): Promise<Uint8Array> {
    return this.pkg.generate();
  }
}

function readGrid(grid: CellGrid, firstRow: number, lastRow: number, columns: number[]): CellValue[][] {
  const rows: CellValue[][] = [];
  for (let r = firstRow; r <= lastRow; r++) rows.push(columns.map((c) => grid.value(r, c)));
  return rows;
}

/** Lets the page repaint (progress bars) during long synchronous reads. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
