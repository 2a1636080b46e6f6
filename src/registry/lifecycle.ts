import { IConstruct } from "constructs";
import { fail } from "../core/errors";

/** Keep the newest `count` images whose tag starts with one of `tagPrefixes`; older ones with those tags expire. */
export interface KeepLastTaggedRule {
  /** Selects tagged images by prefix. */
  readonly kind: "keepLastTagged";
  /** Tag prefixes the rule selects, e.g. `["v", "release-"]`; 1 to 100 prefixes of 1 to 128 tag characters. */
  readonly tagPrefixes: readonly string[];
  /** How many of the selected images to keep (1 to 10,000). */
  readonly count: number;
  /** What the rule is for, shown in the ECR console. @default - e.g. `keep the last 50 images tagged v*` */
  readonly description?: string;
  /** ECR rule priority: lower runs first. @default - the rule's position in the list (1, 2, ...) */
  readonly priority?: number;
}

/** Expire images with no tag once they are older than `days` (left behind when a tag moves or a push fails half-way). */
export interface ExpireUntaggedRule {
  /** Selects images without a tag. */
  readonly kind: "expireUntagged";
  /** Days since push (1 to 3,650). */
  readonly days: number;
  /** What the rule is for, shown in the ECR console. @default - e.g. `expire untagged images after 14 days` */
  readonly description?: string;
  /** ECR rule priority: lower runs first. @default - the rule's position in the list (1, 2, ...) */
  readonly priority?: number;
}

/**
 * Keep every image pushed in the last `days` days and expire older ones, tagged or not. It selects
 * every image, so ECR requires it to run last (the highest priority number); rules before it
 * protect what they keep.
 */
export interface KeepNewerThanRule {
  /** Selects every image, by age. */
  readonly kind: "keepNewerThan";
  /** Days since push (1 to 3,650). */
  readonly days: number;
  /** What the rule is for, shown in the ECR console. @default - e.g. `expire images older than 365 days` */
  readonly description?: string;
  /** ECR rule priority: lower runs first. @default - the rule's position in the list (1, 2, ...) */
  readonly priority?: number;
}

/**
 * Keep the newest `count` images of any tag (or none) and expire the rest. Like
 * {@link KeepNewerThanRule} it selects every image and must run last.
 */
export interface KeepLastRule {
  /** Selects every image, by count. */
  readonly kind: "keepLast";
  /** How many images to keep (1 to 10,000). */
  readonly count: number;
  /** What the rule is for, shown in the ECR console. @default - e.g. `keep the last 500 images` */
  readonly description?: string;
  /** ECR rule priority: lower runs first. @default - the rule's position in the list (1, 2, ...) */
  readonly priority?: number;
}

/** One typed ECR lifecycle rule; `renderLifecyclePolicy` turns a list of them into the policy JSON. */
export type LifecycleRule = KeepLastTaggedRule | ExpireUntaggedRule | KeepNewerThanRule | KeepLastRule;

/** ECR's limits on tag prefixes (a tag is 1 to 128 of letters, digits, `_`, `.` and `-`, not starting with `.` or `-`). */
const TAG_PREFIX = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const KINDS: readonly LifecycleRule["kind"][] = ["keepLastTagged", "expireUntagged", "keepNewerThan", "keepLast"];

function checkInteger(scope: IConstruct, property: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    fail(scope, { code: "REGISTRY_LIFECYCLE_COUNT", property, value, allowed: `an integer from 1 to ${max}` });
  }
}

/** A stable key for what a rule selects, to find two rules that select the same images. */
function selection(rule: LifecycleRule): string {
  switch (rule.kind) {
    case "keepLastTagged":
      return `tagged:${[...rule.tagPrefixes].sort().join(",")}`;
    case "expireUntagged":
      return "untagged";
    case "keepNewerThan":
    case "keepLast":
      return "any";
  }
}

/** The rules with their priorities: given ones as given, the rest by position. */
function prioritized(rules: readonly LifecycleRule[]): { rule: LifecycleRule; priority: number; index: number }[] {
  return rules.map((rule, index) => ({ rule, priority: rule.priority ?? index + 1, index }));
}

/**
 * Checks lifecycle rules the way ECR would when the policy is applied (and what ECR accepts but can
 * never act on): integer priorities used once, a rule selecting every image (`keepNewerThan`, `keepLast`) last,
 * no two rules selecting the same images, counts and days in range, tag prefixes ECR accepts.
 */
