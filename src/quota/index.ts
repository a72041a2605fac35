/** The quota engine: pure functions, one file per method, all failures as QuotaError. */
export * from "./errors";
export * from "./allocate";
export * from "./validate";
export * from "./numeric";
export * from "./topdown";
export * from "./bottomup";
export * from "./baseline";
export * from "./forecast";
export * from "./profit";
export * from "./volume";
export * from "./attainment";
export * from "./activity";
export * from "./combined";
export * from "./phase";
export * from "./ramp";
export * from "./capacity";
export * from "./realism";
