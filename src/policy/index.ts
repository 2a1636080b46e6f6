export type { LocatedFinding } from "./evaluate";
export { PolicyPack, applyPolicies } from "./policy-pack";
export type { PolicyPackProps } from "./policy-pack";
export { toSarif } from "./report";
export type { PolicyPackReport, ReportedRule, SarifOptions } from "./report";
export {
  PLATFORM_RULES,
  ec2EncryptedVolumes,
  ec2Imdsv2,
  ec2TaskImdsBlock,
  ecrImmutableTags,
  ecrScanOnPush,
  ecsContainerInsights,
  ecsDeploymentCircuitBreaker,
  ecsEbsEncryption,
  ecsExecAuditLogging,
  ecsImageTag,
  ecsNoPublicIp,
  ecsPlaintextSecrets,
  ecsPrivilegedContainer,
  ecsReadOnlyRootFilesystem,
  ecsSeparateTaskRoles,
  elbDeletionProtection,
  elbDropInvalidHeaders,
  elbHttps,
  elbSecureActions,
  iamGithubOidcTrust,
  iamPermissionsBoundary,
  iamNoWildcards,
  logRetention,
  requiredTags,
  s3Encryption,
  s3PublicAccessBlock,
  scheduleDeadLetterRetry,
  sgOpenIngress,
  snsEncryption,
  vpcDefaultSecurityGroup,
  vpcFlowLogs,
  vpcMultiAz,
  vpcNatPerAz,
} from "./rules";
export { suppress } from "./suppressions";
export type { Suppression } from "./suppressions";
export { ERROR_IN_PRODUCTION, PRODUCTION_ONLY, everywhere } from "./types";
export type {
  AppliedSuppression,
  EnvironmentClass,
  Finding,
  PolicyContext,
  PolicyResource,
  Rule,
  RuleSeverity,
  Severity,
  SeverityLevel,
  Violation,
} from "./types";
