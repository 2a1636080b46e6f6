import { Construct } from "constructs";
import {
  SchedulerSchedule as SchedulerScheduleResource,
  SchedulerScheduleTargetEcsParameters,
} from "@cdktf/provider-aws/lib/scheduler-schedule";
import type { PolicyStatement } from "../core/iam";
import { checkName } from "../core/naming";
import { checkTags } from "../core/tags";
import { checkNotEmpty } from "../core/validate";
import type { FailureQueue } from "./failure-queue";
import type { FailureEventRule } from "./failure-rule";
import { addFailureHandling } from "./failure-handling";
import { InvokeRole } from "./invoke-role";
import {
  checkScheduleOptions,
  DEFAULT_MAX_EVENT_AGE_SECONDS,
  DEFAULT_RETRY_ATTEMPTS,
  SCHEDULE_NAME_RULE,
  ScheduleOptions,
} from "./options";
import { failureQueueSendStatements, renderFlexibleTimeWindow, renderRetryPolicy } from "./render";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** What a schedule invokes and what the invoking role may do. */
export interface ScheduleTarget {
  /** Target ARN: an ECS cluster, or a universal target such as `arn:aws:scheduler:::aws-sdk:batch:submitJob`. */
  readonly arn: string;
  /** Target input (JSON text): ECS overrides, or the API request of a universal target. @default - none */
  readonly input?: string;
  /** ECS RunTask parameters, when the target is a cluster. @default - none */
  readonly ecsParameters?: SchedulerScheduleTargetEcsParameters;
  /** Exactly what the invoke role needs to call the target. */
  readonly statements: readonly PolicyStatement[];
  /** EventBridge pattern of a failed run, delivered to the failure queue. @default - only failed invocations are caught */
  readonly failureEventPattern?: object;
  /** Says what runs, for descriptions. */
  readonly summary: string;
}

/** Props of a {@link SchedulerSchedule}. */
export interface SchedulerScheduleProps extends ScheduleOptions {
  /** Schedule name (at most 64 characters); the role, queue and alarm names derive from it. */
  readonly name: string;
  /** What the schedule invokes and exactly what its role may do to invoke it. */
  readonly target: ScheduleTarget;
  /** Tags for the role, queue, rule and alarm (schedules themselves take no tags). @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An EventBridge Scheduler schedule with its own least-privilege invoke role, a retry policy, and
 * an encrypted failure queue with an alarm (plus an EventBridge rule feeding failed runs into it).
 */
export class SchedulerSchedule extends Construct {
  /** ARN of the schedule (a token). */
  public readonly scheduleArn: string;
  /** Name of the schedule (a token). */
  public readonly scheduleName: string;
  /** The role Scheduler assumes to invoke the target; add statements to it if the target needs more. */
  public readonly role: InvokeRole;
  /** Absent only when `failureQueue.enabled` is false. */
  public readonly failureQueue?: FailureQueue;
  /** The rule feeding failed runs into the failure queue; present when the target has a `failureEventPattern` and the queue exists. */
  public readonly failureRule?: FailureEventRule;

  constructor(scope: Construct, id: string, props: SchedulerScheduleProps) {
    super(scope, id);
    checkRequiredProps(this, "SchedulerScheduleProps", props, {
      name: K.string,
      target: K.object("a ScheduleTarget", { arn: K.string, statements: K.list("policy statements"), summary: K.string }),
      schedule: K.string,
    });
    checkName(this, "SCHEDULE_NAME", "name", props.name, SCHEDULE_NAME_RULE);
    checkTags(this, "tags", props.tags);
    checkScheduleOptions(this, props);
    checkNotEmpty(this, "SCHEDULE_TARGET_STATEMENTS", "target.statements", props.target.statements);
    const groupName = props.scheduleGroupName ?? "default";
    const retryAttempts = props.retryAttempts ?? DEFAULT_RETRY_ATTEMPTS;
    const maxEventAgeSeconds = props.maxEventAgeSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS;

    this.role = new InvokeRole(this, "Role", {
      roleName: `${props.name}-scheduler`,
      service: "scheduler.amazonaws.com",
      // AWS documents the schedule group as the source ARN Scheduler presents; the schedule ARN is
      // listed too so the trust holds either way. Account and region are not known offline.
      sourceArns: [`arn:*:scheduler:*:*:schedule-group/${groupName}`, `arn:*:scheduler:*:*:schedule/${groupName}/${props.name}`],
      tags: props.tags,
      ...props.roleOptions,
    });
    this.role.addStatements(...props.target.statements);

    const failureHandling = addFailureHandling(this, {
      ...props,
      failureEventPattern: props.target.failureEventPattern,
      summary: props.target.summary,
      allowDeadLetters: (queue) => this.role.addStatements(...failureQueueSendStatements(queue.queueArn, queue.kmsKeyArn)),
    });
    this.failureQueue = failureHandling.failureQueue;
    this.failureRule = failureHandling.failureRule;

    const schedule = new SchedulerScheduleResource(this, "Resource", {
      name: props.name,
      groupName,
      description: props.description ?? `Runs ${props.target.summary}`,
      scheduleExpression: props.schedule,
      scheduleExpressionTimezone: props.timeZone ?? "UTC",
      startDate: props.startDate,
      endDate: props.endDate,
      state: (props.enabled ?? true) ? "ENABLED" : "DISABLED",
      kmsKeyArn: props.kmsKeyArn,
      flexibleTimeWindow: renderFlexibleTimeWindow(props.flexibleTimeWindowMinutes),
      target: {
        arn: props.target.arn,
        roleArn: this.role.roleArn,
        input: props.target.input,
        ecsParameters: props.target.ecsParameters,
        retryPolicy: renderRetryPolicy(retryAttempts, maxEventAgeSeconds),
        deadLetterConfig: this.failureQueue ? { arn: this.failureQueue.queueArn } : undefined,
      },
    });
    this.scheduleArn = schedule.arn;
    this.scheduleName = schedule.name;
  }
}
