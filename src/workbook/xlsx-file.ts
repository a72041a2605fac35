/**
 * The .xlsx adapter for files on disk (Node only: the `quota` command and big files). Sheets
 * are read streaming from the zip, row by row, keeping only the requested columns, so a
 * 1,048,576-row sheet reads in a few hundred MB. The result is written with the zip-level
 * writer and streamed to disk; untouched entries keep their compressed bytes.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { Readable } from "stream";
import * as zlib from "zlib";
import { DEFAULT_LIMITS, FileProblem, megabytes, type ReadLimits } from "./file-errors";
import { sameFile, writeFileSafely } from "./node-write";
import { OoxmlPackage, type EntryStream, type RawEntry } from "./ooxml";
import { StreamedWorkbook } from "./xlsx-stream";

export interface XlsxFileOptions {
  /** What reads may inflate and hold (DEFAULT_LIMITS); tests set smaller ones. */
  limits?: ReadLimits;
}

export class XlsxFile extends StreamedWorkbook {
  private constructor(
    pkg: OoxmlPackage,
    /** The absolute path the workbook was read from (never written). */
    readonly path: string,
  ) {
    super(pkg);
  }

  static async open(filePath: string, options: XlsxFileOptions = {}): Promise<XlsxFile> {
    const absolute = path.resolve(filePath);
    const limits = options.limits ?? DEFAULT_LIMITS;
    const { size } = await fs.stat(absolute);
    if (size > limits.fileBytes) throw new FileProblem("fileTooLarge", { size: megabytes(size), limit: megabytes(limits.fileBytes) });
    const data = await fs.readFile(absolute);
    const pkg = await OoxmlPackage.load(data, limits);
    pkg.inflater = nativeInflate;
    return new XlsxFile(pkg, absolute);
  }

  /**
   * Writes the workbook (input parts unchanged plus what apply() wrote) to outPath, through a
   * new temporary file in the same folder (see node-write.ts), so a failed or interrupted
   * write never leaves half a workbook. Refuses to write over the input file.
   */
  async save(outPath: string, shown: string = outPath): Promise<void> {
    const out = path.resolve(outPath);
    if (await sameFile(out, this.path)) throw new Error(`Refusing to overwrite the input workbook ${this.path}; choose another output file.`);
    this.pkg.assertSaveable();
    await writeFileSafely(out, () => this.pkg.zip.generateNodeStream({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 }, streamFiles: false }) as Readable, { shown });
  }

  /** A macro-enabled workbook (.xlsm): its main part is the macro-enabled type, or it carries a VBA project. */
  async isMacroEnabled(): Promise<boolean> {
    const types = (await this.pkg.text("[Content_Types].xml")) ?? "";
    return /macroEnabled\.main\+xml|vbaProject/i.test(types) || this.pkg.actual("xl/vbaProject.bin") !== null;
  }
}

/** Bytes handed to zlib (or, for a stored entry, to the reader) at a time. */
const INPUT_CHUNK = 256 * 1024;

/** An entry's bytes in bounded slices (views, no copies), pulled only as the reader asks. */
function* slices(data: Uint8Array): Generator<Buffer> {
  for (let at = 0; at < data.byteLength; at += INPUT_CHUNK) {
    yield Buffer.from(data.buffer, data.byteOffset + at, Math.min(INPUT_CHUNK, data.byteLength - at));
  }
}

/**
 * Node's zlib inflates big sheets several times faster than JSZip's JavaScript inflater. The
 * input goes in slices, so a stored (uncompressed) entry does not reach the reader as one
 * string of the whole sheet, and a reader that stops early (the <dimension>, the first rows)
 * leaves the rest of the entry untouched.
 */
function nativeInflate(entry: RawEntry): EntryStream {
  const source = Readable.from(slices(entry.data), { objectMode: false, highWaterMark: 1 });
  if (entry.method === "store") return source as unknown as EntryStream;
  const inflate = zlib.createInflateRaw({ chunkSize: INPUT_CHUNK });
  // A reader that stops early destroys the inflater; let the source go with it.
  inflate.once("close", () => source.destroy());
  return source.pipe(inflate) as unknown as EntryStream;
}

/**
 * Opens an .xlsx file for reading through the WorkbookPort and saving with save(outPath).
 * A file that is not an .xlsx workbook, too large or damaged is refused with a FileProblem
 * (one line saying what the file is and what to do), here or on the read that finds it.
 */
export function openXlsxFile(filePath: string, options: XlsxFileOptions = {}): Promise<XlsxFile> {
  return XlsxFile.open(filePath, options);
}
