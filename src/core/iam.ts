import { IConstruct } from "constructs";
import { awsAccountOf } from "./account";

/** IAM policy documents built from typed statements, so no module hand-writes policy JSON. */

/** One IAM policy statement; a single action or resource renders as a string, several as a list. */
export interface PolicyStatement {
  /**
   * Statement id, unique within the document (letters and digits only, as IAM requires).
   * @default - no `Sid`
   */
  readonly sid?: string;
  /**
   * Whether the statement grants or denies; an explicit `Deny` wins over any `Allow` in IAM evaluation.
   * @default "Allow"
   */
  readonly effect?: "Allow" | "Deny";
  /** IAM actions such as `logs:PutLogEvents`; prefer exact actions to `service:*`. */
  readonly actions: readonly string[];
  /** Resource ARNs the actions apply to (cdktf tokens allowed); use exact ARNs, `*` only where the action has no resource type. */
  readonly resources: readonly string[];
  /**
   * Condition block, e.g. `{ StringEquals: { "aws:SourceAccount": "123456789012" } }`.
   * @default - no `Condition`
   */
  readonly conditions?: Record<string, Record<string, string | readonly string[]>>;
}

/** Renders statements as an IAM policy JSON string; cdktf tokens inside ARNs resolve at synth. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: s.effect ?? "Allow",
      Action: s.actions.length === 1 ? s.actions[0] : [...s.actions],
      Resource: s.resources.length === 1 ? s.resources[0] : [...s.resources],
      ...(s.conditions ? { Condition: s.conditions } : {}),
    })),
  });
}

/** A trust policy letting the given AWS service principals assume a role. */
export function assumeRolePolicy(
  services: readonly string[],
  conditions?: Record<string, Record<string, string | readonly string[]>>,
): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: services.length === 1 ? services[0] : [...services] },
        Action: "sts:AssumeRole",
        ...(conditions ? { Condition: conditions } : {}),
      },
    ],
  });
}

/**
 * The `aws:SourceArn` each service principal presents when it assumes a role, by service: the
 * service namespace and resource part of the ARN (region and account are filled in by
 * {@link serviceTrustPolicy}). Sources: "Cross-service confused deputy prevention" in the ECS, VPC
 * flow logs and CodeDeploy guides. Two principals are missing on purpose:
 * - `ec2.amazonaws.com`: EC2 presents no source ARN or account for an instance profile's role, so a
 *   condition would lock the instances out.
 * - `ecs.amazonaws.com` (the ECS infrastructure role: managed EBS volumes, Service Connect TLS, VPC
 *   Lattice): AWS's "Amazon ECS infrastructure IAM role" page gives its trust policy without
 *   conditions, and no ECS page says whether ECS presents `aws:SourceAccount` or `aws:SourceArn` when
 *   it assumes it. A condition ECS does not meet would leave tasks stuck in DEPROVISIONING with their
 *   volumes undeleted (the page's warning about a trust policy that no longer admits ECS), so none is
 *   guessed. The role is scoped by what it may do instead: AWS's managed policies, and exactly the
 *   given KMS keys.
 */
export const SERVICE_SOURCE_ARNS: Readonly<Record<string, { readonly service: string; readonly resource: string }>> = {
  "ecs-tasks.amazonaws.com": { service: "ecs", resource: "*" },
  "vpc-flow-logs.amazonaws.com": { service: "ec2", resource: "vpc-flow-log/*" },
  "codedeploy.amazonaws.com": { service: "codedeploy", resource: "deploymentgroup:*" },
  // The SSM hybrid activation role (ECS Anywhere), per "Create the IAM service role for a hybrid environment".
  "ssm.amazonaws.com": { service: "ssm", resource: "*" },
};

/**
 * The trust policy for a role `service` assumes, with AWS's confused-deputy conditions: the
 * `aws:SourceArn` must be one of `sourceArns` (`ArnLike` patterns), or else a resource of that service
 * from {@link SERVICE_SOURCE_ARNS}; in the stack's account when the stack named it with
 * `useAwsAccount`, which also adds `aws:SourceAccount`. A service with neither (EC2) gets the plain
 * trust policy.
 */
export function serviceTrustPolicy(scope: IConstruct, service: string, sourceArns?: readonly string[]): string {
  const source = SERVICE_SOURCE_ARNS[service];
  const account = awsAccountOf(scope);
  const arns = sourceArns ?? (source === undefined ? undefined : [`arn:*:${source.service}:*:${account ?? "*"}:${source.resource}`]);
  if (arns === undefined) return assumeRolePolicy([service]);
  return assumeRolePolicy([service], {
    ...(account === undefined ? {} : { StringEquals: { "aws:SourceAccount": account } }),
    ArnLike: { "aws:SourceArn": arns.length === 1 ? arns[0] : [...arns] },
  });
}

/**
 * The statement every customer managed key policy here starts with: the account administers the key
 * through IAM (as AWS's default key policy does), so IAM policies decide who else may use it.
 */
export function accountAdministersKeyStatement(partition: string, account: string): object {
  return {
    Sid: "AccountAdministersThroughIam",
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${account}:root` },
    Action: "kms:*",
    // In a key policy "*" means "this key".
    Resource: "*",
  };
}
