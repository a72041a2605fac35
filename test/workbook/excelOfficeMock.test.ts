/**
 * The adapter on Microsoft's office-addin-mock, for the calls its static object tree can
 * model (a selection, activating and selecting). Its traps: it has no sync counter (spy on
 * context.sync), it answers a read of an unloaded or unsynced property with an error *string*
 * instead of throwing, and every method must be seeded by hand — so results are compared
 * strictly: a missing load or sync would put that string, or NaN, into the result.
 * Collections (`items/name` loads) and cell storage are beyond it; the fake in
 * test/support/excelMock.ts covers those.
 */
import { OfficeMockObject } from "office-addin-mock";
import { ExcelRunner, ExcelWorkbook } from "../../src/workbook/excel";

function mockRunner(data: Record<string, unknown>) {
  const mock = new OfficeMockObject(data);
  const context = mock.context as OfficeMockObject;
  const sync = jest.spyOn(context, "sync");
  const run = ((batch: (ctx: unknown) => Promise<unknown>) => batch(context)) as unknown as ExcelRunner;
  return { context, sync, run };
}

describe("ExcelWorkbook on office-addin-mock", () => {
  it("reads the selection after one load and one sync", async () => {
    const { sync, run } = mockRunner({
      context: {
        workbook: {
          selected: { rowIndex: 4, columnIndex: 1, rowCount: 10, columnCount: 3, worksheet: { name: "Försäljning" } },
          getSelectedRange() {
            return (this as unknown as { selected: unknown }).selected;
          },
        },
      },
    });
    const port = new ExcelWorkbook({ run });
    expect(await port.getSelection()).toEqual({ sheet: "Försäljning", firstRow: 5, firstColumn: 2, lastRow: 14, lastColumn: 4 });
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it("reveals a range: activates its sheet, selects exactly that range, one sync", async () => {
    const activate = jest.fn();
    const select = jest.fn();
    const getItem = jest.fn();
    const getRangeByIndexes = jest.fn();
    const { context, sync, run } = mockRunner({
      context: {
        workbook: {
          worksheets: {
            sheet: { activate, getRangeByIndexes, range: { select } },
            getItem,
          },
        },
      },
    });
    const worksheets = (context.workbook as OfficeMockObject).worksheets as OfficeMockObject;
    const sheet = worksheets.sheet as OfficeMockObject;
    getItem.mockReturnValue(sheet);
    getRangeByIndexes.mockReturnValue(sheet.range);

    await new ExcelWorkbook({ run }).reveal({ sheet: "Quotas", firstRow: 1, firstColumn: 1, lastRow: 12, lastColumn: 5 });
    expect(getItem).toHaveBeenCalledWith("Quotas");
    expect(activate).toHaveBeenCalledTimes(1);
    expect(getRangeByIndexes).toHaveBeenCalledWith(0, 0, 12, 5);
    expect(select).toHaveBeenCalledTimes(1);
    expect(sync).toHaveBeenCalledTimes(1);
  });
});
