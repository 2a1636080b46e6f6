import { warn } from "../core/warnings";
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueueRedriveAllowPolicy } from "@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy";
import { checkArn } from "../core/arn";
import type { IGrantable } from "../core/grant";
import { checkName, NameRule } from "../core/naming";
import { queueNotEmptyAlarm } from "../core/queue-alarm";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange } from "../core/validate";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** What consumers, senders and scaling policies need from an SQS queue. */
export interface IQueue {
  /** ARN of the queue. */
  readonly queueArn: string;
  /** Name of the queue (the `QueueName` dimension of its CloudWatch metrics). */
  readonly queueName: string;
  /** URL of the queue, as SDKs address it. */
  readonly queueUrl: string;
  /** The customer managed KMS key the queue is encrypted with, when it has one. */
  readonly kmsKeyArn?: string;
  /** Lets `grantee` receive, delete and extend the visibility of messages (and decrypt them). */
  grantConsume(grantee: IGrantable): void;
  /** Lets `grantee` send messages (and encrypt them). */
  grantSend(grantee: IGrantable): void;
}

/** The dead-letter queue a {@link Queue} moves messages to after repeated failed receives. */
export interface DeadLetterQueueOptions {
  /** Receives of a message after which SQS moves it to the dead-letter queue, 1 to 1000. @default 5 */
  readonly maxReceiveCount?: number;
  /**
   * Seconds the dead-letter queue keeps a message, 60 to 1209600. A standard queue keeps a message's
   * original enqueue time, so this counts from when it was first sent.
   * @default 1209600 (14 days, the SQS maximum)
   */
  readonly messageRetentionSeconds?: number;
  /** SNS topic the "dead letters waiting" alarm notifies (and again when the queue is empty). @default - the alarm has no actions */
  readonly alarmTopicArn?: string;
}

/** Properties of a {@link Queue}. */
export interface QueueProps {
  /**
   * Queue name: letters, digits, hyphens and underscores, at most 76 characters with a dead-letter
   * queue (named `<name>-dlq`), 80 without.
   */
  readonly name: string;
  /** Seconds a received message stays hidden from other consumers, 0 to 43200; longer than a message takes to process. @default 300 */
  readonly visibilityTimeoutSeconds?: number;
  /** Seconds the queue keeps a message, 60 to 1209600. @default 1209600 (14 days) */
  readonly messageRetentionSeconds?: number;
  /** Seconds a receive call waits for a message, 0 to 20; above 0 is long polling (fewer empty, billed receives). @default 20 */
  readonly receiveWaitTimeSeconds?: number;
  /**
   * The dead-letter queue and redrive policy; `false` for none (a message that always fails is then
   * retried until it expires, and a warning says so).
   * @default - a dead-letter queue `<name>-dlq` after 5 receives, kept 14 days, with an alarm while it holds a message
   */
  readonly deadLetterQueue?: DeadLetterQueueOptions | false;
  /**
   * Customer managed KMS key (ARN) both queues are encrypted with; grants then include the key.
   * @default - SQS-managed server-side encryption (SSE-SQS), which needs no key grants
   */
  readonly kmsKeyArn?: string;
  /** Tags for the queues and the alarm; each also gets a `Name`. @default - none */
  readonly tags?: Record<string, string>;
}

/** SQS queue names: letters, digits, hyphens and underscores, at most 80 characters. */
const QUEUE_NAME: NameRule = { maxLength: 80, pattern: /^[a-zA-Z0-9_-]+$/, describe: "letters, digits, hyphens and underscores" };
const DLQ_SUFFIX = "-dlq";

const CONSUME_ACTIONS = [
  "sqs:ReceiveMessage",
  "sqs:ChangeMessageVisibility",
  "sqs:DeleteMessage",
  "sqs:GetQueueAttributes",
  "sqs:GetQueueUrl",
];
const SEND_ACTIONS = ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"];

/** A queue seen by ARN, name and URL, with the grants every SQS queue of this module offers. */
class QueueReference implements IQueue {
  constructor(
    public readonly queueArn: string,
    public readonly queueName: string,
    public readonly queueUrl: string,
    public readonly kmsKeyArn: string | undefined,
  ) {}

