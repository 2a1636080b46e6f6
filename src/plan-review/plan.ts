/**
 * Checks and lookups over `terraform show -json <planfile>`; the document's type is the offline
 * check's ({@link PlanJson}, in `src/terraform/plan-json.ts`), so both tools read one shape.
 */
import { fail } from "../core/errors";
import type { PlanConfigModule, PlanConfigResource, PlanExpression, PlanJson } from "../terraform/plan-json";

export type { PlanConfigModule, PlanConfigResource, PlanExpression, PlanJson, PlanResourceChange } from "../terraform/plan-json";

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
