import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import type { PolicyStatement } from "../../src/core/iam";
import { Queue, QueueProps } from "../../src/queue/queue";
import { resourceAt, resourcesOf, synth, Synthesized } from "../helpers";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/0b7d2c1e-1111-2222-3333-444455556666";

function synthQueue(props: Partial<QueueProps> = {}): { s: Synthesized; queue: Queue } {
  let queue: Queue | undefined;
  const s = synth((stack) => {
    queue = new Queue(stack, "Jobs", { name: "acme-dev-jobs", ...props });
  });
  return { s, queue: queue as Queue };
}

/** A grantee that records what it is granted. */
function recorder(): { statements: PolicyStatement[]; addToPrincipalPolicy: (statement: PolicyStatement) => void } {
  const statements: PolicyStatement[] = [];
  return { statements, addToPrincipalPolicy: (statement) => statements.push(statement) };
}

/** A Terraform reference to an attribute of a resource (its address ends in an 8-character hash). */
function ref(type: string, name: string, attribute: string): unknown {
  return expect.stringMatching(new RegExp(`^\\$\\{${type}\\.${name}(_[0-9A-F]{8})?\\.${attribute}\\}$`));
}

describe("Queue", () => {
  test("is encrypted with SSE-SQS, long-polls, keeps messages 14 days and redrives to a dead-letter queue after 5 receives", () => {
    const { s } = synthQueue({ tags: { Team: "payments" } });
    const queue = resourcesOf(s, "aws_sqs_queue").Jobs;
    expect(queue).toMatchObject({
      name: "acme-dev-jobs",
      visibility_timeout_seconds: 300,
      message_retention_seconds: 1209600,
      receive_wait_time_seconds: 20,
      sqs_managed_sse_enabled: true,
      tags: { Name: "acme-dev-jobs", Team: "payments" },
    });
    expect(queue.kms_master_key_id).toBeUndefined();
    expect(JSON.parse(queue.redrive_policy)).toEqual({
      deadLetterTargetArn: ref("aws_sqs_queue", "Jobs_DeadLetterQueue", "arn"),
      maxReceiveCount: 5,
    });
    expect(s.json).toHaveResourceWithProperties(SqsQueue, {
      name: "acme-dev-jobs-dlq",
      message_retention_seconds: 1209600,
      sqs_managed_sse_enabled: true,
      tags: { Name: "acme-dev-jobs-dlq", Team: "payments" },
    });
  });

  test("keeps the address of a top-level queue with the same id (its resource id is Default)", () => {
    const { s } = synthQueue();
    expect(Object.keys(resourcesOf(s, "aws_sqs_queue")).sort()).toEqual([
      "Jobs",
      expect.stringMatching(/^Jobs_DeadLetterQueue_[0-9A-F]{8}$/),
    ]);
  });

  test("lets only the queue redrive into the dead-letter queue", () => {
    const { s } = synthQueue();
    const allow = resourceAt(s, "aws_sqs_queue_redrive_allow_policy", "Jobs/DeadLetterQueueRedriveAllowPolicy");
    expect(allow.queue_url).toEqual(ref("aws_sqs_queue", "Jobs_DeadLetterQueue", "url"));
    expect(JSON.parse(allow.redrive_allow_policy)).toEqual({
      redrivePermission: "byQueue",
      sourceQueueArns: [ref("aws_sqs_queue", "Jobs", "arn")],
    });
  });

  test("alarms while the dead-letter queue holds a message, notifying the given topic", () => {
    const topic = "arn:aws:sns:eu-west-1:123456789012:alerts";
    const { s } = synthQueue({ deadLetterQueue: { maxReceiveCount: 3, messageRetentionSeconds: 86400, alarmTopicArn: topic } });
    expect(s.json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "acme-dev-jobs-dlq-not-empty",
      namespace: "AWS/SQS",
      metric_name: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: ref("aws_sqs_queue", "Jobs_DeadLetterQueue", "name") },
      threshold: 1,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      treat_missing_data: "notBreaching",
      alarm_actions: [topic],
      ok_actions: [topic],
    });
    expect(JSON.parse(resourcesOf(s, "aws_sqs_queue").Jobs.redrive_policy).maxReceiveCount).toBe(3);
    expect(s.json).toHaveResourceWithProperties(SqsQueue, { name: "acme-dev-jobs-dlq", message_retention_seconds: 86400 });
  });

  test("without a dead-letter queue has no redrive policy, no alarm, and warns", () => {
    const { s, queue } = synthQueue({ deadLetterQueue: false, name: "x".repeat(80) });
    expect(Object.keys(resourcesOf(s, "aws_sqs_queue"))).toEqual(["Jobs"]);
    expect(resourcesOf(s, "aws_sqs_queue").Jobs.redrive_policy).toBeUndefined();
    expect(resourcesOf(s, "aws_cloudwatch_metric_alarm")).toEqual({});
    expect(queue.deadLetterQueue).toBeUndefined();
    expect(queue.node.metadata.map((m) => String(m.data))).toEqual([expect.stringContaining("has no dead-letter queue")]);
  });

  test("encrypts both queues with a customer managed key instead of SSE-SQS", () => {
    const { s } = synthQueue({ kmsKeyArn: KEY });
    for (const queue of Object.values(resourcesOf(s, "aws_sqs_queue"))) {
      expect(queue.kms_master_key_id).toBe(KEY);
      expect(queue.sqs_managed_sse_enabled).toBeUndefined();
    }
  });
});

describe("Queue grants", () => {
  function queueIn(scope: Construct, props: Partial<QueueProps> = {}): Queue {
    return new Queue(scope, "Jobs", { name: "acme-dev-jobs", ...props });
  }

  test("grantConsume: receive, change visibility, delete, attributes and URL on exactly this queue; no key grant with SSE-SQS", () => {
    const grantee = recorder();
    synth((stack) => queueIn(stack).grantConsume(grantee));
    expect(grantee.statements).toEqual([
      {
        actions: ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
        resources: [expect.stringMatching(/TfToken/)],
      },
    ]);
  });

  test("grantSend and grantConsume include the customer managed key", () => {
    const consumer = recorder();
    const sender = recorder();
    synth((stack) => {
      const queue = queueIn(stack, { kmsKeyArn: KEY });
      queue.grantConsume(consumer);
      queue.grantSend(sender);
    });
    expect(consumer.statements[1]).toEqual({ actions: ["kms:Decrypt"], resources: [KEY] });
    expect(sender.statements).toEqual([
      { actions: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], resources: [expect.stringMatching(/TfToken/)] },
      { actions: ["kms:GenerateDataKey", "kms:Decrypt"], resources: [KEY] },
    ]);
  });

  test("the dead-letter queue grants on itself, not on the source queue", () => {
    const grantee = recorder();
    let queue: Queue | undefined;
    synth((stack) => {
      queue = queueIn(stack);
      queue.deadLetterQueue?.grantConsume(grantee);
    });
    expect(grantee.statements[0].resources).toEqual([queue?.deadLetterQueue?.queueArn]);
    expect(grantee.statements[0].resources).not.toEqual([queue?.queueArn]);
  });
});
