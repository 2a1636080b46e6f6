import { parseScheduleExpression, ScheduleExpression } from "../../src/schedule/expression";
import { atIsInThePast, isIanaTimeZone, parseRfc3339 } from "../../src/schedule/time";

function problem(expression: string, allowAt = true): string {
  const result = parseScheduleExpression(expression, { allowAt });
  if (result.ok) throw new Error(`expected ${expression} to be rejected`);
  return `${result.problem.code}: ${result.problem.allowed}`;
}

describe("parseScheduleExpression: cron", () => {
  test.each([
    "cron(0 2 * * ? *)",
    "cron(0/15 * * * ? *)",
    "cron(0 8 ? * MON-FRI *)",
    "cron(0 8 ? * mon-fri *)",
    "cron(30 6 ? * 2,4,6 *)",
    "cron(0 0 L * ? *)",
    "cron(0 0 LW * ? *)",
    "cron(0 0 15W * ? *)",
    "cron(0 0 ? * 6L *)",
    "cron(0 0 ? * FRIL *)",
    "cron(0 0 ? * L *)",
    "cron(0 10 ? * 2#3 *)",
    "cron(0 10 ? * MON#1 *)",
    "cron(0 12 1 JAN-MAR ? 2030-2035)",
    "cron(5-55/10 0-23/2 1-31/5 */3 ? 1970/10)",
    "cron(0 0 ? * SUN-SAT 2199)",
  ])("accepts %s", (expression) => {
    const result = parseScheduleExpression(expression);
    expect(result.ok).toBe(true);
  });

  test("returns the six fields by name", () => {
    const result = parseScheduleExpression("cron(0 2 * * ? *)");
    expect(result).toEqual({
      ok: true,
      expression: { kind: "cron", fields: { minutes: "0", hours: "2", "day-of-month": "*", month: "*", "day-of-week": "?", year: "*" } },
    });
  });

  test.each<[string, RegExp]>([
    ["cron(0 2 * * ?)", /^SCHEDULE_CRON_FIELDS: 6 space-separated fields .*got 5$/],
    ["cron(0 2 * * ? * *)", /got 7$/],
    ["cron(0  2 * * ? *)", /SCHEDULE_CRON_FIELDS/],
    ["cron(60 2 * * ? *)", /^SCHEDULE_CRON_FIELD: 60 is out of range 0-59 in the minutes field \("60"\); it takes 0-59 with , - \* \/$/],
    ["cron(0 24 * * ? *)", /24 is out of range 0-23 in the hours field/],
    ["cron(0 2 0 * ? *)", /0 is out of range 1-31 in the day-of-month field/],
    ["cron(0 2 32 * ? *)", /32 is out of range 1-31 in the day-of-month field/],
    ["cron(0 2 * 13 ? *)", /13 is out of range 1-12 in the month field/],
    ["cron(0 2 * FOO ? *)", /"FOO" is not a number or name in the month field \("FOO"\); it takes 1-12 or JAN-DEC/],
    ["cron(0 2 ? * 8 *)", /8 is out of range 1-7 in the day-of-week field/],
    ["cron(0 2 ? * 0 *)", /0 is out of range 1-7 in the day-of-week field/],
    ["cron(0 2 ? * XYZ *)", /"XYZ" is not a number or name in the day-of-week field/],
    ["cron(0 2 * * ? 1969)", /1969 is out of range 1970-2199 in the year field/],
    ["cron(0 2 * * ? 2200)", /2200 is out of range 1970-2199 in the year field/],
    ["cron(a b c d e f)", /"a" is not a number in the minutes field/],
    ["cron(0 2 * * * *)", /^SCHEDULE_CRON_DAY_FIELDS: exactly one of day-of-month \("\*"\) and day-of-week \("\*"\) to be "\?"$/],
    ["cron(0 2 1 * MON *)", /SCHEDULE_CRON_DAY_FIELDS/],
    ["cron(0 2 ? * ? *)", /SCHEDULE_CRON_DAY_FIELDS/],
    ["cron(? 2 * * ? *)", /"\?" is not allowed in the minutes field/],
    ["cron(0/0 * * * ? *)", /the step must be a whole number from 1 to 59 in the minutes field \("0\/0"\)/],
    ["cron(0/60 * * * ? *)", /the step must be a whole number from 1 to 59/],
    ["cron(0 */x * * ? *)", /the step must be a whole number from 1 to 23 in the hours field/],
    ["cron(0 1/2/3 * * ? *)", /only one \/ is allowed/],
    ["cron(30-10 * * * ? *)", /a range must not run backwards in the minutes field/],
    ["cron(1-2-3 * * * ? *)", /a range has one -/],
    ["cron(0,,5 * * * ? *)", /an empty list item is not allowed in the minutes field \("" in "0,,5"\)/],
    ["cron(0,75 * * * ? *)", /75 is out of range 0-59 in the minutes field \("75" in "0,75"\)/],
    ["cron(0 2 32W * ? *)", /32W names a day out of range 1-31 in the day-of-month field/],
    ["cron(0 2 L,5 * ? *)", /L and W are used alone as L, LW or <day>W in the day-of-month field/],
    ["cron(0 2 ? * 2#6 *)", /the occurrence after # must be 1-5, got 6 in the day-of-week field/],
    ["cron(0 2 ? * 9#1 *)", /L and # are used alone as L, <day>L or <day>#<1-5>/],
    ["cron(0 2 ? * 1L,2 *)", /L and # are used alone/],
  ])("rejects %s", (expression, message) => {
    expect(problem(expression)).toMatch(message);
  });
});

describe("parseScheduleExpression: rate", () => {
  test.each([
    ["rate(1 minute)", 1, "minute"],
    ["rate(5 minutes)", 5, "minutes"],
    ["rate(1 hour)", 1, "hour"],
    ["rate(12 hours)", 12, "hours"],
    ["rate(1 day)", 1, "day"],
    ["rate(7 days)", 7, "days"],
  ])("accepts %s", (expression, value, unit) => {
    expect(parseScheduleExpression(expression)).toEqual({ ok: true, expression: { kind: "rate", value, unit } });
  });

  test.each<[string, RegExp]>([
    ["rate(0 minutes)", /^SCHEDULE_RATE_VALUE: a rate value that is a whole number of at least 1 \(got "0"\)$/],
    ["rate(-5 minutes)", /SCHEDULE_RATE_VALUE.*got "-5"/],
    ["rate(1.5 hours)", /SCHEDULE_RATE_VALUE.*got "1\.5"/],
    ["rate(5 weeks)", /^SCHEDULE_RATE_UNIT: a rate unit of minute\(s\), hour\(s\) or day\(s\) \(got "weeks"\)$/],
    ["rate(1 minutes)", /^SCHEDULE_RATE_UNIT: the singular unit "minute" for a rate of 1$/],
    ["rate(5 minute)", /^SCHEDULE_RATE_UNIT: the plural unit "minutes" for a rate of 5$/],
    ["rate(5)", /^SCHEDULE_RATE: rate\(<value> <unit>\)/],
    ["rate(5  minutes)", /^SCHEDULE_RATE:/],
  ])("rejects %s", (expression, message) => {
    expect(problem(expression)).toMatch(message);
  });
});

describe("parseScheduleExpression: at and form", () => {
  test("accepts a real date-time", () => {
    expect(parseScheduleExpression("at(2030-02-28T23:59:59)")).toEqual({
      ok: true,
      expression: { kind: "at", dateTime: "2030-02-28T23:59:59" },
    });
  });

  test.each([
    "at(2030-02-30T00:00:00)",
    "at(2030-13-01T00:00:00)",
    "at(2030-01-01T24:00:00)",
    "at(2030-01-01 00:00:00)",
    "at(2030-01-01T00:00)",
  ])("rejects %s", (expression) => {
    expect(problem(expression)).toMatch(/^SCHEDULE_AT: at\(yyyy-mm-ddThh:mm:ss\) with a real date and time/);
  });

  test("rejects at() where only EventBridge rules are allowed", () => {
    expect(problem("at(2030-01-01T00:00:00)", false)).toMatch(
      /^SCHEDULE_AT_NOT_SUPPORTED: an expression of the form cron\(\.\.\.\) or rate\(\.\.\.\) \(EventBridge rules do not take at\(\)\)$/,
    );
  });

  test.each(["every day", "cron 0 2 * * ? *", "CRON(0 2 * * ? *)", " rate(1 hour)", "rate(1 hour) ", "cron(0 2 * * ? *"])(
    "rejects the form %j",
    (expression) => {
      expect(problem(expression)).toMatch(
        /^SCHEDULE_EXPRESSION_FORM: an expression of the form cron\(\.\.\.\), rate\(\.\.\.\) or at\(\.\.\.\)$/,
      );
    },
  );
});

describe("ScheduleExpression builders", () => {
  test("cron fills unset fields and puts ? in the unused day field", () => {
    expect(ScheduleExpression.cron({ hour: 2 })).toBe("cron(0 2 * * ? *)");
    expect(ScheduleExpression.cron({ minute: 30, hour: 6, weekDay: "MON-FRI" })).toBe("cron(30 6 ? * MON-FRI *)");
    expect(ScheduleExpression.cron({ hour: 0, day: "L" })).toBe("cron(0 0 L * ? *)");
  });

  test("rate uses the singular unit for 1 and the plural otherwise", () => {
    expect(ScheduleExpression.rate(1, "hour")).toBe("rate(1 hour)");
    expect(ScheduleExpression.rate(15, "minute")).toBe("rate(15 minutes)");
  });

  test("every builder output parses", () => {
    for (const e of [
      ScheduleExpression.cron({ hour: 3, weekDay: "2#1" }),
      ScheduleExpression.rate(2, "day"),
      ScheduleExpression.at("2031-06-01T12:00:00"),
    ]) {
      expect(parseScheduleExpression(e).ok).toBe(true);
    }
  });
});

describe("time zones and dates", () => {
  test("knows IANA names and UTC, not abbreviations or offsets", () => {
    expect(isIanaTimeZone("Europe/Paris")).toBe(true);
    expect(isIanaTimeZone("America/New_York")).toBe(true);
    expect(isIanaTimeZone("UTC")).toBe(true);
    expect(isIanaTimeZone("CEST")).toBe(false);
    expect(isIanaTimeZone("+02:00")).toBe(false);
    expect(isIanaTimeZone("europe/paris")).toBe(false);
  });

  test("parses RFC 3339 with an offset and rejects dates that do not exist", () => {
    expect(parseRfc3339("2030-01-01T00:00:00Z")).toBe(Date.UTC(2030, 0, 1));
    expect(parseRfc3339("2030-01-01T02:00:00+02:00")).toBe(Date.UTC(2030, 0, 1));
    expect(parseRfc3339("2030-02-30T00:00:00Z")).toBeUndefined();
    expect(parseRfc3339("2030-01-01T00:00:00")).toBeUndefined();
    expect(parseRfc3339("2030-01-01")).toBeUndefined();
  });
});

describe("atIsInThePast", () => {
  const now = Date.parse("2030-06-01T12:00:00Z");
  test("gives the time 14 hours (the largest time zone offset) before calling it past", () => {
    expect(atIsInThePast("2030-06-01T12:00:00", now)).toBe(false);
    expect(atIsInThePast("2030-05-31T22:00:01", now)).toBe(false);
    expect(atIsInThePast("2030-05-31T21:59:59", now)).toBe(true);
    expect(atIsInThePast("2020-01-01T00:00:00", now)).toBe(true);
    expect(atIsInThePast("not a date", now)).toBe(false);
  });
});
