/**
 * Starts the reading worker (its own chunk: webpack bundles `new Worker(new URL(…))` as a
 * separate entry). Loaded on demand by host.ts, so the page's initial scripts do not carry the
 * reader. Returns null where workers cannot be made; the page then reads in its own thread.
 */
import { RemoteWorkbook, workerChannel } from "./client";

export function startReader(): RemoteWorkbook | null {
  if (typeof Worker === "undefined") return null;
  try {
    // @ts-expect-error import.meta: webpack bundles this as an ES module; tsconfig's commonjs is for jest and tsc
    const worker = new Worker(new URL("./reader.worker.ts", import.meta.url), { name: "quota-reader" });
    return new RemoteWorkbook(workerChannel(worker));
  } catch {
    return null;
  }
}
