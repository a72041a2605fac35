/** @jest-environment jsdom */
/**
 * "Update the plan": a workbook holding a stored plan (made the way the wizard makes it) is
 * opened; the card names the plan, the button fills every input from it, the write step shows
 * what changed per rep, and writing replaces the add-in's own Quotas sheet and stored plan.
 */
import { screen, waitFor, within } from "@testing-library/react";
import { readStoredPlan, storedPlanWritePlan, type StoredPlan } from "../../src/plan/stored";
import { analyse, makePlan, readSource, writePlans } from "../../src/taskpane/pipeline";
import { updateAction } from "../../src/taskpane/updateFill";
import { readLocks, withPlanExtras } from "../../src/taskpane/updatePlan";
import { initialState, reducer } from "../../src/taskpane/state";
import { detectTable } from "../../src/sheet/detect";
import type { CellValue } from "../../src/workbook/port";
import type { RosterEntry } from "../../src/plan/types";
import { FakePort } from "./fakePort";
import { browserHost, excelHost, renderWizard, select } from "./helpers";

jest.setTimeout(30_000);

/** Three reps, one row a month of 2025; Anna also sells in January 2026 (after the history). */
function sales(annaJanuary = 1500): CellValue[][] {
  const rows: CellValue[][] = [["Plan data"], [], ["Rep", "Team", "Date", "Amount"]];
  const reps: [string, string, (m: number) => number][] = [
    ["Anna", "North", (m) => (m === 0 ? annaJanuary : m < 6 ? 1500 : 500)],
    ["Bo", "North", () => 2000],
    ["Cai", "South", (m) => (m < 6 ? 2000 : 4000)],
  ];
  for (let m = 0; m < 12; m++) for (const [rep, team, amount] of reps) rows.push([rep, team, new Date(Date.UTC(2025, m, 10)), amount(m)]);
  return rows;
}

/** The plan as the wizard writes it: bottom-up from year 2025, target 72,000, hundreds, from 2026-01, uplift 5 %, Bo locked at 25,000, teams. */
async function planWorkbook(kind: "excel" | "xlsx", roster: RosterEntry[] | null = null): Promise<FakePort> {
  const port = new FakePort([{ name: "Sales", rows: sales() }], { kind });
  const used = (await port.listSheets()).find((s) => s.name === "Sales")!.used!;
  const source = await readSource(port, used);
  const mapping = { ...source.table.suggested, team: 2 };
  const history = analyse(source, mapping, "amount", false, { year: 2025 });
  if (!history.ok) throw history.error;
  const params = {
    method: "bottomup" as const,
    target: 72000,
    periods: 12,
    roundTo: 100,
    growth: 0,
    year: { phasing: { kind: "history" as const }, start: "2026-01", uplift: 0.05, locks: [{ rep: "Bo", amount: 25000 }] },
  };
  const plan = makePlan(history.value, { ...params, roster });
  if (!plan.ok) throw plan.error;
  for (const p of writePlans({ plan: plan.value, schedule: true, source, mapping, aggregation: history.value, value: "amount", filter: { year: 2025 }, fileName: "sales.xlsx", sheetName: "Quotas", locale: "en", now: new Date("2026-01-05T09:00:00Z"), rosterSource: roster ? "staff.xlsx, Roster" : null })) {
    await port.apply(p);
  }
  return port;
}

async function storedOf(port: FakePort): Promise<StoredPlan> {
  const stored = await readStoredPlan(port);
  if (!stored) throw new Error("no stored plan");
  return stored;
}

describe("updateAction (the stored plan as the wizard's fields)", () => {
  test("fills every field, in the user's language, from the stored inputs", async () => {
    const port = await planWorkbook("xlsx");
    const stored = await storedOf(port);
    const table = detectTable(await port.read({ sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: 20, lastColumn: 4 }))!;
    const a = updateAction({ ...stored, params: { ...stored.params, target: 72000.5, locks: [{ rep: "Bo", amount: 25000.5 }] } }, table, "Sales", "sv");
    expect(a.mapping).toMatchObject({ rep: 1, team: 2, date: 3, amount: 4, costs: [], weight: null });
    expect(a.params).toMatchObject({ method: "bottomup", target: "72000,5", periods: "12", roundTo: "100", timeframe: "year", year: "2025", phasing: "history", start: "2026-01", uplift: "0,05" });
    expect(a.locks).toEqual([{ rep: "Bo", amount: "25000,5" }]);
    expect(a.outputSheet).toBe("Quotas");
    expect(a.update.schedule).toBe(true);
  });
});

