/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { FakePort, salesRows } from "./fakePort";
import { browserHost, excelHost, openSalesFile, renderWizard, select } from "./helpers";
import { parseStoredPlan, STORED_PLAN_SHEET } from "../../src/plan/stored";
import { lettersSheetName } from "../../src/plan/lettersSheet";

async function toMethod(extra: { name: string; rows: unknown[][]; ours: boolean }[] = []) {
  const port = new FakePort([{ name: "Sales", rows: salesRows() }, ...extra.map((x) => ({ name: x.name, rows: x.rows as never[][] }))], { kind: "excel" });
  for (const x of extra) if (x.ours) port.ours.add(x.name);
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

  test.each([
    [true, "Kvotbrev", ["Sales", "Kvotbrev", "Quotas", STORED_PLAN_SHEET]],
    [false, "Letters", ["Sales", "Kvotbrev", "Quotas", STORED_PLAN_SHEET, "Letters"]],
  ])("a rerun in the other language: the add-in's own letters sheet (%s) is replaced where it is, as the command does", async (ours, written, sheets) => {
    const { user, port, next } = await toMethod([{ name: "Kvotbrev", rows: [["stale"]], ours }]);
    await next();
    await next();
    await user.click(screen.getByTestId("write-letters"));
    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());
    expect(port.applied.map((p) => p.sheet)).toEqual(["Quotas", STORED_PLAN_SHEET, written]);
    expect(port.sheets.map((s) => s.name)).toEqual(sheets);
    // The letters are in English (the wizard's language), wherever they are written; a user's sheet is kept.
    expect(JSON.stringify(port.sheet(written)!.rows)).toContain("Anna");
    expect(port.sheet("Kvotbrev")!.rows).toEqual(ours ? port.sheet(written)!.rows : [["stale"]]);
  });

  test("an uplift of 10 (no %) is refused on its field, as the command refuses --uplift 10", async () => {
    const { user } = await toMethod();
    await user.clear(screen.getByTestId("uplift"));
    await user.type(screen.getByTestId("uplift"), "10");
    await user.tab();
    expect(screen.getByText("Enter the uplift as a percentage such as 10% or a decimal such as 0.1, of 0 or more.")).toBeTruthy();
  });
});

describe("locks in the preview (as the command's --lock)", () => {
  test("editing a quota locks it, the others re-split to the same total; marked, unlockable, written like --lock", async () => {
    const { user, port, next } = await toMethod();
    await next();
    const table = screen.getByTestId("preview-table");
    const quotaCells = () => Array.from(table.querySelectorAll<HTMLElement>("tbody td[data-column=quota]"));
    const quotas = () => quotaCells().map((c) => c.firstChild?.textContent ?? "");
    expect(quotas()).toEqual(["5,000", "5,000", "5,000", "2,500", "2,500"]);
    await user.click(screen.getByRole("button", { name: "Edit the quota of Anna (locks it)" }));
    const field = screen.getByRole("textbox", { name: "Quota of Anna" });
    await user.clear(field);
    await user.type(field, "8,000{Enter}");
    // Anna keeps 8,000; the other four share 12,000 by their history (2:2:1:1).
    expect(quotas()).toEqual(["8,000", "4,000", "4,000", "2,000", "2,000"]);
    expect(screen.getByTestId("total-quota").textContent).toBe("20,000");
    const anna = within(table).getAllByRole("rowheader")[0];
    expect(anna.textContent).toContain("Locked");
    expect(screen.getByTestId("locks-summary").textContent).toBe("1 locked, 8,000 in all; the others share 12,000.");
    // Focus returns to the row's Edit button (keyboard users stay where they were).
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Edit the quota of Anna (locks it)" }));

    // Too much: the engine's message names the rep; the table stays so the lock can be changed.
    await user.click(screen.getByRole("button", { name: "Edit the quota of Anna (locks it)" }));
    await user.clear(screen.getByRole("textbox", { name: "Quota of Anna" }));
    await user.type(screen.getByRole("textbox", { name: "Quota of Anna" }), "25000{Enter}");
    expect(screen.getByTestId("lock-error").textContent).toBe("The fixed quotas add up to 25,000, more than the plan total 20,000: Anna. Lower them or raise the target.");
    expect((screen.getByTestId("next") as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole("button", { name: "Edit the quota of Anna (locks it)" }));
    await user.clear(screen.getByRole("textbox", { name: "Quota of Anna" }));
    await user.type(screen.getByRole("textbox", { name: "Quota of Anna" }), "abc{Enter}");
    expect(screen.getByTestId("lock-error").textContent).toBe("The lock for Anna must be an amount of 0 or more (got abc).");
    await user.click(screen.getByRole("button", { name: "Edit the quota of Anna (locks it)" }));
    await user.clear(screen.getByRole("textbox", { name: "Quota of Anna" }));
    await user.type(screen.getByRole("textbox", { name: "Quota of Anna" }), "8000{Enter}");
    // Lock David too, then unlock him from the list.
    await user.click(screen.getByRole("button", { name: "Edit the quota of David (locks it)" }));
    await user.clear(screen.getByRole("textbox", { name: "Quota of David" }));
    await user.type(screen.getByRole("textbox", { name: "Quota of David" }), "1000{Enter}");
    expect(quotas()).toEqual(["8,000", "4,400", "4,400", "1,000", "2,200"]);
    await user.click(within(screen.getByTestId("locks")).getByRole("button", { name: "Unlock David" }));
    expect(quotas()).toEqual(["8,000", "4,000", "4,000", "2,000", "2,000"]);

    await next();
    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());
    const stored = parseStoredPlan(port.sheet(STORED_PLAN_SHEET)!.rows);
    expect(stored.params.locks).toEqual([{ rep: "Anna", amount: 8000 }]);
    expect(stored.schedule).toBe(true);
    expect(stored.result.rows.map((r) => [r.rep, r.quota, r.locked])).toEqual([
      ["Anna", 8000, true],
      ["Bertil", 4000, false],
      ["Cecilia", 4000, false],
      ["David", 2000, false],
      ["Erik", 2000, false],
    ]);
    const sheet = JSON.stringify(port.sheet("Quotas")!.rows);
    expect(sheet).toContain("locked");
    expect(sheet).toContain("Anna");
  });
});

