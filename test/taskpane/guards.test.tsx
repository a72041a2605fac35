/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import type { CellValue } from "../../src/workbook/port";
import { FakePort } from "./fakePort";
import { browserHost, openSalesFile, renderWizard, salesPort, select } from "./helpers";

jest.setTimeout(30_000);

const day = (m: number, d = 5) => new Date(Date.UTC(2025, m, d));

async function open(rows: CellValue[][], name = "Orders", locale: "en" | "sv" = "en") {
  const r = renderWizard(browserHost(new FakePort([{ name, rows }])), locale);
  await r.user.upload(screen.getByTestId("file-input") as HTMLInputElement, new File(["x"], "orders.xlsx"));
  await waitFor(() => expect(screen.getByTestId("row-stats")).toBeTruthy());
  return r;
}

const next = (user: { click(e: Element): Promise<void> }, locale: "en" | "sv" = "en") => user.click(screen.getByRole("button", { name: locale === "sv" ? "Nästa" : "Next" }));

/** Superstore-like orders: a row number, a postal code, calendar columns, a Profit column. */
function superstoreRows(): CellValue[][] {
  const rows: CellValue[][] = [["Row ID", "Order Date", "Postal Code", "Region", "Sales", "Discount", "Profit", "Month Number", "Year", "Shipping Cost"]];
  const regions = ["South", "West", "East"];
  for (let i = 0; i < 9; i++) rows.push([i + 1, day(i % 12), 42420 + i, regions[i % 3], 100 * (i + 1), i % 2 ? 0.2 : 0, 10 * (i + 1), (i % 12) + 1, 2025, 5]);
  return rows;
}

describe("guard rails: profit", () => {
  test("profit with no cost column ticked is refused with the command's message, naming the sheet and column", async () => {
    const { user } = await renderAndOpenSales();
    const costs = screen.getByRole("group", { name: "Costs (subtracted for profit)" });
    await user.click(within(costs).getByRole("checkbox", { name: "COGS" }));
    await next(user);
    await user.click(screen.getByRole("radio", { name: /Profit: by revenue minus costs/ }));
    await user.type(screen.getByTestId("target"), "10000");
    expect(screen.getByTestId("checks").textContent).toContain(
      'Profit is revenue minus costs, and no cost column is chosen for sheet "Sales", so the profit would be the revenue of column "Amount".',
    );
    await next(user);
    expect(screen.getByRole("heading", { level: 2, name: "Method and parameters" })).toBeTruthy();
    // Ticking the cost again (step 1) lets the plan through.
    await user.click(screen.getByRole("button", { name: "Back" }));
    await user.click(within(screen.getByRole("group", { name: "Costs (subtracted for profit)" })).getByRole("checkbox", { name: "COGS" }));
    await next(user);
    expect(screen.queryByText(/Profit is revenue minus costs/)).toBeNull();
  });

  test("cost suggestions are money columns only; a ready-made Profit column is used as it is", async () => {
    const { user } = await open(superstoreRows());
    const costs = screen.getByRole("group", { name: "Costs (subtracted for profit)" });
    // No Row ID, Postal Code, Discount rate, Month Number, Year, nor the Profit column itself.
    expect(within(costs).getAllByRole("checkbox").map((c) => (c as HTMLInputElement).labels?.[0]?.textContent)).toEqual(["Shipping Cost"]);
    await user.click(within(costs).getByRole("checkbox", { name: "Shipping Cost" })); // untick
    await next(user);
    await user.click(screen.getByRole("radio", { name: /Profit: by revenue minus costs/ }));
    const column = screen.getByRole("radio", { name: "This profit column as it is: Profit" }) as HTMLInputElement;
    expect(column.checked).toBe(true);
    await user.type(screen.getByTestId("target"), "900");
    await next(user);
    const table = screen.getByTestId("preview-table");
    expect(within(table).getAllByRole("columnheader")[1].textContent).toBe("Profit history");
    // South: rows 1, 4, 7 → 10 + 40 + 70 profit (not 1,200 of sales).
    expect(within(table).getAllByRole("row")[1].textContent).toContain("120");
    expect(within(table).getAllByRole("row")[1].textContent).not.toContain("1,200");
  });
});

