import { browserHost, resultFileName } from "../../src/taskpane/host";
import { CsvWorkbook } from "../../src/workbook/csv";

describe("browser host", () => {
  it("opens a .csv file with the CSV adapter, by its name", async () => {
    const bytes = new TextEncoder().encode("Rep;Amount\nAnna;1,5\n");
    const opened = await browserHost().openFile!(bytes.buffer as ArrayBuffer, "Sales 2025.CSV");
    expect(opened.port).toBeInstanceOf(CsvWorkbook);
    const sheets = await opened.port.listSheets();
    expect(sheets.map((s) => [s.name, s.used?.lastRow, s.used?.lastColumn])).toEqual([["Sales 2025", 2, 2]]);
  });

  it("offers the result as an .xlsx named after the file", () => {
    expect(resultFileName("sales.xlsx")).toBe("sales-quotas.xlsx");
    expect(resultFileName("sales.csv")).toBe("sales-quotas.xlsx");
    expect(resultFileName("export.TXT")).toBe("export-quotas.xlsx");
    expect(resultFileName(null)).toBe("workbook-quotas.xlsx");
  });
});
