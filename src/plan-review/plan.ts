/**
 * The parts of `terraform show -json <planfile>` the review reads, and lookups over them.
 * Terraform documents the format as stable within format_version 1.x.
 */
import { fail } from "../core/errors";

/** One resource instance's change (`resource_changes[]` and `resource_drift[]`). */
export interface PlanResourceChange {
  /** Full instance address, e.g. `aws_ecs_service.Api_Service_F70053CD` or `module.x.aws_subnet.a[0]`. */
  readonly address: string;
  /** The address before a `moved` block (or cdktf `moveTo`) renamed it; absent when it did not move. */
  readonly previous_address?: string;
  /** The child module holding the resource (`module.x`); absent for the root module. */
  readonly module_address?: string;
  /** `managed` for resources, `data` for data sources (which the review skips). */
  readonly mode?: "managed" | "data";
  /** Resource type, e.g. `aws_ecs_service`. */
  readonly type: string;
  /** Resource name in the configuration (cdktf's `<Path>_<HASH>` logical id). */
  readonly name: string;
  /** The `count` index or `for_each` key, when the resource repeats. */
  readonly index?: string | number;
  /** The provider that manages it, e.g. `registry.terraform.io/hashicorp/aws`. */
  readonly provider_name?: string;
  /** Why Terraform chose the action, e.g. `replace_because_tainted`, `delete_because_no_resource_config`. */
  readonly action_reason?: string;
  /** The values before and after, which of them are unknown or sensitive, and the paths that force a replacement. */
  readonly change: {
    readonly actions: readonly string[];
    readonly before: unknown;
    readonly after: unknown;
    readonly after_unknown?: unknown;
    readonly before_sensitive?: unknown;
    readonly after_sensitive?: unknown;
    readonly replace_paths?: ReadonlyArray<ReadonlyArray<string | number>>;
    readonly importing?: unknown;
  };
}

/** An expression in the plan's `configuration`: a constant (cdktf writes `${...}` strings there) and what it references. */
export interface PlanExpression {
  /** The literal value, when the argument is a constant (cdktf's `${...}` interpolations appear here as strings). */
  readonly constant_value?: unknown;
  /** What the expression references, most specific first, e.g. `aws_subnet.a.id`, `aws_subnet.a`. */
  readonly references?: readonly string[];
}

/** One resource block in the plan's `configuration` (not an instance: no `count`/`for_each` index). */
export interface PlanConfigResource {
  /** Configuration address within its module, e.g. `aws_ecs_service.Api_Service_F70053CD`. */
  readonly address: string;
  /** Resource type, e.g. `aws_ecs_service`. */
  readonly type: string;
  /** Resource name (cdktf's logical id). */
  readonly name: string;
  /** Argument expressions by name; nested blocks are arrays of expression maps. */
  readonly expressions?: Record<string, unknown>;
  /** The provider schema version the resource was written with. */
  readonly schema_version?: number;
}

/** A module in the plan's `configuration`: its resource blocks and the child modules it calls. */
export interface PlanConfigModule {
  /** Resource blocks declared directly in this module. */
  readonly resources?: readonly PlanConfigResource[];
  /** Child modules by call name (`module "<name>"`), each with its own configuration. */
  readonly module_calls?: Record<string, { readonly module?: PlanConfigModule }>;
}

/** The JSON of `terraform show -json <planfile>`: only the fields the review reads (others are ignored). */
export interface PlanJson {
  /** The JSON format version, `1.x` (stable across Terraform releases within 1.x). */
  readonly format_version: string;
  /** The Terraform CLI version that made the plan. */
  readonly terraform_version?: string;
  /** Every resource instance the plan touches, including no-ops and data sources. */
  readonly resource_changes?: readonly PlanResourceChange[];
  /** Changes made outside Terraform that refresh found; empty with `-refresh=false`. */
  readonly resource_drift?: readonly PlanResourceChange[];
  /** The configuration the plan was made from: provider settings and argument references. */
  readonly configuration?: {
    readonly provider_config?: Record<string, { readonly name?: string; readonly expressions?: Record<string, PlanExpression> }>;
    readonly root_module?: PlanConfigModule;
  };
  /** True when planning failed part way (the plan is then incomplete). */
  readonly errored?: boolean;
}

/** The `format_version` major the review reads: Terraform keeps the JSON plan format stable within 1.x. */
export const SUPPORTED_PLAN_FORMAT = /^1\.\d+$/;

/**
 * Checks that `document` is a complete `terraform show -json` plan the review can read, so a bad
 * document fails the gate with a message instead of passing on nothing or crashing part way:
 * an object with `format_version` 1.x, not `errored`, `resource_changes` / `resource_drift` lists of
 * changes that each have an address, a type and a `change` whose action list Terraform writes.
 * Throws a `ValidationError` whose path is `source` (the stack or file).
 */