  public grantConsume(grantee: IGrantable): void {
    grantee.addToPrincipalPolicy({ actions: CONSUME_ACTIONS, resources: [this.queueArn] });
    if (this.kmsKeyArn !== undefined) grantee.addToPrincipalPolicy({ actions: ["kms:Decrypt"], resources: [this.kmsKeyArn] });
  }

  public grantSend(grantee: IGrantable): void {
    grantee.addToPrincipalPolicy({ actions: SEND_ACTIONS, resources: [this.queueArn] });
    if (this.kmsKeyArn !== undefined) {
      grantee.addToPrincipalPolicy({ actions: ["kms:GenerateDataKey", "kms:Decrypt"], resources: [this.kmsKeyArn] });
    }
  }
}

/**
 * An encrypted SQS standard queue with long polling and a dead-letter queue: after
 * `maxReceiveCount` failed receives a message moves to `<name>-dlq` (which accepts messages from
 * this queue only), and an alarm fires while dead letters wait. Access is granted with
 * `grantConsume(grantee)` and `grantSend(grantee)`.
 *
 * The queue resource's id is `Default`, which cdktf leaves out of the Terraform address entirely:
 * `new Queue(stack, "Jobs")` is `aws_sqs_queue.Jobs`, so an existing top-level `SqsQueue` with that
 * id can be replaced by this construct without moving state.
 */
export class Queue extends Construct implements IQueue {
  /** Visibility timeout: five minutes, enough for a typical message, short enough that a crashed consumer's message returns soon. */
  public static readonly DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 300;
  /** Retention: 14 days, the SQS maximum, so a backlog survives a long outage of the consumers. */
  public static readonly DEFAULT_MESSAGE_RETENTION_SECONDS = 1209600;
  /** Long polling for the full 20 seconds SQS allows: fewer empty (billed) receives, messages delivered as they arrive. */
  public static readonly DEFAULT_RECEIVE_WAIT_TIME_SECONDS = 20;
  /** Receives before a message is a dead letter: five tries ride out transient failures without looping forever. */
  public static readonly DEFAULT_MAX_RECEIVE_COUNT = 5;
  /** Period of the dead-letter alarm's metric; the alarm fires within about this long of the first dead letter. */
  public static readonly DEAD_LETTER_ALARM_PERIOD_SECONDS = 300;

  public readonly queueArn: string;
  public readonly queueName: string;
  public readonly queueUrl: string;
  public readonly kmsKeyArn?: string;
  /** The dead-letter queue, unless `deadLetterQueue: false`; grant a redrive tool `deadLetterQueue.grantConsume(...)`. */
  public readonly deadLetterQueue?: IQueue;
  /** The alarm that fires while the dead-letter queue holds a message. */
  public readonly deadLetterAlarm?: CloudwatchMetricAlarm;
  /** The queue resource, for escape hatches. */
  public readonly resource: SqsQueue;
  private readonly reference: QueueReference;

