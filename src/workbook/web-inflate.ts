/**
 * Inflates zip entries with the platform's DecompressionStream ("deflate-raw": native code in
 * browsers, workers and Node) instead of JSZip's JavaScript inflater: several times faster on
 * a big sheet. The entry's bytes go in slices (views, no copies), pulled only as the reader
 * asks, so a reader that stops early (the <dimension>, the first rows) inflates little.
 */
import type { EntryStream, RawEntry } from "./ooxml";

const SLICE = 256 * 1024;

export const webInflateAvailable = (): boolean => typeof DecompressionStream === "function" && typeof ReadableStream === "function";

/** `onProgress` hears the entry's bytes consumed so far, of its stored size. */
export function webInflate(entry: RawEntry, onProgress?: (done: number, total: number) => void): EntryStream {
  let at = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= entry.data.byteLength) {
        controller.close();
        return;
      }
      const end = Math.min(at + SLICE, entry.data.byteLength);
      controller.enqueue(entry.data.subarray(at, end));
      at = end;
      onProgress?.(at, entry.data.byteLength);
    },
  });
  const inflated = entry.method === "store" ? source : source.pipeThrough(new DecompressionStream("deflate-raw") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  const reader = inflated.getReader();
  const on = { data: [] as ((chunk: Uint8Array) => void)[], end: [] as (() => void)[], error: [] as ((e: Error) => void)[] };
  let paused = true;
  let finished = false;
  let pumping = false;
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (!paused && !finished) {
        const next = await reader.read();
        if (finished) break;
        if (next.done) {
          finished = true;
          for (const f of on.end) f();
          break;
        }
        for (const f of on.data) f(next.value);
      }
    } catch (e) {
      if (!finished) {
        finished = true;
        const error = e instanceof Error ? e : new Error(String(e));
        for (const f of on.error) f(error);
      }
    } finally {
      pumping = false;
    }
  };
  const stream: EntryStream = {
    on(event: "data" | "end" | "error", cb: never) {
      (on[event] as unknown[]).push(cb);
      return stream;
    },
    resume() {
      paused = false;
      void pump();
      return stream;
    },
    pause() {
      paused = true;
      return stream;
    },
    destroy() {
      paused = true;
      finished = true;
      reader.cancel().catch(() => undefined);
    },
  } as EntryStream;
  return stream;
}
