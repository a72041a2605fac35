/**
 * How the wizard gets a workbook. In Excel: the open workbook through the Office.js adapter.
 * In a browser: an .xlsx or CSV file the user picks (the reader is chosen by the file's name,
 * workbook/fileKind.ts), offered back as an .xlsx download. The file is read in a worker
 * (reader/), so the page stays responsive and holds only what it shows; where a worker cannot
 * start, the ExcelJS or the CSV adapter reads it in the page. Adapters and the reader are
 * loaded on demand (dynamic import → separate chunks): ExcelJS alone is several times the size
 * of the whole initial task pane.
 */
import { fileKindOf } from "../workbook/fileKind";
import type { Locale } from "../i18n";
import { outputFileName } from "../workbook/plan";
import type { ProgressListener, WorkbookPort } from "../workbook/port";
import type { RemoteWorkbook } from "./reader/client";

export interface OpenedWorkbook {
  port: WorkbookPort;
  /** The workbook as .xlsx bytes (browser mode: for the download). */
  toBuffer?: () => Promise<Uint8Array>;
}

export interface Host {
  kind: "excel" | "browser";
  /** Excel: the workbook the task pane belongs to. */
  connect?: () => Promise<OpenedWorkbook>;
  /**
   * Browser: a workbook from a file's bytes (handed over: the caller's buffer may be emptied);
   * the name says how to read them. `onProgress` hears how far opening has got, where that
   * takes a while.
   */
  openFile?: (data: ArrayBuffer, fileName?: string, onProgress?: ProgressListener) => Promise<OpenedWorkbook>;
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

async function startReader(): Promise<RemoteWorkbook | null> {
  try {
    const { startReader } = await import(/* webpackChunkName: "reader" */ "./reader/start");
    return startReader();
  } catch {
    return null;
  }
}

export interface BrowserHostOptions {
  /** Starts a reading worker, or gives null to read in the page (tests, no workers). */
  startReader?: () => Promise<RemoteWorkbook | null>;
}

export function browserHost(options: BrowserHostOptions = {}): Host {
  const start = options.startReader ?? startReader;
  /** A reader started ahead of the first file (preload), and the one holding the open file. */
  let spare: Promise<RemoteWorkbook | null> | null = null;
  let current: RemoteWorkbook | null = null;
  return {
    kind: "browser",
    async openFile(data: ArrayBuffer, fileName = "workbook.xlsx", onProgress?: ProgressListener) {
      // One reader per file: ending the last one frees all it held.
      current?.close();
      current = null;
      const reader = await (spare ?? start());
      spare = null;
      if (reader) {
        let started = true;
        await reader.ready.catch(() => (started = false));
        if (started) {
          current = reader;
          await reader.open(data, fileName, onProgress);
          return { port: reader, toBuffer: () => reader.toBuffer() };
        }
        reader.close();
      }
      // No worker: read in the page, as the add-in did before it had one.
      if (fileKindOf(fileName) === "csv") {
        const { CsvWorkbook } = await loadCsv();
        const workbook = await CsvWorkbook.fromBytes(data, { name: fileName });
        return { port: workbook, toBuffer: () => workbook.toBuffer() };
      }
      const { XlsxWorkbook } = await loadXlsx();
      const workbook = await XlsxWorkbook.fromBuffer(data);
      return { port: workbook, toBuffer: () => workbook.toBuffer() };
    },
    preload() {
      spare ??= start();
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
