/**
 * XlsxFile on zips as streaming writers make them (data descriptors, stored entries), and the
 * single pass over sheets without a <dimension>. The packages are written by hand here, so the
 * zip layout is exactly the one under test.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import type { OoxmlPackage } from "../../src/workbook/ooxml";
import { loadReadContext, readSheetRows, scanUsedRange, SheetValueCache } from "../../src/workbook/ooxml-read";
import type { CellValue } from "../../src/workbook/port";
import { XlsxFile } from "../../src/workbook/xlsx-file";

let dir: string;
let counter = 0;
const tempFile = (name: string) => path.join(dir, `${++counter}-${name}`);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "quota-xlsx-zip-"));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

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

interface ZipInput {
  name: string;
  text: string;
  method: "store" | "deflate";
}

/**
 * A zip as a streaming writer makes it: general-purpose flag bit 3, CRC and sizes zero in each
 * local header and given in a data descriptor after the data; the central directory has them.
 */
function zipWithDescriptors(entries: ZipInput[]): Buffer {
  const body: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const data = Buffer.from(e.text, "utf8");
    const stored = e.method === "deflate" ? zlib.deflateRawSync(data) : data;
    const method = e.method === "deflate" ? 8 : 0;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0008, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x0021, 12); // 1980-01-01
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(stored.length, 8);
    descriptor.writeUInt32LE(data.length, 12);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0008, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(0x0021, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(stored.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    body.push(local, name, stored, descriptor);
    central.push(header, name);
    offset += local.length + name.length + stored.length + descriptor.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...body, ...central, end]);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEADERS = ["Name", "Amount", "Date", "Closed", "Note", "Inline"];
const NAMES = ["Anna", "Björn", "Carl & Co", "Dana <x>", "Erik"];
/** Past one 65,536-row block of the value cache. */
const ROWS = 70_000;
/** A value only in the last row, far right: the used range must find it. */
const LAST_COLUMN = 27;
const DAY_MS = 86_400_000;

const skipped = (r: number) => r % 1000 === 500;

/** The value the generated sheet holds at (row, column). */
function expected(r: number, c: number): CellValue {
  if (r === 1) return HEADERS[c - 1] ?? null;
  if (skipped(r)) return null;
  switch (c) {
    case 1:
      return NAMES[r % NAMES.length];
    case 2:
      return r % 13 === 0 ? null : r * 1.25;
    case 3:
      return new Date(Date.UTC(1899, 11, 30) + (45658 + (r % 365)) * DAY_MS);
    case 4:
      return r % 2 === 1;
    case 5:
      return r % 17 === 0 ? { error: "#N/A" } : r % 3 === 0 ? `f${r}` : null;
    case 6:
      return r % 4 === 0 ? `i${r} &` : null;
    case LAST_COLUMN:
      return r === ROWS ? "end" : null;
    default:
      return null;
  }
}

