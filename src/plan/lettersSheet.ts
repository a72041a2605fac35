/**
 * Quota letters: one printed page per rep telling them what is expected of them, with lines
 * for both signatures (the quota agreement of the seed article). Pure: a YearPlan in, a
 * WritePlan out — values only, nothing that needs the add-in.
 *
 * Each letter is a block of rows in columns A–D: the heading, the rep (and team), the plan
 * period, the annual quota, how it was set in one plain sentence, ramp and lock terms where
 * they apply, the schedule period by period with its total, and the signature lines. A manual
 * page break follows every letter; the page is A4 portrait, one page wide, print area set.
 */
import { Locale, LocalizedError } from "../i18n";
import { decimalsOf, formatNumber, tidy } from "../sheet/quotaPlan";
import { CellBlock, isValidSheetName, PlanValue, workbookMessages, WritePlan } from "../workbook/plan";
import { periodHeaders } from "../workbook/yearSheet";
import type { RosterEntry, YearPlan, YearPlanRow } from "./types";
import { NO_TEAM_LABEL } from "./teams";
import { LETTERS_SHEET } from "./sheetNames";

const TEXTS = {
  en: {
    sheet: LETTERS_SHEET.en,
    heading: "Quota letter",
    to: "For",
    team: "Team",
    period: "Plan period",
    quota: "Annual quota",
    how: "How it was set",
    terms: "Terms",
    schedule: "Your quota by period",
    periodCol: "Period",
    quotaCol: "Quota",
    total: "Total",
    agreed: "Agreed",
    repSign: "Rep",
    managerSign: "Manager",
    date: "Date",
    locked: "Your quota was agreed by hand and is fixed (locked).",
    start: (date: string) => `You start on ${date}; there is no quota before that.`,
    end: (date: string) => `Your plan ends on ${date}; there is no quota after that.`,
    ramp: (steps: string, full: string) => `Ramp: your first months carry ${steps} of the full monthly quota of ${full}, then 100 %.`,
    uplift: (planTotal: string, target: string, pct: string) => `The reps' quotas add up to ${planTotal}: the company target of ${target} plus ${pct} over-assignment.`,
    methods: {
      bottomup: (target: string, share: string) => `Your share (${share}) of the target of ${target}, in proportion to your sales in the time frame.`,
      profit: (target: string, share: string) => `Your share (${share}) of the profit target of ${target}, in proportion to your profit (revenue minus costs).`,
      topdownEqual: (target: string, reps: number) => `The target of ${target} split equally between the ${reps} reps.`,
      topdownWeighted: (target: string, share: string) => `Your share (${share}) of the target of ${target}, in proportion to your territory weight.`,
      forecast: (growth: string) => `Your sales in the time frame plus ${growth} growth.`,
    },
    newHire: "Fixed from the roster: the full monthly quota from your start, on the ramp below.",
    // When locks or new hires fixed part of the plan total, the method split what was left.
    rest: {
      bottomup: (rest: string, fixed: string) => `In proportion to your sales in the time frame: your part of the ${rest} left after the fixed quotas of ${fixed}.`,
      profit: (rest: string, fixed: string) => `In proportion to your profit (revenue minus costs): your part of the ${rest} left after the fixed quotas of ${fixed}.`,
      topdownEqual: (rest: string, fixed: string) => `An equal part of the ${rest} left after the fixed quotas of ${fixed}.`,
      topdownWeighted: (rest: string, fixed: string) => `In proportion to your territory weight: your part of the ${rest} left after the fixed quotas of ${fixed}.`,
      forecast: (rest: string, fixed: string) => `In proportion to your forecast (your sales in the time frame plus growth): your part of the ${rest} left after the fixed quotas of ${fixed}.`,
    },
  },
  sv: {
    sheet: LETTERS_SHEET.sv,
    heading: "Kvotbrev",
    to: "Till",
    team: "Team",
    period: "Planperiod",
    quota: "Årskvot",
    how: "Så sattes kvoten",
    terms: "Villkor",
    schedule: "Din kvot per period",
    periodCol: "Period",
    quotaCol: "Kvot",
    total: "Totalt",
    agreed: "Överenskommet",
    repSign: "Säljare",
    managerSign: "Chef",
    date: "Datum",
    locked: "Din kvot är överenskommen för hand och ligger fast (låst).",
    start: (date: string) => `Du börjar ${date}; före dess har du ingen kvot.`,
    end: (date: string) => `Din plan slutar ${date}; efter dess har du ingen kvot.`,
    ramp: (steps: string, full: string) => `Upprampning: dina första månader bär ${steps} av den fulla månadskvoten på ${full}, sedan 100 %.`,
    uplift: (planTotal: string, target: string, pct: string) => `Säljarnas kvoter summerar till ${planTotal}: företagets mål på ${target} plus ${pct} överfördelning.`,
    methods: {
      bottomup: (target: string, share: string) => `Din andel (${share}) av målet på ${target}, i proportion till din försäljning under perioden.`,
      profit: (target: string, share: string) => `Din andel (${share}) av vinstmålet på ${target}, i proportion till din vinst (intäkter minus kostnader).`,
      topdownEqual: (target: string, reps: number) => `Målet på ${target} delat lika mellan de ${reps} säljarna.`,
      topdownWeighted: (target: string, share: string) => `Din andel (${share}) av målet på ${target}, i proportion till ditt distrikts vikt.`,
      forecast: (growth: string) => `Din försäljning under perioden plus ${growth} tillväxt.`,
    },
    newHire: "Fast enligt bemanningslistan: den fulla månadskvoten från din start, med upprampningen nedan.",
    rest: {
      bottomup: (rest: string, fixed: string) => `I proportion till din försäljning under perioden: din del av de ${rest} som återstod efter de fasta kvoterna på ${fixed}.`,
      profit: (rest: string, fixed: string) => `I proportion till din vinst (intäkter minus kostnader): din del av de ${rest} som återstod efter de fasta kvoterna på ${fixed}.`,
      topdownEqual: (rest: string, fixed: string) => `En lika stor del av de ${rest} som återstod efter de fasta kvoterna på ${fixed}.`,
      topdownWeighted: (rest: string, fixed: string) => `I proportion till ditt distrikts vikt: din del av de ${rest} som återstod efter de fasta kvoterna på ${fixed}.`,
      forecast: (rest: string, fixed: string) => `I proportion till din prognos (din försäljning under perioden plus tillväxt): din del av de ${rest} som återstod efter de fasta kvoterna på ${fixed}.`,
    },
  },
};

