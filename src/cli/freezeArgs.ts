/** The command line of `quota freeze` (parsed by args.ts, which hands over the words it read). */
import type { Locale } from "../i18n";
import { usageError } from "./messages";

export interface FreezeCommandOptions {
  command: "freeze";
  input: string;
  out: string;
  json: boolean;
  lang: Locale | null;
}

/** The options `quota freeze` takes; any other known option is a mistake here. */
const FREEZE_OPTIONS = new Set(["--out", "--json", "--lang", "--help"]);

export function parseFreezeArgs(
  rest: readonly string[],
  values: ReadonlyMap<string, string>,
  flags: ReadonlySet<string>,
  lang: Locale | null,
): FreezeCommandOptions | { command: "help"; topic: "freeze"; lang: Locale | null } {
  if (flags.has("--help")) return { command: "help", topic: "freeze", lang };
  for (const option of [...values.keys(), ...flags]) if (!FREEZE_OPTIONS.has(option)) throw usageError("freezeOption", { option });
  const [input, ...extra] = rest;
  if (input === undefined) throw usageError("freezeMissingInput");
  if (extra.length > 0) throw usageError("extraArgument", { value: extra[0] });
  const out = values.get("--out");
  if (out === undefined || out.trim() === "") throw usageError("missingOut");
  if (!/\.xlsx$/i.test(out)) throw usageError("outNotXlsx", { value: out });
  return { command: "freeze", input, out, json: flags.has("--json"), lang };
}
