/**
 * The JSON of `terraform show -json <planfile>`, as this project reads it: one type for the offline
 * check (which returns it), the plan review (which reviews it) and the tests. Terraform documents
 * the format as stable within format_version 1.x; only the fields read here are typed, the rest is
 * passed through untouched.
 */

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
  /** Child modules by call name (`module "<name>"`), each with its source and its own configuration. */
  readonly module_calls?: Record<string, { readonly source?: string; readonly module?: PlanConfigModule }>;
}

/** The JSON of `terraform show -json <planfile>`: the fields this project reads (others are kept, untyped). */
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
    readonly provider_config?: Record<
      string,
      { readonly name?: string; readonly module_address?: string; readonly expressions?: Record<string, PlanExpression> }
    >;
    readonly root_module?: PlanConfigModule;
  };
  /** True when planning failed part way (the plan is then incomplete). */
  readonly errored?: boolean;
  /** The state the plan would produce, by module (`root_module`, `child_modules`); the review does not read it. */
  readonly planned_values?: unknown;
  /** The state the plan was made against; the review does not read it. */
  readonly prior_state?: unknown;
  /** Fields this type does not describe (`timestamp`, `relevant_attributes`, `output_changes`, ...). */
  readonly [field: string]: unknown;
}
