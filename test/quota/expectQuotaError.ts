import { ExcelErrorKind, QuotaError, quotaMessages } from "../../src/quota/errors";

/** The QuotaError `f` throws; fails the test when it throws nothing or something else. */
export function thrownBy(f: () => unknown): QuotaError {
  try {
    f();
  } catch (e) {
    if (e instanceof QuotaError) return e;
    throw e;
  }
  throw new Error("expected a QuotaError, but nothing was thrown");
}

/**
 * Asserts the Excel error kind, the message key and the parameter named, and that the
 * message reads completely in English and Swedish (no placeholder left unfilled).
 */
export function expectQuotaError(f: () => unknown, excelError: ExcelErrorKind, key: string, param?: string): QuotaError {
  const error = thrownBy(f);
  expect({ excelError: error.excelError, key: error.key }).toEqual({ excelError, key });
  if (param !== undefined) expect(error.params.param).toBe(param);
  expect(Object.prototype.hasOwnProperty.call(quotaMessages, error.key)).toBe(true);
  for (const locale of ["en", "sv"] as const) {
    const text = error.messageIn(locale);
    expect(text).not.toMatch(/\{\w+\}/);
    if (param !== undefined) expect(text).toContain(param);
  }
  return error;
}