export function lettersSheetName(locale: Locale): string {
  return TEXTS[locale].sheet;
}

/** Rows a letter takes before its schedule, and after it (blank, agreed, two signatures). */
const HEAD_ROWS = 11;
const SIGNATURE_ROWS = 6;
const LINE = "______________________________";
/** Characters a line of text takes in column B before it continues on the next row. */
const WRAP_AT = 64;

/** Cuts text into lines of at most `width` characters at spaces, so it prints without wrapping. */
export function wrapWords(text: string, width = WRAP_AT): string[] {
  const lines: string[] = [];
  let line = "";
  // Plain spaces only: a no-break space (Swedish digit groups, "1\u00a0500\u00a0000") never breaks a line.
  for (const word of text.split(/[ \t\r\n]+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [""];
}

const MONTHS: Record<Locale, string[]> = {
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  sv: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
};

function monthName(month: string, locale: Locale): string {
  const [y, m] = month.split("-").map(Number);
  return `${MONTHS[locale][m - 1]} ${y}`;
}

function planPeriod(plan: YearPlan, locale: Locale): string {
  const [y, m] = plan.params.start.split("-").map(Number);
  const endIndex = y * 12 + m - 1 + 11;
  const end = `${Math.floor(endIndex / 12)}-${String((endIndex % 12) + 1).padStart(2, "0")}`;
  return `${monthName(plan.params.start, locale)} – ${monthName(end, locale)}`;
}

function percent(value: number, locale: Locale): string {
  return `${formatNumber(value * 100, locale, 1)} %`;
}

/** The method in one plain sentence, for this rep. */
function howSentence(plan: YearPlan, row: YearPlanRow, locale: Locale): string {
  const t = TEXTS[locale];
  const money = (v: number) => formatNumber(v, locale);
  const target = money(plan.planTotal);
  // A locked rep's quota was agreed by hand; a new hire's comes from the roster. The others
  // shared what those fixed quotas left, so their sentence names that amount, not the total.
  if (row.locked) return t.locked;
  if (row.rostered) return t.newHire;
  const fixed = plan.rows.reduce((sum, r) => (r.locked || r.rostered ? sum + r.quota : sum), 0);
  if (fixed > 0) {
    const rest = money(tidy(plan.planTotal - fixed));
    const kind = plan.method === "topdown" ? (plan.params.weighting === "weight" ? "topdownWeighted" : "topdownEqual") : plan.method;
    return t.rest[kind](rest, money(tidy(fixed)));
  }
  switch (plan.method) {
    case "bottomup":
      return t.methods.bottomup(target, percent(row.share, locale));
    case "profit":
      return t.methods.profit(target, percent(row.share, locale));
    case "forecast":
      return t.methods.forecast(percent(plan.params.growth, locale));
    default:
      return plan.params.weighting === "weight" ? t.methods.topdownWeighted(target, percent(row.share, locale)) : t.methods.topdownEqual(target, plan.rows.length);
  }
}

function rosterOf(plan: YearPlan, rep: string): RosterEntry | null {
  const key = rep.trim().toLowerCase();
  return plan.params.roster?.find((r) => r.rep.trim().toLowerCase() === key) ?? null;
}

function termLines(plan: YearPlan, row: YearPlanRow, locale: Locale): string[] {
  const t = TEXTS[locale];
  const lines: string[] = [];
  const entry = rosterOf(plan, row.rep);
  if (entry) {
    // A start long before the plan (a tenured rep who leaves) says nothing about this plan.
    if (entry.start && (row.rostered || entry.start >= `${plan.params.start}-01`)) lines.push(t.start(entry.start));
    if (entry.ramp && entry.ramp.length > 0) {
      const steps = entry.ramp.map((r) => percent(r, locale)).join(", ");
      lines.push(t.ramp(steps, entry.full === null ? "—" : formatNumber(entry.full, locale)));
    }
    if (entry.end) lines.push(t.end(entry.end));
  }
  if (plan.params.uplift > 0) lines.push(t.uplift(formatNumber(plan.planTotal, locale), formatNumber(plan.target, locale), percent(plan.params.uplift, locale)));
  return lines;
}

export interface LettersLayout {
  writePlan: WritePlan;
  /** The first row of each rep's letter, in plan order. */
  letterRows: number[];
}

/** Builds the letters sheet: one page per rep. */
export function buildLettersWritePlan(plan: YearPlan, locale: Locale = "en", sheetName = lettersSheetName(locale)): LettersLayout {
  if (!isValidSheetName(sheetName)) throw new LocalizedError(workbookMessages, "invalidSheetName", { sheet: sheetName });
  const t = TEXTS[locale];
  const decimals = decimalsOf(plan.params.roundTo);
  const money = decimals === 0 ? "#,##0" : `#,##0.${"0".repeat(decimals)}`;
  const period = planPeriod(plan, locale);
  const blocks: CellBlock[] = [];
  const letterRows: number[] = [];
  const breaks: number[] = [];
  let row = 1;
  // Months by their full name; other periods as the Quotas sheet heads them ("Feb–Apr 2026",
  // "K1 2026" in Swedish): a quarter starting in February is not "February".
  const monthly = plan.periodLabels.length === 12;
  const headers = periodHeaders(plan, locale);
  // Without a team column the letter says nothing of teams (a blank line keeps the layout).
  const hasTeams = plan.rows.some((r) => r.team !== null);
  for (const rep of plan.rows) {
    const first = row;
    letterRows.push(first);
    const head: PlanValue[][] = [
      [t.to, rep.rep],
      hasTeams ? [t.team, rep.team ?? NO_TEAM_LABEL[locale]] : [null, null],
      [t.period, period],
      [t.quota, rep.quota],
    ];
    blocks.push({ row: first, column: 1, values: [[t.heading]], bold: true });
    blocks.push({ row: first + 2, column: 1, values: head, columnFormats: [null, null] });
    blocks.push({ row: first + 5, column: 2, values: [[rep.quota]], columnFormats: [money], bold: true });
    // Label in A, the text in B cut into lines, one row each.
    let textRow = first + 7;
    const paragraph = (label: string, text: string) => {
      wrapWords(text).forEach((line, i) => blocks.push({ row: textRow + i, column: 1, values: [[i === 0 ? label : null, line]] }));
      textRow += wrapWords(text).length;
    };
    paragraph(t.how, howSentence(plan, rep, locale));
    termLines(plan, rep, locale).forEach((line, i) => paragraph(i === 0 ? t.terms : "", line));
    const scheduleRow = Math.max(first + HEAD_ROWS, textRow + 1);
    blocks.push({ row: scheduleRow, column: 1, values: [[t.schedule]], bold: true });
    blocks.push({ row: scheduleRow + 1, column: 1, values: [[t.periodCol, t.quotaCol]], bold: true });
    blocks.push({
      row: scheduleRow + 2,
      column: 1,
      values: plan.periodLabels.map((label, p) => [monthly ? monthName(label, locale) : headers[p], rep.schedule[p]]),
      columnFormats: ["@", money],
    });
    const totalRow = scheduleRow + 2 + plan.periodLabels.length;
    blocks.push({ row: totalRow, column: 1, values: [[t.total, rep.quota]], columnFormats: [null, money], bold: true });
    const sign = totalRow + 2;
    blocks.push({ row: sign, column: 1, values: [[t.agreed]], bold: true });
    blocks.push({
      row: sign + 2,
      column: 1,
      values: [
        [`${t.repSign}: ${rep.rep}`, LINE, t.date, "____________"],
        [null, null, null, null],
        [t.managerSign, LINE, t.date, "____________"],
      ],
    });
    row = sign + SIGNATURE_ROWS;
    breaks.push(row - 1);
  }
  breaks.pop(); // no break after the last letter
  const lastRow = Math.max(1, row - 1);
  return {
    letterRows,
    writePlan: {
      sheet: sheetName,
      blocks,
      tables: [],
      charts: [],
      columnWidths: [
        { column: 1, width: 22 },
        { column: 2, width: WRAP_AT + 2 },
        { column: 3, width: 8 },
        { column: 4, width: 16 },
      ],
      freezeRows: 0,
      result: { sheet: sheetName, firstRow: 1, firstColumn: 1, lastRow, lastColumn: 4 },
      pageSetup: {
        orientation: "portrait",
        fitToWidth: 1,
        fitToHeight: 0,
        printTitleRows: null,
        paperSize: "A4",
        printArea: { sheet: sheetName, firstRow: 1, firstColumn: 1, lastRow, lastColumn: 4 },
        rowBreaks: breaks,
      },
    },
  };
}
