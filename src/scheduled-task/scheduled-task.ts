import { Construct } from "constructs";
import { validateCapacityProviderStrategy, isFargateProvider } from "../cluster/capacity-strategy";
import { CapacityProviderStrategyItem, FARGATE_SPOT, ICluster } from "../cluster/types";
import { fail, isToken } from "../core/errors";
import { checkName } from "../core/naming";
import { checkTags } from "../core/tags";
import { checkIntegerRange, checkNotEmpty, checkOneOf } from "../core/validate";
import { Connections, IConnectable } from "../network/connections";
import { SecurityGroup } from "../network/security-group";
import { FailureQueue } from "../schedule/failure-queue";
import { checkScheduleOptions, SCHEDULE_NAME_RULE, ScheduleOptions } from "../schedule/options";
import { SchedulerSchedule } from "../schedule/scheduler-schedule";
import type { ITaskDefinition } from "../task/types";
import { EventRuleTrigger } from "./rule-trigger";
import {
  clusterTasksArn,
  ContainerOverride,
  MAX_OVERRIDES_LENGTH,
  renderContainerOverrides,
  renderRunTaskParameters,
  runTaskStatements,
  taskDefinitionFamilyArn,
  taskFailurePattern,
} from "./target";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/**
 * The Fargate Linux platform versions a new task can start on (task definitions here are Linux:
 * Windows containers on Fargate have their own numbering). AWS retired 1.3.0 in 2026 and 1.0.0 to
 * 1.2.0 before it; a run on a retired version fails every time it starts.
 */
const FARGATE_PLATFORM_VERSIONS: readonly string[] = ["LATEST", "1.4.0"];

/** What starts the task: EventBridge Scheduler, or a classic EventBridge rule for accounts that need it. */
export type ScheduleTrigger = "scheduler" | "eventbridge-rule";

/** Props of a {@link ScheduledTask}. */
export interface ScheduledTaskProps extends ScheduleOptions {
  /**
   * Name of the schedule (at most 64 characters), e.g. `acme-dev-nightly-report`; the role, queue,
   * rule, alarm and security group names derive from it.
   */
  readonly name: string;
  /** Cluster the task runs in; the invoke role may run tasks in this cluster only. */
  readonly cluster: ICluster;
  /** Task definition run; the invoke role may run any revision of its family and pass only its two roles. */
  readonly taskDefinition: ITaskDefinition;
  /** Tasks started per run, 1 to 10. @default 1 */
  readonly taskCount?: number;
  /**
   * Where the tasks run. Fargate Spot suits interruptible jobs at a lower price; pass
   * `[{ capacityProvider: "FARGATE" }]` for runs that must not be interrupted.
   * @default - Fargate task definitions: `[{ capacityProvider: "FARGATE_SPOT", weight: 1 }]`;
   *   EC2 task definitions: the cluster's default strategy
   */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /** A launch type instead of a capacity provider strategy. @default - a capacity provider strategy */
  readonly launchType?: "FARGATE" | "EC2";
  /** Fargate platform version. @default "LATEST" */
  readonly platformVersion?: string;
  /** Subnets of `awsvpc` tasks. @default - the cluster network's workload (private) subnets */
  readonly subnetIds?: readonly string[];
  /** Security groups of `awsvpc` tasks, at most 5. @default - a new group with no ingress and all outbound traffic */
  readonly securityGroups?: readonly SecurityGroup[];
  /** Give `awsvpc` tasks a public IP (only useful in public subnets). @default false */
  readonly assignPublicIp?: boolean;
  /** Command and environment changes for the scheduled runs, by container name. @default - none */
  readonly containerOverrides?: Record<string, ContainerOverride>;
  /** Copy the task definition's tags to the tasks. @default true */
  readonly propagateTags?: boolean;
  /** Add the ECS managed tags (cluster, service) to the tasks. @default true */
  readonly enableEcsManagedTags?: boolean;
  /** What starts the task: EventBridge Scheduler, or a classic EventBridge rule (UTC only, no `at()`). @default "scheduler" */
  readonly trigger?: ScheduleTrigger;
  /** Send task stops with a non-zero exit code (or that never started) to the failure queue. @default true */
  readonly captureFailedRuns?: boolean;
  /** Tags for the role, queue, rules, alarm and security group, and for the tasks. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * Runs an ECS task on a schedule, in private subnets without a public IP, through a role that may
 * start only this task definition family in this cluster and pass only its two roles. A launch that
 * still fails after its retries, and a run that stops with a non-zero exit code, land in an
 * encrypted failure queue whose alarm (optionally to SNS) says so.
 */
export class ScheduledTask extends Construct implements IConnectable {
  /** Scheduled jobs default to Fargate Spot: interruptible and cheaper. */
  public static readonly DEFAULT_FARGATE_STRATEGY: readonly CapacityProviderStrategyItem[] = [
    { capacityProvider: FARGATE_SPOT, weight: 1 },
  ];
  /** RunTask starts at most 10 tasks per call. */
  public static readonly MAX_TASK_COUNT = 10;
  /** An `awsvpc` task takes at most 5 security groups. */
  public static readonly MAX_SECURITY_GROUPS = 5;

