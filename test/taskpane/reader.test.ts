/**
 * The page's reading worker, run in this thread behind the same messages (loopbackChannel
 * structured-clones every message, as postMessage does): the WorkbookPort contract through the
 * protocol, sources whose rows stay in the reader, aggregations and errors that cross back
 * intact, progress, a reader that dies, and the browser host's choice between a reader and the
 * page's own thread.
 */
import ExcelJS from "exceljs";
import { SheetError } from "../../src/sheet/errors";
import { browserHost } from "../../src/taskpane/host";
import { analyse, errorText, readSource, remoteRowsOf, SourceProblem, type SourceData } from "../../src/taskpane/pipeline";
import { loopbackChannel, RemoteWorkbook, type Channel } from "../../src/taskpane/reader/client";
import { aggregationFromWire, aggregationToWire, errorFromWire, errorToWire } from "../../src/taskpane/reader/protocol";
import { ReaderSession } from "../../src/taskpane/reader/session";
import { translator } from "../../src/taskpane/strings";
import { CsvWorkbook } from "../../src/workbook/csv";
import { callsSalesFunction } from "../../src/workbook/freeze";
import { OutputSheetTakenError } from "../../src/workbook/plan";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { StreamedWorkbook } from "../../src/workbook/xlsx-stream";
import { realmClone } from "../support/clone";
import { runWorkbookPortContract } from "../workbook/contract";
import { exceljsValues, fixtureToXlsx } from "../workbook/fixtures";
import { xlsxPrintSettings } from "../workbook/pageSetup";

// A busy machine runs these slowly; no timing is asserted.
jest.setTimeout(120_000);

const copy = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;

async function openRemote(bytes: Uint8Array, fileName = "sales.xlsx"): Promise<RemoteWorkbook> {
  const remote = new RemoteWorkbook(loopbackChannel(new ReaderSession(), realmClone));
  await remote.ready;
  await remote.open(copy(bytes), fileName);
  return remote;
}

runWorkbookPortContract("RemoteWorkbook (the reading worker's protocol, in this thread)", async (fixture) => {
  const port = await openRemote(await fixtureToXlsx(fixture));
  return { port, readBack: async (sheet) => exceljsValues(await port.toBuffer(), sheet), printSettings: async (sheet) => xlsxPrintSettings(await port.toBuffer(), sheet) };
});

const REPS = ["Anna Svensson", "Björn Ek", "=Carla", "David Smith"];

