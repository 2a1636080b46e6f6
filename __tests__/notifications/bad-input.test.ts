import { Construct } from "constructs";
import {
  NotificationTopic,
  NotificationTopicProps,
  OperationalNotifications,
  OperationalNotificationsProps,
} from "../../src/notifications";
import { expectedMessage, testRejections } from "../helpers";
import { ONCALL_TOPIC_ARN, watched } from "./fixtures";

/** Every bad input the notification constructs reject, with the library's one message shape. */

const topic = (props: Partial<NotificationTopicProps>) => (scope: Construct) =>
  new NotificationTopic(scope, "Topic", { name: "acme-test-operations", ...props });
const notifications = (props: (scope: Construct) => Partial<OperationalNotificationsProps>) => (scope: Construct) => {
  const w = watched(scope);
  const extra = props(scope);
  return new OperationalNotifications(scope, "Notifications", {
    name: "acme-test",
    topic: NotificationTopic.fromTopicArn(scope, "topicArn", ONCALL_TOPIC_ARN),
    services: [w.web],
    ...extra,
  });
};
const manyAlarms = Array.from({ length: 80 }, (_, i) => `acme-test-a-rather-long-alarm-name-${i}`);

describe("NotificationTopic", () => {
  testRejections([
    [
      "a topic name with a dot",
      topic({ name: "acme.ops" }),
      expectedMessage(
        "test/Topic",
        "name",
        "acme.ops",
        "1 to 256 characters of letters, digits, hyphens and underscores",
        "NOTIFY_TOPIC_NAME",
      ),
    ],
    [
      "an e-mail subscription that is not an address",
      topic({ emailSubscriptions: ["oncall@example.com", "oncall"] }),
      expectedMessage("test/Topic", "emailSubscriptions[1]", "oncall", "an e-mail address such as oncall@example.com", "NOTIFY_EMAIL"),
    ],
    [
      "one address twice (in any case)",
      topic({ emailSubscriptions: ["oncall@example.com", "OnCall@example.com"] }),
      expectedMessage(
        "test/Topic",
        "emailSubscriptions",
        "oncall@example.com",
        "unique values (this one appears more than once)",
        "NOTIFY_EMAIL_DUPLICATE",
      ),
    ],
    [
      "a key deletion window of 3 days",
      topic({ keyDeletionWindowDays: 3 }),
      expectedMessage("test/Topic", "keyDeletionWindowDays", 3, "an integer from 7 to 30 days", "NOTIFY_KEY_DELETION_WINDOW"),
    ],
    [
      "a display name over 100 characters",
      topic({ displayName: "x".repeat(101) }),
      expectedMessage("test/Topic", "displayName", "x".repeat(101), "1 to 100 characters", "NOTIFY_DISPLAY_NAME"),
    ],
    [
      "an existing topic given by something that is not an SNS ARN",
      (scope) => NotificationTopic.fromTopicArn(scope, "operations.onCallTopicArn", "arn:aws:sqs:eu-west-1:123456789012:q"),
      expectedMessage(
        "test",
        "operations.onCallTopicArn",
        "arn:aws:sqs:eu-west-1:123456789012:q",
        "an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)",
        "NOTIFY_TOPIC_ARN",
      ),
    ],
  ]);
});

describe("OperationalNotifications", () => {
  testRejections([
    [
      "a rule name prefix with a space",
      notifications(() => ({ name: "acme test" })),
      expectedMessage("test/Notifications", "name", "acme test", "1 to 40 characters of letters, digits and ._-", "NOTIFY_NAME"),
    ],
    [
      "both clusters and services",
      notifications((scope) => ({ clusters: [(scope.node.findChild("Web") as any).cluster] })),
      expectedMessage(
        "test/Notifications",
        "services",
        ["acme-test-web"],
        "either clusters (all their services) or services (only those), not both",
        "NOTIFY_SCOPE",
      ),
    ],
    [
      "nothing to watch",
      notifications(() => ({ services: [] })),
      expectedMessage(
        "test/Notifications",
        "clusters",
        [],
        "at least one of clusters, services, jobQueues or alarmNames to watch",
        "NOTIFY_NOTHING",
      ),
    ],
    [
      "more alarms than fit in one event pattern",
      notifications(() => ({ alarmNames: manyAlarms })),
      /^test\/Notifications: invalid alarmNames \d{4}: expected an event pattern of at most 2048 characters \(EventBridge's default quota\): split the list over several OperationalNotifications \[NOTIFY_PATTERN_TOO_LONG\]$/,
    ],
    [
      "a reserved tag key",
      notifications(() => ({ tags: { "aws:team": "x" } })),
      expectedMessage(
        "test/Notifications",
        "tags.aws:team",
        "aws:team",
        'a key of 1 to 128 characters not starting with "aws:"',
        "TAG_KEY_INVALID",
      ),
    ],
  ]);
});

describe("notifications: required props from a JSON or plain-JavaScript config", () => {
  testRejections([
    [
      "OperationalNotifications without topic",
      (scope) => new OperationalNotifications(scope, "Notify", JSON.parse('{"name":"acme-test"}')),
      expectedMessage(
        "test/Notify",
        "topic",
        undefined,
        "an INotificationTopic such as a NotificationTopic (an object with topicArn) (required)",
        "PROP_REQUIRED",
      ),
    ],
    [
      "a topic given by ARN",
      (scope) => new OperationalNotifications(scope, "Notify", JSON.parse(`{"name":"acme-test","topic":"${ONCALL_TOPIC_ARN}"}`)),
      expectedMessage(
        "test/Notify",
        "topic",
        ONCALL_TOPIC_ARN,
        "an INotificationTopic such as a NotificationTopic (an object with topicArn)",
        "PROP_TYPE",
      ),
    ],
    [
      "a NotificationTopic without name",
      (scope) => new NotificationTopic(scope, "Topic", JSON.parse("{}")),
      expectedMessage("test/Topic", "name", undefined, "a string (required)", "PROP_REQUIRED"),
    ],
  ]);
});
