import { everywhere, Rule, Violation } from "../types";
import { IAM_POLICY_RESOURCE_TYPES, IamStatement, statementsOf } from "../inspect/iam";

/**
 * Actions that do not support resource-level permissions (AWS Service Authorization Reference), so
 * `Resource: "*"` is their only form. A trailing `*` matches a family (every EC2 `Describe` action).
 */
export const ACTIONS_WITHOUT_RESOURCE_SCOPE: readonly string[] = [
  "ecr:GetAuthorizationToken",
  "ecs:CreateCluster",
  "ecs:RegisterTaskDefinition",
  "ecs:DeregisterTaskDefinition",
  "ecs:DescribeTaskDefinition",
  "ecs:ListClusters",
  "ecs:ListTaskDefinitions",
  "ecs:ListTaskDefinitionFamilies",
  "ecs:DiscoverPollEndpoint",
  "ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel",
  "ssmmessages:OpenControlChannel",
  "ssmmessages:OpenDataChannel",
  "logs:DescribeLogGroups",
  "cloudwatch:PutMetricData",
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
  "xray:GetSamplingStatisticSummaries",
  "sts:GetCallerIdentity",
  "kms:ListAliases",
  "kms:ListKeys",
  "secretsmanager:GetRandomPassword",
  "secretsmanager:ListSecrets",
  "ssm:DescribeParameters",
  "servicediscovery:DiscoverInstances",
  "servicediscovery:DiscoverInstancesRevision",
  "tag:GetResources",
  "ec2:Describe*",
  "elasticloadbalancing:Describe*",
  "autoscaling:Describe*",
  "application-autoscaling:Describe*",
  "batch:Describe*",
];

function needsWildcardResource(action: string): boolean {
  const lower = action.toLowerCase();
  return ACTIONS_WITHOUT_RESOURCE_SCOPE.some((entry) => {
    const e = entry.toLowerCase();
    return lower === e || (e.endsWith("*") && lower.startsWith(e.slice(0, -1)));
  });
}

/** `"*"`, or an ARN whose resource part is `*` (`arn:aws:ecs:eu-west-1:123456789012:*`). */
function isWildcardResource(resource: string): boolean {
  if (resource === "*") return true;
  const parts = resource.split(":");
  return parts[0] === "arn" && parts.length >= 6 && parts.slice(5).join(":") === "*";
}

function statementViolations(statement: IamStatement): Violation[] {
  if (statement.effect !== "Allow") return [];
  const violations: Violation[] = [];
  const where = statement.label;
  if (statement.notActions.length > 0) {
    violations.push({
      message: `${where} allows NotAction ${JSON.stringify(statement.notActions)}, i.e. every other action`,
      fix: "List the actions the principal needs in Action instead of excluding some with NotAction.",
    });
  }
  const wildcardActions = statement.actions.filter((a) => a.includes("*"));
  if (wildcardActions.length > 0) {
    violations.push({
      message: `${where} allows wildcard actions ${JSON.stringify(wildcardActions)}`,
      fix: 'List the exact actions the principal calls (e.g. "s3:GetObject" instead of "s3:*").',
    });
  }
  if (statement.notResources.length > 0) {
    violations.push({
      message: `${where} uses NotResource ${JSON.stringify(statement.notResources)}, i.e. every other resource`,
      fix: "List the resource ARNs in Resource instead.",
    });
  }
  const wildcardResources = statement.resources.filter(isWildcardResource);
  const scopable = statement.actions.filter((a) => !needsWildcardResource(a));
  if (wildcardResources.length > 0 && scopable.length > 0) {
    violations.push({
      message: `${where} allows ${JSON.stringify(scopable)} on resource ${JSON.stringify(wildcardResources)}, though these actions support resource ARNs`,
      fix: 'Name the resource ARNs (or an ARN pattern scoped to your names); keep Resource "*" only in a separate statement for actions without resource-level permissions (e.g. ecr:GetAuthorizationToken).',
    });
  }
  return violations;
}

/** IAM-001: permission policies name their actions and, where the action allows it, their resources. */
export const iamNoWildcards: Rule = {
  id: "IAM-001",
  title: "IAM policies have no wildcard actions or resources where a scoped form exists",
  rationale:
    "Wildcards grant permissions nobody reviewed, including ones AWS adds later; least privilege means exact actions on exact ARNs, with `*` only for actions that have no resource-level permissions.",
  severity: everywhere("error"),
  appliesTo: IAM_POLICY_RESOURCE_TYPES,
  references: [
    "CKV_AWS_62",
    "CKV_AWS_63",
    "CKV_AWS_355",
    "CKV_AWS_1",
    "CKV_AWS_49",
    "CKV_AWS_356",
    "AwsSolutions-IAM5",
    "AVD-AWS-0057 (deprecated)",
  ],
  check(resource) {
    return statementsOf(resource).flatMap(statementViolations);
  },
};
