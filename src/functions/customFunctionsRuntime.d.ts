/**
 * The part of Excel's custom-functions runtime this add-in uses, declared as the runtime
 * defines it (office.js sets `CustomFunctions.Error`/`ErrorCode` in the Excel host script;
 * custom-functions-metadata-plugin appends the `CustomFunctions.associate` calls). Same shape
 * as @types/custom-functions-runtime, which is not a dependency of this project.
 */
declare namespace CustomFunctions {
  /** Registers a JavaScript function under a function id from functions.json. */
  function associate(id: string, functionObject: (...args: never[]) => unknown): void;
  function associate(mappings: { [id: string]: (...args: never[]) => unknown }): void;

  /** An Excel error value returned from (or inside the array of) a custom function result. */
  class Error {
    constructor(code: ErrorCode, message?: string);
    /** The error shown in the cell. */
    code: ErrorCode;
    /** Shown in the cell's error flyout; Excel displays it for #VALUE! and #N/A only. */
    message?: string;
  }

  enum ErrorCode {
    invalidValue = "#VALUE!",
    notAvailable = "#N/A",
    divisionByZero = "#DIV/0!",
    invalidNumber = "#NUM!",
    nullReference = "#NULL!",
    invalidName = "#NAME?",
    invalidReference = "#REF!",
  }

  /** Passed by Excel as the last argument of every call. */
  interface Invocation {
    functionName?: string;
    address?: string;
    parameterAddresses?: string[];
    isInValuePreview?: boolean;
  }
}
