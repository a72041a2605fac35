/**
 * The names of the add-in's other sheets, in both languages: the stored plan, the quota
 * letters and the review. The Quotas sheet may not take one of them (Excel compares sheet names
 * without case): that sheet would be replaced by the letters, the stored plan or a review.
 * Kept here, without the sheets' builders, so the wizard can check a name cheaply.
 */
import type { Locale } from "../i18n";

export const STORED_PLAN_SHEET = "SalesQuota_Plan";
export const LETTERS_SHEET: Record<Locale, string> = { en: "Letters", sv: "Kvotbrev" };
export const ATTAINMENT_SHEET: Record<Locale, string> = { en: "Attainment", sv: "Måluppfyllelse" };

export function addinSheetNames(): string[] {
  return [STORED_PLAN_SHEET, LETTERS_SHEET.en, LETTERS_SHEET.sv, ATTAINMENT_SHEET.en, ATTAINMENT_SHEET.sv];
}

/** Whether `name` is one of addinSheetNames(), compared as Excel compares sheet names. */
export function isReservedSheetName(name: string): boolean {
  const key = name.trim().toLowerCase();
  return addinSheetNames().some((n) => n.toLowerCase() === key);
}
