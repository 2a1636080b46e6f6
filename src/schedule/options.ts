import { IConstruct } from "constructs";
import { checkArn } from "../core/arn";
import { fail, isToken } from "../core/errors";
import { checkName, NameRule } from "../core/naming";
import { checkRoleOptions, RoleOptions } from "../core/role";
import { checkIntegerRange } from "../core/validate";
import { parseScheduleExpression } from "./expression";
import { atIsInThePast, isIanaTimeZone, parseRfc3339 } from "./time";

/** Options of the failure (dead-letter) queue every schedule gets. */
export interface FailureQueueOptions {
  /**
   * Create the queue. Turning it off means a launch that fails after its retries is dropped and
   * nothing alarms: do it only when something else watches the target.
   * @default true
   */
  readonly enabled?: boolean;
  /** Days a message is kept, 1 to 14. @default 14 */
  readonly retentionDays?: number;
  /** Customer managed KMS key for the queue. @default - SQS managed server-side encryption (SSE-SQS) */
  readonly kmsKeyArn?: string;
}

/** When and how a schedule fires; shared by scheduled ECS tasks and scheduled Batch jobs. */
export interface ScheduleOptions {
  /**
   * `cron(min hour day-of-month month day-of-week year)`, `rate(<n> <unit>)` or, for a one-time run,
   * `at(yyyy-mm-ddThh:mm:ss)`. Build one with `ScheduleExpression.cron()`, `.rate()` or `.at()` (schedule module).
   */
  readonly schedule: string;
  /** IANA time zone `cron()` and `at()` are evaluated in, e.g. `Europe/Paris`. @default "UTC" */
  readonly timeZone?: string;
  /**
   * Let Scheduler start the target up to this many minutes (1 to 1440) after the scheduled time,
   * to spread load. @default - off: the target is invoked at the scheduled time
   */
  readonly flexibleTimeWindowMinutes?: number;
  /** First time the schedule may fire, RFC 3339 (`2030-01-01T00:00:00Z`). @default - as soon as it is created */
  readonly startDate?: string;
  /** Last time the schedule may fire, RFC 3339. @default - no end */
  readonly endDate?: string;
  /** Whether the schedule fires. @default true */
  readonly enabled?: boolean;
  /** Schedule group (must exist). @default "default" */
  readonly scheduleGroupName?: string;
  /** Description of the schedule (or rule), at most 512 characters. @default - a description naming the target */
  readonly description?: string;
  /** Times Scheduler retries a failed target call, 0 to 185. @default 3 */
  readonly retryAttempts?: number;
  /** How long Scheduler keeps retrying an invocation, 60 to 86400 seconds. @default 3600 */
  readonly maxEventAgeSeconds?: number;
  /** The encrypted queue that receives invocations that failed after their retries and failed runs. @default - a queue kept 14 days, SSE-SQS encrypted, with an alarm */
  readonly failureQueue?: FailureQueueOptions;
  /** SNS topic the failure alarm notifies. @default - the alarm has no actions */
  readonly alarmTopicArn?: string;
  /** Customer managed KMS key Scheduler encrypts the schedule's target input with. @default - an AWS owned key */
  readonly kmsKeyArn?: string;
  /**
   * Permissions boundary and path of the role the scheduler (or the EventBridge rule) assumes.
   * @default - the stack's `RoleDefaults` (none unless the stack declares them)
   */
  readonly roleOptions?: RoleOptions;
}

/** EventBridge Scheduler schedule names. */
export const SCHEDULE_NAME_RULE: NameRule = { maxLength: 64, pattern: /^[0-9a-zA-Z._-]+$/, describe: "letters, digits and ._-" };

/** Retry defaults: a few quick retries instead of Scheduler's 185 over 24 hours, so a nightly run does not start a day late. */
export const DEFAULT_RETRY_ATTEMPTS = 3;
/** Default seconds Scheduler keeps retrying one invocation: an hour, instead of Scheduler's 24. */
export const DEFAULT_MAX_EVENT_AGE_SECONDS = 3600;
/** Default days a failure message is kept: 14, the SQS maximum, so a failure outlives a long weekend. */
export const DEFAULT_FAILURE_RETENTION_DAYS = 14;

/** Checks a schedule expression's syntax, fields and ranges. */
export function checkScheduleExpression(scope: IConstruct, property: string, expression: string, allowAt = true): void {
  if (isToken(expression)) return;
  const result = parseScheduleExpression(expression, { allowAt });
  if (!result.ok) fail(scope, { code: result.problem.code, property, value: expression, allowed: result.problem.allowed });
  checkAtNotPast(scope, "SCHEDULE_AT_PAST", property, expression);
}

/** Fails when `expression` is an `at()` whose time has passed: it would never run. */
export function checkAtNotPast(scope: IConstruct, code: string, property: string, expression: string): void {
  const parsed = parseScheduleExpression(expression);
  if (parsed.ok && parsed.expression.kind === "at" && atIsInThePast(parsed.expression.dateTime)) {
    fail(scope, { code, property, value: expression, allowed: "an at() time that has not passed yet (a past one never runs)" });
  }
}

