/** @jest-environment jsdom */
/** The Review panel: a workbook with a stored plan is reviewed against its own sales sheet. */
import { screen, waitFor } from "@testing-library/react";
import { storedPlanOf, storedPlanWritePlan, type StoredPlan } from "../../src/plan/stored";
import type { YearPlan } from "../../src/plan/types";
import { StoredSourceError } from "../../src/plan/storedSource";
import { FakePort, salesRows } from "./fakePort";
import { browserHost, excelHost, renderWizard } from "./helpers";

jest.setTimeout(30_000);

/** Anna, Bertil 4,000 a year, Cecilia 8,000, in quarters from 2025-01. */
function yearPlan(): YearPlan {
  const quotas: [string, number][] = [["Anna", 4000], ["Bertil", 4000], ["Cecilia", 8000]];
  const rows = quotas.map(([rep, quota]) => ({
    rep, history: 0, share: 0, quota, periodQuota: quota / 4, team: null, locked: false, rostered: false, schedule: [1, 2, 3, 4].map(() => quota / 4),
  }));
  return {
    method: "bottomup",
    params: { method: "bottomup", target: 16000, periods: 4, roundTo: 100, growth: 0, phasing: { kind: "pattern", weights: [1, 1, 1, 1] }, start: "2025-01", uplift: 0, locks: [], roster: [] },
    rows, total: 16000, periodTotal: 4000, warnings: [], target: 16000, planTotal: 16000, coverage: 1,
    periodLabels: ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"], periodTargets: [4000, 4000, 4000, 4000], teams: [], notes: [],
  } as unknown as YearPlan;
}

function stored(): StoredPlan {
  return storedPlanOf(yearPlan(), {
    createdAt: "2025-07-01T10:00:00.000Z",
    madeBy: "quota test",
    source: { file: "sales.xlsx", sheet: "Sales", headerRow: 3, columns: { rep: "Säljare", amount: "Amount", date: "Datum", costs: [], weight: null, team: null }, filter: { year: 2025 }, skipInvalid: false, roster: null },
    outputSheet: "Quotas",
  });
}

/** The sales sheet and the plan's sheet as the add-in writes it (so the add-in's own). */
async function planPort(kind: "excel" | "xlsx", sales = salesRows()): Promise<FakePort> {
  const port = new FakePort([{ name: "Sales", rows: sales }], { kind });
  await port.apply(storedPlanWritePlan(stored()));
  return port;
}

