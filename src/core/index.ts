export * from "./errors";
export * from "./iam";
export * from "./naming";
export * from "./tags";
export * from "./validate";
export * from "./provider-version";
export * from "./prevent-destroy";
