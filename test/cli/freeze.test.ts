/**
 * `quota freeze` end to end on a workbook generated here (ExcelJS, then SALES formulas in every
 * stored form, a calc chain and a dynamic-array metadata part put in with JSZip), and the
 * check that the Quotas sheet `quota allocate` writes never calls the add-in.
 */
import fs from "fs";
import JSZip from "jszip";
import path from "path";
import { checkPackage, exceljsValues, fixtureToXlsx, salesWorkbook, text, withExtraParts, zipEntries } from "../workbook/fixtures";
import { run, sha256, tempDir, writeWorkbook } from "./support";

// Generous: the machine running the tests may be busy (no timed assertions here).
jest.setTimeout(60_000);

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The Plan sheet: SALES calls plain, [1]!-prefixed, nested, spilled, shared; native formulas; text. */
const PLAN_SHEET =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">` +
  `<dimension ref="A1:H4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>` +
  `<row r="1"><c r="A1" t="inlineStr"><is><t>Units</t></is></c><c r="B1" t="inlineStr"><is><t>=SALES.QUOTA_TOPDOWN(1,2)</t></is></c></row>` +
  `<row r="2"><c r="A2"><v>4</v></c><c r="B2" s="1"><f>_xldudf_SALES_QUOTA_TOPDOWN(600000,5,12)</f><v>10000</v></c>` +
  `<c r="C2"><f>[1]!_xldudf_SALES_QUOTA_TOPDOWN(A2,4)</f><v>1</v></c><c r="D2"><f>ROUND(_xldudf_SALES_QUOTA_TOPDOWN(A2,5),0)+1</f><v>2</v></c>` +
  `<c r="E2" cm="1"><f t="array" ref="E2:E4">_xldudf_SALES_QUOTA_BOTTOMUP(20000,A2:A4)</f><v>8000</v></c>` +
  `<c r="F2"><f t="shared" ref="F2:F4" si="0">_xldudf_SALES_QUOTA_RAMP(A2,1)</f><v>1</v></c><c r="G2"><f>SUM(B2:D2)</f><v>10003</v></c>` +
  `<c r="H2" t="str"><f>"_xldudf_SALES_X"</f><v>_xldudf_SALES_X</v></c></row>` +
  `<row r="3"><c r="A3"><v>3</v></c><c r="E3"><v>6000</v></c><c r="F3"><f t="shared" si="0"/><v>0.75</v></c><c r="G3"><f t="shared" ref="G3:G4" si="1">A3*2</f><v>6</v></c></row>` +
  `<row r="4"><c r="A4"><v>3</v></c><c r="E4"><v>6000</v></c><c r="F4"><f t="shared" si="0"/><v>0.75</v></c><c r="G4"><f t="shared" si="1"/><v>6</v></c>` +
  `<c r="H4"><f>_xldudf_SALES_QUOTA_TOPDOWN(1,1)</f></c></row>` +
  `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

const CALC_CHAIN =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<c r="B2" i="4"/><c r="C2"/><c r="D2"/><c r="E2" a="1"/><c r="F2"/><c r="G2"/><c r="H2"/><c r="F3"/><c r="G3"/><c r="F4"/><c r="G4"/><c r="H4"/></calcChain>`;

const METADATA = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`;

/** Sales, Targets, Archive (hidden) from the shared fixtures, plus Plan with the formulas. */
async function planWorkbook(file: string): Promise<string> {
  const fixture = salesWorkbook();
  fixture.sheets.push({ name: "Plan", rows: [["placeholder"]] });
  const base = await fixtureToXlsx(fixture);
  const zip = await JSZip.loadAsync(base);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const relId = /<sheet [^>]*name="Plan"[^>]*r:id="([^"]+)"/.exec(workbook)![1];
  const target = new RegExp(`Id="${relId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${relId}"`).exec(rels)![1];
  zip.file(`xl/${target.replace(/^\/?xl\//, "")}`, PLAN_SHEET);
  const withPlan = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  const bytes = await withExtraParts(withPlan, [
    {
      name: "xl/calcChain.xml",
      data: CALC_CHAIN,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
      rel: { from: "xl/_rels/workbook.xml.rels", type: `${REL}/calcChain`, target: "calcChain.xml" },
    },
    {
      name: "xl/metadata.xml",
      data: METADATA,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml",
      rel: { from: "xl/_rels/workbook.xml.rels", type: `${REL}/sheetMetadata`, target: "metadata.xml" },
    },
  ]);
  fs.writeFileSync(file, bytes);
  return file;
}

async function planPart(bytes: Uint8Array): Promise<string> {
  const entries = await zipEntries(bytes);
  const name = [...entries.keys()].find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n) && text(entries.get(n)).includes('<dimension ref="A1:H4"/>'));
  if (!name) throw new Error("no Plan part");
  return text(entries.get(name));
}

