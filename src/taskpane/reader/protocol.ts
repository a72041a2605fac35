/**
 * The messages between the page and its reading worker (reader.worker.ts). The worker holds
 * the file and the rows read from it; the page asks for what it shows: the sheet list, the
 * first rows, the detected table, an aggregation for a mapping, the output workbook's bytes.
 * Everything here crosses postMessage, so it is plain data: errors travel as WireError and
 * come back as errors with messageIn(locale), aggregations travel without their error objects.
 * Pure: no DOM, no worker globals.
 */
import { LocalizedError, type MessageParams } from "../../i18n";
import type { Aggregation, SkippedRow, ValueKind } from "../../sheet/aggregate";
import type { ColumnMapping, DetectedTable } from "../../sheet/detect";
import type { RowsBelow } from "../../sheet/extent";
import { SheetError, type SheetMessageKey } from "../../sheet/errors";
import { OutputSheetTakenError, type WritePlan } from "../../workbook/plan";
import type { FreezeReport, RangeRef, SheetInfo, SheetOwnership, SheetSnapshot, TableInfo } from "../../workbook/port";
import { SourceProblem, type TimeFilter } from "../pipeline";
import type { MessageId } from "../strings";

/** What the page asks. One request at a time is served, in order. */
export type Request =
  /** The file's bytes (transferred, not copied) and its name (which picks the reader). */
  | { op: "open"; bytes: ArrayBuffer; fileName: string }
  | { op: "listSheets" }
  | { op: "listTables" }
  | { op: "ownership"; sheet: string }
  /** A small read (the first rows of a sheet): the rows come back. */
  | { op: "read"; range: RangeRef; columns?: number[] }
  /** Finds the table in the range and reads its columns; the rows stay in the worker. */
  | { op: "readSource"; range: RangeRef }
  /** Aggregates the rows of a source read before (by its id). */
  | { op: "analyse"; source: number; mapping: ColumnMapping; value: ValueKind; skipInvalid: boolean; filter: TimeFilter }
  | { op: "apply"; plan: WritePlan }
  /** Replaces the SALES formulas by their values (the page's only freeze rule), or only reports them. */
  | { op: "freeze"; dryRun: boolean }
  /** The workbook as .xlsx bytes (transferred). */
  | { op: "save" };

export type Op = Request["op"];
export type RequestOf<O extends Op> = Extract<Request, { op: O }>;

/** A source read in the worker: where it is and what was found, without its rows. */
export interface SourceReply {
  id: number;
  range: RangeRef;
  table: DetectedTable;
  /** Non-blank rows below the table's first blank row (left out, as the command does). */
  below: RowsBelow | null;
  /** The snapshot's shape; its rows stay in the worker. */
  snapshot: Omit<SheetSnapshot, "rows"> & { rowCount: number };
}

export interface Replies {
  open: null;
  listSheets: SheetInfo[];
  listTables: TableInfo[];
  ownership: SheetOwnership;
  read: SheetSnapshot;
  readSource: SourceReply;
  analyse: WireAggregation;
  apply: null;
  freeze: FreezeReport;
  save: Uint8Array;
}

/** Page → worker. */
export interface ToReader {
  id: number;
  request: Request;
}

/** Worker → page: progress of a request (rows done of total), its answer, or its failure. */
export type FromReader =
  | { type: "ready" }
  | { type: "progress"; id: number; done: number; total: number }
  | { type: "done"; id: number; value: unknown }
  | { type: "failed"; id: number; error: WireError };

// --- Errors ----------------------------------------------------------------------------------

export type WireError =
  | { kind: "sheet"; key: string; params: MessageParams }
  | { kind: "outputTaken"; sheet: string }
  | { kind: "problem"; id: string; params: Record<string, string | number> }
  /** Another localized error: both languages rendered where it was thrown. */
  | { kind: "localized"; name: string; key: string; params: MessageParams; en: string; sv: string }
  | { kind: "plain"; name: string; message: string };

export function errorToWire(error: unknown): WireError {
  if (error instanceof OutputSheetTakenError) return { kind: "outputTaken", sheet: error.sheet };
  if (error instanceof SheetError) return { kind: "sheet", key: error.key, params: { ...error.params } };
  if (error instanceof SourceProblem) return { kind: "problem", id: error.id, params: { ...error.params } };
  if (error instanceof LocalizedError) {
    return { kind: "localized", name: error.name, key: error.key, params: { ...error.params }, en: error.messageIn("en"), sv: error.messageIn("sv") };
  }
  if (error instanceof Error) return { kind: "plain", name: error.name, message: error.message };
  return { kind: "plain", name: "Error", message: String(error) };
}

/** The error again, as the page's code expects it (instanceof and messageIn work). */
export function errorFromWire(wire: WireError): Error {
  switch (wire.kind) {
    case "outputTaken":
      return new OutputSheetTakenError(wire.sheet);
    case "sheet":
      return new SheetError(wire.key as SheetMessageKey, wire.params);
    case "problem":
      return new SourceProblem(wire.id as MessageId, wire.params);
    case "localized": {
      const e = new LocalizedError({ [wire.key]: { en: wire.en, sv: wire.sv } }, wire.key);
      e.name = wire.name;
      return e;
    }
    case "plain": {
      const e = new Error(wire.message);
      e.name = wire.name;
      return e;
    }
  }
}

// --- Aggregations ----------------------------------------------------------------------------

export type WireSkippedRow = Omit<SkippedRow, "error" | "reason"> & { params: MessageParams };
export type WireAggregation = Omit<Aggregation, "skipped"> & { skipped: WireSkippedRow[] };

export function aggregationToWire(a: Aggregation): WireAggregation {
  return { ...a, skipped: a.skipped.map(({ error, reason: _reason, ...row }) => ({ ...row, params: { ...error.params } })) };
}

export function aggregationFromWire(w: WireAggregation): Aggregation {
  return {
    ...w,
    skipped: w.skipped.map(({ params, ...row }) => {
      const error = new SheetError(row.key, params);
      return { ...row, reason: error.message, error };
    }),
  };
}
