/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { FileProblem } from "../../src/workbook/file-errors";
import { FakePort } from "./fakePort";
import { browserHost, excelHost, openSalesFile, renderWizard, salesPort, select } from "./helpers";

describe("step 1, source: in a browser", () => {
  test("opens a file, finds the sales sheet and its header below the title rows, suggests the columns", async () => {
    const port = salesPort();
    const host = browserHost(port);
    const { user } = renderWizard(host);
    expect(screen.getByRole("heading", { level: 2, name: "Choose the sales data" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Next" }).hasAttribute("disabled")).toBe(true);

    await openSalesFile(user);
    expect(host.opened).toHaveLength(1);
    // "Notes" has no sales table, so the wizard picks "Sales".
    expect(select("sheet-select").value).toBe("Sales");
    expect(screen.getByTestId("detected").textContent).toBe("Found a table in Sales!A1:E10: header in row 3, data in rows 4–10.");
    expect(select("map-rep").selectedOptions[0].textContent).toBe("A: Säljare");
    expect(select("map-amount").selectedOptions[0].textContent).toBe("C: Amount");
    expect(select("map-date").selectedOptions[0].textContent).toBe("B: Datum");
    // Two spellings of Anna are one rep: 5 reps from 7 rows.
    expect(screen.getByTestId("row-stats").textContent).toBe("Rows read: 7; used: 7; skipped: 0. Reps: 5.");
    expect(screen.getByRole("button", { name: "Next" }).hasAttribute("disabled")).toBe(false);
  });

  test("the user can change the mapping; without a rep column the wizard cannot go on", async () => {
    const { user } = renderWizard(browserHost(salesPort()));
    await openSalesFile(user);
    await user.selectOptions(select("map-rep"), "");
    expect(screen.getByText("Choose the rep column.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Next" }).hasAttribute("disabled")).toBe(true);
    await user.selectOptions(select("map-rep"), "1");
    // Units instead of amount: still a usable history.
    await user.selectOptions(select("map-amount"), "");
    expect(select("map-units").value).toBe("4");
    expect(screen.getByRole("button", { name: "Next" }).hasAttribute("disabled")).toBe(false);
    // The cost list offers the columns not used for rep, amount or date.
    const costs = screen.getByRole("group", { name: "Costs (subtracted for profit)" });
    expect(within(costs).getAllByRole("checkbox").map((c) => (c as HTMLInputElement).labels?.[0]?.textContent)).toEqual(["Amount", "COGS"]);
    // COGS is suggested as a cost from its header; the user can take it out.
    const cogs = within(costs).getByRole("checkbox", { name: "COGS" }) as HTMLInputElement;
    expect(cogs.checked).toBe(true);
    await user.click(cogs);
    expect(cogs.checked).toBe(false);
  });

  test("an unreadable cell stops with a message naming it, unless the user skips such rows", async () => {
    const rows = [
      ["Rep", "Amount"],
      ["Anna", 100],
      ["Bo", "lots"],
      ["Cilla", 50],
      ["Anna", 10],
      ["Cilla", 20],
      ["Anna", 30],
    ];
    const port = new FakePort([{ name: "Data", rows }]);
    const { user } = renderWizard(browserHost(port));
    const input = screen.getByTestId("file-input") as HTMLInputElement;
    await user.upload(input, new File(["x"], "bad.xlsx"));
    await waitFor(() => expect(screen.getByTestId("rows-error")).toBeTruthy());
    const message = screen.getByTestId("rows-error").textContent ?? "";
    expect(message).toContain("B3");
    expect(message).toContain("lots");
    expect(screen.getByRole("button", { name: "Next" }).hasAttribute("disabled")).toBe(true);

    await user.click(screen.getByRole("checkbox", { name: /Skip rows with cells that cannot be read/ }));
    expect(screen.getByTestId("row-stats").textContent).toBe("Rows read: 6; used: 5; skipped: 1. Reps: 2.");
    const skipped = screen.getByTestId("skipped-list");
    expect(skipped.textContent).toContain("Data!B3");
    expect(screen.getByRole("button", { name: "Next" }).hasAttribute("disabled")).toBe(false);
  });

  test("a sheet without a sales table gives a clear message; another sheet can be chosen", async () => {
    const port = new FakePort([
      { name: "Sales", rows: [["Rep", "Amount"], ["Anna", 10]] },
      { name: "Notes", rows: [["just"], ["words"]] },
    ]);
    const { user } = renderWizard(browserHost(port));
    await user.upload(screen.getByTestId("file-input") as HTMLInputElement, new File(["x"], "two.xlsx"));
    await waitFor(() => expect(screen.getByTestId("row-stats")).toBeTruthy());
    await user.selectOptions(select("sheet-select"), "Notes");
    await waitFor(() => expect(screen.getByTestId("read-error")).toBeTruthy());
    expect(screen.getByTestId("read-error").textContent).toContain("No sales table was found in Notes!A1:A2");
    await user.selectOptions(select("sheet-select"), "Sales");
    await waitFor(() => expect(screen.getByTestId("row-stats").textContent).toContain("used: 1;"));
  });

  test("a file that is not a workbook gives a message naming it", async () => {
    const host = { kind: "browser" as const, openFile: async () => Promise.reject(new Error("End of data reached (data length = 3, asked index = 4)")) };
    const { user } = renderWizard(host);
    await user.upload(screen.getByTestId("file-input") as HTMLInputElement, new File(["abc"], "notes.xlsx"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain('"notes.xlsx" could not be opened as an Excel workbook (.xlsx): End of data reached'));
  });

  test("a file of another kind or a damaged one shows the reader's one line, in the page's language", async () => {
    const host = { kind: "browser" as const, openFile: async () => Promise.reject(new FileProblem("xls")) };
    const { user } = renderWizard(host, "sv");
    await user.upload(screen.getByTestId("file-input") as HTMLInputElement, new File(["abc"], "old.xlsx"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("Det här är en .xls-fil (Excel 97–2003): öppna den i Excel och spara den som .xlsx."));
  });

  test("reads big sheets in two passes: the head to find the header, then only the table's columns", async () => {
    const rows: unknown[][] = [["Rep", "Amount", null, "Region"]];
    for (let i = 0; i < 500; i++) rows.push([`Rep ${i % 7}`, i, null, "North"]);
    const port = new FakePort([{ name: "Big", rows: rows as never }]);
    const { user } = renderWizard(browserHost(port));
    await user.upload(screen.getByTestId("file-input") as HTMLInputElement, new File(["x"], "big.xlsx"));
    await waitFor(() => expect(screen.getByTestId("row-stats").textContent).toBe("Rows read: 500; used: 500; skipped: 0. Reps: 7."));
    const reads = port.calls.filter((c) => c.method === "read").map((c) => c.args);
    const full = reads[reads.length - 1];
    expect(full[0]).toEqual({ sheet: "Big", firstRow: 1, firstColumn: 1, lastRow: 501, lastColumn: 4 });
    expect(full[1]).toEqual([1, 2, 4]); // the blank column C is not read
  });
});

describe("step 1, source: in Excel", () => {
  const rows = [
    ["Rep", "Amount"],
    ["Anna", 100],
    ["Bo", 50],
  ];

  test("starts from the user's selection when one is made, and can re-read it", async () => {
    const port = new FakePort([{ name: "Data", rows }], { kind: "excel", selection: { sheet: "Data", firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2 } });
    const { user } = renderWizard(excelHost(port));
    await waitFor(() => expect(screen.getByTestId("row-stats").textContent).toBe("Rows read: 1; used: 1; skipped: 0. Reps: 1."));
    expect((screen.getByRole("radio", { name: "The selected range" }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText("Selected: Data!A1:B2")).toBeTruthy();
    port.selection = { sheet: "Data", firstRow: 1, firstColumn: 1, lastRow: 3, lastColumn: 2 };
    await user.click(screen.getByRole("button", { name: "Use the current selection" }));
    await waitFor(() => expect(screen.getByTestId("row-stats").textContent).toBe("Rows read: 2; used: 2; skipped: 0. Reps: 2."));
  });

  test("offers the workbook's tables and a sheet's used range", async () => {
    const port = new FakePort([{ name: "Data", rows }], {
      kind: "excel",
      tables: [{ name: "SalesTable", range: { sheet: "Data", firstRow: 1, firstColumn: 1, lastRow: 3, lastColumn: 2 }, hasHeaderRow: true, hasTotalsRow: false }],
      selection: { sheet: "Data", firstRow: 5, firstColumn: 5, lastRow: 5, lastColumn: 5 },
    });
    const { user } = renderWizard(excelHost(port));
    // One cell selected and a table present: the table is the natural source.
    await waitFor(() => expect((screen.getByRole("radio", { name: "An Excel table" }) as HTMLInputElement).checked).toBe(true));
    await waitFor(() => expect(screen.getByTestId("row-stats").textContent).toContain("used: 2;"));
    await user.click(screen.getByRole("radio", { name: "A sheet's used range" }));
    await waitFor(() => expect(select("sheet-select").value).toBe("Data"));
    await waitFor(() => expect(screen.getByTestId("row-stats").textContent).toContain("used: 2;"));
  });
});
