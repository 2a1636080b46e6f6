/**
 * Plans day-2 edits offline against the state the previous configuration left, with the real
 * hashicorp/aws provider and no AWS account, in three Terraform plans:
 *
 * 1. every base stack is a child module of one root; plan it against an empty state and write a
 *    state (format v4) from the planned values (unknown ids and ARNs faked, other unknowns null);
 * 2. plan the bases again against that state: the values that depended on faked ids are known now
 *    (policies, event patterns, replaced task definitions), and the state is rebuilt from them (the
 *    method of `__tests__/offline/prior-state.ts`, whose helpers it uses, here across modules);
 * 3. one plan of the bases and of every edit, each edit a child module holding the edited stack over
 *    a copy of its base's state: the bases must plan as all no-ops (the state is then what an apply
 *    would have left, up to ids; otherwise the state is rebuilt once more and step 3 repeats), and
 *    the same plan shows each edit's creates, updates, replaces, deletes and moves. An edit's module
 *    holds only the resources the edit can change (prune.ts: those whose configuration differs from
 *    the base's, or that read one that does), the others' values written in from the state, so
 *    the plan holds about a fifth of the edits' resources (`CHANGE_SAFETY_PRUNE=0` plans them whole).
 *
 * Modules whose aws provider configurations are identical share one, declared in the root (a
 * provider configuration is a provider process in every command, a second or so each).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { offlineOverride, planOfModule, shareableProvider } from "../../src/terraform/offline-check";
import type { PlanJson } from "../../src/terraform/plan-json";
import { pruneEdit } from "./prune";
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
  /** The alias of the module's own aws provider configuration the resource uses, if any. */
  alias?: string;
  schemaVersion: number;
  index?: string | number;
  attributes: Json;
}

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';

/**
 * The state an apply of `plan` would leave for the resources of the modules `inState` accepts:
 * every managed resource but those the plan deletes, replacements with their new values.
 */
