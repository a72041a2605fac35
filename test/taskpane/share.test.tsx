/** @jest-environment jsdom */
/** "Prepare for sharing" in the wizard: scan, confirm with the cells listed, freeze, report. */
import { act, screen, waitFor, within } from "@testing-library/react";
import { FakePort, salesRows } from "./fakePort";
import { browserHost, excelHost, openSalesFile, renderWizard } from "./helpers";

// Rendering the whole wizard in jsdom is slow on a busy machine; these are not timed assertions.
jest.setTimeout(30_000);

function planPort(kind: "excel" | "xlsx"): FakePort {
  const port = new FakePort(
    [
      { name: "Sales", rows: salesRows() },
      { name: "Plan", rows: [["Quota", "Ramp"], [10000, 2500], [10000, 5000]] },
    ],
    { kind },
  );
  const formulas = new Map<string, string>();
  for (let r = 2; r <= 12; r++) formulas.set(`A${r}`, `=SALES.QUOTA_TOPDOWN(600000,5,12)`);
  formulas.set("B2", "=ROUND(SALES.QUOTA_RAMP(A2,1),0)");
  formulas.set("C2", "=SUM(A2:B2)");
  formulas.set("D2", '="SALES.QUOTA_TOPDOWN(1,2)"');
  port.formulas.set("Plan", formulas);
  port.uncalculated.add("Plan!A12");
  return port;
}

describe("prepare for sharing", () => {
  test("in Excel: lists the cells, says it cannot be undone, freezes on confirmation and reports the count", async () => {
    const port = planPort("excel");
    const { user } = renderWizard(excelHost(port));
    await waitFor(() => expect(screen.getByTestId("row-stats")).toBeTruthy());
    const share = await screen.findByTestId("share"); // loaded with the first workbook
    expect(within(share).getByRole("heading", { name: "Share this workbook" })).toBeTruthy();

    await user.click(screen.getByTestId("share-start"));
    await waitFor(() => expect(screen.getByTestId("share-confirm")).toBeTruthy());
    const confirm = screen.getByTestId("share-confirm");
    expect(confirm.textContent).toContain("Replace 11 SALES formulas by their values?");
    const listed = within(screen.getByTestId("share-cells")).getAllByRole("listitem").map((li) => li.textContent);
    expect(listed).toEqual(["Plan!A2", "Plan!A3", "Plan!A4", "Plan!A5", "Plan!A6", "Plan!A7", "Plan!A8", "Plan!A9"]);
    expect(confirm.textContent).toContain("… and 3 more.");
    expect(confirm.textContent).toContain("This cannot be undone: Excel clears its undo history");
    expect(screen.getByTestId("share-uncalculated").textContent).toContain("(1): Plan!A12");
    // the dry run changed nothing
    expect(port.formulas.get("Plan")!.size).toBe(14);
    expect(document.activeElement).toBe(screen.getByTestId("share-confirm-button"));

    port.hold();
    await user.click(screen.getByTestId("share-confirm-button"));
    await waitFor(() => expect(screen.getByRole("progressbar", { name: "Replacing formulas by values…" })).toBeTruthy());
    await act(async () => port.release());
    await waitFor(() => expect(screen.getByTestId("share-done")).toBeTruthy());
    expect(screen.getByTestId("share-done").textContent).toBe("Replaced 11 SALES formulas by their values (Plan 11).");
    expect([...port.formulas.get("Plan")!.keys()].sort()).toEqual(["A12", "C2", "D2"]);
    expect(port.calls.filter((c) => c.method === "freezeFormulas").map((c) => c.args[0])).toEqual([true, false]);
    expect(screen.queryByTestId("share-download")).toBeNull();
  });

  test("cancel changes nothing; a workbook without SALES formulas says so (Swedish)", async () => {
    const port = planPort("excel");
    const { user } = renderWizard(excelHost(port), "sv");
    await waitFor(() => expect(screen.getByTestId("row-stats")).toBeTruthy());
    await user.click(await screen.findByRole("button", { name: "Förbered för delning…" }));
    await waitFor(() => expect(screen.getByTestId("share-confirm")).toBeTruthy());
    expect(screen.getByTestId("share-confirm").textContent).toContain("Det går inte att ångra");
    await user.click(screen.getByRole("button", { name: "Avbryt" }));
    expect(screen.queryByTestId("share-confirm")).toBeNull();
    expect(port.formulas.get("Plan")!.size).toBe(14);

    port.formulas.clear();
    await user.click(screen.getByTestId("share-start"));
    await waitFor(() => expect(screen.getByTestId("share-nothing")).toBeTruthy());
    expect(screen.getByTestId("share-nothing").textContent).toContain("Inget att frysa: ingen cell anropar en SALES-funktion.");
  });

  test("in a browser: the frozen copy is offered as <name>-shared.xlsx", async () => {
    const port = planPort("xlsx");
    const host = browserHost(port);
    const { user } = renderWizard(host);
    expect(screen.queryByTestId("share")).toBeNull(); // nothing to share before a file is open
    await openSalesFile(user, "plan.xlsx");
    await user.click(await screen.findByTestId("share-start"));
    await waitFor(() => expect(screen.getByTestId("share-confirm")).toBeTruthy());
    expect(screen.getByTestId("share-confirm").textContent).toContain("The file you opened stays as it was");
    await user.click(screen.getByTestId("share-confirm-button"));
    await waitFor(() => expect(screen.getByTestId("share-download")).toBeTruthy());
    expect(screen.getByTestId("share-download").textContent).toBe("Download plan-shared.xlsx");
  });
});
