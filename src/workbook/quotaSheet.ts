/**
 * The Quotas sheet as a write plan (pure data; an adapter applies it):
 *
 *   A–E  the table "SalesQuotas": Rep | History | Share | Quota | Quota per period, with a
 *        totals row whose Quota equals the target exactly. Header in row 1, frozen, so a long
 *        rep list scrolls and prints with its header.
 *   G–H  "How these quotas were made": method, parameters, source, filter, row counts, time,
 *        notes. Beside the table rather than above it, so it never moves the table and the
 *        first printed page carries both.
 *   G…   below that block, a chart of quota vs history per rep (up to MAX_CHART_REPS reps:
 *        beyond that the bars are unreadable and the table says it all).
 *
 * For a year plan (YearPlan) the sheet is the schedule, laid out to print on landscape pages
 * one page wide with the header row on every page (yearSheet.ts):
 *   A…   the table "SalesQuotas": Rep | Team | Note | one column per period ("Jan 2026") |
 *        Quota (the row total) | History, with a totals row of native sums (each period's
 *        target, the plan total). Team only with teams; Note says "locked", "new hire (ramp)",
 *        "leaver".
 *   below it, with teams, the table "SalesQuotasByTeam": Team | Reps | Share | periods | Quota,
 *        its period columns under the schedule's, and a totals row;
 *   below that, "How these quotas were made" (label in A, value in B) with the year plan's
 *        phasing, start, company target, uplift, plan total and coverage, locks, roster and
 *        notes; then the chart.
 */
import { formatTemplate, Locale, LocalizedError } from "../i18n";
import type { YearPlan } from "../plan/types";
import { decimalsOf, formatNumber, planWarningText, QuotaPlan, tidy } from "../sheet/quotaPlan";
import { CellBlock, DEFAULT_OUTPUT_SHEET, isValidSheetName, PlanChart, PlanTable, PlanValue, workbookMessages, WritePlan } from "./plan";
import type { RangeRef } from "./port";
import { isYearPlan, yearAuditLines, yearNoteLines, yearSchedule } from "./yearSheet";

export const QUOTA_TABLE_NAME = "SalesQuotas";
export const QUOTA_CHART_NAME = "QuotaVsHistory";
export const MAX_CHART_REPS = 50;

/** Where the numbers came from, recorded on the sheet next to them. */
export interface QuotaProvenance {
  sourceSheet: string;
  /** Role → the header used, e.g. { rep: "Säljare", amount: "Amount (SEK)", date: "Date", costs: "COGS" }. */
  columns: Record<string, string>;
  createdAt: Date;
  /** The workbook file the data came from (its name, not a path), when known. */
  sourceFile?: string | null;
  /** The date filter; null or empty = every row. */
  filter?: { year?: number | null; from?: Date | null; to?: Date | null } | null;
  rowsRead?: number;
  rowsUsed?: number;
  /** Rows skipped because a cell could not be read (--skip-invalid). */
  rowsSkipped?: number;
  /** Rows left out by the date filter. */
  rowsOutOfRange?: number;
  /** The top-down weight column's header, when weights were used. */
  weightColumn?: string | null;
  /** What wrote the sheet, e.g. "quota command 0.1.0". */
  madeBy?: string | null;
  /** Where a year plan's roster came from, e.g. "staff.xlsx, sheet Roster". */
  roster?: string | null;
  /** Non-blank rows below the table's first blank row, left out of the history. */
  rowsBelow?: { first: number; count: number } | null;
  /** The rows skipped (--skip-invalid), with the reason; the first few are listed in the sheet's language. */
  skippedRows?: readonly { row: number; reason: string; error?: { messageIn(locale: Locale): string } }[];
}

/** Skipped rows listed one by one in the block; the rest are counted. */
export const MAX_LISTED_SKIPPED = 5;