  /** The schedule's ARN, or the rule's ARN with the `eventbridge-rule` trigger. */
  public readonly scheduleArn: string;
  /** The task group the runs are started in, `scheduled:<name>`. */
  public readonly group: string;
  /** Absent when `failureQueue.enabled` is false. */
  public readonly failureQueue?: FailureQueue;
  /** The created security group, when none was given. */
  public readonly securityGroup?: SecurityGroup;
  private readonly taskConnections?: Connections;

  constructor(scope: Construct, id: string, props: ScheduledTaskProps) {
    super(scope, id);
    checkRequiredProps(this, "ScheduledTaskProps", props, {
      name: K.string,
      cluster: K.reference("an ICluster such as a Cluster", "clusterArn", "clusterName", "network"),
      taskDefinition: K.reference("an ITaskDefinition such as a TaskDefinition", "taskDefinitionArn", "family"),
      schedule: K.string,
    });
    const { cluster, taskDefinition } = props;
    const trigger = props.trigger ?? "scheduler";
    const taskCount = props.taskCount ?? 1;
    if (taskDefinition.compatibility === "EXTERNAL") {
      // EventBridge and Scheduler could start EXTERNAL tasks, but this construct only places tasks by capacity provider or FARGATE/EC2.
      fail(this, {
        code: "SCHEDULED_TASK_EXTERNAL",
        property: "taskDefinition.compatibility",
        value: "EXTERNAL",
        allowed: '"FARGATE" or "EC2" (scheduled tasks on ECS Anywhere instances are not supported here)',
      });
    }
    const fargate = taskDefinition.compatibility === "FARGATE";
    const awsvpc = taskDefinition.networkMode === "awsvpc";
    const strategy =
      props.launchType !== undefined
        ? undefined
        : (props.capacityProviderStrategy ?? (fargate ? ScheduledTask.DEFAULT_FARGATE_STRATEGY : undefined));
    const subnetIds = props.subnetIds ?? cluster.network.workloadSubnetIds;
    const assignPublicIp = props.assignPublicIp ?? false;
    const containerOverrides = props.containerOverrides ?? {};
    const propagateTags = props.propagateTags ?? true;
    const enableEcsManagedTags = props.enableEcsManagedTags ?? true;
    const captureFailedRuns = props.captureFailedRuns ?? true;
    this.group = `scheduled:${props.name}`;

    checkName(this, "SCHEDULED_TASK_NAME", "name", props.name, SCHEDULE_NAME_RULE);
    checkTags(this, "tags", props.tags);
    checkOneOf(this, "SCHEDULED_TASK_TRIGGER", "trigger", trigger, ["scheduler", "eventbridge-rule"]);
    checkScheduleOptions(this, props, trigger === "eventbridge-rule");
    checkIntegerRange(this, "SCHEDULED_TASK_COUNT", "taskCount", taskCount, 1, ScheduledTask.MAX_TASK_COUNT);
    this.checkPlacement(props, fargate, strategy);
    this.checkNetwork(props, awsvpc, subnetIds);
    this.checkOverrides(taskDefinition, containerOverrides);

    if (awsvpc && props.securityGroups === undefined) {
      this.securityGroup = new SecurityGroup(this, "SecurityGroup", {
        vpcId: cluster.network.vpcId,
        name: `${props.name}-task`,
        description: `Scheduled task ${props.name}: no ingress`,
        tags: props.tags,
      });
    }
    const securityGroups = props.securityGroups ?? (this.securityGroup ? [this.securityGroup] : []);
    this.taskConnections = securityGroups[0]?.connections;

    const runTask = renderRunTaskParameters({
      taskDefinitionArn: taskDefinition.taskDefinitionArn,
      fargate,
      awsvpc,
      taskCount,
      launchType: props.launchType,
      capacityProviderStrategy: strategy,
      platformVersion: props.platformVersion ?? "LATEST",
      subnetIds,
      securityGroupIds: securityGroups.map((g) => g.securityGroupId),
      assignPublicIp,
      group: this.group,
      propagateTags,
      enableEcsManagedTags,
      tags: props.tags,
    });
    const input = renderContainerOverrides(containerOverrides);
    const statements = runTaskStatements({
      clusterArn: cluster.clusterArn,
      taskDefinitionFamilyArn: taskDefinitionFamilyArn(this, taskDefinition.taskDefinitionArn),
      clusterTasksArn:
        propagateTags || enableEcsManagedTags || runTask.tags !== undefined ? clusterTasksArn(this, cluster.clusterArn) : undefined,
      taskRoleArn: taskDefinition.taskRoleArn,
      executionRoleArn: taskDefinition.executionRoleArn,
    });
    const failureEventPattern = captureFailedRuns ? taskFailurePattern(cluster.clusterArn, this.group) : undefined;
    const summary = `task family ${taskDefinition.family} in cluster ${cluster.clusterName}`;

    if (trigger === "eventbridge-rule") {
      const rule = new EventRuleTrigger(this, "Rule", {
        ...props,
        clusterArn: cluster.clusterArn,
        runTask,
        input,
        statements,
        failureEventPattern,
        summary,
      });
      this.scheduleArn = rule.ruleArn;
      this.failureQueue = rule.failureQueue;
      return;
    }

    const schedule = new SchedulerSchedule(this, "Schedule", {
      ...props,
      target: {
        arn: cluster.clusterArn,
        input,
        ecsParameters: runTask,
        statements,
        failureEventPattern,
        summary,
      },
    });
    this.scheduleArn = schedule.scheduleArn;
    this.failureQueue = schedule.failureQueue;
  }