export function checkLifecycleRules(scope: IConstruct, property: string, rules: readonly LifecycleRule[]): void {
  const seen = new Map<string, number>();
  const priorities = new Map<number, number>();
  for (const { rule, priority, index } of prioritized(rules)) {
    const where = `${property}[${index}]`;
    if (!KINDS.includes(rule.kind)) {
      fail(scope, { code: "REGISTRY_LIFECYCLE_KIND", property: `${where}.kind`, value: rule.kind, allowed: `one of ${KINDS.join(", ")}` });
    }
    if (!Number.isInteger(priority) || priority < 1) {
      fail(scope, { code: "REGISTRY_LIFECYCLE_PRIORITY", property: `${where}.priority`, value: priority, allowed: "a positive integer" });
    }
    const other = priorities.get(priority);
    if (other !== undefined) {
      fail(scope, {
        code: "REGISTRY_LIFECYCLE_PRIORITY_DUPLICATE",
        property: `${where}.priority`,
        value: priority,
        allowed: `a priority not already used by ${property}[${other}]`,
      });
    }
    priorities.set(priority, index);
    if (rule.kind === "keepLast") {
      checkInteger(scope, `${where}.count`, rule.count, 10000);
    } else if (rule.kind === "keepLastTagged") {
      checkInteger(scope, `${where}.count`, rule.count, 10000);
      if (!Array.isArray(rule.tagPrefixes) || rule.tagPrefixes.length === 0 || rule.tagPrefixes.length > 100) {
        fail(scope, {
          code: "REGISTRY_LIFECYCLE_TAG_PREFIXES",
          property: `${where}.tagPrefixes`,
          value: rule.tagPrefixes,
          allowed: "1 to 100 tag prefixes (a tagged rule with none can never match)",
        });
      }
      rule.tagPrefixes.forEach((prefix, i) => {
        if (typeof prefix !== "string" || !TAG_PREFIX.test(prefix)) {
          fail(scope, {
            code: "REGISTRY_LIFECYCLE_TAG_PREFIX",
            property: `${where}.tagPrefixes[${i}]`,
            value: prefix,
            allowed: "1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'",
          });
        }
      });
    } else {
      checkInteger(scope, `${where}.days`, rule.days, 3650);
    }
    const key = selection(rule);
    const twin = seen.get(key);
    if (twin !== undefined) {
      fail(scope, {
        code: "REGISTRY_LIFECYCLE_DUPLICATE",
        property: where,
        value: key,
        allowed: `rules selecting different images (${property}[${twin}] already selects these, so one of the two never acts)`,
      });
    }
    seen.set(key, index);
  }
  const ordered = prioritized(rules).sort((a, b) => a.priority - b.priority);
  const anyRule = ordered.findIndex((r) => selection(r.rule) === "any");
  if (anyRule !== -1 && anyRule !== ordered.length - 1) {
    fail(scope, {
      code: "REGISTRY_LIFECYCLE_ANY_NOT_LAST",
      property: `${property}[${ordered[anyRule].index}].priority`,
      value: ordered[anyRule].priority,
      allowed: "the highest priority number: a rule selecting every image must run last (ECR refuses the policy otherwise)",
    });
  }
}

function describe(rule: LifecycleRule): string {
  switch (rule.kind) {
    case "keepLastTagged":
      return `keep the last ${rule.count} images tagged ${rule.tagPrefixes.map((p) => `${p}*`).join(", ")}`;
    case "expireUntagged":
      return `expire untagged images after ${rule.days} days`;
    case "keepNewerThan":
      return `expire images older than ${rule.days} days`;
    case "keepLast":
      return `keep the last ${rule.count} images`;
  }
}

function selectionOf(rule: LifecycleRule): Record<string, unknown> {
  switch (rule.kind) {
    case "keepLastTagged":
      return { tagStatus: "tagged", tagPrefixList: [...rule.tagPrefixes], countType: "imageCountMoreThan", countNumber: rule.count };
    case "expireUntagged":
      return { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: rule.days };
    case "keepNewerThan":
      return { tagStatus: "any", countType: "sinceImagePushed", countUnit: "days", countNumber: rule.days };
    case "keepLast":
      return { tagStatus: "any", countType: "imageCountMoreThan", countNumber: rule.count };
  }
}

/** The lifecycle policy JSON ECR expects (`aws_ecr_lifecycle_policy.policy`), rules ordered by priority. */
export function renderLifecyclePolicy(rules: readonly LifecycleRule[]): string {
  return JSON.stringify({
    rules: prioritized(rules)
      .sort((a, b) => a.priority - b.priority)
      .map(({ rule, priority }) => ({
        rulePriority: priority,
        description: rule.description ?? describe(rule),
        selection: selectionOf(rule),
        action: { type: "expire" },
      })),
  });
}
