/**
 * The page's side of the reading worker: a WorkbookPort whose calls become requests (protocol
 * .ts), and whose sources keep their rows in the worker (pipeline.ts RemoteRows): the page
 * receives the detected table and, for each mapping and filter, the aggregation. Progress of a
 * request arrives as messages and goes to the caller's listener (the wizard's progress bar).
 */
import type { Aggregation } from "../../sheet/aggregate";
import type { ColumnMapping } from "../../sheet/detect";
import { callsSalesFunction } from "../../workbook/freeze";
import type { WritePlan } from "../../workbook/plan";
import type { ApplyOptions, FreezeOptions, FreezeReport, ProgressListener, RangeRef, ReadOptions, SheetInfo, SheetOwnership, SheetSnapshot, TableInfo, WorkbookPort } from "../../workbook/port";
import { holdsRemoteRows, SourceProblem, type RemoteRows, type Result, type SourceData, type SourceReader, type TimeFilter } from "../pipeline";
import { aggregationFromWire, errorFromWire, type FromReader, type Op, type Replies, type RequestOf, type ToReader } from "./protocol";
import { ReaderSession, serve } from "./session";

/** How messages reach the reader: a Worker, or the same thread (tests). */
export interface Channel {
  post(message: ToReader, transfer: Transferable[]): void;
  /** Every message from the reader; `onStopped` once if the reader dies (a crash, no memory). */
  listen(onMessage: (message: FromReader) => void, onStopped: (error: Error) => void): void;
  close(): void;
}

export function workerChannel(worker: Worker): Channel {
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    listen(onMessage, onStopped) {
      worker.onmessage = (e: MessageEvent<FromReader>) => onMessage(e.data);
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        onStopped(new Error(e.message || "the reader stopped"));
      };
      worker.onmessageerror = () => onStopped(new Error("a message from the reader could not be read"));
    },
    close: () => worker.terminate(),
  };
}

export type Clone = <T>(value: T, transfer: Transferable[]) => T;

/**
 * The reader in this thread, behind the same messages: each one is structured-cloned (buffers
 * transferred) as postMessage does, so what works here works across a worker.
 */
export function loopbackChannel(session = new ReaderSession(), clone: Clone = (value, transfer) => structuredClone(value, { transfer })): Channel {
  let listener: ((message: FromReader) => void) | null = null;
  const handle = serve(session, (message, transfer = []) => {
    const copy = clone(message, transfer);
    queueMicrotask(() => listener?.(copy));
  });
  return {
    post: (message, transfer) => void handle(clone(message, transfer)),
    listen(onMessage) {
      listener = onMessage;
      queueMicrotask(() => listener?.({ type: "ready" }));
    },
    close: () => {
      listener = null;
    },
  };
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: ProgressListener;
}

/** Aggregations kept per source (mapping and filter changes go back and forth). */
const KEPT_ANALYSES = 16;

export class RemoteWorkbook implements WorkbookPort, SourceReader {
  readonly kind = "xlsx" as const;
  /** Settles once the reader has started (rejects if it could not). */
  readonly ready: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped: Error | null = null;
  private fileName = "";
  private started!: { resolve(): void; reject(e: Error): void };

  constructor(private readonly channel: Channel) {
    this.ready = new Promise<void>((resolve, reject) => (this.started = { resolve, reject }));
    this.ready.catch(() => undefined); // a failed start is reported to whoever awaits it
    channel.listen(
      (m) => this.receive(m),
      (e) => this.stop(e),
    );
  }

  private receive(m: FromReader): void {
    if (m.type === "ready") {
      this.started.resolve();
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === "progress") {
      p.onProgress?.(m.done, m.total);
      return;
    }
    this.pending.delete(m.id);
    if (m.type === "done") p.resolve(m.value);
    else p.reject(errorFromWire(m.error));
  }

  private stop(cause: Error): void {
    if (this.stopped) return;
    this.stopped = new SourceProblem("readerStopped", { name: this.fileName, detail: cause.message });
    this.started.reject(this.stopped);
    for (const p of this.pending.values()) p.reject(this.stopped);
    this.pending.clear();
  }

