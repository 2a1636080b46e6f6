export * from "./rule-trigger";
export * from "./scheduled-task";
export * from "./target";