type Texts = Record<
  | "rep"
  | "history"
  | "historyProfit"
  | "share"
  | "quota"
  | "periodQuota"
  | "total"
  | "heading"
  | "method"
  | "target"
  | "noTarget"
  | "quotaTotal"
  | "periods"
  | "periodTotal"
  | "roundTo"
  | "noRounding"
  | "growth"
  | "forecastFrom"
  | "weights"
  | "weightsEqual"
  | "sourceFile"
  | "sourceSheet"
  | "dateFilter"
  | "allDates"
  | "rowsRead"
  | "rowsUsed"
  | "rowsSkipped"
  | "rowsOutOfRange"
  | "createdIso"
  | "createdAt"
  | "madeBy"
  | "notes"
  | "chartTitle"
  | "topdown"
  | "topdownWeighted"
  | "bottomup"
  | "forecast"
  | "profit"
  | "colRep"
  | "colAmount"
  | "colDate"
  | "colCosts"
  | "colUnits"
  | "colWeight"
  | "colTeam"
  | "colColumn"
  | "rowsBelow"
  | "rowsBelowValue"
  | "skippedRow"
  | "skippedMore",
  string
>;

const TEXTS: Record<Locale, Texts> = {
  en: {
    rep: "Rep",
    history: "History",
    historyProfit: "Profit history",
    share: "Share",
    quota: "Quota",
    periodQuota: "Quota per period",
    total: "Total",
    heading: "How these quotas were made",
    method: "Method",
    target: "Target",
    noTarget: "none (a forecast has no target)",
    quotaTotal: "Quotas add up to",
    periods: "Periods",
    periodTotal: "Quotas per period add up to",
    roundTo: "Rounding unit",
    noRounding: "none",
    growth: "Growth",
    forecastFrom: "Forecast from",
    weights: "Weights",
    weightsEqual: "equal",
    sourceFile: "Source file",
    sourceSheet: "Source sheet",
    dateFilter: "Dates",
    allDates: "all rows",
    rowsRead: "Rows read",
    rowsUsed: "Rows used",
    rowsSkipped: "Rows skipped (unreadable cells)",
    rowsOutOfRange: "Rows outside the dates",
    createdIso: "Created (ISO 8601, UTC)",
    createdAt: "Created (UTC)",
    madeBy: "Made by",
    notes: "Note",
    chartTitle: "Quota vs history per rep",
    topdown: "Top-down: target split equally",
    topdownWeighted: "Top-down: target split by weight",
    bottomup: "Bottom-up: target split by share of history",
    forecast: "Forecast: history × (1 + growth)",
    profit: "Profit: target split by share of revenue − costs",
    colRep: "Rep column",
    colAmount: "Value column",
    colDate: "Date column",
    colCosts: "Cost columns",
    colUnits: "Units column",
    colWeight: "Weight column",
    colTeam: "Team column",
    colColumn: "Column",
    rowsBelow: "Rows below the table (left out)",
    rowsBelowValue: "{count, plural, one {# row} other {# rows}} from row {first} down, after a blank row",
    skippedRow: "Skipped row {row}",
    skippedMore: "{count, plural, one {# more skipped row} other {# more skipped rows}}",
  },
  sv: {
    rep: "Säljare",
    history: "Historik",
    historyProfit: "Vinsthistorik",
    share: "Andel",
    quota: "Kvot",
    periodQuota: "Kvot per period",
    total: "Totalt",
    heading: "Så togs kvoterna fram",
    method: "Metod",
    target: "Mål",
    noTarget: "inget (en prognos har inget mål)",
    quotaTotal: "Kvoterna summerar till",
    periods: "Perioder",
    periodTotal: "Kvoterna per period summerar till",
    roundTo: "Avrundningsenhet",
    noRounding: "ingen",
    growth: "Tillväxt",
    forecastFrom: "Prognos utifrån",
    weights: "Vikter",
    weightsEqual: "lika",
    sourceFile: "Källfil",
    sourceSheet: "Källblad",
    dateFilter: "Datum",
    allDates: "alla rader",
    rowsRead: "Lästa rader",
    rowsUsed: "Använda rader",
    rowsSkipped: "Överhoppade rader (oläsbara celler)",
    rowsOutOfRange: "Rader utanför datumen",
    createdIso: "Skapad (ISO 8601, UTC)",
    createdAt: "Skapad (UTC)",
    madeBy: "Skapad av",
    notes: "Obs",
    chartTitle: "Kvot jämfört med historik per säljare",
    topdown: "Uppifrån och ned: målet delat lika",
    topdownWeighted: "Uppifrån och ned: målet fördelat efter vikt",
    bottomup: "Nedifrån och upp: målet fördelat efter andel av historiken",
    forecast: "Prognos: historik × (1 + tillväxt)",
    profit: "Vinst: målet fördelat efter andel av intäkter − kostnader",
    colRep: "Säljarkolumn",
    colAmount: "Värdekolumn",
    colDate: "Datumkolumn",
    colCosts: "Kostnadskolumner",
    colUnits: "Antalskolumn",
    colWeight: "Viktkolumn",
    colTeam: "Teamkolumn",
    colColumn: "Kolumn",
    rowsBelow: "Rader under tabellen (utelämnade)",
    rowsBelowValue: "{count, plural, one {# rad} other {# rader}} från rad {first} och nedåt, efter en tom rad",
    skippedRow: "Överhoppad rad {row}",
    skippedMore: "{count, plural, one {# överhoppad rad till} other {# överhoppade rader till}}",
  },
};

