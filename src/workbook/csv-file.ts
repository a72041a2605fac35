/**
 * CSV files on disk (Node only: the `quota` command). The file is read and parsed by csv.ts;
 * saving writes a new .xlsx, streaming the data sheet's XML into the zip block by block and
 * the zip to a temporary file beside the output, so a failed write leaves nothing half-done.
 */
import { createWriteStream, promises as fs } from "fs";
import * as path from "path";
import { Readable } from "stream";
import { pipeline } from "stream/promises";
import { CsvWorkbook } from "./csv";

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
  async save(outPath: string): Promise<void> {
    const out = path.resolve(outPath);
    if (out === this.path) throw new Error(`Refusing to overwrite the input file ${this.path}; choose another output file.`);
    this.pkg.assertSaveable();
    this.fillDataSheet(Readable.from(this.dataSheetBlocks(), { objectMode: false }));
    const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
    try {
      const zipStream = this.pkg.zip.generateNodeStream({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 }, streamFiles: true });
      await pipeline(zipStream, createWriteStream(tmp));
      await fs.rename(tmp, out);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }
}

/** Opens a CSV file for reading through the WorkbookPort and saving as .xlsx with save(outPath). */
export function openCsvFile(filePath: string): Promise<CsvFile> {
  return CsvFile.open(filePath);
}