describe("quota freeze", () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("replaces every SALES formula by its value and leaves everything else as it was", async () => {
    const input = await planWorkbook(path.join(dir, "plan.xlsx"));
    const before = sha256(input);
    const r = await run(["freeze", "plan.xlsx", "--out", "shared.xlsx"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("SALES formulas frozen into their values: 7 (Plan 7).\n");
    expect(r.stderr).toContain("Warning: left as formulas because they call SALES functions but hold no calculated value (1): Plan!H4.");
    expect(r.stderr).toContain("Wrote shared.xlsx.");
    expect(sha256(input)).toBe(before);

    const inBytes = new Uint8Array(fs.readFileSync(input));
    const outBytes = new Uint8Array(fs.readFileSync(path.join(dir, "shared.xlsx")));
    expect(await checkPackage(outBytes)).toEqual([]);
    // same values everywhere
    for (const sheet of ["Sales", "Targets", "Archive", "Plan"]) expect(await exceljsValues(outBytes, sheet)).toEqual(await exceljsValues(inBytes, sheet));

    const plan = await planPart(outBytes);
    expect(plan).not.toMatch(/_xldudf_SALES_QUOTA_(TOPDOWN\((600000|A2)|BOTTOMUP|RAMP)/);
    expect(plan).toContain(`<c r="B2" s="1"><v>10000</v></c>`);
    expect(plan).toContain(`<c r="E2"><v>8000</v></c>`);
    expect(plan).toContain(`<c r="E3"><v>6000</v></c><c r="F3"><v>0.75</v></c><c r="G3"><f t="shared" ref="G3:G4" si="1">A3*2</f><v>6</v></c>`);
    expect(plan).toContain(`<c r="G2"><f>SUM(B2:D2)</f><v>10003</v></c>`);
    expect(plan).toContain(`<c r="H2" t="str"><f>"_xldudf_SALES_X"</f><v>_xldudf_SALES_X</v></c>`);
    expect(plan).toContain(`<c r="H4"><f>_xldudf_SALES_QUOTA_TOPDOWN(1,1)</f></c>`);
    expect(plan).toContain(`<t>=SALES.QUOTA_TOPDOWN(1,2)</t>`);

    // every other part is byte for byte the same; the calc chain lost exactly the frozen cells
    const a = await zipEntries(inBytes);
    const b = await zipEntries(outBytes);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const changed = [...a.keys()].filter((k) => Buffer.compare(Buffer.from(a.get(k)!), Buffer.from(b.get(k)!)) !== 0).sort();
    expect(changed).toEqual(["xl/calcChain.xml", [...a.keys()].find((k) => text(a.get(k)).includes('<dimension ref="A1:H4"/>'))].sort());
    expect(text(b.get("xl/calcChain.xml"))).toContain(`<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="G2" i="4"/><c r="H2"/><c r="G3"/><c r="G4"/><c r="H4"/></calcChain>`);
  });

  it("prints {cells, sheets, uncalculated} with --json, and speaks Swedish", async () => {
    await planWorkbook(path.join(dir, "plan.xlsx"));
    const r = await run(["freeze", "plan.xlsx", "--out", "shared.xlsx", "--json", "--lang", "sv"], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ cells: 7, sheets: { Plan: 7 }, uncalculated: ["Plan!H4"], uncalculatedCells: 1 });
    expect(r.stderr).toContain("SALES-formler frysta till sina värden: 7 (Plan 7).");
    expect(r.stderr).toContain("saknar beräknat värde (1): Plan!H4");
  });

  it("says so when there is nothing to freeze, and still writes the copy", async () => {
    await writeWorkbook(path.join(dir, "in.xlsx"), [{ name: "Sales", rows: [["Rep", "Amount"], ["Anna", 5], ["Bo", { formula: "B2*2", result: 10 }]] }]);
    const r = await run(["freeze", "in.xlsx", "--out", "out.xlsx", "--json"], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ cells: 0, sheets: {}, uncalculated: [], uncalculatedCells: 0 });
    expect(r.stderr).toContain("Nothing to freeze: no cell calls a SALES function.");
    const a = await zipEntries(new Uint8Array(fs.readFileSync(path.join(dir, "in.xlsx"))));
    const b = await zipEntries(new Uint8Array(fs.readFileSync(path.join(dir, "out.xlsx"))));
    for (const [name, bytes] of a) expect(Buffer.compare(Buffer.from(bytes), Buffer.from(b.get(name)!))).toBe(0);
  });

  it("refuses to write over its input and rejects options of other commands", async () => {
    await planWorkbook(path.join(dir, "plan.xlsx"));
    const same = await run(["freeze", "plan.xlsx", "--out", "./sub/../plan.xlsx"], dir);
    expect(same.code).toBe(2);
    const wrong = await run(["freeze", "plan.xlsx", "--out", "x.xlsx", "--target", "5"], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('--target is not an option of quota freeze. Run "quota freeze --help".\n');
    const missing = await run(["freeze", "nope.xlsx", "--out", "x.xlsx"], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nope.xlsx");
    const help = await run(["freeze", "--help"], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: quota freeze <in.xlsx> --out <out.xlsx>");
    expect((await run(["--help"], dir)).stdout).toContain("quota freeze <in.xlsx> --out <out.xlsx>");
  });
});

describe("the Quotas sheet", () => {
  it("never calls the add-in: no _xldudf_ anywhere in what quota allocate writes", async () => {
    const dir = tempDir();
    try {
      await writeWorkbook(path.join(dir, "in.xlsx"), [
        {
          name: "Sales",
          rows: [
            ["Rep", "Amount"],
            ["Anna", 2000],
            ["Bo", 1000],
          ],
        },
      ]);
      const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--target", "9000", "--periods", "12"], dir);
      expect(r.code).toBe(0);
      const entries = await zipEntries(new Uint8Array(fs.readFileSync(path.join(dir, "out.xlsx"))));
      const parts = [...entries.keys()].filter((n) => /\.xml$/.test(n));
      expect(parts.some((n) => text(entries.get(n)).includes("SalesQuotas"))).toBe(true);
      for (const name of parts) expect(text(entries.get(name))).not.toMatch(/_xldudf_|SALES\.[A-Z_]+\(/);
      // its formulas are native ones
      const formulas = parts.flatMap((n) => [...text(entries.get(n)).matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]));
      expect(formulas.length).toBeGreaterThan(0);
      for (const f of formulas) expect(f).toMatch(/^(SUBTOTAL|SUM|IF|ROUND)\(/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
