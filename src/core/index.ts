export { ValidationError, fail } from "./errors";
export type { ValidationIssue } from "./errors";
export { useAwsAccount } from "./account";
export type { IGrantable } from "./grant";
export type { PolicyStatement } from "./iam";
export { NameRules } from "./naming";
export type { NameRule } from "./naming";
export { PreventDestroy, STATEFUL_RESOURCE_TYPES } from "./prevent-destroy";
export { AWS_PROVIDER_VERSION_CONSTRAINT, useAwsProviderRange } from "./provider-version";
