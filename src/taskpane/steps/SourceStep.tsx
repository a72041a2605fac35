/** Step 1: where the sales data is, which columns mean what, and what was read. */
import { Button, Checkbox, Field, Label, Radio, RadioGroup, Select } from "@fluentui/react-components";
import { useEffect, useId, useRef } from "react";
import { costCandidates } from "../../sheet/detect";
import { columnLetter } from "../../workbook/plan";
import { Notice, ProgressStatus, StepHeading } from "../common";
import { formatNumber } from "../format";
import { errorText, rangeLabel, type Aggregation, type DetectedTable } from "../pipeline";
import type { MappingField, SourceKind } from "../state";
import type { MessageId, Translate } from "../strings";
import { useStyles } from "../styles";
import { useWizard } from "../Wizard";

const FILE_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,.csv,text/csv,.tsv,.txt";
const SKIPPED_SHOWN = 8;

const FIELDS: { field: MappingField; label: MessageId; required: boolean }[] = [
  { field: "rep", label: "mapRep", required: true },
  { field: "amount", label: "mapAmount", required: false },
  { field: "date", label: "mapDate", required: false },
  { field: "units", label: "mapUnits", required: false },
  { field: "weight", label: "mapWeight", required: false },
  { field: "team", label: "mapTeam", required: false },
];

