/** Step 3: the quotas per rep, their totals (equal to the target), and a bar chart. */
import { mergeClasses, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { decimalsOf, planWarningText } from "../../sheet/quotaPlan";
import { quotaTableHeaders } from "../../workbook/quotaSheet";
import { Notice, StepHeading } from "../common";
import { formatNumber, formatPercent } from "../format";
import { QuotaChart } from "../QuotaChart";
import { useStyles } from "../styles";
import { useWizard } from "../Wizard";
import { METHOD_NAMES } from "./MethodStep";

export function PreviewStep() {
  const { t, locale, derived } = useWizard();
  const styles = useStyles();
  const result = derived.plan;
  if (!result?.ok) return <StepHeading>{t("previewHeading")}</StepHeading>;
  const plan = result.value;
  const headers = quotaTableHeaders(locale, plan.method);
  // Amounts with the decimals of the rounding unit, as the Quotas sheet formats them.
  const decimals = decimalsOf(plan.params.roundTo);
  const n = (x: number) => formatNumber(x, locale, decimals);
  const historyTotal = plan.rows.reduce((s, r) => s + r.history, 0);
  const shareTotal = plan.rows.reduce((s, r) => s + r.share, 0);
  const target = plan.params.target;
  const methodName = t(METHOD_NAMES[plan.method]);
  let totalLine: string;
  if (target === null) totalLine = t("totalNoTarget", { total: n(plan.total) });
  else if (plan.total === target) totalLine = t("totalEqualsTarget", { total: n(plan.total) });
  else totalLine = t("totalRoundedTarget", { total: n(plan.total), target: n(target), round: n(plan.params.roundTo) });

  return (
    <>
      <StepHeading>{t("previewHeading")}</StepHeading>
      <Notice intent={target === null ? "info" : "success"} testId="total-line">
        <p style={{ margin: 0 }}>{totalLine}</p>
        {plan.params.periods > 1 && <p style={{ margin: 0 }}>{t("periodTotalLine", { total: n(plan.periodTotal), periods: plan.params.periods })}</p>}
      </Notice>
      <div className={styles.tableScroll} role="region" aria-label={t("tableScrollLabel")} tabIndex={0}>
        <Table size="small" className={styles.table} data-testid="preview-table">
          <caption className={styles.visuallyHidden}>{t("tableCaption", { method: methodName })}</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{headers[0]}</TableHeaderCell>
              {headers.slice(1).map((h, i) => (
                <TableHeaderCell key={h} scope="col" className={mergeClasses(styles.numHeader, i === 1 && styles.shareColumn)}>
                  {h}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {plan.rows.map((r, i) => (
              <TableRow key={`${r.rep}-${i}`}>
                <TableCell className={styles.repCell}>
                  {r.rep}
                  <span className={styles.shareInline} data-inline-share="">
                    <span className={styles.visuallyHidden}>{headers[2]} </span>
                    {formatPercent(r.share, locale)}
                  </span>
                </TableCell>
                <TableCell className={styles.num}>{n(r.history)}</TableCell>
                <TableCell className={mergeClasses(styles.num, styles.shareColumn)}>{formatPercent(r.share, locale)}</TableCell>
                <TableCell className={styles.num}>{n(r.quota)}</TableCell>
                <TableCell className={styles.num}>{n(r.periodQuota)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
          <tfoot>
            <TableRow className={styles.totalRow} data-testid="totals-row">
              <TableHeaderCell scope="row">{t("total")}</TableHeaderCell>
              <TableCell className={styles.num}>{n(historyTotal)}</TableCell>
              <TableCell className={mergeClasses(styles.num, styles.shareColumn)}>{formatPercent(shareTotal, locale)}</TableCell>
              <TableCell className={styles.num} data-testid="total-quota">
                {n(plan.total)}
              </TableCell>
              <TableCell className={styles.num} data-testid="total-period">
                {n(plan.periodTotal)}
              </TableCell>
            </TableRow>
          </tfoot>
        </Table>
      </div>
      {plan.warnings.length > 0 && (
        <Notice intent="warning" testId="plan-warnings">
          <ul className={mergeClasses(styles.list)} style={{ margin: 0 }}>
            {plan.warnings.map((w, i) => (
              <li key={i}>{planWarningText(w, locale)}</li>
            ))}
          </ul>
        </Notice>
      )}
      <h3 className={styles.subheading}>{t("chartTitle")}</h3>
      <QuotaChart plan={plan} historyLabel={headers[1]} quotaLabel={headers[3]} />
    </>
  );
}
