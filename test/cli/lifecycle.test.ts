/**
 * The plan's life through the year, end to end through the `quota` command: allocate keeps the
 * plan in the workbook, refresh makes it again from its source, review measures it against
 * actuals, --letters writes one quota letter per rep. Every figure below is worked out by hand
 * from the generated sales (three reps, one row per rep and month of 2025).
 *
 *   Anna  1,500 a month Jan–Jun, 500 Jul–Dec  = 12,000
 *   Bo    2,000 a month                        = 24,000
 *   Cai   2,000 a month Jan–Jun, 4,000 Jul–Dec = 36,000
 * Target 72,000 over 12 equal periods: quotas 12,000 / 24,000 / 36,000, i.e. 1,000 / 2,000 /
 * 3,000 a month.
 */
import fs from "fs";
import path from "path";
import JSZip from "jszip";
import { Cell, readWorkbook, run, sha256, tempDir, valueOf, writeWorkbook } from "./support";

const REPS: [string, (month: number) => number][] = [
  ["Anna", (m) => (m < 6 ? 1500 : 500)],
  ["Bo", () => 2000],
  ["Cai", (m) => (m < 6 ? 2000 : 4000)],
];

function salesRows(): Cell[][] {
  const rows: Cell[][] = [["Rep", "Date", "Amount"]];
  for (let m = 0; m < 12; m++) for (const [rep, amount] of REPS) rows.push([rep, new Date(Date.UTC(2025, m, 10)), amount(m)]);
  return rows;
}

const ALLOCATE = ["--year", "2025", "--target", "72000", "--periods", "12", "--round", "100", "--start", "2025-01"];

async function makePlan(dir: string, extra: string[] = []): Promise<string> {
  const src = await writeWorkbook(path.join(dir, "sales.xlsx"), [{ name: "Sales", rows: salesRows(), formats: { 2: "yyyy-mm-dd" } }]);
  const res = await run(["allocate", src, "--out", "plan.xlsx", ...ALLOCATE, ...extra], dir);
  expect(res.stderr).not.toMatch(/error/i);
  expect(res.code).toBe(0);
  return path.join(dir, "plan.xlsx");
}

/** The sheet XML of a sheet in an .xlsx, found through workbook.xml and its relationships. */
async function sheetXmlPath(zip: JSZip, name: string): Promise<string> {
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const sheet = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(wb) ?? new RegExp(`<sheet [^>]*r:id="([^"]+)"[^>]*name="${name}"`).exec(wb);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rel = new RegExp(`<Relationship [^>]*Id="${sheet[1]}"[^>]*Target="([^"]+)"`).exec(rels) ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${sheet[1]}"`).exec(rels);
  if (!rel) throw new Error(`no relationship ${sheet[1]}`);
  return rel[1].startsWith("/") ? rel[1].slice(1) : `xl/${rel[1]}`;
}