/** Checks that `timeZone` is an IANA name (or `UTC`). */
export function checkTimeZone(scope: IConstruct, property: string, timeZone: string | undefined): void {
  if (timeZone === undefined || isToken(timeZone)) return;
  if (!isIanaTimeZone(timeZone)) {
    fail(scope, {
      code: "SCHEDULE_TIME_ZONE",
      property,
      value: timeZone,
      allowed: 'an IANA time zone name such as "Europe/Paris", "America/New_York" or "UTC"',
    });
  }
}

/** Validates every {@link ScheduleOptions} field; `classicRule` applies EventBridge rule limits. */
export function checkScheduleOptions(scope: IConstruct, options: ScheduleOptions, classicRule = false): void {
  checkScheduleExpression(scope, "schedule", options.schedule, !classicRule);
  checkTimeZone(scope, "timeZone", options.timeZone);
  checkArn(scope, "SCHEDULE_KMS_KEY", "kmsKeyArn", options.kmsKeyArn, "kmsKey");
  checkArn(scope, "SCHEDULE_FAILURE_KMS_KEY", "failureQueue.kmsKeyArn", options.failureQueue?.kmsKeyArn, "kmsKey");
  checkArn(scope, "SCHEDULE_ALARM_TOPIC", "alarmTopicArn", options.alarmTopicArn, "snsTopic");
  checkRoleOptions(scope, "roleOptions", options.roleOptions);
  checkIntegerRange(scope, "SCHEDULE_FLEXIBLE_WINDOW", "flexibleTimeWindowMinutes", options.flexibleTimeWindowMinutes, 1, 1440, "minutes");
  checkIntegerRange(scope, "SCHEDULE_RETRY_ATTEMPTS", "retryAttempts", options.retryAttempts, 0, 185);
  checkIntegerRange(scope, "SCHEDULE_MAX_EVENT_AGE", "maxEventAgeSeconds", options.maxEventAgeSeconds, 60, 86400, "seconds");
  checkIntegerRange(scope, "SCHEDULE_FAILURE_RETENTION", "failureQueue.retentionDays", options.failureQueue?.retentionDays, 1, 14, "days");
  checkName(scope, "SCHEDULE_GROUP_NAME", "scheduleGroupName", options.scheduleGroupName, SCHEDULE_NAME_RULE);
  if (options.description !== undefined && !isToken(options.description) && options.description.length > 512) {
    fail(scope, { code: "SCHEDULE_DESCRIPTION", property: "description", value: options.description, allowed: "at most 512 characters" });
  }
  const start = checkDate(scope, "startDate", options.startDate);
  const end = checkDate(scope, "endDate", options.endDate);
  if (end !== undefined && end < Date.now()) {
    fail(scope, {
      code: "SCHEDULE_END_DATE_PAST",
      property: "endDate",
      value: options.endDate,
      allowed: "a date that has not passed yet (the schedule would never run)",
    });
  }
  if (start !== undefined && end !== undefined && end <= start) {
    fail(scope, {
      code: "SCHEDULE_DATES",
      property: "endDate",
      value: options.endDate,
      allowed: `a date after startDate (${options.startDate})`,
    });
  }
  if (classicRule) checkClassicRuleOptions(scope, options);
}

function checkDate(scope: IConstruct, property: string, value: string | undefined): number | undefined {
  if (value === undefined || isToken(value)) return undefined;
  const time = parseRfc3339(value);
  if (time === undefined) {
    fail(scope, { code: "SCHEDULE_DATE", property, value, allowed: 'an RFC 3339 date-time with an offset, e.g. "2030-01-01T00:00:00Z"' });
  }
  return time;
}

/** EventBridge rules have no time zone, time window, start/end dates, schedule groups or KMS key. */
function checkClassicRuleOptions(scope: IConstruct, options: ScheduleOptions): void {
  const unsupported: Array<[keyof ScheduleOptions, unknown]> = [
    ["flexibleTimeWindowMinutes", options.flexibleTimeWindowMinutes],
    ["startDate", options.startDate],
    ["endDate", options.endDate],
    ["scheduleGroupName", options.scheduleGroupName],
    ["kmsKeyArn", options.kmsKeyArn],
  ];
  if (options.timeZone !== undefined && options.timeZone !== "UTC") unsupported.unshift(["timeZone", options.timeZone]);
  for (const [property, value] of unsupported) {
    if (value !== undefined) {
      fail(scope, {
        code: "SCHEDULE_NOT_SUPPORTED_BY_RULE",
        property,
        value,
        allowed:
          'no value with trigger "eventbridge-rule" (EventBridge rules run in UTC and have no time window, dates, groups or key; use the default "scheduler" trigger)',
      });
    }
  }
}