/** A title, a blank row, then a header and `n` sales rows (row 4 on); `bad` puts text in an amount. */
async function salesBytes(n: number, bad: number | null = null): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Read me").addRow(["Notes"]);
  const ws = wb.addWorksheet("Sales");
  ws.addRow(["Sales ledger"]);
  ws.addRow([]);
  ws.addRow(["Rep", "Date", "Amount", "Region"]);
  for (let i = 0; i < n; i++) {
    const row = ws.addRow([REPS[i % REPS.length], new Date(Date.UTC(2024 + (i % 2), i % 12, 1 + (i % 28))), i === bad ? "lots" : 100 + (i % 7), i % 2 ? "North" : "South"]);
    row.getCell(2).numFmt = "yyyy-mm-dd";
    // "=Carla" is a name, written as text
    if (typeof row.getCell(1).value === "string") row.getCell(1).value = { richText: [{ text: String(row.getCell(1).value) }] };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function sheetRange(port: { listSheets(): Promise<{ name: string; used: SourceData["range"] | null }[]> }, name: string) {
  const used = (await port.listSheets()).find((s) => s.name === name)?.used;
  if (!used) throw new Error(`no ${name}`);
  return used;
}

describe("sources read in the reader", () => {
  test("rows below the table's first blank row are reported from the reader, as in this thread", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sales");
    ws.addRow(["Rep", "Amount"]);
    ws.addRow(["Anna", 10]);
    ws.addRow(["Björn", 20]);
    ws.addRow([]);
    ws.addRow(["Total", 30]);
    ws.addRow(["Note", 1]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const remote = await openRemote(bytes);
    const range = await sheetRange(remote, "Sales");
    const source = await readSource(remote, range);
    const here = await readSource(await StreamedWorkbook.fromBytes(bytes), range);
    expect(here.below).toEqual({ first: 5, count: 2 });
    expect(source.below).toEqual(here.below);
    expect(source.table.lastDataRow).toBe(3);
  });

  test("the bytes move to the reader; the table is found there, with progress, and only its shape comes back", async () => {
    const bytes = await salesBytes(20_000);
    const remote = new RemoteWorkbook(loopbackChannel(new ReaderSession(), realmClone));
    await remote.ready;
    const buffer = copy(bytes);
    const opening: [number, number][] = [];
    await remote.open(buffer, "sales.xlsx", (done, total) => opening.push([done, total]));
    expect(buffer.byteLength).toBe(0); // transferred, not copied
    // Opening finds the sheets' used ranges (a pass over a sheet without a <dimension>) with progress.
    expect(opening.length).toBeGreaterThan(0);
    expect(opening.every(([d, t]) => d > 0 && d <= t)).toBe(true);
    expect(opening.some(([d, t]) => d === t)).toBe(true);

    const range = await sheetRange(remote, "Sales");
    const progress: [number, number][] = [];
    const source = await readSource(remote, range, (done, total) => progress.push([done, total]));
    expect(source.snapshot.rows).toEqual([]);
    expect(source.snapshot.columns).toEqual([1, 2, 3, 4]);
    expect(source.table.headerRow).toBe(3);
    expect(source.table.lastDataRow).toBe(20_003);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1][0]).toBe(progress[progress.length - 1][1]);
    expect(progress.every(([d, t], i) => d <= t && (i === 0 || d >= progress[i - 1][0]))).toBe(true);

    // The same numbers as reading and aggregating in this thread.
    const local = await StreamedWorkbook.fromBytes(bytes);
    const here = await readSource(local, range);
    expect(source.table).toEqual(here.table);
    const rows = remoteRowsOf(source)!;
    expect(rows).not.toBeNull();
    for (const filter of [{}, { year: 2025 }, { from: new Date(Date.UTC(2024, 2, 1)), to: new Date(Date.UTC(2024, 5, 30)) }]) {
      const mapping = here.table.suggested;
      const key = JSON.stringify(filter);
      const there = await rows.analyse(key, mapping, "amount", false, filter);
      const expected = analyse(here, mapping, "amount", false, filter);
      expect(there).toEqual(expected);
      expect(rows.peek(key)).toBe(there); // kept: asking again costs nothing
    }
    // Rows held elsewhere are never aggregated as if they were empty.
    expect(analyse(source, here.table.suggested, "amount", false).ok).toBe(false);
  });

  test("a team column goes through the reader: each rep's team comes back, a rep in two teams is refused naming both cells", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sales");
    ws.addRow(["Rep", "Amount", "Team"]);
    ws.addRow(["Anna", 100, "North"]);
    ws.addRow(["Bo", 200, "South"]);
    ws.addRow(["anna", 50, "north "]);
    ws.addRow(["Bo", 10, "North"]);
    const remote = await openRemote(new Uint8Array(await wb.xlsx.writeBuffer()));
    const source = await readSource(remote, await sheetRange(remote, "Sales"));
    expect(source.table.suggested.team).toBe(3);
    const rows = remoteRowsOf(source)!;
    const mapping = { ...source.table.suggested, team: 3 };
    const answer = await rows.analyse("team", mapping, "amount", false, {});
    expect(answer.ok).toBe(false);
    const t = translator("en");
    expect(errorText((answer as { error: unknown }).error, "en", t)).toMatch(/Bo.*Sales!C3.*Sales!C5|Sales!C3.*Sales!C5.*Bo/);
    // Without Bo's second team, each rep's team (first spelling) comes back.
    ws.getCell("C5").value = "South";
    const again = await openRemote(new Uint8Array(await wb.xlsx.writeBuffer()));
    const source2 = await readSource(again, await sheetRange(again, "Sales"));
    const ok = await remoteRowsOf(source2)!.analyse("team", mapping, "amount", false, {});
    if (!ok.ok) throw ok.error;
    expect(ok.value.reps.map((r) => [r.name, r.total, r.team])).toEqual([
      ["Anna", 150, "North"],
      ["Bo", 210, "South"],
    ]);
  });

  test("a bad cell comes back as the sheet error naming the cell, in both languages; skipped rows keep their reasons", async () => {
    const bytes = await salesBytes(50, 9);
    const remote = await openRemote(bytes);
    const source = await readSource(remote, await sheetRange(remote, "Sales"));
    const rows = remoteRowsOf(source)!;
    const stop = await rows.analyse("a", source.table.suggested, "amount", false, {});
    expect(stop.ok).toBe(false);
    const error = (stop as { error: unknown }).error;
    expect(error).toBeInstanceOf(SheetError);
    expect((error as SheetError).cell).toBe("Sales!C13");
    const t = translator("sv");
    expect(errorText(error, "sv", t)).toContain("Sales!C13");
    expect(errorText(error, "sv", t)).toBe((error as SheetError).messageIn("sv"));

    const skip = await rows.analyse("b", source.table.suggested, "amount", true, {});
    expect(skip.ok).toBe(true);
    const a = (skip as { value: import("../../src/sheet/aggregate").Aggregation }).value;
    expect(a.skipped).toHaveLength(1);
    expect(a.skipped[0].row).toBe(13);
    expect(a.skipped[0].error).toBeInstanceOf(SheetError);
    expect(a.skipped[0].error.messageIn("en")).toContain("Sales!C13");
    expect(a.skipped[0].reason).toBe(a.skipped[0].error.message);
  });

  test("only the last source is held: asking about an earlier one is refused, not answered from the wrong rows", async () => {
    const remote = await openRemote(await salesBytes(30));
    const range = await sheetRange(remote, "Sales");
    const first = await readSource(remote, range);
    await readSource(remote, { ...range, lastRow: 20 });
    const answer = await remoteRowsOf(first)!.analyse("k", first.table.suggested, "amount", false, {});
    expect(answer.ok).toBe(false);
  });

  test("the download is the workbook with the written sheet, as bytes moved back", async () => {
    const remote = await openRemote(await salesBytes(10));
    const bytes = await remote.toBuffer();
    expect(bytes).toBeInstanceOf(Uint8Array);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Read me", "Sales"]);
  });
});