export function SourceStep() {
  const { state, t, host, locale } = useWizard();
  const styles = useStyles();
  const busy = state.readStatus === "reading" || state.readStatus === "opening";
  // Controls are disabled while a file is read, which drops the keyboard focus to the page. When
  // the read ends, focus goes on to the next control: the sheet picker (or Next), or back to the
  // file button after a failure.
  const refocus = useRef(false);
  useEffect(() => {
    if (busy || !refocus.current) return;
    refocus.current = false;
    const active = document.activeElement;
    // Unless the user has moved on to another control, focus is on the page, the hidden file
    // input or a control that was disabled for the read.
    const lost = !active || active === document.body || (active as HTMLInputElement).type === "file" || (active as HTMLInputElement).disabled;
    if (!lost) return;
    const byId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]:not([disabled])`);
    const next = state.readStatus === "error" ? byId("open-file") : (byId("sheet-select") ?? byId("next"));
    next?.focus();
  }, [busy, state.readStatus]);
  const willRead = () => {
    refocus.current = true;
  };
  return (
    <>
      <StepHeading>{t("sourceHeading")}</StepHeading>
      <p className={styles.text}>{host.kind === "excel" ? t("sourceIntroExcel") : t("sourceIntroBrowser")}</p>
      {host.kind === "browser" ? <FilePicker busy={busy} onChosen={willRead} /> : <ExcelSource busy={busy} />}
      {host.kind === "browser" && state.sheets.length > 0 && <SheetChoice busy={busy} onChosen={willRead} />}
      {state.readStatus === "opening" && <ProgressStatus progress={state.readProgress} label={state.fileName ? t("opening", { name: state.fileName }) : t("reading")} testId="read-progress" />}
      {state.readStatus === "reading" && <ProgressStatus progress={state.readProgress} label={t("reading")} testId="read-progress" />}
      {state.readStatus === "error" && (
        <Notice intent="error" title={t("errorTitle")} testId="read-error">
          {errorText(state.error, locale, t)}
        </Notice>
      )}
      {state.source && state.mapping && <Mapping />}
      {state.source && state.mapping && <Rows />}
    </>
  );
}

/**
 * The file picker: a Fluent button in the wizard's language opening a hidden file input (the
 * native input's own button speaks the browser's language, not the wizard's).
 */
function FilePicker({ busy, onChosen }: { busy: boolean; onChosen: () => void }) {
  const { t, actions, state } = useWizard();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const labelId = useId();
  const hintId = useId();
  const opened = state.fileName !== null && state.sheets.length > 0;
  return (
    <div className={styles.labelBlock} role="group" aria-labelledby={labelId}>
      <Label id={labelId} weight="semibold">
        {t("fileLabel")}
      </Label>
      <div className={styles.actions}>
        <Button appearance={opened ? "secondary" : "primary"} disabled={busy} aria-describedby={hintId} onClick={() => input.current?.click()} data-testid="open-file">
          {opened ? t("chooseOtherFile") : t("chooseFile")}
        </Button>
        <span className={styles.text}>{state.fileName ?? t("noFile")}</span>
      </div>
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        accept={FILE_TYPES}
        data-testid="file-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = ""; // choosing the same file again must open it again
          if (file) {
            onChosen();
            void actions.openFile(file);
          }
        }}
      />
      <p id={hintId} className={styles.hint}>
        {opened ? t("fileOpened", { name: state.fileName! }) : t("browserMode")}
      </p>
    </div>
  );
}

function SheetChoice({ busy, onChosen }: { busy: boolean; onChosen?: () => void }) {
  const { state, t, actions } = useWizard();
  return (
    <Field label={t("sheetLabel")}>
      <Select
        value={state.sheet ?? ""}
        disabled={busy}
        onChange={(_, d) => {
          onChosen?.();
          actions.chooseSheet(d.value);
        }}
        data-testid="sheet-select"
      >
        {state.sheet === null && <option value="">{t("chooseSheet")}</option>}
        {state.sheets
          .filter((s) => s.visible)
          .map((s) => (
            <option key={s.name} value={s.name} disabled={!s.used}>
              {s.used ? s.name : t("emptySheet", { sheet: s.name })}
            </option>
          ))}
      </Select>
    </Field>
  );
}

function ExcelSource({ busy }: { busy: boolean }) {
  const { state, t, actions } = useWizard();
  const styles = useStyles();
  const kinds: { kind: SourceKind; label: MessageId }[] = [
    { kind: "selection", label: "kindSelection" },
    { kind: "table", label: "kindTable" },
    { kind: "sheet", label: "kindSheet" },
  ];
  return (
    <>
      <Field label={t("sourceKind")}>
        <RadioGroup value={state.sourceKind} onChange={(_, d) => actions.chooseKind(d.value as SourceKind)} disabled={busy}>
          {kinds.map((k) => (
            <Radio key={k.kind} value={k.kind} label={t(k.label)} disabled={k.kind === "table" && state.tables.length === 0} />
          ))}
        </RadioGroup>
      </Field>
      {state.sourceKind === "table" && state.tables.length === 0 && <p className={styles.hint}>{t("noTables")}</p>}
      {state.sourceKind === "selection" && (
        <div className={styles.labelBlock}>
          <p className={styles.hint}>{t("selectionHint")}</p>
          <div className={styles.actions}>
            <Button onClick={() => void actions.useSelection()} disabled={busy}>
              {t("useSelection")}
            </Button>
            <span className={styles.text}>{state.selection ? t("selectionIs", { address: rangeLabel(state.selection) }) : t("noSelection")}</span>
          </div>
        </div>
      )}
      {state.sourceKind === "table" && state.tables.length > 0 && (
        <Field label={t("tableLabel")}>
          <Select value={state.table ?? ""} disabled={busy} onChange={(_, d) => actions.chooseTable(d.value)}>
            {state.tables.map((x) => (
              <option key={x.name} value={x.name}>
                {x.name} ({x.range.sheet})
              </option>
            ))}
          </Select>
        </Field>
      )}
      {state.sourceKind === "sheet" && <SheetChoice busy={busy} />}
    </>
  );
}

function columnOptions(table: DetectedTable, t: Translate) {
  return table.columns.map((c) => (
    <option key={c.column} value={String(c.column)}>
      {t("columnOption", { letter: columnLetter(c.column), header: c.header.trim() || columnLetter(c.column) })}
    </option>
  ));
}

function Mapping() {
  const { state, t, dispatch, locale } = useWizard();
  const styles = useStyles();
  const source = state.source!;
  const mapping = state.mapping!;
  const table = source.table;
  const costName = useId();
  const missingValue = mapping.amount === null && mapping.units === null;
  // Costs are money: ids, codes, calendar parts, rates, a profit column and columns in another role are not offered.
  const taken = [mapping.rep, mapping.amount, mapping.date, mapping.units, mapping.weight, mapping.team ?? null];
  const candidates = costCandidates(table, taken);
  return (
    <>
      <p className={styles.text} data-testid="detected">
        {t("detected", { address: rangeLabel(source.range), row: table.headerRow, first: table.firstDataRow, last: table.lastDataRow })}
      </p>
      {source.below && (
        <Notice intent="warning" testId="rows-below">
          {t("rowsBelow", { end: table.lastDataRow, first: source.below.first, count: formatNumber(source.below.count, locale, 0) })}
        </Notice>
      )}
      <h3 className={styles.subheading}>{t("mappingHeading")}</h3>
      <p className={styles.hint}>{t("mappingHint")}</p>
      <div className={styles.grid2}>
        {FIELDS.map(({ field, label }) => {
          const value = mapping[field] ?? null;
          const error = field === "rep" && value === null ? t("needRep") : field === "amount" && missingValue ? t("needAmount") : undefined;
          return (
            <Field key={field} label={t(label)} validationMessage={error} validationState={error ? "error" : "none"}>
              <Select
                value={value === null ? "" : String(value)}
                data-testid={`map-${field}`}
                onChange={(_, d) => dispatch({ type: "setMapping", field, column: d.value === "" ? null : Number(d.value) })}
              >
                <option value="">{t("mapNone")}</option>
                {columnOptions(table, t)}
              </Select>
            </Field>
          );
        })}
      </div>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t("mapCosts")}</legend>
        {candidates.length === 0 ? (
          <p className={styles.hint}>{t("noCostCandidates")}</p>
        ) : (
          <div className={styles.costList}>
            {candidates.map((c) => (
              <Checkbox
                key={c.column}
                name={costName}
                label={c.header.trim() || columnLetter(c.column)}
                checked={mapping.costs.includes(c.column)}
                onChange={(_, d) => dispatch({ type: "toggleCost", column: c.column, on: d.checked === true })}
              />
            ))}
          </div>
        )}
      </fieldset>
    </>
  );
}

function Rows() {
  const { state, t, locale, derived, dispatch } = useWizard();
  const styles = useStyles();
  const base = derived.base;
  return (
    <>
      <h3 className={styles.subheading}>{t("statsHeading")}</h3>
      {base && !base.ok && (
        <Notice intent="error" title={t("errorTitle")} testId="rows-error">
          {errorText(base.error, locale, t)}
        </Notice>
      )}
      {base?.ok && <RowStats aggregation={base.value} />}
      <Checkbox checked={state.skipInvalid} onChange={(_, d) => dispatch({ type: "setSkipInvalid", on: d.checked === true })} label={t("skipInvalid")} />
    </>
  );
}

function RowStats({ aggregation: a }: { aggregation: Aggregation }) {
  const { t, locale } = useWizard();
  const styles = useStyles();
  const n = (x: number) => formatNumber(x, locale, 0);
  const shown = a.skipped.slice(0, SKIPPED_SHOWN);
  return (
    <>
      <p className={styles.text} data-testid="row-stats">
        {t("statsLine", { read: n(a.rowsRead), used: n(a.rowsUsed), skipped: n(a.skipped.length), reps: n(a.reps.length) })}
      </p>
      {a.skipped.length > 0 && (
        <>
          <p className={styles.text}>{t("skippedHeading")}</p>
          <ul className={styles.list} data-testid="skipped-list">
            {shown.map((s, i) => (
              <li key={`${s.row}-${i}`}>{s.error.messageIn(locale)}</li>
            ))}
            {a.skipped.length > shown.length && <li>{t("skippedMore", { count: n(a.skipped.length - shown.length) })}</li>}
          </ul>
        </>
      )}
    </>
  );
}
