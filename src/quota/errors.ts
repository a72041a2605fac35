import { Catalog, LocalizedError, MessageParams } from "../i18n";

/** The Excel error each engine failure maps to in a custom function. */
export type ExcelErrorKind = "#VALUE!" | "#NUM!" | "#DIV/0!" | "#N/A";

/**
 * Engine messages. Keys are stable (tests and faces refer to them); `{param}` names the
 * argument or the offending value so the user can find what is wrong.
 */
export const quotaMessages: Catalog = {
  notNumber: {
    en: "{param} must be a number, got {value}.",
    sv: "{param} måste vara ett tal, fick {value}.",
  },
  notFinite: {
    en: "{param} must be a finite number.",
    sv: "{param} måste vara ett ändligt tal.",
  },
  negative: {
    en: "{param} must not be negative (got {value}).",
    sv: "{param} får inte vara negativt (fick {value}).",
  },
  notPositive: {
    en: "{param} must be greater than zero (got {value}).",
    sv: "{param} måste vara större än noll (fick {value}).",
  },
  notWhole: {
    en: "{param} must be a whole number of at least {min} (got {value}).",
    sv: "{param} måste vara ett heltal på minst {min} (fick {value}).",
  },
  empty: {
    en: "{param} is empty: at least one value is needed.",
    sv: "{param} är tom: minst ett värde behövs.",
  },
  allZero: {
    en: "{param} adds up to zero, so there is nothing to share the target by.",
    sv: "{param} summerar till noll, så det finns inget att fördela målet efter.",
  },
  shapeMismatch: {
    en: "{param} must have the same shape as {other} ({expected}), got {actual}.",
    sv: "{param} måste ha samma form som {other} ({expected}), fick {actual}.",
  },
  unknownMethod: {
    en: "Unknown method \"{value}\". Use one of: {allowed}.",
    sv: "Okänd metod \"{value}\". Använd någon av: {allowed}.",
  },
  divideByZero: {
    en: "{param} is zero, so the division is undefined.",
    sv: "{param} är noll, så divisionen är odefinierad.",
  },
  tooLarge: {
    en: "{param} is too large to allocate exactly ({value}).",
    sv: "{param} är för stort för att fördelas exakt ({value}).",
  },
  aboveMaximum: {
    en: "{param} must be at most {max}, the largest amount Excel shows exactly (got {value}).",
    sv: "{param} får vara högst {max}, det största belopp Excel visar exakt (fick {value}).",
  },
  belowMinimum: {
    en: "{param} must be at least {min} (got {value}).",
    sv: "{param} måste vara minst {min} (fick {value}).",
  },
  notShare: {
    en: "{param} must be a share between 0 and 1, e.g. 0.25 for 25 % (got {value}).",
    sv: "{param} måste vara en andel mellan 0 och 1, t.ex. 0,25 för 25 % (fick {value}).",
  },
  lengthMismatch: {
    en: "{param} must have one value per {other}: {expected} values, got {actual}.",
    sv: "{param} måste ha ett värde per {other}: {expected} värden, fick {actual}.",
  },
  tooFewValues: {
    en: "The {method} method needs at least {min} values in {param} (got {count}).",
    sv: "Metoden {method} behöver minst {min} värden i {param} (fick {count}).",
  },
  noSpread: {
    en: "All values in {param} are equal, so no line can be fitted through them.",
    sv: "Alla värden i {param} är lika, så ingen linje kan anpassas till dem.",
  },
  growthNeedsPositive: {
    en: "The growth method fits an exponential curve, so every value in {param} must be greater than zero (got {value}).",
    sv: "Metoden growth anpassar en exponentialkurva, så varje värde i {param} måste vara större än noll (fick {value}).",
  },
  resultTooLarge: {
    en: "The result is too large to show as a number.",
    sv: "Resultatet är för stort för att visas som ett tal.",
  },
  badThresholds: {
    en: "The realism limits must satisfy 0 ≤ ok ≤ stretch (got ok {ok}, stretch {stretch}).",
    sv: "Realismgränserna måste uppfylla 0 ≤ ok ≤ stretch (fick ok {ok}, stretch {stretch}).",
  },
};

/** A validation failure in the engine: a localised message plus the Excel error it maps to. */
export class QuotaError extends LocalizedError {
  constructor(
    readonly excelError: ExcelErrorKind,
    key: keyof typeof quotaMessages & string,
    params: MessageParams = {},
  ) {
    super(quotaMessages, key, params);
    this.name = "QuotaError";
  }
}
