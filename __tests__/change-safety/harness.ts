/**
 * Plans day-2 edits offline against the state the previous configuration left, with the real
 * hashicorp/aws provider and no AWS account, in two Terraform runs beyond the state's convergence:
 *
 * 1. every base stack is a child module of one root; plan it against an empty state, write a state
 *    (format v4) from the planned values (unknown ids and ARNs faked, other unknowns null), and plan
 *    again until every resource is a no-op — the state is then what an apply would have left, up to
 *    ids (the method of `__tests__/offline/prior-state.ts`, whose helpers it uses, here across modules);
 * 2. every edit is a child module holding the edited stack, over a copy of its base's state moved
 *    into that module; one plan then shows each edit's creates, updates, replaces, deletes and moves.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { offlineOverride, planOfModule } from "../../src/terraform/offline-check";
import type { PlanJson } from "../../src/terraform/plan-json";
import { fakeValue, offlineTerraformEnv, runTerraform, settle } from "../offline/prior-state";

type Json = any;

/** What one edit's plan did, by resource address as in the stack (`type.name`, module stripped). */
export interface EditOutcome {
  readonly created: string[];
  readonly updated: string[];
  /** Deleted and created again (either order). */
  readonly replaced: string[];
  /** The replacements that create the new object before deleting the old one (`create_before_destroy`). */
  readonly replacedNewFirst: string[];
  readonly deleted: string[];
  /** `from → to` of each address the plan moves. */
  readonly moved: string[];
}

/** One resource instance of a state, with the module it belongs to. */
interface StateResource {
  module: string;
  type: string;
  name: string;
  provider: string;
  schemaVersion: number;
  index?: string | number;
  attributes: Json;
}

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';

function stateResources(plan: Json, prior: Map<string, Json>): { resources: StateResource[]; attributes: Map<string, Json> } {
  const calls = plan.configuration.root_module.module_calls ?? {};
  const schema = new Map<string, number>();
  const providerKey = new Map<string, string>();
  for (const [module, call] of Object.entries<Json>(calls)) {
    for (const r of call.module.resources ?? []) {
      schema.set(`module.${module}.${r.address}`, r.schema_version);
      providerKey.set(`module.${module}.${r.address}`, r.provider_config_key);
    }
  }
  // Top-level arguments that are one reference (`aws_x.y.id`) to another resource's unknown value.
  const singleReference = new Map<string, Record<string, string>>();
  for (const [module, call] of Object.entries<Json>(calls)) {
    for (const r of call.module.resources ?? []) {
      const refs: Record<string, string> = {};
      for (const [attribute, expression] of Object.entries<Json>(r.expressions ?? {})) {
        const direct = (expression?.references ?? []).filter((x: string) => /^aws_[a-z0-9_]+\.[^.]+\.[a-z_]+$/.test(x));
        if (direct.length === 1) refs[attribute] = `module.${module}.${direct[0]}`;
      }
      singleReference.set(`module.${module}.${r.address}`, refs);
    }
  }
  const attributes = new Map<string, Json>();
  const resources: StateResource[] = [];
  for (const rc of plan.resource_changes) {
    if (rc.mode !== "managed" || rc.change.actions.includes("delete")) continue;
    const values = settle(rc.change.after, rc.change.after_unknown, prior.get(rc.address), (a) =>
      fakeValue(rc.type, rc.name, a, rc.change.after, rc.change.after_sensitive?.[a], { computedStrings: true }),
    );
    attributes.set(rc.address, values);
    const configAddress = `${rc.module_address}.${rc.type}.${rc.name}`;
    const alias = /\.(\w+)$/.exec(providerKey.get(configAddress)?.split(":")[1] ?? "")?.[1];
    resources.push({
      module: rc.module_address,
      type: rc.type,
      name: rc.name,
      provider: `${rc.module_address}.${AWS}${alias ? `.${alias}` : ""}`,
      schemaVersion: schema.get(configAddress) ?? 0,
      index: rc.index,
      attributes: values,
    });
  }
  // Second pass: an argument that references another resource's faked value gets that value now, as
  // an apply would have left it (a null would force a replacement on the next plan).
  for (const r of resources) {
    const refs = singleReference.get(`${r.module}.${r.type}.${r.name}`) ?? {};
    for (const [attribute, target] of Object.entries(refs)) {
      if (r.attributes[attribute] !== null) continue;
      const [, tType, tName, tAttr] = /^module\.[^.]+\.([^.]+)\.([^.]+)\.([^.]+)$/.exec(target) ?? [];
      const value = attributes.get(`${r.module}.${tType}.${tName}`)?.[tAttr];
      if (value !== undefined && value !== null && typeof value !== "object") r.attributes[attribute] = value;
    }
  }
  return { resources, attributes };
}

function stateDocument(resources: readonly StateResource[], terraformVersion: string, serial: number): Json {
  const grouped = new Map<string, Json>();
  for (const r of resources) {
    const key = `${r.module}.${r.type}.${r.name}`;
    const entry = grouped.get(key) ?? {
      module: r.module,
      mode: "managed",
      type: r.type,
      name: r.name,
      provider: r.provider,
      instances: [],
    };
    entry.instances.push({
      ...(r.index !== undefined ? { index_key: r.index } : {}),
      schema_version: r.schemaVersion,
      attributes: r.attributes,
      sensitive_attributes: [],
    });
    grouped.set(key, entry);
  }
  return {
    version: 4,
    terraform_version: terraformVersion,
    serial,
    lineage: "00000000-0000-4000-8000-000000000000",
    outputs: {},
    resources: [...grouped.values()],
    check_results: null,
  };
}