export function checkPlanJson(document: unknown, source = "terraform plan"): asserts document is PlanJson {
  const problem = (property: string, value: unknown, allowed: string, code = "PLAN_REVIEW_PLAN_INVALID"): never =>
    fail(source, { code, property, value, allowed });
  if (!isRecord(document)) {
    problem("plan", document, "the JSON object `terraform show -json <planfile>` prints");
  }
  const plan = document as Record<string, unknown>;
  if (typeof plan.format_version !== "string" || !SUPPORTED_PLAN_FORMAT.test(plan.format_version)) {
    problem(
      "format_version",
      plan.format_version,
      'a plan format version 1.x (e.g. "1.2"), as Terraform 1.x writes',
      "PLAN_REVIEW_PLAN_FORMAT",
    );
  }
  if (plan.errored === true) {
    problem("errored", true, "a complete plan (Terraform stopped planning part way; the plan is incomplete)", "PLAN_REVIEW_PLAN_ERRORED");
  }
  for (const list of ["resource_changes", "resource_drift"] as const) {
    const changes = plan[list];
    if (changes === undefined) continue;
    if (!Array.isArray(changes)) problem(list, changes, "a list of resource changes");
    (changes as unknown[]).forEach((rc, i) => {
      const at = `${list}[${i}]`;
      if (!isRecord(rc)) return problem(at, rc, "a resource change object");
      if (typeof rc.address !== "string" || rc.address === "") problem(`${at}.address`, rc.address, "the resource address");
      if (typeof rc.type !== "string" || rc.type === "") problem(`${at}.type`, rc.type, "the resource type");
      const change = rc.change;
      if (!isRecord(change)) return problem(`${at}.change`, change, "the change object (actions, before, after)");
      if (!Array.isArray(change.actions) || !change.actions.every((a) => typeof a === "string")) {
        return problem(`${at}.change.actions`, change.actions, "a list of actions");
      }
      actionOf(change.actions as string[], rc.address as string);
      return undefined;
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a change does, with Terraform's action lists folded into one word. */
export type ChangeAction = "create" | "update" | "replace" | "delete" | "no-op" | "read" | "forget";

/** Every {@link ChangeAction}, in the order the summary counts them. */
export const CHANGE_ACTIONS: readonly ChangeAction[] = ["create", "update", "replace", "delete", "no-op", "read", "forget"];

/**
 * Folds a `change.actions` list into one {@link ChangeAction}: `["delete","create"]` and
 * `["create","delete"]` (create_before_destroy) are both a replacement. Throws a `ValidationError`
 * naming `address` for a list Terraform does not write.
 */
export function actionOf(actions: readonly string[], address = "terraform plan"): ChangeAction {
  if (actions.length === 2 && actions.includes("create") && actions.includes("delete")) return "replace";
  const [only] = actions;
  if (actions.length === 1 && (CHANGE_ACTIONS as readonly string[]).includes(only)) return only as ChangeAction;
  return fail(address, {
    code: "PLAN_REVIEW_UNKNOWN_ACTIONS",
    property: "change.actions",
    value: actions,
    allowed: `one action of ${CHANGE_ACTIONS.join(", ")}, or "create" and "delete" (a replacement)`,
  });
}

/** Does the action destroy the existing object (a deletion, or the delete half of a replacement)? */
export function destroys(action: ChangeAction): boolean {
  return action === "delete" || action === "replace";
}

/**
 * Configuration lookups: which resources an argument of a resource references. Keyed by
 * configuration address (`aws_ecs_service.Api_F70053CD`, or `module.x.aws_...` in child modules).
 */
export class PlanConfiguration {
  private readonly byAddress = new Map<string, PlanConfigResource>();

  constructor(plan: PlanJson) {
    const walk = (module: PlanConfigModule | undefined, prefix: string) => {
      for (const resource of module?.resources ?? []) this.byAddress.set(`${prefix}${resource.address}`, resource);
      for (const [name, call] of Object.entries(module?.module_calls ?? {})) walk(call.module, `${prefix}module.${name}.`);
    };
    walk(plan.configuration?.root_module, "");
  }

  /** The expression of `argument` (a top-level argument, or a path into nested blocks: `["launch_template", 0, "id"]`). */
  public expression(resourceAddress: string, argument: string | ReadonlyArray<string | number>): PlanExpression | undefined {
    const path = typeof argument === "string" ? [argument] : argument;
    let node: unknown = this.byAddress.get(configAddress(resourceAddress))?.expressions;
    for (const step of path) {
      if (node === undefined || node === null) return undefined;
      // Nested blocks are arrays of expression maps; a block given as one object is its only element.
      node =
        typeof step === "number"
          ? Array.isArray(node)
            ? node[step]
            : step === 0
              ? node
              : undefined
          : (node as Record<string, unknown>)[step];
    }
    return node as PlanExpression | undefined;
  }

  /** Resources (configuration addresses) that `argument` references, in order, without duplicates. */
  public referencedResources(resourceAddress: string, argument: string | ReadonlyArray<string | number>, type?: string): string[] {
    const module = moduleOf(resourceAddress);
    const found: string[] = [];
    for (const ref of this.expression(resourceAddress, argument)?.references ?? []) {
      const parts = ref.split(".");
      if (parts[0] === "var" || parts[0] === "local" || parts[0] === "data" || parts.length < 2) continue;
      const target = `${module}${parts[0]}.${parts[1]}`;
      if ((type === undefined || parts[0] === type) && !found.includes(target)) found.push(target);
    }
    return found;
  }
}

/** `aws_x.y[0]` → `aws_x.y`; `module.m.aws_x.y["k"]` → `module.m.aws_x.y`. */
export function configAddress(address: string): string {
  return address.replace(/\[[^\]]*\]/g, "");
}

function moduleOf(address: string): string {
  const parts = configAddress(address).split(".");
  return parts
    .slice(0, parts.length - 2)
    .map((p) => `${p}.`)
    .join("");
}

/** The AWS region of the plan's default aws provider configuration, when it is a constant. */
export function regionOf(plan: PlanJson): string | undefined {
  const configs = plan.configuration?.provider_config ?? {};
  const region = configs.aws?.expressions?.region?.constant_value;
  return typeof region === "string" ? region : undefined;
}
