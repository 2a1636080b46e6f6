import { Construct } from "constructs";
import { fail, isToken } from "../core/errors";
import type { PolicyStatement } from "../core/iam";
import { checkName } from "../core/naming";
import { checkTags } from "../core/tags";
import { checkIntegerRange } from "../core/validate";
import { FailureQueue } from "../schedule/failure-queue";
import { checkScheduleOptions, SCHEDULE_NAME_RULE, ScheduleOptions } from "../schedule/options";
import { SchedulerSchedule } from "../schedule/scheduler-schedule";
import type { IJobDefinition } from "./job-definition";
import type { IJobQueue } from "./job-queue";
import { checkPartition } from "../core/arn";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Props of a {@link BatchJobSchedule}. */
export interface BatchJobScheduleProps extends ScheduleOptions {
  /** Schedule name (at most 64 characters), also the submitted job's name, e.g. `acme-dev-nightly-reindex`. */
  readonly name: string;
  /** Queue the job is submitted to; the invoke role may submit to this queue only. */
  readonly jobQueue: IJobQueue;
  /** Job definition submitted; the invoke role may submit any revision of it, and no other definition. */
  readonly jobDefinition: IJobDefinition;
  /** Submit an array job of this many children, 2 to 10000. @default - a single job */
  readonly arraySize?: number;
  /** Replaces the job definition's command for scheduled runs. @default - the job definition's */
  readonly command?: readonly string[];
  /** Added to the job's environment. @default - none */
  readonly environment?: Record<string, string>;
  /** Values for `Ref::` placeholders, over the job definition's defaults. @default - none */
  readonly parameters?: Record<string, string>;
  /** Fair-share identifier; required when the queue has a fair-share policy. @default - none */
  readonly shareIdentifier?: string;
  /** Send FAILED job state changes of these runs to the failure queue. @default true */
  readonly captureFailedRuns?: boolean;
  /** AWS partition of the Scheduler universal target. @default "aws" */
  readonly partition?: string;
  /** Tags for the role, queue, rule and alarm. @default - none */
  readonly tags?: Record<string, string>;
}

/** Pure: the `batch:SubmitJob` request Scheduler's universal target sends. */
export function renderSubmitJobInput(p: {
  readonly jobName: string;
  readonly jobQueueArn: string;
  readonly jobDefinitionArn: string;
  readonly arraySize?: number;
  readonly command?: readonly string[];
  readonly environment?: Record<string, string>;
  readonly parameters?: Record<string, string>;
  readonly shareIdentifier?: string;
}): string {
  const overrides = {
    ...(p.command !== undefined ? { Command: [...p.command] } : {}),
    ...(p.environment !== undefined ? { Environment: Object.entries(p.environment).map(([Name, Value]) => ({ Name, Value })) } : {}),
  };
  return JSON.stringify({
    JobName: p.jobName,
    JobQueue: p.jobQueueArn,
    JobDefinition: p.jobDefinitionArn,
    ...(p.arraySize !== undefined ? { ArrayProperties: { Size: p.arraySize } } : {}),
    ...(Object.keys(overrides).length > 0 ? { ContainerOverrides: overrides } : {}),
    ...(p.parameters !== undefined ? { Parameters: p.parameters } : {}),
    ...(p.shareIdentifier !== undefined ? { ShareIdentifier: p.shareIdentifier } : {}),
  });
}

/** Pure: `batch:SubmitJob` on that queue and on every revision of that job definition, nothing else. */
export function submitJobStatements(jobQueueArn: string, jobDefinitionArnPrefix: string): PolicyStatement[] {
  return [{ sid: "SubmitJob", actions: ["batch:SubmitJob"], resources: [jobQueueArn, `${jobDefinitionArnPrefix}:*`] }];
}

/** Pure: FAILED state changes of jobs with this name in this queue (array children included). */
export function jobFailurePattern(jobQueueArn: string, jobName: string): object {
  return {
    source: ["aws.batch"],
    "detail-type": ["Batch Job State Change"],
    detail: { status: ["FAILED"], jobQueue: [jobQueueArn], jobName: [jobName] },
  };
}

