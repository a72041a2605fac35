/**
 * The wizard records on the Quotas sheet what the command records: the rows left below the
 * table after a blank row (found by the shared tableEnd) and the skipped rows with their reason.
 */
import { tableEnd } from "../../src/sheet/extent";
import { analyse, makePlan, quotaWritePlan, readSource } from "../../src/taskpane/pipeline";
import type { PlanValue, WritePlan } from "../../src/workbook/plan";
import { FakePort } from "./fakePort";

function auditBlock(plan: WritePlan): Map<string, PlanValue> {
  const out = new Map<string, PlanValue>();
  for (const b of plan.blocks) if (b.column === 7 && b.values[0].length === 2) out.set(String(b.values[0][0]), b.values[0][1]);
  return out;
}

const rows = [
  ["Rep", "Amount"],
  ["Anna", 300],
  ["Bo", "abc"],
  ["Erik", 100],
  [null, null],
  ["Summary by region", null],
  ["North", 400],
];

describe("the wizard's provenance", () => {
  it("ends the table with the command's rule and records rows below and skipped rows, in the sheet's language", async () => {
    const port = new FakePort([{ name: "Sales", rows }]);
    const source = await readSource(port, { sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: rows.length, lastColumn: 2 });
    expect(source.table.lastDataRow).toBe(4);
    expect(source.below).toEqual({ first: 6, count: 2 });
    expect(tableEnd(source.snapshot, source.table.firstDataRow)).toEqual({ lastDataRow: 4, below: { first: 6, count: 2 } });

    const mapping = { rep: 1, amount: 2, date: null, costs: [], weight: null, units: null };
    const aggregation = analyse(source, mapping, "amount", true);
    if (!aggregation.ok) throw aggregation.error;
    expect(aggregation.value.skipped.map((s) => s.row)).toEqual([3]);
    const plan = makePlan(aggregation.value, { method: "bottomup", target: 1000, periods: 1, roundTo: 1, growth: 0 });
    if (!plan.ok) throw plan.error;
    const context = { plan: plan.value, source, mapping, aggregation: aggregation.value, value: "amount" as const, filter: {}, fileName: "sales.xlsx", now: new Date(Date.UTC(2026, 0, 1)) };

    const en = auditBlock(quotaWritePlan({ ...context, sheetName: "Quotas", locale: "en" }));
    expect(en.get("Rows below the table (left out)")).toBe("2 rows from row 6 down, after a blank row");
    expect(String(en.get("Skipped row 3"))).toMatch(/^Cell Sales!B3/);
    const sv = auditBlock(quotaWritePlan({ ...context, sheetName: "Kvoter", locale: "sv" }));
    expect(sv.get("Rader under tabellen (utelämnade)")).toBe("2 rader från rad 6 och nedåt, efter en tom rad");
    expect(String(sv.get("Överhoppad rad 3"))).toMatch(/^Cellen Sales!B3/);
  });

  it("records one row below in the singular, and nothing when there is none", async () => {
    const port = new FakePort([{ name: "Sales", rows: [...rows.slice(0, 5), ["North", 400]] }]);
    const source = await readSource(port, { sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: 6, lastColumn: 2 });
    expect(source.below).toEqual({ first: 6, count: 1 });
    const clean = await readSource(new FakePort([{ name: "Sales", rows: rows.slice(0, 2) }]), { sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2 });
    expect(clean.below).toBeNull();
  });
});
