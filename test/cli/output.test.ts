/**
 * `quota allocate --out`: what may be replaced (a file, a link) and what is refused (a folder,
 * a FIFO, a device, a read-only file), and macro-enabled workbooks (.xlsm in, .xlsm out).
 */
import { execFileSync } from "child_process";
import fs from "fs";
import JSZip from "jszip";
import path from "path";
import { readWorkbook, run, tempDir, writeWorkbook } from "./support";

const rows = [
  ["Rep", "Amount"],
  ["Anna", 2000],
  ["Bo", 1000],
];

/** Turns an .xlsx into a macro-enabled workbook: the macro main type plus a VBA project part. */
async function makeMacroEnabled(file: string, out: string): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  let types = await zip.file("[Content_Types].xml")!.async("string");
  types = types.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  types = types.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>');
  zip.file("[Content_Types].xml", types);
  zip.file("xl/vbaProject.bin", Buffer.from("VBA project bytes"));
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file("xl/_rels/workbook.xml.rels", rels.replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
  fs.writeFileSync(out, await zip.generateAsync({ type: "nodebuffer" }));
}

describe("quota allocate --out: what it replaces and what it refuses", () => {
  let dir: string;
  beforeEach(async () => {
    dir = tempDir();
    await writeWorkbook(path.join(dir, "in.xlsx"), [{ name: "Sales", rows }]);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const allocate = (out: string, more: string[] = []) => run(["allocate", "in.xlsx", "--out", out, "--target", "300", ...more], dir);

  it("refuses a folder named like a workbook", async () => {
    fs.mkdirSync(path.join(dir, "out.xlsx"));
    const r = await allocate("out.xlsx");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("--out out.xlsx is a folder, not a file; name the workbook to write.\n");
  });

  it("refuses a FIFO, and leaves it in place (a reader on it is never fed or blocked)", async () => {
    execFileSync("mkfifo", [path.join(dir, "pipe.xlsx")]);
    const r = await allocate("pipe.xlsx", ["--lang", "sv"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("--out pipe.xlsx är en FIFO/enhet, inte en fil; ange en vanlig fil.\n");
    expect(fs.lstatSync(path.join(dir, "pipe.xlsx")).isFIFO()).toBe(true);
  });

  it("refuses a read-only file and leaves it as it was", async () => {
    const out = path.join(dir, "ro.xlsx");
    fs.writeFileSync(out, "read-only");
    fs.chmodSync(out, 0o444);
    const r = await allocate("ro.xlsx");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("--out ro.xlsx is read-only; it was left as it is. Choose another file, or make it writable first.\n");
    expect(fs.readFileSync(out, "utf8")).toBe("read-only");
    expect(fs.readdirSync(dir).sort()).toEqual(["in.xlsx", "ro.xlsx"]);
  });

  it("replaces a symbolic link at --out with the workbook; the file the link pointed to is not written", async () => {
    const elsewhere = path.join(dir, "elsewhere.txt");
    fs.writeFileSync(elsewhere, "not a workbook");
    fs.symlinkSync(elsewhere, path.join(dir, "out.xlsx"));
    const r = await allocate("out.xlsx");
    expect(r.code).toBe(0);
    expect(fs.lstatSync(path.join(dir, "out.xlsx")).isFile()).toBe(true);
    expect(fs.readFileSync(elsewhere, "utf8")).toBe("not a workbook");
    expect((await readWorkbook(path.join(dir, "out.xlsx"))).worksheets.map((w) => w.name)).toEqual(["Sales", "Quotas", "SalesQuota_Plan"]);
  });

  it("replaces an existing output file and keeps its permissions; no temporary file is left", async () => {
    const out = path.join(dir, "out.xlsx");
    fs.writeFileSync(out, "old");
    fs.chmodSync(out, 0o600);
    const r = await allocate("out.xlsx");
    expect(r.code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).sort()).toEqual(["in.xlsx", "out.xlsx"]);
  });
});

describe("quota allocate on macro-enabled workbooks", () => {
  let dir: string;
  beforeEach(async () => {
    dir = tempDir();
    await writeWorkbook(path.join(dir, "in.xlsx"), [{ name: "Sales", rows }]);
    await makeMacroEnabled(path.join(dir, "in.xlsx"), path.join(dir, "macro.xlsm"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("refuses .xlsm in, .xlsx out (exit 2) and names the .xlsm to use", async () => {
    const r = await run(["allocate", "macro.xlsm", "--out", "out.xlsx", "--target", "300"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("macro.xlsm is a macro-enabled workbook and its copy keeps the macros, which Excel opens only as .xlsm: name the output out.xlsm.\n");
    expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(false);
  });

  it("writes .xlsm in, .xlsm out, keeping the macro content type and the VBA project", async () => {
    const r = await run(["allocate", "macro.xlsm", "--out", "out.xlsm", "--target", "300"], dir);
    expect(r.stderr).toContain('Wrote sheet "Quotas" to out.xlsm');
    expect(r.code).toBe(0);
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, "out.xlsm")));
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    expect(await zip.file("xl/vbaProject.bin")!.async("string")).toBe("VBA project bytes");
  });

  it("refuses .xlsx in, .xlsm out (exit 2)", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsm", "--target", "300", "--lang", "sv"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("in.xlsx har inga makron, och Excel vägrar öppna en arbetsbok utan makron som heter .xlsm: döp utdatafilen till out.xlsx.\n");
    expect(fs.existsSync(path.join(dir, "out.xlsm"))).toBe(false);
  });

  it("still refuses other extensions", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "out.xls", "--target", "300"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('--out must name an .xlsx file (or .xlsm for a macro-enabled workbook), got "out.xls".\n');
  });
});
