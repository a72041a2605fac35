/** The output sheet's and the result file's names, shared by the command and the wizard. */
import { chooseOutputSheet, defaultOutputSheet, derivedFileName, outputFileName } from "../../src/workbook/plan";
import type { SheetOwnership } from "../../src/workbook/port";

describe("output names in the user's language", () => {
  it("names the sheet Quotas / Kvoter", () => {
    expect(defaultOutputSheet("en")).toBe("Quotas");
    expect(defaultOutputSheet("sv")).toBe("Kvoter");
  });

  it("names the result file after the input, in the language, keeping .xlsm", () => {
    expect(outputFileName("sales.xlsx", "en")).toBe("sales-quotas.xlsx");
    expect(outputFileName("sales.xlsx", "sv")).toBe("sales-kvoter.xlsx");
    expect(outputFileName("Försäljning 2025.XLSX", "sv")).toBe("Försäljning 2025-kvoter.xlsx");
    expect(outputFileName("macros.xlsm", "en")).toBe("macros-quotas.xlsm");
    expect(outputFileName("/tmp/x/sales.xlsx", "en")).toBe("sales-quotas.xlsx");
    expect(outputFileName(null, "en")).toBe("workbook-quotas.xlsx");
    expect(outputFileName(null, "sv")).toBe("arbetsbok-kvoter.xlsx");
  });

  it("names the review's and the shared copy's files the same way: in the language, a macro workbook staying .xlsm", () => {
    expect(derivedFileName("plan.xlsx", "review", "en")).toBe("plan-review.xlsx");
    expect(derivedFileName("plan.xlsx", "review", "sv")).toBe("plan-uppföljning.xlsx");
    expect(derivedFileName("plan.xlsx", "shared", "en")).toBe("plan-shared.xlsx");
    expect(derivedFileName("plan.xlsx", "shared", "sv")).toBe("plan-delad.xlsx");
    // Excel refuses to open a macro workbook saved under .xlsx.
    expect(derivedFileName("budget.xlsm", "shared", "en")).toBe("budget-shared.xlsm");
    expect(derivedFileName("C:\\Users\\a\\plan.XLSX", "review", "en")).toBe("plan-review.xlsx");
  });

  describe("chooseOutputSheet: the add-in's sheet under either name, never a user's", () => {
    const owner = (sheets: Record<string, SheetOwnership>) => async (name: string) => sheets[name] ?? "absent";

    it("uses the language's name in a fresh workbook", async () => {
      expect(await chooseOutputSheet("sv", owner({}))).toBe("Kvoter");
      expect(await chooseOutputSheet("en", owner({}))).toBe("Quotas");
    });

    it("a rerun in the other language replaces the add-in's own sheet where it is", async () => {
      expect(await chooseOutputSheet("sv", owner({ Quotas: "ours" }))).toBe("Quotas");
      expect(await chooseOutputSheet("en", owner({ Kvoter: "ours" }))).toBe("Kvoter");
      expect(await chooseOutputSheet("sv", owner({ Quotas: "ours", Kvoter: "ours" }))).toBe("Kvoter");
    });

    it("never picks a user's sheet of the other name; a user's sheet of its own name is left to the refusal", async () => {
      expect(await chooseOutputSheet("sv", owner({ Quotas: "foreign" }))).toBe("Kvoter");
      expect(await chooseOutputSheet("sv", owner({ Kvoter: "foreign" }))).toBe("Kvoter");
      expect(await chooseOutputSheet("sv", owner({ Kvoter: "foreign", Quotas: "ours" }))).toBe("Quotas");
    });
  });
});
