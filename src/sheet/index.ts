/** Sales data as a table: cell parsing, header detection, aggregation by rep, quota plans. */
export * from "./cells";
export * from "./detect";
export * from "./aggregate";
export * from "./errors";
export * from "./quotaPlan";
export * from "./roster";
export * from "./inputs";
export * from "./mapping";
export * from "./extent";
