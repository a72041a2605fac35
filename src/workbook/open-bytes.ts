/**
 * A workbook from the bytes of a file the user chose (the task pane outside Office). The file
 * name picks the reader (fileKind.ts): CSV files go to csv.ts; .xlsx files are streamed from
 * the package (xlsx-stream.ts), with no ExcelJS, so the reading worker stays small. Another
 * format plugs in here with its own WorkbookPort.
 */
import { CsvWorkbook } from "./csv";
import { fileKindOf } from "./fileKind";
import type { ProgressListener, WorkbookPort } from "./port";
import { StreamedWorkbook } from "./xlsx-stream";

/** A workbook that can be offered back as a file. */
export interface BytesWorkbook extends WorkbookPort {
  /** The workbook as a file: the input's parts unchanged plus what apply() wrote. */
  toBuffer(): Promise<Uint8Array>;
  /** Does the slow part of opening (finding the sheets' used ranges) now, with progress. */
  prepare?(onProgress?: ProgressListener): Promise<void>;
}

export async function openWorkbookBytes(bytes: ArrayBuffer | Uint8Array, fileName: string): Promise<BytesWorkbook> {
  if (fileKindOf(fileName) === "csv") return CsvWorkbook.fromBytes(bytes, { name: fileName });
  return StreamedWorkbook.fromBytes(bytes);
}
