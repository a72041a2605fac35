/**
 * How the wizard gets a workbook. In Excel: the open workbook through the Office.js adapter.
 * In a browser: an .xlsx or CSV file the user picks, through the ExcelJS or the CSV adapter
 * (chosen by the file's name, workbook/fileKind.ts), offered back as an .xlsx download. Both adapters are loaded on demand (dynamic import → separate chunks): ExcelJS
 * alone is several times the size of the whole initial task pane.
 */
import { fileKindOf } from "../workbook/fileKind";
import type { Locale } from "../i18n";
import { outputFileName } from "../workbook/plan";
import type { WorkbookPort } from "../workbook/port";

export interface OpenedWorkbook {
  port: WorkbookPort;
  /** The workbook as .xlsx bytes (browser mode: for the download). */
  toBuffer?: () => Promise<Uint8Array>;
}

export interface Host {
  kind: "excel" | "browser";
  /** Excel: the workbook the task pane belongs to. */
  connect?: () => Promise<OpenedWorkbook>;
  /** Browser: a workbook from a file's bytes; the name says how to read them. */
  openFile?: (data: ArrayBuffer, name: string) => Promise<OpenedWorkbook>;
  /** Starts fetching the adapter early, so opening a file does not wait for it. */
  preload?: () => void;
}

export function excelHost(): Host {
  return {
    kind: "excel",
    async connect() {
      const { ExcelWorkbook } = await import(/* webpackChunkName: "excel-adapter" */ "../workbook/excel");
      return { port: new ExcelWorkbook() };
    },
  };
}

function loadXlsx() {
  return import(/* webpackChunkName: "xlsx-adapter" */ "../workbook/xlsx");
}

function loadCsv() {
  return import(/* webpackChunkName: "csv-adapter" */ "../workbook/csv");
}

export function browserHost(): Host {
  return {
    kind: "browser",
    async openFile(data: ArrayBuffer, name: string) {
      if (fileKindOf(name) === "csv") {
        const { CsvWorkbook } = await loadCsv();
        const workbook = await CsvWorkbook.fromBytes(data, { name });
        return { port: workbook, toBuffer: () => workbook.toBuffer() };
      }
      const { XlsxWorkbook } = await loadXlsx();
      const workbook = await XlsxWorkbook.fromBuffer(data);
      return { port: workbook, toBuffer: () => workbook.toBuffer() };
    },
    preload() {
      loadXlsx().catch(() => undefined); // a failure shows up again, with a message, on open
    },
  };
}

/** Offers bytes as a file download (browser mode). */
export function downloadBytes(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has taken the blob once the click is handled; free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "sales.xlsx" → "sales-quotas.xlsx", "sales-kvoter.xlsx" in Swedish: the command's rule. */
export function resultFileName(original: string | null, locale: Locale = "en"): string {
  return outputFileName(original, locale);
}
