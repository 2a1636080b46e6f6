import { Fn, Token } from "cdktf";
import { PolicyStatement } from "../core/iam";

/** What the execution role must reach for one task definition. */
export interface ExecutionRoleNeeds {
  /** Private ECR repositories the images come from. */
  readonly ecrRepositoryArns: readonly string[];
  /** The log group the `awslogs` driver writes to. */
  readonly logGroupArn: string;
  /** Secrets Manager secret ARNs referenced by containers. */
  readonly secretArns: readonly string[];
  /** SSM parameter ARNs referenced by containers. */
  readonly parameterArns: readonly string[];
  /** Customer managed KMS keys the secrets or parameters are encrypted with. */
  readonly kmsKeyArns: readonly string[];
  /** S3 object ARNs of the containers' environment files. @default [] */
  readonly environmentFileArns?: readonly string[];
}

/** The execution role's statements: exactly the repositories, log group, secrets and keys given. */
export function executionRoleStatements(needs: ExecutionRoleNeeds): PolicyStatement[] {
  const unique = (arns: readonly string[]) => [...new Set(arns)];
  const statements: PolicyStatement[] = [];
  if (needs.ecrRepositoryArns.length > 0) {
    // GetAuthorizationToken has no resource-level permissions: IAM only accepts "*" for it.
    statements.push({ sid: "EcrAuthToken", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] });
    statements.push({
      sid: "EcrPull",
      actions: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
      resources: unique(needs.ecrRepositoryArns),
    });
  }
  statements.push({
    sid: "Logs",
    actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
    resources: [`${needs.logGroupArn}:log-stream:*`],
  });
  if (needs.secretArns.length > 0) {
    statements.push({ sid: "Secrets", actions: ["secretsmanager:GetSecretValue"], resources: unique(needs.secretArns) });
  }
  if (needs.parameterArns.length > 0) {
    statements.push({ sid: "Parameters", actions: ["ssm:GetParameters"], resources: unique(needs.parameterArns) });
  }
  const files = unique(needs.environmentFileArns ?? []);
  if (files.length > 0) {
    statements.push({ sid: "EnvironmentFiles", actions: ["s3:GetObject"], resources: files });
    // ECS asks for the bucket's region before it reads the file.
    const buckets = unique(
      files.map((arn) => (Token.isUnresolved(arn) ? Fn.element(Fn.split("/", arn), 0) : arn.slice(0, arn.indexOf("/")))),
    );
    statements.push({ sid: "EnvironmentFileBuckets", actions: ["s3:GetBucketLocation"], resources: buckets });
  }
  if (needs.kmsKeyArns.length > 0) {
    statements.push({ sid: "DecryptSecrets", actions: ["kms:Decrypt"], resources: unique(needs.kmsKeyArns) });
  }
  return statements;
}

/**
 * What ECS Exec needs in the task role. Session Manager's message channels have no resource-level
 * permissions, so IAM only accepts "*" here.
 */
export const EXEC_STATEMENT: PolicyStatement = {
  sid: "EcsExec",
  actions: [
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
  ],
  resources: ["*"],
};
