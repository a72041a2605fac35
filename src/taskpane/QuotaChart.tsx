/**
 * Quota vs history per rep as horizontal bars: a hand-made SVG (a chart library would cost
 * more than the whole wizard). Bars are sized in percent, so the chart fits any pane width
 * while the text keeps its size. The SVG is one image with a title and description for
 * screen readers; the preview table holds the exact numbers.
 */
import { tokens } from "@fluentui/react-components";
import { useId } from "react";
import { formatNumber } from "./format";
import type { QuotaPlan } from "./pipeline";
import { useStyles } from "./styles";
import { useWizard } from "./Wizard";

/** More bars than this are unreadable in a task pane; the largest quotas are shown. */
export const MAX_BARS = 15;

// px per rep: a label line above two bars, so the bars can use the full width
const ROW = 44;
const BAR = 11;

export const HISTORY_COLOR = tokens.colorNeutralForeground3;
export const QUOTA_COLOR = tokens.colorBrandBackground;

export function QuotaChart({ plan, historyLabel, quotaLabel }: { plan: QuotaPlan; historyLabel: string; quotaLabel: string }) {
  const { t, locale } = useWizard();
  const styles = useStyles();
  const titleId = useId();
  const descId = useId();
  const rows = plan.rows
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => b.quota - a.quota || a.i - b.i)
    .slice(0, MAX_BARS)
    .sort((a, b) => a.i - b.i);
  const max = rows.reduce((m, r) => Math.max(m, r.quota, r.history), 0) || 1;
  const pct = (v: number) => `${Math.max(0, (v / max) * 100).toFixed(2)}%`;
  const height = rows.length * ROW;
  const n = (v: number) => formatNumber(v, locale);
  return (
    <figure style={{ margin: 0 }} data-testid="chart">
      <ul className={styles.legendRow} aria-hidden="true">
        <li>
          <span className={styles.swatch} style={{ backgroundColor: HISTORY_COLOR }} />
          {historyLabel}
        </li>
        <li>
          <span className={styles.swatch} style={{ backgroundColor: QUOTA_COLOR }} />
          {quotaLabel}
        </li>
      </ul>
      <svg className={styles.chart} width="100%" height={height} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{t("chartTitle")}</title>
        <desc id={descId}>
          {t("chartDesc")} {rows.map((r) => t("chartBar", { rep: r.rep, history: n(r.history), quota: n(r.quota) })).join("; ")}
        </desc>
        {rows.map((r, k) => {
          const y = k * ROW;
          return (
            <g key={r.i} aria-hidden="true">
              <text x="0" y={y + 12} fontSize="12" style={{ fill: tokens.colorNeutralForeground1 }}>
                {r.rep.length > 40 ? `${r.rep.slice(0, 39)}…` : r.rep}
              </text>
              <rect x="0" y={y + 16} width={pct(r.history)} height={BAR} rx="2" style={{ fill: HISTORY_COLOR }} />
              <rect x="0" y={y + 16 + BAR + 2} width={pct(r.quota)} height={BAR} rx="2" style={{ fill: QUOTA_COLOR }} />
            </g>
          );
        })}
      </svg>
      {plan.rows.length > rows.length && <figcaption className={styles.hint}>{t("chartMore", { shown: rows.length, count: plan.rows.length })}</figcaption>}
    </figure>
  );
}
