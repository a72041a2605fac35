/**
 * The Attainment sheet: a review of the plan written as values, native formats and rules only
 * (nothing on it depends on the add-in). Pure: a Review in, a WritePlan out.
 *
 * Layout: the table SalesAttainment from A1 (rep, team, annual quota, quota to date, actual to
 * date, attainment, run-rate projection, then the attainment of each reviewed period), with a
 * totals row; team subtotals below it when the plan has teams (a "(no team)" row last for reps in
 * no team, so they add up to the total); the summary to the right (through,
 * reps at or above quota next to the 55–70 % planners expect, the distribution, reps in the
 * actuals but not in the plan); a chart of quota against actual to date per rep. Attainment
 * cells are coloured by band: below 90 % red, 90–100 % amber, at or above 100 % green.
 */
import { Locale, LocalizedError } from "../i18n";
import { decimalsOf, formatNumber } from "../sheet/quotaPlan";
import { CellBlock, ConditionalFormat, isValidSheetName, PlanChart, PlanTable, PlanValue, workbookMessages, WritePlan } from "../workbook/plan";
import { periodLabelIn } from "./calendar";
import { NEAR_QUOTA, Review, ReviewFigures } from "./review";
import { ATTAINMENT_SHEET } from "./sheetNames";
import { NO_TEAM_LABEL } from "./teams";

export const ATTAINMENT_TABLE_NAME = "SalesAttainment";
export const ATTAINMENT_TEAM_TABLE_NAME = "SalesAttainmentTeams";
export const ATTAINMENT_CHART_NAME = "AttainmentToDate";
export const MAX_ATTAINMENT_CHART_REPS = 50;
/** Reps in the actuals but not in the plan, listed one a line; the rest are counted. */
const MAX_UNMATCHED_LINES = 20;

const TEXTS = {
  en: {
    sheet: ATTAINMENT_SHEET.en,
    rep: "Rep",
    team: "Team",
    quota: "Annual quota",
    quotaToDate: "Quota to date",
    actualToDate: "Actual to date",
    attainment: "Attainment",
    projection: "Projection (run rate)",
    total: "Total",
    heading: "Review",
    through: "Actuals through",
    periodsReviewed: "Periods reviewed",
    atOrAbove: "Reps at or above quota",
    expected: "Expected in a healthy plan",
    expectedValue: "55–70 %",
    below: "Below 90 %",
    near: "90–100 %",
    above: "At or above 100 %",
    noQuotaYet: "Reps without a quota yet",
    unmatched: "In the actuals, not in the plan",
    outside: "Actuals outside the reviewed months",
    source: "Actuals from",
    created: "Reviewed at",
    chartTitle: "Quota and actual to date",
    teams: "By team",
    attainmentOf: (label: string) => `Att. ${label}`,
    more: (count: number) => `… and ${count} more`,
  },
  sv: {
    sheet: ATTAINMENT_SHEET.sv,
    rep: "Säljare",
    team: "Team",
    quota: "Årskvot",
    quotaToDate: "Kvot hittills",
    actualToDate: "Utfall hittills",
    attainment: "Måluppfyllelse",
    projection: "Prognos (takt)",
    total: "Totalt",
    heading: "Uppföljning",
    through: "Utfall till och med",
    periodsReviewed: "Perioder som följs upp",
    atOrAbove: "Säljare på eller över kvot",
    expected: "Väntat i en sund plan",
    expectedValue: "55–70 %",
    below: "Under 90 %",
    near: "90–100 %",
    above: "På eller över 100 %",
    noQuotaYet: "Säljare utan kvot ännu",
    unmatched: "I utfallet, inte i planen",
    outside: "Utfall utanför de uppföljda månaderna",
    source: "Utfall från",
    created: "Uppföljd",
    chartTitle: "Kvot och utfall hittills",
    teams: "Per team",
    attainmentOf: (label: string) => `Uppf. ${label}`,
    more: (count: number) => `… och ${count} till`,
  },
};

/** The sheet's default name in the user's language. */
export function attainmentSheetName(locale: Locale): string {
  return TEXTS[locale].sheet;
}

const PERCENT = "0.0%";
/** Excel's own "Light red fill with dark red text", "Yellow…", "Green…" presets. */
export const BAND_COLOURS = {
  below: { fill: "FFC7CE", font: "9C0006" },
  near: { fill: "FFEB9C", font: "9C5700" },
  above: { fill: "C6EFCE", font: "006100" },
};

export interface AttainmentProvenance {
  /** Where the actuals came from, e.g. "sales-2026.xlsx, sheet Sales". */
  source: string;
  createdAt: Date;
}

