/**
 * The help of `quota allocate` lists every option the command takes, in both languages, and
 * the Swedish help names the Swedish output sheet.
 */
import { helpText } from "../../src/cli/help";

const ALLOCATE_OPTIONS = [
  "--out", "--sheet", "--rep", "--value", "--date", "--year", "--from", "--to", "--skip-invalid",
  "--method", "--target", "--periods", "--round", "--growth", "--weights", "--cost",
  "--start", "--phasing", "--uplift", "--lock", "--team", "--roster",
  "--sheet-out", "--letters", "--json", "--lang",
];

describe("quota allocate --help", () => {
  it.each(["en", "sv"] as const)("lists every option (%s)", (locale) => {
    const text = helpText("allocate", locale);
    expect(ALLOCATE_OPTIONS.filter((option) => !new RegExp(`(^|\\s)${option}(\\s|$)`, "m").test(text))).toEqual([]);
  });

  it("in Swedish, names the output sheet Kvoter (Quotas only as the English name)", () => {
    const lines = helpText("allocate", "sv").split("\n").filter((l) => l.includes("Quotas"));
    expect(lines).toEqual([expect.stringContaining("Quotas på engelska")]);
  });
});
