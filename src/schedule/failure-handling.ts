import { Construct } from "constructs";
import { FailureQueue } from "./failure-queue";
import { FailureEventRule } from "./failure-rule";
import type { ScheduleOptions } from "./options";

/** What {@link addFailureHandling} needs: the schedule's name and failure settings. */
export interface FailureHandlingOptions extends Pick<ScheduleOptions, "failureQueue" | "alarmTopicArn"> {
  /** Name of the schedule or rule; the queue is `<name>-dlq` and the failure rule `<name>-failed`. */
  readonly name: string;
  /** EventBridge pattern of a failed run, delivered to the queue. @default - only failed invocations are caught */
  readonly failureEventPattern?: object;
  /** Says what runs, for the failure rule's description. */
  readonly summary: string;
  /** Tags for the queue, its alarm and the failure rule. @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Lets the schedule's invoker send dead letters to the queue: a Scheduler schedule through its
   * role, an EventBridge rule through the queue policy. Called before the failure rule is added.
   */
  readonly allowDeadLetters: (queue: FailureQueue) => void;
}

/** The failure queue and the rule feeding failed runs into it, each absent when not wanted. */
export interface FailureHandling {
  /** Absent only when `failureQueue.enabled` is false. */
  readonly failureQueue?: FailureQueue;
  /** Present when there is a failure event pattern and the queue exists. */
  readonly failureRule?: FailureEventRule;
}

/**
 * Adds to `scope` what both kinds of schedule (Scheduler schedule, EventBridge rule) do with
 * failures: unless `failureQueue.enabled` is false, an encrypted, alarmed `FailureQueue` and, when
 * there is a `failureEventPattern`, a `FailureRule` feeding failed runs into it.
 */
export function addFailureHandling(scope: Construct, options: FailureHandlingOptions): FailureHandling {
  if (!(options.failureQueue?.enabled ?? true)) return {};
  const failureQueue = new FailureQueue(scope, "FailureQueue", {
    queueName: `${options.name}-dlq`,
    retentionDays: options.failureQueue?.retentionDays,
    kmsKeyArn: options.failureQueue?.kmsKeyArn,
    alarmTopicArn: options.alarmTopicArn,
    tags: options.tags,
  });
  options.allowDeadLetters(failureQueue);
  if (options.failureEventPattern === undefined) return { failureQueue };
  const failureRule = new FailureEventRule(scope, "FailureRule", {
    ruleName: `${options.name}-failed`,
    description: `Failed runs of ${options.summary}`,
    eventPattern: options.failureEventPattern,
    queue: failureQueue,
    tags: options.tags,
  });
  return { failureQueue, failureRule };
}