describe("review panel", () => {
  test("in Excel: names the plan, writes the Attainment sheet and sums it up", async () => {
    const port = await planPort("excel");
    const { user } = renderWizard(excelHost(port));
    const plan = await screen.findByTestId("review-plan", {}, { timeout: 10_000 });
    expect(plan.textContent).toBe('This workbook has a quota plan (3 reps, periods 2025-Q1 – 2025-Q4, from sheet "Sales").');
    const through = screen.getByTestId("review-through") as HTMLInputElement;
    // The default month: the last with actuals within the plan (Erik's 2025-06-30), not the plan's last month.
    await waitFor(() => expect(through.value).toBe("2025-06"));
    await user.clear(through);
    await user.type(through, "2025-06");
    await user.click(screen.getByRole("button", { name: "Write the Attainment sheet" }));
    await waitFor(() => expect(screen.getByTestId("review-done")).toBeTruthy());

    const sheet = port.sheet("Attainment");
    expect(sheet).toBeTruthy();
    const byRep = new Map(sheet!.rows.filter((r) => typeof r[0] === "string").map((r) => [r[0], r]));
    // rep, team, quota, quota to date, actual to date, attainment
    expect(byRep.get("Anna")!.slice(2, 6)).toEqual([4000, 2000, 2000, 1]);
    expect(byRep.get("Bertil")!.slice(2, 6)).toEqual([4000, 2000, 2000, 1]);
    expect(byRep.get("Cecilia")!.slice(2, 6)).toEqual([8000, 4000, 2000, 0.5]);
    // the source is not touched
    expect(port.sheet("Sales")!.rows).toEqual(salesRows());

    expect(screen.getByTestId("review-done").textContent).toContain('Wrote sheet "Attainment" (3 reps, through 2025-06).');
    expect(screen.getByTestId("review-attainment").textContent).toBe("Attainment to date: 75% (6,000 of 8,000).");
    expect(screen.getByTestId("review-at-or-above").textContent).toBe("Reps at or above quota: 66.7% (55–70 % is healthy).");
    expect(screen.getByTestId("review-unmatched").textContent).toBe("In the actuals but not in the plan: David (1,000), Erik (1,000).");
    expect(screen.queryByTestId("review-download")).toBeNull();
  });

  test("the default month is read from the plan's source when the wizard reads another sheet", async () => {
    const other = [["Rep", "Date", "Amount"], ["Olle", new Date(Date.UTC(2025, 10, 3)), 100]];
    const port = new FakePort([{ name: "Other", rows: other }, { name: "Sales", rows: salesRows() }], { kind: "excel" });
    await port.apply(storedPlanWritePlan(stored()));
    renderWizard(excelHost(port));
    const through = (await screen.findByTestId("review-through", {}, { timeout: 10_000 })) as HTMLInputElement;
    // Sales has actuals through June 2025 (Other's November sale is not the plan's source).
    await waitFor(() => expect(through.value).toBe("2025-06"));
    expect((screen.getByTestId("sheet-select") as HTMLSelectElement).value).toBe("Other");
  });

  test("in a browser, in Swedish: a bad month and a missing column are told in Swedish; the copy is offered for download", async () => {
    const sales = salesRows();
    const port = await planPort("xlsx", sales);
    const { user } = renderWizard(browserHost(port), "sv");
    await user.upload(screen.getByTestId("file-input") as HTMLInputElement, new File([new Uint8Array([80, 75, 3, 4])], "sales.xlsx"));
    await screen.findByTestId("review-plan", {}, { timeout: 10_000 });
    const through = screen.getByTestId("review-through") as HTMLInputElement;
    await user.clear(through);
    await user.type(through, "juni");
    await user.click(screen.getByRole("button", { name: "Skriv bladet Måluppfyllelse" }));
    await waitFor(() => expect(screen.getByTestId("review-error")).toBeTruthy());
    expect(screen.getByTestId("review-error").textContent).toContain('"juni" är ingen månad');

    port.sheet("Sales")!.rows[2][0] = "Namn";
    await user.clear(through);
    await user.type(through, "2025-06");
    await user.click(screen.getByRole("button", { name: "Skriv bladet Måluppfyllelse" }));
    await waitFor(() => expect(screen.getByTestId("review-error").textContent).toContain('Planens kolumn "Säljare" finns inte längre på bladet "Sales". Kolumner där: Namn, Datum, Amount, Units, COGS.'));
    expect(port.sheet("Måluppfyllelse")).toBeUndefined();

    port.sheet("Sales")!.rows[2][0] = "Säljare";
    await user.click(screen.getByRole("button", { name: "Skriv bladet Måluppfyllelse" }));
    await waitFor(() => expect(screen.getByTestId("review-done")).toBeTruthy());
    expect(port.sheet("Måluppfyllelse")).toBeTruthy();
    expect(screen.getByTestId("review-at-or-above").textContent).toContain("(55–70 % är sunt)");
    expect(screen.getByTestId("review-download").textContent).toBe("Ladda ned sales-uppföljning.xlsx");
  });

  test.each([true, false])("in Swedish over an English Attainment sheet (the add-in's own: %s): the add-in's own is replaced where it is, as `quota review` does", async (ours) => {
    const port = await planPort("excel");
    port.sheets.push({ name: "Attainment", rows: [["stale"]] });
    if (ours) port.ours.add("Attainment");
    const { user } = renderWizard(excelHost(port), "sv");
    const through = (await screen.findByTestId("review-through", {}, { timeout: 10_000 })) as HTMLInputElement;
    await waitFor(() => expect(through.value).toBe("2025-06"));
    await user.click(screen.getByRole("button", { name: "Skriv bladet Måluppfyllelse" }));
    await waitFor(() => expect(screen.getByTestId("review-done")).toBeTruthy());
    const written = ours ? "Attainment" : "Måluppfyllelse";
    expect(screen.getByTestId("review-done").textContent).toContain(`"${written}"`);
    expect(port.sheets.map((s) => s.name)).toEqual(ours ? ["Sales", "SalesQuota_Plan", "Attainment"] : ["Sales", "SalesQuota_Plan", "Attainment", "Måluppfyllelse"]);
    // Swedish content in the sheet written; a user's own "Attainment" is left as it was.
    expect(JSON.stringify(port.sheet(written)!.rows)).toContain("Säljare");
    if (!ours) expect(port.sheet("Attainment")!.rows).toEqual([["stale"]]);
  });

  test.each([
    ["en", "Write the Attainment sheet", 'The plan was made from sheet "Sales", which this workbook no longer has. Make the plan again, or bring the sheet back.'],
    ["sv", "Skriv bladet Måluppfyllelse", 'Planen gjordes från bladet "Sales", som arbetsboken inte längre har. Gör planen igen, eller ta tillbaka bladet.'],
  ] as const)("a missing source sheet is told without the command's hint in the pane (%s); the command keeps it", async (locale, button, text) => {
    const port = await planPort("excel");
    port.sheets.splice(port.sheets.findIndex((s) => s.name === "Sales"), 1);
    port.sheets.push({ name: "Other", rows: [["Rep", "Date", "Amount"], ["Olle", new Date(Date.UTC(2025, 1, 3)), 100]] });
    const { user } = renderWizard(excelHost(port), locale);
    const through = (await screen.findByTestId("review-through", {}, { timeout: 10_000 })) as HTMLInputElement;
    await user.clear(through);
    await user.type(through, "2025-06");
    await user.click(screen.getByRole("button", { name: button }));
    await waitFor(() => expect(screen.getByTestId("review-error")).toBeTruthy());
    const shown = screen.getByTestId("review-error").textContent ?? "";
    expect(shown).toContain(text);
    expect(shown).not.toContain("quota review");
    // The command's wording (the same catalog) keeps its hint.
    expect(new StoredSourceError("sourceSheetMissing", { sheet: "Sales" }).messageIn(locale)).toMatch(/\(quota review --actuals\)\.$/);
  });
});
