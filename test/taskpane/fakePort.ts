/**
 * An in-memory WorkbookPort for the wizard's UI tests: sheets of plain values, the write plan
 * applied cell by cell, ownership as the real adapters report it. It records every call so a
 * test can assert what the wizard asked for.
 */
import type { WritePlan } from "../../src/workbook/plan";
import { OutputSheetTakenError } from "../../src/workbook/plan";
import { FreezeTally } from "../../src/workbook/freeze";
import type {
  ApplyOptions,
  CellValue,
  FreezeOptions,
  FreezeReport,
  RangeRef,
  ReadOptions,
  SheetInfo,
  SheetOwnership,
  SheetSnapshot,
  TableInfo,
  WorkbookPort,
} from "../../src/workbook/port";

export interface FakeSheet {
  name: string;
  rows: CellValue[][];
}

export class FakePort implements WorkbookPort {
  readonly kind: "excel" | "xlsx";
  readonly sheets: FakeSheet[];
  readonly tables: TableInfo[];
  readonly ours = new Set<string>();
  selection: RangeRef | null = null;
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly applied: WritePlan[] = [];
  readonly revealed: RangeRef[] = [];
  /** Formulas by sheet, then address ("B2"), as the host shows them; the value sits in rows. */
  readonly formulas = new Map<string, Map<string, string>>();
  /** Addresses ("Sheet!B2") that have a formula but no calculated value. */
  readonly uncalculated = new Set<string>();
  /** Makes the next apply wait until release() (to see the progress bar). */
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;

  constructor(sheets: FakeSheet[], options: { kind?: "excel" | "xlsx"; tables?: TableInfo[]; selection?: RangeRef | null } = {}) {
    this.kind = options.kind ?? "xlsx";
    this.sheets = sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]) }));
    this.tables = options.tables ?? [];
    this.selection = options.selection ?? null;
  }

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = null;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  private used(s: FakeSheet): RangeRef | null {
    const lastRow = s.rows.length;
    const lastColumn = s.rows.reduce((m, r) => Math.max(m, r.length), 0);
    return lastRow && lastColumn ? { sheet: s.name, firstRow: 1, firstColumn: 1, lastRow, lastColumn } : null;
  }

  async listSheets(): Promise<SheetInfo[]> {
    this.calls.push({ method: "listSheets", args: [] });
    return this.sheets.map((s) => ({ name: s.name, used: this.used(s), visible: true }));
  }

  async listTables(): Promise<TableInfo[]> {
    this.calls.push({ method: "listTables", args: [] });
    return this.tables;
  }

  async getSelection(): Promise<RangeRef | null> {
    this.calls.push({ method: "getSelection", args: [] });
    return this.selection;
  }

  async read(range: RangeRef, options: ReadOptions = {}): Promise<SheetSnapshot> {
    this.calls.push({ method: "read", args: [range, options.columns] });
    const s = this.sheet(range.sheet);
    if (!s) throw new Error(`no sheet ${range.sheet}`);
    const columns = options.columns ?? Array.from({ length: range.lastColumn - range.firstColumn + 1 }, (_, i) => range.firstColumn + i);
    const rows: CellValue[][] = [];
    const total = range.lastRow - range.firstRow + 1;
    for (let r = range.firstRow; r <= range.lastRow; r++) {
      const row = s.rows[r - 1] ?? [];
      rows.push(columns.map((c) => row[c - 1] ?? null));
      if ((r - range.firstRow + 1) % 50 === 0) options.onProgress?.(r - range.firstRow + 1, total);
    }
    options.onProgress?.(total, total);
    return { sheet: s.name, firstRow: range.firstRow, columns, rows };
  }

  async ownership(sheet: string): Promise<SheetOwnership> {
    this.calls.push({ method: "ownership", args: [sheet] });
    const s = this.sheet(sheet);
    if (!s) return "absent";
    return this.ours.has(s.name) ? "ours" : "foreign";
  }

  async apply(plan: WritePlan, options: ApplyOptions = {}): Promise<void> {
    this.calls.push({ method: "apply", args: [plan] });
    const owner = await this.ownership(plan.sheet);
    if (owner === "foreign") throw new OutputSheetTakenError(plan.sheet);
    options.onProgress?.(0, plan.blocks.length);
    if (this.gate) await this.gate;
    let s = this.sheet(plan.sheet);
    if (!s) {
      s = { name: plan.sheet, rows: [] };
      this.sheets.push(s);
    }
    s.rows = []; // replaces what the add-in wrote before
    this.ours.add(s.name);
    plan.blocks.forEach((b, i) => {
      b.values.forEach((vals, dr) => {
        const r = b.row - 1 + dr;
        while (s!.rows.length <= r) s!.rows.push([]);
        vals.forEach((v, dc) => {
          const cell = v !== null && typeof v === "object" && !(v instanceof Date) ? v.value : v;
          s!.rows[r][b.column - 1 + dc] = cell as CellValue;
        });
      });
      options.onProgress?.(i + 1, plan.blocks.length);
    });
    this.applied.push(plan);
  }

  async reveal(range: RangeRef): Promise<void> {
    this.calls.push({ method: "reveal", args: [range] });
    this.revealed.push(range);
  }

  async freezeFormulas(match: (formula: string) => boolean, options: FreezeOptions = {}): Promise<FreezeReport> {
    this.calls.push({ method: "freezeFormulas", args: [options.dryRun ?? false] });
    if (this.gate && !options.dryRun) await this.gate;
    const tally = new FreezeTally();
    for (const s of this.sheets) {
      const formulas = this.formulas.get(s.name);
      if (!formulas) continue;
      for (const [address, formula] of [...formulas]) {
        if (!match(formula)) continue;
        if (this.uncalculated.has(`${s.name}!${address}`)) {
          tally.uncalculated(s.name, address);
          continue;
        }
        tally.frozen(s.name, address);
        if (!options.dryRun) formulas.delete(address);
      }
    }
    return tally.result();
  }
}

/**
 * A small sales sheet: title rows above the header, a header with a leading space, one rep
 * spelled two ways. In 2025 the reps' history is 2:2:2:1:1 (the seed's bottom-up example:
 * 20,000 → 5,000 ×3 and 2,500 ×2); one older row for Bertil falls outside 2025.
 */
export function salesRows(): CellValue[][] {
  return [
    ["Sales 2025", null, null, null, null],
    [null, null, null, null, null],
    ["Säljare", "Datum", " Amount", "Units", "COGS"],
    ["Anna", new Date(Date.UTC(2025, 0, 15)), 1000, 2, 500],
    ["Bertil", new Date(Date.UTC(2025, 1, 3)), 2000, 4, 900],
    ["anna ", new Date(Date.UTC(2025, 2, 9)), 1000, 1, 300],
    ["Cecilia", new Date(Date.UTC(2025, 3, 20)), 2000, 3, 800],
    ["David", new Date(Date.UTC(2025, 4, 1)), 1000, 1, 100],
    ["Erik", new Date(Date.UTC(2025, 5, 30)), 1000, 5, 600],
    ["Bertil", new Date(Date.UTC(2024, 11, 30)), 500, 1, 100],
  ];
}
