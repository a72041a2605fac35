/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { FakePort, salesRows } from "./fakePort";
import { excelHost, renderWizard, select } from "./helpers";
import { parseStoredPlan, STORED_PLAN_SHEET } from "../../src/plan/stored";
import { lettersSheetName } from "../../src/plan/lettersSheet";

async function toMethod() {
  const port = new FakePort([{ name: "Sales", rows: salesRows() }], { kind: "excel" });
  const r = renderWizard(excelHost(port), "en");
  const next = () => r.user.click(screen.getByRole("button", { name: "Next" }));
  await waitFor(() => expect(screen.getByTestId("row-stats")).toBeTruthy());
  await next();
  await r.user.click(screen.getByRole("radio", { name: "One year" }));
  await r.user.type(screen.getByTestId("target"), "20000");
  return { ...r, port, next };
}

function scheduleTotals(): string[] {
  if (!screen.queryByTestId("schedule-totals")) screen.getByTestId("schedule-toggle").click();
  const row = screen.getByTestId("schedule-totals");
  return within(row)
    .getAllByRole("cell")
    .map((c) => c.textContent ?? "");
}

describe("the wizard's year plan (as the quota command makes it)", () => {
  test("default: equal phasing from the month after the history; the stored plan and the annual Quotas table are written", async () => {
    const { user, port, next } = await toMethod();
    // The default first month is shown: the month after the last month of history (2025-06).
    expect((screen.getByTestId("start") as HTMLInputElement).placeholder).toBe("2025-07");
    await next();
    expect(scheduleTotals().slice(0, 3)).toEqual(["1,667", "1,667", "1,667"]);
    expect(scheduleTotals().at(-1)).toBe("20,000");
    await next();
    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());
    expect(port.applied.map((p) => p.sheet)).toEqual(["Quotas", STORED_PLAN_SHEET]);
    expect(port.applied[1].visibility).toBe("veryHidden");
    const stored = parseStoredPlan(port.sheet(STORED_PLAN_SHEET)!.rows);
    expect(stored.source).toMatchObject({ sheet: "Sales", headerRow: 3, filter: { year: 2025 }, columns: { rep: "Säljare", amount: "Amount", date: "Datum" } });
    expect(stored.params).toMatchObject({ method: "bottomup", target: 20000, periods: 12, start: "2025-07", uplift: 0, phasing: { kind: "equal" } });
    expect(stored.outputSheet).toBe("Quotas");
    expect(stored.schedule).toBe(false);
    expect(stored.result.rows.map((r) => [r.rep, r.quota])).toEqual([
      ["Anna", 5000],
      ["Bertil", 5000],
      ["Cecilia", 5000],
      ["David", 2500],
      ["Erik", 2500],
    ]);
    // Without year options the Quotas sheet keeps the annual table.
    expect(port.sheet("Quotas")!.rows[0].slice(0, 5)).toEqual(["Rep", "History", "Share", "Quota", "Quota per period"]);
  });

  test("team phasing, a first month and an uplift change the schedule; letters are written when ticked", async () => {
    const { user, port, next } = await toMethod();
    await user.selectOptions(select("phasing"), "team");
    await user.type(screen.getByTestId("start"), "2026-01");
    await user.clear(screen.getByTestId("uplift"));
    await user.type(screen.getByTestId("uplift"), "10%");
    await next();
    // The team's 2025 months (Jan 1,000, Feb 2,000, Mar 1,000, Apr 2,000, May 1,000, Jun 1,000) shape
    // Jan–Jun 2026; months without history take the average month. Target 20,000 + 10% = 22,000.
    const totals = scheduleTotals();
    expect(totals.slice(0, 12)).toEqual(["1,375", "2,750", "1,375", "2,750", "1,375", "1,375", "1,834", "1,834", "1,833", "1,833", "1,833", "1,833"]);
    expect(totals.at(-1)).toBe("22,000");
    await next();
    await user.click(screen.getByTestId("write-letters"));
    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());
    expect(port.applied.map((p) => p.sheet)).toEqual(["Quotas", STORED_PLAN_SHEET, lettersSheetName("en")]);
    const stored = parseStoredPlan(port.sheet(STORED_PLAN_SHEET)!.rows);
    expect(stored.params).toMatchObject({ start: "2026-01", uplift: 0.1, phasing: { kind: "team" } });
    expect(stored.schedule).toBe(true);
    expect(stored.result.planTotal).toBe(22000);
    const letters = JSON.stringify(port.sheet(lettersSheetName("en"))!.rows);
    for (const rep of ["Anna", "Bertil", "Cecilia", "David", "Erik"]) expect(letters).toContain(rep);
  });

  test("an uplift of 10 (no %) is refused on its field, as the command refuses --uplift 10", async () => {
    const { user } = await toMethod();
    await user.clear(screen.getByTestId("uplift"));
    await user.type(screen.getByTestId("uplift"), "10");
    await user.tab();
    expect(screen.getByText("Enter the uplift as a percentage such as 10% or a decimal such as 0.1, of 0 or more.")).toBeTruthy();
  });
});
