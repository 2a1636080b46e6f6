import { Rule } from "../types";
import { ec2EncryptedVolumes } from "./ec2-encrypted-volumes";
import { ec2Imdsv2 } from "./ec2-imdsv2";
import { ec2TaskImdsBlock } from "./ec2-task-imds-block";
import { ecrImmutableTags } from "./ecr-immutable-tags";
import { ecrScanOnPush } from "./ecr-scan-on-push";
import { ecsContainerInsights } from "./ecs-container-insights";
import { ecsDeploymentCircuitBreaker } from "./ecs-deployment-circuit-breaker";
import { ecsEbsEncryption } from "./ecs-ebs-encryption";
import { ecsExecAuditLogging } from "./ecs-exec-audit-logging";
import { ecsImageTag } from "./ecs-image-tag";
import { ecsNoPublicIp } from "./ecs-no-public-ip";
import { ecsPlaintextSecrets } from "./ecs-plaintext-secrets";
import { ecsPrivilegedContainer } from "./ecs-privileged-container";
import { ecsReadOnlyRootFilesystem } from "./ecs-read-only-root-filesystem";
import { ecsSeparateTaskRoles } from "./ecs-separate-task-roles";
import { elbDeletionProtection } from "./elb-deletion-protection";
import { elbDropInvalidHeaders } from "./elb-drop-invalid-headers";
import { elbHttps } from "./elb-https";
import { elbSecureActions } from "./elb-secure-actions";
import { iamGithubOidcTrust } from "./iam-github-oidc-trust";
import { iamNoWildcards } from "./iam-no-wildcards";
import { iamPermissionsBoundary } from "./iam-permissions-boundary";
import { logRetention } from "./log-retention";
import { requiredTags } from "./required-tags";
import { s3Encryption } from "./s3-encryption";
import { s3PublicAccessBlock } from "./s3-public-access-block";
import { scheduleDeadLetterRetry } from "./schedule-dead-letter-retry";
import { sgOpenIngress } from "./sg-open-ingress";
import { snsEncryption } from "./sns-encryption";
import { vpcDefaultSecurityGroup } from "./vpc-default-security-group";
import { vpcFlowLogs } from "./vpc-flow-logs";
import { vpcMultiAz } from "./vpc-multi-az";
import { vpcNatPerAz } from "./vpc-nat-per-az";

export {
  ec2EncryptedVolumes,
  ecrImmutableTags,
  ecrScanOnPush,
  ec2Imdsv2,
  ec2TaskImdsBlock,
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
  iamNoWildcards,
  iamPermissionsBoundary,
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
};
export { SECRET_NAME_WORDS, looksLikeSecretName } from "./ecs-plaintext-secrets";
export { imageTag } from "./ecs-image-tag";
export { ACTIONS_WITHOUT_RESOURCE_SCOPE } from "./iam-no-wildcards";
export { PUBLIC_LOAD_BALANCER_PORTS } from "./sg-open-ingress";

/** The platform's rule pack, in report order. */
export const PLATFORM_RULES: readonly Rule[] = [
  ecsContainerInsights,
  ecsExecAuditLogging,
  ecsPrivilegedContainer,
  ecsReadOnlyRootFilesystem,
  ecsPlaintextSecrets,
  ecsSeparateTaskRoles,
  ecsImageTag,
  ecsDeploymentCircuitBreaker,
  ecsNoPublicIp,
  ecsEbsEncryption,
  iamNoWildcards,
  iamGithubOidcTrust,
  iamPermissionsBoundary,
  logRetention,
  elbHttps,
  elbDropInvalidHeaders,
  elbDeletionProtection,
  elbSecureActions,
  ec2Imdsv2,
  ec2EncryptedVolumes,
  ec2TaskImdsBlock,
  scheduleDeadLetterRetry,
  snsEncryption,
  vpcFlowLogs,
  vpcDefaultSecurityGroup,
  sgOpenIngress,
  vpcMultiAz,
  vpcNatPerAz,
  ecrScanOnPush,
  ecrImmutableTags,
  s3Encryption,
  s3PublicAccessBlock,
  requiredTags,
];
