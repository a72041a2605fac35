/**
 * The command's realism check: it warns when a multi-year history meets a target without a
 * time frame (unlike horizons) and calls a target far below the history a likely unit mistake.
 */
import fs from "fs";
import path from "path";
import { run, tempDir, writeWorkbook } from "./support";

const d = (y: number, m: number) => new Date(Date.UTC(y, m - 1, 15));

describe("quota allocate: realism", () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    const rows: unknown[][] = [["Date", "Rep", "Amount"]];
    for (const year of [2022, 2023, 2024, 2025]) rows.push([d(year, 1), "Anna", 600_000], [d(year, 6), "Bo", 400_000]);
    await writeWorkbook(path.join(dir, "in.xlsx"), [{ name: "Sales", rows: rows as never, formats: { 1: "yyyy-mm-dd" } }]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("four years of history and no --year: warns about unlike horizons, and -75 % is far below, not achievable", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "a.xlsx", "--target", "1000000"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      "Warning: no --year, --from or --to is set, and the history spans 42 months (2022-01 to 2025-06): the realism check below compares a target for one horizon with all of that history, which are unlike horizons.",
    );
    expect(r.stderr).toContain("The target 1,000,000 is -75.0 % on the history of 4,000,000: far below it, likely a unit mistake (thousands vs units?)");
    expect(r.stderr).not.toContain("achievable");
  });

  it("one year with --year: no horizon warning, and the same target is achievable", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "b.xlsx", "--target", "1000000", "--year", "2025"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("unlike horizons");
    expect(r.stderr).toContain("The target 1,000,000 is +0.0 % on the history of 1,000,000: achievable.");
  });

  it("in Swedish", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "c.xlsx", "--target", "1000", "--year", "2025", "--lang", "sv"], dir);
    expect(r.stderr).toContain("långt under den, troligen ett enhetsfel (tusental eller ental?)");
    const s = await run(["allocate", "in.xlsx", "--out", "c.xlsx", "--target", "1000000", "--lang", "sv"], dir);
    expect(s.stderr).toContain("Varning: varken --year, --from eller --to är angivet, och historiken spänner över 42 månader (2022-01 till 2025-06)");
  });
});
