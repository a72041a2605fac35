/**
 * `quota allocate` with the year plan's options, end to end on generated workbooks: the JSON
 * schedule adds up exactly both ways, and every option's mistakes name what is wrong.
 */
import ExcelJS from "exceljs";
import fs from "fs";
import path from "path";
import { parseArgs } from "../../src/cli/args";
import { run, tempDir, writeWorkbook } from "./support";

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

/**
 * Three reps over 2025, one row a month each: Anna sells most in December, Erik evenly,
 * Sofia most in January. Odd amounts so the monthly splits leave remainders.
 */
function salesRows(): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [["Date", "Rep", "Team", "Amount"]];
  for (let m = 1; m <= 12; m++) {
    rows.push([d(2025, m, 10), "Anna", "North", m === 12 ? 12000 : 1000]);
    rows.push([d(2025, m, 11), "Erik", "South", 1000]);
    rows.push([d(2025, m, 12), "Sofia", "North", m === 1 ? 6000 : 1000]);
  }
  return rows;
}

interface Json {
  target: number | null;
  planTotal: number;
  start: string;
  uplift: number;
  periodLabels: string[];
  periodTargets: number[];
  total: number;
  rows: { rep: string; quota: number; periodQuota: number; schedule: number[]; team: string | null; locked: boolean }[];
  teams: { team: string; quota: number; schedule: number[] }[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function expectExactBothWays(json: Json): void {
  for (const r of json.rows) expect([r.rep, sum(r.schedule)]).toEqual([r.rep, r.quota]);
  json.periodTargets.forEach((t, j) => expect(sum(json.rows.map((r) => r.schedule[j]))).toBe(t));
  expect(sum(json.periodTargets)).toBe(json.planTotal);
  expect(sum(json.rows.map((r) => r.quota))).toBe(json.planTotal);
}

describe("quota allocate: the year plan", () => {
  let dir: string;
  beforeEach(async () => {
    dir = tempDir();
    await writeWorkbook(path.join(dir, "in.xlsx"), [{ name: "Sales", rows: salesRows(), formats: { 1: "yyyy-mm-dd" } }]);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const allocate = (...extra: string[]) => run(["allocate", "in.xlsx", "--out", "out.xlsx", "--year", "2025", ...extra], dir);

  it("months by default from the month after the history; the period targets add up to the target", async () => {
    const r = await allocate("--target", "1000000", "--periods", "12", "--round", "1000", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.start).toBe("2026-01");
    expect(json.periodLabels).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]);
    // 1,000,000 ÷ 12 in thousands: four months of 84,000 and eight of 83,000, not 12 × 83,000
    expect(json.periodTargets).toEqual([84000, 84000, 84000, 84000, 83000, 83000, 83000, 83000, 83000, 83000, 83000, 83000]);
    expect(json.planTotal).toBe(1000000);
    expectExactBothWays(json);
  });

  it("history phasing, a lock, uplift and quarters; the table shows the schedule", async () => {
    const r = await allocate("--target", "300000", "--periods", "4", "--round", "100", "--phasing", "history", "--lock", " erik =60000", "--uplift", "10%", "--start", "2026-01", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.planTotal).toBe(330000);
    expect(json.target).toBe(300000);
    expect(json.periodLabels).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    const erik = json.rows.find((x) => x.rep === "Erik")!;
    expect(erik).toMatchObject({ quota: 60000, locked: true, schedule: [15000, 15000, 15000, 15000] });
    const anna = json.rows.find((x) => x.rep === "Anna")!;
    expect(anna.schedule[3]).toBe(Math.max(...anna.schedule)); // December's sales
    const sofia = json.rows.find((x) => x.rep === "Sofia")!;
    expect(sofia.schedule[0]).toBe(Math.max(...sofia.schedule)); // January's sales
    expectExactBothWays(json);
    expect(r.stderr).toContain("Note: Locked by hand: Erik.");
    expect(r.stderr).toContain("Note: Uplift 10 %: the quotas add up to 330,000, 110 % of the target 300,000.");

    const table = await allocate("--target", "300000", "--periods", "4", "--round", "100", "--phasing", "history");
    expect(table.stdout).toMatch(/\nRep\s+2026-Q1\s+2026-Q2\s+2026-Q3\s+2026-Q4\s+Quota\n/);
    expect(table.stdout).toMatch(/\nTotal(\s+[\d,]+){4}\s+300,000\n$/);
  });

  it("a pattern of weights sets the period targets", async () => {
    const r = await allocate("--target", "240000", "--periods", "4", "--phasing", "1,1,1,3", "--json");
    const json = JSON.parse(r.stdout) as Json;
    expect(json.periodTargets).toEqual([40000, 40000, 40000, 120000]);
    expectExactBothWays(json);
  });

  it("refuses a lock naming nobody, and locks above the total, naming them (en and sv)", async () => {
    const unknown = await allocate("--target", "300000", "--lock", "Zed=10");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('The lock "Zed" names no rep in the history or on the roster.\n');
    const over = await allocate("--target", "300000", "--lock", "Anna=200000", "--lock", "Sofia=200000", "--lang", "sv");
    expect(over.code).toBe(1);
    expect(over.stderr).toContain("400\u00a0000, mer än planens summa 300\u00a0000: Anna, Sofia");
  });

  it("refuses bad option values on the command line (exit 2)", async () => {
    for (const [args, text] of [
      [["--phasing", "seasonal"], '--phasing must be equal, history, team or one weight per period such as 8,8,9,9,8,7,5,6,9,10,10,11 (got "seasonal").'],
      [["--start", "2026-13"], '--start must be a month from 1900-01 to 9999-01 (the plan\'s twelve months must be dates Excel holds), such as 2026-01 (got "2026-13").'],
      // The plan's months must stay within Excel's dates, as --year and --from must.
      [["--start", "9999-02"], '--start must be a month from 1900-01 to 9999-01 (the plan\'s twelve months must be dates Excel holds), such as 2026-01 (got "9999-02").'],
      [["--start", "1899-12"], '--start must be a month from 1900-01 to 9999-01 (the plan\'s twelve months must be dates Excel holds), such as 2026-01 (got "1899-12").'],
      [["--uplift", "10"], "--uplift 10 would mean 1000 %; write 10% for 10 percent, or a decimal such as 0.1."],
      [["--lock", "Anna"], '--lock expects REP=AMOUNT with an amount of 0 or more, such as "Anna Svensson=250000" (got "Anna").'],
      [["--roster", "x.xlsx#"], '--roster expects FILE or FILE#SHEET, such as roster.xlsx#Hires (got "x.xlsx#").'],
    ] as [string[], string][]) {
      const r = await allocate("--target", "1000", ...args);
      expect([args, r.code, r.stderr]).toEqual([args, 2, `${text}\n`]);
    }
    const wrongLength = await allocate("--target", "1000", "--periods", "12", "--phasing", "1,2,3");
    expect(wrongLength.code).toBe(2);
    expect(wrongLength.stderr).toContain("The phasing pattern has 3 weights, but the plan has 12 periods");
  });

  it("refuses phasing or a roster that does not fit --periods as a command-line mistake, before reading the file", async () => {
    // A file that is not a workbook: the options are refused before it is opened.
    fs.writeFileSync(path.join(dir, "junk.xlsx"), "not a workbook");
    for (const [args, en, sv] of [
      [["--periods", "4", "--phasing", "8,8,9,9,8,7,5,6,9,10,10,11"], "The phasing pattern has 12 weights, but the plan has 4 periods: give one weight per period.", "Säsongsmönstret har 12 vikter, men planen har 4 perioder: ange en vikt per period."],
      [["--periods", "5", "--phasing", "history"], 'Phasing "history" works by calendar month, so the periods must split a year evenly (1, 2, 3, 4, 6 or 12); got 5.', "got 5"],
      [["--periods", "7", "--phasing", "team"], 'Phasing "team" works by calendar month', "räknar i kalendermånader"],
      [["--periods", "3", "--phasing", "0,0,0"], "The phasing weights add up to zero, so there is nothing to spread the quotas by.", "Säsongsvikterna summerar till noll"],
      [["--periods", "5", "--roster", "r.xlsx"], "The roster works by calendar month, so the periods must split a year evenly (1, 2, 3, 4, 6 or 12); got 5.", "Bemanningslistan räknar i kalendermånader"],
    ] as [string[], string, string][]) {
      const r = await run(["allocate", "junk.xlsx", "--out", "out.xlsx", "--target", "1000", ...args], dir);
      expect([args, r.code, r.stderr]).toEqual([args, 2, expect.stringContaining(en)]);
      expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
      const s = await run(["allocate", "junk.xlsx", "--out", "out.xlsx", "--target", "1000", "--lang", "sv", ...args], dir);
      expect([args, s.code, s.stderr]).toEqual([args, 2, expect.stringContaining(sv === "got 5" ? "fick 5" : sv)]);
    }
  });
});

describe("quota allocate: teams and the roster", () => {
  let dir: string;
  beforeEach(async () => {
    dir = tempDir();
    await writeWorkbook(path.join(dir, "in.xlsx"), [
      { name: "Sales", rows: salesRows(), formats: { 1: "yyyy-mm-dd" } },
      {
        name: "Roster",
        rows: [
          ["Rep", "Start", "End", "Ramp", "Full"],
          ["Nina", d(2026, 3, 1), null, "25%, 50%, 75%", 10000],
          ["erik", null, d(2026, 6, 30), null, null],
        ],
        formats: { 2: "yyyy-mm-dd", 3: "yyyy-mm-dd" },
      },
    ]);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("--team: each team's quota and schedule are the sums of its reps'", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--sheet", "Sales", "--year", "2025", "--target", "300000", "--periods", "4", "--team", "Team", "--json"], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.rows.map((x) => x.team)).toEqual(["North", "South", "North"]);
    expect(json.teams.map((t) => t.team)).toEqual(["North", "South"]);
    const north = json.rows.filter((x) => x.team === "North");
    expect(json.teams[0].quota).toBe(sum(north.map((x) => x.quota)));
    expect(json.teams[0].schedule).toEqual([0, 1, 2, 3].map((j) => sum(north.map((x) => x.schedule[j]))));
    expect(sum(json.teams.map((t) => t.quota))).toBe(300000);
    const table = await run(["allocate", "in.xlsx", "--out", "out2.xlsx", "--sheet", "Sales", "--year", "2025", "--target", "300000", "--periods", "4", "--team", "Team"], dir);
    expect(table.stdout).toMatch(/\nTeam\s+2026-Q1\s+2026-Q2\s+2026-Q3\s+2026-Q4\s+Quota\n/);
    expect(table.stdout).toMatch(/\nNorth(\s+[\d,]+){5}\n/);
  });

  it("--roster: a new hire on a ramp is fixed first, a leaver gets nothing after the end", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--sheet", "Sales", "--year", "2025", "--target", "1200000", "--periods", "12", "--round", "100", "--roster", "in.xlsx#Roster", "--json"], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json & { rows: { rostered: boolean }[] };
    const nina = json.rows.find((x) => x.rep === "Nina")!;
    expect(nina.schedule).toEqual([0, 0, 2500, 5000, 7500, 10000, 10000, 10000, 10000, 10000, 10000, 10000]);
    expect(nina.quota).toBe(85000);
    const erik = json.rows.find((x) => x.rep === "Erik")!;
    expect(erik.schedule.slice(6)).toEqual([0, 0, 0, 0, 0, 0]);
    expectExactBothWays(json);
    expect(r.stderr).toContain("Note: Nina starts 2026-03-01 (new hire): 85,000 fixed from the roster and the ramp.");
    expect(r.stderr).toContain("Note: Erik ends 2026-06-30");
  });

  it("--team with a new hire in no team: the team table has a row for them and adds up to the plan (en and sv)", async () => {
    const base = ["allocate", "in.xlsx", "--sheet", "Sales", "--year", "2025", "--target", "1200000", "--periods", "4", "--round", "100", "--team", "Team", "--roster", "in.xlsx#Roster"];
    const json = JSON.parse((await run([...base, "--out", "o1.xlsx", "--json"], dir)).stdout) as Json;
    const nina = json.rows.find((x) => x.rep === "Nina")!;
    expect(nina.team).toBeNull();
    const r = await run([...base, "--out", "o2.xlsx"], dir);
    expect(r.code).toBe(0);
    const money = (n: number) => n.toLocaleString("en-US");
    const teamTable = r.stdout.slice(r.stdout.indexOf("\nTeam "));
    // The reps in no team get their own row, and the totals row is the plan's: period targets and plan total.
    expect(teamTable).toMatch(new RegExp(`\\n\\(no team\\)\\s+${nina.schedule.map(money).join("\\s+")}\\s+${money(nina.quota)}\\n`));
    expect(teamTable).toMatch(new RegExp(`\\nTotal\\s+${json.periodTargets.map(money).join("\\s+")}\\s+1,200,000\\n`));
    const sv = await run([...base, "--out", "o3.xlsx", "--lang", "sv"], dir);
    expect(sv.stdout).toMatch(/\n\(inget team\)\s/);
    expect(sv.stdout).toMatch(/\nTotalt(\s+[\d\u00a0]+){4}\s+1\u00a0200\u00a0000\n$/);
  });

  it("--roster in another file, found without a sheet name; a missing file is named", async () => {
    await writeWorkbook(path.join(dir, "team.xlsx"), [
      { name: "Notes", rows: [["Hiring plan 2026"]] },
      { name: "Hires", rows: [["Säljare", "Startdatum", "Full kvot"], ["Nina", d(2026, 1, 1), 5000]], formats: { 2: "yyyy-mm-dd" } },
    ]);
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--sheet", "Sales", "--year", "2025", "--target", "1200000", "--periods", "12", "--roster", "team.xlsx", "--json"], dir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Json).rows.find((x) => x.rep === "Nina")!.schedule).toEqual(new Array(12).fill(5000));
    const missing = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--sheet", "Sales", "--target", "1000", "--roster", "nope.xlsx"], dir);
    expect([missing.code, missing.stderr]).toEqual([1, "Cannot find the roster file nope.xlsx (--roster).\n"]);
  });
});

describe("parseArgs: year plan options", () => {
  const base = ["allocate", "in.xlsx", "--out", "o.xlsx", "--target", "1"];
  it("parses each option, --lock many times", () => {
    const o = parseArgs([...base, "--phasing", "8;8;9", "--start", "2026-4", "--uplift", "0.1", "--lock", "A=1", "--lock", "B = C=2,000", "--team", "Team", "--roster", "r.xlsx#Hires"]);
    expect(o).toMatchObject({
      phasing: { kind: "pattern", weights: [8, 8, 9] },
      start: "2026-04",
      uplift: 0.1,
      locks: [
        { rep: "A", amount: 1 },
        { rep: "B = C", amount: 2000 },
      ],
      team: "Team",
      roster: { file: "r.xlsx", sheet: "Hires" },
    });
    expect(parseArgs(base)).toMatchObject({ phasing: { kind: "equal" }, start: null, uplift: 0, locks: [], team: null, roster: null });
    expect(parseArgs([...base, "--phasing", "HISTORY"])).toMatchObject({ phasing: { kind: "history" } });
  });
});
