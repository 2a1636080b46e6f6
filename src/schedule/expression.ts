/**
 * Parsing and validation of EventBridge schedule expressions: `cron(...)`, `rate(...)` and `at(...)`.
 *
 * Why not the `aws-cron-parser` package: it assumes the expression was already validated by AWS
 * ("cron is assumed to be validated by AWS already"). Measured with 1.1.12: it accepts
 * `a b c d e f` (every field parses to `NaN`), crashes with a `TypeError` on a 5-field expression,
 * accepts `*` in both day-of-month and day-of-week, checks the `#` occurrence against 1-7 instead
 * of 1-5, and its range errors ("number 99 is not between 0 and 59") do not say which field is
 * wrong. It also knows nothing of `rate()` or `at()`. So this module is a small parser of its own
 * that names the field, the bad part and what is allowed.
 */

/** The six fields of an AWS cron expression, in order. */
export const CRON_FIELDS = ["minutes", "hours", "day-of-month", "month", "day-of-week", "year"] as const;
/** One field of an AWS cron expression, as named in error messages. */
export type CronField = (typeof CRON_FIELDS)[number];

/** Units of a `rate()` expression. */
export type RateUnit = "minute" | "minutes" | "hour" | "hours" | "day" | "days";

/** A valid schedule expression taken apart: the six cron fields, the rate value and unit, or the `at()` date-time. */
export type ParsedScheduleExpression =
  | { readonly kind: "cron"; readonly fields: Readonly<Record<CronField, string>> }
  | { readonly kind: "rate"; readonly value: number; readonly unit: RateUnit }
  | { readonly kind: "at"; readonly dateTime: string };

/** Why an expression is invalid: a stable code and a sentence saying what is allowed. */
export interface ScheduleExpressionProblem {
  /** Stable code for the kind of mistake, e.g. `SCHEDULE_CRON_FIELD`; becomes the `ValidationError` code. */
  readonly code: string;
  /** What is allowed, naming the bad field or part, e.g. `61 is out of range 0-59 in the minutes field ...`. */
  readonly allowed: string;
}

/** The outcome of `parseScheduleExpression`: the parsed expression, or why it is invalid (never a throw). */
export type ScheduleExpressionResult =
  | { readonly ok: true; readonly expression: ParsedScheduleExpression }
  | { readonly ok: false; readonly problem: ScheduleExpressionProblem };

interface FieldSpec {
  readonly min: number;
  readonly max: number;
  /** Names accepted in place of numbers (JAN=1, SUN=1), upper case. */
  readonly names?: readonly string[];
  /** Whether `?` ("no specific value") is allowed. */
  readonly question?: boolean;
}

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const FIELD_SPECS: Record<CronField, FieldSpec> = {
  minutes: { min: 0, max: 59 },
  hours: { min: 0, max: 23 },
  "day-of-month": { min: 1, max: 31, question: true },
  month: { min: 1, max: 12, names: MONTH_NAMES },
  "day-of-week": { min: 1, max: 7, names: WEEKDAY_NAMES, question: true },
  year: { min: 1970, max: 2199 },
};

/** What each field accepts, in words, for error messages. */
const FIELD_ALLOWED: Record<CronField, string> = {
  minutes: "0-59 with , - * /",
  hours: "0-23 with , - * /",
  "day-of-month": "1-31 with , - * ? / L W",
  month: "1-12 or JAN-DEC with , - * /",
  "day-of-week": "1-7 or SUN-SAT with , - * ? L #",
  year: "1970-2199 with , - * /",
};

class FieldError extends Error {
  constructor(
    public readonly field: CronField,
    public readonly part: string,
    public readonly reason: string,
  ) {
    super(reason);
  }
}

function bad(code: string, allowed: string): ScheduleExpressionResult {
  return { ok: false, problem: { code, allowed } };
}

/**
 * Parses and validates a schedule expression as EventBridge Scheduler accepts it.
 * `at()` is only valid for EventBridge Scheduler; pass `{ allowAt: false }` for EventBridge rules.
 */
export function parseScheduleExpression(
  expression: string,
  options: {
    /** Accept one-time `at()` expressions (EventBridge Scheduler only; EventBridge rules reject them). @default true */
    readonly allowAt?: boolean;
  } = {},
): ScheduleExpressionResult {
  const allowAt = options.allowAt ?? true;
  const forms = allowAt ? "cron(...), rate(...) or at(...)" : "cron(...) or rate(...) (EventBridge rules do not take at())";
  // Anchored, and `.` matches no line break: leading or trailing white space is refused too.
  const match = /^(cron|rate|at)\((.*)\)$/.exec(expression);
  if (!match) {
    return bad("SCHEDULE_EXPRESSION_FORM", `an expression of the form ${forms}`);
  }
  const [, kind, body] = match;
  if (kind === "rate") return parseRate(body);
  if (kind === "at") {
    if (!allowAt) return bad("SCHEDULE_AT_NOT_SUPPORTED", `an expression of the form ${forms}`);
    return parseAt(body);
  }
  return parseCron(body);
}

