import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { withName } from "./tags";

/** What {@link queueNotEmptyAlarm} watches and whom it tells. */
export interface QueueNotEmptyAlarmOptions {
  /** Name of the alarm (and its `Name` tag), e.g. `acme-dev-orders-dlq-not-empty`. */
  readonly alarmName: string;
  /** What a visible message in the queue means, for whoever is paged. */
  readonly alarmDescription: string;
  /** The queue's name (the metric's `QueueName` dimension; a token is fine). */
  readonly queueName: string;
  /** Seconds of each evaluation period. */
  readonly periodSeconds: number;
  /** SNS topic told when the alarm fires and when it clears. @default - no notification */
  readonly alarmTopicArn?: string;
  /** Tags for the alarm. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A CloudWatch alarm that fires while an SQS queue holds any visible message (the maximum over one
 * period): for queues that should stay empty, such as a dead-letter queue or a failure queue.
 */
export function queueNotEmptyAlarm(scope: Construct, id: string, options: QueueNotEmptyAlarmOptions): CloudwatchMetricAlarm {
  const actions = options.alarmTopicArn === undefined ? undefined : [options.alarmTopicArn];
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: options.alarmName,
    alarmDescription: options.alarmDescription,
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: options.queueName },
    statistic: "Maximum",
    period: options.periodSeconds,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    // SQS stops publishing metrics for a queue that has been empty and idle for hours.
    treatMissingData: "notBreaching",
    alarmActions: actions,
    okActions: actions,
    tags: withName(options.alarmName, options.tags),
  });
}
