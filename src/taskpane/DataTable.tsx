/**
 * A table for a narrow task pane, with its columns given as data (the preview's quota table
 * uses it; a rep × month schedule can use it too). What makes it fit 320 px:
 * - the first column (the row's name) stays in view while the table scrolls sideways;
 * - number cells never wrap or clip: when the full numbers do not fit the pane, they switch to
 *   a compact form (12.3M / 12,3 mn), with the full value in the cell's title (hover), read
 *   out to screen readers, and shown under the table for the focused cell (keyboard);
 * - cells are one tab stop: arrow keys, Home and End move between them (roving tabindex).
 */
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface DataColumn<R> {
  id: string;
  header: string;
  /** Numbers align right, never wrap, and may be shown compactly. */
  numeric?: boolean;
  /** The full text of the cell. */
  text(row: R): string;
  /** A shorter text for when space is short (numbers); the full text stays in the title. */
  compact?(row: R): string;
  /**
   * Extra content after the text (e.g. a share repeated under the name on narrow panes, or an
   * edit button). `rowActive`: the row holds the table's tab stop, so its controls may take
   * tab stops too (tabIndex 0) while the other rows' stay out of the tab order.
   */
  extra?(row: R, rowActive: boolean): ReactNode;
  /** A class for this column's cells (e.g. hide a column on narrow panes). */
  className?: string;
  /** "ascending" | "descending" when the rows are sorted by this column. */
  sort?: "ascending" | "descending";
}

export interface DataFooter {
  label: string;
  /** Per column id: the full and compact text; the first column takes `label`. */
  cells: Record<string, { text: string; compact?: string; testId?: string }>;
  testId?: string;
}

export interface DataTableProps<R> {
  columns: DataColumn<R>[];
  rows: readonly R[];
  rowKey(row: R, index: number): string;
  caption: string;
  /** The scroll region's accessible name. */
  label: string;
  footer?: DataFooter;
  testId?: string;
  /** Force full or compact numbers; by default compact only when the full ones do not fit. */
  compact?: boolean;
}

