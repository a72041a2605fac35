/**
 * Writing a result file safely on disk (Node only; the `quota` command's --out).
 *
 * - The target is checked first: a folder, a FIFO, a device or socket, or a read-only file is
 *   refused with a message that says so (replacing them would be a surprise or worse).
 * - The bytes go to a new temporary file in the same folder, named `.<name>.<random>.tmp`.
 *   It is created exclusively (O_CREAT | O_EXCL | O_NOFOLLOW, mode 0600), so a file or link
 *   someone planted under a predictable name is never opened, followed or reused.
 * - The file is flushed to disk (fsync), given its final mode (the replaced file's mode, else
 *   0666 minus the umask, usually 0644), then renamed over the target in one step: readers see
 *   the old file or the new one, never half a workbook.
 * - A symbolic link at the target is replaced by the new file, as rename() does: the file the
 *   link pointed to is not written.
 * - SIGINT or SIGTERM during the write removes the temporary file, then the process exits with
 *   130 or 143 as a shell would report it.
 */
import { randomBytes } from "crypto";
import * as fsSync from "fs";
import { constants, promises as fs } from "fs";
import * as path from "path";
import { Readable } from "stream";
import { Catalog, LocalizedError } from "../i18n";

export const outputFileMessages: Catalog = {
  outIsFolder: {
    en: "--out {path} is a folder, not a file; name the workbook to write.",
    sv: "--out {path} är en mapp, inte en fil; ange arbetsboken som ska skrivas.",
  },
  outIsSpecial: {
    en: "--out {path} names a FIFO/device, not a file; name an ordinary file.",
    sv: "--out {path} är en FIFO/enhet, inte en fil; ange en vanlig fil.",
  },
  outReadOnly: {
    en: "--out {path} is read-only; it was left as it is. Choose another file, or make it writable first.",
    sv: "--out {path} är skrivskyddad; den lämnades som den var. Välj en annan fil, eller gör den skrivbar först.",
  },
};

/** Why the output path cannot be written (one line in the user's language). */
export class OutputFileError extends LocalizedError {
  constructor(key: "outIsFolder" | "outIsSpecial" | "outReadOnly", readonly path: string) {
    super(outputFileMessages, key, { path });
    this.name = "OutputFileError";
  }
}

/** What is at the output path now: nothing, a file (its mode) or a symbolic link. */
export type OutputTarget = { kind: "absent" } | { kind: "file"; mode: number } | { kind: "link" };

/**
 * Checks that `target` may be replaced: absent, a writable regular file, or a symbolic link
 * (the link itself is replaced). `shown` is the path as the user typed it, for the message.
 */
export function checkOutputTarget(target: string, shown: string = target): OutputTarget {
  const stat = fsSync.lstatSync(target, { throwIfNoEntry: false });
  if (!stat) return { kind: "absent" };
  if (stat.isSymbolicLink()) return { kind: "link" };
  if (stat.isDirectory()) throw new OutputFileError("outIsFolder", shown);
  if (!stat.isFile()) throw new OutputFileError("outIsSpecial", shown);
  // No write bit at all is read-only even for the superuser, who passes access() anyway.
  if ((stat.mode & 0o222) === 0) throw new OutputFileError("outReadOnly", shown);
  try {
    fsSync.accessSync(target, constants.W_OK);
  } catch {
    throw new OutputFileError("outReadOnly", shown);
  }
  return { kind: "file", mode: stat.mode & 0o7777 };
}

/** The mode a new file gets by default: 0666 minus the umask (0644 with the usual 022). */
function defaultMode(): number {
  const mask = process.umask();
  return 0o666 & ~mask;
}

// --- Cleanup on SIGINT / SIGTERM ---------------------------------------------------------------

const pending = new Set<string>();
const EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

function onSignal(signal: NodeJS.Signals): void {
  for (const file of pending) {
    try {
      fsSync.unlinkSync(file);
    } catch {
      // already gone
    }
  }
  pending.clear();
  process.exit(EXIT_CODES[signal] ?? 1);
}

function track(file: string): void {
  if (pending.size === 0) for (const s of Object.keys(EXIT_CODES)) process.on(s, onSignal);
  pending.add(file);
}

function untrack(file: string): void {
  if (!pending.delete(file)) return;
  if (pending.size === 0) for (const s of Object.keys(EXIT_CODES)) process.off(s, onSignal);
}

// --- The write ---------------------------------------------------------------------------------

/** Whether two paths name the same file (the same inode: links and `..` included). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false; // the output does not exist yet
  }
}

export interface SafeWriteOptions {
  /** The user's spelling of the path, for messages. */
  shown?: string;
  /** The temporary file's random part (tests pin it to show a taken name is never reused). */
  randomName?: () => string;
}

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
const ATTEMPTS = 16;

/** Creates a new temporary file beside `target`; never opens an existing one. */
async function createTemp(target: string, randomName: () => string): Promise<{ file: string; handle: fs.FileHandle }> {
  const dir = path.dirname(target);
  const base = path.basename(target);
  for (let attempt = 0; ; attempt++) {
    const file = path.join(dir, `.${base}.${randomName()}.tmp`);
    // Tracked before it exists: a signal that comes while the file is being created (before
    // this function returns) must remove it too. The name is random, so it is nobody else's.
    track(file);
    try {
      const handle = await fs.open(file, CREATE_FLAGS, 0o600);
      return { file, handle };
    } catch (e) {
      untrack(file);
      const code = (e as NodeJS.ErrnoException).code;
      if ((code === "EEXIST" || code === "ELOOP") && attempt < ATTEMPTS) continue;
      throw e;
    }
  }
}

/**
 * Writes what `source` yields to `target` safely (see the module comment): check, exclusive
 * temporary file, fsync, chmod, rename. On any failure the temporary file is removed and the
 * target is as it was.
 */
export async function writeFileSafely(target: string, source: Readable | (() => Readable), options: SafeWriteOptions = {}): Promise<void> {
  const absolute = path.resolve(target);
  const existing = checkOutputTarget(absolute, options.shown ?? target);
  const mode = existing.kind === "file" ? existing.mode : defaultMode();
  const { file, handle } = await createTemp(absolute, options.randomName ?? (() => randomBytes(12).toString("hex")));
  let closed = false;
  try {
    const stream = typeof source === "function" ? source() : source;
    // JSZip's stream is an old-style (readable-stream 2) stream: wrap it to iterate it.
    const iterable = Symbol.asyncIterator in stream ? stream : new Readable().wrap(stream);
    for await (const chunk of iterable as AsyncIterable<Buffer | string>) {
      const data = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      await handle.write(data, 0, data.length);
    }
    await handle.sync();
    await handle.chmod(mode);
    await handle.close();
    closed = true;
    await fs.rename(file, absolute);
    untrack(file);
    await syncFolder(path.dirname(absolute));
  } catch (e) {
    if (!closed) await handle.close().catch(() => undefined);
    await fs.rm(file, { force: true });
    untrack(file);
    throw e;
  }
}

/** Flushes the folder entry of the rename where the platform allows it (not on Windows). */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === "win32") return;
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a folder; the rename itself has happened.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
