import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Role } from "../core/role";
import { withName } from "../core/tags";
import type { ContainerImage } from "./image";
import { executionRoleStatements } from "./role-statements";
import type { Secret } from "./secret";
import type { WorkloadDefinitionOptions } from "./task-definition";

/** What the log group and execution role of a task definition or a Batch job definition are made of. */
export interface WorkloadLogsOptions {
  /** The definition's props (its log group's retention and key, tags, role options). */
  readonly props: WorkloadDefinitionOptions;
  /** Name of the log group the containers write to. */
  readonly logGroupName: string;
  /** Days the log group keeps records (the default applied). */
  readonly logRetentionDays: number;
  /** Name of the execution role. */
  readonly executionRoleName: string;
  /** What the execution role is for, in the role's description. */
  readonly executionRoleDescription: string;
  /** The containers' images: an ECR image lets the role pull from that repository. */
  readonly images: readonly ContainerImage[];
  /** The secrets the containers read at start. */
  readonly secrets: readonly Secret[];
  /** S3 object ARNs of the containers' environment files. @default [] */
  readonly environmentFileArns?: readonly string[];
}

/**
 * Adds the `LogGroup` the containers write to and the `ExecutionRole` that can reach exactly it, the
 * images' repositories and the secrets (and their keys): what a task definition and a Batch job
 * definition (which runs as an ECS task) both need.
 */
export function createWorkloadLogs(scope: Construct, options: WorkloadLogsOptions): { logGroup: CloudwatchLogGroup; executionRole: Role } {
  const { props, secrets } = options;
  const logGroup = new CloudwatchLogGroup(scope, "LogGroup", {
    name: options.logGroupName,
    retentionInDays: options.logRetentionDays,
    kmsKeyId: props.logKmsKeyArn,
    tags: withName(options.logGroupName, props.tags),
  });
  const executionRole = new Role(scope, "ExecutionRole", {
    name: options.executionRoleName,
    assumedBy: "ecs-tasks.amazonaws.com",
    description: options.executionRoleDescription,
    tags: props.tags,
    ...props.roleOptions,
  });
  const statements = executionRoleStatements({
    ecrRepositoryArns: options.images.flatMap((image) => (image.ecrRepositoryArn ? [image.ecrRepositoryArn] : [])),
    logGroupArn: logGroup.arn,
    secretArns: secrets.filter((s) => s.source === "secretsmanager").map((s) => s.arn),
    parameterArns: secrets.filter((s) => s.source === "ssm").map((s) => s.arn),
    kmsKeyArns: secrets.flatMap((s) => (s.kmsKeyArn ? [s.kmsKeyArn] : [])),
    environmentFileArns: options.environmentFileArns,
  });
  for (const statement of statements) executionRole.addToPolicy(statement);
  return { logGroup, executionRole };
}
