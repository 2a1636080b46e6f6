import { IConstruct } from "constructs";
import { fail } from "./errors";

/*
 * TypeScript checks props at compile time, but a config read from JSON or written in plain JavaScript
 * reaches a constructor unchecked: a missing `cluster` would surface as `TypeError: Cannot read
 * properties of undefined` deep inside the construct. Every public construct therefore states its
 * required props (and the kind of value each holds) once, at the top of its constructor, and this
 * checker turns a missing or mistyped one into the library's ValidationError.
 */

/** The kind of value a prop holds, as {@link checkRequiredProps} checks it. */
export interface PropKind {
  /** What is allowed, in the error message (`a string`, `an ICluster (an object with clusterArn)`). */
  readonly describe: string;
  /** True when `value` (never `undefined`) is of this kind. */
  readonly accepts: (value: unknown) => boolean;
  /** Required props inside each value (for `object`) or each entry (for `record`), checked after the value itself. */
  readonly inner?: PropSpec;
  /** Whether `inner` applies to each entry of a record (`containers.<name>.image`) rather than to the value. */
  readonly perEntry?: boolean;
}

/** Required props by name, each with its kind. */
export type PropSpec = Readonly<Record<string, PropKind>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The kinds of value a required prop can hold. */
export const PropKinds = {
  /** A string (an unresolved token is a string too). */
  string: { describe: "a string", accepts: (v: unknown) => typeof v === "string" } as PropKind,
  /** A finite number (a number token is one too). */
  number: { describe: "a number", accepts: (v: unknown) => typeof v === "number" && Number.isFinite(v) } as PropKind,
  /** `true` or `false`. */
  boolean: { describe: "true or false", accepts: (v: unknown) => typeof v === "boolean" } as PropKind,
  /** A list of strings (a list token is one too). */
  strings: {
    describe: "a list of strings",
    accepts: (v: unknown) => Array.isArray(v) && v.every((item) => typeof item === "string"),
  } as PropKind,
  /** A list; `item` describes its elements, e.g. `compute environments`. */
  list: (item: string): PropKind => ({ describe: `a list of ${item}`, accepts: (v) => Array.isArray(v) }),
  /** A plain object (not a list), optionally with required props of its own. */
  object: (what = "an object", inner?: PropSpec): PropKind => ({ describe: what, accepts: isObject, inner }),
  /** An object whose keys are names and whose values each have the required props `inner`. */
  record: (what: string, inner?: PropSpec): PropKind => ({ describe: what, accepts: isObject, inner, perEntry: true }),
  /** One of a closed set of strings. */
  oneOf: (allowed: readonly string[]): PropKind => ({
    describe: `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`,
    accepts: (v) => typeof v === "string" && allowed.includes(v),
  }),
  /**
   * A construct, or anything implementing its interface, recognized by the attributes it must have:
   * `reference("an ICluster", "clusterArn")` accepts a `Cluster` and `Cluster.fromAttributes(...)`.
   */
  reference: (what: string, ...attributes: string[]): PropKind => ({
    describe: `${what} (an object with ${attributes.join(", ")})`,
    accepts: (v) =>
      typeof v === "object" && v !== null && attributes.every((a) => a in v && (v as Record<string, unknown>)[a] !== undefined),
  }),
} as const;

/**
 * Fails on `scope` unless `props` is an object holding every prop of `spec` with a value of its kind.
 * Call it first in a public construct's constructor, before anything reads the props, so a config from
 * JSON or plain JavaScript gets a ValidationError (`PROP_REQUIRED` for a missing prop, `PROP_TYPE` for
 * a value of the wrong kind) instead of a TypeError. `propsType` (e.g. `ServiceProps`) names the
 * object when `props` itself is missing.
 */
export function checkRequiredProps(scope: IConstruct, propsType: string, props: unknown, spec: PropSpec): void {
  if (!isObject(props)) {
    fail(scope, {
      code: props === undefined || props === null ? "PROP_REQUIRED" : "PROP_TYPE",
      property: "props",
      value: props ?? undefined,
      allowed: `a ${propsType} object`,
    });
  }
  checkSpec(scope, "", props, spec);
}

function checkSpec(scope: IConstruct, prefix: string, props: Record<string, unknown>, spec: PropSpec): void {
  for (const [name, kind] of Object.entries(spec)) {
    const property = `${prefix}${name}`;
    const value = props[name];
    if (value === undefined || value === null) {
      fail(scope, { code: "PROP_REQUIRED", property, value: undefined, allowed: `${kind.describe} (required)` });
    }
    if (!kind.accepts(value)) fail(scope, { code: "PROP_TYPE", property, value, allowed: kind.describe });
    if (kind.inner === undefined) continue;
    const object = value as Record<string, unknown>;
    if (!kind.perEntry) {
      checkSpec(scope, `${property}.`, object, kind.inner);
      continue;
    }
    for (const [key, entry] of Object.entries(object)) {
      if (!isObject(entry)) fail(scope, { code: "PROP_TYPE", property: `${property}.${key}`, value: entry, allowed: "an object" });
      checkSpec(scope, `${property}.${key}.`, entry, kind.inner);
    }
  }
}
