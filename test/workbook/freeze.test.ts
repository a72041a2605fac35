/**
 * The pure freezer: which formulas call SALES, how shared formulas move, and the one-pass
 * rewrite of worksheet XML in every form Excel stores a custom-function call.
 */
import fs from "fs";
import path from "path";
import {
  callsSalesFunction,
  dropCalcChainCells,
  freezeSheetXml,
  SALES_FUNCTION_IDS,
  SheetFreezer,
  shiftFormula,
} from "../../src/workbook/freeze";

const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
const sheet = (rows: string, prefix = "") =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${prefix}worksheet ${prefix ? `xmlns:${prefix.slice(0, -1)}` : "xmlns"}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<${prefix}dimension ref="A1:F9"/><${prefix}sheetData>${rows}</${prefix}sheetData><${prefix}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></${prefix}worksheet>`;

describe("callsSalesFunction", () => {
  it.each([
    "=SALES.QUOTA_TOPDOWN(A1,5)",
    "=sales.quota_topdown(A1,5)",
    "_xldudf_SALES_QUOTA_TOPDOWN(A1,5)",
    "[1]!_xldudf_SALES_QUOTA_TOPDOWN(A1,5)",
    "ROUND(_xldudf_SALES_QUOTA_TOPDOWN(A1,5),0)+1",
    '=IF(A1="x",1,SALES.REPS_NEEDED(100,10))',
    "=SUM(Table1[[#This Row],[Sales]])*SALES.QUOTA_RAMP(1,2)",
  ])("finds the call in %s", (formula) => {
    expect(callsSalesFunction(formula)).toBe(true);
  });

  it.each([
    '="=SALES.QUOTA_TOPDOWN(1,2)"',
    'CONCAT("_xldudf_SALES_QUOTA_TOPDOWN(", A1, ")")',
    "'SALES.QUOTA_TOPDOWN('!A1+1",
    "Table1[SALES.QUOTA_TOPDOWN(]",
    "SUM(A1:A9)",
    "=SALES.UNKNOWN_THING(1)",
    "=MYSALES.QUOTA_TOPDOWN(1,2)",
    "=SALES.QUOTA_TOPDOWN",
    "_xldudf_OTHER_QUOTA_TOPDOWN(1)",
  ])("sees no call in %s", (formula) => {
    expect(callsSalesFunction(formula)).toBe(false);
  });

  it("knows every function id of the functions metadata", () => {
    const golden = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "functions", "functions.golden.json"), "utf8")) as { functions: { id: string }[] };
    expect([...SALES_FUNCTION_IDS].sort()).toEqual(golden.functions.map((f) => f.id).sort());
    for (const id of SALES_FUNCTION_IDS) expect(callsSalesFunction(`_xldudf_SALES_${id}(1)`)).toBe(true);
  });
});

describe("shiftFormula", () => {
  it("moves relative references and keeps anchored parts", () => {
    expect(shiftFormula("A1+$B$2+C$3+$D4", 2, 1)).toBe("B3+$B$2+D$3+$D6");
    expect(shiftFormula("SUM(A1:B2)*Sheet2!C3", 1, 0)).toBe("SUM(A2:B3)*Sheet2!C4");
    expect(shiftFormula("SUM(A:A)+SUM(1:1)+SUM($A:B)", 1, 1)).toBe("SUM(B:B)+SUM(2:2)+SUM($A:C)");
  });

  it("leaves strings, names, functions, numbers and structured references alone", () => {
    expect(shiftFormula('IF(A1="B2",LOG10(A1),1.5E+3)', 1, 0)).toBe('IF(A2="B2",LOG10(A2),1.5E+3)');
    expect(shiftFormula("'My A1'!B2+Table1[@A1]+[1]Book!C1", 1, 0)).toBe("'My A1'!B3+Table1[@A1]+[1]Book!C2");
    expect(shiftFormula("_xldudf_SALES_QUOTA_RAMP(A1,B1)", 3, 0)).toBe("_xldudf_SALES_QUOTA_RAMP(A4,B4)");
  });

  it("turns references moved off the sheet into #REF!", () => {
    expect(shiftFormula("A1+XFD1", 0, 1)).toBe("B1+#REF!");
    expect(shiftFormula("A1048576", 1, 0)).toBe("#REF!");
  });
});

describe("freezeSheetXml", () => {
  it("freezes a plain call and keeps its cached value, type and style", () => {
    const xml = sheet(
      `<row r="1"><c r="A1" s="3"><f>_xldudf_SALES_QUOTA_TOPDOWN(600000,5,12)</f><v>10000</v></c>` +
        `<c r="B1" t="str"><f>_xldudf_SALES_QUOTA_FORECAST(B2)</f><v>a &amp; b</v></c>` +
        `<c r="C1" t="e"><f>_xldudf_SALES_QUOTA_ATTAINMENT(1,0)</f><v>#DIV/0!</v></c>` +
        `<c r="D1" t="b"><f>_xldudf_SALES_REPS_NEEDED(1,1)&gt;0</f><v>1</v></c>` +
        `<c r="E1" s="1"><f>SUM(A1:D1)</f><v>10001</v></c><c r="F1" t="s"><v>0</v></c></row>`,
    );
    const r = freezeSheetXml(xml);
    expect(r.changed).toBe(true);
    expect(r.frozen.map((c) => c.cell)).toEqual(["A1", "B1", "C1", "D1"]);
    expect(r.xml).toContain(`<c r="A1" s="3"><v>10000</v></c>`);
    expect(r.xml).toContain(`<c r="B1" t="inlineStr"><is><t xml:space="preserve">a &amp; b</t></is></c>`);
    expect(r.xml).toContain(`<c r="C1" t="e"><v>#DIV/0!</v></c>`);
    expect(r.xml).toContain(`<c r="D1" t="b"><v>1</v></c>`);
    // the native formula and everything around the cells is byte for byte the same
    expect(r.xml).toContain(`<c r="E1" s="1"><f>SUM(A1:D1)</f><v>10001</v></c><c r="F1" t="s"><v>0</v></c>`);
    expect(r.xml.replace(/<row.*<\/row>/, "")).toBe(xml.replace(/<row.*<\/row>/, ""));
  });

  it("freezes the [n]! prefixed and nested forms", () => {
    const xml = sheet(
      `<row r="2"><c r="A2"><f>[1]!_xldudf_SALES_QUOTA_TOPDOWN(A1,5)</f><v>7</v></c>` +
        `<c r="B2"><f>ROUND(_xldudf_SALES_QUOTA_TOPDOWN(A1,5),0)+1</f><v>8</v></c></row>`,
    );
    const r = freezeSheetXml(xml);
    expect(r.frozen.map((c) => c.cell)).toEqual(["A2", "B2"]);
    expect(r.xml).toContain(`<row r="2"><c r="A2"><v>7</v></c><c r="B2"><v>8</v></c></row>`);
  });

  it("freezes a spilled (dynamic array) formula: the anchor loses the formula and its cm flag, the spilled values stay", () => {
    const xml = sheet(
      `<row r="1"><c r="A1" cm="1"><f t="array" ref="A1:A3">_xldudf_SALES_QUOTA_BOTTOMUP(20000,B1:B3)</f><v>5000</v></c><c r="B1"><v>2</v></c></row>` +
        `<row r="2"><c r="A2"><v>5000</v></c><c r="B2"><v>2</v></c></row>` +
        `<row r="3"><c r="A3"><v>10000</v></c><c r="B3"><v>4</v></c></row>`,
    );
    const r = freezeSheetXml(xml);
    expect(r.frozen).toEqual([{ cell: "A1", range: "A1:A3" }]);
    expect(r.xml).toContain(`<row r="1"><c r="A1"><v>5000</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>5000</v></c>`);
    expect(r.xml).not.toContain("<f");
  });

  it("leaves native array formulas and data tables alone", () => {
    const xml = sheet(
      `<row r="1"><c r="A1"><f t="array" ref="A1:A2">B1:B2*2</f><v>2</v></c><c r="C1"><f t="dataTable" ref="C1:C2" dt2D="0" dtr="0" r1="B1"/><v>1</v></c></row>`,
    );
    const r = freezeSheetXml(xml);
    expect(r.changed).toBe(false);
    expect(r.xml).toBe(xml);
  });

  it("freezes a shared SALES formula's master and every follower", () => {
    const xml = sheet(
      `<row r="2"><c r="B2"><f t="shared" ref="B2:B4" si="0">_xldudf_SALES_QUOTA_RAMP(A2,1)</f><v>25</v></c></row>` +
        `<row r="3"><c r="B3"><f t="shared" si="0"/><v>50</v></c></row>` +
        `<row r="4"><c r="B4"><f t="shared" si="0"/><v>75</v></c></row>`,
    );
    const r = freezeSheetXml(xml);
    expect(r.frozen.map((c) => c.cell)).toEqual(["B2", "B3", "B4"]);
    expect(r.xml).toContain(`<row r="2"><c r="B2"><v>25</v></c></row><row r="3"><c r="B3"><v>50</v></c></row><row r="4"><c r="B4"><v>75</v></c></row>`);
  });

  it("keeps a shared native formula working beside frozen cells", () => {
    const xml = sheet(
      `<row r="2"><c r="B2"><f t="shared" ref="B2:B3" si="0">A2*2</f><v>2</v></c><c r="C2"><f t="shared" ref="C2:C3" si="1">_xldudf_SALES_QUOTA_RAMP(B2,1)</f><v>1</v></c></row>` +
        `<row r="3"><c r="B3"><f t="shared" si="0"/><v>4</v></c><c r="C3"><f t="shared" si="1"/><v>2</v></c></row>`,
    );
    const r = freezeSheetXml(xml);
    expect(r.frozen.map((c) => c.cell)).toEqual(["C2", "C3"]);
    expect(r.xml).toContain(`<c r="B2"><f t="shared" ref="B2:B3" si="0">A2*2</f><v>2</v></c>`);
    expect(r.xml).toContain(`<c r="B3"><f t="shared" si="0"/><v>4</v></c>`);
  });

  it("gives a follower left behind (no cached value) its own formula text when the master is frozen", () => {
    const xml = sheet(
      `<row r="2"><c r="B2"><f t="shared" ref="B2:C4" si="3">_xldudf_SALES_QUOTA_RAMP($A2,B$1)+A2</f><v>25</v></c></row>` +
        `<row r="3"><c r="B3"><f t="shared" si="3"/></c><c r="C3"><f t="shared" si="3"/><v>9</v></c></row>` +
        `<row r="4"><c r="C4" s="2"><f t="shared" si="3"/></c></row>`,
    );
    const r = freezeSheetXml(xml);
    expect(r.frozen.map((c) => c.cell)).toEqual(["B2", "C3"]);
    expect(r.uncalculated).toEqual(["B3", "C4"]);
    expect(r.expanded).toEqual(["B3", "C4"]);
    expect(r.xml).toContain(`<c r="B3"><f>_xldudf_SALES_QUOTA_RAMP($A3,B$1)+A3</f></c>`);
    expect(r.xml).toContain(`<c r="C3"><v>9</v></c>`);
    expect(r.xml).toContain(`<c r="C4" s="2"><f>_xldudf_SALES_QUOTA_RAMP($A4,C$1)+B4</f></c>`);
  });

  it("keeps the master when it has no cached value and freezes the followers that have one", () => {
    const xml = sheet(
      `<row r="2"><c r="B2"><f t="shared" ref="B2:B3" si="0">_xldudf_SALES_QUOTA_RAMP(A2,1)</f></c></row>` +
        `<row r="3"><c r="B3"><f t="shared" si="0"/><v>50</v></c></row>`,
    );
    const r = freezeSheetXml(xml);
    expect(r.uncalculated).toEqual(["B2"]);
    expect(r.frozen.map((c) => c.cell)).toEqual(["B3"]);
    expect(r.xml).toContain(`<c r="B2"><f t="shared" ref="B2:B3" si="0">_xldudf_SALES_QUOTA_RAMP(A2,1)</f></c>`);
    expect(r.xml).toContain(`<c r="B3"><v>50</v></c>`);
  });

  it("refuses cells without a cached value, or with a result that says the function never ran", () => {
    const xml = sheet(
      `<row r="1"><c r="A1"><f>_xldudf_SALES_QUOTA_TOPDOWN(1,1)</f></c><c r="B1"><f>_xldudf_SALES_QUOTA_TOPDOWN(1,1)</f><v/></c>` +
        `<c r="C1" t="e"><f>_xldudf_SALES_QUOTA_TOPDOWN(1,1)</f><v>#NAME?</v></c><c r="D1" t="e"><f>_xldudf_SALES_QUOTA_TOPDOWN(1,1)</f><v>#BUSY!</v></c>` +
        `<c r="E1" t="str"><f>_xldudf_SALES_QUOTA_FORECAST(1)</f><v></v></c></row>`,
    );
    const r = freezeSheetXml(xml);
    expect(r.uncalculated).toEqual(["A1", "B1", "C1", "D1"]);
    expect(r.frozen.map((c) => c.cell)).toEqual(["E1"]);
    expect(r.xml).toContain(`<c r="A1"><f>_xldudf_SALES_QUOTA_TOPDOWN(1,1)</f></c>`);
  });

  it("leaves text that merely mentions SALES", () => {
    const xml = sheet(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>=SALES.QUOTA_TOPDOWN(1,2)</t></is></c><c r="B1" t="s"><v>0</v></c>` +
        `<c r="C1" t="str"><f>"_xldudf_SALES_X"&amp;"_xldudf_SALES_QUOTA_TOPDOWN(1)"</f><v>x</v></c></row>`,
    );
    expect(freezeSheetXml(xml)).toMatchObject({ changed: false, xml, frozen: [], uncalculated: [] });
  });

  it("handles a namespace prefix and cells without an address", () => {
    const xml = sheet(`<x:row r="4"><x:c><x:v>1</x:v></x:c><x:c><x:f>_xldudf_SALES_QUOTA_RAMP(A4,1)</x:f><x:v>3</x:v></x:c></x:row>`, "x:");
    const r = freezeSheetXml(xml);
    expect(r.frozen.map((c) => c.cell)).toEqual(["B4"]);
    expect(r.xml).toContain(`<x:row r="4"><x:c><x:v>1</x:v></x:c><x:c><x:v>3</x:v></x:c></x:row>`);
  });

  it("gives the same output whatever the chunk size", () => {
    const rows: string[] = [];
    for (let r = 1; r <= 60; r++) {
      rows.push(
        `<row r="${r}" spans="1:3"><c r="A${r}"><v>${r}</v></c><c r="B${r}" s="1"><f>_xldudf_SALES_QUOTA_RAMP(A${r},1)</f><v>${r * 2}</v></c>` +
          `<c r="C${r}"><f>A${r}+1</f><v>${r + 1}</v></c></row>`,
      );
    }
    const xml = sheet(rows.join(""));
    const whole = freezeSheetXml(xml);
    expect(whole.frozen).toHaveLength(60);
    for (const size of [1, 3, 7, 64, 1000]) {
      const freezer = new SheetFreezer(callsSalesFunction);
      let out = "";
      for (let i = 0; i < xml.length; i += size) out += freezer.write(xml.slice(i, i + size));
      out += freezer.end();
      expect(out).toBe(whole.xml);
      expect(freezer.result.frozen).toHaveLength(60);
    }
  });
});

describe("dropCalcChainCells", () => {
  const chain = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain ${NS}>${body}</calcChain>`;

  it("drops the frozen cells and carries the sheet id to the next entry", () => {
    const xml = chain(`<c r="B2" i="1" l="1"/><c r="B3"/><c r="C1"/><c r="A1" i="2"/><c r="B2"/>`);
    const out = dropCalcChainCells(xml, (sheet, cell) => sheet === 1 && (cell === "B2" || cell === "C1"));
    expect(out).toBe(chain(`<c r="B3" i="1"/><c r="A1" i="2"/><c r="B2"/>`));
  });

  it("returns the same text when nothing goes, and null when nothing is left", () => {
    const xml = chain(`<c r="A1" i="1"/>`);
    expect(dropCalcChainCells(xml, () => false)).toBe(xml);
    expect(dropCalcChainCells(xml, () => true)).toBeNull();
  });
});