describe("errors and aggregations on the wire", () => {
  test("each kind of error comes back as what the page checks for", () => {
    const round = (e: unknown) => errorFromWire(realmClone(errorToWire(e), []));
    expect(round(new OutputSheetTakenError("Quotas"))).toBeInstanceOf(OutputSheetTakenError);
    expect((round(new OutputSheetTakenError("Quotas")) as OutputSheetTakenError).sheet).toBe("Quotas");
    const problem = round(new SourceProblem("noTableFound", { address: "Sales!A1:B2" }));
    expect(problem).toBeInstanceOf(SourceProblem);
    expect(errorText(problem, "sv", translator("sv"))).toBe(translator("sv")("noTableFound", { address: "Sales!A1:B2" }));
    const plain = round(new RangeError("Not a valid range"));
    expect(plain.name).toBe("RangeError");
    expect(plain.message).toBe("Not a valid range");
    expect(round("odd").message).toBe("odd");
  });

  test("an aggregation survives the trip with its skipped rows' errors rebuilt", () => {
    const error = new SheetError("notANumber" as never, { sheet: "S", cell: "S!C4", column: '"Amount"', value: '"x"', row: 4 });
    const a = { reps: [], value: "amount" as const, rowsRead: 1, rowsUsed: 0, rowsOutOfRange: 0, skipped: [{ row: 4, column: 3, value: "x", reason: error.message, key: error.key as never, error }], periods: [], blankValues: 0, undatedRows: 0 };
    const back = aggregationFromWire(realmClone(aggregationToWire(a), []));
    expect(back).toEqual(a);
    expect(back.skipped[0].error).toBeInstanceOf(SheetError);
  });
});

describe("a reader that stops", () => {
  function dyingChannel(): Channel & { die(message: string): void } {
    let stopped: ((e: Error) => void) | null = null;
    let onMessage: ((m: import("../../src/taskpane/reader/protocol").FromReader) => void) | null = null;
    return {
      post: () => undefined, // never answers
      listen(m, s) {
        onMessage = m;
        stopped = s;
        queueMicrotask(() => onMessage?.({ type: "ready" }));
      },
      close: () => undefined,
      die: (message) => stopped?.(new Error(message)),
    };
  }

  test("pending and later requests fail with a message naming the file, in both languages", async () => {
    const channel = dyingChannel();
    const remote = new RemoteWorkbook(channel);
    await remote.ready;
    const opening = remote.open(new ArrayBuffer(8), "huge.xlsx");
    channel.die("Out of memory");
    await expect(opening).rejects.toBeInstanceOf(SourceProblem);
    const later = remote.listSheets();
    await expect(later).rejects.toBeInstanceOf(SourceProblem);
    const error = await later.catch((e: unknown) => e);
    expect(errorText(error, "en", translator("en"))).toBe('Reading "huge.xlsx" stopped (Out of memory). The browser may have run out of memory: close other tabs and try again.');
    expect(errorText(error, "sv", translator("sv"))).toContain('Läsningen av "huge.xlsx" avbröts (Out of memory)');
  });
});

