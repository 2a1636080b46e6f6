export * from "./expression";
export * from "./failure-queue";
export * from "./failure-rule";
export * from "./invoke-role";
export * from "./options";
export * from "./render";
export * from "./scheduler-schedule";
export * from "./time";