  private call<O extends Op>(request: RequestOf<O>, options: { transfer?: Transferable[]; onProgress?: ProgressListener } = {}): Promise<Replies[O]> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<Replies[O]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: options.onProgress });
      this.channel.post({ id, request }, options.transfer ?? []);
    });
  }

  /** Hands the file to the reader: the bytes move there (this side's buffer is emptied). */
  open(bytes: ArrayBuffer, fileName: string, onProgress?: ProgressListener): Promise<null> {
    this.fileName = fileName;
    return this.call({ op: "open", bytes, fileName }, { transfer: [bytes], onProgress });
  }

  /** Ends the reader and frees everything it held. */
  close(): void {
    this.stop(new Error("closed"));
    this.channel.close();
  }

  listSheets(): Promise<SheetInfo[]> {
    return this.call({ op: "listSheets" });
  }

  listTables(): Promise<TableInfo[]> {
    return this.call({ op: "listTables" });
  }

  async getSelection(): Promise<RangeRef | null> {
    return null;
  }

  read(range: RangeRef, options: ReadOptions = {}): Promise<SheetSnapshot> {
    return this.call({ op: "read", range, ...(options.columns ? { columns: options.columns } : {}) }, { onProgress: options.onProgress });
  }

  ownership(sheet: string): Promise<SheetOwnership> {
    return this.call({ op: "ownership", sheet });
  }

  async apply(plan: WritePlan, options: ApplyOptions = {}): Promise<void> {
    await this.call({ op: "apply", plan }, { onProgress: options.onProgress });
  }

  /**
   * Freezes in the reader. A function cannot cross to it, so only the page's rule (SALES
   * formulas, the one `quota freeze` applies) is offered.
   */
  freezeFormulas(match: (formula: string) => boolean, options: FreezeOptions = {}): Promise<FreezeReport> {
    if (match !== callsSalesFunction) return Promise.reject(new Error("The reader freezes SALES formulas only."));
    return this.call({ op: "freeze", dryRun: options.dryRun ?? false }, { onProgress: options.onProgress });
  }

  async reveal(_range: RangeRef): Promise<void> {
    // Files have no view to move.
  }

  /** The workbook with what apply() wrote, as file bytes (moved here from the reader). */
  toBuffer(): Promise<Uint8Array> {
    return this.call({ op: "save" });
  }

  /** Finds and reads the source in the reader; its rows stay there. */
  async readSourceData(range: RangeRef, onProgress?: ProgressListener): Promise<SourceData> {
    const reply = await this.call({ op: "readSource", range }, { onProgress });
    const { sheet, firstRow, columns } = reply.snapshot;
    const snapshot: SheetSnapshot = { sheet, firstRow, columns, rows: [] };
    holdsRemoteRows(snapshot, this.rowsOf(reply.id));
    return { range: reply.range, snapshot, table: reply.table, below: reply.below };
  }

  private rowsOf(source: number): RemoteRows {
    const known = new Map<string, Result<Aggregation>>();
    const asked = new Map<string, Promise<Result<Aggregation>>>();
    return {
      peek: (key) => known.get(key),
      analyse: (key: string, mapping: ColumnMapping, value, skipInvalid: boolean, filter: TimeFilter) => {
        const done = known.get(key);
        if (done) return Promise.resolve(done);
        let answer = asked.get(key);
        if (!answer) {
          answer = this.call({ op: "analyse", source, mapping, value, skipInvalid, filter }).then(
            (w): Result<Aggregation> => ({ ok: true, value: aggregationFromWire(w) }),
            (error: unknown): Result<Aggregation> => ({ ok: false, error }),
          );
          asked.set(key, answer);
          void answer.then((result) => {
            asked.delete(key);
            known.set(key, result);
            if (known.size > KEPT_ANALYSES) known.delete(known.keys().next().value as string);
          });
        }
        return answer;
      },
    };
  }
}
