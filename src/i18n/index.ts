/**
 * Minimal message localisation shared by every layer. Pure: no Office, DOM or Node imports.
 * Each module keeps its own catalog of { en, sv } templates; `{name}` placeholders are
 * replaced by params. Numbers in params are formatted by the caller (they are often cell
 * addresses or already-formatted amounts).
 */
export type Locale = "en" | "sv";

export type MessageParams = Record<string, string | number>;

export interface CatalogEntry {
  en: string;
  sv: string;
}

export type Catalog = Record<string, CatalogEntry>;

/**
 * Whether a count takes the singular. English and Swedish both use the singular for exactly
 * one; params often arrive formatted ("1", "1,234", "1 234"), so grouping is ignored.
 */
export function isSingular(count: string | number): boolean {
  const n = typeof count === "number" ? count : Number(String(count).replace(/[\s\u00a0\u202f,]/g, ""));
  return n === 1;
}

/**
 * A word or phrase for a count, in either language: plural(1, "row", "rows") → "row". For
 * templates, formatTemplate understands `{count, plural, one {# row} other {# rows}}` (# is
 * the count as passed).
 */
export function plural(count: string | number, one: string, other: string): string {
  return isSingular(count) ? one : other;
}

const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

export function formatTemplate(template: string, params: MessageParams = {}): string {
  const has = (name: string) => Object.prototype.hasOwnProperty.call(params, name);
  template = template.replace(PLURAL, (whole, name: string, one: string, other: string) =>
    has(name) ? plural(params[name], one, other).replace(/#/g, String(params[name])) : whole,
  );
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function localize(catalog: Catalog, key: string, params: MessageParams = {}, locale: Locale = "en"): string {
  const entry = catalog[key];
  if (!entry) return formatTemplate(key, params);
  return formatTemplate(entry[locale] ?? entry.en, params);
}

/** Picks "sv" for any Swedish display language (sv, sv-SE, sv-FI), else English. */
export function pickLocale(language: string | null | undefined): Locale {
  return /^sv\b/i.test((language ?? "").trim()) ? "sv" : "en";
}

/**
 * An error whose message can be shown in the user's language. `message` is English so logs
 * and the CLI stay readable; `messageIn(locale)` gives the translation.
 */
export class LocalizedError extends Error {
  constructor(
    readonly catalog: Catalog,
    readonly key: string,
    readonly params: MessageParams = {},
  ) {
    super(localize(catalog, key, params, "en"));
    this.name = "LocalizedError";
  }

  messageIn(locale: Locale): string {
    return localize(this.catalog, this.key, this.params, locale);
  }
}