function bands(range: ConditionalFormat["range"]): ConditionalFormat {
  return {
    range,
    rules: [
      { operator: "lessThan", values: [NEAR_QUOTA], ...BAND_COLOURS.below },
      { operator: "between", values: [NEAR_QUOTA, 0.999999999], ...BAND_COLOURS.near },
      { operator: "greaterThanOrEqual", values: [1], ...BAND_COLOURS.above },
    ],
  };
}

function figuresRow(f: ReviewFigures): PlanValue[] {
  return [f.quota, f.quotaToDate, f.actualToDate, f.attainment, f.projection, ...f.byPeriod.map((p) => p.attainment)];
}

/** Builds the Attainment sheet. */
export function buildAttainmentWritePlan(review: Review, provenance: AttainmentProvenance, roundTo: number, locale: Locale = "en", sheetName = attainmentSheetName(locale)): WritePlan {
  if (!isValidSheetName(sheetName)) throw new LocalizedError(workbookMessages, "invalidSheetName", { sheet: sheetName });
  const t = TEXTS[locale];
  const decimals = decimalsOf(roundTo);
  const money = decimals === 0 ? "#,##0" : `#,##0.${"0".repeat(decimals)}`;
  const periodHeaders = review.periods.map((p) => t.attainmentOf(periodLabelIn(p, locale)));
  const headers = [t.rep, t.team, t.quota, t.quotaToDate, t.actualToDate, t.attainment, t.projection, ...periodHeaders];
  const columns = headers.length;
  const formats = ["@", "@", money, money, money, PERCENT, money, ...periodHeaders.map(() => PERCENT)];
  const n = review.rows.length;
  const headerRow = 1;
  const firstDataRow = 2;
  const lastDataRow = headerRow + Math.max(n, 1);
  const totalsRow = lastDataRow + 1;

  const blocks: CellBlock[] = [{ row: headerRow, column: 1, values: [headers], bold: true }];
  const data: PlanValue[][] = review.rows.map((r) => [r.rep, r.team ?? "", ...figuresRow(r)]);
  if (data.length === 0) data.push(new Array<PlanValue>(columns).fill(null));
  blocks.push({ row: firstDataRow, column: 1, values: data, columnFormats: formats });

  const tot = review.total;
  const table: PlanTable = {
    name: ATTAINMENT_TABLE_NAME,
    range: { sheet: sheetName, firstRow: headerRow, firstColumn: 1, lastRow: lastDataRow, lastColumn: columns },
    columns: headers.map((name, i) => {
      if (i === 0) return { name, totals: { label: t.total } };
      if (i === 2) return { name, totals: { function: "sum" as const, value: tot.quota } };
      if (i === 3) return { name, totals: { function: "sum" as const, value: tot.quotaToDate } };
      if (i === 4) return { name, totals: { function: "sum" as const, value: tot.actualToDate } };
      if (i === 6) return { name, totals: { function: "sum" as const, value: tot.projection } };
      return { name, totals: null };
    }),
    showTotals: true,
    style: "TableStyleMedium2",
  };
  // The totals row's attainment is the team's: actual to date ÷ quota to date (a value, so the
  // sheet reads the same in every spreadsheet program).
  blocks.push({ row: totalsRow, column: 6, values: [[tot.attainment]], columnFormats: [PERCENT], bold: true });
  blocks.push({ row: totalsRow, column: 8, values: [tot.byPeriod.map((p) => p.attainment)], columnFormats: tot.byPeriod.map(() => PERCENT), bold: true });

  const tables: PlanTable[] = [table];
  const conditionalFormats: ConditionalFormat[] = [
    bands({ sheet: sheetName, firstRow: firstDataRow, firstColumn: 6, lastRow: lastDataRow, lastColumn: 6 }),
  ];
  if (periodHeaders.length > 0) {
    conditionalFormats.push(bands({ sheet: sheetName, firstRow: firstDataRow, firstColumn: 8, lastRow: lastDataRow, lastColumn: columns }));
  }

  let nextRow = totalsRow + 2;
  if (review.teams.length > 0) {
    blocks.push({ row: nextRow, column: 1, values: [[t.teams]], bold: true });
    const teamHeaderRow = nextRow + 1;
    const teamHeaders = [t.team, "", ...headers.slice(2)];
    teamHeaders[1] = locale === "sv" ? "Säljare (antal)" : "Reps";
    blocks.push({ row: teamHeaderRow, column: 1, values: [teamHeaders], bold: true });
    blocks.push({
      row: teamHeaderRow + 1,
      column: 1,
      // The reps in no team (new hires) last, so the team rows add up to the total.
      values: review.teams.map((tm) => [tm.team ?? NO_TEAM_LABEL[locale], tm.reps, ...figuresRow(tm)]),
      columnFormats: ["@", "0", ...formats.slice(2)],
    });
    const teamLast = teamHeaderRow + review.teams.length;
    tables.push({
      name: ATTAINMENT_TEAM_TABLE_NAME,
      range: { sheet: sheetName, firstRow: teamHeaderRow, firstColumn: 1, lastRow: teamLast, lastColumn: columns },
      columns: teamHeaders.map((name) => ({ name, totals: null })),
      showTotals: false,
      style: "TableStyleLight9",
    });
    conditionalFormats.push(bands({ sheet: sheetName, firstRow: teamHeaderRow + 1, firstColumn: 6, lastRow: teamLast, lastColumn: 6 }));
    if (periodHeaders.length > 0) conditionalFormats.push(bands({ sheet: sheetName, firstRow: teamHeaderRow + 1, firstColumn: 8, lastRow: teamLast, lastColumn: columns }));
    nextRow = teamLast + 2;
  }

  // The summary beside the table.
  const block = columns + 2;
  const d = review.distribution;
  const noQuota = review.rows.filter((r) => r.attainment === null).length;
  const lines: { label: string; value: PlanValue; format?: string }[] = [
    { label: t.through, value: review.through },
    { label: t.periodsReviewed, value: `${review.periods.length} / ${review.periodsInPlan}` },
    { label: t.atOrAbove, value: review.atOrAbove, format: PERCENT },
    { label: t.expected, value: t.expectedValue },
    { label: t.above, value: d.atOrAbove, format: "0" },
    { label: t.near, value: d.near, format: "0" },
    { label: t.below, value: d.below, format: "0" },
  ];
  if (noQuota > 0) lines.push({ label: t.noQuotaYet, value: noQuota, format: "0" });
  for (const u of review.unmatched.slice(0, MAX_UNMATCHED_LINES)) lines.push({ label: t.unmatched, value: `${u.rep}: ${formatNumber(u.actualToDate, locale)}` });
  if (review.unmatched.length > MAX_UNMATCHED_LINES) lines.push({ label: t.unmatched, value: t.more(review.unmatched.length - MAX_UNMATCHED_LINES) });
  if (review.actualsOutside !== 0) lines.push({ label: t.outside, value: review.actualsOutside, format: money });
  lines.push({ label: t.source, value: provenance.source });
  lines.push({ label: t.created, value: provenance.createdAt.toISOString() });
  blocks.push({ row: 1, column: block, values: [[t.heading]], bold: true });
  lines.forEach((line, i) => blocks.push({ row: 2 + i, column: block, values: [[line.label, line.value]], columnFormats: [null, line.format ?? null] }));

  const charts: PlanChart[] = [];
  if (n >= 1 && n <= MAX_ATTAINMENT_CHART_REPS) {
    const col = (c: number) => ({ sheet: sheetName, firstRow: firstDataRow, firstColumn: c, lastRow: lastDataRow, lastColumn: c });
    const top = Math.max(nextRow, 2 + lines.length + 2);
    charts.push({
      name: ATTAINMENT_CHART_NAME,
      title: t.chartTitle,
      categories: col(1),
      series: [
        { name: t.quotaToDate, values: col(4) },
        { name: t.actualToDate, values: col(5) },
      ],
      anchor: { sheet: sheetName, firstRow: top, firstColumn: block, lastRow: top + Math.min(30, Math.max(16, n + 8)), lastColumn: block + 7 },
    });
  }

  const repWidth = review.rows.reduce((m, r) => Math.max(m, [...r.rep].length), 10);
  const columnWidths = [
    { column: 1, width: Math.min(40, repWidth + 2) },
    { column: 2, width: 14 },
    ...headers.slice(2).map((h, i) => ({ column: i + 3, width: Math.max(12, Math.min(24, [...h].length + 2)) })),
    { column: block, width: Math.min(48, lines.reduce((m, l) => Math.max(m, [...l.label].length), [...t.heading].length) + 2) },
    { column: block + 1, width: 24 },
  ];

  return {
    sheet: sheetName,
    blocks,
    tables,
    charts,
    columnWidths,
    freezeRows: headerRow,
    result: { sheet: sheetName, firstRow: headerRow, firstColumn: 1, lastRow: totalsRow, lastColumn: columns },
    conditionalFormats,
    // Landscape, one page wide, the header row on every page, like the Quotas sheet.
    pageSetup: { orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitleRows: { first: headerRow, last: headerRow } },
  };
}
