export * from "./container";
export * from "./fargate-sizes";
export * from "./image";
export * from "./roles";
export * from "./secret";
export * from "./task-definition";
export * from "./types";
export * from "./volumes";
