import { Construct } from "constructs";
import { BatchJobQueue } from "@cdktf/provider-aws/lib/batch-job-queue";
import { fail, isToken } from "../core/errors";
import type { IGrantable } from "../core/grant";
import { checkName, NameRule } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange, checkOneOf } from "../core/validate";
import type { ComputeEnvironmentType, IComputeEnvironment } from "./compute-environment";
import { FairShareOptions, FairSharePolicy } from "./fair-share-policy";
import type { IJobDefinition } from "./job-definition";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** A compute environment of a queue and its place: lower orders are tried first. */
export interface OrderedComputeEnvironment {
  /** The environment; all of a queue's environments are Fargate or all are EC2/Spot. */
  readonly computeEnvironment: IComputeEnvironment;
  /** Non-negative integer, unique within the queue. */
  readonly order: number;
}

/** Why a job waits at the head of the queue in RUNNABLE; Batch can cancel it after a time for these. */
export type RunnableReason =
  | "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY"
  | "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE"
  | "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT";

/** Cancel a job stuck in RUNNABLE for `reason` after `maxTimeSeconds` (600 to 86400). */
export interface RunnableTimeLimit {
  /** The RUNNABLE reason this limit applies to; each reason at most once per queue. */
  readonly reason: RunnableReason;
  /** Seconds a job may wait at the head of the queue for this reason before Batch cancels it, 600 to 86400. */
  readonly maxTimeSeconds: number;
}

/** What schedules and job submitters need from a job queue. */
export interface IJobQueue {
  /** ARN of the queue jobs are submitted to. */
  readonly jobQueueArn: string;
  /** Name of the queue. */
  readonly jobQueueName: string;
  /** True when jobs must carry a share identifier (the queue has a fair-share policy). */
  readonly fairShare: boolean;
}

/** Props of a {@link JobQueue}. */
export interface JobQueueProps {
  /** Queue name, at most 128 characters, e.g. `acme-dev-jobs`. */
  readonly name: string;
  /** One to three compute environments, all Fargate or all EC2, e.g. Fargate Spot (order 1) then Fargate (order 2). */
  readonly computeEnvironments: readonly OrderedComputeEnvironment[];
  /** Higher priorities are scheduled first on shared compute environments, 0 to 1000. @default 1 */
  readonly priority?: number;
  /** Whether the queue accepts jobs. @default true */
  readonly enabled?: boolean;
  /** Attach a fair-share scheduling policy. @default - first in, first out */
  readonly fairShare?: FairShareOptions;
  /**
   * Cancel jobs stuck at the head of the queue. Pass `[]` to keep them waiting forever.
   * @default JobQueue.DEFAULT_RUNNABLE_TIME_LIMITS
   */
  readonly runnableTimeLimits?: readonly RunnableTimeLimit[];
  /** Tags for the queue and its scheduling policy. @default - none */
  readonly tags?: Record<string, string>;
}

/** Pure: the queue's compute environment order, sorted by order. */
export function renderComputeEnvironmentOrder(
  environments: readonly OrderedComputeEnvironment[],
): Array<{ computeEnvironment: string; order: number }> {
  return [...environments]
    .sort((a, b) => a.order - b.order)
    .map((e) => ({ computeEnvironment: e.computeEnvironment.computeEnvironmentArn, order: e.order }));
}

/** Pure: `job_state_time_limit_action` blocks. */
export function renderRunnableTimeLimits(
  limits: readonly RunnableTimeLimit[],
): Array<{ action: "CANCEL"; state: "RUNNABLE"; reason: string; maxTimeSeconds: number }> {
  return limits.map((l) => ({ action: "CANCEL", state: "RUNNABLE", reason: l.reason, maxTimeSeconds: l.maxTimeSeconds }));
}

const isFargateType = (type: ComputeEnvironmentType) => type === "FARGATE" || type === "FARGATE_SPOT";

/**
 * An AWS Batch job queue over one to three ordered compute environments, cancelling jobs that can
 * never or will not soon run instead of letting them block the queue, optionally fair-share.
 */
export class JobQueue extends Construct implements IJobQueue {
  /** Default priority: 1, so a queue created later with a higher priority wins on shared environments. */
  public static readonly DEFAULT_PRIORITY = 1;
  /** Batch accepts at most 3 compute environments per job queue. */
  public static readonly MAX_COMPUTE_ENVIRONMENTS = 3;
  /** Batch job queue names: up to 128 letters, digits, hyphens and underscores. */
  public static readonly NAME_RULE: NameRule = {
    maxLength: 128,
    pattern: /^[a-zA-Z0-9_-]+$/,
    describe: "letters, digits, hyphens and underscores",
  };
  /**
   * Misconfigured jobs (asking for more than the environments offer) can never run: cancel after
   * 10 minutes, Batch's minimum. Jobs waiting for capacity get 4 hours.
   */
  public static readonly DEFAULT_RUNNABLE_TIME_LIMITS: readonly RunnableTimeLimit[] = [
    { reason: "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE", maxTimeSeconds: 600 },
    { reason: "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT", maxTimeSeconds: 600 },
    { reason: "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", maxTimeSeconds: 14400 },
  ];

  /** ARN of the queue (a token). */
  public readonly jobQueueArn: string;
  /** Name of the queue (a token). */
  public readonly jobQueueName: string;
  /** True when the queue has a fair-share policy, so submitted jobs need a share identifier. */
  public readonly fairShare: boolean;
  /** The fair-share scheduling policy, when `fairShare` was given. */
  public readonly schedulingPolicy?: FairSharePolicy;