function parseRate(body: string): ScheduleExpressionResult {
  const match = /^(\S+) (\S+)$/.exec(body);
  if (!match) return bad("SCHEDULE_RATE", 'rate(<value> <unit>), e.g. "rate(5 minutes)" or "rate(1 hour)"');
  const [, valueText, unit] = match;
  if (!/^[0-9]+$/.test(valueText) || Number(valueText) < 1) {
    return bad("SCHEDULE_RATE_VALUE", `a rate value that is a whole number of at least 1 (got "${valueText}")`);
  }
  const value = Number(valueText);
  const units = ["minute", "minutes", "hour", "hours", "day", "days"];
  if (!units.includes(unit)) {
    return bad("SCHEDULE_RATE_UNIT", `a rate unit of minute(s), hour(s) or day(s) (got "${unit}")`);
  }
  const singular = !unit.endsWith("s");
  if (value === 1 && !singular) return bad("SCHEDULE_RATE_UNIT", `the singular unit "${unit.slice(0, -1)}" for a rate of 1`);
  if (value > 1 && singular) return bad("SCHEDULE_RATE_UNIT", `the plural unit "${unit}s" for a rate of ${value}`);
  return { ok: true, expression: { kind: "rate", value, unit: unit as RateUnit } };
}

function parseAt(body: string): ScheduleExpressionResult {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  const allowed = 'at(yyyy-mm-ddThh:mm:ss) with a real date and time, e.g. "at(2030-01-31T23:00:00)"';
  if (!match) return bad("SCHEDULE_AT", allowed);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  // The date alone, then the time. A date that does not exist rolls over: a month outside 1-12 moves
  // the year (month 13 is January of the next), a day past the month's end moves the day of the month
  // (2030-02-30 is March 2), and Date.UTC reads years 0-99 as 1900-1999; so comparing the year and the
  // day of the month is enough.
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCDate() === day && hour <= 23 && minute <= 59 && second <= 59;
  if (!real) return bad("SCHEDULE_AT", allowed);
  return { ok: true, expression: { kind: "at", dateTime: body } };
}

function parseCron(body: string): ScheduleExpressionResult {
  const parts = body.split(" ");
  if (parts.length !== 6 || parts.some((p) => p === "")) {
    return bad(
      "SCHEDULE_CRON_FIELDS",
      `6 space-separated fields (minutes hours day-of-month month day-of-week year), got ${parts.filter((p) => p !== "").length}`,
    );
  }
  const fields = Object.fromEntries(CRON_FIELDS.map((f, i) => [f, parts[i]])) as Record<CronField, string>;
  try {
    for (const field of CRON_FIELDS) checkField(field, fields[field]);
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    const where = error.part === fields[error.field] ? `"${error.part}"` : `"${error.part}" in "${fields[error.field]}"`;
    return bad("SCHEDULE_CRON_FIELD", `${error.reason} in the ${error.field} field (${where}); it takes ${FIELD_ALLOWED[error.field]}`);
  }
  const domQ = fields["day-of-month"] === "?";
  const dowQ = fields["day-of-week"] === "?";
  if (domQ === dowQ) {
    return bad(
      "SCHEDULE_CRON_DAY_FIELDS",
      `exactly one of day-of-month ("${fields["day-of-month"]}") and day-of-week ("${fields["day-of-week"]}") to be "?"`,
    );
  }
  return { ok: true, expression: { kind: "cron", fields } };
}

