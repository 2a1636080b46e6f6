/**
 * Pure functions that turn a scheduled task's typed options into what reaches Terraform: the
 * RunTask parameters, the container overrides input, the invoke role's statements and the event
 * pattern of a failed run. Shared by the Scheduler and the EventBridge-rule triggers.
 */
import { Fn, TerraformLocal } from "cdktf";
import { IConstruct } from "constructs";
import type { CapacityProviderStrategyItem } from "../cluster/types";
import { renderCapacityProviderStrategy } from "../cluster/capacity-strategy";
import { isToken } from "../core/errors";
import type { PolicyStatement } from "../core/iam";

/** Changes to one container for the scheduled runs. */
export interface ContainerOverride {
  /** Replaces the container's command. @default - the task definition's command */
  readonly command?: readonly string[];
  /** Added to the container's environment, replacing variables of the same name. @default - none */
  readonly environment?: Record<string, string>;
}

/** ECS caps a RunTask `overrides` document at 8192 characters. */
export const MAX_OVERRIDES_LENGTH = 8192;

/**
 * The target input ECS reads as RunTask `overrides`: `{"containerOverrides":[...]}`, containers in
 * the order given. Undefined when there is nothing to override.
 */
export function renderContainerOverrides(overrides: Record<string, ContainerOverride>): string | undefined {
  const containerOverrides = Object.entries(overrides)
    .filter(([, o]) => o.command !== undefined || o.environment !== undefined)
    .map(([name, o]) => ({
      name,
      ...(o.command !== undefined ? { command: [...o.command] } : {}),
      ...(o.environment !== undefined ? { environment: Object.entries(o.environment).map(([key, value]) => ({ name: key, value })) } : {}),
    }));
  return containerOverrides.length === 0 ? undefined : JSON.stringify({ containerOverrides });
}

/** RunTask parameters common to Scheduler's `ecs_parameters` and an EventBridge rule's `ecs_target`. */
export interface RunTaskParameters {
  /** Task definition ARN with revision. */
  readonly taskDefinitionArn: string;
  /** Tasks started per run, 1 to 10. */
  readonly taskCount: number;
  /** Launch type. @default - the capacity provider strategy decides */
  readonly launchType?: "FARGATE" | "EC2";
  /** Capacity provider strategy. @default - the launch type, or the cluster's default strategy */
  readonly capacityProviderStrategy?: Array<{ capacityProvider: string; weight?: number; base?: number }>;
  /** Fargate platform version. @default - none, for EC2 tasks */
  readonly platformVersion?: string;
  /** Subnets, security groups and public IP of `awsvpc` tasks. @default - none, for other network modes */
  readonly networkConfiguration?: { subnets: string[]; securityGroups: string[]; assignPublicIp: boolean };
  /** Task group, `scheduled:<name>`, which the failure pattern matches on. */
  readonly group: string;
  /** `TASK_DEFINITION` copies the task definition's tags to the tasks. @default - tags are not propagated */
  readonly propagateTags?: "TASK_DEFINITION";
  /** Whether ECS adds its managed tags (cluster name) to the tasks. */
  readonly enableEcsManagedTags: boolean;
  /** Tags set on the tasks. @default - none */
  readonly tags?: Record<string, string>;
}

/** The resolved inputs of `renderRunTaskParameters` (defaults already applied by the construct). */
export interface RunTaskInput {
  /** Task definition ARN with revision. */
  readonly taskDefinitionArn: string;
  /** True for a Fargate task definition: only then is a platform version sent. */
  readonly fargate: boolean;
  /** True for `awsvpc` network mode: only then is a network configuration sent. */
  readonly awsvpc: boolean;
  /** Tasks started per run, 1 to 10. */
  readonly taskCount: number;
  /** Exactly one of `launchType` and `capacityProviderStrategy`, or neither (the cluster default). @default - no launch type */
  readonly launchType?: "FARGATE" | "EC2";
  /** Capacity provider strategy; empty or absent means none is sent. @default - no strategy */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /** Fargate platform version, e.g. `LATEST`; ignored for EC2 tasks. */
  readonly platformVersion: string;
  /** Subnets of `awsvpc` tasks. */
  readonly subnetIds: readonly string[];
  /** Security groups of `awsvpc` tasks. */
  readonly securityGroupIds: readonly string[];
  /** Give `awsvpc` tasks a public IP. */
  readonly assignPublicIp: boolean;
  /** Task group the runs start in. */
  readonly group: string;
  /** Copy the task definition's tags to the tasks. */
  readonly propagateTags: boolean;
  /** Add ECS managed tags to the tasks. */
  readonly enableEcsManagedTags: boolean;
  /** Tags set on the tasks; an empty record sends none. @default - none */
  readonly tags?: Record<string, string>;
}