/**
 * Submits a Batch job on a schedule through EventBridge Scheduler's `batch:SubmitJob` universal
 * target, with the same least-privilege role, retries, failure queue and alarm as a scheduled ECS
 * task; jobs that end FAILED land in the failure queue too.
 */
export class BatchJobSchedule extends Construct {
  /** ARN of the EventBridge Scheduler schedule (a token). */
  public readonly scheduleArn: string;
  /** The queue of failed submissions and FAILED jobs; absent when `failureQueue.enabled` is false. */
  public readonly failureQueue?: FailureQueue;

  constructor(scope: Construct, id: string, props: BatchJobScheduleProps) {
    super(scope, id);
    checkRequiredProps(this, "BatchJobScheduleProps", props, {
      name: K.string,
      jobQueue: K.reference("an IJobQueue such as a JobQueue", "jobQueueArn"),
      jobDefinition: K.reference("an IJobDefinition such as a JobDefinition", "jobDefinitionArn"),
      schedule: K.string,
    });
    const partition = props.partition ?? "aws";
    checkPartition(this, "BATCH_PARTITION", "partition", props.partition);
    const captureFailedRuns = props.captureFailedRuns ?? true;
    checkName(this, "BATCH_SCHEDULE_NAME", "name", props.name, SCHEDULE_NAME_RULE);
    checkTags(this, "tags", props.tags);
    checkScheduleOptions(this, props);
    checkIntegerRange(this, "BATCH_ARRAY_SIZE", "arraySize", props.arraySize, 2, 10000);
    if (props.jobQueue.fairShare && props.shareIdentifier === undefined) {
      fail(this, {
        code: "BATCH_SHARE_IDENTIFIER",
        property: "shareIdentifier",
        value: undefined,
        allowed: "a share identifier, because the job queue has a fair-share policy",
      });
    }
    if (props.shareIdentifier !== undefined && !isToken(props.shareIdentifier) && !/^[a-zA-Z0-9_]{1,255}$/.test(props.shareIdentifier)) {
      fail(this, {
        code: "BATCH_SHARE_IDENTIFIER",
        property: "shareIdentifier",
        value: props.shareIdentifier,
        allowed: "1 to 255 letters, digits and underscores",
      });
    }
    if (!props.jobQueue.fairShare && props.shareIdentifier !== undefined) {
      // Batch rejects SubmitJob with a share identifier on a queue without a scheduling policy, so every run would fail.
      fail(this, {
        code: "BATCH_SHARE_IDENTIFIER",
        property: "shareIdentifier",
        value: props.shareIdentifier,
        allowed: "no share identifier, because the job queue has no fair-share policy (give the queue fairShare to use one)",
      });
    }
    if (props.command !== undefined && props.command.length === 0) {
      fail(this, { code: "BATCH_COMMAND_EMPTY", property: "command", value: [], allowed: "at least one argument, or no command override" });
    }
    for (const key of Object.keys(props.environment ?? {})) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) || key.toUpperCase().startsWith("AWS_BATCH")) {
        fail(this, {
          code: "BATCH_ENVIRONMENT_NAME",
          property: `environment.${key}`,
          value: key,
          allowed: "a variable name of letters, digits and underscores, not starting with a digit or AWS_BATCH (reserved by Batch)",
        });
      }
    }

    const schedule = new SchedulerSchedule(this, "Schedule", {
      ...props,
      target: {
        arn: `arn:${partition}:scheduler:::aws-sdk:batch:submitJob`,
        input: renderSubmitJobInput({
          jobName: props.name,
          jobQueueArn: props.jobQueue.jobQueueArn,
          jobDefinitionArn: props.jobDefinition.jobDefinitionArn,
          arraySize: props.arraySize,
          command: props.command,
          environment: props.environment,
          parameters: props.parameters,
          shareIdentifier: props.shareIdentifier,
        }),
        statements: submitJobStatements(props.jobQueue.jobQueueArn, props.jobDefinition.jobDefinitionArnPrefix),
        failureEventPattern: captureFailedRuns ? jobFailurePattern(props.jobQueue.jobQueueArn, props.name) : undefined,
        summary: `Batch job ${props.name}`,
      },
    });
    this.scheduleArn = schedule.scheduleArn;
    this.failureQueue = schedule.failureQueue;
  }
}