describe("the browser host", () => {
  test("opens each file in a reader of its own and ends the previous one", async () => {
    const started: RemoteWorkbook[] = [];
    const host = browserHost({
      startReader: async () => {
        const r = new RemoteWorkbook(loopbackChannel(new ReaderSession(), realmClone));
        started.push(r);
        return r;
      },
    });
    host.preload!();
    const bytes = await salesBytes(5);
    const first = await host.openFile!(copy(bytes), "a.xlsx");
    expect(first.port).toBe(started[0]);
    expect((await first.port.listSheets()).map((s) => s.name)).toEqual(["Read me", "Sales"]);
    const second = await host.openFile!(copy(bytes), "b.xlsx");
    expect(second.port).toBe(started[1]);
    await expect(first.port.listSheets()).rejects.toBeInstanceOf(SourceProblem);
    expect((await second.port.listSheets()).map((s) => s.name)).toEqual(["Read me", "Sales"]);
  });

  test("reads in the page when no reader can start (no workers, or the worker fails to load)", async () => {
    const bytes = await salesBytes(5);
    const none = await browserHost({ startReader: async () => null }).openFile!(copy(bytes), "a.xlsx");
    expect(none.port).toBeInstanceOf(XlsxWorkbook);
    const failing: Channel = { post: () => undefined, listen: (_m, stopped) => queueMicrotask(() => stopped(new Error("404"))), close: () => undefined };
    const broken = await browserHost({ startReader: async () => new RemoteWorkbook(failing) }).openFile!(copy(bytes), "a.xlsx");
    expect(broken.port).toBeInstanceOf(XlsxWorkbook);
    expect((await broken.port.listSheets()).map((s) => s.name)).toEqual(["Read me", "Sales"]);
  });

  test("reads CSV files in the reader, and in the page without one", async () => {
    const csv = new TextEncoder().encode("Rep;Amount\nAnna;1 234,50\nBjörn;7\n");
    const host = browserHost({ startReader: async () => new RemoteWorkbook(loopbackChannel(new ReaderSession(), realmClone)) });
    const remote = await host.openFile!(copy(csv), "sales.csv");
    expect(remote.port).toBeInstanceOf(RemoteWorkbook);
    const inPage = await browserHost({ startReader: async () => null }).openFile!(copy(csv), "sales.csv");
    expect(inPage.port).toBeInstanceOf(CsvWorkbook);
    for (const { port } of [remote, inPage]) {
      const [sheet] = await port.listSheets();
      expect(sheet.name).toBe("sales");
      expect((await port.read(sheet.used!)).rows).toEqual([
        ["Rep", "Amount"],
        ["Anna", "1 234,50"],
        ["Björn", "7"],
      ]);
    }
  });
});

describe("freezing formulas in the reader", () => {
  test("reports, then replaces the SALES formulas by their values, as in the page", async () => {
    const wb = new ExcelJS.Workbook();
    const plan = wb.addWorksheet("Plan");
    plan.addRow(["Month", "Ramp", "Check"]);
    plan.addRow([1, { formula: "_xldudf_SALES_QUOTA_RAMP(10000,A2)", result: 2500 }, { formula: "B2*2", result: 5000 }]);
    const remote = await openRemote(new Uint8Array(await wb.xlsx.writeBuffer()));
    const dry = await remote.freezeFormulas(callsSalesFunction, { dryRun: true });
    expect(dry).toMatchObject({ count: 1, cells: [{ sheet: "Plan", address: "B2" }] });
    const progress: [number, number][] = [];
    expect((await remote.freezeFormulas(callsSalesFunction, { onProgress: (d, t) => progress.push([d, t]) })).count).toBe(1);
    expect(progress.length).toBeGreaterThan(0);
    expect((await remote.freezeFormulas(callsSalesFunction)).count).toBe(0);
    const after = new ExcelJS.Workbook();
    await after.xlsx.load((await remote.toBuffer()) as unknown as ArrayBuffer);
    expect(after.getWorksheet("Plan")!.getCell("B2").value).toBe(2500);
    expect(after.getWorksheet("Plan")!.getCell("C2").formula).toBe("B2*2");
    await expect(remote.freezeFormulas(() => true)).rejects.toThrow("SALES formulas only");
  });
});