function stateResources(
  plan: Json,
  prior: Map<string, Json>,
  inState: (module: string) => boolean = () => true,
): { resources: StateResource[]; attributes: Map<string, Json> } {
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
    // A replacement (delete and create, either order) leaves the new object: keep it, or the next
    // plan would create it and every resource reading it would change once more.
    if (rc.mode !== "managed" || rc.change.actions.join() === "delete" || !inState(rc.module_address)) continue;
    const values = settle(rc.change.after, rc.change.after_unknown, prior.get(rc.address), (a) =>
      fakeValue(rc.type, rc.name, a, rc.change.after, rc.change.after_sensitive?.[a], { computedStrings: true }),
    );
    attributes.set(rc.address, values);
    const configAddress = `${rc.module_address}.${rc.type}.${rc.name}`;
    // `module.<name>:aws.<alias>` for the module's own configurations; a shared one is the root's.
    const alias = /^module\.[^:]+:aws\.(\w+)$/.exec(providerKey.get(configAddress) ?? "")?.[1];
    resources.push({
      module: rc.module_address,
      type: rc.type,
      name: rc.name,
      ...(alias ? { alias } : {}),
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

function stateDocument(resources: readonly StateResource[], ws: Workspace, terraformVersion: string, serial: number): Json {
  const grouped = new Map<string, Json>();
  for (const r of resources) {
    const key = `${r.module}.${r.type}.${r.name}`;
    const entry = grouped.get(key) ?? {
      module: r.module,
      mode: "managed",
      type: r.type,
      name: r.name,
      provider: ws.providerAddress(r),
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
  /** The root's aws provider alias each module uses, for the modules that share one. */
  private readonly sharedAlias = new Map<string, string>();

  constructor(modules: Record<string, Json>) {
    this.env = offlineTerraformEnv(this.dir);
    const shared = new Map<string, Json>();
    const calls: Record<string, Json> = {};
    for (const [name, json] of Object.entries(modules)) {
      mkdirSync(join(this.dir, name));
      const provider = shareableProvider(json);
      if (provider) {
        const key = JSON.stringify(provider);
        if (!shared.has(key)) shared.set(key, { ...provider, alias: `shared${shared.size}` });
        const alias = shared.get(key).alias;
        this.sharedAlias.set(`module.${name}`, alias);
        calls[name] = { source: `./${name}`, providers: { aws: `aws.${alias}` } };
      } else {
        calls[name] = { source: `./${name}` };
      }
      this.writeModule(name, json);
    }
    const root: Json = { module: calls };
    if (shared.size > 0) {
      root.terraform = { required_providers: { aws: { source: "hashicorp/aws" } } };
      root.provider = { aws: [...shared.values()] };
    }
    writeFileSync(join(this.dir, "main.tf.json"), JSON.stringify(root));
    this.terraform(["init", "-input=false", "-no-color"]);
  }

  /**
   * Writes (or rewrites, with the same provider configuration) child module `name`: a module given
   * a shared root configuration loses its own provider and backend, which mean something only in a root.
   */
  public writeModule(name: string, json: Json): void {
    if (this.sharedAlias.has(`module.${name}`)) {
      const { provider: _own, ...rest } = json;
      const { backend: _backend, ...terraform } = json.terraform ?? {};
      writeFileSync(join(this.dir, name, "cdk.tf.json"), JSON.stringify({ ...rest, terraform }));
    } else {
      writeFileSync(join(this.dir, name, "cdk.tf.json"), JSON.stringify(json));
      writeFileSync(join(this.dir, name, "zz_offline_override.tf.json"), JSON.stringify(offlineOverride(json, "unused.tfstate")));
    }
  }

  /** The root's aws provider alias a child module (`module.<name>`) was given, if it shares one. */
  public sharedProviderOf(module: string): string | undefined {
    return this.sharedAlias.get(module);
  }

  /** The provider a state records for a resource: the root's shared configuration, or the module's own. */
  public providerAddress(r: StateResource): string {
    const shared = this.sharedAlias.get(r.module);
    if (shared) return `${AWS}.${shared}`;
    return `${r.module}.${AWS}${r.alias ? `.${r.alias}` : ""}`;
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

const pendingIn = (plan: Json, isModule: (module: string) => boolean): Json[] =>
  plan.resource_changes.filter((rc: Json) => isModule(rc.module_address) && rc.change.actions.join() !== "no-op");

/**
 * Steps 1 and 2: the state of each base module from a plan against an empty state, rebuilt from a
 * second plan against it (which the combined plan then checks for no-ops).
 */
function prepareState(bases: Record<string, Json>): {
  resources: StateResource[];
  attributes: Map<string, Json>;
  terraformVersion: string;
} {
  const ws = new Workspace(bases);
  try {
    const fresh = ws.plan(undefined);
    const first = stateResources(fresh, new Map());
    const again = ws.plan(stateDocument(first.resources, ws, fresh.terraform_version, 1));
    const state = pendingIn(again, () => true).length === 0 ? first : stateResources(again, first.attributes);
    return { ...state, terraformVersion: fresh.terraform_version };
  } finally {
    ws.dispose();
  }
}

/** One edit: the stack after it, and which base stack's state it is planned against. */
export interface PlannedEdit {
  readonly base: string;
  readonly json: Json;
  /**
   * Changes made out of band after the apply: edits the edit's copy of its base's converged state
   * (resource instances by type and name) before the plan. An edit with changes out of band is
   * planned whole. @default - the converged state as is
   */
  readonly outOfBand?: (resources: ReadonlyArray<{ readonly type: string; readonly name: string; readonly attributes: Json }>) => void;
  /**
   * Plan every resource of the stack, the no-ops too (`planOf` needs it), instead of only those the
   * edit can change (prune.ts). @default false
   */
  readonly whole?: boolean;
}

const baseModule = (name: string) => `base_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
const editModule = (id: string) => `edit_${id.replace(/[^A-Za-z0-9_]/g, "_")}`;
/** `CHANGE_SAFETY_PRUNE=0` plans every edit whole (to compare, or to rule the cut out). */
const pruning = () => process.env.CHANGE_SAFETY_PRUNE !== "0";

/**
 * Each edit's module and its copy of its base's state, from the bases' state `resources`: cut down
 * to what the edit can change (prune.ts) unless it is whole or changed out of band.
 */
function editModules(
  bases: Record<string, Json>,
  edits: Record<string, PlannedEdit>,
  resources: readonly StateResource[],
  attributes: ReadonlyMap<string, Json>,
): { modules: Record<string, Json>; copies: StateResource[]; whole: Set<string> } {
  const modules: Record<string, Json> = {};
  const copies: StateResource[] = [];
  const whole = new Set<string>();
  for (const [id, edit] of Object.entries(edits)) {
    const from = `module.${baseModule(edit.base)}`;
    const cut =
      edit.whole || edit.outOfBand || !pruning()
        ? undefined
        : pruneEdit(bases[edit.base], edit.json, (node, attribute) => attributes.get(`${from}.${node}`)?.[attribute]);
    if (!cut) whole.add(id);
    modules[editModule(id)] = cut?.json ?? edit.json;
    const configured = (r: StateResource) => Boolean(edit.json.resource?.[r.type]?.[r.name]);
    const copy = resources
      .filter((r) => r.module === from && (!cut || cut.kept.has(`${r.type}.${r.name}`) || !configured(r)))
      .map((r) => ({
        ...r,
        module: `module.${editModule(id)}`,
        attributes: edit.outOfBand ? structuredClone(r.attributes) : r.attributes,
      }));
    edit.outOfBand?.(copy);
    copies.push(...copy);
  }
  return { modules, copies, whole };
}

/**
 * Plans every edit against the converged state of its base in one run (step 3): the combined plan,
 * the bases and each edit a child module. Fails unless the bases plan as all no-ops. Returns the
 * plan, the root provider alias each edit module shared and the edits planned whole.
 */
function planAll(
  bases: Record<string, Json>,
  edits: Record<string, PlannedEdit>,
): { plan: Json; sharedProvider: (id: string) => string | undefined; whole: ReadonlySet<string> } {
  const baseModules = Object.fromEntries(Object.entries(bases).map(([n, json]) => [baseModule(n), json]));
  const prepared = prepareState(baseModules);
  let { resources, attributes } = prepared;
  const isBase = (module: string) => Object.keys(bases).some((n) => module === `module.${baseModule(n)}`);
  let edited = editModules(bases, edits, resources, attributes);
  const ws = new Workspace({ ...baseModules, ...edited.modules });
  const sharedProvider = (id: string) => ws.sharedProviderOf(`module.${editModule(id)}`);
  try {
    for (let round = 2; ; round++) {
      const plan = ws.plan(stateDocument([...resources, ...edited.copies], ws, prepared.terraformVersion, round));
      const pending = pendingIn(plan, isBase);
      if (pending.length === 0) return { plan, sharedProvider, whole: edited.whole };
      if (round === MAX_ROUNDS)
        throw new Error(`state did not converge: ${pending.map((rc: Json) => `${rc.address} ${rc.change.actions}`).join(", ")}`);
      ({ resources, attributes } = stateResources(plan, attributes, isBase));
      // The cut reads the state: what it keeps and the values it writes in may differ now.
      edited = editModules(bases, edits, resources, attributes);
      for (const [name, json] of Object.entries(edited.modules)) ws.writeModule(name, json);
    }
  } finally {
    ws.dispose();
  }
}

/** What the plan of every edit against the converged state of its base did. */
export interface PlannedEdits {
  /** By edit id: what the plan creates, updates, replaces, deletes and moves. */
  readonly outcomes: Record<string, EditOutcome>;
  /** One edit's plan, as `terraform show -json` would print it for the stack alone (edits planned `whole` only). */
  planOf(id: string): PlanJson;
  /** How many resources one edit's plan holds (fewer than the stack's unless it is planned whole). */
  resourcesPlanned(id: string): number;
}

/**
 * Plans every edit against the converged state of its base, all in the same three Terraform plans
 * (one set of bases and edits per suite: each plan pays a provider start and schema load, ~2 s CPU).
 */
export function planEdits(bases: Record<string, Json>, edits: Record<string, PlannedEdit>): PlannedEdits {
  const { plan, sharedProvider, whole } = planAll(bases, edits);
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
  return {
    outcomes,
    resourcesPlanned: (id) => plan.resource_changes.filter((c: Json) => c.module_address === `module.${editModule(id)}`).length,
    planOf: (id) => {
      if (!(id in edits)) throw new Error(`no edit "${id}" was planned`);
      if (!whole.has(id)) throw new Error(`edit "${id}" was planned cut down to what it can change: plan it with whole: true`);
      // A module given a shared root configuration gets it back as its own `aws` configuration.
      return planOfModule(plan, editModule(id), sharedProvider(id));
    },
  };
}
