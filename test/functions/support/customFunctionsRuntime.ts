/**
 * A stand-in for the part of Excel's custom-functions runtime the SALES functions touch,
 * built like office.js's Excel host script builds it: `CustomFunctions.Error` is a subclass of
 * Error with `code` (default #VALUE!) and the message, `ErrorCode` holds the cell texts, and
 * `associate` registers callbacks under upper-cased ids. Functions are called the way the
 * runtime calls them: one value per parameter in functions.json (null where the formula omits
 * an optional one) followed by the invocation object, which carries parameterAddresses when
 * the host supports them.
 */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class CustomFunctionError extends Error {
  readonly code: string;
  readonly type = "Error";
  readonly basicType = "Error";
  readonly basicValue: string;

  constructor(errorCode?: string, errorMessage?: string) {
    super(errorMessage || "");
    Object.setPrototypeOf(this, CustomFunctionError.prototype);
    this.code = errorCode || ErrorCode.invalidValue;
    this.basicValue = this.code;
    this.stack = undefined;
  }
}

type Callback = (...args: unknown[]) => unknown;

export const registered = new Map<string, Callback>();

function associate(idOrMappings: string | Record<string, Callback>, callback?: Callback): void {
  if (typeof idOrMappings === "object") {
    for (const [id, fn] of Object.entries(idOrMappings)) associate(id, fn);
    return;
  }
  if (typeof callback !== "function") throw new TypeError(`associate(${idOrMappings}): not a function`);
  const key = idOrMappings.toUpperCase();
  if (registered.has(key)) throw new Error(`duplicate custom function id ${key}`);
  registered.set(key, callback);
}

export function installCustomFunctionsRuntime(): void {
  Object.assign(globalThis, { CustomFunctions: { associate, Error: CustomFunctionError, ErrorCode } });
}

installCustomFunctionsRuntime();

/** How many arguments Excel passes before the invocation: every SALES function declares it last. */
export function excelArity(fn: (...args: never[]) => unknown): number {
  return fn.length - 1;
}

function invoke(fn: (...args: never[]) => unknown, args: unknown[], invocation: Record<string, unknown>): unknown {
  const arity = excelArity(fn);
  if (args.length > arity) throw new Error(`${fn.name} takes ${arity} arguments, got ${args.length}`);
  const values = [...args];
  while (values.length < arity) values.push(null);
  return (fn as unknown as Callback)(...values, { functionName: fn.name, address: "Sheet1!Z1", isInValuePreview: false, ...invocation });
}

/**
 * Calls `fn` as Excel does when it passes no parameter addresses (hosts without the feature):
 * missing trailing arguments as null, then the invocation.
 */
export function callAsExcel(fn: (...args: never[]) => unknown, ...args: unknown[]): unknown {
  return invoke(fn, args, {});
}

/**
 * Calls `fn` as Excel calls a @requiresParameterAddresses function: the invocation carries
 * one address per parameter (e.g. "Sheet1!A2:A6"; whatever the test wants to feed in).
 */
export function callWithAddresses(fn: (...args: never[]) => unknown, parameterAddresses: unknown, ...args: unknown[]): unknown {
  return invoke(fn, args, { parameterAddresses });
}

/** Calls `fn` with `invocation` as given, even a malformed one. */
export function callWithInvocation(fn: (...args: never[]) => unknown, invocation: unknown, ...args: unknown[]): unknown {
  const values = [...args];
  while (values.length < excelArity(fn)) values.push(null);
  return (fn as unknown as Callback)(...values, invocation);
}

/** The error a call produced, for assertions; fails when the result is not an Excel error. */
export function asExcelError(result: unknown): CustomFunctionError {
  if (!(result instanceof CustomFunctionError)) throw new Error(`expected an Excel error, got ${JSON.stringify(result)}`);
  return result;
}

/** Runs `body` with Office reporting `language` as the display language. */
export function withDisplayLanguage<T>(language: string, body: () => T): T {
  const previous = (globalThis as { Office?: unknown }).Office;
  Object.assign(globalThis, { Office: { context: { displayLanguage: language } } });
  try {
    return body();
  } finally {
    if (previous === undefined) delete (globalThis as { Office?: unknown }).Office;
    else Object.assign(globalThis, { Office: previous });
  }
}