describe("guard rails: target and review periods", () => {
  test('English "1,5" is refused like the command does; 0 is refused; blank periods are refused', async () => {
    const { user } = await renderAndOpenSales();
    await next(user);
    await user.type(screen.getByTestId("target"), "1,5");
    await user.tab();
    expect(screen.getByText(`Enter the target as a number up to 10^15 (Excel's 15 digits), for example 1,500,000 or 1500000.50. A comma only groups thousands, so "1,5" is not read as 1.5.`)).toBeTruthy();
    expect(screen.queryByTestId("realism-ok")).toBeNull();
    await user.clear(screen.getByTestId("target"));
    await user.type(screen.getByTestId("target"), "0");
    expect(screen.getByText("The target must be more than 0: a target of 0 gives every rep a quota of 0.")).toBeTruthy();
    expect(screen.queryByTestId("realism-ok")).toBeNull();
    await user.clear(screen.getByTestId("target"));
    await user.type(screen.getByTestId("target"), "10000");
    await user.clear(screen.getByTestId("periods"));
    await user.tab();
    expect(screen.getByText("Enter the review periods: a whole number of at least 1 (12 for monthly, 1 for the whole time frame).")).toBeTruthy();
    await next(user);
    expect(screen.getByRole("heading", { level: 2, name: "Method and parameters" })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId("periods"));
  });

  test("in Swedish 1,5 is one and a half, and 0 is refused in Swedish", async () => {
    const r = renderWizard(browserHost(salesPort()), "sv");
    await openSalesFile(r.user);
    await next(r.user, "sv");
    await r.user.type(screen.getByTestId("target"), "0");
    await r.user.tab();
    expect(screen.getByText("Målet måste vara större än 0: ett mål på 0 ger varje säljare kvoten 0.")).toBeTruthy();
    await r.user.clear(screen.getByTestId("target"));
    await r.user.type(screen.getByTestId("target"), "10 000,5");
    await waitFor(() => expect(screen.getByTestId("realism-ok").textContent).toContain("Mål: 10\u00a0000,5"));
  });
});

describe("guard rails: forecast realism", () => {
  test("a trend far above the asked growth is rated and the rep named", async () => {
    const rows: CellValue[][] = [["Rep", "Date", "Amount"]];
    // Anna climbs steeply through the year; Bo sells the same every month.
    for (let m = 0; m < 12; m++) {
      rows.push(["Anna", day(m), 100 + 100 * m]);
      rows.push(["Bo", day(m), 1000]);
    }
    const { user } = await open(rows);
    await next(user);
    await user.click(screen.getByRole("radio", { name: /Forecast/ }));
    await user.clear(screen.getByTestId("growth"));
    await user.type(screen.getByTestId("growth"), "30");
    await user.selectOptions(screen.getByRole("combobox", { name: /Forecast from/ }), "trend");
    const checks = screen.getByTestId("checks");
    // Anna: 7,800 in the year; the trend carried on 12 months gives 22,200 × 1.3 = 28,860 (+270 %).
    expect(within(checks).getByTestId("forecast-outliers").textContent).toBe(
      "Forecast growth far from the +30% asked for: Anna (+270%). Check these reps' months, or forecast from the last result.",
    );
    expect(within(checks).getByTestId("forecast-unrealistic").textContent).toContain("History in the time frame: 19,800. Forecast total: 44,460. Growth: +124.5% (asked: +30%).");
    // The last result grows every rep by exactly the asked 30 %: achievable, nobody named.
    await user.selectOptions(screen.getByRole("combobox", { name: /Forecast from/ }), "last");
    expect(within(checks).getByTestId("forecast-ok").textContent).toContain("Forecast total: 25,740. Growth: +30% (asked: +30%).");
    expect(within(checks).queryByTestId("forecast-outliers")).toBeNull();
    // The monthly average over a history that covers the whole time frame gives the same: the hint says so.
    await user.selectOptions(screen.getByRole("combobox", { name: /Forecast from/ }), "average");
    expect(within(checks).getByTestId("forecast-ok").textContent).toContain("Forecast total: 25,740.");
    expect(screen.getByText(/When a rep sold from the first month, this equals the last result/)).toBeTruthy();
  });
});

describe("guard rails: the source step", () => {
  test("rows after a blank row are reported, as the command reports them", async () => {
    const rows: CellValue[][] = [["Rep", "Amount"], ["Anna", 100], ["Bo", 50], [null, null], ["Cilla", 70], ["Dan", 20]];
    await open(rows, "Data");
    expect(screen.getByTestId("rows-below").textContent).toBe(
      "The table ends at row 3, where a blank row follows; 2 more rows from row 5 down are left out. Delete the blank row to include them.",
    );
  });

  test("after choosing a file, keyboard focus is on the sheet picker, not the page", async () => {
    const { user } = await renderAndOpenSales();
    await waitFor(() => expect(document.activeElement).toBe(select("sheet-select")));
    expect(document.activeElement).not.toBe(document.body);
    void user;
  });
});

async function renderAndOpenSales() {
  const r = renderWizard(browserHost(salesPort()));
  await openSalesFile(r.user);
  return r;
}
