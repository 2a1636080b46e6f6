import { Construct } from "constructs";
import type { ScheduleOptions } from "../../src/schedule/options";
import { expectedMessage, Rejection } from "../helpers";

const SCHEDULER_NAME = "1 to 64 characters of letters, digits and ._-";

/**
 * Every bad schedule option and the message it gets, for each construct that takes `ScheduleOptions`
 * (SchedulerSchedule, ScheduledTask, BatchJobSchedule): they share the schedule module's checks, so
 * their bad-input tables share these rows instead of restating them. `build(options)` builds the
 * construct at `at` with otherwise valid props and these options on top.
 */
export function scheduleOptionRejections(
  at: string,
  build: (options: Partial<ScheduleOptions>) => (scope: Construct) => unknown,
): Rejection[] {
  return [
    [
      "a group name with a slash",
      build({ scheduleGroupName: "a/b" }),
      expectedMessage(at, "scheduleGroupName", "a/b", SCHEDULER_NAME, "SCHEDULE_GROUP_NAME"),
    ],
    [
      "a description over 512 characters",
      build({ description: "d".repeat(513) }),
      expectedMessage(at, "description", "d".repeat(513), "at most 512 characters", "SCHEDULE_DESCRIPTION"),
    ],
    [
      "not an expression",
      build({ schedule: "every night" }),
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
      build({ schedule: "rate(5)" }),
      expectedMessage(at, "schedule", "rate(5)", 'rate(<value> <unit>), e.g. "rate(5 minutes)" or "rate(1 hour)"', "SCHEDULE_RATE"),
    ],
    [
      "a rate of zero",
      build({ schedule: "rate(0 minutes)" }),
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
      build({ schedule: "rate(2 weeks)" }),
      expectedMessage(at, "schedule", "rate(2 weeks)", 'a rate unit of minute(s), hour(s) or day(s) (got "weeks")', "SCHEDULE_RATE_UNIT"),
    ],
    [
      "a plural unit for a rate of 1",
      build({ schedule: "rate(1 hours)" }),
      expectedMessage(at, "schedule", "rate(1 hours)", 'the singular unit "hour" for a rate of 1', "SCHEDULE_RATE_UNIT"),
    ],
    [
      "a singular unit for a rate of 5",
      build({ schedule: "rate(5 minute)" }),
      expectedMessage(at, "schedule", "rate(5 minute)", 'the plural unit "minutes" for a rate of 5', "SCHEDULE_RATE_UNIT"),
    ],
    [
      "an at() that does not exist",
      build({ schedule: "at(2030-02-30T02:00:00)" }),
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
      build({ schedule: "cron(0 2 * * ?)" }),
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
      build({ schedule: "cron(61 2 * * ? *)" }),
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
      build({ schedule: "cron(0 2 * * MON *)" }),
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
      build({ timeZone: "PST" }),
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
      build({ flexibleTimeWindowMinutes: 1441 }),
      expectedMessage(at, "flexibleTimeWindowMinutes", 1441, "an integer from 1 to 1440 minutes", "SCHEDULE_FLEXIBLE_WINDOW"),
    ],
    [
      "too many retries",
      build({ retryAttempts: 186 }),
      expectedMessage(at, "retryAttempts", 186, "an integer from 0 to 185", "SCHEDULE_RETRY_ATTEMPTS"),
    ],
    [
      "an event age under a minute",
      build({ maxEventAgeSeconds: 30 }),
      expectedMessage(at, "maxEventAgeSeconds", 30, "an integer from 60 to 86400 seconds", "SCHEDULE_MAX_EVENT_AGE"),
    ],
    [
      "failure retention over 14 days",
      build({ failureQueue: { retentionDays: 15 } }),
      expectedMessage(at, "failureQueue.retentionDays", 15, "an integer from 1 to 14 days", "SCHEDULE_FAILURE_RETENTION"),
    ],
    [
      "a start date without an offset",
      build({ startDate: "2030-01-01T00:00:00" }),
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
      build({ schedule: "at(2020-06-01T09:00:00)" }),
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
      build({ endDate: "2020-01-01T00:00:00Z" }),
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
      build({ timeZone: "Mars/Olympus_Mons" }),
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
      build({ startDate: "2030-01-02T00:00:00Z", endDate: "2030-01-01T00:00:00Z" }),
      expectedMessage(at, "endDate", "2030-01-01T00:00:00Z", "a date after startDate (2030-01-02T00:00:00Z)", "SCHEDULE_DATES"),
    ],
  ];
}
