/**
 * Reading synthesized Terraform JSON. cdktf renders a nested block as an object when the schema allows
 * one, and as an array otherwise; booleans may arrive as strings (`"true"`) from some schemas (e.g.
 * `aws_launch_template.block_device_mappings.ebs.encrypted`) or from escape-hatch overrides.
 */

/** The value as a list of blocks: `undefined` → `[]`, an object → `[object]`, an array as is. */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v));
}

/** The first block of a (possibly single) nested block, if any. */
export function block(value: unknown): Record<string, unknown> | undefined {
  return blocks(value)[0];
}

/** True for `true` and `"true"` (any case). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}

/** True when a string holds a `${...}` Terraform expression, i.e. its value is only known at apply. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** The value as a list of strings: a single string → `[string]`, an array's strings, else `[]`. */
export function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** A number, also from a numeric string (`"443"`); `undefined` otherwise. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

/** Parses a JSON document held in a string argument; `undefined` when absent, an expression, or invalid. */
export function parseJsonArgument(value: unknown): unknown {
  if (typeof value !== "string") return undefined;
  try {
    return JSON.parse(value);
  } catch {
    // e.g. "${data.aws_iam_policy_document.x.json}" or "${jsonencode(...)}": only known at apply.
    return undefined;
  }
}