describe("locks and the stored extras", () => {
  test("locks as typed are read in the user's language; a bad amount is named", () => {
    expect(readLocks([{ rep: " Bo ", amount: "25 000,5" }, { rep: "", amount: "x" }], "sv")).toEqual({ locks: [{ rep: "Bo", amount: 25000.5 }], bad: null });
    expect(readLocks([{ rep: "Bo", amount: "lots" }], "en").bad).toEqual({ rep: "Bo", amount: "lots" });
  });

  test("a stored phasing pattern and roster are added back to the parsed parameters", () => {
    const roster: RosterEntry[] = [{ rep: "Nils", start: null, end: null, ramp: null, full: null }];
    const update = { createdAt: "", before: [], roster, rosterSource: null, pattern: [1, 2, 1, 2], schedule: true };
    const params = { method: "bottomup" as const, target: 100, periods: 4, roundTo: 1, growth: 0, year: { phasing: { kind: "pattern" as const, weights: [] }, start: null, uplift: 0 } };
    expect(withPlanExtras(params, [{ rep: "Bo", amount: 5 }], update)).toEqual({
      ...params,
      year: { phasing: { kind: "pattern", weights: [1, 2, 1, 2] }, start: null, uplift: 0, locks: [{ rep: "Bo", amount: 5 }] },
      roster,
    });
  });

  test("updateFilled goes to the write step; Start over drops the update and the locks", () => {
    let s = initialState();
    s = reducer(s, { type: "readDone", range: { sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2 }, snapshot: { sheet: "Sales", firstRow: 1, columns: [1, 2], rows: [["Rep", "Amount"], ["Anna", 1]] }, table: detectTable({ sheet: "Sales", firstRow: 1, columns: [1, 2], rows: [["Rep", "Amount"], ["Anna", 1]] })! });
    const update = { createdAt: "2026-01-05T09:00:00.000Z", before: [], roster: null, rosterSource: null, pattern: null, schedule: false };
    s = reducer(s, { type: "updateFilled", mapping: { rep: 1, amount: 2, date: null, units: null, costs: [], weight: null }, params: { ...s.params, target: "100" }, locks: [{ rep: "Anna", amount: "1" }], skipInvalid: true, outputSheet: "Kvoter", update });
    expect(s).toMatchObject({ step: 3, outputSheet: "Kvoter", skipInvalid: true, locks: [{ rep: "Anna", amount: "1" }], update });
    s = reducer(s, { type: "reset" });
    expect(s).toMatchObject({ step: 0, locks: [], update: null });
  });
});

