/**
 * The .xlsx adapter for files on disk (Node only: the `quota` command and big files). Sheets
 * are read streaming from the zip, row by row, keeping only the requested columns, so a
 * 1,048,576-row sheet reads in a few hundred MB. The result is written with the zip-level
 * writer and streamed to disk; untouched entries keep their compressed bytes.
 */
import { createWriteStream, promises as fs } from "fs";
import * as path from "path";
import { Readable } from "stream";
import { pipeline } from "stream/promises";
import * as zlib from "zlib";
import { OoxmlPackage, type EntryStream, type RawEntry, type SheetEntry } from "./ooxml";
import { loadReadContext, readSheetRows, streamedUsedRange, type ReadContext } from "./ooxml-read";
import { PackageWorkbook } from "./ooxml-port";
import type { CellValue, ProgressListener, RangeRef } from "./port";

export class XlsxFile extends PackageWorkbook {
  private readContext: Promise<ReadContext> | null = null;

  private constructor(
    pkg: OoxmlPackage,
    /** The absolute path the workbook was read from (never written). */
    readonly path: string,
  ) {
    super(pkg);
  }

  static async open(filePath: string): Promise<XlsxFile> {
    const absolute = path.resolve(filePath);
    const data = await fs.readFile(absolute);
    const pkg = await OoxmlPackage.load(data);
    pkg.inflater = nativeInflate;
    return new XlsxFile(pkg, absolute);
  }

  private context(): Promise<ReadContext> {
    this.readContext ??= loadReadContext(this.pkg);
    return this.readContext;
  }

  protected async sourceUsedRange(sheet: SheetEntry): Promise<RangeRef | null> {
    return sheet.part ? streamedUsedRange(this.pkg, sheet.part, () => this.context(), sheet.name) : null;
  }

  protected async readSource(sheet: SheetEntry, firstRow: number, lastRow: number, columns: number[], total: number, onProgress?: ProgressListener): Promise<CellValue[][]> {
    if (!sheet.part) return [];
    return readSheetRows(this.pkg, sheet.part, await this.context(), firstRow, lastRow, columns, total, onProgress);
  }

  /**
   * Writes the workbook (input parts unchanged plus what apply() wrote) to outPath, through a
   * temporary file in the same folder so a failed write never leaves half a workbook. Refuses
   * to write over the input file.
   */
  async save(outPath: string): Promise<void> {
    const out = path.resolve(outPath);
    if (await sameFile(out, this.path)) throw new Error(`Refusing to overwrite the input workbook ${this.path}; choose another output file.`);
    this.pkg.assertSaveable();
    const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
    try {
      const zipStream = this.pkg.zip.generateNodeStream({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 }, streamFiles: false });
      await pipeline(zipStream, createWriteStream(tmp));
      await fs.rename(tmp, out);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }
}

/** Node's zlib inflates big sheets several times faster than JSZip's JavaScript inflater. */
function nativeInflate(entry: RawEntry): EntryStream {
  const bytes = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
  const source = Readable.from([bytes], { objectMode: false });
  if (entry.method === "store") return source as unknown as EntryStream;
  return source.pipe(zlib.createInflateRaw({ chunkSize: 256 * 1024 })) as unknown as EntryStream;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false; // the output does not exist yet
  }
}

/** Opens an .xlsx file for reading through the WorkbookPort and saving with save(outPath). */
export function openXlsxFile(filePath: string): Promise<XlsxFile> {
  return XlsxFile.open(filePath);
}
