/**
 * The worksheet tokenizer: worksheet parts are the one place where parsing speed matters (a
 * full sheet is 300 MB of XML and more), and a general parser (saxes, used for every other
 * part) takes about twice as long there. This one finds tags with indexOf instead of a state
 * machine per character, yet checks what makes XML well-formed as far as the reader goes:
 * every element closed by its own end tag, names and attributes in their syntax, "<" never in
 * text or values, every character or entity reference one XML defines, no control characters
 * in the text read, nesting and markup-free runs bounded. A fault is a FileProblem naming the
 * part and line. No Node modules here: the task pane uses it too.
 */
import { BadCellValue, cellAddress, FileProblem, shortText, type ReadLimits } from "./file-errors";
import { decodeXstring } from "./ooxml";

/** Thrown by handlers to end a read early (a row past the window, </sheetData>). */
export const STOP = Symbol("stop");

/** Receives every cell in the row window that holds a value; raw, so skipped columns cost little. */
export type RawCellSink = (row: number, column: number, type: string, style: number, text: string) => void;

/** Excel's grid, kept here as plain numbers (read per cell). */
const LAST_ROW = 1_048_576;
const LAST_COLUMN = 16_384;

/** Cell types by their `t` attribute, as small numbers so no string is made per cell. */
const CELL_TYPES = ["n", "s", "str", "inlineStr", "b", "e", "d"] as const;
const T_STR = 2;
const T_INLINE = 3;

/** `_xHHHH_` is 7 characters for one: raw cell text may be this many times the cell's limit. */
export const XSTRING_ESCAPE = 7;

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