/** A worksheet with shared and inline strings, numbers, dates, booleans, errors, gaps, and no <dimension>. */
function sheetXml(): string {
  const out: string[] = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>`];
  out.push(`<row r="1">${HEADERS.map((_h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join("")}</row>`);
  for (let r = 2; r <= ROWS; r++) {
    if (skipped(r)) continue;
    let row = `<row r="${r}"><c r="A${r}" t="s"><v>${HEADERS.length + (r % NAMES.length)}</v></c>`;
    row += r % 13 === 0 ? `<c r="B${r}"><v></v></c>` : `<c r="B${r}"><v>${r * 1.25}</v></c>`;
    row += `<c r="C${r}" s="1"><v>${45658 + (r % 365)}</v></c><c r="D${r}" t="b"><v>${r % 2}</v></c>`;
    if (r % 17 === 0) row += `<c r="E${r}" t="e"><f>NA()</f><v>#N/A</v></c>`;
    else if (r % 3 === 0) row += `<c r="E${r}" t="str"><f>"f"&amp;ROW()</f><v>f${r}</v></c>`;
    if (r % 4 === 0) row += `<c r="F${r}" t="inlineStr"><is><t>i${r} &amp;</t></is></c>`;
    if (r === ROWS) row += `<c r="AA${r}" t="inlineStr"><is><t>end</t></is></c>`;
    out.push(`${row}</row>`);
  }
  out.push("</sheetData></worksheet>");
  return out.join("");
}

function packageEntries(sheetMethod: "store" | "deflate"): ZipInput[] {
  const deflate = (name: string, text: string): ZipInput => ({ name, text, method: "deflate" });
  const strings = [...HEADERS, ...NAMES].map((s) => `<si><t>${s.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</t></si>`).join("");
  return [
    deflate(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    deflate("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    deflate("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    deflate(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    deflate("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`),
    deflate("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${strings}</sst>`),
    { name: "xl/worksheets/sheet1.xml", text: sheetXml(), method: sheetMethod },
  ];
}

const cellKey = (v: CellValue) => (v === null ? "null" : v instanceof Date ? `date:${v.toISOString()}` : typeof v === "object" ? `error:${v.error}` : `${typeof v}:${String(v)}`);

/** The first row where a read differs from the generated values (jest's deep equality is slow here). */
function firstMismatch(rows: CellValue[][], firstRow: number, columns: number[]): string | null {
  for (let i = 0; i < rows.length; i++) {
    const want = columns.map((c) => cellKey(expected(firstRow + i, c))).join("|");
    const got = rows[i].map(cellKey).join("|");
    if (want !== got) return `row ${firstRow + i}: expected ${want}, got ${got}`;
  }
  return null;
}

const SHEET = "xl/worksheets/sheet1.xml";
const USED = { sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: ROWS, lastColumn: LAST_COLUMN };

function packageOf(file: XlsxFile): OoxmlPackage {
  return (file as unknown as { pkg: OoxmlPackage }).pkg;
}

/** Counts how often the sheet's part is streamed (each count is a pass over the sheet, or its start). */
function countSheetStreams(pkg: OoxmlPackage): () => number {
  let opened = 0;
  const stream = pkg.stream.bind(pkg);
  pkg.stream = (part: string) => {
    if (part === SHEET) opened++;
    return stream(part);
  };
  return () => opened;
}

describe("XlsxFile on zips written with data descriptors", () => {
  const files: Record<"store" | "deflate", string> = { store: "", deflate: "" };

  beforeAll(async () => {
    for (const method of ["store", "deflate"] as const) {
      files[method] = tempFile(`descriptors-${method}.xlsx`);
      await fs.writeFile(files[method], zipWithDescriptors(packageEntries(method)));
    }
  });

  it.each(["store", "deflate"] as const)("reads a sheet entry that is %sd behind a data descriptor", async (method) => {
    const file = await XlsxFile.open(files[method]);
    const [sheet] = await file.listSheets();
    expect(sheet.used).toEqual(USED);
    const head = await file.read({ ...USED, lastRow: 100 });
    expect(head.rows).toHaveLength(100);
    expect(firstMismatch(head.rows, 1, head.columns)).toBeNull();
    const all = await file.read(USED);
    expect(all.rows).toHaveLength(ROWS);
    expect(firstMismatch(all.rows, 1, all.columns)).toBeNull();
    // a window across the cache's block boundary, columns picked and reordered
    const window = await (await XlsxFile.open(files[method])).read({ ...USED, firstRow: 65_000, lastRow: 66_000 }, { columns: [6, 1, 3, 5] });
    expect(window.rows).toHaveLength(1001);
    expect(firstMismatch(window.rows, 65_000, [6, 1, 3, 5])).toBeNull();
  });

  it("hands a stored sheet to the reader in bounded slices, not as one piece", async () => {
    const pkg = packageOf(await XlsxFile.open(files.store));
    const stream = pkg.stream(SHEET)!;
    const sizes: number[] = [];
    await new Promise<void>((resolve, reject) => {
      stream
        .on("data", (chunk) => sizes.push(chunk.byteLength))
        .on("end", resolve)
        .on("error", reject)
        .resume();
    });
    const total = Buffer.byteLength(sheetXml(), "utf8");
    expect(total).toBeGreaterThan(4 * 2 ** 20);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(256 * 1024);
  });

  it("stops inflating when a reader stops early", async () => {
    const pkg = packageOf(await XlsxFile.open(files.deflate));
    const stream = pkg.stream(SHEET)!;
    let seen = 0;
    await new Promise<void>((resolve, reject) => {
      stream
        .on("data", (chunk) => {
          seen += chunk.byteLength;
          stream.pause();
          stream.destroy?.();
          setTimeout(resolve, 50);
        })
        .on("error", reject)
        .resume();
    });
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThanOrEqual(256 * 1024);
  });
});

describe("a sheet without a <dimension>", () => {
  let file: string;

  beforeAll(async () => {
    file = tempFile("nodim.xlsx");
    await fs.writeFile(file, zipWithDescriptors(packageEntries("deflate")));
  });

  it("is passed over once: the reads after listSheets come from that pass", async () => {
    const port = await XlsxFile.open(file);
    const opened = countSheetStreams(packageOf(port));
    const [sheet] = await port.listSheets();
    expect(sheet.used).toEqual(USED);
    const afterList = opened();
    expect(afterList).toBeGreaterThan(0);
    // the head (as the command reads it first), then the table's columns to the end
    const head = await port.read({ ...USED, lastRow: 100 });
    expect(firstMismatch(head.rows, 1, head.columns)).toBeNull();
    const progress: [number, number][] = [];
    const table = await port.read(USED, { columns: [1, 2, 3, LAST_COLUMN], onProgress: (d, t) => progress.push([d, t]) });
    expect(table.rows).toHaveLength(ROWS);
    expect(firstMismatch(table.rows, 1, [1, 2, 3, LAST_COLUMN])).toBeNull();
    expect(opened()).toBe(afterList);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every(([d, t]) => d <= t && t === ROWS)).toBe(true);
    expect(progress[progress.length - 1]).toEqual([ROWS, ROWS]);
    // once the table is read its values are let go; another read streams the sheet again
    const again = await port.read({ ...USED, firstRow: 69_990 }, { columns: [LAST_COLUMN, 2] });
    expect(firstMismatch(again.rows, 69_990, [LAST_COLUMN, 2])).toBeNull();
    expect(opened()).toBe(afterList + 1);
  });

  it("keeps the values only within the memory budget, and reads them as a streamed read does", async () => {
    const pkg = packageOf(await XlsxFile.open(file));
    const ctx = await loadReadContext(pkg);
    const small = new SheetValueCache(2 ** 20);
    expect(await scanUsedRange(pkg, SHEET, ctx, "Sales", small)).toEqual(USED);
    expect(small.usable).toBe(false);
    expect(() => small.read(ctx, 1, 10, [1], 10)).toThrow();

    const cache = new SheetValueCache();
    expect(await scanUsedRange(pkg, SHEET, ctx, "Sales", cache)).toEqual(USED);
    expect(cache.usable).toBe(true);
    const columns = [LAST_COLUMN, 6, 5, 4, 3, 2, 1, 8];
    const cached = cache.read(ctx, 60_000, ROWS, columns, ROWS - 60_000 + 1);
    const streamed = await readSheetRows(pkg, SHEET, ctx, 60_000, ROWS, columns, ROWS - 60_000 + 1);
    expect(cached.map((r) => r.map(cellKey).join("|"))).toEqual(streamed.map((r) => r.map(cellKey).join("|")));
    expect(firstMismatch(cached, 60_000, columns)).toBeNull();
  });
});
