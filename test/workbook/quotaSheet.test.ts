import { LocalizedError } from "../../src/i18n";
import type { RepHistory } from "../../src/sheet/aggregate";
import { planQuotas, QuotaPlan, QuotaPlanParams } from "../../src/sheet/quotaPlan";
import { CellBlock, PlanValue, WritePlan } from "../../src/workbook/plan";
import { buildQuotaWritePlan, MAX_CHART_REPS, moneyFormat, QuotaProvenance } from "../../src/workbook/quotaSheet";

function rep(name: string, total: number): RepHistory {
  return { name, key: name.trim().toLowerCase(), total, rows: 1, byMonth: {} } as RepHistory;
}

function plan(names: string[], history: number[], params: Partial<QuotaPlanParams> = {}): QuotaPlan {
  return planQuotas(
    { reps: names.map((n, i) => rep(n, history[i])), periods: [] },
    { method: "bottomup", target: 1500000, periods: 12, roundTo: 100, growth: 0, ...params },
  );
}

const createdAt = new Date(Date.UTC(2026, 0, 15, 8, 30, 0));
const provenance: QuotaProvenance = {
  sourceSheet: "Sales",
  sourceFile: "sales-2025.xlsx",
  columns: { rep: "Säljare", amount: "Amount (SEK)", date: "Date" },
  createdAt,
  filter: { year: 2025 },
  rowsRead: 2673,
  rowsUsed: 2649,
  rowsOutOfRange: 24,
  rowsSkipped: 0,
  madeBy: "quota 0.1.0",
};

/** Every written cell as "A1" → value, with its number format. */
function cells(wp: WritePlan): Map<string, { value: PlanValue; format: string | null; block: CellBlock }> {
  const out = new Map<string, { value: PlanValue; format: string | null; block: CellBlock }>();
  for (const block of wp.blocks) {
    block.values.forEach((row, i) =>
      row.forEach((value, j) => {
        const col = String.fromCharCode(64 + block.column + j);
        const address = `${col}${block.row + i}`;
        if (out.has(address)) throw new Error(`two blocks write ${address}`);
        out.set(address, { value, format: block.columnFormats?.[j] ?? null, block });
      }),
    );
  }
  return out;
}

/** The provenance block as label → value. */
function provenanceOf(wp: WritePlan): Map<string, { value: PlanValue; format: string | null }> {
  const c = cells(wp);
  const out = new Map<string, { value: PlanValue; format: string | null }>();
  for (let row = 2; c.has(`G${row}`); row++) {
    const { value, format } = c.get(`H${row}`)!;
    out.set(String(c.get(`G${row}`)!.value), { value, format });
  }
  return out;
}