  constructor(scope: Construct, id: string, props: QueueProps) {
    super(scope, id);
    checkRequiredProps(this, "QueueProps", props, { name: K.string });
    const visibilityTimeoutSeconds = props.visibilityTimeoutSeconds ?? Queue.DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
    const messageRetentionSeconds = props.messageRetentionSeconds ?? Queue.DEFAULT_MESSAGE_RETENTION_SECONDS;
    const receiveWaitTimeSeconds = props.receiveWaitTimeSeconds ?? Queue.DEFAULT_RECEIVE_WAIT_TIME_SECONDS;
    const dlq = props.deadLetterQueue === false ? undefined : (props.deadLetterQueue ?? {});
    const maxReceiveCount = dlq?.maxReceiveCount ?? Queue.DEFAULT_MAX_RECEIVE_COUNT;
    const dlqRetentionSeconds = dlq?.messageRetentionSeconds ?? Queue.DEFAULT_MESSAGE_RETENTION_SECONDS;
    const tags = props.tags;

    const maxNameLength = dlq ? QUEUE_NAME.maxLength - DLQ_SUFFIX.length : QUEUE_NAME.maxLength;
    checkName(this, "QUEUE_NAME", "name", props.name, { ...QUEUE_NAME, maxLength: maxNameLength });
    checkTags(this, "tags", tags);
    checkIntegerRange(this, "QUEUE_VISIBILITY_TIMEOUT", "visibilityTimeoutSeconds", visibilityTimeoutSeconds, 0, 43200, "seconds");
    checkIntegerRange(this, "QUEUE_RETENTION", "messageRetentionSeconds", messageRetentionSeconds, 60, 1209600, "seconds");
    checkIntegerRange(this, "QUEUE_RECEIVE_WAIT", "receiveWaitTimeSeconds", receiveWaitTimeSeconds, 0, 20, "seconds");
    checkIntegerRange(this, "QUEUE_MAX_RECEIVE_COUNT", "deadLetterQueue.maxReceiveCount", maxReceiveCount, 1, 1000);
    checkIntegerRange(this, "QUEUE_RETENTION", "deadLetterQueue.messageRetentionSeconds", dlqRetentionSeconds, 60, 1209600, "seconds");
    checkArn(this, "QUEUE_KMS_KEY", "kmsKeyArn", props.kmsKeyArn, "kmsKey");
    if (!dlq) {
      warn(
        this,
        "QUEUE_NO_DEAD_LETTER_QUEUE",
        `Queue ${props.name} has no dead-letter queue: a message that always fails is received again until it expires.`,
      );
    }

    // Exactly one encryption mode: the customer key when given, otherwise SSE-SQS (never plaintext).
    const encryption = { sqsManagedSseEnabled: props.kmsKeyArn === undefined ? true : undefined, kmsMasterKeyId: props.kmsKeyArn };
    const deadLetters = dlq
      ? new SqsQueue(this, "DeadLetterQueue", {
          name: `${props.name}${DLQ_SUFFIX}`,
          messageRetentionSeconds: dlqRetentionSeconds,
          ...encryption,
          tags: withName(`${props.name}${DLQ_SUFFIX}`, tags),
        })
      : undefined;
    this.resource = new SqsQueue(this, "Default", {
      name: props.name,
      visibilityTimeoutSeconds,
      messageRetentionSeconds,
      receiveWaitTimeSeconds,
      ...encryption,
      redrivePolicy: deadLetters ? JSON.stringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount }) : undefined,
      tags: withName(props.name, tags),
    });
    this.queueArn = this.resource.arn;
    this.queueName = this.resource.name;
    this.queueUrl = this.resource.url;
    this.kmsKeyArn = props.kmsKeyArn;
    this.reference = new QueueReference(this.queueArn, this.queueName, this.queueUrl, this.kmsKeyArn);

    if (deadLetters) {
      // Only this queue may use the dead-letter queue as its target (its own resource: inline on
      // either queue, the two would refer to each other).
      new SqsQueueRedriveAllowPolicy(this, "DeadLetterQueueRedriveAllowPolicy", {
        queueUrl: deadLetters.url,
        redriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [this.resource.arn] }),
      });
      this.deadLetterQueue = new QueueReference(deadLetters.arn, deadLetters.name, deadLetters.url, props.kmsKeyArn);
      this.deadLetterAlarm = queueNotEmptyAlarm(this, "DeadLetterAlarm", {
        alarmName: `${props.name}${DLQ_SUFFIX}-not-empty`,
        alarmDescription: `Messages that failed ${maxReceiveCount} receives from SQS queue ${props.name} wait in ${props.name}${DLQ_SUFFIX}`,
        queueName: deadLetters.name,
        periodSeconds: Queue.DEAD_LETTER_ALARM_PERIOD_SECONDS,
        alarmTopicArn: dlq?.alarmTopicArn,
        tags,
      });
    }
  }

  /**
   * Lets `grantee` receive, delete and change the visibility of messages on exactly this queue,
   * read its attributes and URL, and decrypt with its customer managed key when it has one.
   */
  public grantConsume(grantee: IGrantable): void {
    this.reference.grantConsume(grantee);
  }

  /** Lets `grantee` send messages to exactly this queue (and encrypt them with its customer managed key when it has one). */
  public grantSend(grantee: IGrantable): void {
    this.reference.grantSend(grantee);
  }
}
