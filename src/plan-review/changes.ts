import { fail } from "../core/errors";
import { actionOf, ChangeAction, configAddress, PlanJson, PlanResourceChange } from "./plan";

/** Shown instead of a sensitive value. */
export const SENSITIVE = "(sensitive)";
/** Shown for a value Terraform learns only during apply. */
export const KNOWN_AFTER_APPLY = "(known after apply)";

/** One attribute (or nested path) whose value the plan changes. */
export interface AttributeChange {
  /** `desired_count`, `network_configuration[0].subnets`. */
  readonly path: string;
  /** Rendered old value (`(sensitive)` when either side is sensitive). */
  readonly before: string;
  /** Rendered new value, or `(known after apply)`. */
  readonly after: string;
}

/** One resource instance in the plan, as the review shows it. */
export interface ResourceChangeSummary {
  /** Full instance address, as in `terraform plan` output. */
  readonly address: string;
  /** Resource type, e.g. `aws_ecs_service`; decides whether a destruction is flagged. */
  readonly type: string;
  /** What the plan does to it (no-ops are left out of the summary). */
  readonly action: ChangeAction;
  /** The top-level construct the resource belongs to (`Network`, `Api`), see `moduleOfResource`. */
  readonly module: string;
  /** Attributes that change (updates and replacements). */
  readonly attributes: readonly AttributeChange[];
  /** For replacements: the attributes that force it (`replace_paths`). */
  readonly replacedBecause: readonly string[];
  /** Terraform's reason, e.g. `delete_because_no_resource_config`. */
  readonly reason?: string;
  /** The address it was moved from (a `moved` block or cdktf `moveTo`). */
  readonly movedFrom?: string;
}

/** A resource whose real state differs from the last-known state (only with refresh on). */
export interface DriftSummary {
  /** Full instance address. */
  readonly address: string;
  /** Resource type, e.g. `aws_security_group`. */
  readonly type: string;
  /** What happened outside Terraform: `update` (changed) or `delete` (gone). */
  readonly action: ChangeAction;
  /** The attributes that drifted, last-known value → real value. */
  readonly attributes: readonly AttributeChange[];
}

/** How many managed resources each action touches (data sources are not counted). */
export type ChangeCounts = Readonly<Record<ChangeAction, number>>;

/** What a plan changes: counts, per-resource changes and drift, as {@link summarizeChanges} returns them. */
export interface PlanChanges {
  /** Resources per action, no-ops included. */
  readonly counts: ChangeCounts;
  /** Every managed resource that changes (no-ops left out), in address order. */
  readonly changes: readonly ResourceChangeSummary[];
  /** Resources changed outside Terraform (only when the plan refreshed), in address order. */
  readonly drift: readonly DriftSummary[];
}

/** How {@link summarizeChanges} groups and trims what it reports. */
export interface SummarizeOptions {
  /** Construct paths by resource address (from the synthesized `cdk.tf.json`), for grouping. @default - grouped by resource name */
  readonly constructPaths?: ReadonlyMap<string, string>;
  /** Attribute changes listed per resource before the rest are counted (0 lists none, only the count). @default 12 */
  readonly maxAttributesPerResource?: number;
}

/** The longest rendered value; longer ones are cut with `…`. */
export const MAX_VALUE_CHARS = 60;

/** The default of {@link SummarizeOptions.maxAttributesPerResource}: enough to read an update, short enough for a PR comment. */
export const DEFAULT_MAX_ATTRIBUTES_PER_RESOURCE = 12;

/** Counts, per-resource changes with their changed attributes, and drift, from a plan. */
export function summarizeChanges(plan: PlanJson, options: SummarizeOptions = {}): PlanChanges {
  const counts: Record<ChangeAction, number> = { create: 0, update: 0, replace: 0, delete: 0, "no-op": 0, read: 0, forget: 0 };
  const changes: ResourceChangeSummary[] = [];
  const max = options.maxAttributesPerResource ?? DEFAULT_MAX_ATTRIBUTES_PER_RESOURCE;
  if (!Number.isInteger(max) || max < 0) {
    fail("summarizeChanges", {
      code: "PLAN_REVIEW_MAX_ATTRIBUTES",
      property: "maxAttributesPerResource",
      value: max,
      allowed: "a whole number of attributes, 0 or more",
    });
  }
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode === "data") continue;
    const action = actionOf(rc.change.actions, rc.address);
    counts[action]++;
    if (action === "no-op") continue;
    const replacedBecause = action === "replace" ? (rc.change.replace_paths ?? []).map(renderPath) : [];
    changes.push({
      address: rc.address,
      type: rc.type,
      action,
      module: moduleOfResource(rc, options.constructPaths),
      // A replacement gets new ids and ARNs anyway: only its known new values say something.
      attributes: attributesOf(rc, action, replacedBecause, max),
      replacedBecause,
      reason: rc.action_reason,
      movedFrom: rc.previous_address,
    });
  }
  const drift = (plan.resource_drift ?? [])
    .filter((rc) => rc.mode !== "data")
    .map((rc) => ({
      address: rc.address,
      type: rc.type,
      action: actionOf(rc.change.actions, rc.address),
      attributes: limit(attributeChanges(rc), max),
    }));
  const byAddress = (a: { address: string }, b: { address: string }) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
  return { counts, changes: changes.sort(byAddress), drift: drift.sort(byAddress) };
}

