/**
 * Every XML part the readers take from a package goes through a conforming streaming parser
 * (saxes): a part that is not well-formed XML — tags that do not match, a character reference
 * to no character, a stray "<" — is a damaged file, said in one line naming the part, never
 * read as if it were fine. On top of XML's own rules, nesting depth and the length of any run
 * without markup are bounded, so no part can make the parser hold an unbounded amount.
 * No Node modules here: the task pane uses the same checks.
 */
import { SaxesParser } from "saxes";
import { LocalizedError } from "../i18n";
import { FileProblem, megabytes, type ReadLimits } from "./file-errors";

export interface XmlEvents {
  /** An element opens; `name` without its namespace prefix, attributes as written (decoded). */
  open?(name: string, attributes: Record<string, string>): void;
  /** An element closes (self-closing elements close right after they open). */
  close?(name: string): void;
  /** Character data (text and CDATA), entities decoded. */
  text?(text: string): void;
}

function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** Feeds one part's text to saxes in chunks, reporting faults as FileProblems naming the part. */
export class CheckedXml {
  private readonly parser: SaxesParser;
  private depth = 0;
  /** Characters since the last "<". */
  private run = 0;

  constructor(
    readonly part: string,
    events: XmlEvents,
    private readonly limits: ReadLimits,
  ) {
    const parser = new SaxesParser({ xmlns: false, position: true });
    const open = events.open;
    const close = events.close;
    parser.on("opentag", (tag) => {
      if (++this.depth > limits.depth) throw new FileProblem("tooDeep", { part, limit: limits.depth });
      open?.(localName(tag.name), tag.attributes as Record<string, string>);
    });
    parser.on("closetag", (tag) => {
      this.depth--;
      close?.(localName(tag.name));
    });
    if (events.text) {
      parser.on("text", events.text);
      parser.on("cdata", events.text);
    }
    this.parser = parser;
  }

  write(chunk: string): void {
    const first = chunk.indexOf("<");
    if (first < 0) this.run += chunk.length;
    else {
      this.run += first;
      this.checkRun();
      this.run = chunk.length - chunk.lastIndexOf("<") - 1;
    }
    this.checkRun();
    try {
      this.parser.write(chunk);
    } catch (e) {
      throw this.problem(e);
    }
  }

  /** The end of the part: anything still open is a fault. */
  close(): void {
    try {
      this.parser.close();
    } catch (e) {
      throw this.problem(e);
    }
  }

  private checkRun(): void {
    if (this.run > this.limits.run) throw new FileProblem("longRun", { part: this.part, limit: megabytes(this.limits.run) || "1" });
  }

  /** saxes's own errors ("3:17: unexpected close tag.") as FileProblems; others pass through. */
  private problem(e: unknown): unknown {
    if (e instanceof LocalizedError || !(e instanceof Error)) return e;
    const m = /^(\d+):(\d+): (.*)$/s.exec(e.message);
    if (!m) return e;
    const [, line, column, reason] = m;
    if (/character entity/.test(reason)) return new FileProblem("badCharRef", { part: this.part, line });
    if (/undefined entity/.test(reason)) return new FileProblem("undefinedEntity", { part: this.part, line });
    return new FileProblem("badXml", { part: this.part, line, column: Number(column) + 1 });
  }
}

/** Slices a part's text is fed in (bounds what a fault costs before it is found). */
const SLICE = 256 * 1024;

/** Checks a whole part's text (a part read whole: workbook, styles, relationships...). */
export function checkXmlText(xml: string, part: string, limits: ReadLimits, events: XmlEvents = {}): void {
  const checked = new CheckedXml(part, events, limits);
  for (let at = 0; at < xml.length; at += SLICE) checked.write(xml.slice(at, at + SLICE));
  checked.close();
}
