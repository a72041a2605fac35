import { execFileSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { buildLettersWritePlan, wrapWords } from "../../src/plan/lettersSheet";
import type { YearPlan } from "../../src/plan/types";
import { layoutPlan } from "../../src/workbook/ooxml-write";
import { XlsxFile } from "../../src/workbook/xlsx-file";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { FakeExcel } from "../support/excelMock";
import { sofficeConvert } from "../support/libreoffice";
import { fixtureToXlsx, salesWorkbook } from "../workbook/fixtures";

function monthlyPlan(reps: number): YearPlan {
  const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
  const rows = Array.from({ length: reps }, (_, i) => ({
    rep: i === 0 ? "=Anna Svensson" : `Rep ${i + 1}`,
    history: 100_000,
    share: 1 / reps,
    quota: 120_000,
    periodQuota: 10_000,
    team: "North",
    locked: i === 1,
    rostered: i === 2,
    schedule: new Array(12).fill(10_000),
  }));
  return {
    method: "bottomup",
    params: {
      method: "bottomup",
      target: 120_000 * reps,
      periods: 12,
      roundTo: 100,
      growth: 0,
      phasing: { kind: "equal" },
      start: "2026-01",
      uplift: 0.1,
      locks: [{ rep: "Rep 2", amount: 120_000 }],
      roster: [{ rep: "Rep 3", start: "2026-01-01", end: null, ramp: [0.25, 0.5, 0.75], full: 12_000 }],
    },
    rows,
    total: 120_000 * reps,
    periodTotal: 10_000 * reps,
    warnings: [],
    target: Math.round((120_000 * reps) / 1.1),
    planTotal: 120_000 * reps,
    coverage: 1.1,
    periodLabels: months,
    periodTargets: new Array(12).fill(10_000 * reps),
    teams: [],
    notes: [],
  };
}

describe("quota letters", () => {
  test("one letter per rep: quota, schedule adding up, how it was set, terms, signatures", () => {
    const { writePlan, letterRows } = buildLettersWritePlan(monthlyPlan(3), "en");
    expect(writePlan.sheet).toBe("Letters");
    expect(letterRows).toHaveLength(3);
    const grid = layoutPlan(writePlan);
    const column = (c: number, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => grid.value(from + i, c));
    const first = letterRows[0];
    expect(grid.value(first, 1)).toBe("Quota letter");
    expect(grid.value(first + 2, 2)).toBe("=Anna Svensson");
    expect(grid.value(first + 4, 2)).toBe("January 2026 – December 2026");
    expect(grid.value(first + 5, 2)).toBe(120_000);
    const texts = column(2, first, letterRows[1] - 1).filter((v): v is string => typeof v === "string").join(" ");
    // Rep 2 is locked and Rep 3 a new hire: Anna's share is of what their fixed quotas left.
    expect(texts).toContain("In proportion to your sales in the time frame: your part of the 120,000 left after the fixed quotas of 240,000.");
    expect(texts).toContain("The reps' quotas add up to 360,000: the company target of 327,273 plus 10 % over-assignment.");
    const labels = column(1, first, letterRows[1] - 1);
    const jan = labels.indexOf("January 2026");
    expect(column(2, first + jan, first + jan + 11)).toEqual(new Array(12).fill(10_000));
    expect(grid.value(first + jan + 12, 1)).toBe("Total");
    expect(grid.value(first + jan + 12, 2)).toBe(120_000);
    expect(labels).toContain("Manager");
    // The locked rep and the new hire get their terms.
    const second = column(2, letterRows[1], letterRows[2] - 1).join(" ");
    expect(second).toContain("Your quota was agreed by hand and is fixed (locked).");
    expect(second).not.toContain("in proportion to your sales");
    const third = column(2, letterRows[2], letterRows[2] + 40).join(" ");
    expect(third).toContain("Fixed from the roster: the full monthly quota from your start, on the ramp below.");
    expect(third).toContain("Ramp: your first months carry 25 %, 50 %, 75 % of the full monthly quota of 12,000, then 100 %.");
    // Page setup: A4 portrait, one page wide, print area, a break after each letter but the last.
    expect(writePlan.pageSetup).toMatchObject({ orientation: "portrait", paperSize: "A4", fitToWidth: 1, fitToHeight: 0 });
    expect(writePlan.pageSetup?.rowBreaks).toEqual([letterRows[1] - 1, letterRows[2] - 1]);
    // Every line of text fits its column.
    for (const v of column(2, 1, writePlan.result.lastRow)) if (typeof v === "string") expect(v.length).toBeLessThanOrEqual(66);
  });

  test("without locks or new hires, the share of the whole target; a Swedish number never breaks across lines", () => {
    const plain = monthlyPlan(3);
    plain.rows = plain.rows.map((r) => ({ ...r, locked: false, rostered: false }));
    plain.params = { ...plain.params, locks: [], roster: [] };
    const en = layoutPlan(buildLettersWritePlan(plain, "en").writePlan);
    const enTexts = Array.from({ length: 40 }, (_, i) => en.value(1 + i, 2)).join(" ");
    expect(enTexts).toContain("Your share (33.3 %) of the target of 360,000, in proportion to your sales in the time frame.");
    const { writePlan } = buildLettersWritePlan({ ...plain, planTotal: 1_234_567_890, target: 1_122_334_455 }, "sv");
    const sv = layoutPlan(writePlan);
    const lines = Array.from({ length: 40 }, (_, i) => sv.value(1 + i, 2)).filter((v): v is string => typeof v === "string");
    // "1 122 334 455" (no-break spaces) stays on one line, whatever the width.
    expect(lines.some((l) => l.includes("1\u00a0122\u00a0334\u00a0455"))).toBe(true);
    expect(lines.filter((l) => /\d$/.test(l) && /^\d/.test(lines[lines.indexOf(l) + 1] ?? ""))).toEqual([]);
    expect(wrapWords("mål på 1\u00a0500\u00a0000 plus", 10)).toEqual(["mål på", "1\u00a0500\u00a0000", "plus"]);
    // A tenured rep who leaves: the end is a term, a start years before the plan is not.
    const leaver = { ...plain, params: { ...plain.params, roster: [{ rep: "Rep 2", start: "2019-04-01", end: "2026-06-30", ramp: null, full: null }] } };
    const lv = buildLettersWritePlan(leaver as typeof plain, "en");
    const lvGrid = layoutPlan(lv.writePlan);
    const second = Array.from({ length: 30 }, (_, i) => lvGrid.value(lv.letterRows[1] + i, 2)).join(" ");
    expect(second).toContain("Your plan ends on 2026-06-30; there is no quota after that.");
    expect(second).not.toContain("2019-04-01");
  });

  test("the team line: the rep's team, (no team) for a new hire outside the teams, nothing without a team column", () => {
    const plan = monthlyPlan(2);
    plan.rows[1] = { ...plan.rows[1], team: null };
    const withTeams = buildLettersWritePlan(plan, "en");
    const grid = layoutPlan(withTeams.writePlan);
    expect([grid.value(withTeams.letterRows[0] + 3, 1), grid.value(withTeams.letterRows[0] + 3, 2)]).toEqual(["Team", "North"]);
    expect([grid.value(withTeams.letterRows[1] + 3, 1), grid.value(withTeams.letterRows[1] + 3, 2)]).toEqual(["Team", "(no team)"]);
    const sv = layoutPlan(buildLettersWritePlan(plan, "sv").writePlan);
    expect(sv.value(withTeams.letterRows[1] + 3, 2)).toBe("(inget team)");
    const none = monthlyPlan(2);
    none.rows = none.rows.map((r) => ({ ...r, team: null }));
    const noTeams = buildLettersWritePlan(none, "en");
    const blank = layoutPlan(noTeams.writePlan);
    for (const first of noTeams.letterRows) {
      expect([blank.value(first + 3, 1), blank.value(first + 3, 2)]).toEqual([null, null]);
      expect(blank.value(first + 4, 1)).toBe("Plan period");
    }
  });

  test("a quarter is named by its months, not by its first month; in Swedish K for kvartal", () => {
    const base = monthlyPlan(1);
    const quarters = (start: string) => ({
      ...base,
      params: { ...base.params, periods: 4, start },
      rows: base.rows.map((r) => ({ ...r, schedule: [30_000, 30_000, 30_000, 30_000] })),
      periodLabels: start === "2026-01" ? ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"] : ["2026-02", "2026-05", "2026-08", "2026-11"],
      periodTargets: [30_000, 30_000, 30_000, 30_000],
    });
    const labelsOf = (plan: ReturnType<typeof quarters>, locale: "en" | "sv") => {
      const { writePlan, letterRows } = buildLettersWritePlan(plan, locale);
      const grid = layoutPlan(writePlan);
      return Array.from({ length: 60 }, (_, i) => grid.value(letterRows[0] + i, 1));
    };
    expect(labelsOf(quarters("2026-02"), "en")).toEqual(expect.arrayContaining(["Feb–Apr 2026", "Nov 2026–Jan 2027"]));
    expect(labelsOf(quarters("2026-02"), "en")).not.toContain("February 2026");
    expect(labelsOf(quarters("2026-01"), "en")).toEqual(expect.arrayContaining(["Q1 2026", "Q4 2026"]));
    expect(labelsOf(quarters("2026-01"), "sv")).toEqual(expect.arrayContaining(["K1 2026", "K4 2026"]));
  });

  test("in Swedish", () => {
    const { writePlan, letterRows } = buildLettersWritePlan(monthlyPlan(1), "sv");
    const grid = layoutPlan(writePlan);
    expect(writePlan.sheet).toBe("Kvotbrev");
    expect(grid.value(letterRows[0] + 4, 2)).toBe("januari 2026 – december 2026");
    expect(writePlan.pageSetup?.rowBreaks).toEqual([]);
  });

  test("wrapWords cuts at spaces within the width", () => {
    expect(wrapWords("aa bb cc dd", 5)).toEqual(["aa bb", "cc dd"]);
    expect(wrapWords("", 5)).toEqual([""]);
  });

  test("the .xlsx file prints one page per rep (LibreOffice to PDF)", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "quota-letters-"));
    try {
      const input = path.join(dir, "in.xlsx");
      await fs.writeFile(input, await fixtureToXlsx(salesWorkbook()));
      const port = await XlsxFile.open(input);
      const { writePlan } = buildLettersWritePlan(monthlyPlan(5), "en");
      await port.apply(writePlan);
      const out = path.join(dir, "letters.xlsx");
      await port.save(out);
      const zip = await JSZip.loadAsync(await fs.readFile(out));
      const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
      expect(workbookXml).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="3">'Letters'!$A$1:$D$${writePlan.result.lastRow}</definedName>`);
      // Print a workbook holding only the letters (LibreOffice prints every sheet).
      const pdfDir = path.join(dir, "pdf");
      await fs.mkdir(pdfDir);
      const lettersOnly = path.join(dir, "letters-only.xlsx");
      const blank = await XlsxFile.open(await writeEmpty(dir));
      await blank.apply(writePlan);
      await blank.save(lettersOnly);
      const pdf = sofficeConvert(lettersOnly, "pdf", pdfDir);
      const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      // The empty first sheet prints no page; each letter prints one.
      expect(pages).toBe(5);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test("Excel: paper, print area and a page break before each letter", async () => {
    const fake = new FakeExcel(salesWorkbook());
    const { writePlan, letterRows } = buildLettersWritePlan(monthlyPlan(3), "en");
    await new ExcelWorkbook({ run: fake.runner }).apply(writePlan);
    const layout = fake.findSheet("Letters")!.pageLayout;
    expect(layout).toMatchObject({ orientation: "Portrait", paperSize: "A4", printArea: `A1:D${writePlan.result.lastRow}` });
    // Office.js puts a break above the given cell (0-based rows here): above each later letter.
    expect(layout.rowBreaks).toEqual([letterRows[1] - 1, letterRows[2] - 1]);
  });
});

/** A workbook with one empty sheet. */
async function writeEmpty(dir: string): Promise<string> {
  const file = path.join(dir, "empty.xlsx");
  await fs.writeFile(file, await fixtureToXlsx({ sheets: [{ name: "Blank", rows: [] }] }));
  return file;
}
