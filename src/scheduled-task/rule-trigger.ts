import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import type { PolicyStatement } from "../core/iam";
import { checkName } from "../core/naming";
import { checkNotEmpty } from "../core/validate";
import { addFailureHandling } from "../schedule/failure-handling";
import type { FailureQueue } from "../schedule/failure-queue";
import { EVENT_RULE_NAME_RULE, FailureEventRule } from "../schedule/failure-rule";
import { InvokeRole } from "../schedule/invoke-role";
import { checkScheduleOptions, DEFAULT_MAX_EVENT_AGE_SECONDS, DEFAULT_RETRY_ATTEMPTS, ScheduleOptions } from "../schedule/options";
import { renderRetryPolicy } from "../schedule/render";
import { checkTags, withName } from "../core/tags";
import type { RunTaskParameters } from "./target";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Props of an {@link EventRuleTrigger}: the schedule options plus the rendered RunTask target. */
export interface EventRuleTriggerProps extends ScheduleOptions {
  /** Rule name (at most 64 characters); the role and queue names derive from it. */
  readonly name: string;
  /** ARN of the ECS cluster the rule's target runs the task in. */
  readonly clusterArn: string;
  /** RunTask parameters of the rule's `ecs_target`, from `renderRunTaskParameters`. */
  readonly runTask: RunTaskParameters;
  /** RunTask overrides. @default - none */
  readonly input?: string;
  /** Exactly what the invoke role needs to start the task, from `runTaskStatements`. */
  readonly statements: readonly PolicyStatement[];
  /** EventBridge pattern of a failed run, delivered to the failure queue. @default - only failed invocations are caught */
  readonly failureEventPattern?: object;
  /** Says what runs, for the rule's descriptions. */
  readonly summary: string;
  /** Tags for the rule, role, failure queue, failure rule and alarm. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * The classic way to run a task on a schedule, for accounts that cannot use EventBridge Scheduler:
 * an EventBridge rule with a schedule expression (UTC only, no `at()`) and an ECS target, with the
 * same invoke role, retry policy, failure queue and alarm as the Scheduler path. The queue accepts
 * dead letters from this rule only (`aws:SourceArn`), because rules deliver them with the queue
 * policy rather than with the role.
 */
export class EventRuleTrigger extends Construct {
  /** ARN of the scheduled EventBridge rule (a token). */
  public readonly ruleArn: string;
  /** The role EventBridge assumes to run the task; it trusts this rule only. */
  public readonly role: InvokeRole;
  /** Absent only when `failureQueue.enabled` is false. */
  public readonly failureQueue?: FailureQueue;
  /** The rule feeding failed runs into the failure queue; present when a failure pattern is given and the queue exists. */
  public readonly failureRule?: FailureEventRule;

  constructor(scope: Construct, id: string, props: EventRuleTriggerProps) {
    super(scope, id);
    checkRequiredProps(this, "EventRuleTriggerProps", props, {
      name: K.string,
      clusterArn: K.string,
      runTask: K.object("RunTaskParameters", {
        taskDefinitionArn: K.string,
        taskCount: K.number,
        group: K.string,
        enableEcsManagedTags: K.boolean,
      }),
      statements: K.list("policy statements"),
      summary: K.string,
      schedule: K.string,
    });
    checkName(this, "SCHEDULE_RULE_NAME", "name", props.name, EVENT_RULE_NAME_RULE);
    checkTags(this, "tags", props.tags);
    checkScheduleOptions(this, props, true);
    checkNotEmpty(this, "SCHEDULE_TARGET_STATEMENTS", "statements", props.statements);
    const retryAttempts = props.retryAttempts ?? DEFAULT_RETRY_ATTEMPTS;
    const maxEventAgeSeconds = props.maxEventAgeSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS;

    const rule = new CloudwatchEventRule(this, "Resource", {
      name: props.name,
      description: props.description ?? `Runs ${props.summary}`,
      scheduleExpression: props.schedule,
      state: (props.enabled ?? true) ? "ENABLED" : "DISABLED",
      tags: withName(props.name, props.tags),
    });
    this.ruleArn = rule.arn;

    this.role = new InvokeRole(this, "Role", {
      roleName: `${props.name}-events`,
      service: "events.amazonaws.com",
      sourceArns: [rule.arn],
      tags: props.tags,
      ...props.roleOptions,
    });
    this.role.addStatements(...props.statements);

    const failureHandling = addFailureHandling(this, { ...props, allowDeadLetters: (queue) => queue.allowEventRule(rule.arn) });
    this.failureQueue = failureHandling.failureQueue;
    this.failureRule = failureHandling.failureRule;

    const p = props.runTask;
    new CloudwatchEventTarget(this, "Target", {
      rule: rule.name,
      targetId: "run-task",
      arn: props.clusterArn,
      roleArn: this.role.roleArn,
      input: props.input,
      ecsTarget: {
        taskDefinitionArn: p.taskDefinitionArn,
        taskCount: p.taskCount,
        launchType: p.launchType,
        capacityProviderStrategy: p.capacityProviderStrategy,
        platformVersion: p.platformVersion,
        networkConfiguration: p.networkConfiguration,
        group: p.group,
        propagateTags: p.propagateTags,
        enableEcsManagedTags: p.enableEcsManagedTags,
        tags: p.tags,
      },
      retryPolicy: renderRetryPolicy(retryAttempts, maxEventAgeSeconds),
      deadLetterConfig: this.failureQueue ? { arn: this.failureQueue.queueArn } : undefined,
    });
  }
}