describe("quota refresh", () => {
  it("gives the same quotas and schedules, to the unit, on unchanged data", async () => {
    const dir = tempDir();
    const plan = await makePlan(dir, ["--json"]);
    const made = JSON.parse((await run(["allocate", path.join(dir, "sales.xlsx"), "--out", "again.xlsx", ...ALLOCATE, "--json"], dir)).stdout);
    const before = sha256(plan);
    const res = await run(["refresh", "plan.xlsx", "--out", "refreshed.xlsx", "--json"], dir);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain("The refreshed plan has the same quotas and schedules as the stored one.");
    const refreshed = JSON.parse(res.stdout);
    expect(refreshed.rows).toEqual(made.rows);
    expect(refreshed.rows.map((r: { rep: string; quota: number }) => [r.rep, r.quota])).toEqual([
      ["Anna", 12000],
      ["Bo", 24000],
      ["Cai", 36000],
    ]);
    expect(sha256(plan)).toBe(before);
    expect(fs.existsSync(path.join(dir, "refreshed.xlsx"))).toBe(true);
  });

  it("lists the reps whose quota changed when the source changed since the plan was made", async () => {
    const dir = tempDir();
    const plan = await makePlan(dir);
    // Anna's January sale 1,500 → 2,700 in the plan workbook's own Sales sheet: her history
    // becomes 13,200 of 73,200; 72,000 split in hundreds by largest remainder:
    // Anna 12,983.6 → 13,000; Bo 23,606.6 → 23,600; Cai 35,409.8 → 35,400.
    const zip = await JSZip.loadAsync(fs.readFileSync(plan));
    const xmlPath = await sheetXmlPath(zip, "Sales");
    const xml = await zip.file(xmlPath)!.async("string");
    const edited = xml.replace(/(<c r="C2"[^>]*>\s*<v>)1500(<\/v>)/, "$12700$2");
    expect(edited).not.toBe(xml);
    zip.file(xmlPath, edited);
    fs.writeFileSync(path.join(dir, "changed.xlsx"), await zip.generateAsync({ type: "nodebuffer" }));

    const res = await run(["refresh", "changed.xlsx", "--out", "refreshed.xlsx"], dir);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain("Changed since the plan was made: Anna 12,000 → 13,000; Bo 24,000 → 23,600; Cai 36,000 → 35,400");
    expect(res.stderr).not.toContain("same quotas");
  });

  it("keeps a forecast's base (--forecast trend): the same quotas, not the last-result forecast", async () => {
    const dir = tempDir();
    const src = await writeWorkbook(path.join(dir, "sales.xlsx"), [{ name: "Sales", rows: salesRows(), formats: { 2: "yyyy-mm-dd" } }]);
    const forecast = ["--year", "2025", "--method", "forecast", "--periods", "12", "--round", "100", "--start", "2026-01", "--json"];
    const trend = await run(["allocate", src, "--out", "plan.xlsx", ...forecast, "--forecast", "trend"], dir);
    expect(trend.code).toBe(0);
    const last = JSON.parse((await run(["allocate", src, "--out", "last.xlsx", ...forecast], dir)).stdout);
    const made = JSON.parse(trend.stdout);
    // Anna's sales fall and Cai's rise through 2025: their trends differ from their totals.
    expect(made.rows.map((r: { quota: number }) => r.quota)).not.toEqual(last.rows.map((r: { quota: number }) => r.quota));
    const res = await run(["refresh", "plan.xlsx", "--out", "refreshed.xlsx", "--json"], dir);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain("The refreshed plan has the same quotas and schedules as the stored one.");
    expect(JSON.parse(res.stdout).rows).toEqual(made.rows);
  });

  it("says so when the workbook holds no stored plan", async () => {
    const dir = tempDir();
    await writeWorkbook(path.join(dir, "sales.xlsx"), [{ name: "Sales", rows: salesRows() }]);
    const res = await run(["refresh", "sales.xlsx", "--out", "out.xlsx"], dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("holds no stored plan");
  });
});

describe("quota review", () => {
  // Through 2025-03 (3 of 12 periods):
  //   Anna quota 3,000, actual 4,500 → 150 %, projection 4,500 ÷ 3 × 12 = 18,000
  //   Bo   quota 6,000, actual 6,000 → 100 %, projection 24,000
  //   Cai  quota 9,000, actual 6,000 → 66.7 %, projection 24,000
  //   total 18,000 / 16,500 → 91.7 %, projection 66,000; 2 of 3 reps at or above quota.
  it("measures the stored plan against the sales in the plan workbook", async () => {
    const dir = tempDir();
    const plan = await makePlan(dir);
    const before = sha256(plan);
    const res = await run(["review", "plan.xlsx", "--through", "2025-03", "--out", "review.xlsx", "--json"], dir);
    expect(res.code).toBe(0);
    const review = JSON.parse(res.stdout);
    expect(review.through).toBe("2025-03");
    expect(review.periods).toEqual(["2025-01", "2025-02", "2025-03"]);
    expect(review.rows.map((r: Record<string, unknown>) => [r.rep, r.team, r.quotaToDate, r.actualToDate, r.projection])).toEqual([
      ["Anna", null, 3000, 4500, 18000],
      ["Bo", null, 6000, 6000, 24000],
      ["Cai", null, 9000, 6000, 24000],
    ]);
    expect(review.rows[0].attainment).toBeCloseTo(1.5, 12);
    expect(review.rows[1].attainment).toBeCloseTo(1, 12);
    expect(review.rows[2].attainment).toBeCloseTo(2 / 3, 12);
    expect(review.rows[2].byPeriod).toEqual([
      { period: "2025-01", quota: 3000, actual: 2000, attainment: 2000 / 3000 },
      { period: "2025-02", quota: 3000, actual: 2000, attainment: 2000 / 3000 },
      { period: "2025-03", quota: 3000, actual: 2000, attainment: 2000 / 3000 },
    ]);
    expect(review.total).toMatchObject({ quotaToDate: 18000, actualToDate: 16500, projection: 66000 });
    expect(review.total.attainment).toBeCloseTo(16500 / 18000, 12);
    expect(review.atOrAbove).toBeCloseTo(2 / 3, 12);
    expect(review.unmatched).toEqual([]);
    expect(res.stderr).toContain("Through 2025-03: 3 of 12 periods reviewed; actual 16,500 against quota 18,000 (91.7 %); 66.7 % of reps at or above quota");
    expect(res.stderr).toContain('Wrote sheet "Attainment" to review.xlsx (3 reps).');
    // The plan workbook itself is never written.
    expect(sha256(plan)).toBe(before);

    // The Attainment sheet: the table SalesAttainment and its coloured bands.
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, "review.xlsx")));
    const xml = await zip.file(await sheetXmlPath(zip, "Attainment"))!.async("string");
    expect(xml).toContain("<conditionalFormatting");
    // It prints landscape, one page wide.
    expect(xml).toMatch(/<pageSetup [^>]*orientation="landscape" fitToWidth="1" fitToHeight="0"/);
    const tables = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/tables\/.*\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")));
    expect(tables.some((t) => /name="SalesAttainment"/.test(t))).toBe(true);
    const ws = (await readWorkbook(path.join(dir, "review.xlsx"))).getWorksheet("Attainment")!;
    const cells: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => void cells.push(valueOf(c))));
    expect(cells).toEqual(expect.arrayContaining(["Anna", "Bo", "Cai", 4500, 6000]));

    // Reviewing the review a month later replaces its Attainment sheet: Anna 6,000 of 4,000.
    const again = await run(["review", "review.xlsx", "--through", "2025-04", "--out", "review2.xlsx", "--json"], dir);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).rows[0]).toMatchObject({ rep: "Anna", quotaToDate: 4000, actualToDate: 6000, projection: 18000 });
    const names = (await readWorkbook(path.join(dir, "review2.xlsx"))).worksheets.map((w) => w.name);
    expect(names.filter((n) => n === "Attainment")).toHaveLength(1);
    expect(names.some((n) => /Attainment.+/.test(n))).toBe(false);
  });

  it("reads actuals from another workbook or CSV, with Swedish headers under a title row", async () => {
    const dir = tempDir();
    await makePlan(dir);
    // Through 2025-02: Anna 2,000 + 2,500 = 4,500 (against 2,000), " bo " matched to Bo:
    // 3,000 (against 4,000), Cai none (against 6,000); Dora is in the actuals only.
    const rows: Cell[][] = [
      ["Utfall 2025"],
      ["Säljare", "Datum", "Belopp"],
      ["anna", new Date(Date.UTC(2025, 0, 5)), 2000],
      ["Anna", new Date(Date.UTC(2025, 1, 5)), 2500],
      [" bo ", new Date(Date.UTC(2025, 1, 20)), 3000],
      ["Dora", new Date(Date.UTC(2025, 1, 21)), 700],
      ["Anna", new Date(Date.UTC(2025, 2, 1)), 99999],
    ];
    await writeWorkbook(path.join(dir, "actuals.xlsx"), [{ name: "Utfall", rows, formats: { 2: "yyyy-mm-dd" } }]);
    const csv = rows.map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === undefined ? "" : String(v))).join(",")).join("\n") + "\n";
    fs.writeFileSync(path.join(dir, "actuals.csv"), csv);
    for (const actuals of ["actuals.xlsx", "actuals.csv"]) {
      const res = await run(["review", "plan.xlsx", "--through", "2025-02", "--actuals", actuals, "--out", `review-${actuals}.xlsx`, "--json"], dir);
      expect({ actuals, code: res.code, stderr: res.code === 0 ? "" : res.stderr }).toEqual({ actuals, code: 0, stderr: "" });
      const review = JSON.parse(res.stdout);
      expect(review.rows.map((r: Record<string, unknown>) => [r.rep, r.quotaToDate, r.actualToDate, r.projection])).toEqual([
        ["Anna", 2000, 4500, 27000],
        ["Bo", 4000, 3000, 18000],
        ["Cai", 6000, 0, 0],
      ]);
      expect(review.atOrAbove).toBeCloseTo(1 / 3, 12);
      expect(review.unmatched).toEqual([expect.objectContaining({ rep: "Dora", actualToDate: 700 })]);
      expect(res.stderr).toContain("In the actuals but not in the plan: Dora (700)");
    }
  });

  it("a rerun in the other language replaces the add-in's letters and Attainment sheets where they are", async () => {
    const dir = tempDir();
    await makePlan(dir, ["--letters"]);
    const refreshed = await run(["refresh", "plan.xlsx", "--out", "refreshed.xlsx", "--letters", "--lang", "sv"], dir);
    expect(refreshed.code).toBe(0);
    expect(refreshed.stderr).toContain('kvotbrev till bladet "Letters"');
    const review = await run(["review", "refreshed.xlsx", "--through", "2025-03", "--out", "r1.xlsx"], dir);
    expect(review.code).toBe(0);
    const again = await run(["review", "r1.xlsx", "--through", "2025-04", "--out", "r2.xlsx", "--lang", "sv"], dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Skrev bladet "Attainment"');
    const names = (await readWorkbook(path.join(dir, "r2.xlsx"))).worksheets.map((w) => w.name);
    expect(names.filter((n) => ["Letters", "Kvotbrev", "Attainment", "Måluppfyllelse"].includes(n)).sort()).toEqual(["Attainment", "Letters"]);
  });

  it("states the actuals in the summary as the table rounds them (no cents beside a whole-number total)", async () => {
    const dir = tempDir();
    await makePlan(dir);
    fs.writeFileSync(path.join(dir, "cents.csv"), "Rep,Date,Amount\nAnna,2025-01-05,1000.25\nBo,2025-01-09,500.5\nZed,2025-01-10,99.75\n");
    const res = await run(["review", "plan.xlsx", "--through", "2025-01", "--actuals", "cents.csv", "--out", "r.xlsx"], dir);
    expect(res.code).toBe(0);
    // 1,000.25 + 500.5 = 1,500.75: the table's total row shows 1,501, and so does the summary.
    expect(res.stdout).toMatch(/^Total +[\d,]+ +1,501 /m);
    expect(res.stderr).toContain("; actual 1,501 against quota ");
    expect(res.stderr).toContain("In the actuals but not in the plan: Zed (100).");
  });

  it("stops with a clear message on a bad --through or a workbook with no plan", async () => {
    const dir = tempDir();
    await makePlan(dir);
    const missing = await run(["review", "plan.xlsx", "--out", "r.xlsx"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("quota review needs --through YYYY-MM");
    const invalid = await run(["review", "plan.xlsx", "--through", "2025-13", "--out", "r.xlsx"], dir);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('--through must be a month such as 2026-03 (got "2025-13")');
    const early = await run(["review", "plan.xlsx", "--through", "2024-12", "--out", "r.xlsx"], dir);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("No period of the plan has ended by 2024-12: the first period ends in 2025-01.");
    const noPlan = await run(["review", "sales.xlsx", "--through", "2025-03", "--out", "r.xlsx"], dir);
    expect(noPlan.code).toBe(1);
    expect(noPlan.stderr).toContain("sales.xlsx holds no stored plan");
    expect(fs.existsSync(path.join(dir, "r.xlsx"))).toBe(false);
  });
});

describe("quota review and the task pane say the same", () => {
  /** The plan workbook with its Sales sheet's XML edited. */
  async function editedPlan(dir: string, name: string, edit: (xml: string) => string): Promise<string> {
    const zip = await JSZip.loadAsync(fs.readFileSync(await makePlan(dir)));
    const xmlPath = await sheetXmlPath(zip, "Sales");
    const xml = await zip.file(xmlPath)!.async("string");
    const edited = edit(xml);
    expect(edited).not.toBe(xml);
    zip.file(xmlPath, edited);
    fs.writeFileSync(path.join(dir, name), await zip.generateAsync({ type: "nodebuffer" }));
    return name;
  }

  it("shows amounts in whole units of the plan's rounding, in the summary as in the table", async () => {
    const dir = tempDir();
    // Anna's January sale 1,500 → 1,500.75: actual to date 16,500.75.
    const book = await editedPlan(dir, "cents.xlsx", (xml) => xml.replace(/(<c r="C2"[^>]*>\s*<v>)1500(<\/v>)/, "$11500.75$2"));
    const res = await run(["review", book, "--through", "2025-03", "--out", "review.xlsx"], dir);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain("actual 16,501 against quota 18,000");
    expect(res.stderr).not.toContain("16,500.75");
    expect(res.stdout).toMatch(/^Anna\s+3,000\s+4,501\s/m);
    expect(res.stdout).toMatch(/^Total\s+18,000\s+16,501\s/m);
  });

  it("names a stored column that is gone with the task pane's words", async () => {
    const dir = tempDir();
    const book = await editedPlan(dir, "renamed.xlsx", (xml) => xml.replace(/<c r="C1"([^>]*?) t="s"><v>\d+<\/v><\/c>/, '<c r="C1"$1 t="inlineStr"><is><t>Belopp</t></is></c>'));
    const res = await run(["review", book, "--through", "2025-03", "--out", "review.xlsx"], dir);
    expect(res.code).toBe(1);
    const { reviewSourceMessages } = await import("../../src/plan/reviewSource");
    const { formatTemplate } = await import("../../src/i18n");
    expect(res.stderr.trim()).toBe(formatTemplate(reviewSourceMessages.sourceColumnMissing.en, { column: "Amount", sheet: "Sales", columns: "Rep, Date, Belopp" }));
  });
});

describe("the plan's sheets", () => {
  it("--letters writes one letter per rep", async () => {
    const dir = tempDir();
    await makePlan(dir, ["--letters"]);
    const ws = (await readWorkbook(path.join(dir, "plan.xlsx"))).getWorksheet("Letters")!;
    expect(ws).toBeDefined();
    const texts: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => void texts.push(valueOf(c))));
    expect(texts.filter((t) => t === "Quota letter")).toHaveLength(3);
    for (const rep of ["Anna", "Bo", "Cai"]) expect(texts).toContain(rep);
  });

  it("names the sheets in Swedish with --lang sv", async () => {
    const dir = tempDir();
    await makePlan(dir, ["--letters", "--lang", "sv"]);
    const res = await run(["review", "plan.xlsx", "--through", "2025-03", "--out", "review.xlsx", "--lang", "sv"], dir);
    expect(res.code).toBe(0);
    const names = (await readWorkbook(path.join(dir, "review.xlsx"))).worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(["Måluppfyllelse", "Kvotbrev"]));
    expect(names).not.toContain("Attainment");
    expect(names).not.toContain("Letters");
  });
});