describe("a team column and a roster sheet (as the command's --team and --roster)", () => {
  function teamRows(): unknown[][] {
    return [
      ["Rep", "Date", "Amount", "Manager"],
      ["Anna", new Date(Date.UTC(2025, 0, 15)), 2000, "Lena"],
      ["Bertil", new Date(Date.UTC(2025, 1, 3)), 2000, "Lena"],
      ["Cecilia", new Date(Date.UTC(2025, 3, 20)), 1000, "Olof"],
      ["David", new Date(Date.UTC(2025, 4, 1)), 1000, "Olof"],
    ];
  }

  async function open(rows: unknown[][], extra: { name: string; rows: unknown[][] }[] = [], ready = "row-stats") {
    const port = new FakePort([{ name: "Sales", rows: rows as never }, ...(extra as never[])], { kind: "excel" });
    const r = renderWizard(excelHost(port), "en");
    await waitFor(() => expect(screen.getByTestId(ready)).toBeTruthy());
    return { ...r, port, next: () => r.user.click(screen.getByRole("button", { name: "Next" })) };
  }

  test("the team column is suggested as detected, gives team subtotals and is written like --team", async () => {
    const { user, port, next } = await open(teamRows());
    expect(select("map-team").value).toBe("4");
    await next();
    await user.type(screen.getByTestId("target"), "12000");
    await next();
    const teams = screen.getByTestId("team-table");
    expect(within(teams).getAllByRole("rowheader").map((c) => c.textContent)).toEqual(["Lena", "Olof", "Total"]);
    expect(screen.getByTestId("team-total").textContent).toBe("12,000");
    expect(within(teams).getAllByRole("row")[1].textContent).toContain("8,000");
    await next();
    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());
    const stored = parseStoredPlan(port.sheet(STORED_PLAN_SHEET)!.rows);
    expect(stored.source.columns.team).toBe("Manager");
    expect(stored.result.rows.map((r) => [r.rep, r.team])).toEqual([
      ["Anna", "Lena"],
      ["Bertil", "Lena"],
      ["Cecilia", "Olof"],
      ["David", "Olof"],
    ]);
    const sheet = port.sheet("Quotas")!.rows;
    expect(sheet[0]).toContain("Team");
    expect(JSON.stringify(sheet)).toContain("Quotas by team");
  });

  test("no team column found: none by default; a rep in two teams is refused naming both cells", async () => {
    const rows = teamRows().map((r) => r.slice(0, 3).concat([r[0] === "Rep" ? "Notes" : r[0] === "David" ? "x" : "y"]));
    const first = await open(rows);
    expect(select("map-team").value).toBe("");
    first.unmount();
    const twice = teamRows();
    twice.push(["Anna", new Date(Date.UTC(2025, 5, 1)), 10, "Olof"]);
    const { user } = await open(twice, [], "map-team");
    await waitFor(() => expect(screen.queryAllByRole("alert").length).toBeGreaterThan(0));
    const alert = screen.getAllByRole("alert").map((a) => a.textContent).join(" ");
    expect(alert).toContain("Sales!D2");
    expect(alert).toContain("Sales!D6");
    await user.selectOptions(select("map-team"), "");
    await waitFor(() => expect(screen.getByTestId("row-stats")).toBeTruthy());
    expect(screen.queryAllByRole("alert")).toEqual([]);
  });

  test("a roster sheet: new hires in the preview marked as ramped, errors name the cell, recorded like --roster", async () => {
    const roster = [
      ["Rep", "Start", "Ramp", "Full"],
      ["Nina", "2026-03-01", "50%", 1000],
    ];
    const bad = [
      ["Rep", "Start"],
      ["Nina", "soon"],
    ];
    const { user, port, next } = await open(teamRows(), [
      { name: "Staff", rows: roster },
      { name: "Broken", rows: bad },
    ]);
    await user.selectOptions(select("map-team"), "");
    await next();
    await user.type(screen.getByTestId("target"), "20000");
    await user.type(screen.getByTestId("start"), "2026-01");
    expect(Array.from(select("roster").options).map((o) => o.value)).toEqual(["", "Staff", "Broken"]);
    await user.selectOptions(select("roster"), "Broken");
    await waitFor(() => expect(screen.getByTestId("roster-error").textContent).toContain("Broken!B2"));
    await user.selectOptions(select("roster"), "Staff");
    await waitFor(() => expect(screen.getByTestId("roster-status").textContent).toBe("1 rep on the roster."));
    await next();
    const names = within(screen.getByTestId("preview-table")).getAllByRole("rowheader").map((c) => c.textContent);
    expect(names[4]).toContain("Nina");
    expect(names[4]).toContain("New hire (ramped)");
    // Nina: 500 in March (50 %), then 1,000 a month to December; the others share the rest.
    const quota = screen.getByTestId("preview-table").querySelectorAll<HTMLElement>("tbody td[data-column=quota]")[4];
    expect(quota.firstChild?.textContent).toBe("9,500");
    expect(screen.getByTestId("total-quota").textContent).toBe("20,000");
    await next();
    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());
    const stored = parseStoredPlan(port.sheet(STORED_PLAN_SHEET)!.rows);
    expect(stored.source.roster).toBe("Staff");
    expect(stored.params.roster!.map((e) => e.rep)).toEqual(["Nina"]);
    expect(JSON.stringify(port.sheet("Quotas")!.rows)).toContain("Staff");
  });
});