/** XML 1.0's Char production. */
function isXmlChar(code: number): boolean {
  return code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** A name's first character: a letter, "_", ":" or anything past ASCII. */
function isNameStart(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || ch === 95 || ch === 58 || ch >= 0xc0;
}

function isNameChar(ch: number): boolean {
  return isNameStart(ch) || (ch >= 48 && ch <= 57) || ch === 45 || ch === 46 || ch === 0xb7;
}

export class SheetTokenizer {
  private rest = "";
  /** Line breaks in the text before `rest`, the offset of the last and of `rest` (for where a fault is). */
  private lines = 0;
  private lastBreak = -1;
  private offset = 0;
  /** Characters since the last "<". */
  private run = 0;
  /** Names of the open elements, outermost first. */
  private readonly stack: string[] = [];
  row = 0;
  private column = 0;
  private inCell = false;
  private type = 0;
  private style = 0;
  private text = "";
  private values = 0;
  private hasValue = false;
  private capturing = false;
  private inInline = false;
  private phonetic = 0;
  /** Set once </sheetData> or a row past lastRow was seen. */
  done = false;
  // attribute positions of the tag being read (r, s, t of <c>; r of <row>), -1 = absent
  private rFrom = -1;
  private rTo = -1;
  private sFrom = -1;
  private sTo = -1;
  private tFrom = -1;
  private tTo = -1;
  private selfClosing = false;
  /** The buffer being read and where in it (for the line and column of a fault). */
  private buf = "";

  constructor(
    private readonly part: string,
    private readonly firstRow: number,
    private readonly lastRow: number,
    private readonly sink: RawCellSink,
    private readonly limits: ReadLimits,
    private readonly onRow?: (row: number) => void,
  ) {}

  write(chunk: string): void {
    this.checkRun(chunk);
    const buf = this.rest.length > 0 ? this.rest + chunk : chunk;
    this.buf = buf;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf("<", pos);
      if (lt < 0) break;
      if (lt > pos) this.onText(buf, pos, lt);
      const c1 = buf.charCodeAt(lt + 1);
      if (Number.isNaN(c1)) {
        pos = lt;
        break;
      }
      if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
        const end = this.special(buf, lt);
        if (end < 0) {
          pos = lt;
          break;
        }
        pos = end;
        continue;
      }
      const end = c1 === 47 ? this.closeTag(buf, lt) : this.openTag(buf, lt);
      if (end < 0) {
        pos = lt;
        break;
      }
      pos = end;
    }
    // Text runs on into the next chunk (kept whole: its references are checked once complete).
    this.consumed(buf, pos);
    this.rest = buf.slice(pos);
  }

  private consumed(buf: string, to: number): void {
    for (let i = buf.indexOf("\n"); i >= 0 && i < to; i = buf.indexOf("\n", i + 1)) {
      this.lines++;
      this.lastBreak = this.offset + i;
    }
    this.offset += to;
  }

  private checkRun(chunk: string): void {
    const first = chunk.indexOf("<");
    if (first < 0) this.run += chunk.length;
    else {
      if (this.run + first > this.limits.run) this.longRun();
      this.run = chunk.length - chunk.lastIndexOf("<") - 1;
    }
    if (this.run > this.limits.run) this.longRun();
  }

  private longRun(): never {
    throw new FileProblem("longRun", { part: this.part, limit: String(Math.max(1, Math.round(this.limits.run / 2 ** 20))) });
  }

  /** A fault at offset `at` of the current buffer. */
  private bad(at: number): never {
    const before = at > 0 ? this.buf.lastIndexOf("\n", at - 1) : -1;
    const column = before >= 0 ? at - before : this.offset + at - this.lastBreak;
    throw new FileProblem("badXml", { part: this.part, line: this.lineAt(at), column });
  }

  private lineAt(at: number): number {
    let line = this.lines + 1;
    for (let i = this.buf.indexOf("\n"); i >= 0 && i < at; i = this.buf.indexOf("\n", i + 1)) line++;
    return line;
  }

  /** Character data buf[from, to): checked, decoded and kept when a value is being read. */
  private onText(buf: string, from: number, to: number): void {
    let amp = false;
    for (let i = from; i < to; i++) {
      const c = buf.charCodeAt(i);
      if (c < 32) {
        if (c !== 9 && c !== 10 && c !== 13) this.bad(i);
      } else if (c === 38 /* & */) amp = true;
      // ">" is allowed in text, "]]>" is not
      else if (c === 62 && i >= from + 2 && buf.charCodeAt(i - 1) === 93 && buf.charCodeAt(i - 2) === 93) this.bad(i - 2);
      else if (c >= 0xfffe) this.bad(i);
    }
    if (this.capturing) this.append(amp ? this.decode(buf.slice(from, to), from) : buf.slice(from, to));
    else if (amp) this.decode(buf.slice(from, to), from);
  }

  private append(text: string): void {
    this.text += text;
    if (this.text.length > this.limits.cellText && (this.text.length > this.limits.cellText * XSTRING_ESCAPE || (this.type !== T_STR && this.type !== T_INLINE))) this.tooLong();
  }

  /** Text with its references replaced; a reference to no character or an unknown entity is a fault. */
  private decode(text: string, at: number): string {
    let out = "";
    let last = 0;
    for (let i = text.indexOf("&"); i >= 0; i = text.indexOf("&", last)) {
      const semi = text.indexOf(";", i);
      if (semi < 0 || semi - i > 12) this.bad(at + i);
      const ref = text.slice(i + 1, semi);
      let ch: string | undefined;
      if (ref.charCodeAt(0) === 35 /* # */) {
        const hex = ref.charCodeAt(1) === 120; /* x */
        const digits = ref.slice(hex ? 2 : 1);
        const code = (hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits) ? parseInt(digits, hex ? 16 : 10) : -1;
        if (!isXmlChar(code)) throw new FileProblem("badCharRef", { part: this.part, line: this.lineAt(at + i) });
        ch = String.fromCodePoint(code);
      } else {
        ch = NAMED[ref];
        if (ch === undefined) {
          if (!/^[A-Za-z_:][\w.:-]*$/.test(ref)) this.bad(at + i);
          throw new FileProblem("undefinedEntity", { part: this.part, line: this.lineAt(at + i) });
        }
      }
      out += text.slice(last, i) + ch;
      last = semi + 1;
    }
    return out + text.slice(last);
  }

  /** Comments, CDATA, processing instructions, a DOCTYPE: the offset after it, or -1 if incomplete. */
  private special(buf: string, lt: number): number {
    if (buf.length - lt < 9) return -1;
    if (buf.startsWith("<!--", lt)) {
      const e = buf.indexOf("--", lt + 4);
      if (e < 0) return -1;
      if (buf.charCodeAt(e + 2) !== 62) {
        if (e + 2 >= buf.length) return -1;
        this.bad(e); // "--" may only end a comment
      }
      return e + 3;
    }
    if (buf.startsWith("<![CDATA[", lt)) {
      if (this.stack.length === 0) this.bad(lt);
      const e = buf.indexOf("]]>", lt + 9);
      if (e < 0) return -1;
      if (this.capturing) {
        const text = buf.slice(lt + 9, e);
        if (CONTROL.test(text)) this.bad(lt + 9 + text.search(CONTROL));
        this.append(text);
      }
      return e + 3;
    }
    if (buf.charCodeAt(lt + 1) === 63) {
      const e = buf.indexOf("?>", lt + 2);
      return e < 0 ? -1 : e + 2;
    }
    if (buf.startsWith("<!DOCTYPE", lt) && this.stack.length === 0) {
      // Entities it declares are not expanded: a reference to one is a fault when read.
      const bracket = buf.indexOf("[", lt);
      const gt = buf.indexOf(">", lt);
      if (gt < 0) return -1;
      if (bracket >= 0 && bracket < gt) {
        const e = buf.indexOf("]>", bracket);
        return e < 0 ? -1 : e + 2;
      }
      return gt + 1;
    }
    return this.bad(lt);
  }

  /** `</name>`: must close the innermost open element. */
  private closeTag(buf: string, lt: number): number {
    const k = buf.indexOf(">", lt + 2);
    if (k < 0) return -1;
    let end = k;
    while (end > lt + 2 && isSpace(buf.charCodeAt(end - 1))) end--;
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || top.length !== end - lt - 2 || !buf.startsWith(top, lt + 2)) this.bad(lt);
    this.stack.pop();
    let start = lt + 2;
    const colon = top.indexOf(":");
    if (colon >= 0) start += colon + 1;
    this.close(buf, buf.charCodeAt(start), end - start, start);
    return k + 1;
  }

  /** `<name attr="value"...>` or `<name .../>`. */
  private openTag(buf: string, lt: number): number {
    const nameStart = lt + 1;
    if (!isNameStart(buf.charCodeAt(nameStart))) this.bad(nameStart);
    let start = nameStart;
    let e = nameStart;
    for (; e < buf.length; e++) {
      const ch = buf.charCodeAt(e);
      if (ch === 58 /* : */) start = e + 1;
      else if (!isNameChar(ch)) break;
    }
    if (e >= buf.length) return -1;
    const len = e - start;
    const first = buf.charCodeAt(start);
    const isCell = len === 1 && first === 99;
    const isRow = len === 3 && first === 114 && buf.startsWith("row", start);
    this.rFrom = this.sFrom = this.tFrom = -1;
    this.selfClosing = false;
    const k = this.attributes(buf, e, isCell, isRow);
    if (k < 0) return -1;
    if (!this.selfClosing) {
      this.stack.push(start === nameStart && isCell ? "c" : start === nameStart && len === 1 && first === 118 ? "v" : start === nameStart && isRow ? "row" : buf.slice(nameStart, e));
      if (this.stack.length > this.limits.depth) throw new FileProblem("tooDeep", { part: this.part, limit: this.limits.depth });
    }
    this.open(buf, first, len, start, isCell, isRow);
    if (this.selfClosing) this.close(buf, first, len, start);
    return k + 1;
  }

  /**
   * Reads the attributes from `i` (just after the name) to the ">" that ends the tag, checking
   * their syntax and noting where r, s and t are; returns the offset of ">" or -1 if the
   * buffer ends first.
   */
  private attributes(buf: string, i: number, isCell: boolean, isRow: boolean): number {
    const n = buf.length;
    for (;;) {
      let ch = buf.charCodeAt(i);
      let spaced = false;
      while (isSpace(ch)) {
        ch = buf.charCodeAt(++i);
        spaced = true;
      }
      if (i >= n) return -1;
      if (ch === 62 /* > */) return i;
      if (ch === 47 /* / */) {
        if (i + 1 >= n) return -1;
        if (buf.charCodeAt(i + 1) !== 62) this.bad(i);
        this.selfClosing = true;
        return i + 1;
      }
      if (!spaced || !isNameStart(ch)) this.bad(i);
      const nameFrom = i;
      while (i < n && isNameChar(buf.charCodeAt(i))) i++;
      const nameTo = i;
      while (i < n && isSpace(buf.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (buf.charCodeAt(i) !== 61 /* = */) this.bad(i);
      i++;
      while (i < n && isSpace(buf.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const q = buf.charCodeAt(i);
      if (q !== 34 && q !== 39) this.bad(i);
      const from = i + 1;
      const to = buf.indexOf(q === 34 ? '"' : "'", from);
      if (to < 0) return -1;
      for (let j = from; j < to; j++) {
        const c = buf.charCodeAt(j);
        if (c === 60 /* < */) this.bad(j);
        if (c === 38 /* & */) {
          this.decode(buf.slice(from, to), from);
          break;
        }
      }
      if ((isCell || isRow) && nameTo - nameFrom === 1) {
        const a = buf.charCodeAt(nameFrom);
        if (a === 114 /* r */) {
          this.rFrom = from;
          this.rTo = to;
        } else if (a === 115 /* s */) {
          this.sFrom = from;
          this.sTo = to;
        } else if (a === 116 /* t */) {
          this.tFrom = from;
          this.tTo = to;
        }
      }
      i = to + 1;
    }
  }

  private open(buf: string, first: number, len: number, start: number, isCell: boolean, isRow: boolean): void {
    if (isCell) this.openCell(buf);
    else if (len === 1) {
      if (first === 118 /* v */) {
        if (this.inCell) {
          if (++this.values > 1) throw new FileProblem("twoValues", { part: this.part, cell: cellAddress(this.row, this.column) });
          this.capturing = true;
          this.hasValue = true;
        }
      } else if (first === 116 /* t */) {
        if (this.inInline && this.phonetic === 0) this.capturing = true;
      }
    } else if (isRow) {
      this.openRow(buf);
    } else if (len === 2 && first === 105 /* i */ && buf.charCodeAt(start + 1) === 115 /* s */) {
      if (this.inCell) {
        this.inInline = true;
        this.hasValue = true;
      }
    } else if (len === 3 && first === 114 && buf.startsWith("rPh", start)) {
      this.phonetic++;
    }
  }

  private close(buf: string, first: number, len: number, start: number): void {
    if (len === 1) {
      if (first === 99 /* c */) {
        if (this.hasValue && this.row >= this.firstRow) this.emit();
        this.inCell = false;
        this.capturing = false;
      } else if (first === 118 || first === 116) this.capturing = false;
    } else if (len === 2 && first === 105 && buf.charCodeAt(start + 1) === 115) {
      this.inInline = false;
    } else if (len === 3 && first === 114 && buf.startsWith("rPh", start)) {
      this.phonetic--;
    } else if (len === 9 && first === 115 /* s */ && buf.startsWith("sheetData", start)) {
      this.done = true;
      throw STOP;
    }
  }

  private tooLong(): never {
    throw new FileProblem("cellTooLong", { part: this.part, cell: cellAddress(this.row, this.column) });
  }

  private emit(): void {
    const text = this.text;
    if (text.length > this.limits.cellText && decodeXstring(text).length > this.limits.cellText) this.tooLong();
    try {
      this.sink(this.row, this.column, CELL_TYPES[this.type], this.style, text);
    } catch (e) {
      if (!(e instanceof BadCellValue)) throw e;
      throw new FileProblem(e.key, { part: this.part, cell: cellAddress(this.row, this.column), text: shortText(text.trim()), count: e.count });
    }
  }

  private openRow(buf: string): void {
    let row = this.row + 1;
    if (this.rFrom >= 0) {
      const r = buf.slice(this.rFrom, this.rTo);
      if (!/^\s*\d+\s*$/.test(r) || Number(r) < 1) throw new FileProblem("badCellRef", { part: this.part, ref: shortText(r) });
      row = Number(r);
      if (row > LAST_ROW) throw new FileProblem("rowOutOfRange", { part: this.part, row: r.trim() });
    } else if (row > LAST_ROW) throw new FileProblem("rowOutOfRange", { part: this.part, row });
    this.row = row;
    this.column = 0;
    if (row > this.lastRow) {
      this.done = true;
      throw STOP;
    }
    this.onRow?.(row);
  }

  private openCell(buf: string): void {
    this.inCell = true;
    this.text = "";
    this.values = 0;
    this.hasValue = false;
    this.type = 0;
    this.style = 0;
    if (this.rFrom >= 0) {
      const from = this.rFrom;
      const to = this.rTo;
      let column = 0;
      let row = 0;
      let i = from;
      for (; i < to; i++) {
        const ch = buf.charCodeAt(i);
        if (ch >= 65 && ch <= 90) column = column * 26 + ch - 64;
        else if (ch >= 97 && ch <= 122) column = column * 26 + ch - 96;
        else break;
      }
      const letters = i - from;
      for (; i < to; i++) {
        const ch = buf.charCodeAt(i);
        if (ch < 48 || ch > 57) break;
        row = row * 10 + ch - 48;
      }
      if (letters === 0 || letters > 3 || i === from + letters || i !== to || row === 0) throw new FileProblem("badCellRef", { part: this.part, ref: shortText(buf.slice(from, to)) });
      if (row > LAST_ROW) throw new FileProblem("rowOutOfRange", { part: this.part, row: buf.slice(from + letters, to) });
      if (column > LAST_COLUMN) throw new FileProblem("columnOutOfRange", { part: this.part, row });
      this.column = column;
      if (row !== this.row) {
        this.row = row;
        if (row > this.lastRow) {
          this.done = true;
          throw STOP;
        }
      }
    } else if (++this.column > LAST_COLUMN) throw new FileProblem("columnOutOfRange", { part: this.part, row: this.row });
    if (this.sFrom >= 0) {
      let s = 0;
      for (let j = this.sFrom; j < this.sTo; j++) s = s * 10 + buf.charCodeAt(j) - 48;
      this.style = s;
    }
    if (this.tFrom >= 0) this.type = Math.max(0, CELL_TYPES.indexOf(buf.slice(this.tFrom, this.tTo) as (typeof CELL_TYPES)[number]));
  }
}
