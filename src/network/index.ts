export * from "./connections";
export * from "./endpoints";
export * from "./flow-logs";
export * from "./network";
export * from "./security-group";
export * from "./subnet-plan";
