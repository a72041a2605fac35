/**
 * CSV files on disk (Node only: the `quota` command). The file is read and parsed by csv.ts;
 * saving writes a new .xlsx, streaming the data sheet's XML into the zip block by block, and
 * the zip through writeFileSafely (node-write.ts), as for a workbook: a new exclusive temporary
 * file beside the output, fsync, rename; removed on a failure, Ctrl+C or SIGTERM.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { Readable } from "stream";
import { CsvWorkbook } from "./csv";
import { sameFile, writeFileSafely } from "./node-write";

export class CsvFile extends CsvWorkbook {
  /** The absolute path the CSV was read from (never written). */
  path = "";

  static async open(filePath: string): Promise<CsvFile> {
    const absolute = path.resolve(filePath);
    const data = await fs.readFile(absolute);
    const workbook = (await CsvFile.fromBytes(data, { name: path.basename(absolute) })) as CsvFile;
    workbook.path = absolute;
    return workbook;
  }

  /** Writes the new workbook to outPath (an .xlsx file; never the CSV itself). */
  async save(outPath: string, shown: string = outPath): Promise<void> {
    const out = path.resolve(outPath);
    if (await sameFile(out, this.path)) throw new Error(`Refusing to overwrite the input file ${this.path}; choose another output file.`);
    this.pkg.assertSaveable();
    this.fillDataSheet(Readable.from(this.dataSheetBlocks(), { objectMode: false }));
    await writeFileSafely(
      out,
      () => this.pkg.zip.generateNodeStream({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 }, streamFiles: true }) as Readable,
      { shown },
    );
  }
}

/** Opens a CSV file for reading through the WorkbookPort and saving as .xlsx with save(outPath). */
export function openCsvFile(filePath: string): Promise<CsvFile> {
  return CsvFile.open(filePath);
}
