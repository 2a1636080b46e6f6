import { Construct } from "constructs";
import { FailureQueue, FailureQueueProps } from "../../src/schedule/failure-queue";
import { FailureEventRule } from "../../src/schedule/failure-rule";
import { InvokeRole, InvokeRoleProps } from "../../src/schedule/invoke-role";
import { SchedulerSchedule, SchedulerScheduleProps } from "../../src/schedule/scheduler-schedule";
import { expectedMessage, testRejections, validationErrorOf } from "../helpers";
import { BOUNDARY_ALLOWED } from "../core/role-messages";
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
      "a group name with a slash",
      ping({ scheduleGroupName: "a/b" }),
      expectedMessage(at, "scheduleGroupName", "a/b", SCHEDULER_NAME, "SCHEDULE_GROUP_NAME"),
    ],
    [
      "a description over 512 characters",
      ping({ description: "d".repeat(513) }),
      expectedMessage(at, "description", "d".repeat(513), "at most 512 characters", "SCHEDULE_DESCRIPTION"),
    ],
    [
      "not an expression",
      ping({ schedule: "every night" }),
      expectedMessage(
        at,
        "schedule",
        "every night",
        "an expression of the form cron(...), rate(...) or at(...)",
        "SCHEDULE_EXPRESSION_FORM",
      ),
    ],
    [
      "a rate without a unit",
      ping({ schedule: "rate(5)" }),
      expectedMessage(at, "schedule", "rate(5)", 'rate(<value> <unit>), e.g. "rate(5 minutes)" or "rate(1 hour)"', "SCHEDULE_RATE"),
    ],
    [
      "a rate of zero",
      ping({ schedule: "rate(0 minutes)" }),
      expectedMessage(
        at,
        "schedule",
        "rate(0 minutes)",
        'a rate value that is a whole number of at least 1 (got "0")',
        "SCHEDULE_RATE_VALUE",
      ),
    ],
    [
      "a rate in weeks",
      ping({ schedule: "rate(2 weeks)" }),
      expectedMessage(at, "schedule", "rate(2 weeks)", 'a rate unit of minute(s), hour(s) or day(s) (got "weeks")', "SCHEDULE_RATE_UNIT"),
    ],
    [
      "a plural unit for a rate of 1",
      ping({ schedule: "rate(1 hours)" }),
      expectedMessage(at, "schedule", "rate(1 hours)", 'the singular unit "hour" for a rate of 1', "SCHEDULE_RATE_UNIT"),
    ],
    [
      "a singular unit for a rate of 5",
      ping({ schedule: "rate(5 minute)" }),
      expectedMessage(at, "schedule", "rate(5 minute)", 'the plural unit "minutes" for a rate of 5', "SCHEDULE_RATE_UNIT"),
    ],
    [
      "an at() that does not exist",
      ping({ schedule: "at(2030-02-30T02:00:00)" }),
      expectedMessage(
        at,
        "schedule",
        "at(2030-02-30T02:00:00)",
        'at(yyyy-mm-ddThh:mm:ss) with a real date and time, e.g. "at(2030-01-31T23:00:00)"',
        "SCHEDULE_AT",
      ),
    ],
    [
      "cron with five fields",
      ping({ schedule: "cron(0 2 * * ?)" }),
      expectedMessage(
        at,
        "schedule",
        "cron(0 2 * * ?)",
        "6 space-separated fields (minutes hours day-of-month month day-of-week year), got 5",
        "SCHEDULE_CRON_FIELDS",
      ),
    ],
    [
      "a cron minute out of range",
      ping({ schedule: "cron(61 2 * * ? *)" }),
      expectedMessage(
        at,
        "schedule",
        "cron(61 2 * * ? *)",
        '61 is out of range 0-59 in the minutes field ("61"); it takes 0-59 with , - * /',
        "SCHEDULE_CRON_FIELD",
      ),
    ],
    [
      "cron with both day fields set",
      ping({ schedule: "cron(0 2 * * MON *)" }),
      expectedMessage(
        at,
        "schedule",
        "cron(0 2 * * MON *)",
        'exactly one of day-of-month ("*") and day-of-week ("MON") to be "?"',
        "SCHEDULE_CRON_DAY_FIELDS",
      ),
    ],
    [
      "a time zone abbreviation",
      ping({ timeZone: "PST" }),
      expectedMessage(
        at,
        "timeZone",
        "PST",
        'an IANA time zone name such as "Europe/Paris", "America/New_York" or "UTC"',
        "SCHEDULE_TIME_ZONE",
      ),
    ],
    [
      "a flexible window over a day",
      ping({ flexibleTimeWindowMinutes: 1441 }),
      expectedMessage(at, "flexibleTimeWindowMinutes", 1441, "an integer from 1 to 1440 minutes", "SCHEDULE_FLEXIBLE_WINDOW"),
    ],
    [
      "too many retries",
      ping({ retryAttempts: 186 }),
      expectedMessage(at, "retryAttempts", 186, "an integer from 0 to 185", "SCHEDULE_RETRY_ATTEMPTS"),
    ],
    [
      "an event age under a minute",
      ping({ maxEventAgeSeconds: 30 }),
      expectedMessage(at, "maxEventAgeSeconds", 30, "an integer from 60 to 86400 seconds", "SCHEDULE_MAX_EVENT_AGE"),
    ],
    [
      "failure retention over 14 days",
      ping({ failureQueue: { retentionDays: 15 } }),
      expectedMessage(at, "failureQueue.retentionDays", 15, "an integer from 1 to 14 days", "SCHEDULE_FAILURE_RETENTION"),
    ],
    [
      "a start date without an offset",
      ping({ startDate: "2030-01-01T00:00:00" }),
      expectedMessage(
        at,
        "startDate",
        "2030-01-01T00:00:00",
        'an RFC 3339 date-time with an offset, e.g. "2030-01-01T00:00:00Z"',
        "SCHEDULE_DATE",
      ),
    ],
    [
      "an at() in the past (it would never run)",
      ping({ schedule: "at(2020-06-01T09:00:00)" }),
      expectedMessage(
        at,
        "schedule",
        "at(2020-06-01T09:00:00)",
        "an at() time that has not passed yet (a past one never runs)",
        "SCHEDULE_AT_PAST",
      ),
    ],
    [
      "an end date in the past",
      ping({ endDate: "2020-01-01T00:00:00Z" }),
      expectedMessage(
        at,
        "endDate",
        "2020-01-01T00:00:00Z",
        "a date that has not passed yet (the schedule would never run)",
        "SCHEDULE_END_DATE_PAST",
      ),
    ],
    [
      "a time zone that does not exist",
      ping({ timeZone: "Mars/Olympus_Mons" }),
      expectedMessage(
        at,
        "timeZone",
        "Mars/Olympus_Mons",
        'an IANA time zone name such as "Europe/Paris", "America/New_York" or "UTC"',
        "SCHEDULE_TIME_ZONE",
      ),
    ],
    [
      "an end date before the start",
      ping({ startDate: "2030-01-02T00:00:00Z", endDate: "2030-01-01T00:00:00Z" }),
      expectedMessage(at, "endDate", "2030-01-01T00:00:00Z", "a date after startDate (2030-01-02T00:00:00Z)", "SCHEDULE_DATES"),
    ],
    [
      "a target the role may do nothing with",
      ping({ target: { ...pingProps.target, statements: [] } }),
      expectedMessage(at, "target.statements", [], "at least one item", "SCHEDULE_TARGET_STATEMENTS"),
    ],
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
