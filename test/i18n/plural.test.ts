import { formatTemplate, isSingular, localize, plural } from "../../src/i18n";
import { cliMessages } from "../../src/cli/messages";
import { strings } from "../../src/taskpane/strings";

describe("plurals", () => {
  it("uses the singular for exactly one, whatever the formatting", () => {
    expect([isSingular(1), isSingular("1"), isSingular(0), isSingular(2), isSingular("1,000"), isSingular("1\u00a0000"), isSingular("11")]).toEqual([true, true, false, false, false, false, false]);
    expect(plural(1, "row", "rows")).toBe("row");
    expect(plural("2", "rad", "rader")).toBe("rader");
  });

  it("fills {n, plural, one {…} other {…}} in templates (# is the count as given)", () => {
    const t = "{n, plural, one {# more row} other {# more rows}} from row {first}";
    expect(formatTemplate(t, { n: 1, first: 5 })).toBe("1 more row from row 5");
    expect(formatTemplate(t, { n: "1,234", first: 5 })).toBe("1,234 more rows from row 5");
    expect(formatTemplate(t, { first: 5 })).toBe(t.replace("{first}", "5")); // a missing count stays visible
  });

  it("the command's and the wizard's catalogs say 1 row / 1 rad, 2 rows / 2 rader", () => {
    const below = (locale: "en" | "sv", count: string) => localize(cliMessages, "rowsBelow", { end: 3, first: 5, count }, locale);
    expect(below("en", "1")).toContain("; 1 more row from row 5 down was left out.");
    expect(below("en", "2")).toContain("; 2 more rows from row 5 down were left out.");
    expect(below("sv", "1")).toContain("; 1 rad till från rad 5 och nedåt togs inte med.");
    expect(below("sv", "2")).toContain("; 2 rader till från rad 5");
    expect(localize(cliMessages, "skippedMore", { count: "1" }, "en")).toBe("… and 1 more skipped row.");
    expect(localize(cliMessages, "skippedMore", { count: "1" }, "sv")).toBe("… och 1 överhoppad rad till.");
    expect(localize(cliMessages, "skippedMore", { count: "3" }, "sv")).toBe("… och 3 fler överhoppade rader.");
    expect(localize(cliMessages, "rowsSummary", { read: "1", used: "1", outside: "0", skipped: "0" }, "en")).toBe("1 row read, 1 used, 0 outside the dates, 0 skipped.");
    expect(localize(cliMessages, "rowsSummary", { read: "1", used: "1", outside: "0", skipped: "1" }, "sv")).toBe("1 rad läst, 1 använd, 0 utanför datumen, 1 överhoppad.");
    expect(localize(cliMessages, "wrote", { sheet: "Quotas", file: "o.xlsx", reps: "1", total: "5" }, "en")).toBe('Wrote sheet "Quotas" to o.xlsx (1 rep, quotas add up to 5).');
    expect(localize(strings, "periodTotalLine", { total: "5", periods: "1" }, "en")).toBe("Per period the quotas add up to 5 (1 period).");
    expect(localize(strings, "periodTotalLine", { total: "5", periods: "4" }, "sv")).toBe("Per period summerar kvoterna till 5 (4 perioder).");
  });
});
