/**
 * The aggregation of the source for the current choices, as a hook. Rows read in this thread
 * (Excel) are aggregated at once; rows held by the reading worker (a file in a browser) are
 * aggregated there, and the answer arrives a moment later: until then this gives null, as it
 * does when there is nothing to aggregate.
 */
import { useEffect, useMemo, useState } from "react";
import { analyse, analysisKey, remoteRowsOf, type Aggregation, type ColumnMapping, type Result, type SourceData, type TimeFilter } from "./pipeline";

/** `filter` null: not asked (nothing to aggregate). `filterKey` stands for `filter`'s contents. */
export function useAnalysis(source: SourceData | null, mapping: ColumnMapping | null, value: "amount" | "profit" | "units", skipInvalid: boolean, filter: TimeFilter | null, filterKey: string | null): Result<Aggregation> | null {
  const remote = remoteRowsOf(source);
  const asked = source !== null && mapping !== null && filter !== null;
  const key = asked ? analysisKey(mapping, value, skipInvalid, filter) : null;
  const local = useMemo(
    () => (asked && !remote ? analyse(source, mapping, value, skipInvalid, filter) : null),
    // filterKey stands for filter (a new object on every keystroke)
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [asked, remote, source, mapping, value, skipInvalid, filterKey],
  );
  const [arrived, setArrived] = useState<{ remote: unknown; key: string; result: Result<Aggregation> } | null>(null);
  const known = remote && key !== null ? remote.peek(key) : undefined;
  useEffect(() => {
    if (!remote || key === null || !asked || known) return;
    let live = true;
    void remote.analyse(key, mapping, value, skipInvalid, filter).then((result) => {
      if (live) setArrived({ remote, key, result });
    });
    return () => {
      live = false;
    };
    // key stands for mapping, value, skipInvalid and filter
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [remote, key, known]);
  if (!remote) return local;
  if (known) return known;
  return arrived && arrived.remote === remote && arrived.key === key ? arrived.result : null;
}
