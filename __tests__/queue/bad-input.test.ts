import { Construct } from "constructs";
import { Queue, QueueProps } from "../../src/queue/queue";
import { expectedMessage, Rejection, testRejections } from "../helpers";

function queue(props: Partial<QueueProps>): (scope: Construct) => void {
  return (scope) => new Queue(scope, "Jobs", { name: "acme-dev-jobs", ...props });
}

const cases: Rejection[] = [
  [
    "a name SQS does not allow",
    queue({ name: "acme.jobs" }),
    expectedMessage("test/Jobs", "name", "acme.jobs", "1 to 76 characters of letters, digits, hyphens and underscores", "QUEUE_NAME"),
  ],
  [
    "a name leaving no room for the dead-letter queue's -dlq",
    queue({ name: "q".repeat(77) }),
    expectedMessage("test/Jobs", "name", "q".repeat(77), "1 to 76 characters of letters, digits, hyphens and underscores", "QUEUE_NAME"),
  ],
  [
    "a name over 80 characters without a dead-letter queue",
    queue({ name: "q".repeat(81), deadLetterQueue: false }),
    expectedMessage("test/Jobs", "name", "q".repeat(81), "1 to 80 characters of letters, digits, hyphens and underscores", "QUEUE_NAME"),
  ],
  [
    "a visibility timeout over 12 hours",
    queue({ visibilityTimeoutSeconds: 43201 }),
    expectedMessage("test/Jobs", "visibilityTimeoutSeconds", 43201, "an integer from 0 to 43200 seconds", "QUEUE_VISIBILITY_TIMEOUT"),
  ],
  [
    "a retention under a minute",
    queue({ messageRetentionSeconds: 59 }),
    expectedMessage("test/Jobs", "messageRetentionSeconds", 59, "an integer from 60 to 1209600 seconds", "QUEUE_RETENTION"),
  ],
  [
    "a receive wait over 20 seconds",
    queue({ receiveWaitTimeSeconds: 21 }),
    expectedMessage("test/Jobs", "receiveWaitTimeSeconds", 21, "an integer from 0 to 20 seconds", "QUEUE_RECEIVE_WAIT"),
  ],
  [
    "a max receive count of 0",
    queue({ deadLetterQueue: { maxReceiveCount: 0 } }),
    expectedMessage("test/Jobs", "deadLetterQueue.maxReceiveCount", 0, "an integer from 1 to 1000", "QUEUE_MAX_RECEIVE_COUNT"),
  ],
  [
    "a dead-letter retention over 14 days",
    queue({ deadLetterQueue: { messageRetentionSeconds: 1209601 } }),
    expectedMessage(
      "test/Jobs",
      "deadLetterQueue.messageRetentionSeconds",
      1209601,
      "an integer from 60 to 1209600 seconds",
      "QUEUE_RETENTION",
    ),
  ],
  [
    "a KMS alias instead of a key ARN",
    queue({ kmsKeyArn: "alias/jobs" }),
    expectedMessage(
      "test/Jobs",
      "kmsKeyArn",
      "alias/jobs",
      "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>), not an alias",
      "QUEUE_KMS_KEY",
    ),
  ],
  [
    "a reserved tag key",
    queue({ tags: { "aws:team": "x" } }),
    expectedMessage("test/Jobs", "tags.aws:team", "aws:team", 'a key of 1 to 128 characters not starting with "aws:"', "TAG_KEY_INVALID"),
  ],
];

describe("queue module: bad input", () => {
  testRejections(cases);
});

describe("queue module: required props from a JSON config", () => {
  testRejections([
    [
      "a Queue name as a number",
      (scope) => new Queue(scope, "Queue", JSON.parse('{"name":12}')),
      expectedMessage("test/Queue", "name", 12, "a string", "PROP_TYPE"),
    ],
  ]);
});
