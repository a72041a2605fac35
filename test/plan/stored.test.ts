import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { parseStoredPlan, readStoredPlan, STORED_PLAN_SHEET, storedPlanOf, storedPlanWritePlan, StoredPlan, StoredPlanError } from "../../src/plan/stored";
import type { YearPlan } from "../../src/plan/types";
import { XlsxFile } from "../../src/workbook/xlsx-file";
import { fixtureToXlsx, salesWorkbook } from "../workbook/fixtures";
import { sofficeConvert } from "../support/libreoffice";

/** A small year plan built by hand: 3 reps × 4 quarters, adding up both ways. */
export function handPlan(reps = 3): YearPlan {
  const rows = Array.from({ length: reps }, (_, i) => ({
    rep: i === 1 ? "=Björn \"Ek\"" : `Rep ${i + 1}`,
    history: 1000 * (i + 1),
    share: 1 / reps,
    quota: 400,
    periodQuota: 100,
    team: i % 2 === 0 ? "North" : "South",
    locked: i === 2,
    rostered: false,
    schedule: [100, 100, 100, 100],
  }));
  return {
    method: "bottomup",
    params: {
      method: "bottomup",
      target: 400 * reps,
      periods: 4,
      roundTo: 100,
      growth: 0,
      phasing: { kind: "pattern", weights: [1, 1, 1, 1] },
      start: "2026-01",
      uplift: 0,
      locks: [{ rep: "Rep 3", amount: 400 }],
      roster: [{ rep: "Nils", start: "2026-04-01", end: null, ramp: [0.25, 0.5], full: 500 }],
    },
    rows,
    total: 400 * reps,
    periodTotal: 100 * reps,
    warnings: [],
    target: 400 * reps,
    planTotal: 400 * reps,
    coverage: 1,
    periodLabels: ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"],
    periodTargets: [100 * reps, 100 * reps, 100 * reps, 100 * reps],
    teams: [],
    notes: [],
  };
}

function stored(plan: YearPlan): StoredPlan {
  return storedPlanOf(plan, {
    createdAt: "2026-11-30T10:00:00.000Z",
    madeBy: "quota test",
    source: {
      file: "sales.xlsx",
      sheet: "Sales",
      headerRow: 1,
      columns: { rep: "Rep", amount: "Amount", date: "Date", costs: [], weight: null, team: null },
      filter: { year: 2025 },
      skipInvalid: false,
      roster: null,
    },
    outputSheet: "Quotas",
  });
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "quota-stored-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function writeStored(plan: StoredPlan, name: string): Promise<string> {
  const input = path.join(dir, `${name}-in.xlsx`);
  await fs.writeFile(input, await fixtureToXlsx(salesWorkbook()));
  const port = await XlsxFile.open(input);
  await port.apply(storedPlanWritePlan(plan));
  const out = path.join(dir, `${name}.xlsx`);
  await port.save(out);
  return out;
}

describe("the plan stored in the workbook", () => {
  test("round trip through the file: the same plan, in a very hidden sheet", async () => {
    const plan = stored(handPlan());
    const file = await writeStored(plan, "small");
    const port = await XlsxFile.open(file);
    const sheet = (await port.listSheets()).find((s) => s.name === STORED_PLAN_SHEET);
    expect(sheet?.visible).toBe(false);
    expect(await readStoredPlan(port)).toEqual(plan);
  });

  test("a plan bigger than one cell is cut into pieces and put back together", async () => {
    const plan = stored(handPlan(2_000));
    expect(JSON.stringify(plan).length).toBeGreaterThan(100_000);
    const writePlan = storedPlanWritePlan(plan);
    const cells = writePlan.blocks[0].values;
    for (const row of cells) expect(String(row[1]).length).toBeLessThanOrEqual(32_767);
    expect(parseStoredPlan(cells as (string | number)[][])).toEqual(plan);
  });

  test("survives LibreOffice opening and saving the workbook", async () => {
    const plan = stored(handPlan(300));
    const file = await writeStored(plan, "lo");
    const outDir = path.join(dir, "lo-out");
    await fs.mkdir(outDir);
    const saved = sofficeConvert(file, "xlsx:Calc MS Excel 2007 XML", outDir);
    const port = await XlsxFile.open(saved);
    const sheet = (await port.listSheets()).find((s) => s.name === STORED_PLAN_SHEET);
    expect(sheet?.visible).toBe(false);
    expect(await readStoredPlan(port)).toEqual(plan);
  }, 120_000);

  test("a workbook without a stored plan gives null; a damaged one a message", async () => {
    const input = path.join(dir, "none.xlsx");
    await fs.writeFile(input, await fixtureToXlsx(salesWorkbook()));
    expect(await readStoredPlan(await XlsxFile.open(input))).toBeNull();
    const cells = storedPlanWritePlan(stored(handPlan())).blocks[0].values as (string | number)[][];
    const cut = cells.map((r) => [...r]);
    cut[3][1] = String(cut[3][1]).slice(0, 50);
    expect(() => parseStoredPlan(cut)).toThrow(StoredPlanError);
    expect(() => parseStoredPlan(cut)).toThrow(/cannot be read: the plan text is not valid/);
    const newer = cells.map((r) => [...r]);
    newer[1][1] = 99;
    expect(() => parseStoredPlan(newer)).toThrow(/newer version of Sales Quota \(format 99\)/);
  });
});