  /** Traffic rules of the tasks' (first) security group; `awsvpc` tasks only. */
  public get connections(): Connections {
    if (this.taskConnections === undefined) {
      fail(this, {
        code: "SCHEDULED_TASK_NO_SECURITY_GROUP",
        property: "connections",
        value: undefined,
        allowed: "an awsvpc task definition (other network modes have no task security group)",
      });
    }
    return this.taskConnections;
  }

  private checkPlacement(props: ScheduledTaskProps, fargate: boolean, strategy: readonly CapacityProviderStrategyItem[] | undefined): void {
    const { cluster } = props;
    if (props.launchType !== undefined && props.capacityProviderStrategy !== undefined) {
      fail(this, {
        code: "SCHEDULED_TASK_PLACEMENT",
        property: "launchType",
        value: props.launchType,
        allowed: "either launchType or capacityProviderStrategy, not both",
      });
    }
    checkOneOf(this, "SCHEDULED_TASK_LAUNCH_TYPE", "launchType", props.launchType, fargate ? ["FARGATE"] : ["EC2"]);
    if (
      props.platformVersion !== undefined &&
      !isToken(props.platformVersion) &&
      !FARGATE_PLATFORM_VERSIONS.includes(props.platformVersion)
    ) {
      fail(this, {
        code: "SCHEDULED_TASK_PLATFORM_VERSION",
        property: "platformVersion",
        value: props.platformVersion,
        allowed: `a Fargate Linux platform version: ${FARGATE_PLATFORM_VERSIONS.map((v) => JSON.stringify(v)).join(" or ")} (1.3.0 and earlier are retired: no new task starts on them)`,
      });
    }
    if (props.capacityProviderStrategy === undefined && fargate && strategy !== undefined && !cluster.capacityProviderNames.some(isToken)) {
      if (!cluster.capacityProviderNames.includes(FARGATE_SPOT)) {
        fail(this, {
          code: "SCHEDULED_TASK_NO_FARGATE_SPOT",
          property: "capacityProviderStrategy",
          value: undefined,
          allowed: `a capacityProviderStrategy or launchType, because cluster ${cluster.clusterName} has no FARGATE_SPOT provider (the default for scheduled jobs)`,
        });
      }
    }
    if (strategy === undefined) return;
    validateCapacityProviderStrategy(this, "capacityProviderStrategy", strategy, cluster);
    strategy.forEach((item, i) => {
      if (isToken(item.capacityProvider) || isFargateProvider(item.capacityProvider) === fargate) return;
      fail(this, {
        code: "SCHEDULED_TASK_STRATEGY_COMPATIBILITY",
        property: `capacityProviderStrategy[${i}].capacityProvider`,
        value: item.capacityProvider,
        allowed: fargate
          ? "FARGATE or FARGATE_SPOT for a Fargate task definition"
          : "an EC2 capacity provider of the cluster for an EC2 task definition",
      });
    });
  }