/** The table's column headers in the user's language (the wizard's preview uses them too). */
export function quotaTableHeaders(locale: Locale = "en", method: QuotaPlan["method"] = "bottomup"): string[] {
  const t = TEXTS[locale] ?? TEXTS.en;
  return [t.rep, method === "profit" ? t.historyProfit : t.history, t.share, t.quota, t.periodQuota];
}

/** The method as the block describes it. */
export function methodDescription(plan: Pick<QuotaPlan, "method" | "params">, locale: Locale = "en"): string {
  const t = TEXTS[locale] ?? TEXTS.en;
  if (plan.method === "topdown") return plan.params.weighting === "weight" ? t.topdownWeighted : t.topdown;
  return t[plan.method];
}

/** Excel number format for amounts rounded to `roundTo`: #,##0 / #,##0.0 / #,##0.00 … */
export function moneyFormat(roundTo: number): string {
  const decimals = decimalsOf(roundTo);
  return decimals === 0 ? "#,##0" : `#,##0.${"0".repeat(decimals)}`;
}

export const SHARE_FORMAT = "0.0%";
export const DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm";

const TABLE_COLUMNS = 5;
const BLOCK_COLUMN = 7; // G: one empty column after the table

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function columnLabel(role: string, t: Texts): string {
  switch (role.toLowerCase()) {
    case "rep":
      return t.colRep;
    case "amount":
    case "value":
      return t.colAmount;
    case "date":
      return t.colDate;
    case "cost":
    case "costs":
      return t.colCosts;
    case "units":
      return t.colUnits;
    case "weight":
    case "weights":
      return t.colWeight;
    case "team":
      return t.colTeam;
    default:
      return `${t.colColumn}: ${role}`;
  }
}

function dateFilterText(filter: QuotaProvenance["filter"], t: Texts): string {
  if (!filter) return t.allDates;
  if (filter.year !== null && filter.year !== undefined) return String(filter.year);
  const from = filter.from ? isoDate(filter.from) : null;
  const to = filter.to ? isoDate(filter.to) : null;
  if (from && to) return `${from} – ${to}`;
  if (from) return `≥ ${from}`;
  if (to) return `≤ ${to}`;
  return t.allDates;
}

