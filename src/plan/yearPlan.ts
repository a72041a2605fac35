/**
 * The year plan: annual quotas by method, then a rep × period schedule that adds up exactly
 * both ways. Pure (no Office, DOM or Node); the `quota` command and the wizard share it.
 *
 * Order of the rules:
 * 1. Plan total = target × (1 + uplift), in whole rounding units (forecast: the forecasts'
 *    total × (1 + uplift)).
 * 2. Fixed amounts come first. A lock (REP=AMOUNT, matched like SUMIFS) fixes that rep's
 *    quota. A new hire (on the roster, not in the history) gets Full × ramp[k] in tenure month
 *    k, then Full, and 0 in months the rep is not on the roster for the whole month. Fixed
 *    amounts above the plan total are refused, naming the reps.
 * 3. The method (planQuotas: top-down, bottom-up, forecast, profit) splits the rest over the
 *    other reps. A leaver (on the roster and in the history, with an End date) or any history
 *    rep the roster puts on for part of the year keeps the part of that split that falls in the
 *    months they are on the roster; what falls after goes to the others, by the method again.
 *    With no uplift, locks or roster the annual quotas are exactly planQuotas' quotas.
 * 4. Phasing gives each rep's exact share of every period: equal, the rep's own history by
 *    calendar month (no sales in the time frame → the team's pattern, with a note), the whole
 *    team's pattern, or one weight per period. Months off the roster weigh 0.
 * 5. Controlled rounding (src/quota/controlledRounding.ts) makes the schedule whole units,
 *    each cell the floor or ceiling of its exact share, each rep's periods adding up to the
 *    rep's quota and each period's reps to the period target, whose sum is the plan total.
 *
 * A month counts for a roster entry when the rep is on the roster for the whole month: Start
 * on or before its first day, End (if any) on or after its last day. Tenure month 1 is the
 * first such month from Start (before the plan start too, so a rep hired two months before the
 * plan is in tenure month 3 in its first month). Without Full, the median full-month quota of
 * the tenured reps is used, with a note. Without a ramp a new hire carries Full from month 1.
 *
 * With rounding unit 0 (no rounding) the schedule is the exact shares, which add up only to
 * within floating-point noise.
 */
import { allocate, fromUnits, splitUnits, toUnits } from "../quota/allocate";
import { controlledRounding } from "../quota/controlledRounding";
import { textKey } from "../sheet/cells";
import type { Aggregation, RepHistory } from "../sheet/aggregate";
import { planQuotas, QuotaPlan, tidy } from "../sheet/quotaPlan";
import { calendarPattern, CalendarPattern, firstDay, FIRST_PLAN_START, isIsoDay, LAST_PLAN_START, lastDay, monthSpan, parseMonth, parsePlanStart, periodLayout } from "./calendar";
import { YearPlanError } from "./messages";
import type { Lock, Phasing, RosterEntry, TeamRow, YearPlan, YearPlanParams, YearPlanRow } from "./types";

type Note = YearPlan["notes"][number];

const LIST_LIMIT = 5;

