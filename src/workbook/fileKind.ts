/**
 * Which reader a file goes to. Today the name decides: .csv, .tsv and .txt are delimited text,
 * anything else is an .xlsx workbook. One small function, so a check of the file's first bytes
 * can take over in one place. No imports: the task pane's initial bundle uses it.
 */
export type FileKind = "csv" | "xlsx";

export function fileKindOf(name: string): FileKind {
  return /\.(csv|tsv|txt)$/i.test(name.trim()) ? "csv" : "xlsx";
}
