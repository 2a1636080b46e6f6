import { Construct } from "constructs";
import { FailureQueue, FailureQueueProps } from "../../src/schedule/failure-queue";
import { FailureEventRule } from "../../src/schedule/failure-rule";
import { InvokeRole, InvokeRoleProps } from "../../src/schedule/invoke-role";
import { SchedulerSchedule, SchedulerScheduleProps } from "../../src/schedule/scheduler-schedule";
import { expectedMessage, testRejections, validationErrorOf } from "../helpers";
import { BOUNDARY_ALLOWED } from "../core/role-messages";
import { scheduleOptionRejections } from "./option-rejections";
import { pingProps } from "./fixtures";

/**
 * Every bad input the schedule constructs reject, each with the library's one message shape:
 * `<construct path>: invalid <property> <value>: expected <allowed> [<CODE>]`. The expression
 * parser's own cases (without a construct) are in expression.test.ts.
 */

const RESERVED_TAG_KEY = 'a key of 1 to 128 characters not starting with "aws:"';
const SCHEDULER_NAME = "1 to 64 characters of letters, digits and ._-";

const ping = (extra: Partial<SchedulerScheduleProps>) => (scope: Construct) =>
  new SchedulerSchedule(scope, "Ping", { ...pingProps, ...extra });
const queue = (extra: Partial<FailureQueueProps>) => (scope: Construct) =>
  new FailureQueue(scope, "Queue", { queueName: "acme-test-dlq", ...extra });
const role = (extra: Partial<InvokeRoleProps>) => (scope: Construct) =>
  new InvokeRole(scope, "Role", {
    roleName: "acme-test-scheduler",
    service: "scheduler.amazonaws.com",
    sourceArns: ["arn:aws:scheduler:eu-west-1:111122223333:schedule/default/x"],
    ...extra,
  });
const rule = (ruleName: string, tags?: Record<string, string>) => (scope: Construct) =>
  new FailureEventRule(scope, "Rule", {
    ruleName,
    description: "failed runs",
    eventPattern: { source: ["aws.ecs"] },
    queue: queue({})(scope),
    tags,
  });

describe("SchedulerSchedule bad input", () => {
  const at = "test/Ping";
  testRejections([
    [
      "an invoke role boundary that is a role ARN",
      ping({ roleOptions: { permissionsBoundaryArn: "arn:aws:iam::123456789012:role/boundary" } }),
      expectedMessage(
        at,
        "roleOptions.permissionsBoundaryArn",
        "arn:aws:iam::123456789012:role/boundary",
        BOUNDARY_ALLOWED,
        "ROLE_PERMISSIONS_BOUNDARY",
      ),
    ],
    [
      "a schedule name over 64 characters",
      ping({ name: "p".repeat(65) }),
      expectedMessage(at, "name", "p".repeat(65), SCHEDULER_NAME, "SCHEDULE_NAME"),
    ],
    [
      "a reserved tag key",
      ping({ tags: { "aws:owner": "x" } }),
      expectedMessage(at, "tags.aws:owner", "aws:owner", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
    [
      "a target the role may do nothing with",
      ping({ target: { ...pingProps.target, statements: [] } }),
      expectedMessage(at, "target.statements", [], "at least one item", "SCHEDULE_TARGET_STATEMENTS"),
    ],
    ...scheduleOptionRejections(at, ping),
  ]);
});

describe("FailureQueue bad input", () => {
  const at = "test/Queue";
  testRejections([
    [
      "a queue name over 80 characters",
      queue({ queueName: "q".repeat(81) }),
      expectedMessage(
        at,
        "name",
        "q".repeat(81),
        "1 to 80 characters of letters, digits, hyphens and underscores (SQS queue name)",
        "FAILURE_QUEUE_NAME",
      ),
    ],
    [
      "a retention of 0 days",
      queue({ retentionDays: 0 }),
      expectedMessage(at, "retentionDays", 0, "an integer from 1 to 14 days", "FAILURE_QUEUE_RETENTION"),
    ],
    [
      "a retention over 14 days",
      queue({ retentionDays: 15 }),
      expectedMessage(at, "retentionDays", 15, "an integer from 1 to 14 days", "FAILURE_QUEUE_RETENTION"),
    ],
    [
      "a reserved tag key",
      queue({ tags: { "aws:owner": "x" } }),
      expectedMessage(at, "tags.aws:owner", "aws:owner", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
  ]);
});

describe("FailureEventRule bad input", () => {
  testRejections([
    [
      "a rule name with spaces",
      rule("failed runs"),
      expectedMessage("test/Rule", "name", "failed runs", SCHEDULER_NAME, "FAILURE_RULE_NAME"),
    ],
    [
      "a reserved tag key",
      rule("acme-test-failed", { "aws:owner": "x" }),
      expectedMessage("test/Rule", "tags.aws:owner", "aws:owner", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
  ]);
});

describe("InvokeRole bad input", () => {
  const at = "test/Role";
  testRejections([
    [
      "a role name with spaces",
      role({ roleName: "acme scheduler" }),
      expectedMessage(at, "name", "acme scheduler", "1 to 64 characters of letters, digits and +=,.@_-", "INVOKE_ROLE_NAME"),
    ],
    [
      "no source ARNs to trust",
      role({ sourceArns: [] }),
      expectedMessage(at, "sourceArns", [], "at least one item", "INVOKE_ROLE_SOURCE_ARNS"),
    ],
    [
      "a reserved tag key",
      role({ tags: { "aws:owner": "x" } }),
      expectedMessage(at, "tags.aws:owner", "aws:owner", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
  ]);
});

test("every rejection is a ValidationError carrying the code, property and value", () => {
  expect(validationErrorOf(ping({ retryAttempts: -1 }))).toMatchObject({
    code: "SCHEDULE_RETRY_ATTEMPTS",
    property: "retryAttempts",
    value: -1,
    constructPath: "test/Ping",
  });
});

describe("schedule module: required props from a JSON or plain-JavaScript config", () => {
  testRejections([
    [
      "a SchedulerSchedule without schedule",
      (scope) => new SchedulerSchedule(scope, "Ping", { ...pingProps, schedule: undefined } as unknown as SchedulerScheduleProps),
      expectedMessage("test/Ping", "schedule", undefined, "a string (required)", "PROP_REQUIRED"),
    ],
    [
      "a target without its ARN",
      (scope) =>
        new SchedulerSchedule(scope, "Ping", {
          ...pingProps,
          target: { ...pingProps.target, arn: undefined },
        } as unknown as SchedulerScheduleProps),
      expectedMessage("test/Ping", "target.arn", undefined, "a string (required)", "PROP_REQUIRED"),
    ],
    [
      "a FailureQueue name as a number",
      (scope) => new FailureQueue(scope, "Dlq", JSON.parse('{"queueName":7}')),
      expectedMessage("test/Dlq", "queueName", 7, "a string", "PROP_TYPE"),
    ],
  ]);
});