/** Pure: the RunTask parameters shared by Scheduler's `ecs_parameters` and a rule's `ecs_target`. */
export function renderRunTaskParameters(input: RunTaskInput): RunTaskParameters {
  const strategy = input.capacityProviderStrategy;
  return {
    taskDefinitionArn: input.taskDefinitionArn,
    taskCount: input.taskCount,
    launchType: input.launchType,
    capacityProviderStrategy: strategy !== undefined && strategy.length > 0 ? renderCapacityProviderStrategy(strategy) : undefined,
    platformVersion: input.fargate ? input.platformVersion : undefined,
    networkConfiguration: input.awsvpc
      ? { subnets: [...input.subnetIds], securityGroups: [...input.securityGroupIds], assignPublicIp: input.assignPublicIp }
      : undefined,
    group: input.group,
    propagateTags: input.propagateTags ? "TASK_DEFINITION" : undefined,
    enableEcsManagedTags: input.enableEcsManagedTags,
    tags: input.tags !== undefined && Object.keys(input.tags).length > 0 ? input.tags : undefined,
  };
}

/**
 * `arn:...:task-definition/<family>:*` from a task definition ARN with a revision, so the role
 * keeps working for every revision of that one family. A token ARN is rewritten by Terraform's
 * `replace()` with a regular expression, in a local named under `scope`: written inline, the
 * function call's quoted arguments would make the synthesized policy text unparseable as JSON.
 */
export function taskDefinitionFamilyArn(scope: IConstruct, taskDefinitionArn: string): string {
  if (!isToken(taskDefinitionArn)) return taskDefinitionArn.replace(/:[0-9]+$/, ":*");
  return new TerraformLocal(scope, "TaskFamilyArn", Fn.replace(taskDefinitionArn, "/:[0-9]+$/", ":*")).asString;
}

/** `arn:...:task/<cluster>/*`: the tasks of one cluster, from the cluster ARN (a local for tokens, as above). */
export function clusterTasksArn(scope: IConstruct, clusterArn: string): string {
  if (!isToken(clusterArn)) return `${clusterArn.replace(":cluster/", ":task/")}/*`;
  return new TerraformLocal(scope, "ClusterTasksArn", `${Fn.replace(clusterArn, ":cluster/", ":task/")}/*`).asString;
}

/** What `runTaskStatements` scopes the invoke role's permissions to. */
export interface RunTaskPermissions {
  /** The cluster the task may run in (`ecs:cluster` condition). */
  readonly clusterArn: string;
  /** From {@link taskDefinitionFamilyArn}. */
  readonly taskDefinitionFamilyArn: string;
  /**
   * From {@link clusterTasksArn}, when RunTask sends tags (propagated, managed or explicit): ECS
   * then checks `ecs:TagResource` on the new tasks. @default - runs carry no tags
   */
  readonly clusterTasksArn?: string;
  /** The task definition's task role, the only role (with the execution role) the invoker may pass. */
  readonly taskRoleArn: string;
  /** The task definition's execution role. */
  readonly executionRoleArn: string;
}

/**
 * Least privilege for starting the task: `ecs:RunTask` on that family only and only in that cluster
 * (`ecs:cluster`), `iam:PassRole` on exactly its task and execution roles and only to ECS, and
 * `ecs:TagResource` on that cluster's tasks only while they are being created by RunTask.
 */
export function runTaskStatements(p: RunTaskPermissions): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      sid: "RunTaskInCluster",
      actions: ["ecs:RunTask"],
      resources: [p.taskDefinitionFamilyArn],
      conditions: { ArnEquals: { "ecs:cluster": p.clusterArn } },
    },
    {
      sid: "PassTaskRoles",
      actions: ["iam:PassRole"],
      resources: [...new Set([p.taskRoleArn, p.executionRoleArn])],
      conditions: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
    },
  ];
  if (p.clusterTasksArn !== undefined) {
    statements.push({
      sid: "TagTasksOnLaunch",
      actions: ["ecs:TagResource"],
      resources: [p.clusterTasksArn],
      conditions: { StringEquals: { "ecs:CreateAction": "RunTask" } },
    });
  }
  return statements;
}

/**
 * A run failed when its task stopped with any container exiting non-zero (including a Spot
 * reclaim's SIGTERM) or when it never started. `group` pins the pattern to this schedule's runs.
 */
export function taskFailurePattern(clusterArn: string, group: string): object {
  return {
    source: ["aws.ecs"],
    "detail-type": ["ECS Task State Change"],
    detail: {
      clusterArn: [clusterArn],
      group: [group],
      lastStatus: ["STOPPED"],
      $or: [{ containers: { exitCode: [{ "anything-but": 0 }] } }, { stopCode: ["TaskFailedToStart"] }],
    },
  };
}