function width(text: string): number {
  return [...text].length;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Characters a number takes in a #,##0.00-style format (for column widths). */
function numberWidth(value: number, decimals: number): number {
  const digits = Math.max(1, Math.floor(Math.log10(Math.max(1, Math.abs(value)))) + 1);
  return digits + Math.floor((digits - 1) / 3) + (decimals > 0 ? decimals + 1 : 0) + (value < 0 ? 1 : 0);
}

/**
 * Builds the Quotas sheet for a plan. Pure. Rep names and every other text go in as plain
 * strings, which adapters write as text (a rep called "=cmd" stays text).
 */
export function buildQuotaWritePlan(
  plan: QuotaPlan | YearPlan,
  provenance: QuotaProvenance,
  sheetName: string = DEFAULT_OUTPUT_SHEET,
  locale: Locale = "en",
): WritePlan {
  if (!isValidSheetName(sheetName)) throw new LocalizedError(workbookMessages, "invalidSheetName", { sheet: sheetName });
  const t = TEXTS[locale] ?? TEXTS.en;
  const money = moneyFormat(plan.params.roundTo);
  const decimals = decimalsOf(plan.params.roundTo);
  const n = plan.rows.length;
  const headerRow = 1;
  const firstDataRow = headerRow + 1;
  const lastDataRow = headerRow + Math.max(n, 1); // an Excel table needs one data row
  const totalsRow = lastDataRow + 1;
  const headers = quotaTableHeaders(locale, plan.method);
  // A year plan's sheet is its rep × period schedule (yearSheet.ts); the audit block is shared.
  const schedule = isYearPlan(plan) ? yearSchedule(plan, sheetName, locale) : null;

  const blocks: CellBlock[] = [];
  if (schedule) blocks.push(...schedule.blocks);
  else blocks.push({ row: headerRow, column: 1, values: [headers], bold: true });
  const dataValues: PlanValue[][] = plan.rows.map((r) => [r.rep, r.history, r.share, r.quota, r.periodQuota]);
  if (dataValues.length === 0) dataValues.push([null, null, null, null, null]);
  if (!schedule) blocks.push({
    row: firstDataRow,
    column: 1,
    values: dataValues,
    columnFormats: ["@", money, SHARE_FORMAT, money, money],
  });

  let historyTotal = 0;
  let shareTotal = 0;
  for (const r of plan.rows) {
    historyTotal += r.history;
    shareTotal += r.share;
  }
  const table: PlanTable = {
    name: QUOTA_TABLE_NAME,
    range: { sheet: sheetName, firstRow: headerRow, firstColumn: 1, lastRow: lastDataRow, lastColumn: TABLE_COLUMNS },
    columns: [
      { name: headers[0], totals: { label: t.total } },
      { name: headers[1], totals: { function: "sum", value: tidy(historyTotal) } },
      { name: headers[2], totals: { function: "sum", value: tidy(shareTotal) } },
      { name: headers[3], totals: { function: "sum", value: plan.total } },
      { name: headers[4], totals: { function: "sum", value: plan.periodTotal } },
    ],
    showTotals: true,
    style: "TableStyleMedium2",
  };

  // The provenance block: one block per line so each value gets its own number format.
  const p = plan.params;
  const lines: { label: string; value: PlanValue; format?: string | null }[] = [];
  lines.push({ label: t.method, value: methodDescription(plan, locale) });
  lines.push(p.target === null ? { label: t.target, value: t.noTarget } : { label: t.target, value: p.target, format: money });
  lines.push({ label: t.quotaTotal, value: plan.total, format: money });
  lines.push({ label: t.periods, value: p.periods, format: "0" });
  // The schedule's period columns add up to the plan total: the flat per-period column, and its
  // rounding warning, belong to the annual table only.
  if (!schedule) lines.push({ label: t.periodTotal, value: plan.periodTotal, format: money });
  lines.push(p.roundTo === 0 ? { label: t.roundTo, value: t.noRounding } : { label: t.roundTo, value: p.roundTo, format: money });
  if (isYearPlan(plan)) lines.push(...yearAuditLines(plan, provenance, locale));
  if (plan.method === "forecast") {
    lines.push({ label: t.growth, value: p.growth, format: SHARE_FORMAT });
    lines.push({ label: t.forecastFrom, value: p.forecastMethod ?? "last" });
  }
  if (plan.method === "topdown") {
    lines.push({ label: t.weights, value: p.weighting === "weight" ? provenance.weightColumn ?? provenance.columns.weight ?? "" : t.weightsEqual });
  }
  if (provenance.sourceFile) lines.push({ label: t.sourceFile, value: provenance.sourceFile });
  lines.push({ label: t.sourceSheet, value: provenance.sourceSheet });
  for (const [role, header] of Object.entries(provenance.columns)) lines.push({ label: columnLabel(role, t), value: header });
  lines.push({ label: t.dateFilter, value: dateFilterText(provenance.filter, t) });
  const counts: [string, number | undefined][] = [
    [t.rowsRead, provenance.rowsRead],
    [t.rowsUsed, provenance.rowsUsed],
    [t.rowsOutOfRange, provenance.rowsOutOfRange],
    [t.rowsSkipped, provenance.rowsSkipped],
  ];
  for (const [label, value] of counts) if (value !== undefined) lines.push({ label, value, format: "#,##0" });
  const below = provenance.rowsBelow;
  if (below) lines.push({ label: t.rowsBelow, value: formatTemplate(t.rowsBelowValue, { count: formatNumber(below.count, locale), first: below.first }) });
  const skipped = provenance.skippedRows ?? [];
  for (const r of skipped.slice(0, MAX_LISTED_SKIPPED)) {
    lines.push({ label: formatTemplate(t.skippedRow, { row: r.row }), value: r.error ? r.error.messageIn(locale) : r.reason });
  }
  if (skipped.length > MAX_LISTED_SKIPPED) lines.push({ label: t.rowsSkipped, value: formatTemplate(t.skippedMore, { count: formatNumber(skipped.length - MAX_LISTED_SKIPPED, locale) }) });
  lines.push({ label: t.createdIso, value: provenance.createdAt.toISOString() });
  lines.push({ label: t.createdAt, value: provenance.createdAt, format: DATE_TIME_FORMAT });
  if (provenance.madeBy) lines.push({ label: t.madeBy, value: provenance.madeBy });
  for (const w of plan.warnings) if (!(schedule && w.key === "periodTotalRounded")) lines.push({ label: t.notes, value: planWarningText(w, locale) });
  if (isYearPlan(plan)) lines.push(...yearNoteLines(plan, locale));

  // Beside the table; for a year plan below its tables, label in A and value in B.
  const blockTop = schedule ? schedule.blockRow : 1;
  const blockColumn = schedule ? 1 : BLOCK_COLUMN;
  blocks.push({ row: blockTop, column: blockColumn, values: [[t.heading]], bold: true });
  lines.forEach((line, i) => {
    blocks.push({ row: blockTop + 1 + i, column: blockColumn, values: [[line.label, line.value]], columnFormats: [null, line.format ?? null] });
  });
  const blockLastRow = blockTop + lines.length;

  const charts: PlanChart[] = [];
  if (n >= 1 && n <= MAX_CHART_REPS) {
    const col = (c: number): RangeRef => ({ sheet: sheetName, firstRow: firstDataRow, firstColumn: c, lastRow: lastDataRow, lastColumn: c });
    const top = blockLastRow + 2;
    charts.push({
      name: QUOTA_CHART_NAME,
      title: t.chartTitle,
      categories: col(1),
      series: [
        { name: headers[1], values: col(schedule ? schedule.historyColumn : 2) },
        { name: headers[3], values: col(schedule ? schedule.quotaColumn : 4) },
      ],
      anchor: { sheet: sheetName, firstRow: top, firstColumn: blockColumn, lastRow: top + clamp(n + 8, 16, 30), lastColumn: blockColumn + 7 },
    });
  }

  const maxOf = (pick: (r: QuotaPlan["rows"][number]) => number, extra: number) =>
    plan.rows.reduce((m, r) => Math.max(m, numberWidth(pick(r), decimals)), numberWidth(extra, decimals));
  const labelWidth = lines.reduce((m, l) => Math.max(m, width(l.label)), width(t.heading));
  const valueWidth = lines.reduce((m, l) => Math.max(m, typeof l.value === "string" ? width(l.value) : 16), 12);
  const columnWidths = [
    { column: 1, width: clamp(plan.rows.reduce((m, r) => Math.max(m, width(r.rep)), Math.max(width(headers[0]), width(t.total))) + 2, 12, 40) },
    { column: 2, width: clamp(Math.max(maxOf((r) => r.history, historyTotal), width(headers[1])) + 3, 12, 24) },
    { column: 3, width: clamp(width(headers[2]) + 3, 9, 16) },
    { column: 4, width: clamp(Math.max(maxOf((r) => r.quota, plan.total), width(headers[3])) + 3, 12, 24) },
    { column: 5, width: clamp(Math.max(maxOf((r) => r.periodQuota, plan.periodTotal), width(headers[4])) + 3, 12, 24) },
    { column: 6, width: 3 },
    { column: BLOCK_COLUMN, width: clamp(labelWidth + 2, 16, 40) },
    { column: BLOCK_COLUMN + 1, width: clamp(valueWidth + 2, 16, 60) },
  ];

  if (schedule) {
    return {
      sheet: sheetName,
      blocks,
      tables: schedule.tables,
      charts,
      columnWidths: schedule.columnWidths(labelWidth, lines.reduce((m, l) => Math.max(m, typeof l.value === "string" ? 0 : 17), 12)),
      freezeRows: headerRow,
      result: schedule.result,
      pageSetup: { orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitleRows: { first: headerRow, last: headerRow } },
    };
  }
  return {
    sheet: sheetName,
    blocks,
    tables: [table],
    charts,
    columnWidths,
    freezeRows: headerRow,
    result: { sheet: sheetName, firstRow: headerRow, firstColumn: 1, lastRow: totalsRow, lastColumn: TABLE_COLUMNS },
  };
}
