/** @jest-environment jsdom */
import { act, screen, waitFor } from "@testing-library/react";
import { FakePort, salesRows } from "./fakePort";
import { browserHost, excelHost, openSalesFile, renderWizard } from "./helpers";
import type { Host } from "../../src/taskpane/host";

async function toWriteStep(port: FakePort, host: Host, locale: "en" | "sv" = "en") {
  const r = renderWizard(host, locale);
  const next = () => r.user.click(screen.getByRole("button", { name: locale === "sv" ? "Nästa" : "Next" }));
  if (host.kind === "browser") await openSalesFile(r.user);
  else await waitFor(() => expect(screen.getByTestId("row-stats")).toBeTruthy());
  await next();
  await r.user.click(screen.getByRole("radio", { name: locale === "sv" ? "Ett år" : "One year" }));
  await r.user.type(screen.getByTestId("target"), "20000");
  await next();
  await next();
  return r;
}

const salesSheets = () => [{ name: "Sales", rows: salesRows() }];

describe("step 4, write", () => {
  test("writes the Quotas sheet through the write plan, shows progress, then selects the result (Excel)", async () => {
    const port = new FakePort(salesSheets(), { kind: "excel" });
    const before = JSON.stringify(port.sheet("Sales")!.rows);
    const { user } = await toWriteStep(port, excelHost(port));
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 2, name: "Write the quotas" }));
    expect((screen.getByTestId("output-sheet") as HTMLInputElement).value).toBe("Quotas");

    port.hold();
    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByRole("progressbar", { name: "Writing…" })).toBeTruthy());
    expect(screen.getByTestId("write").hasAttribute("disabled")).toBe(true);
    await act(async () => port.release());
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());

    // The Quotas sheet, then the stored plan (very hidden), as the command writes them.
    expect(port.applied.map((p) => p.sheet)).toEqual(["Quotas", "SalesQuota_Plan"]);
    const plan = port.applied[0];
    expect(plan.sheet).toBe("Quotas");
    expect(plan.tables[0].columns.map((c) => c.totals)).toContainEqual({ function: "sum", value: 20000 });
    const quotas = port.sheet("Quotas")!.rows;
    expect(quotas[0].slice(0, 5)).toEqual(["Rep", "History", "Share", "Quota", "Quota per period"]);
    expect(quotas.slice(1, 6).map((r) => [r[0], r[3]])).toEqual([
      ["Anna", 5000],
      ["Bertil", 5000],
      ["Cecilia", 5000],
      ["David", 2500],
      ["Erik", 2500],
    ]);
    // The source sheet is untouched.
    expect(JSON.stringify(port.sheet("Sales")!.rows)).toBe(before);
    expect(screen.getByTestId("write-done").textContent).toContain("Done: the quotas are in Quotas!A1:E7. Reps: 5; the quotas add up to 20,000.");

    const reveal = screen.getByRole("button", { name: "Select the result" });
    expect(document.activeElement).toBe(reveal);
    await user.click(reveal);
    expect(port.revealed).toEqual([plan.result]);
  });

  test("in Swedish, the add-in's own Quotas sheet (from an English run) is the one replaced, not a second Kvoter added", async () => {
    const port = new FakePort([...salesSheets(), { name: "Quotas", rows: [["Rep"]] }], { kind: "excel" });
    port.ours.add("Quotas");
    await toWriteStep(port, excelHost(port), "sv");
    await waitFor(() => expect((screen.getByTestId("output-sheet") as HTMLInputElement).value).toBe("Quotas"));
    await act(async () => screen.getByTestId("write").click());
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());
    expect(port.applied.map((p) => p.sheet)).toEqual(["Quotas", "SalesQuota_Plan"]);
    expect(port.sheet("Kvoter")).toBeFalsy();
  });

  test("writing again replaces only the add-in's own sheet", async () => {
    const port = new FakePort(salesSheets(), { kind: "excel" });
    const { user } = await toWriteStep(port, excelHost(port));
    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());
    await user.click(screen.getByRole("button", { name: "Back" }));
    await user.click(screen.getByRole("button", { name: "Back" }));
    await user.clear(screen.getByTestId("target"));
    await user.type(screen.getByTestId("target"), "40000");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await user.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(screen.getByText('"Quotas" was written by this add-in before; it will be replaced.')).toBeTruthy());
    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByTestId("write-done").textContent).toContain("the quotas add up to 40,000"));
    expect(port.applied.map((p) => p.sheet)).toEqual(["Quotas", "SalesQuota_Plan", "Quotas", "SalesQuota_Plan"]);
    expect(port.sheets.map((s) => s.name)).toEqual(["Sales", "Quotas", "SalesQuota_Plan"]);
    expect(port.sheet("Quotas")!.rows[1][3]).toBe(10000);
  });

  test("a Quotas sheet the add-in did not create is left alone; another name is offered", async () => {
    const port = new FakePort([...salesSheets(), { name: "Quotas", rows: [["my own notes"]] }, { name: "Quotas 2", rows: [["x"]] }], { kind: "excel" });
    const { user } = await toWriteStep(port, excelHost(port));
    await user.click(screen.getByTestId("write"));
    const notice = await screen.findByTestId("foreign-sheet");
    expect(notice.textContent).toContain('The workbook already has a sheet named "Quotas" that this add-in did not create. It was left untouched');
    expect(port.applied).toHaveLength(0);
    expect(port.sheet("Quotas")!.rows).toEqual([["my own notes"]]);
    await user.click(screen.getByRole("button", { name: 'Use "Quotas 3" instead' }));
    expect((screen.getByTestId("output-sheet") as HTMLInputElement).value).toBe("Quotas 3");
    await user.click(screen.getByTestId("write"));
    await waitFor(() => expect(screen.getByTestId("write-done")).toBeTruthy());
    expect(port.applied[0].sheet).toBe("Quotas 3");
    expect(port.sheet("Quotas")!.rows).toEqual([["my own notes"]]);
  });

  test("an invalid or source sheet name is refused before writing", async () => {
    const port = new FakePort(salesSheets(), { kind: "excel" });
    const { user } = await toWriteStep(port, excelHost(port));
    const name = screen.getByTestId("output-sheet");
    await user.clear(name);
    await user.type(name, "Q/4");
    expect(screen.getByText("A sheet name has 1–31 characters and none of : \\ / ? * [ ].")).toBeTruthy();
    expect(screen.getByTestId("write").hasAttribute("disabled")).toBe(true);
    await user.clear(name);
    await user.type(name, "sales");
    expect(screen.getByText('"sales" is the sheet the sales data comes from; choose another name.')).toBeTruthy();
    expect(screen.getByTestId("write").hasAttribute("disabled")).toBe(true);
  });

  test("in a browser the result is offered as a download of the whole workbook (in Swedish)", async () => {
    const port = new FakePort(salesSheets());
    const bytes = new Uint8Array([80, 75, 5, 6]);
    const created: Blob[] = [];
    const clicks: string[] = [];
    const url = URL as unknown as { createObjectURL?: (b: Blob) => string; revokeObjectURL?: (u: string) => void };
    url.createObjectURL = (b: Blob) => {
      created.push(b);
      return "blob:quotas";
    };
    url.revokeObjectURL = () => undefined;
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(`${this.download} ${this.href}`);
    });
    try {
      const { user } = await toWriteStep(port, browserHost(port, bytes), "sv");
      await user.click(screen.getByTestId("write"));
      await waitFor(() => expect(screen.getByTestId("write-done").textContent).toContain("Klart: kvoterna finns i Kvoter!A1:E7. Säljare: 5;"));
      await user.click(screen.getByRole("button", { name: "Ladda ned sales-kvoter.xlsx" }));
      await waitFor(() => expect(clicks).toEqual(["sales-kvoter.xlsx blob:quotas"]));
      expect(created[0].type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      const read = await new Promise<ArrayBuffer>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.readAsArrayBuffer(created[0]);
      });
      expect(new Uint8Array(read)).toEqual(bytes);
      expect(screen.queryByRole("button", { name: "Markera resultatet" })).toBeNull();
    } finally {
      click.mockRestore();
    }
  });

  test("a failing write shows the adapter's message", async () => {
    const port = new FakePort(salesSheets(), { kind: "excel" });
    port.apply = async () => {
      throw new Error("The workbook is protected");
    };
    const { user } = await toWriteStep(port, excelHost(port));
    await user.click(screen.getByTestId("write"));
    const alert = await screen.findByTestId("write-error");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain("Something went wrong: The workbook is protected");
  });
});
