/** The team (or manager) column suggestion, in English and Swedish. */
import { detectTable, DetectedTable } from "../../src/sheet/detect";
import type { CellValue, SheetSnapshot } from "../../src/workbook/port";

function snap(rows: CellValue[][]): SheetSnapshot {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  return { sheet: "Sales", firstRow: 1, columns: Array.from({ length: width }, (_, i) => i + 1), rows: rows.map((r) => [...r, ...Array(width - r.length).fill(null)]) };
}

const d = (m: number, day: number) => new Date(Date.UTC(2025, m - 1, day));

function detect(header: string[], ...data: CellValue[][]): DetectedTable {
  const t = detectTable(snap([header, ...data]));
  if (!t) throw new Error("no table detected");
  return t;
}

describe("detectTable: the team column", () => {
  it.each([
    ["Team"],
    ["Sales team"],
    ["Manager"],
    ["Sales Manager"],
    ["Group"],
    ["Säljteam"],
    ["Chef"],
    ["Säljchef"],
    ["Grupp"],
    ["Team (region)"],
  ])("suggests %s as the team beside a rep column", (header) => {
    const t = detect(["Date", "Sales Rep", header, "Amount"], [d(1, 2), "Anna", "North", 100], [d(1, 3), "Erik", "South", 50]);
    expect(t.suggested).toMatchObject({ rep: 2, team: 3, amount: 4, date: 1 });
  });

  it("keeps the rep role for the rep when a Sales Manager column comes first", () => {
    const t = detect(["Sales Manager", "Säljare", "Belopp", "Datum"], ["Karin", "Anna", 100, d(1, 2)], ["Karin", "Erik", 50, d(1, 3)]);
    expect(t.suggested).toMatchObject({ rep: 2, team: 1, amount: 3, date: 4 });
    // "Sales Manager" holds "salesman" but is never the rep, even with no rep column at all.
    const alone = detect(["Sales Manager", "Name", "Amount"], ["Karin", "Anna", 100], ["Karin", "Erik", 50]);
    expect(alone.suggested.rep).not.toBe(1);
    expect(alone.suggested.team).toBe(1);
  });

  it("keeps an account manager as the rep and a manager as the team", () => {
    const t = detect(["Account Manager", "Manager", "Sales"], ["Anna", "Karin", 100], ["Erik", "Karin", 50]);
    expect(t.suggested).toMatchObject({ rep: 1, team: 2, amount: 3 });
  });

  it("lets a team column stand in for a missing rep column, and then suggests no team", () => {
    const t = detect(["Team", "Amount", "Date"], ["North", 100, d(1, 2)], ["South", 50, d(1, 3)]);
    expect(t.suggested.rep).toBe(1);
    expect(t.suggested.team ?? null).toBeNull();
  });

  it("does not take a product or customer group, or numbers, for a team", () => {
    const t = detect(
      ["Rep", "Product Group", "Produktgrupp", "Kundgrupp", "Amount"],
      ["Anna", "Coffee", "Kaffe", "Café", 100],
      ["Erik", "Tea", "Te", "Hotell", 50],
    );
    expect(t.suggested.team ?? null).toBeNull();
    const dates = detect(["Rep", "Team", "Amount"], ["Anna", d(1, 1), 100], ["Erik", d(1, 2), 50]);
    expect(dates.suggested.team ?? null).toBeNull();
  });

  it("suggests no team key at all on a table without one (mappings compare as before)", () => {
    const t = detect(["Rep", "Amount"], ["Anna", 100]);
    expect("team" in t.suggested).toBe(false);
  });
});
