/**
 * What kind of file a user brought, from its bytes alone, so a file that is not an .xlsx
 * workbook gets a message that says what it is and what to do instead of a zip library's error.
 * Pure (no Node or DOM imports): the `quota` command and the task pane share it.
 */

export type WorkbookFileKind = "xlsx" | "xls" | "encrypted" | "csv" | "empty" | "truncated" | "unknown";

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

/** Whether `bytes` holds the name as an OLE directory entry spells it (UTF-16LE). */
function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const first = name.charCodeAt(0);
  const end = bytes.length - name.length * 2;
  outer: for (let i = 0; i <= end; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let j = 1; j < name.length; j++) {
      if (bytes[i + 2 * j] !== name.charCodeAt(j) || bytes[i + 2 * j + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

/** The zip's end-of-central-directory record is within the last 65,557 bytes. */
function hasZipEnd(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.length - 65_557);
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return true;
  }
  return false;
}

/** Text a spreadsheet could have been exported as: valid UTF-8, no control bytes, cells split by , ; or tab. */
function looksLikeCsv(bytes: Uint8Array): boolean {
  let head = bytes.subarray(0, 64 * 1024);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
  let text: string;
  try {
    // A multi-byte character cut at the end of the sample is not a fault.
    text = new TextDecoder("utf-8", { fatal: true }).decode(head.length < bytes.length ? head.subarray(0, trimToCharBoundary(head)) : head);
  } catch {
    return false;
  }
  if (text.trim() === "" || /^\s*</.test(text)) return false;
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) return false;
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== "");
  return lines.length > 0 && lines.slice(0, 5).some((l) => /[,;\t]/.test(l));
}

function trimToCharBoundary(bytes: Uint8Array): number {
  let end = bytes.length;
  // step back over continuation bytes and the lead byte of a character that may be cut
  let back = 0;
  while (end > 0 && back < 3 && (bytes[end - 1] & 0xc0) === 0x80) {
    end--;
    back++;
  }
  if (end > 0 && bytes[end - 1] >= 0xc0) end--;
  return end;
}

/**
 * The kind of file, by its first and last bytes: "xlsx" for a complete zip package (whose
 * parts are checked later), "xls" for an Excel 97–2003 (BIFF) file, "encrypted" for a
 * password-protected workbook (an OLE file holding an EncryptedPackage stream), "csv" for
 * delimited text, "empty", "truncated" for a zip cut before its directory, else "unknown".
 */
export function sniffWorkbookFile(bytes: Uint8Array): WorkbookFileKind {
  if (bytes.length === 0) return "empty";
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06)) {
    return hasZipEnd(bytes) ? "xlsx" : "truncated";
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    if (hasUtf16Name(bytes, "EncryptedPackage")) return "encrypted";
    if (hasUtf16Name(bytes, "Workbook") || hasUtf16Name(bytes, "Book")) return "xls";
    return "unknown";
  }
  return looksLikeCsv(bytes) ? "csv" : "unknown";
}
