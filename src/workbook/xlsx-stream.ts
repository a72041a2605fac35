/**
 * The .xlsx adapter that streams every sheet from the package, row by row, keeping only the
 * requested columns: the `quota` command's reader (xlsx-file.ts adds the Node file and zlib
 * parts) and the task pane's reading worker, which opens the chosen file's bytes with it. No
 * ExcelJS and no Node modules here, so it runs in a browser worker.
 */
import { DEFAULT_LIMITS, type ReadLimits } from "./file-errors";
import { OoxmlPackage, type SheetEntry } from "./ooxml";
import { loadReadContext, readSheetRows, SheetValueCache, streamedUsedRange, type ReadContext } from "./ooxml-read";
import { PackageWorkbook } from "./ooxml-port";
import type { WritePlan } from "./plan";
import type { ApplyOptions, CellValue, ProgressListener, RangeRef } from "./port";
import { webInflate, webInflateAvailable } from "./web-inflate";

export class StreamedWorkbook extends PackageWorkbook {
  private readContext: Promise<ReadContext> | null = null;
  /**
   * Values of sheets without a <dimension> (ExcelJS's streaming writer never writes one), kept
   * from the pass that found their used range, by part: the read that follows is then served
   * from memory instead of a second pass over the sheet.
   */
  private readonly scanned = new Map<string, SheetValueCache>();

  protected constructor(pkg: OoxmlPackage) {
    super(pkg);
  }

  /** Hears how far the parts being read are inflated (see prepare). */
  private inflating: ProgressListener | null = null;

  /**
   * A workbook from .xlsx bytes held in memory (sheets inflated natively where the platform
   * can), read within `limits` like a file the `quota` command opens.
   */
  static async fromBytes(data: ArrayBuffer | Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<StreamedWorkbook> {
    const pkg = await OoxmlPackage.load(data, limits);
    const workbook = new StreamedWorkbook(pkg);
    if (webInflateAvailable()) pkg.inflater = (entry) => webInflate(entry, (done, total) => workbook.inflating?.(done, total));
    return workbook;
  }

  /**
   * Finds every sheet's used range now, which takes a pass over each sheet without a
   * <dimension>, reporting the bytes of each part read so far (where the platform inflates);
   * listSheets() then answers from memory.
   */
  async prepare(onProgress?: ProgressListener): Promise<void> {
    this.inflating = onProgress ?? null;
    try {
      await this.listSheets();
    } finally {
      this.inflating = null;
    }
  }

  private context(): Promise<ReadContext> {
    this.readContext ??= loadReadContext(this.pkg);
    return this.readContext;
  }

  protected async sourceUsedRange(sheet: SheetEntry): Promise<RangeRef | null> {
    if (!sheet.part) return null;
    const cache = new SheetValueCache();
    const used = await streamedUsedRange(this.pkg, sheet.part, () => this.context(), sheet.name, cache);
    if (cache.usable) this.scanned.set(sheet.part, cache);
    return used;
  }

  protected async readSource(sheet: SheetEntry, firstRow: number, lastRow: number, columns: number[], total: number, onProgress?: ProgressListener): Promise<CellValue[][]> {
    if (!sheet.part) return [];
    const ctx = await this.context();
    const cache = this.scanned.get(sheet.part);
    if (cache) {
      // A read to the end is the table read; the values are not needed after it (a later
      // read streams the sheet again).
      if (lastRow >= cache.lastRow) this.scanned.delete(sheet.part);
      return cache.read(ctx, firstRow, lastRow, columns, total, onProgress);
    }
    return readSheetRows(this.pkg, sheet.part, ctx, firstRow, lastRow, columns, total, onProgress);
  }

  override async apply(plan: WritePlan, options?: ApplyOptions): Promise<void> {
    const target = this.pkg.findSheet(plan.sheet);
    if (target?.part) this.scanned.delete(target.part);
    await super.apply(plan, options);
  }
}