describe("buildQuotaWritePlan", () => {
  const names = ["Anna Svensson", "Erik Lindqvist", "Sofia Berg"];
  const p = plan(names, [500000.25, 300000, 200000]);
  const wp = buildQuotaWritePlan(p, provenance);
  const c = cells(wp);

  it("writes the table with its header, rows and formats", () => {
    expect(wp.sheet).toBe("Quotas");
    expect([1, 2, 3, 4, 5].map((i) => c.get(`${"ABCDE"[i - 1]}1`)!.value)).toEqual(["Rep", "History", "Share", "Quota", "Quota per period"]);
    expect(c.get("A1")!.block.bold).toBe(true);
    expect(["A2", "B2", "C2", "D2", "E2"].map((a) => c.get(a)!.value)).toEqual(["Anna Svensson", 500000.25, p.rows[0].share, 750000, 62500]);
    expect(["A4", "D4", "E4"].map((a) => c.get(a)!.value)).toEqual(["Sofia Berg", 300000, 25000]);
    expect(["A2", "B2", "C2", "D2", "E2"].map((a) => c.get(a)!.format)).toEqual(["@", "#,##0", "0.0%", "#,##0", "#,##0"]);
    expect(c.has("A5")).toBe(false); // the totals row belongs to the table
  });

  it("defines the Excel table with a totals row whose quota equals the target exactly", () => {
    expect(wp.tables).toHaveLength(1);
    const t = wp.tables[0];
    expect(t.name).toBe("SalesQuotas");
    expect(t.range).toEqual({ sheet: "Quotas", firstRow: 1, firstColumn: 1, lastRow: 4, lastColumn: 5 });
    expect(t.showTotals).toBe(true);
    expect(t.columns.map((x) => x.name)).toEqual(["Rep", "History", "Share", "Quota", "Quota per period"]);
    expect(t.columns[0].totals).toEqual({ label: "Total" });
    expect(t.columns[1].totals).toEqual({ function: "sum", value: 1000000.25 });
    expect(t.columns[3].totals).toEqual({ function: "sum", value: 1500000 });
    expect(t.columns[4].totals).toEqual({ function: "sum", value: 125000 });
    const share = t.columns[2].totals as { value: number };
    expect(share.value).toBeCloseTo(1, 12);
    expect(wp.result).toEqual({ sheet: "Quotas", firstRow: 1, firstColumn: 1, lastRow: 5, lastColumn: 5 });
    expect(wp.freezeRows).toBe(1);
  });

  it("records how the numbers were made beside the table, without touching it", () => {
    expect(c.get("G1")!.value).toBe("How these quotas were made");
    const block = provenanceOf(wp);
    expect(block.get("Method")!.value).toBe("Bottom-up: target split by share of history");
    expect(block.get("Target")).toEqual({ value: 1500000, format: "#,##0" });
    expect(block.get("Quotas add up to")!.value).toBe(1500000);
    expect(block.get("Periods")!.value).toBe(12);
    expect(block.get("Quotas per period add up to")!.value).toBe(125000);
    expect(block.get("Rounding unit")!.value).toBe(100);
    expect(block.get("Source file")!.value).toBe("sales-2025.xlsx");
    expect(block.get("Source sheet")!.value).toBe("Sales");
    expect(block.get("Rep column")!.value).toBe("Säljare");
    expect(block.get("Value column")!.value).toBe("Amount (SEK)");
    expect(block.get("Date column")!.value).toBe("Date");
    expect(block.get("Dates")!.value).toBe("2025");
    expect(block.get("Rows read")).toEqual({ value: 2673, format: "#,##0" });
    expect(block.get("Rows used")!.value).toBe(2649);
    expect(block.get("Rows outside the dates")!.value).toBe(24);
    expect(block.get("Rows skipped (unreadable cells)")!.value).toBe(0);
    expect(block.get("Created (ISO 8601, UTC)")!.value).toBe("2026-01-15T08:30:00.000Z");
    expect(block.get("Created (UTC)")).toEqual({ value: createdAt, format: "yyyy-mm-dd hh:mm" });
    expect(block.get("Made by")!.value).toBe("quota 0.1.0");
    expect(block.has("Growth")).toBe(false);
    // nothing of the block lands in the table's columns A–E or the gap F
    for (const address of c.keys()) if (!/^[A-E]/.test(address)) expect(address).toMatch(/^[GH]\d+$/);
  });

  it("charts quota vs history per rep below the block", () => {
    expect(wp.charts).toHaveLength(1);
    const chart = wp.charts[0];
    expect(chart.title).toBe("Quota vs history per rep");
    expect(chart.categories).toEqual({ sheet: "Quotas", firstRow: 2, firstColumn: 1, lastRow: 4, lastColumn: 1 });
    expect(chart.series).toEqual([
      { name: "History", values: { sheet: "Quotas", firstRow: 2, firstColumn: 2, lastRow: 4, lastColumn: 2 } },
      { name: "Quota", values: { sheet: "Quotas", firstRow: 2, firstColumn: 4, lastRow: 4, lastColumn: 4 } },
    ]);
    const lastBlockRow = Math.max(...wp.blocks.filter((b) => b.column === 7).map((b) => b.row));
    expect(chart.anchor.firstRow).toBeGreaterThan(lastBlockRow);
    expect(chart.anchor.firstColumn).toBe(7);
  });

  it("leaves the chart out when there are too many reps to read the bars", () => {
    const many = Array.from({ length: MAX_CHART_REPS + 1 }, (_, i) => `Rep ${i}`);
    const big = buildQuotaWritePlan(plan(many, many.map(() => 1)), provenance);
    expect(big.charts).toEqual([]);
    expect(big.tables[0].range.lastRow).toBe(MAX_CHART_REPS + 2);
  });

  it("sets widths that fit the names and numbers", () => {
    const width = (col: number) => wp.columnWidths.find((w) => w.column === col)!.width;
    expect(width(1)).toBeGreaterThanOrEqual("Erik Lindqvist".length);
    expect(width(2)).toBeGreaterThanOrEqual("1,000,000".length);
    expect(width(5)).toBeGreaterThanOrEqual("Quota per period".length);
    expect(width(6)).toBeLessThan(5);
  });

  it("writes formula-looking rep names as plain strings", () => {
    const tricky = ["=cmd|' /C calc'!A0", "+46 70 123", "-Returns", "@SUM(A1)"];
    const w = buildQuotaWritePlan(plan(tricky, [1, 1, 1, 1]), provenance);
    const cc = cells(w);
    expect(["A2", "A3", "A4", "A5"].map((a) => cc.get(a)!.value)).toEqual(tricky);
    expect(["A2", "A3", "A4", "A5"].map((a) => cc.get(a)!.format)).toEqual(["@", "@", "@", "@"]);
    for (const block of w.blocks) for (const row of block.values) for (const v of row) expect(typeof v === "object" && v !== null && "formula" in v).toBe(false);
  });

  it("speaks Swedish", () => {
    const sv = buildQuotaWritePlan(p, provenance, "Kvoter", "sv");
    const cc = cells(sv);
    expect(sv.sheet).toBe("Kvoter");
    expect(["A1", "B1", "C1", "D1", "E1"].map((a) => cc.get(a)!.value)).toEqual(["Säljare", "Historik", "Andel", "Kvot", "Kvot per period"]);
    expect(sv.tables[0].columns[0].totals).toEqual({ label: "Totalt" });
    expect(cc.get("G1")!.value).toBe("Så togs kvoterna fram");
    expect(provenanceOf(sv).get("Metod")!.value).toBe("Nedifrån och upp: målet fördelat efter andel av historiken");
    expect(sv.charts[0].title).toBe("Kvot jämfört med historik per säljare");
  });

  it("follows the rounding unit's decimals in money formats", () => {
    expect(moneyFormat(100)).toBe("#,##0");
    expect(moneyFormat(0.5)).toBe("#,##0.0");
    expect(moneyFormat(0.01)).toBe("#,##0.00");
    expect(moneyFormat(0)).toBe("#,##0.00");
    const cents = buildQuotaWritePlan(plan(names, [1, 1, 1], { target: 100, roundTo: 0.01, periods: 1 }), provenance);
    const cc = cells(cents);
    expect(cc.get("D2")!.format).toBe("#,##0.00");
    expect(cents.tables[0].columns[3].totals).toEqual({ function: "sum", value: 100 });
    expect(["D2", "D3", "D4"].map((a) => cc.get(a)!.value)).toEqual([33.34, 33.33, 33.33]);
  });

  it("describes a forecast: no target, its growth, and notes for warnings", () => {
    const f = plan(names, [1000, 2000, 3000], { method: "forecast", growth: 0.3, target: 9999, periods: 1, roundTo: 1 });
    const w = buildQuotaWritePlan(f, { ...provenance, filter: { from: new Date(Date.UTC(2025, 0, 1)), to: new Date(Date.UTC(2025, 5, 30, 23, 59, 59, 999)) } });
    const block = provenanceOf(w);
    expect(block.get("Target")!.value).toBe("none (a forecast has no target)");
    expect(block.get("Growth")).toEqual({ value: 0.3, format: "0.0%" });
    expect(block.get("Forecast from")!.value).toBe("last");
    expect(block.get("Dates")!.value).toBe("2025-01-01 – 2025-06-30");
    expect(String(block.get("Note")!.value)).toContain("The target 9,999 was not used; the quotas add up to 7,800.");
    expect(w.tables[0].columns[3].totals).toEqual({ function: "sum", value: 7800 });
  });

  it("describes top-down weights and a profit history", () => {
    const td = buildQuotaWritePlan(plan(names, [1, 1, 1], { method: "topdown" }), provenance);
    expect(provenanceOf(td).get("Weights")!.value).toBe("equal");
    const pr = buildQuotaWritePlan(plan(names, [1, 1, 1], { method: "profit" }), { ...provenance, columns: { ...provenance.columns, costs: "COGS" } });
    expect(cells(pr).get("B1")!.value).toBe("Profit history");
    expect(provenanceOf(pr).get("Cost columns")!.value).toBe("COGS");
    expect(provenanceOf(pr).get("Method")!.value).toBe("Profit: target split by share of revenue − costs");
  });

  it("records all rows when there is no date filter", () => {
    const w = buildQuotaWritePlan(p, { sourceSheet: "S", columns: {}, createdAt });
    expect(provenanceOf(w).get("Dates")!.value).toBe("all rows");
    expect(provenanceOf(w).has("Rows read")).toBe(false);
  });

  it("refuses a sheet name Excel would refuse", () => {
    expect(() => buildQuotaWritePlan(p, provenance, "Bad/Name")).toThrow(LocalizedError);
    expect(() => buildQuotaWritePlan(p, provenance, "x".repeat(32))).toThrow(/cannot be used as a sheet name/);
  });
});
