/**
 * The offline review's stand-in for a deployed state: what the stack looked like before the change.
 * An offline plan starts from an empty state, so it only ever creates: a removed service or a renamed
 * construct never shows. Comparing the synthesized addresses with the base's (pinned address lists,
 * or the base branch's synthesized output) shows the addresses a real plan would delete, and, with
 * the base's configuration, the names a creation would collide with.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fail } from "../core/errors";
import { NamedResource } from "./renames";

/** A synthesized stack (`cdk.tf.json`): the parts the comparison reads. */
export interface SynthesizedStack {
  /** Resource blocks by type and name, with their arguments. @default - no resources */
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  /** The stack's `moved` blocks (cdktf `moveFromId`/`moveTo`, the library's `moveFrom`). @default - no moves */
  readonly moved?: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

/** What the stack had before: its resource addresses, and its configuration when it came from a synthesized output. */
export interface StackBase {
  /** Where it came from, for the report (a file or directory). */
  readonly source: string;
  /** Resource addresses (`type.name`). */
  readonly addresses: readonly string[];
  /** The base's synthesized stack, when known: names for the rename and collision checks. @default - addresses only (no name checks) */
  readonly stack?: SynthesizedStack;
}

/** The synthesized stack next to its base, as {@link compareWithBase} returns it. */
export interface BaseComparison {
  /** Where the base came from. */
  readonly source: string;
  /** Addresses in the base that the change removes (a real plan deletes them). */
  readonly removed: readonly string[];
  /** Addresses the change adds. */
  readonly added: readonly string[];
  /** Addresses the stack's `moved` blocks move from the base (a real plan moves them; nothing is destroyed). */
  readonly moved: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /** Whether the base has configuration (names), or addresses only. */
  readonly withNames: boolean;
}

/** Every resource address of a synthesized stack, sorted. */
export function synthesizedAddresses(stack: SynthesizedStack): string[] {
  return Object.entries(stack.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();
}

/**
 * Compares `current` with `base`: removed, added and moved addresses, and the resources as the
 * rename and collision checks read them (removed ones deleted with the base's arguments, added
 * ones created, the rest kept, each with its synthesized arguments; interpolations count as unknown).
 */
export function compareWithBase(current: SynthesizedStack, base: StackBase): { comparison: BaseComparison; resources: NamedResource[] } {
  const now = new Set(synthesizedAddresses(current));
  const before = new Set(base.addresses);
  const moved = (current.moved ?? []).filter((m) => before.has(m.from) && now.has(m.to));
  const movedFrom = new Set(moved.map((m) => m.from));
  const movedTo = new Set(moved.map((m) => m.to));
  const removed = [...before].filter((a) => !now.has(a) && !movedFrom.has(a)).sort();
  const added = [...now].filter((a) => !before.has(a) && !movedTo.has(a)).sort();
  const argumentsOf = (stack: SynthesizedStack | undefined, address: string) => {
    const dot = address.indexOf(".");
    const { "//": _metadata, ...args } = stack?.resource?.[address.slice(0, dot)]?.[address.slice(dot + 1)] ?? {};
    return args;
  };
  const resource = (address: string, role: NamedResource["role"], stack: SynthesizedStack | undefined): NamedResource => {
    const dot = address.indexOf(".");
    return { address, type: address.slice(0, dot), name: address.slice(dot + 1), role, values: argumentsOf(stack, address) };
  };
  const resources = [
    ...removed.map((a) => resource(a, "deleted", base.stack)),
    ...added.map((a) => resource(a, "created", current)),
    ...[...now].filter((a) => !added.includes(a)).map((a) => resource(a, "kept", current)),
  ];
  return { comparison: { source: base.source, removed, added, moved, withNames: base.stack !== undefined }, resources };
}

/**
 * Reads a stack's base: `<dir>/<stack>.txt` (one address per line; blank lines and `#` comments
 * skipped) for `addresses`, `<dir>/stacks/<stack>/cdk.tf.json` for `synth`. A stack the base does not
 * have is new: undefined. A file that is not what it should be throws a `ValidationError` naming it.
 */
export function readStackBase(kind: "addresses" | "synth", dir: string, stack: string): StackBase | undefined {
  if (kind === "addresses") {
    const file = join(dir, `${stack}.txt`);
    if (!existsSync(file)) return undefined;
    const lines = readFileSync(file, "utf8")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("#"));
    const bad = lines.find((l) => !/^[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+$/.test(l));
    if (bad !== undefined) {
      fail(file, {
        code: "PLAN_REVIEW_BASE_ADDRESS",
        property: "address",
        value: bad,
        allowed: "one resource address per line, <type>.<name> (e.g. aws_ecs_service.Web_3C8945DB)",
      });
    }
    return { source: file, addresses: lines };
  }
  const file = join(dir, "stacks", stack, "cdk.tf.json");
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return fail(file, {
      code: "PLAN_REVIEW_BASE_SYNTH",
      property: "cdk.tf.json",
      value: file,
      allowed: `JSON (${(error as Error).message})`,
    });
  }
  const resource = (json as SynthesizedStack | null)?.resource;
  if (
    typeof json !== "object" ||
    json === null ||
    (resource !== undefined && (typeof resource !== "object" || resource === null || Array.isArray(resource)))
  ) {
    fail(file, {
      code: "PLAN_REVIEW_BASE_SYNTH",
      property: "resource",
      value: resource,
      allowed: "a synthesized stack: an object whose resource blocks are keyed by type and name",
    });
  }
  return { source: file, addresses: synthesizedAddresses(json as SynthesizedStack), stack: json as SynthesizedStack };
}
