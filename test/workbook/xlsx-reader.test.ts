/**
 * The streaming readers' tokenizers against generated XML split at arbitrary chunk boundaries,
 * and a hand-written package in the namespace-prefixed style some generators use.
 */
import fc from "fast-check";
import JSZip from "jszip";
import { parseSharedStrings, scanSheetText } from "../../src/workbook/ooxml-read";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { XlsxFile } from "../../src/workbook/xlsx-file";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { checkPackage, expectedSheet, quotaPlan, TWO_REPS, day } from "./fixtures";
import { columnLetter } from "../../src/workbook/plan";

type Kind = "n" | "s" | "str" | "b" | "e" | "inline" | "rich" | "formula" | "styledEmpty" | "emptyV";

interface CellModel {
  kind: Kind;
  gap: number;
  text: string;
  style: number;
  withRef: boolean;
  quoteStyle: "double" | "single" | "spaced";
  cdata: boolean;
  comment: boolean;
}

interface RowModel {
  gap: number;
  withRef: boolean;
  cells: CellModel[];
}

const text = fc.string({ unit: fc.constantFrom("a", "Z", " ", "&", "<", ">", '"', "'", "é", "😀", "\n", "]", "x", "_", "1"), maxLength: 12 });

const cellArb: fc.Arbitrary<CellModel> = fc.record({
  kind: fc.constantFrom<Kind>("n", "s", "str", "b", "e", "inline", "rich", "formula", "styledEmpty", "emptyV"),
  gap: fc.integer({ min: 0, max: 3 }),
  text,
  style: fc.integer({ min: 0, max: 120 }),
  withRef: fc.boolean(),
  quoteStyle: fc.constantFrom<CellModel["quoteStyle"]>("double", "single", "spaced"),
  cdata: fc.boolean(),
  comment: fc.boolean(),
});