  constructor(scope: Construct, id: string, props: JobQueueProps) {
    super(scope, id);
    checkRequiredProps(this, "JobQueueProps", props, {
      name: K.string,
      computeEnvironments: K.list("compute environments with their order"),
    });
    const priority = props.priority ?? JobQueue.DEFAULT_PRIORITY;
    const enabled = props.enabled ?? true;
    const limits = props.runnableTimeLimits ?? JobQueue.DEFAULT_RUNNABLE_TIME_LIMITS;
    checkName(this, "BATCH_JOB_QUEUE_NAME", "name", props.name, JobQueue.NAME_RULE);
    checkTags(this, "tags", props.tags);
    checkIntegerRange(this, "BATCH_JOB_QUEUE_PRIORITY", "priority", priority, 0, 1000);
    this.checkEnvironments(props.computeEnvironments);
    this.checkTimeLimits(limits);

    if (props.fairShare !== undefined) {
      this.schedulingPolicy = new FairSharePolicy(this, "SchedulingPolicy", { name: props.name, ...props.fairShare, tags: props.tags });
    }
    this.fairShare = this.schedulingPolicy !== undefined;

    const queue = new BatchJobQueue(this, "Resource", {
      name: props.name,
      priority,
      state: enabled ? "ENABLED" : "DISABLED",
      computeEnvironmentOrder: renderComputeEnvironmentOrder(props.computeEnvironments),
      jobStateTimeLimitAction: limits.length > 0 ? renderRunnableTimeLimits(limits) : undefined,
      schedulingPolicyArn: this.schedulingPolicy?.schedulingPolicyArn,
      tags: withName(props.name, props.tags),
    });
    this.jobQueueArn = queue.arn;
    this.jobQueueName = queue.name;
  }

  /**
   * Lets `grantee` submit jobs to this queue with these job definitions (any revision of each):
   * `batch:SubmitJob` on exactly the queue and the definitions.
   */
  public grantSubmit(grantee: IGrantable, jobDefinitions: readonly IJobDefinition[]): void {
    if (jobDefinitions.length === 0) {
      fail(this, {
        code: "BATCH_GRANT_SUBMIT_NO_DEFINITIONS",
        property: "jobDefinitions",
        value: [],
        allowed: "at least one job definition (SubmitJob is authorized on the queue and the definition)",
      });
    }
    grantee.addToPrincipalPolicy({
      actions: ["batch:SubmitJob"],
      resources: [this.jobQueueArn, ...jobDefinitions.map((definition) => `${definition.jobDefinitionArnPrefix}:*`)],
    });
  }

  private checkEnvironments(environments: readonly OrderedComputeEnvironment[]): void {
    if (environments.length < 1 || environments.length > JobQueue.MAX_COMPUTE_ENVIRONMENTS) {
      fail(this, {
        code: "BATCH_QUEUE_COMPUTE_ENVIRONMENT_COUNT",
        property: "computeEnvironments",
        value: `${environments.length} compute environments`,
        allowed: `1 to ${JobQueue.MAX_COMPUTE_ENVIRONMENTS} compute environments`,
      });
    }
    const orders = new Set<number>();
    const seen = new Set<IComputeEnvironment>();
    environments.forEach((e, i) => {
      checkIntegerRange(this, "BATCH_QUEUE_ORDER", `computeEnvironments[${i}].order`, e.order, 0, 2147483647);
      if (!isToken(e.order) && orders.has(e.order)) {
        fail(this, {
          code: "BATCH_QUEUE_DUPLICATE_ORDER",
          property: `computeEnvironments[${i}].order`,
          value: e.order,
          allowed: "a different order for each compute environment",
        });
      }
      orders.add(e.order);
      if (seen.has(e.computeEnvironment)) {
        fail(this, {
          code: "BATCH_QUEUE_DUPLICATE_ENVIRONMENT",
          property: `computeEnvironments[${i}]`,
          value: e.computeEnvironment.type,
          allowed: "each compute environment once",
        });
      }
      seen.add(e.computeEnvironment);
    });
    const types = environments.map((e) => e.computeEnvironment.type);
    const fargate = types.filter(isFargateType);
    if (fargate.length > 0 && fargate.length < types.length) {
      fail(this, {
        code: "BATCH_QUEUE_MIXED_ENVIRONMENTS",
        property: "computeEnvironments",
        value: types,
        allowed: "all Fargate (FARGATE, FARGATE_SPOT) or all EC2 (EC2, SPOT) compute environments; Batch does not mix them in a queue",
      });
    }
    const architectures = new Set(environments.map((e) => e.computeEnvironment.architecture).filter((a) => a !== undefined));
    if (architectures.size > 1) {
      fail(this, {
        code: "BATCH_QUEUE_MIXED_ARCHITECTURES",
        property: "computeEnvironments",
        value: [...architectures],
        allowed: "compute environments of one CPU architecture",
      });
    }
  }

  private checkTimeLimits(limits: readonly RunnableTimeLimit[]): void {
    const reasons = new Set<string>();
    limits.forEach((l, i) => {
      checkOneOf(
        this,
        "BATCH_QUEUE_TIME_LIMIT_REASON",
        `runnableTimeLimits[${i}].reason`,
        l.reason,
        JobQueue.DEFAULT_RUNNABLE_TIME_LIMITS.map((d) => d.reason),
      );
      checkIntegerRange(this, "BATCH_QUEUE_TIME_LIMIT", `runnableTimeLimits[${i}].maxTimeSeconds`, l.maxTimeSeconds, 600, 86400, "seconds");
      if (reasons.has(l.reason)) {
        fail(this, {
          code: "BATCH_QUEUE_TIME_LIMIT_REASON",
          property: `runnableTimeLimits[${i}].reason`,
          value: l.reason,
          allowed: "each reason once",
        });
      }
      reasons.add(l.reason);
    });
  }
}