describe("Update the plan", () => {
  test("in Excel: unchanged data shows no changes and writes the same quotas to the unit", async () => {
    const port = await planWorkbook("excel");
    const before = await storedOf(port);
    const { user } = renderWizard(excelHost(port));
    const card = await screen.findByTestId("update-plan", {}, { timeout: 10_000 });
    expect(card.textContent).toBe("This workbook has a quota plan made 2026-01-05 (bottom-up, target 72,000).");
    await user.click(screen.getByRole("button", { name: "Update the plan" }));
    await waitFor(() => expect(screen.getByTestId("update-filled")).toBeTruthy());
    expect(screen.getByTestId("update-filled").textContent).toContain('Teams from column "Team"');
    // Straight to the write step, where nothing changes.
    await waitFor(() => expect(screen.getByTestId("update-no-changes").textContent).toBe("No changes: every rep keeps the same quota and schedule as in the plan made 2026-01-05 (total 75,600)."));
    expect((screen.getByTestId("output-sheet") as HTMLInputElement).value).toBe("Quotas");

    // Every input is filled in: Back shows them.
    await user.click(screen.getByRole("button", { name: "Back" }));
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(select("phasing").value).toBe("history");
    expect((screen.getByTestId("start") as HTMLInputElement).value).toBe("2026-01");
    expect((screen.getByTestId("uplift") as HTMLInputElement).value).toBe("0.05");
    await user.click(screen.getByTestId("next"));
    await user.click(screen.getByTestId("next"));

    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());
    const after = await storedOf(port);
    expect(after.result.rows).toEqual(before.result.rows);
    expect(after.params).toEqual(before.params);
    expect(after.source.columns).toEqual(before.source.columns);
    expect(after.result.rows.find((r) => r.rep === "Bo")).toMatchObject({ quota: 25000, locked: true, team: "North" });
    expect(port.sheets.filter((s) => /^Quotas/.test(s.name)).map((s) => s.name)).toEqual(["Quotas"]);
  });

  test("in a browser: changed data shows each rep's old and new quota and the difference", async () => {
    const port = await planWorkbook("xlsx");
    // Anna's January 2025: 1,500 → 13,500 (+12,000 of history).
    port.sheet("Sales")!.rows[3][3] = 13500;
    const { user } = renderWizard(browserHost(port));
    await user.upload(screen.getByTestId("file-input") as HTMLInputElement, new File([new Uint8Array([80, 75, 3, 4])], "sales.xlsx"));
    await user.click(await screen.findByRole("button", { name: "Update the plan" }, { timeout: 10_000 }));
    const table = await screen.findByTestId("update-changes-table", {}, { timeout: 10_000 });
    const rows = within(table)
      .getAllByRole("row")
      .map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));
    const byRep = new Map(rows.slice(1).map((r) => [r[0], r.slice(1)]));
    // Bo stays locked at 25,000; 72,000 × 1.05 − 25,000 = 50,600 is shared by history in hundreds.
    // Before, 12,000 : 36,000 → 12,650 : 37,950, the tied hundred to the earlier row: 12,700 / 37,900.
    // After, 24,000 : 36,000 → 20,240 : 30,360, the hundred to the larger remainder: 20,200 / 30,400.
    expect(Object.fromEntries(byRep)).toEqual({
      Anna: ["12,700", "20,200", "+7,500"],
      Cai: ["37,900", "30,400", "−7,500"],
    });
    expect(screen.getByTestId("update-changes-summary").textContent).toBe("2 reps change against the plan made 2026-01-05; 1 unchanged. Total 75,600 → 75,600.");
  });

  test("in Swedish: a stored roster is used again as stored, and the card says so", async () => {
    const roster: RosterEntry[] = [{ rep: "Nils", start: "2026-04-01", end: null, ramp: [0.5], full: 2000 }];
    const port = await planWorkbook("excel", roster);
    const before = await storedOf(port);
    expect(before.result.rows.map((r) => r.rep)).toContain("Nils");
    const { user } = renderWizard(excelHost(port), "sv");
    const card = await screen.findByTestId("update-plan", {}, { timeout: 10_000 });
    expect(card.textContent).toBe("Arbetsboken har en kvotplan gjord 2026-01-05 (nedifrån och upp, mål 72\u00a0000).");
    await user.click(screen.getByRole("button", { name: "Uppdatera planen" }));
    await waitFor(() => expect(screen.getByTestId("update-roster").textContent).toBe("Personallistan som sparades med planen (1 säljare, staff.xlsx, Roster) används igen som den var, om du inte väljer ett blad som personallista i steg 2."));
    await waitFor(() => expect(screen.getByTestId("update-no-changes").textContent).toContain("Inga ändringar"));
    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());
    const after = await storedOf(port);
    expect(after.result.rows).toEqual(before.result.rows);
    expect(after.params.roster).toEqual(roster);
    expect(after.source.roster).toBe("staff.xlsx, Roster");
  });

  test("names the stored column whose header is gone", async () => {
    const port = await planWorkbook("xlsx");
    port.sheet("Sales")!.rows[2][3] = "Belopp";
    const { user } = renderWizard(browserHost(port));
    await user.upload(screen.getByTestId("file-input") as HTMLInputElement, new File([new Uint8Array([80, 75, 3, 4])], "sales.xlsx"));
    await user.click(await screen.findByRole("button", { name: "Update the plan" }, { timeout: 10_000 }));
    await waitFor(() => expect(screen.getByTestId("update-error").textContent).toContain('The plan\'s column "Amount" is no longer in sheet "Sales". Columns there: Rep, Team, Date, Belopp.'));
  });

  test.each([
    ["growth", "last", 'The plan\'s forecast was made from "growth", which the wizard does not offer: the update forecasts from the last result (the history\'s total), so the quotas may change.'],
    ["average", "average", null],
  ] as const)("a forecast made from %s: the wizard keeps a base it offers, else the card says it falls back", async (stored, shown, said) => {
    const port = await planWorkbook("excel");
    const plan = await storedOf(port);
    await port.apply(storedPlanWritePlan({ ...plan, params: { ...plan.params, method: "forecast", target: null, growth: 0.1, forecastMethod: stored } }));
    expect((await storedOf(port)).params.forecastMethod).toBe(stored);
    const { user } = renderWizard(excelHost(port));
    await screen.findByTestId("update-plan", {}, { timeout: 10_000 });
    if (said) expect(screen.getByTestId("update-forecast").textContent).toBe(said);
    else expect(screen.queryByTestId("update-forecast")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Update the plan" }));
    await waitFor(() => expect(screen.getByTestId("update-filled")).toBeTruthy());
    await user.click(screen.getByRole("button", { name: "Back" }));
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect((screen.getByRole("combobox", { name: "Forecast from" }) as HTMLSelectElement).value).toBe(shown);
    expect((screen.getByTestId("growth") as HTMLInputElement).value).toBe("10");
  });

  test("the fallback is said in Swedish too", async () => {
    const port = await planWorkbook("excel");
    const plan = await storedOf(port);
    await port.apply(storedPlanWritePlan({ ...plan, params: { ...plan.params, method: "forecast", target: null, forecastMethod: "growth" } }));
    renderWizard(excelHost(port), "sv");
    await waitFor(() => expect(screen.getByTestId("update-forecast").textContent).toBe('Planens prognos gjordes utifrån "growth", som guiden inte erbjuder: uppdateringen gör prognosen utifrån senaste resultatet (historikens summa), så kvoterna kan ändras.'), { timeout: 10_000 });
  });
});
