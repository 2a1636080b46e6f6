import { IConstruct } from "constructs";
import { fail, isToken } from "./errors";

/*
 * Shared input checks; each throws a ValidationError naming the construct and property, and lets
 * `undefined` (an unset optional prop) and unresolved tokens through.
 */

/** Fails unless `value` is a whole number from `min` to `max` inclusive; `unit` (e.g. `seconds`) is added to the message. */
export function checkIntegerRange(
  scope: IConstruct,
  code: string,
  property: string,
  value: number | undefined,
  min: number,
  max: number,
  unit = "",
): void {
  if (value === undefined || isToken(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(scope, { code, property, value, allowed: `an integer from ${min} to ${max}${unit ? ` ${unit}` : ""}` });
  }
}

/** Fails unless `value` is a finite number (fractions allowed) from `min` to `max` inclusive. */
export function checkNumberRange(
  scope: IConstruct,
  code: string,
  property: string,
  value: number | undefined,
  min: number,
  max: number,
): void {
  if (value === undefined || isToken(value)) return;
  if (!Number.isFinite(value) || value < min || value > max) {
    fail(scope, { code, property, value, allowed: `a number from ${min} to ${max}` });
  }
}

/** Fails unless `value` is one of `allowed`; for closed sets that plain JavaScript callers could still get wrong. */
export function checkOneOf<T extends string | number>(
  scope: IConstruct,
  code: string,
  property: string,
  value: T | undefined,
  allowed: readonly T[],
): void {
  if (value === undefined || isToken(value)) return;
  if (!allowed.includes(value)) {
    fail(scope, { code, property, value, allowed: `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}` });
  }
}

/** Fails when `min` is greater than `max` (e.g. `minCapacity` above `maxCapacity`); the error names `minProperty`. */
export function checkMinMax(
  scope: IConstruct,
  code: string,
  minProperty: string,
  min: number | undefined,
  maxProperty: string,
  max: number | undefined,
): void {
  if (min === undefined || max === undefined || isToken(min) || isToken(max)) return;
  if (min > max) {
    fail(scope, { code, property: minProperty, value: min, allowed: `a value no greater than ${maxProperty} (${max})` });
  }
}

/** Fails when a list that needs at least one item is empty. */
export function checkNotEmpty(scope: IConstruct, code: string, property: string, value: readonly unknown[] | undefined): void {
  if (value === undefined || isToken(value)) return;
  if (value.length === 0) fail(scope, { code, property, value, allowed: "at least one item" });
}

/** Fails on the first value that appears twice (e.g. two containers with one name); tokens are skipped. */
export function checkUnique(scope: IConstruct, code: string, property: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (isToken(value)) continue;
    if (seen.has(value)) fail(scope, { code, property, value, allowed: "unique values (this one appears more than once)" });
    seen.add(value);
  }
}

/** Fails unless `port` is a TCP/UDP port number, an integer from 1 to 65535. */
export function checkPort(scope: IConstruct, code: string, property: string, port: number | undefined): void {
  checkIntegerRange(scope, code, property, port, 1, 65535);
}
