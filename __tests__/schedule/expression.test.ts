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
    "cron(0 0 lw * ? *)",
    "cron(0 0 1w * ? *)",
    "cron(0 0 31W * ? *)",
    "cron(0 0 ? * fril *)",
    "cron(0 0 ? * 7L *)",
    "cron(0 0 ? * sun#5 *)",
    "cron(0 0 ? * 1#1 *)",
    "cron(0/59 0/23 1/30 1/11 ? 1970/229)",
    "cron(* * ? * 1-7/6 *)",
    "cron(0 0 1 JAN-DEC ? *)",
    "cron(59 23 31 12 ? 1970,2199)",
    "cron(0 0 1 JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC ? *)",
    "cron(0 0 ? * SUN,MON,TUE,WED,THU,FRI,SAT *)",
    "cron(0 0 ? * SUNL *)",
    "cron(0 0 ? * SAT#2 *)",
    "cron(0 9-9 * * ? *)",
    "cron(*/1 * * * ? *)",
    // A name stands for its number: 3-MAR runs from March to March.
    "cron(0 0 1 3-MAR ? *)",
    "cron(0 0 ? * 3-TUE *)",
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
    ["cron(0 2 * * ? )", /^SCHEDULE_CRON_FIELDS: .*got 5$/],
    ["cron(5L 2 * * ? *)", /^SCHEDULE_CRON_FIELD: "5L" is not a number in the minutes field \("5L"\)/],
    ["cron(0 2 * * ? 5#1)", /^SCHEDULE_CRON_FIELD: "5#1" is not a number in the year field/],
    ["cron(0 2 * 5W ? *)", /^SCHEDULE_CRON_FIELD: "5W" is not a number or name in the month field/],
    ["cron(0 2 * * ? 2030-2029)", /a range must not run backwards in the year field/],
    ["cron(0 2 * 4-MAR ? *)", /a range must not run backwards in the month field/],
    ["cron( 0 2 * * ?)", /^SCHEDULE_CRON_FIELDS: .*got 5$/],
    ["cron(5- * * * ? *)", /^SCHEDULE_CRON_FIELD: a value is missing in the minutes field \("5-"\); it takes 0-59/],
    [
      "cron(0 2 * NOV-FEB ? *)",
      /^SCHEDULE_CRON_FIELD: a range must not run backwards in the month field \("NOV-FEB"\); it takes 1-12 or JAN-DEC with , - \* \/$/,
    ],
    [
      "cron(0 2 ? * FRI-MON *)",
      /^SCHEDULE_CRON_FIELD: a range must not run backwards in the day-of-week field \("FRI-MON"\); it takes 1-7 or SUN-SAT with , - \* \? L #$/,
    ],
    ["cron(0 2 ? * 1-7/7 *)", /the step must be a whole number from 1 to 6 in the day-of-week field/],
    [
      "cron(0 2 1/31 * ? *)",
      /^SCHEDULE_CRON_FIELD: the step must be a whole number from 1 to 30 in the day-of-month field \("1\/31"\); it takes 1-31 with , - \* \? \/ L W$/,
    ],
    [
      "cron(0 2 * * ? 2000/230)",
      /^SCHEDULE_CRON_FIELD: the step must be a whole number from 1 to 229 in the year field \("2000\/230"\); it takes 1970-2199 with , - \* \/$/,
    ],
    [
      "cron(0 */24 * * ? *)",
      /^SCHEDULE_CRON_FIELD: the step must be a whole number from 1 to 23 in the hours field \("\*\/24"\); it takes 0-23 with , - \* \/$/,
    ],
    ["cron(0 2 * 1/12 ? *)", /the step must be a whole number from 1 to 11 in the month field/],
    ["cron(0 ? * * ? *)", /"\?" is not allowed in the hours field/],
    ["cron(0 2 * ? ? *)", /"\?" is not allowed in the month field/],
    ["cron(0 2 * * ? ?)", /"\?" is not allowed in the year field/],
    ["cron(0 2 0W * ? *)", /0W names a day out of range 1-31 in the day-of-month field/],
    ["cron(0 2 x15W * ? *)", /L and W are used alone as L, LW or <day>W in the day-of-month field \("x15W"\)/],
    ["cron(0 2 15WX * ? *)", /L and W are used alone/],
    ["cron(0 2 WL * ? *)", /L and W are used alone/],
    ["cron(0 2 ? * 17L *)", /L and # are used alone as L, <day>L or <day>#<1-5> in the day-of-week field \("17L"\)/],
    ["cron(0 2 ? * X1L *)", /L and # are used alone/],
    ["cron(0 2 ? * 1-6L *)", /L and # are used alone/],
    ["cron(0 2 ? * 6LX *)", /L and # are used alone/],
    ["cron(0 2 ? * 2#3x *)", /L and # are used alone/],
    ["cron(0 2 ? * 1-2#3 *)", /L and # are used alone/],
    ["cron(0 2 ? * 2#0 *)", /the occurrence after # must be 1-5, got 0/],
    ["cron(0 2 ? * 2#10 *)", /^SCHEDULE_CRON_FIELD: the occurrence after # must be 1-5, got 10 in the day-of-week field \("2#10"\)/],
    ["cron(0/x5 * * * ? *)", /^SCHEDULE_CRON_FIELD: the step must be a whole number from 1 to 59 in the minutes field \("0\/x5"\)/],
    ["cron(0/5x * * * ? *)", /^SCHEDULE_CRON_FIELD: the step must be a whole number from 1 to 59 in the minutes field \("0\/5x"\)/],
    ["cron(0 2 ? * LL *)", /L and # are used alone/],
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
    ["rate(5 minutes x)", /^SCHEDULE_RATE:/],
    ["rate(x 5 minutes)", /^SCHEDULE_RATE:/],
    ["rate(5x minutes)", /SCHEDULE_RATE_VALUE.*got "5x"/],
    ["rate(x5 minutes)", /SCHEDULE_RATE_VALUE.*got "x5"/],
    ["rate(2 day)", /^SCHEDULE_RATE_UNIT: the plural unit "days" for a rate of 2$/],
    ["rate(1 days)", /^SCHEDULE_RATE_UNIT: the singular unit "day" for a rate of 1$/],
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
    "at(2030-00-10T00:00:00)",
    "at(2030-04-31T00:00:00)",
    "at(2030-01-00T00:00:00)",
    "at(2030-01-01T10:60:00)",
    "at(2030-01-01T10:00:60)",
    "at(2030-01-01T00:00:00Z)",
    "at(x2030-01-01T00:00:00)",
    "at(0030-06-01T00:00:00)",
  ])("rejects %s", (expression) => {
    expect(problem(expression)).toMatch(/^SCHEDULE_AT: at\(yyyy-mm-ddThh:mm:ss\) with a real date and time/);
  });

  test("rejects at() where only EventBridge rules are allowed", () => {
    expect(problem("at(2030-01-01T00:00:00)", false)).toMatch(
      /^SCHEDULE_AT_NOT_SUPPORTED: an expression of the form cron\(\.\.\.\) or rate\(\.\.\.\) \(EventBridge rules do not take at\(\)\)$/,
    );
  });

  test("accepts the last second of a leap day and of a year", () => {
    expect(parseScheduleExpression("at(2032-02-29T23:59:59)").ok).toBe(true);
    expect(parseScheduleExpression("at(2030-12-31T23:59:59)").ok).toBe(true);
    expect(parseScheduleExpression("at(2031-02-29T00:00:00)").ok).toBe(false);
  });

  test.each([
    "every day",
    "cron 0 2 * * ? *",
    "rate(1 hour)x",
    "xrate(1 hour)",
    "rate(1 hour)\n",
    "\trate(1 hour)",
    "CRON(0 2 * * ? *)",
    " rate(1 hour)",
    "rate(1 hour) ",
    "cron(0 2 * * ? *",
  ])("rejects the form %j", (expression) => {
    expect(problem(expression)).toMatch(
      /^SCHEDULE_EXPRESSION_FORM: an expression of the form cron\(\.\.\.\), rate\(\.\.\.\) or at\(\.\.\.\)$/,
    );
  });
});

describe("ScheduleExpression builders", () => {
  test("cron fills unset fields and puts ? in the unused day field", () => {
    expect(ScheduleExpression.cron({ hour: 2 })).toBe("cron(0 2 * * ? *)");
    expect(ScheduleExpression.cron({ minute: 30, hour: 6, weekDay: "MON-FRI" })).toBe("cron(30 6 ? * MON-FRI *)");
    expect(ScheduleExpression.cron({ hour: 0, day: "L" })).toBe("cron(0 0 L * ? *)");
    expect(ScheduleExpression.cron({})).toBe("cron(0 * * * ? *)");
    expect(ScheduleExpression.cron({ minute: "*/5", hour: "8-17", day: 1, month: "JAN", year: 2030 })).toBe("cron(*/5 8-17 1 JAN ? 2030)");
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
