/**
 * The fake Excel object model must catch the mistakes the adapter tests rely on it to catch;
 * these tests make it commit them on purpose.
 */
import { FAKE_PAYLOAD_LIMIT_BYTES, FakeContext, FakeExcel, FakeExcelError } from "../support/excelMock";

function withContext<T>(fake: FakeExcel, batch: (ctx: FakeContext) => Promise<T>): Promise<T> {
  return fake.run(batch);
}

describe("fake Excel: typed-input semantics of Range.values", () => {
  it("turns formula- and number-shaped strings into formulas and numbers unless they start with an apostrophe", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", rows: [[5, 7]] }] });
    await withContext(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.getRange("A2:H2").values = [["=A1+B1", "+A1", "-B1", "@A1", "007", "15%", "TRUE", "2024-01-15"]];
      ws.getRange("A3:H3").values = [["'=A1+B1", "'+A1", "'-B1", "'@A1", "'007", "'15%", "'TRUE", "'2024-01-15"]];
      await ctx.sync();
    });
    expect(fake.rows("S")[1]).toEqual([12, 5, -7, 5, 7, 0.15, true, 45306]);
    expect(fake.rows("S")[2]).toEqual(["=A1+B1", "+A1", "-B1", "@A1", "007", "15%", "TRUE", "2024-01-15"]);
    expect(fake.cell("S", "A2").formula).toBe("=A1+B1");
    expect(fake.cell("S", "A3")).toMatchObject({ formula: null, prefixed: true });
    expect(fake.cell("S", "C2").formula).toBe("=-B1");
  });

  it("evaluates SUM/SUBTOTAL and gives #NAME? for what it does not know", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", rows: [[1], [2], ["x"], [4]] }] });
    await withContext(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.getRange("B1:B4").formulas = [["=SUM(A1:A4)"], ["=SUBTOTAL(109,A1:A2)*2"], ["=VLOOKUP(1,A1:A4,1)"], ["=-cmd"]];
      await ctx.sync();
    });
    expect(fake.rows("S").map((r) => r[1])).toEqual([7, 6, { error: "#NAME?" }, { error: "#NAME?" }]);
  });

  it("refuses a structured reference to a missing table, and evaluates one to an existing table", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", rows: [["Rep", "Quota"], ["A", 10], ["B", 32]] }] });
    await expect(
      withContext(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("B5").formulas = [["=SUBTOTAL(109,Quotas[Quota])"]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await withContext(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.tables.add(ws.getRange("A1:B3"), true).name = "Quotas";
      ws.getRange("D1").formulas = [["=SUBTOTAL(109,Quotas[Quota])"]];
      await ctx.sync();
    });
    expect(fake.cell("S", "D1").value).toBe(42);
  });

  it("refuses values Office.js would silently turn into something else", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", rows: [] }] });
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, undefined, new Date(), { x: 1 }]) {
      await expect(
        withContext(fake, async (ctx) => {
          ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[bad]];
          await ctx.sync();
        }),
      ).rejects.toMatchObject({ code: "InvalidArgument" });
    }
    await expect(
      withContext(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1:B1").values = [[1]];
        await ctx.sync();
      }),
    ).rejects.toThrow(/does not match/);
  });
});

describe("fake Excel: batching semantics", () => {
  it("applies nothing before sync, and throws when a property is read before load + sync", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", rows: [[1]] }] });
    await withContext(fake, async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("S").getRange("A1");
      range.values = [[2]];
      expect(fake.rows("S")).toEqual([[1]]);
      range.load("values");
      expect(() => range.values).toThrow(FakeExcelError);
      await ctx.sync();
      expect(range.values).toEqual([[2]]);
      const ws = ctx.workbook.worksheets.getItemOrNullObject("Missing");
      expect(() => ws.isNullObject).toThrow(/isNullObject/);
      ws.load("name");
      await ctx.sync();
      expect(ws.isNullObject).toBe(true);
    });
    expect(fake.syncCalls).toBe(2);
    expect(fake.requests).toHaveLength(2);
  });

  it("refuses a request over 5 MB without applying any of it, and a response over 5 MB", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", rows: [] }] });
    const big = Array.from({ length: 60_000 }, () => ["x".repeat(90)]);
    await expect(
      withContext(fake, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("S");
        ws.getRange("B1").values = [[1]];
        ws.getRange("A1:A60000").values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(fake.rows("S")).toEqual([]);
    expect(fake.rejected[0].request.requestBytes).toBeGreaterThan(FAKE_PAYLOAD_LIMIT_BYTES);

    await withContext(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:A30000").values = big.slice(0, 30_000);
      ctx.workbook.worksheets.getItem("S").getRange("A30001:A60000").values = big.slice(30_000);
      await ctx.sync();
    }).catch(() => undefined); // still one request: refused
    await withContext(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:A30000").values = big.slice(0, 30_000);
      await ctx.sync();
      ctx.workbook.worksheets.getItem("S").getRange("A30001:A60000").values = big.slice(30_000);
      await ctx.sync();
    });
    await expect(
      withContext(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1:A60000").load("values");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  it("refuses a values load over 5 million cells", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", rows: [] }] });
    await expect(
      withContext(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 1_000_000, 6).load("values");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  it("fills a new totals row the way Excel does, and refuses to cover cells", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", rows: [["A", "B"], ["x", 1], ["y", 2], [null, null], ["keep", null]] }] });
    await withContext(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      const t = ws.tables.add(ws.getRange("A1:B3"), true);
      t.showTotals = true;
      await ctx.sync();
    });
    expect(fake.rows("S")[3]).toEqual(["Total", 3]);
    const fake2 = new FakeExcel({ sheets: [{ name: "S", rows: [["A", "B"], ["x", 1], ["below", null]] }] });
    await expect(
      withContext(fake2, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("S");
        ws.tables.add(ws.getRange("A1:B2"), true).showTotals = true;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });
});