/** A root whose child modules are synthesized stacks, planned with mock credentials and no network. */
class Workspace {
  public readonly dir = mkdtempSync(join(tmpdir(), "change-safety-"));
  private readonly env: NodeJS.ProcessEnv;

  constructor(modules: Record<string, Json>) {
    this.env = offlineTerraformEnv(this.dir);
    for (const [name, json] of Object.entries(modules)) {
      mkdirSync(join(this.dir, name));
      writeFileSync(join(this.dir, name, "cdk.tf.json"), JSON.stringify(json));
      writeFileSync(join(this.dir, name, "zz_offline_override.tf.json"), JSON.stringify(offlineOverride(json, "unused.tfstate")));
    }
    writeFileSync(
      join(this.dir, "main.tf.json"),
      JSON.stringify({ module: Object.fromEntries(Object.keys(modules).map((n) => [n, { source: `./${n}` }])) }),
    );
    this.terraform(["init", "-input=false", "-no-color"]);
  }

  public terraform(args: string[]): string {
    return runTerraform(this.dir, this.env, args);
  }

  public plan(state: Json | undefined): Json {
    if (state) writeFileSync(join(this.dir, "terraform.tfstate"), JSON.stringify(state));
    this.terraform(["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=edit.tfplan"]);
    return JSON.parse(this.terraform(["show", "-json", "edit.tfplan"]));
  }

  public dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const MAX_ROUNDS = 8;

/** Converges a state for each base stack: resources by base name. */
function convergedState(bases: Record<string, Json>): { resources: StateResource[]; terraformVersion: string } {
  const ws = new Workspace(bases);
  try {
    let plan = ws.plan(undefined);
    let { resources, attributes } = stateResources(plan, new Map());
    for (let round = 1; ; round++) {
      plan = ws.plan(stateDocument(resources, plan.terraform_version, round));
      const pending = plan.resource_changes.filter((rc: Json) => rc.change.actions.join() !== "no-op");
      if (pending.length === 0) return { resources, terraformVersion: plan.terraform_version };
      if (round === MAX_ROUNDS)
        throw new Error(`state did not converge: ${pending.map((rc: Json) => `${rc.address} ${rc.change.actions}`).join(", ")}`);
      ({ resources, attributes } = stateResources(plan, attributes));
    }
  } finally {
    ws.dispose();
  }
}

/** One edit: the stack after it, and which base stack's state it is planned against. */
export interface PlannedEdit {
  readonly base: string;
  readonly json: Json;
}

const baseModule = (name: string) => `base_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
const editModule = (id: string) => `edit_${id.replace(/[^A-Za-z0-9_]/g, "_")}`;

/** Plans every edit against the converged state of its base in one run: the combined plan, each edit a child module. */
function planAll(bases: Record<string, Json>, edits: Record<string, PlannedEdit>): Json {
  const { resources, terraformVersion } = convergedState(
    Object.fromEntries(Object.entries(bases).map(([n, json]) => [baseModule(n), json])),
  );
  const state = Object.entries(edits).flatMap(([id, edit]) => {
    const from = `module.${baseModule(edit.base)}`;
    const to = `module.${editModule(id)}`;
    return resources.filter((r) => r.module === from).map((r) => ({ ...r, module: to, provider: r.provider.replace(from, to) }));
  });
  const ws = new Workspace(Object.fromEntries(Object.entries(edits).map(([id, e]) => [editModule(id), e.json])));
  try {
    return ws.plan(stateDocument(state, terraformVersion, 1));
  } finally {
    ws.dispose();
  }
}

/** Each edit's plan against the state of its base, as `terraform show -json` would print it for the stack alone. */
export function planEditPlans(bases: Record<string, Json>, edits: Record<string, PlannedEdit>): Record<string, PlanJson> {
  const plan = planAll(bases, edits);
  return Object.fromEntries(Object.keys(edits).map((id) => [id, planOfModule(plan, editModule(id))]));
}

/** Plans every edit against the converged state of its base; outcomes by edit id. */
export function planEdits(bases: Record<string, Json>, edits: Record<string, PlannedEdit>): Record<string, EditOutcome> {
  const plan = planAll(bases, edits);
  const outcomes: Record<string, EditOutcome> = {};
  for (const id of Object.keys(edits)) {
    const prefix = `module.${editModule(id)}.`;
    const outcome = {
      created: [] as string[],
      updated: [] as string[],
      replaced: [] as string[],
      replacedNewFirst: [] as string[],
      deleted: [] as string[],
      moved: [] as string[],
    };
    for (const rc of plan.resource_changes.filter((c: Json) => c.address.startsWith(prefix))) {
      const address = rc.address.slice(prefix.length);
      const actions = rc.change.actions.join("+");
      if (rc.previous_address) outcome.moved.push(`${rc.previous_address.slice(prefix.length)} → ${address}`);
      if (actions === "create") outcome.created.push(address);
      else if (actions === "update") outcome.updated.push(address);
      else if (actions === "delete") outcome.deleted.push(address);
      else if (actions === "create+delete") {
        outcome.replaced.push(address);
        outcome.replacedNewFirst.push(address);
      } else if (actions === "delete+create") outcome.replaced.push(address);
    }
    for (const list of Object.values(outcome)) list.sort();
    outcomes[id] = outcome;
  }
  return outcomes;
}
