/**
 * The stored plan's source found again in a workbook (for a review, a refresh or the wizard's
 * "Update the plan"): one catalog, so `quota review` and the task pane word a missing sheet
 * or column the same. A message whose hint names the command has a task-pane wording beside
 * it (the same key + "Pane"), shown by the pane through paneMessageIn.
 */
import { Catalog, Locale, LocalizedError, localize } from "../i18n";

export const storedSourceMessages: Catalog = {
  sourceSheetMissing: {
    en: "The plan was made from sheet \"{sheet}\", which this workbook no longer has. Make the plan again, or take the actuals from another workbook (quota review --actuals).",
    sv: "Planen gjordes från bladet \"{sheet}\", som arbetsboken inte längre har. Gör planen igen, eller ta utfallet från en annan arbetsbok (quota review --actuals).",
  },
  sourceSheetMissingPane: {
    en: "The plan was made from sheet \"{sheet}\", which this workbook no longer has. Make the plan again, or bring the sheet back.",
    sv: "Planen gjordes från bladet \"{sheet}\", som arbetsboken inte längre har. Gör planen igen, eller ta tillbaka bladet.",
  },
  sourceTableMissing: {
    en: "Sheet \"{sheet}\" holds no sales table any more (no header row in its first {rows} rows).",
    sv: "Bladet \"{sheet}\" har inte längre någon försäljningstabell (ingen rubrikrad bland de första {rows} raderna).",
  },
  sourceColumnMissing: {
    en: "The plan's column \"{column}\" is no longer in sheet \"{sheet}\". Columns there: {columns}.",
    sv: "Planens kolumn \"{column}\" finns inte längre på bladet \"{sheet}\". Kolumner där: {columns}.",
  },
};

export class StoredSourceError extends LocalizedError {
  constructor(key: keyof typeof storedSourceMessages & string, params: Record<string, string | number> = {}) {
    super(storedSourceMessages, key, params);
    this.name = "StoredSourceError";
  }

  /** The task pane's wording: the same, without the command's hint (sourceSheetMissingPane). */
  paneMessageIn(locale: Locale): string {
    const pane = `${this.key}Pane`;
    return pane in storedSourceMessages ? localize(storedSourceMessages, pane, this.params, locale) : this.messageIn(locale);
  }
}