const rowArb: fc.Arbitrary<RowModel> = fc.record({ gap: fc.integer({ min: 0, max: 4 }), withRef: fc.boolean(), cells: fc.array(cellArb, { maxLength: 6 }) });

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function body(s: string, cdata: boolean): string {
  return cdata && !s.includes("]]>") ? `<![CDATA[${s}]]>` : esc(s).replace(/"/g, "&quot;").replace(/é/g, "&#xE9;");
}

type Call = [number, number, string, number, string];

/** Renders the model as worksheet XML and gives the cells the reader must report. */
function render(rows: RowModel[], prefix: string): { xml: string; calls: Call[] } {
  const p = prefix;
  const calls: Call[] = [];
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- generated -->`,
    `<${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${p}dimension ref="A1"/><${p}sheetData>`,
  ];
  let r = 0;
  for (const row of rows) {
    r += row.gap + 1;
    const rowRef = row.withRef || row.gap > 0;
    out.push(rowRef ? `<${p}row r="${r}" spans="1:9">` : `<${p}row>`);
    let c = 0;
    for (const cell of row.cells) {
      c += cell.gap + 1;
      const ref = cell.withRef || cell.gap > 0;
      const q = cell.quoteStyle === "single" ? "'" : '"';
      const attr = (name: string, value: string | number) => (cell.quoteStyle === "spaced" ? ` ${name} = ${q}${value}${q}` : ` ${name}=${q}${value}${q}`);
      const refAttr = ref ? attr("r", `${columnLetter(c)}${r}`) : "";
      const s = cell.style ? attr("s", cell.style) : "";
      const v = (t: string) => `<${p}v>${body(t, cell.cdata)}</${p}v>`;
      const comment = cell.comment ? "<!-- a > b -->" : "";
      switch (cell.kind) {
        case "n":
          out.push(`<${p}c${refAttr}${s}>${comment}${v(String(cell.text.length * 1.5))}</${p}c>`);
          calls.push([r, c, "n", cell.style, String(cell.text.length * 1.5)]);
          break;
        case "s":
        case "e":
        case "str":
        case "b":
          out.push(`<${p}c${refAttr}${s}${attr("t", cell.kind)}>${v(cell.text)}${comment}</${p}c>`);
          calls.push([r, c, cell.kind, cell.style, cell.text]);
          break;
        case "formula":
          out.push(`<${p}c${refAttr}${s}${attr("t", "str")}><${p}f>${esc("IF(A1>0,\"<x>\",\"\")")}</${p}f>${v(cell.text)}</${p}c>`);
          calls.push([r, c, "str", cell.style, cell.text]);
          break;
        case "inline":
          out.push(`<${p}c${refAttr}${s}${attr("t", "inlineStr")}><${p}is><${p}t xml:space="preserve">${body(cell.text, cell.cdata)}</${p}t></${p}is></${p}c>`);
          calls.push([r, c, "inlineStr", cell.style, cell.text]);
          break;
        case "rich":
          out.push(
            `<${p}c${refAttr}${s}${attr("t", "inlineStr")}><${p}is><${p}r><${p}rPr><${p}b/></${p}rPr><${p}t>${body(cell.text, cell.cdata)}</${p}t></${p}r>${comment}` +
              `<${p}r><${p}t>!</${p}t></${p}r><${p}rPh sb="0" eb="1"><${p}t>ignored</${p}t></${p}rPh></${p}is></${p}c>`,
          );
          calls.push([r, c, "inlineStr", cell.style, `${cell.text}!`]);
          break;
        case "styledEmpty":
          out.push(`<${p}c${refAttr}${s}/>`);
          break;
        case "emptyV":
          out.push(`<${p}c${refAttr}${s}><${p}v/></${p}c>`);
          calls.push([r, c, "n", cell.style, ""]);
          break;
      }
    }
    out.push(`</${p}row>`);
  }
  out.push(`</${p}sheetData><${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></${p}worksheet>`);
  return { xml: out.join(""), calls };
}

function split(s: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) {
    out.push(s.slice(last, p));
    last = p;
  }
  out.push(s.slice(last));
  return out;
}

function scan(chunks: string[], firstRow = 1, lastRow = Number.MAX_SAFE_INTEGER): Call[] {
  const calls: Call[] = [];
  scanSheetText(chunks, firstRow, lastRow, (row, column, type, style, t) => calls.push([row, column, type, style, t]));
  return calls;
}

describe("worksheet tokenizer", () => {
  it("reports every cell the same however the text is split into chunks", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 8 }), fc.constantFrom("", "x:"), fc.array(fc.nat(), { maxLength: 40 }), (rows, prefix, cuts) => {
        const { xml, calls } = render(rows, prefix);
        expect(scan([xml])).toEqual(calls);
        expect(scan(split(xml, cuts))).toEqual(calls);
      }),
      { numRuns: 300 },
    );
  });

  it("splits at every single position of a small sheet", () => {
    const { xml, calls } = render(
      [
        { gap: 0, withRef: true, cells: [{ kind: "rich", gap: 0, text: "a&b", style: 3, withRef: true, quoteStyle: "double", cdata: true, comment: true }] },
        { gap: 2, withRef: false, cells: [{ kind: "str", gap: 1, text: "<x>", style: 0, withRef: false, quoteStyle: "spaced", cdata: false, comment: true }] },
      ],
      "x:",
    );
    for (let i = 0; i <= xml.length; i++) for (const j of [i, i + 1, i + 7]) expect(scan(split(xml, [i, j]))).toEqual(calls);
  });

  it("keeps only the row window and stops after it", () => {
    const rows: RowModel[] = Array.from({ length: 10 }, () => ({ gap: 0, withRef: true, cells: [{ kind: "n", gap: 0, text: "abc", style: 0, withRef: true, quoteStyle: "double", cdata: false, comment: false }] }));
    const { xml } = render(rows, "");
    expect(scan([xml], 4, 6).map((c) => c[0])).toEqual([4, 5, 6]);
    // everything after row 6 may be garbage: the scan has stopped
    const cut = xml.indexOf(">", xml.indexOf('<row r="7"')) + 1;
    expect(scan([xml.slice(0, cut) + "<<<garbage"], 1, 6).map((c) => c[0])).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("refuses a sheet cut short", () => {
    const { xml } = render([{ gap: 0, withRef: true, cells: [] }], "");
    expect(() => scan([xml.slice(0, xml.indexOf("</sheetData>"))])).toThrow(/damaged/);
  });
});

describe("shared strings tokenizer", () => {
  it("joins rich runs, skips phonetic runs, decodes entities, the same for any chunking", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, fc.boolean()), { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 30 }), (items, cuts) => {
        const xml =
          `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${items.length}">` +
          items
            .map(([a, b, rich]) =>
              rich
                ? `<si><r><rPr><b/></rPr><t xml:space="preserve">${body(a, false)}</t></r><r><t>${body(b, true)}</t></r><rPh sb="0" eb="1"><t>ph</t></rPh><phoneticPr fontId="1"/></si>`
                : `<si><t>${body(a, true)}</t></si>`,
            )
            .join("") +
          `</sst>`;
        const expected = items.map(([a, b, rich]) => (rich ? a + b : a));
        expect(parseSharedStrings([xml])).toEqual(expected);
        expect(parseSharedStrings(split(xml, cuts))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe("a package whose parts use a namespace prefix", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "quota-prefixed-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** The style of packages written with the Open XML SDK: x: prefixes everywhere. */
  async function prefixedWorkbook(): Promise<Uint8Array> {
    const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const zip = new JSZip();
    zip.file(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    );
    zip.file("_rels/.rels", `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="${rel}/officeDocument" Target="/xl/workbook.xml" Id="R1"/></Relationships>`);
    zip.file(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="${rel}/worksheet" Target="/xl/worksheets/sheet.xml" Id="Rs1"/><Relationship Type="${rel}/styles" Target="/xl/styles.xml" Id="Rst"/><Relationship Type="${rel}/sharedStrings" Target="/xl/sharedStrings.xml" Id="Rss"/></Relationships>`,
    );
    zip.file("xl/workbook.xml", `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:r="${rel}" xmlns:x="${main}"><x:sheets><x:sheet name="Data &amp; more" sheetId="1" r:id="Rs1"/></x:sheets></x:workbook>`);
    zip.file(
      "xl/styles.xml",
      `<?xml version="1.0" encoding="utf-8"?><x:styleSheet xmlns:x="${main}"><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></x:numFmts><x:fonts count="1"><x:font><x:sz val="11"/><x:name val="Calibri"/></x:font></x:fonts><x:fills count="1"><x:fill><x:patternFill patternType="none"/></x:fill></x:fills><x:borders count="1"><x:border/></x:borders><x:cellXfs count="2"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><x:xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>`,
    );
    zip.file("xl/sharedStrings.xml", `<?xml version="1.0" encoding="utf-8"?><x:sst xmlns:x="${main}"><x:si><x:t>Rep</x:t></x:si><x:si><x:t>Date</x:t></x:si><x:si><x:t>Anna</x:t></x:si></x:sst>`);
    zip.file(
      "xl/worksheets/sheet.xml",
      `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${main}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="s"><x:v>2</x:v></x:c><x:c r="B2" s="1"><x:v>45672</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    );
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }

  it("reads it and writes into it with the same prefixes", async () => {
    const bytes = await prefixedWorkbook();
    const file = path.join(dir, "prefixed.xlsx");
    await fs.writeFile(file, bytes);
    for (const port of [await XlsxWorkbook.fromBuffer(bytes), await XlsxFile.open(file)]) {
      const [sheet] = await port.listSheets();
      expect(sheet.name).toBe("Data & more");
      expect(sheet.used).toEqual({ sheet: "Data & more", firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2 });
      expect((await port.read(sheet.used!)).rows).toEqual([
        ["Rep", "Date"],
        ["Anna", day(2025, 1, 15)],
      ]);
      await port.apply(quotaPlan(TWO_REPS));
      expect(await port.ownership("Quotas")).toBe("ours");
      const out = await port.toBuffer();
      expect(await checkPackage(out)).toEqual([]);
      const entries = await JSZip.loadAsync(out);
      const workbook = await entries.file("xl/workbook.xml")!.async("string");
      expect(workbook).toContain('<x:sheet name="Quotas" sheetId="2" r:id="');
      expect(workbook).toContain('<x:definedNames><x:definedName name="SalesQuota_Output" localSheetId="1" hidden="1">');
      const styles = await entries.file("xl/styles.xml")!.async("string");
      expect(styles).toMatch(/<x:cellXfs count="(\d+)"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"\/><x:xf numFmtId="164"[^>]*\/><x:xf /);
      expect(styles).toContain("<x:font><x:b/><x:sz");
      // no cellStyleXfs in this file: the new formats must not point into one
      expect(styles).not.toMatch(/<x:xf [^>]*xfId=/);
      // ExcelJS cannot load prefixed packages at all; the adapter reads them from the package.
      const again = await XlsxWorkbook.fromBuffer(out);
      expect((await again.read({ sheet: "Data & more", firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2 })).rows[1]).toEqual(["Anna", day(2025, 1, 15)]);
      const quotas = await again.read((await again.listSheets())[1].used!);
      expect(quotas.rows).toEqual(expectedSheet(quotaPlan(TWO_REPS)).map((r) => [...r, ...Array(4 - r.length).fill(null)]));
    }
  });
});
