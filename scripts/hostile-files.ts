/**
 * Hostile and damaged .xlsx files, generated: decompression bombs, impossible addresses,
 * entries that lie about their size, malformed parts, and files of other kinds given as .xlsx.
 * Each case says what the reader must answer. Used by the hostile-file tests (small sizes) and
 * by scripts/bench-hostile.ts (real sizes, under /usr/bin/time).
 *
 * The zip is written here byte by byte (not with JSZip), so a case can claim any size and
 * a bomb is deflated by zlib in a fraction of a second.
 */
import * as zlib from "zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_v, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** "deflate" unless said otherwise. */
  method?: "store" | "deflate";
  /** The uncompressed size the zip records, when it should lie. */
  declaredSize?: number;
}

/** A zip of the entries (CRCs computed for entries up to 16 MB; a bomb's is left 0). */
export function zipOf(entries: ZipEntry[]): Buffer {
  const body: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const deflate = (e.method ?? "deflate") === "deflate";
    const stored = deflate ? zlib.deflateRawSync(e.data, { level: 9 }) : e.data;
    const crc = e.data.length <= 16 * 2 ** 20 ? crc32(e.data) : 0;
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt16LE(0x0021, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(deflate ? 8 : 0, 10);
    header.writeUInt16LE(0x0021, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(stored.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    body.push(local, name, stored);
    central.push(header, name);
    offset += local.length + name.length + stored.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...body, ...central, end]);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

export const SHEET = "xl/worksheets/sheet1.xml";
export const SST = "xl/sharedStrings.xml";

/** Shared strings 0..4: Rep, Date, Amount, Anna, Erik. */
const STRINGS = ["Rep", "Date", "Amount", "Anna", "Erik"];

/** Sales history: Anna 1,000 + 300, Erik 800 (2,100 in all), dates in 2025 (style 1 shows dates). */
export const SALES_ROWS =
  `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>` +
  `<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>45672</v></c><c r="C2"><v>1000</v></c></row>` +
  `<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" s="1"><v>45698</v></c><c r="C3"><v>800</v></c></row>` +
  `<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" s="1"><v>45717</v></c><c r="C4"><v>300</v></c></row>`;

/** A worksheet part around the given <sheetData> content. */
export function sheetXml(rows: string, dimension = "A1:C4"): string {
  return `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="${dimension}"/><sheetData>${rows}</sheetData></worksheet>`;
}

/** The parts of a small valid sales workbook, by name; override any to make it hostile. */
export function workbookParts(): Record<string, string | Buffer> {
  return {
    "[Content_Types].xml":
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/${SHEET}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/${SST}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    "_rels/.rels": `${DECL}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels":
      `${DECL}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/styles.xml":
      `${DECL}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    [SST]: `${DECL}<sst xmlns="${MAIN}" count="${STRINGS.length}" uniqueCount="${STRINGS.length}">${STRINGS.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`,
    [SHEET]: sheetXml(SALES_ROWS),
  };
}

/** A workbook zip with some parts replaced (a string or bytes) and some entries' sizes misstated. */
export function workbook(overrides: Record<string, string | Buffer> = {}, declared: Record<string, number> = {}): Buffer {
  const parts = { ...workbookParts(), ...overrides };
  return zipOf(Object.entries(parts).map(([name, data]) => ({ name, data: typeof data === "string" ? Buffer.from(data, "utf8") : data, declaredSize: declared[name] })));
}

/** A sheet part whose text is `size` bytes: the XML around `fill` repeated in the middle. */
function bombSheet(before: string, fill: string, after: string, size: number): Buffer {
  const head = Buffer.from(`${DECL}<worksheet xmlns="${MAIN}"><sheetData>${before}`, "utf8");
  const tail = Buffer.from(`${after}</sheetData></worksheet>`, "utf8");
  const middle = Buffer.alloc(Math.max(0, size - head.length - tail.length), fill);
  return Buffer.concat([head, middle, tail]);
}

/** An OLE compound file header with the given stream names in its directory (UTF-16LE). */
export function oleFile(names: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  const dir = Buffer.alloc(128 * Math.max(4, names.length + 1));
  ["Root Entry", ...names].forEach((name, i) => {
    const at = i * 128;
    dir.write(name, at, "utf16le");
    dir.writeUInt16LE((name.length + 1) * 2, at + 64);
    dir[at + 66] = i === 0 ? 5 : 2;
  });
  return Buffer.concat([header, dir, Buffer.alloc(512)]);
}

export interface HostileCase {
  /** File name (what it is, in a word or two). */
  file: string;
  about: string;
  /** The one line the reader must answer with. */
  expect: RegExp;
  build(): Buffer;
}

/**
 * The cases. `bomb` is the inflated size of the bombs (128 MB as reported; the tests use less
 * where the size does not matter to the answer).
 */
export function hostileCases(bomb = 128 * 2 ** 20): HostileCase[] {
  const valid = () => workbook();
  return [
    { file: "empty.xlsx", about: "0 bytes", expect: /^The file is empty/, build: () => Buffer.alloc(0) },
    { file: "truncated.xlsx", about: "first half of a workbook", expect: /^The file is cut short/, build: () => valid().subarray(0, Math.floor(valid().length / 2)) },
    { file: "old.xls", about: "Excel 97–2003 (BIFF in OLE)", expect: /^This is an \.xls file \(Excel 97–2003\): open it in Excel and save it as \.xlsx\./, build: () => oleFile(["Workbook", "\u0005SummaryInformation"]) },
    { file: "encrypted.xlsx", about: "password-protected (OLE with EncryptedPackage)", expect: /^This workbook is password-protected: remove the password in Excel first/, build: () => oleFile(["EncryptionInfo", "EncryptedPackage", "\u0006DataSpaces"]) },
    { file: "renamed-csv.xlsx", about: "CSV text named .xlsx", expect: /^This is a CSV file/, build: () => Buffer.from("Rep;Date;Amount\nAnna;2025-01-15;1000\nErik;2025-02-10;800\n", "utf8") },
    { file: "noise.xlsx", about: "random bytes", expect: /^This is not an \.xlsx workbook/, build: () => Buffer.from(Array.from({ length: 4096 }, (_v, i) => (i * 7919 + 13) % 256)) },
    {
      file: "document.xlsx",
      about: "a zip without a workbook (a .docx)",
      expect: /^This zip file is not an Excel workbook/,
      build: () => workbook({ "_rels/.rels": `${DECL}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`, "word/document.xml": `${DECL}<w:document xmlns:w="x"/>` }),
    },
    { file: "bomb-value.xlsx", about: `one <v> inflating to ${bomb >> 20} MB`, expect: /^The file is too large or damaged: xl\/worksheets\/sheet1\.xml/, build: () => workbook({ [SHEET]: bombSheet(`<row r="1"><c r="A1"><v>`, "1", `</v></c></row>`, bomb) }) },
    { file: "bomb-comment.xlsx", about: `a ${bomb >> 20} MB comment between rows`, expect: /^The file is too large or damaged: xl\/worksheets\/sheet1\.xml holds a text, comment or tag over/, build: () => workbook({ [SHEET]: bombSheet(`${SALES_ROWS}<!--`, "x", `-->`, bomb) }) },
    { file: "bomb-strings.xlsx", about: `one shared string inflating to ${bomb >> 20} MB`, expect: /^The file is too large or damaged: xl\/sharedStrings\.xml/, build: () => workbook({ [SST]: Buffer.concat([Buffer.from(`${DECL}<sst xmlns="${MAIN}"><si><t>`), Buffer.alloc(bomb, "a"), Buffer.from(`</t></si></sst>`)]) }) },
    { file: "bomb-rows.xlsx", about: `${bomb >> 20} MB of empty rows`, expect: /^The file is damaged: xl\/worksheets\/sheet1\.xml has a row 1048577; a sheet has at most 1,048,576 rows\./, build: () => workbook({ [SHEET]: bombSheet("", "<row/>".repeat(1024), "", bomb) }) },
    { file: "bomb-depth.xlsx", about: `elements nested ${bomb >> 20} MB deep`, expect: /^The file is damaged: xl\/worksheets\/sheet1\.xml nests elements more than 256 deep\./, build: () => workbook({ [SHEET]: bombSheet(SALES_ROWS, "<x>".repeat(1024), "", bomb) }) },
    { file: "claims-2gb.xlsx", about: "sheet entry claiming 2 GB", expect: /^The file is too large or damaged: xl\/worksheets\/sheet1\.xml inflates to more than 1024 MB\./, build: () => workbook({}, { [SHEET]: 2 ** 31 - 1 }) },
    { file: "claims-2gb-all.xlsx", about: "every entry claiming 2 GB", expect: /^The file is too large or damaged: \[Content_Types\]\.xml inflates to more than 64 MB\./, build: () => workbook({}, Object.fromEntries(Object.keys(workbookParts()).map((n) => [n, 2 ** 31 - 1]))) },
    { file: "lying-size.xlsx", about: `sheet entry claiming 2 KB, inflating to ${bomb >> 20} MB`, expect: /^The file is damaged: xl\/worksheets\/sheet1\.xml inflates to more than the 2048 bytes its zip entry records\./, build: () => workbook({ [SHEET]: bombSheet(SALES_ROWS, " ", "", bomb) }, { [SHEET]: 2048 }) },
    { file: "row-2e9.xlsx", about: "cell in row 2,000,000,000", expect: /^The file is damaged: xl\/worksheets\/sheet1\.xml has a row 2000000000; a sheet has at most 1,048,576 rows\./, build: () => workbook({ [SHEET]: sheetXml(`${SALES_ROWS}<row r="2000000000"><c r="C2000000000"><v>1</v></c></row>`, "A1:C4") }) },
    { file: "cell-row-2e9.xlsx", about: "cell reference C2000000000 in row 4", expect: /^The file is damaged: xl\/worksheets\/sheet1\.xml has a row 2000000000;/, build: () => workbook({ [SHEET]: sheetXml(SALES_ROWS.replace('<c r="C4">', '<c r="C2000000000">')) }) },
    { file: "dimension-2e9.xlsx", about: "<dimension> claiming A1:C2000000000", expect: /^The file is damaged: xl\/worksheets\/sheet1\.xml claims the used range "A1:C2000000000", which is not within A1:XFD1048576\./, build: () => workbook({ [SHEET]: sheetXml(SALES_ROWS, "A1:C2000000000") }) },
    { file: "column-xfe.xlsx", about: "cell in column XFE", expect: /^The file is damaged: xl\/worksheets\/sheet1\.xml has a cell in row 2 past column XFD/, build: () => workbook({ [SHEET]: sheetXml(SALES_ROWS.replace('<c r="C2">', '<c r="XFE2">')) }) },
    { file: "column-zzzz.xlsx", about: "cell reference ZZZZZZ1", expect: /^The file is damaged: xl\/worksheets\/sheet1\.xml: "ZZZZZZ1" is not a cell address\./, build: () => workbook({ [SHEET]: sheetXml(SALES_ROWS.replace('<c r="C1"', '<c r="ZZZZZZ1"')) }) },
    { file: "missing-close-c.xlsx", about: "a <c> without </c>", expect: /^The file is damaged: xl\/worksheets\/sheet1\.xml is not well-formed XML \(line 2, column \d+\)\./, build: () => workbook({ [SHEET]: sheetXml(SALES_ROWS.replace("<v>800</v></c>", "<v>800</v>")) }) },
    { file: "two-values.xlsx", about: "<v>200</v><v>999</v>", expect: /^The file is damaged: xl\/worksheets\/sheet1\.xml, cell C4 has more than one <v> value\./, build: () => workbook({ [SHEET]: sheetXml(SALES_ROWS.replace("<v>300</v>", "<v>200</v><v>999</v>")) }) },
    { file: "hex-value.xlsx", about: "<v>0x10</v>", expect: /^The file is damaged: xl\/worksheets\/sheet1\.xml, cell C4: <v> holds "0x10", which is not a number\./, build: () => workbook({ [SHEET]: sheetXml(SALES_ROWS.replace("<v>300</v>", "<v>0x10</v>")) }) },
    { file: "bad-utf8.xlsx", about: "invalid UTF-8 in a shared string", expect: /^The file is damaged: xl\/sharedStrings\.xml is not valid UTF-8 text\./, build: () => workbook({ [SST]: Buffer.from((workbookParts()[SST] as string).replace("Anna", "An\u0000\u0000na"), "utf8").map((b) => (b === 0 ? 0xff : b)) as Buffer }) },
    { file: "bad-char-ref.xlsx", about: "&#1114112; in a shared string", expect: /^The file is damaged: xl\/sharedStrings\.xml, line 2: a character reference names no valid character\./, build: () => workbook({ [SST]: (workbookParts()[SST] as string).replace("Anna", "An&#1114112;na") }) },
    { file: "entity.xlsx", about: "entities declared in a DOCTYPE", expect: /^The file is damaged: xl\/sharedStrings\.xml, line \d+: it refers to an entity XML does not define\./, build: () => workbook({ [SST]: `${DECL}<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst xmlns="${MAIN}"><si><t>&b;</t></si></sst>` }) },
    { file: "bad-workbook.xlsx", about: "workbook.xml not well-formed", expect: /^The file is damaged: xl\/workbook\.xml is not well-formed XML/, build: () => workbook({ "xl/workbook.xml": (workbookParts()["xl/workbook.xml"] as string).replace("</sheets>", "") }) },
    { file: "bad-rels.xlsx", about: "workbook.xml.rels not well-formed", expect: /^The file is damaged: xl\/_rels\/workbook\.xml\.rels is not well-formed XML/, build: () => workbook({ "xl/_rels/workbook.xml.rels": (workbookParts()["xl/_rels/workbook.xml.rels"] as string).replace('Target="styles.xml"', "Target=styles.xml") }) },
    { file: "bad-content-types.xlsx", about: "[Content_Types].xml not well-formed", expect: /^The file is damaged: \[Content_Types\]\.xml is not well-formed XML/, build: () => workbook({ "[Content_Types].xml": (workbookParts()["[Content_Types].xml"] as string).replace("</Types>", "<Types>") }) },
    { file: "bad-styles.xlsx", about: "styles.xml not well-formed", expect: /^The file is damaged: xl\/styles\.xml is not well-formed XML/, build: () => workbook({ "xl/styles.xml": (workbookParts()["xl/styles.xml"] as string).replace("</cellXfs>", "</cellxfs>") }) },
  ];
}
