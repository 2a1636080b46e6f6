import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { checkName } from "../core/naming";
import { queueNotEmptyAlarm } from "../core/queue-alarm";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange } from "../core/validate";
import { DEFAULT_FAILURE_RETENTION_DAYS } from "./options";
import { renderFailureQueuePolicy } from "./render";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Props of a {@link FailureQueue}. */
export interface FailureQueueProps {
  /** Queue name, also the alarm name prefix. SQS allows 80 characters of letters, digits, `-` and `_`. */
  readonly queueName: string;
  /** Days a failure message is kept, 1 to 14 (the SQS maximum, so a failure is not lost over a long weekend). @default 14 */
  readonly retentionDays?: number;
  /** Customer managed KMS key for the queue. @default - SQS managed server-side encryption */
  readonly kmsKeyArn?: string;
  /** SNS topic the alarm notifies when a message arrives and when the queue is empty again. @default - the alarm has no actions */
  readonly alarmTopicArn?: string;
  /** Tags for the queue and the alarm. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An encrypted SQS queue that collects what went wrong with a schedule: invocations that failed
 * after their retries (as a dead-letter queue) and failure events of the runs themselves (from
 * EventBridge rules registered with {@link allowEventRule}). One alarm fires while it holds any
 * message, so a failure is never silent; the messages say what failed.
 */
export class FailureQueue extends Construct {
  /** Period of the alarm's queue-depth metric; the alarm fires within about this long of a failure. */
  public static readonly ALARM_PERIOD_SECONDS = 300;
  /** ARN of the queue (a token), the dead-letter target of the schedule or rule. */
  public readonly queueArn: string;
  /** Name of the queue (a token). */
  public readonly queueName: string;
  /** URL of the queue (a token), for reading the failure messages. */
  public readonly queueUrl: string;
  /** The customer managed key the queue is encrypted with, when one was given; senders need to use it. */
  public readonly kmsKeyArn?: string;
  /** The alarm that fires while the queue holds a message, for escape hatches or more actions. */
  public readonly alarm: CloudwatchMetricAlarm;
  private readonly eventRuleArns: string[] = [];

  constructor(scope: Construct, id: string, props: FailureQueueProps) {
    super(scope, id);
    checkRequiredProps(this, "FailureQueueProps", props, { queueName: K.string });
    const retentionDays = props.retentionDays ?? DEFAULT_FAILURE_RETENTION_DAYS;
    checkName(this, "FAILURE_QUEUE_NAME", "name", props.queueName, {
      maxLength: 80,
      pattern: /^[a-zA-Z0-9_-]+$/,
      describe: "letters, digits, hyphens and underscores (SQS queue name)",
    });
    checkTags(this, "tags", props.tags);
    checkIntegerRange(this, "FAILURE_QUEUE_RETENTION", "retentionDays", retentionDays, 1, 14, "days");
    const queue = new SqsQueue(this, "Resource", {
      name: props.queueName,
      messageRetentionSeconds: retentionDays * 86400,
      // Exactly one encryption mode: a customer key when given, otherwise SSE-SQS (never plaintext).
      sqsManagedSseEnabled: props.kmsKeyArn === undefined ? true : undefined,
      kmsMasterKeyId: props.kmsKeyArn,
      tags: withName(props.queueName, props.tags),
    });
    this.queueArn = queue.arn;
    this.queueName = queue.name;
    this.queueUrl = queue.url;
    this.kmsKeyArn = props.kmsKeyArn;

    new SqsQueuePolicy(this, "Policy", {
      queueUrl: queue.url,
      policy: Lazy.stringValue({ produce: () => renderFailureQueuePolicy(queue.arn, this.eventRuleArns) }),
    });

    this.alarm = queueNotEmptyAlarm(this, "Alarm", {
      alarmName: `${props.queueName}-not-empty`,
      alarmDescription: `Failed scheduled invocations or runs are waiting in SQS queue ${props.queueName}`,
      queueName: queue.name,
      periodSeconds: FailureQueue.ALARM_PERIOD_SECONDS,
      alarmTopicArn: props.alarmTopicArn,
      tags: props.tags,
    });
  }

  /** Lets EventBridge deliver matches of the rule with this ARN (and only that rule) to the queue. */
  public allowEventRule(ruleArn: string): void {
    this.eventRuleArns.push(ruleArn);
  }
}
