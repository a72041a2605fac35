/**
 * The reading worker's side of the protocol: holds the workbook opened from the file's bytes
 * and the rows of the last source read, and answers the page's requests with the same pipeline
 * functions the wizard uses in Excel (readSource, analyse). No worker globals here: the worker
 * entry (reader.worker.ts) wires `serve` to postMessage, and tests call it directly.
 */
import { callsSalesFunction } from "../../workbook/freeze";
import type { ProgressListener } from "../../workbook/port";
import { openWorkbookBytes, type BytesWorkbook } from "../../workbook/open-bytes";
import { analyse, readSource, type SourceData } from "../pipeline";
import { aggregationToWire, errorToWire, type FromReader, type Replies, type Request, type ToReader } from "./protocol";

export type Opener = (bytes: ArrayBuffer, fileName: string) => Promise<BytesWorkbook>;

export interface Answer {
  value: Replies[keyof Replies];
  /** Buffers handed over with the answer instead of copied. */
  transfer: Transferable[];
}

const answer = (value: Answer["value"], transfer: Transferable[] = []): Answer => ({ value, transfer });

export class ReaderSession {
  private workbook: BytesWorkbook | null = null;
  /** The last source read; only one is kept (the wizard shows one source at a time). */
  private source: { id: number; data: SourceData } | null = null;
  private nextSource = 1;

  constructor(private readonly open: Opener = openWorkbookBytes) {}

  private port(): BytesWorkbook {
    if (!this.workbook) throw new Error("No workbook is open.");
    return this.workbook;
  }

  async handle(request: Request, onProgress: ProgressListener): Promise<Answer> {
    switch (request.op) {
      case "open":
        this.workbook = null;
        this.source = null;
        this.workbook = await this.open(request.bytes, request.fileName);
        await this.workbook.prepare?.(onProgress);
        return answer(null);
      case "listSheets":
        return answer(await this.port().listSheets());
      case "listTables":
        return answer(await this.port().listTables());
      case "ownership":
        return answer(await this.port().ownership(request.sheet));
      case "read":
        return answer(await this.port().read(request.range, { ...(request.columns ? { columns: request.columns } : {}), onProgress }));
      case "readSource": {
        this.source = null; // the previous rows go before the next are read
        const data = await readSource(this.port(), request.range, onProgress);
        const id = this.nextSource++;
        this.source = { id, data };
        const { sheet, firstRow, columns, rows } = data.snapshot;
        return answer({ id, range: data.range, table: data.table, below: data.below ?? null, snapshot: { sheet, firstRow, columns, rowCount: rows.length } });
      }
      case "analyse": {
        const source = this.source;
        if (!source || source.id !== request.source) throw new Error("Those rows are no longer held; read the source again.");
        const result = analyse(source.data, request.mapping, request.value, request.skipInvalid, request.filter);
        if (!result.ok) throw result.error;
        return answer(aggregationToWire(result.value));
      }
      case "apply":
        await this.port().apply(request.plan, { onProgress });
        return answer(null);
      case "freeze":
        return answer(await this.port().freezeFormulas(callsSalesFunction, { dryRun: request.dryRun, onProgress }));
      case "save": {
        const bytes = await this.port().toBuffer();
        const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
        return answer(own, [own.buffer]);
      }
    }
  }
}

/**
 * Serves requests one at a time, in the order they came, posting progress, the answer or the
 * failure (as plain data) for each.
 */
export function serve(session: ReaderSession, post: (message: FromReader, transfer?: Transferable[]) => void): (message: ToReader) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  return (message) => {
    const { id, request } = message;
    queue = queue.then(async () => {
      try {
        const { value, transfer } = await session.handle(request, (done, total) => post({ type: "progress", id, done, total }));
        post({ type: "done", id, value }, transfer);
      } catch (error) {
        post({ type: "failed", id, error: errorToWire(error) });
      }
    });
    return queue;
  };
}
