/**
 * The reading worker: opens the chosen file, reads and aggregates its rows off the page's
 * thread, and answers the page's requests (protocol.ts) with progress. Bundled as its own
 * chunk (reader/start.ts).
 */
import type { ToReader } from "./protocol";
import { ReaderSession, serve } from "./session";

const scope = self as unknown as {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToReader>) => void) | null;
};

const handle = serve(new ReaderSession(), (message, transfer) => scope.postMessage(message, transfer ?? []));
scope.onmessage = (e) => void handle(e.data);
scope.postMessage({ type: "ready" });