function list(names: string[]): string {
  return names.length <= LIST_LIMIT ? names.join(", ") : `${names.slice(0, LIST_LIMIT).join(", ")} (+${names.length - LIST_LIMIT})`;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Amounts in whole rounding units; unit 0 keeps plain numbers. */
class Units {
  constructor(readonly unit: number) {}
  of(amount: number, param = "target"): number {
    return this.unit === 0 ? amount : toUnits(amount, this.unit, param);
  }
  amount(units: number): number {
    return this.unit === 0 ? tidy(units) : fromUnits(units, this.unit);
  }
  /** Splits `units` by weights (largest remainder); all-zero weights split equally. */
  split(units: number, weights: readonly number[]): number[] {
    if (weights.length === 0) return [];
    const w = weights.some((x) => x > 0) ? weights : weights.map(() => 1);
    if (this.unit === 0) return allocate(units, w, 0);
    return splitUnits(units, w);
  }
}

interface RosterInfo {
  entry: RosterEntry;
  /** 1 for each plan month the rep is on the roster for the whole month, else 0. */
  presence: number[];
}

function validateRoster(roster: readonly RosterEntry[], months: number[]): Map<string, RosterInfo> {
  const out = new Map<string, RosterInfo>();
  for (const entry of roster) {
    const source = entry.source ?? "";
    const key = textKey(entry.rep);
    if (out.has(key)) throw new YearPlanError("rosterTwice", { rep: entry.rep, source });
    for (const field of ["start", "end"] as const) {
      const value = entry[field];
      if (value !== null && value !== undefined && !isIsoDay(value)) throw new YearPlanError("rosterBadDate", { rep: entry.rep, field, value: String(value), source });
    }
    if (entry.start && entry.end && entry.end < entry.start) throw new YearPlanError("rosterEndBeforeStart", { rep: entry.rep, start: entry.start, end: entry.end, source });
    for (const share of entry.ramp ?? []) {
      if (typeof share !== "number" || !(share >= 0 && share <= 1)) throw new YearPlanError("rosterBadRamp", { rep: entry.rep, value: String(share), source });
    }
    if (entry.full !== null && entry.full !== undefined && !(typeof entry.full === "number" && Number.isFinite(entry.full) && entry.full >= 0)) {
      throw new YearPlanError("rosterBadFull", { rep: entry.rep, value: String(entry.full), source });
    }
    const presence = months.map((m) => ((!entry.start || entry.start <= firstDay(m)) && (!entry.end || entry.end >= lastDay(m)) ? 1 : 0));
    out.set(key, { entry, presence });
  }
  return out;
}

/** Tenure shares of a new hire per plan month: ramp[k − 1] in tenure month k, then 1; 0 off the roster. */
function rampShares(info: RosterInfo, months: number[]): number[] {
  const { entry } = info;
  let first = months[0];
  if (entry.start) {
    const m = parseMonth(entry.start.slice(0, 7)) as number;
    first = entry.start.endsWith("-01") ? m : m + 1;
  }
  const ramp = entry.ramp ?? [];
  return months.map((m, k) => {
    if (!info.presence[k]) return 0;
    const tenure = m - first + 1;
    return tenure >= 1 && tenure <= ramp.length ? ramp[tenure - 1] : 1;
  });
}

/** Sums twelve monthly values into the plan's periods. */
function byPeriod(monthly: number[], periods: number, monthsPerPeriod: number): number[] {
  const out = new Array<number>(periods).fill(0);
  monthly.forEach((v, k) => (out[Math.floor(k / monthsPerPeriod)] += v));
  return out;
}

/**
 * The checks of the phasing and the roster against the number of periods, which need no data:
 * the command makes them before it reads a file (a mistake on the command line), planYear again.
 */
export function checkYearShape(phasing: Phasing, periods: number, hasRoster: boolean): void {
  const calendar = Number.isInteger(periods) && periods >= 1 && 12 % periods === 0;
  if (hasRoster && !calendar) throw new YearPlanError("rosterNeedsCalendar", { periods });
  if ((phasing.kind === "history" || phasing.kind === "team") && !calendar) throw new YearPlanError("needsCalendar", { phasing: phasing.kind, periods });
  if (phasing.kind === "pattern") {
    const w = phasing.weights;
    if (w.length !== periods) throw new YearPlanError("patternLength", { actual: w.length, periods });
    w.forEach((x, k) => {
      if (typeof x !== "number" || !Number.isFinite(x) || x < 0) throw new YearPlanError("patternNegative", { index: k + 1, value: String(x) });
    });
    if (!w.some((x) => x > 0)) throw new YearPlanError("patternAllZero");
  }
}

export function planYear(aggregation: Pick<Aggregation, "reps" | "periods">, params: YearPlanParams): YearPlan {
  const P = params.periods;
  const base: QuotaPlan = planQuotas(aggregation, params); // validates method, periods, unit, target
  const start = parsePlanStart(params.start);
  if (start === null) throw new YearPlanError("badStart", { value: String(params.start), first: FIRST_PLAN_START, last: LAST_PLAN_START });
  const uplift = params.uplift ?? 0;
  if (typeof uplift !== "number" || !Number.isFinite(uplift) || uplift < 0) throw new YearPlanError("badUplift", { value: String(uplift) });
  const phasing = params.phasing ?? { kind: "equal" };
  const layout = periodLayout(start, P);
  const { months, monthsPerPeriod } = layout;
  const u = new Units(params.roundTo);
  const reps: readonly RepHistory[] = aggregation.reps;
  const notes: Note[] = [];
  const note = (key: string, noteParams: Note["params"]) => notes.push({ key, params: noteParams });

  const target = base.params.target ?? base.total;
  const planTotalU = uplift === 0 ? u.of(base.total) : u.of(target * (1 + uplift));

  // --- Who is who ------------------------------------------------------------------------------
  const repIndex = new Map<string, number>();
  reps.forEach((r, i) => repIndex.set(textKey(r.name), i));
  const roster = params.roster ?? [];
  checkYearShape(phasing, P, roster.length > 0);
  const rosterInfo = validateRoster(roster, months);
  const newHires = roster.filter((e) => !repIndex.has(textKey(e.rep)));

  const locks = new Map<string, number>(); // key → units
  const lockNames: string[] = [];
  for (const lock of params.locks ?? ([] as Lock[])) {
    const key = textKey(lock.rep);
    if (!repIndex.has(key) && !rosterInfo.has(key)) throw new YearPlanError("lockUnknownRep", { rep: lock.rep });
    const i = repIndex.get(key);
    // The rep as the plan shows it (the first spelling), not as this --lock happened to write it.
    const name = i === undefined ? (rosterInfo.get(key) as RosterInfo).entry.rep : reps[i].name;
    if (locks.has(key)) throw new YearPlanError("lockTwice", { rep: name });
    if (typeof lock.amount !== "number" || !Number.isFinite(lock.amount) || lock.amount < 0) throw new YearPlanError("lockBadAmount", { rep: name, value: String(lock.amount) });
    locks.set(key, u.of(lock.amount, name));
    lockNames.push(name);
  }

  // --- Phasing weights per plan month (or per period when periods do not split the year) ------
  const needsMonthly = phasing.kind === "history" || phasing.kind === "team";
  if (needsMonthly && aggregation.periods.length === 0) throw new YearPlanError("needsDates", { phasing: phasing.kind });
  const span = needsMonthly ? monthSpan(aggregation.periods) : [];
  let teamPattern: CalendarPattern | null | undefined;
  const team = (): CalendarPattern => {
    if (teamPattern === undefined) {
      const sums: Record<string, number> = {};
      for (const r of reps) for (const [m, v] of Object.entries(r.byMonth)) sums[m] = (sums[m] ?? 0) + v;
      const pattern = calendarPattern(sums, span);
      if (pattern === null) throw new YearPlanError("teamPatternEmpty");
      if (pattern.missing.length) note("noteMissingMonths", { months: pattern.missing.join(", ") });
      teamPattern = pattern;
    }
    return teamPattern as CalendarPattern;
  };
  const fellBack: number[] = []; // history reps with no sales by month: the team's pattern
  /** A history rep's phasing weights: per plan month when the periods split the year, else per period. */
  const phaseWeights = (i: number): number[] => {
    if (phasing.kind === "pattern") {
      return monthsPerPeriod === null ? phasing.weights.slice() : months.map((_, k) => phasing.weights[Math.floor(k / monthsPerPeriod)] / monthsPerPeriod);
    }
    if (phasing.kind === "equal") return new Array<number>(monthsPerPeriod === null ? P : 12).fill(1);
    let pattern: CalendarPattern | null = null;
    if (phasing.kind === "history") {
      pattern = calendarPattern(reps[i].byMonth, span);
      if (pattern === null) fellBack.push(i);
    }
    const w = (pattern ?? team()).weights;
    return months.map((m) => w[m % 12]);
  };
  const toPeriods = (weights: number[]): number[] => (monthsPerPeriod === null ? weights : byPeriod(weights, P, monthsPerPeriod));

  // --- Annual quotas ---------------------------------------------------------------------------
  const nRows = reps.length + newHires.length;
  const quotaU = new Array<number>(nRows).fill(0);
  const weights: number[][] = new Array<number[]>(nRows);
  const locked = new Array<boolean>(nRows).fill(false);
  const rostered = new Array<boolean>(nRows).fill(false);
  const names = [...reps.map((r) => r.name), ...newHires.map((e) => e.rep)];
  const fixedNames: string[] = [];
  let fixedU = 0;

  // History reps: phasing × presence.
  const fullWeights = reps.map((_, i) => phaseWeights(i));
  const presence = reps.map((r) => rosterInfo.get(textKey(r.name))?.presence ?? null);
  reps.forEach((_, i) => {
    const p = presence[i];
    weights[i] = toPeriods(p ? fullWeights[i].map((w, k) => w * p[k]) : fullWeights[i]);
  });

  // New hires: Full × ramp per month, fixed (or their lock, spread by the ramp).
  let medianFullU: number | null = null;
  newHires.forEach((entry, h) => {
    const row = reps.length + h;
    const info = rosterInfo.get(textKey(entry.rep)) as RosterInfo;
    const shares = rampShares(info, months);
    rostered[row] = true;
    const lock = locks.get(textKey(entry.rep));
    if (lock !== undefined) {
      locked[row] = true;
      quotaU[row] = lock;
      weights[row] = toPeriods(shares);
      fixedU += lock;
      fixedNames.push(entry.rep);
      return;
    }
    let fullU: number;
    if (entry.full === null || entry.full === undefined) {
      if (medianFullU === null) {
        if (reps.length === 0 || base.total === 0) throw new YearPlanError("rosterNoMedian", { rep: entry.rep, source: entry.source ?? "" });
        const scale = u.amount(planTotalU) / base.total;
        medianFullU = u.of(median(base.rows.map((r) => r.quota)) * scale / 12);
      }
      fullU = medianFullU;
      note("noteMedianFull", { rep: entry.rep, amount: u.amount(fullU) });
    } else {
      fullU = u.of(entry.full, entry.rep);
    }
    const monthly = shares.map((s) => (u.unit === 0 ? fullU * s : Math.round(fullU * s)));
    weights[row] = toPeriods(monthly);
    quotaU[row] = monthly.reduce((a, b) => a + b, 0);
    fixedU += quotaU[row];
    fixedNames.push(entry.rep);
    note("noteNewHire", { rep: entry.rep, start: entry.start ?? firstDay(months[0]), amount: u.amount(quotaU[row]) });
  });

  // Locked history reps.
  reps.forEach((r, i) => {
    const lock = locks.get(textKey(r.name));
    if (lock === undefined) return;
    locked[i] = true;
    quotaU[i] = lock;
    fixedU += lock;
    fixedNames.push(r.name);
  });
  if (lockNames.length) note("noteLocked", { reps: list(lockNames) });

  const restU = planTotalU - fixedU;
  if (restU < 0) {
    throw new YearPlanError("fixedExceed", { fixed: u.amount(fixedU), total: u.amount(planTotalU), reps: list(fixedNames) });
  }

  // The method splits the rest over the free reps; partial-year reps keep their months' part.
  const free = reps.map((_, i) => i).filter((i) => !locked[i]);
  const partial = free.filter((i) => presence[i] !== null && (presence[i] as number[]).some((x) => x === 0));
  const defaults = fixedU === 0 && partial.length === 0 && uplift === 0;
  const methodSplit = (indices: number[], units: number): number[] => {
    if (indices.length === 0) return [];
    const sub = { reps: indices.map((i) => reps[i]), periods: aggregation.periods };
    if (base.method === "forecast") {
      const forecasts = planQuotas(sub, { ...params, target: null }).rows.map((r) => r.quota);
      return u.split(units, forecasts);
    }
    return planQuotas(sub, { ...params, target: u.amount(units) }).rows.map((r) => u.of(r.quota));
  };
  if (defaults) {
    base.rows.forEach((r, i) => (quotaU[i] = u.of(r.quota)));
  } else {
    let leftU = restU;
    let stay = free;
    if (partial.length > 0) {
      const first = methodSplit(free, restU);
      for (const i of partial) {
        const k = free.indexOf(i);
        const all = toPeriods(fullWeights[i]).reduce((a, b) => a + b, 0);
        const kept = weights[i].reduce((a, b) => a + b, 0);
        quotaU[i] = all > 0 ? u.split(first[k], [kept, all - kept])[0] : 0;
        rostered[i] = true;
        leftU -= quotaU[i];
        const end = (rosterInfo.get(textKey(reps[i].name)) as RosterInfo).entry.end;
        if (end) note("noteLeaver", { rep: reps[i].name, end, amount: u.amount(quotaU[i]) });
      }
      stay = free.filter((i) => !partial.includes(i));
    }
    if (stay.length === 0) {
      if (leftU !== 0) throw new YearPlanError("nobodyLeft", { left: u.amount(leftU), total: u.amount(planTotalU) });
    } else {
      methodSplit(stay, leftU).forEach((q, k) => (quotaU[stay[k]] = q));
    }
  }
  // Only reps who carry a quota: a rep with a quota of 0 (no sales, a loss) has nothing to phase.
  const phasedByTeam = fellBack.filter((i) => quotaU[i] > 0).map((i) => reps[i].name);
  if (phasedByTeam.length) note("noteHistoryFallback", { reps: list(phasedByTeam) });
  if (uplift !== 0) {
    note("noteUplift", {
      // Numbers, so each language writes its own decimal sign (12.5 % / 12,5 %).
      uplift: tidy(uplift * 100),
      total: u.amount(planTotalU),
      coverage: Math.round((u.amount(planTotalU) / target) * 1000) / 10,
      target,
    });
  }

  // --- Schedule --------------------------------------------------------------------------------
  for (let i = 0; i < nRows; i++) {
    if (quotaU[i] > 0 && !weights[i].some((w) => w > 0)) {
      throw new YearPlanError("noMonths", { rep: names[i], amount: u.amount(quotaU[i]), from: firstDay(months[0]), to: lastDay(months[11]) });
    }
  }
  let cells: number[][];
  let columns: number[];
  if (u.unit === 0) {
    cells = quotaU.map((q, i) => (q === 0 ? new Array<number>(P).fill(0) : allocate(q, weights[i], 0)));
    columns = Array.from({ length: P }, (_, j) => cells.reduce((a, row) => a + row[j], 0));
  } else {
    const rounded = controlledRounding(quotaU, weights, P, names);
    cells = rounded.cells;
    columns = rounded.columnTotals;
    const short = layout.labels.filter((_, j) => rounded.columnTotals[j] < rounded.largestRemainder[j]);
    if (short.length) note("notePeriodTargets", { periods: list(short) });
  }

  // --- Rows, teams -----------------------------------------------------------------------------
  const periodTotalU = defaults ? u.of(base.periodTotal) : u.of(u.amount(planTotalU) / P);
  const periodSplit = defaults ? base.rows.map((r) => u.of(r.periodQuota)) : u.split(periodTotalU, quotaU);
  const teamOf = (i: number): string | null => (i < reps.length ? ((reps[i] as RepHistory & { team?: string }).team ?? null) : null);
  const rows: YearPlanRow[] = names.map((rep, i) => ({
    rep,
    history: i < reps.length ? base.rows[i].history : 0,
    share: i < reps.length ? base.rows[i].share : 0,
    quota: u.amount(quotaU[i]),
    periodQuota: u.amount(periodSplit[i]),
    team: teamOf(i),
    locked: locked[i],
    rostered: rostered[i],
    schedule: cells[i].map((c) => u.amount(c)),
  }));
  const teams: TeamRow[] = [];
  const teamIndex = new Map<string, { row: TeamRow; units: number; schedule: number[] }>();
  names.forEach((_, i) => {
    const t = teamOf(i);
    if (t === null) return;
    const key = textKey(t);
    let acc = teamIndex.get(key);
    if (!acc) {
      acc = { row: { team: t, quota: 0, schedule: [] }, units: 0, schedule: new Array<number>(P).fill(0) };
      teamIndex.set(key, acc);
      teams.push(acc.row);
    }
    acc.units += quotaU[i];
    cells[i].forEach((c, j) => ((acc as { schedule: number[] }).schedule[j] += c));
  });
  for (const acc of teamIndex.values()) {
    acc.row.quota = u.amount(acc.units);
    acc.row.schedule = acc.schedule.map((c) => u.amount(c));
  }

  const planTotal = u.amount(planTotalU);
  // The flat per-period column splits the plan total: its rounding warning is about that total.
  const warnings = defaults ? base.warnings : base.warnings.filter((w) => w.key !== "periodTotalRounded");
  if (!defaults && P > 1 && u.unit !== 0 && periodTotalU * P !== planTotalU) {
    const periodTotal = u.amount(periodTotalU);
    warnings.push({ key: "periodTotalRounded", params: { total: planTotal, periods: P, exact: tidy(planTotal / P), round: u.unit, periodTotal, product: tidy(periodTotal * P) } });
  }
  return {
    method: base.method,
    params: { ...params, target: base.params.target, growth: base.params.growth, phasing, uplift },
    rows,
    total: planTotal,
    periodTotal: u.amount(periodTotalU),
    warnings,
    target,
    planTotal,
    coverage: target > 0 ? tidy(planTotal / target) : 0,
    periodLabels: layout.labels,
    periodTargets: columns.map((c) => u.amount(c)),
    teams,
    notes,
  };
}