function attributesOf(rc: PlanResourceChange, action: ChangeAction, replacedBecause: readonly string[], max: number): AttributeChange[] {
  if (action === "update") return limit(attributeChanges(rc), max);
  if (action !== "replace") return [];
  // A replacement gets new ids and ARNs anyway: show known new values and what forces it.
  return limit(
    attributeChanges(rc).filter((a) => a.after !== KNOWN_AFTER_APPLY || replacedBecause.includes(a.path)),
    max,
  );
}

function limit(changes: AttributeChange[], max: number): AttributeChange[] {
  if (changes.length <= max) return changes;
  return [...changes.slice(0, max), { path: `(${changes.length - max} more)`, before: "", after: "" }];
}

/**
 * The module a resource belongs to: the first construct under the stack in its construct path
 * when known, otherwise the first part of its cdktf name (`Network_PrivateSubnet1_E8491189` →
 * `Network`), otherwise its child module (`module.x`), otherwise `(root)`.
 */
export function moduleOfResource(
  rc: Pick<PlanResourceChange, "address" | "name" | "module_address">,
  constructPaths?: ReadonlyMap<string, string>,
): string {
  const path = constructPaths?.get(configAddress(rc.address));
  // A construct path starts with the stack: the next part is the top-level construct (or the resource itself).
  if (path) return path.split("/")[1] ?? path;
  if (rc.module_address) return rc.module_address;
  const first = rc.name.split("_")[0];
  return first || "(root)";
}

/** Construct paths by resource address, read from the `//` metadata cdktf writes into `cdk.tf.json`. */
export function constructPathsFromSynth(stackJson: {
  resource?: Record<string, Record<string, { "//"?: { metadata?: { path?: string } } }>>;
}): Map<string, string> {
  const paths = new Map<string, string>();
  for (const [type, resources] of Object.entries(stackJson.resource ?? {})) {
    for (const [name, body] of Object.entries(resources)) {
      const path = body["//"]?.metadata?.path;
      if (path) paths.set(`${type}.${name}`, path);
    }
  }
  return paths;
}

/** `["network_configuration", 0, "subnets"]` → `network_configuration[0].subnets`. */
export function renderPath(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/**
 * The leaves that differ between `before` and `after`: objects are compared key by key and
 * arrays of the same length element by element; anything else that differs is one change.
 * A value with a sensitive mark anywhere inside it, on either side, is masked whole.
 */
export function attributeChanges(rc: Pick<PlanResourceChange, "change">): AttributeChange[] {
  const out: AttributeChange[] = [];
  const { before, after, after_unknown, before_sensitive, after_sensitive } = rc.change;
  const walk = (path: Array<string | number>, b: unknown, a: unknown, unknown: unknown, bs: unknown, as: unknown) => {
    const sensitive = bs === true || as === true;
    // Where the walk stops and renders a value, any sensitive leaf inside it on either side masks it
    // whole: a list that grows, or an object that appears, may carry a secret below the top level.
    const masked = containsTrue(bs) || containsTrue(as);
    if (unknown === true) {
      // A computed attribute that was never set gets a value: noise, not a change.
      if (isEmpty(b)) return;
      out.push({ path: renderPath(path), before: masked ? SENSITIVE : renderValue(b), after: KNOWN_AFTER_APPLY });
      return;
    }
    if (isObject(b) && isObject(a) && !sensitive) {
      for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
        walk([...path, key], b[key], a[key], child(unknown, key), child(bs, key), child(as, key));
      }
      return;
    }
    if (Array.isArray(b) && Array.isArray(a) && a.length === b.length && !sensitive) {
      a.forEach((item, i) => walk([...path, i], b[i], item, child(unknown, i), child(bs, i), child(as, i)));
      return;
    }
    // Partly known (a block added with a computed ARN inside): a change the reviewer must see, even
    // from nothing, since its known parts come from the configuration.
    if (containsTrue(unknown)) {
      out.push({ path: renderPath(path), before: masked ? SENSITIVE : renderValue(b), after: KNOWN_AFTER_APPLY });
      return;
    }
    if (!equal(b, a))
      out.push({ path: renderPath(path), before: masked ? SENSITIVE : renderValue(b), after: masked ? SENSITIVE : renderValue(a) });
  };
  walk([], before ?? {}, after ?? {}, after_unknown, before_sensitive, after_sensitive);
  return out;
}

/** A short, one-line rendering: strings quoted, structures as compact JSON, cut at {@link MAX_VALUE_CHARS}. */
export function renderValue(value: unknown): string {
  // JSON.stringify renders null as "null" itself; undefined (a key on one side only) it does not render.
  if (value === undefined) return "null";
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function child(marks: unknown, key: string | number): unknown {
  // The walk stops at a wholly sensitive or unknown value, so this only guards against a future change to it.
  if (marks === true) return true;
  return Array.isArray(marks) || isObject(marks) ? (marks as Record<string | number, unknown>)[key] : undefined;
}

/** True when a mark tree (`after_unknown`, `*_sensitive`) has `true` anywhere in it. */
function containsTrue(marks: unknown): boolean {
  if (marks === true) return true;
  if (Array.isArray(marks)) return marks.some(containsTrue);
  if (isObject(marks)) return Object.values(marks).some(containsTrue);
  return false;
}

/** Values from a plan are JSON: equal when their JSON is (a string and a number stay apart: "1" vs 1). */
function equal(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