const useTableStyles = makeStyles({
  scroll: {
    // The containing block of the cells' screen-reader text (position: absolute), so text in
    // cells scrolled out of view cannot widen the pane.
    position: "relative",
    overflowX: "auto",
    maxWidth: "100%",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  table: {
    borderCollapse: "separate",
    borderSpacing: 0,
    minWidth: "100%",
    tableLayout: "auto",
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    "& th, & td": {
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      verticalAlign: "top",
      textAlign: "left",
    },
    "& thead th": { fontWeight: tokens.fontWeightSemibold, verticalAlign: "bottom" },
    "& tbody th": { fontWeight: tokens.fontWeightRegular },
    // Task panes are 320–500 px wide: from 421 to 480 px the cells' side padding shrinks (8 → 6 px)
    // so full numbers fit at 450 px with the share column shown (five columns × 4 px). The ranges
    // do not overlap: the order of atomic media rules in the style sheet is not the source order.
    "@media (min-width: 421px) and (max-width: 480px)": {
      "& th, & td": { paddingLeft: tokens.spacingHorizontalSNudge, paddingRight: tokens.spacingHorizontalSNudge },
    },
    "@media (max-width: 420px)": {
      fontSize: tokens.fontSizeBase200,
      lineHeight: tokens.lineHeightBase200,
      "& th, & td": { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
    },
  },
  first: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    // A thin edge shows where the sticky column ends when the numbers scroll under it.
    boxShadow: `inset -1px 0 0 ${tokens.colorNeutralStroke2}`,
    minWidth: "5em",
    maxWidth: "40vw",
    overflowWrap: "anywhere",
  },
  num: {
    textAlign: "right !important" as "right",
    whiteSpace: "nowrap",
    fontVariantNumeric: "tabular-nums",
  },
  // Headers wrap ("Quota per period" over two lines) so they never set a number column's width.
  numHeader: {
    textAlign: "right !important" as "right",
    minWidth: "4em",
  },
  cell: {
    outlineStyle: "none",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  total: {
    fontWeight: tokens.fontWeightSemibold,
    "& th, & td": { borderTop: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`, borderBottomStyle: "none" },
  },
  detail: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
});

/** Cell text that may be compact: the short form shown, the full one read out and in the title. */
function CellText({ full, short, hiddenClass }: { full: string; short: string | undefined; hiddenClass: string }) {
  if (short === undefined || short === full) return <>{full}</>;
  return (
    <>
      <span aria-hidden="true" data-compact="">
        {short}
      </span>
      <span className={hiddenClass}>{full}</span>
    </>
  );
}

export function DataTable<R>({ columns, rows, rowKey, caption, label, footer, testId, compact: forced }: DataTableProps<R>) {
  const s = useTableStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const [autoCompact, setAutoCompact] = useState(false);
  const [active, setActive] = useState<{ r: number; c: number }>({ r: 0, c: 0 });
  const [detail, setDetail] = useState("");
  const compact = forced ?? autoCompact;

  // Full numbers first; if they make the table wider than the pane, compact ones. Measured again
  // when the pane's width changes (a width seen once is remembered, so it cannot flip-flop).
  const decided = useRef(new Map<number, boolean>());
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || forced !== undefined) return;
    const measure = () => {
      const width = el.clientWidth;
      if (width === 0) return;
      const known = decided.current.get(width);
      if (known !== undefined) {
        setAutoCompact(known);
        return;
      }
      if (!autoCompact) {
        const tooWide = el.scrollWidth > el.clientWidth + 1;
        decided.current.set(width, tooWide);
        if (tooWide) setAutoCompact(true);
      } else {
        // Compact now: try full again at a new width.
        decided.current.clear();
        setAutoCompact(false);
      }
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    let last = el.clientWidth;
    const ro = new ResizeObserver(() => {
      if (el.clientWidth === last) return;
      last = el.clientWidth;
      measure();
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [autoCompact, forced, rows, columns]);

  const rowCount = rows.length;
  const at = { r: Math.min(active.r, Math.max(0, rowCount - 1)), c: Math.min(active.c, columns.length - 1) };

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLTableElement>) => {
      // Keys typed into a control in a cell (an amount being edited) stay with it.
      if ((e.target as HTMLElement).closest("input, textarea, select")) return;
      const cell = (e.target as HTMLElement).closest<HTMLElement>("[data-r]");
      if (!cell) return;
      const r0 = Number(cell.dataset.r);
      const c0 = Number(cell.dataset.c);
      const table = e.currentTarget;
      const at = (r: number, c: number) => table.querySelector<HTMLElement>(`[data-r="${r}"][data-c="${c}"]`);
      // Columns hidden on narrow panes (display: none) are skipped.
      const shown = (r: number, c: number) => {
        const el = at(r, c);
        return !!el && getComputedStyle(el).display !== "none";
      };
      const along = (from: number, step: number) => {
        for (let c = from; c >= 0 && c < columns.length; c += step) if (shown(r0, c)) return c;
        return c0;
      };
      let r = r0;
      let c = c0;
      switch (e.key) {
        case "ArrowRight":
          c = along(c0 + 1, 1);
          break;
        case "ArrowLeft":
          c = along(c0 - 1, -1);
          break;
        case "ArrowDown":
          r = Math.min(rowCount - 1, r0 + 1);
          break;
        case "ArrowUp":
          r = Math.max(0, r0 - 1);
          break;
        case "Home":
          c = 0;
          break;
        case "End":
          c = along(columns.length - 1, -1);
          break;
        default:
          return;
      }
      e.preventDefault();
      setActive({ r, c });
      at(r, c)?.focus();
    },
    [columns.length, rowCount],
  );

  const first = columns[0];
  return (
    <>
      <div ref={scroller} className={s.scroll} role="region" aria-label={label} tabIndex={0} data-compact={compact ? "true" : "false"}>
        <table className={s.table} data-testid={testId} onKeyDown={onKeyDown}>
          <caption className={s.hidden}>{caption}</caption>
          <thead>
            <tr>
              {columns.map((col, c) => (
                <th
                  key={col.id}
                  scope="col"
                  aria-sort={col.sort}
                  className={mergeClasses(c === 0 && s.first, col.numeric && s.numHeader, col.className)}
                  data-column={col.id}
                >
                  {col.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={rowKey(row, r)}>
                {columns.map((col, c) => {
                  const full = col.text(row);
                  const short = compact && col.compact ? col.compact(row) : undefined;
                  const props = {
                    className: mergeClasses(s.cell, c === 0 && s.first, col.numeric && s.num, col.className),
                    "data-r": r,
                    "data-c": c,
                    "data-column": col.id,
                    tabIndex: r === at.r && c === at.c ? 0 : -1,
                    title: short !== undefined && short !== full ? full : undefined,
                    onFocus: (e: { target: EventTarget; currentTarget: EventTarget }) => {
                      // Focus on a control inside the cell keeps the tab stop in this row.
                      if (e.target !== e.currentTarget) {
                        if (at.r !== r) setActive({ r, c });
                        return;
                      }
                      setActive({ r, c });
                      setDetail(c === 0 ? full : `${first.text(row)}, ${col.header}: ${full}`);
                    },
                  };
                  // The first cell names the row for screen readers moving along it.
                  return c === 0 ? (
                    <th key={col.id} scope="row" {...props}>
                      {full}
                      {col.extra?.(row, r === at.r)}
                    </th>
                  ) : (
                    <td key={col.id} {...props}>
                      <CellText full={full} short={short} hiddenClass={s.hidden} />
                      {col.extra?.(row, r === at.r)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          {footer && (
            <tfoot>
              <tr className={s.total} data-testid={footer.testId}>
                {columns.map((col, c) => {
                  if (c === 0)
                    return (
                      <th key={col.id} scope="row" className={s.first}>
                        {footer.label}
                      </th>
                    );
                  const cell = footer.cells[col.id];
                  const short = compact ? cell?.compact : undefined;
                  return (
                    <td
                      key={col.id}
                      className={mergeClasses(col.numeric && s.num, col.className)}
                      data-testid={cell?.testId}
                      data-column={col.id}
                      title={short !== undefined && short !== cell?.text ? cell?.text : undefined}
                    >
                      {cell ? <CellText full={cell.text} short={short} hiddenClass={s.hidden} /> : null}
                    </td>
                  );
                })}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {/* Only once a cell is focused: an empty line would leave a gap under the table. */}
      {compact && detail !== "" && (
        <p className={s.detail} data-testid={testId ? `${testId}-detail` : undefined}>
          {detail}
        </p>
      )}
    </>
  );
}