function checkField(field: CronField, text: string): void {
  const spec = FIELD_SPECS[field];
  if (text === "?") {
    if (!spec.question) throw new FieldError(field, text, '"?" is not allowed');
    return;
  }
  // The day special forms stand alone: they cannot be part of a list, range or step.
  if (field === "day-of-month" && /[LW]/i.test(text)) return checkDayOfMonthSpecial(text);
  // No weekday name contains L or #, so their presence means a special form.
  if (field === "day-of-week" && /[L#]/i.test(text)) return checkDayOfWeekSpecial(text);
  for (const item of text.split(",")) checkItem(field, spec, item);
}

function checkItem(field: CronField, spec: FieldSpec, item: string): void {
  if (item === "") throw new FieldError(field, item, "an empty list item is not allowed");
  const [base, step, ...extra] = item.split("/");
  if (extra.length > 0) throw new FieldError(field, item, "only one / is allowed");
  if (step !== undefined) {
    if (!/^[0-9]+$/.test(step) || Number(step) < 1 || Number(step) > spec.max - spec.min) {
      throw new FieldError(field, item, `the step must be a whole number from 1 to ${spec.max - spec.min}`);
    }
  }
  if (base === "*") return;
  const bounds = base.split("-");
  if (bounds.length > 2) throw new FieldError(field, item, "a range has one -");
  const values = bounds.map((b) => valueOf(field, spec, b, item));
  // A single value has no second bound: comparing with undefined is false.
  if (values[0] > values[1]) {
    throw new FieldError(field, item, "a range must not run backwards");
  }
}

function valueOf(field: CronField, spec: FieldSpec, text: string, item: string): number {
  const upper = text.toUpperCase();
  if (spec.names?.includes(upper)) return spec.names.indexOf(upper) + spec.min;
  if (!/^[0-9]+$/.test(text)) {
    throw new FieldError(field, item, text === "" ? "a value is missing" : `"${text}" is not a number${spec.names ? " or name" : ""}`);
  }
  const value = Number(text);
  if (value < spec.min || value > spec.max) {
    throw new FieldError(field, item, `${value} is out of range ${spec.min}-${spec.max}`);
  }
  return value;
}

function checkDayOfMonthSpecial(text: string): void {
  const upper = text.toUpperCase();
  if (upper === "L" || upper === "LW") return;
  const weekday = /^([0-9]+)W$/.exec(upper);
  if (weekday) {
    const day = Number(weekday[1]);
    if (day >= 1 && day <= 31) return;
    throw new FieldError("day-of-month", text, `${day}W names a day out of range 1-31`);
  }
  throw new FieldError("day-of-month", text, "L and W are used alone as L, LW or <day>W");
}

function checkDayOfWeekSpecial(text: string): void {
  const upper = text.toUpperCase();
  if (upper === "L") return;
  const isDay = (t: string): boolean => WEEKDAY_NAMES.includes(t) || /^[1-7]$/.test(t);
  const last = /^(\w+)L$/.exec(upper);
  if (last && isDay(last[1])) return;
  const nth = /^(\w+)#([0-9]+)$/.exec(upper);
  if (nth && isDay(nth[1])) {
    const occurrence = Number(nth[2]);
    if (occurrence >= 1 && occurrence <= 5) return;
    throw new FieldError("day-of-week", text, `the occurrence after # must be 1-5, got ${occurrence}`);
  }
  throw new FieldError("day-of-week", text, "L and # are used alone as L, <day>L or <day>#<1-5>");
}

/** Typed builders for schedule expressions; each returns the expression string. */
export class ScheduleExpression {
  /**
   * A cron expression. Unset fields default to `*`; exactly one of `day` and `weekDay` must be
   * given (or neither, meaning every day), the other becomes `?`.
   */
  public static cron(options: CronOptions): string {
    const day = options.day ?? (options.weekDay === undefined ? "*" : "?");
    const weekDay = options.weekDay ?? "?";
    const fields = [options.minute ?? "0", options.hour ?? "*", day, options.month ?? "*", weekDay, options.year ?? "*"];
    return `cron(${fields.map(String).join(" ")})`;
  }

  /** A rate expression with the unit in the right number: `rate(1 hour)`, `rate(5 minutes)`. */
  public static rate(value: number, unit: "minute" | "hour" | "day"): string {
    return `rate(${value} ${value === 1 ? unit : `${unit}s`})`;
  }

  /** A one-time schedule at a local date-time (interpreted in the schedule's time zone). */
  public static at(dateTime: string): string {
    return `at(${dateTime})`;
  }
}

/** Fields of {@link ScheduleExpression.cron}; each takes the AWS cron syntax for that field. */
export interface CronOptions {
  /** Minutes, 0-59; defaults to the top of the hour rather than every minute. @default "0" */
  readonly minute?: string | number;
  /** Hours, 0-23, in the schedule's time zone. @default "*" */
  readonly hour?: string | number;
  /** Day of month. @default - "*" unless weekDay is set, then "?" */
  readonly day?: string | number;
  /** Month, 1-12 or JAN-DEC. @default "*" */
  readonly month?: string | number;
  /** Day of week, 1-7 or SUN-SAT. @default "?" */
  readonly weekDay?: string | number;
  /** Year, 1970-2199. @default "*" */
  readonly year?: string | number;
}