describe("custom weights (as the command's --phasing W,W,…)", () => {
  test("one weight per period, read as --phasing reads them; a wrong count is named", async () => {
    const { user, port, next } = await toMethod();
    await user.clear(screen.getByTestId("periods"));
    await user.type(screen.getByTestId("periods"), "4");
    await user.selectOptions(select("phasing"), "pattern");
    await user.type(screen.getByTestId("weights"), "1,1,1");
    await user.tab();
    expect(screen.getByText("3 weights given, but the plan has 4 periods: give one weight per period.")).toBeTruthy();
    await user.type(screen.getByTestId("weights"), ";2");
    await user.tab();
    expect(screen.queryByText(/weights given/)).toBeNull();
    await next();
    // 20,000 by 1:1:1:2 over four quarters.
    expect(scheduleTotals()).toEqual(["4,000", "4,000", "4,000", "8,000", "20,000"]);
    await next();
    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());
    const stored = parseStoredPlan(port.sheet(STORED_PLAN_SHEET)!.rows);
    expect(stored.params.phasing).toEqual({ kind: "pattern", weights: [1, 1, 1, 2] });
    expect(stored.schedule).toBe(true);
  });
});

describe("locks follow the source", () => {
  test("choosing another sheet drops the locks of reps no longer present, and keeps the others", async () => {
    const other = salesRows().map((r, i) => (i > 2 && r[0] !== null && String(r[0]).trim().toLowerCase() === "anna" ? ["Greta", ...r.slice(1)] : r));
    const port = new FakePort(
      [
        { name: "Sales", rows: salesRows() },
        { name: "Sales 2", rows: other },
      ],
      { kind: "xlsx" },
    );
    const r = renderWizard(browserHost(port), "en");
    await openSalesFile(r.user);
    const next = () => r.user.click(screen.getByRole("button", { name: "Next" }));
    await next();
    await r.user.type(screen.getByTestId("target"), "20000");
    await next();
    for (const rep of ["Anna", "Bertil"]) {
      await r.user.click(screen.getByRole("button", { name: `Edit the quota of ${rep} (locks it)` }));
      await r.user.clear(screen.getByRole("textbox", { name: `Quota of ${rep}` }));
      await r.user.type(screen.getByRole("textbox", { name: `Quota of ${rep}` }), "3000{Enter}");
    }
    expect(within(screen.getByTestId("locks")).getAllByTestId("lock-item").map((li) => li.firstChild?.textContent)).toEqual(["Anna", "Bertil"]);
    await r.user.click(screen.getByRole("button", { name: "Back" }));
    await r.user.click(screen.getByRole("button", { name: "Back" }));
    await r.user.selectOptions(select("sheet-select"), "Sales 2");
    await waitFor(() => expect(screen.getByTestId("detected").textContent).toContain("Sales 2"));
    await waitFor(() => expect(screen.getByTestId("row-stats")).toBeTruthy());
    await next();
    await next();
    expect(within(screen.getByTestId("locks")).getAllByTestId("lock-item").map((li) => li.firstChild?.textContent)).toEqual(["Bertil"]);
  });
});
