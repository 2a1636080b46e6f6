/**
 * The parts of `terraform show -json <planfile>` the review reads, and lookups over them.
 * Terraform documents the format as stable within format_version 1.x.
 */

/** One resource instance's change (`resource_changes[]` and `resource_drift[]`). */
export interface PlanResourceChange {
  readonly address: string;
  readonly previous_address?: string;
  readonly module_address?: string;
  readonly mode?: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name?: string;
  readonly action_reason?: string;
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
  readonly constant_value?: unknown;
  readonly references?: readonly string[];
}

export interface PlanConfigResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly expressions?: Record<string, unknown>;
  readonly schema_version?: number;
}

export interface PlanConfigModule {
  readonly resources?: readonly PlanConfigResource[];
  readonly module_calls?: Record<string, { readonly module?: PlanConfigModule }>;
}

export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly PlanResourceChange[];
  readonly resource_drift?: readonly PlanResourceChange[];
  readonly configuration?: {
    readonly provider_config?: Record<string, { readonly name?: string; readonly expressions?: Record<string, PlanExpression> }>;
    readonly root_module?: PlanConfigModule;
  };
  readonly errored?: boolean;
}

/** What a change does, with Terraform's action lists folded into one word. */
export type ChangeAction = "create" | "update" | "replace" | "delete" | "no-op" | "read" | "forget";

export const CHANGE_ACTIONS: readonly ChangeAction[] = ["create", "update", "replace", "delete", "no-op", "read", "forget"];

/** `["delete","create"]` and `["create","delete"]` (create_before_destroy) are both a replacement. */
export function actionOf(actions: readonly string[]): ChangeAction {
  if (actions.length === 2 && actions.includes("create") && actions.includes("delete")) return "replace";
  const [only] = actions;
  if (actions.length === 1 && (CHANGE_ACTIONS as readonly string[]).includes(only)) return only as ChangeAction;
  throw new Error(`unknown Terraform plan action list ${JSON.stringify(actions)}`);
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
      node = typeof step === "number" ? (Array.isArray(node) ? node[step] : step === 0 ? node : undefined) : (node as Record<string, unknown>)[step];
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
  return parts.slice(0, parts.length - 2).map((p) => `${p}.`).join("");
}

/** The AWS region of the plan's default aws provider configuration, when it is a constant. */
export function regionOf(plan: PlanJson): string | undefined {
  const configs = plan.configuration?.provider_config ?? {};
  const region = configs.aws?.expressions?.region?.constant_value;
  return typeof region === "string" ? region : undefined;
}