  private checkNetwork(props: ScheduledTaskProps, awsvpc: boolean, subnetIds: readonly string[]): void {
    if (!awsvpc) {
      for (const [property, value] of [
        ["subnetIds", props.subnetIds],
        ["securityGroups", props.securityGroups],
        ["assignPublicIp", props.assignPublicIp],
      ] as const) {
        if (value !== undefined) {
          fail(this, {
            code: "SCHEDULED_TASK_NETWORK_MODE",
            property,
            value: property === "securityGroups" ? "(security groups)" : value,
            allowed: `no ${property} for a task definition in ${props.taskDefinition.networkMode} network mode (only awsvpc tasks have their own network interface)`,
          });
        }
      }
      return;
    }
    checkNotEmpty(this, "SCHEDULED_TASK_SUBNETS", "subnetIds", subnetIds);
    if (!isToken(subnetIds) && subnetIds.length > 16) {
      fail(this, { code: "SCHEDULED_TASK_SUBNETS", property: "subnetIds", value: subnetIds, allowed: "at most 16 subnets" });
    }
    const groups = props.securityGroups;
    if (groups !== undefined && (groups.length === 0 || groups.length > ScheduledTask.MAX_SECURITY_GROUPS)) {
      fail(this, {
        code: "SCHEDULED_TASK_SECURITY_GROUPS",
        property: "securityGroups",
        value: groups.length,
        allowed: `1 to ${ScheduledTask.MAX_SECURITY_GROUPS} security groups (leave it out to get a new one)`,
      });
    }
  }

  private checkOverrides(taskDefinition: ITaskDefinition, overrides: Record<string, ContainerOverride>): void {
    const names = taskDefinition.containers.map((c) => c.name);
    for (const [name, override] of Object.entries(overrides)) {
      if (!names.includes(name)) {
        fail(this, {
          code: "SCHEDULED_TASK_OVERRIDE_CONTAINER",
          property: `containerOverrides.${name}`,
          value: name,
          allowed: `a container of task family ${taskDefinition.family}: ${names.join(", ")}`,
        });
      }
      if (override.command !== undefined && override.command.length === 0) {
        fail(this, {
          code: "SCHEDULED_TASK_OVERRIDE_COMMAND",
          property: `containerOverrides.${name}.command`,
          value: [],
          allowed: "at least one argument, or no command override",
        });
      }
      for (const key of Object.keys(override.environment ?? {})) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
          fail(this, {
            code: "SCHEDULED_TASK_OVERRIDE_ENVIRONMENT",
            property: `containerOverrides.${name}.environment`,
            value: key,
            allowed: "variable names of letters, digits and underscores, not starting with a digit",
          });
        }
      }
    }
    const input = renderContainerOverrides(overrides);
    if (input !== undefined && !isToken(input) && input.length > MAX_OVERRIDES_LENGTH) {
      fail(this, {
        code: "SCHEDULED_TASK_OVERRIDES_TOO_LONG",
        property: "containerOverrides",
        value: `${input.length} characters`,
        allowed: `at most ${MAX_OVERRIDES_LENGTH} characters of overrides JSON (ECS limit)`,
      });
    }
  }
}
