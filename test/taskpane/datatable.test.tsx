/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { DataTable, type DataColumn } from "../../src/taskpane/DataTable";
import { formatCompact } from "../../src/taskpane/format";
import { sortRows } from "../../src/taskpane/steps/PreviewStep";
import type { CellValue } from "../../src/workbook/port";
import { FakePort } from "./fakePort";
import { browserHost, renderWizard } from "./helpers";

jest.setTimeout(60_000);

interface Row {
  name: string;
  amount: number;
}

const columns: DataColumn<Row>[] = [
  { id: "name", header: "Rep", text: (r) => r.name },
  { id: "amount", header: "Quota", numeric: true, text: (r) => r.amount.toLocaleString("en-US"), compact: (r) => formatCompact(r.amount, "en") },
];

describe("compact numbers", () => {
  test("large amounts in a few characters, in English and Swedish; small ones in full", () => {
    expect([12_345_678, 123_456_789, 1_234_567, 9_999].map((x) => formatCompact(x, "en"))).toEqual(["12.3M", "123M", "1.23M", "9,999"]);
    expect([12_345_678, 123_456_789].map((x) => formatCompact(x, "sv"))).toEqual(["12,3\u00a0mn", "123\u00a0mn"]);
  });
});

describe("DataTable", () => {
  test("compact cells keep the full value in the title and for screen readers; arrows move focus and show it", async () => {
    const user = userEvent.setup();
    render(
      <FluentProvider theme={webLightTheme}>
        <DataTable columns={columns} rows={[{ name: "Anna", amount: 12_345_678 }, { name: "Bo", amount: 250_000_000 }]} rowKey={(r) => r.name} caption="Quotas" label="Quota table" testId="t" compact />
      </FluentProvider>,
    );
    const cell = screen.getByTitle("12,345,678");
    expect(cell.querySelector("[data-compact]")!.textContent).toBe("12.3M");
    expect(cell.querySelector("[data-compact]")!.getAttribute("aria-hidden")).toBe("true");
    expect(cell.textContent).toBe("12.3M12,345,678");
    // One tab stop for the cells: the first rep; arrows go on from there.
    const first = screen.getByRole("rowheader", { name: "Anna" });
    expect(first.getAttribute("tabindex")).toBe("0");
    first.focus();
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(cell);
    expect(screen.getByTestId("t-detail").textContent).toBe("Anna, Quota: 12,345,678");
    await user.keyboard("{ArrowDown}");
    expect(screen.getByTestId("t-detail").textContent).toBe("Bo, Quota: 250,000,000");
    expect(document.activeElement!.getAttribute("tabindex")).toBe("0");
    expect(cell.getAttribute("tabindex")).toBe("-1");
  });
});

describe("preview with many reps: search and sort", () => {
  test("sortRows keeps the sheet's order on ties", () => {
    const rows = [
      { rep: "b", history: 1, share: 0, quota: 5, periodQuota: 0 },
      { rep: "A", history: 3, share: 0, quota: 5, periodQuota: 0 },
      { rep: "c", history: 2, share: 0, quota: 9, periodQuota: 0 },
    ];
    expect(sortRows(rows, "quota", "en").map((r) => r.rep)).toEqual(["c", "b", "A"]);
    expect(sortRows(rows, "history", "en").map((r) => r.rep)).toEqual(["A", "c", "b"]);
    expect(sortRows(rows, "name", "en").map((r) => r.rep)).toEqual(["A", "b", "c"]);
    expect(sortRows(rows, "sheet", "en").map((r) => r.rep)).toEqual(["b", "A", "c"]);
  });

  test("200 reps: all rows shown, a name filter and a quota order; the totals stay those of all reps", async () => {
    const rows: CellValue[][] = [["Rep", "Amount"]];
    for (let i = 0; i < 200; i++) rows.push([`Rep ${String(i + 1).padStart(3, "0")}`, 1000 + i]);
    const { user } = renderWizard(browserHost(new FakePort([{ name: "Sales", rows }])));
    await user.upload(screen.getByTestId("file-input") as HTMLInputElement, new File(["x"], "many.xlsx"));
    await waitFor(() => expect(screen.getByTestId("row-stats")).toBeTruthy());
    await user.click(screen.getByRole("button", { name: "Next" }));
    await user.type(screen.getByTestId("target"), "1000000");
    await user.click(screen.getByRole("button", { name: "Next" }));
    const table = screen.getByTestId("preview-table");
    expect(within(table).getAllByRole("row")).toHaveLength(202);
    expect(screen.getByTestId("rep-count").textContent).toBe("Showing 200 of 200 reps.");
    await user.type(screen.getByLabelText("Find a rep"), "rep 01");
    await waitFor(() => expect(screen.getByTestId("rep-count").textContent).toBe("Showing 10 of 200 reps."));
    // The rep cell repeats the share for narrow panes: the name comes first.
    expect(within(table).getAllByRole("rowheader").slice(0, 2).map((h) => h.textContent!.replace(/Share.*$/, ""))).toEqual(["Rep 010", "Rep 011"]);
    await user.clear(screen.getByLabelText("Find a rep"));
    await user.type(screen.getByLabelText("Find a rep"), "nobody");
    await waitFor(() => expect(screen.getByTestId("rep-count").textContent).toBe('No rep matches "nobody".'));
    await user.clear(screen.getByLabelText("Find a rep"));
    await user.selectOptions(screen.getByLabelText("Sort by"), "quota");
    await waitFor(() => expect(within(table).getAllByRole("rowheader")[0].textContent).toMatch(/^Rep 200Share/));
    expect(within(table).getByRole("columnheader", { name: "Quota" }).getAttribute("aria-sort")).toBe("descending");
    expect(screen.getByTestId("totals-row").textContent).toContain("Total (all 200 reps)");
    expect(screen.getByTestId("total-quota").textContent).toBe("1,000,000");
  });
});
