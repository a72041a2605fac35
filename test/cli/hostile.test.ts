/**
 * `quota allocate` on files it cannot read: exit code 1 and one line that says what the file
 * is or where it is damaged (no zip library's text, no stack trace).
 */
import fs from "fs";
import path from "path";
import { hostileCases, workbook } from "../../scripts/hostile-files";
import { run, tempDir } from "./support";

describe("quota allocate on hostile and damaged files", () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function run2(bytes: Buffer, lang?: string) {
    fs.writeFileSync(path.join(dir, "in.xlsx"), bytes);
    return run(["allocate", "in.xlsx", "--out", "out.xlsx", "--year", "2025", "--target", "10000", ...(lang ? ["--lang", lang] : [])], dir);
  }

  async function allocate(file: string, lang?: string) {
    const r = await run2(hostileCases(1024).find((x) => x.file === file)!.build(), lang);
    expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(false);
    return r;
  }

  it("says an .xls file is one, and what to do", async () => {
    const r = await allocate("old.xls");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("This is an .xls file (Excel 97–2003): open it in Excel and save it as .xlsx.\n");
  });

  it("names the part and cell of a value that is not a number, in English and Swedish", async () => {
    const r = await allocate("hex-value.xlsx");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('The file is damaged: xl/worksheets/sheet1.xml, cell C4: <v> holds "0x10", which is not a number.\n');
    const sv = await allocate("hex-value.xlsx", "sv");
    expect(sv.code).toBe(1);
    expect(sv.stderr).toBe('Filen är skadad: xl/worksheets/sheet1.xml, cell C4: <v> innehåller "0x10", som inte är ett tal.\n');
  });

  it("refuses a sheet with a missing </c> instead of adding up what is left", async () => {
    const r = await allocate("missing-close-c.xlsx");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^The file is damaged: xl\/worksheets\/sheet1\.xml is not well-formed XML \(line 2, column \d+\)\.\n$/);
  });

  it("reads the same workbook when it is not damaged: 2,100 of history", async () => {
    const r = await run2(workbook(), undefined);
    expect(r.stderr).toMatch(/^3 rows read, 3 used/m);
    expect(r.stdout).toMatch(/^Total +2,100 /m);
    expect(r.code).toBe(0);
  });
});
