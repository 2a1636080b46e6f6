export * from "./types";
export * from "./suppressions";
export * from "./inventory";
export * from "./evaluate";
export * from "./report";
export * from "./policy-pack";
export * from "./rules-table";
export * from "./rules";
