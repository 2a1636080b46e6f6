/**
 * Plans against a prior state with the real hashicorp/aws provider and no AWS account: the state an
 * apply would have left is built from the plans themselves (see {@link convergedState}), so a test
 * can change that state (an out-of-band deployment) or the configuration (an edit) and plan again.
 * Used by the plan-review fixture generator and the change-safety tests.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findProviderMirror } from "../../src/terraform";
import { offlineOverride } from "../../src/terraform/offline-check";
import { cliConfig } from "../../src/terraform/provider-mirror";

type Json = any;

/**
 * Writes a CLI config that points at the provider mirror into `dir` and returns the environment Terraform
 * runs with there: no AWS credentials or `TF_VAR_`s from the caller, no checkpoint calls, no metadata service.
 */
export function offlineTerraformEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("AWS_") || key.startsWith("TF_VAR_")) delete env[key];
  writeFileSync(join(dir, ".terraformrc"), cliConfig(findProviderMirror()));
  return {
    ...env,
    TF_CLI_CONFIG_FILE: join(dir, ".terraformrc"),
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** Runs `terraform <args>` in `dir`; a failure throws Terraform's diagnostics, without the configuration it echoes back. */
export function runTerraform(dir: string, env: NodeJS.ProcessEnv, args: string[]): string {
  try {
    return execFileSync("terraform", args, { cwd: dir, env, maxBuffer: 1024 * 1024 * 1024, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message);
    const diagnostics = stderr
      .split("\n")
      .filter((line) => line.length < 400)
      .join("\n");
    throw new Error(`terraform ${args[0]} failed:\n${diagnostics.slice(0, 8000)}`);
  }
}

export class Workspace {
  public readonly dir = mkdtempSync(join(tmpdir(), "prior-state-"));
  public readonly statePath = join(this.dir, "fixture.tfstate");
  private readonly env = offlineTerraformEnv(this.dir);

  public terraform(args: string[]): string {
    return runTerraform(this.dir, this.env, args);
  }

  public plan(config: string): Json {
    writeFileSync(join(this.dir, "cdk.tf.json"), config);
    writeFileSync(join(this.dir, "zz_offline_override.tf.json"), JSON.stringify(offlineOverride(JSON.parse(config), this.statePath)));
    if (!this.initialized) {
      this.terraform(["init", "-input=false", "-no-color"]);
      this.initialized = true;
    }
    this.terraform(["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=fixture.tfplan"]);
    return JSON.parse(this.terraform(["show", "-json", "fixture.tfplan"]));
  }

  private initialized = false;
}

/** AWS's id prefixes, where the provider checks a referenced id's shape. */
const ID_PREFIXES: Record<string, string> = {
  aws_vpc: "vpc",
  aws_subnet: "subnet",
  aws_security_group: "sg",
  aws_default_security_group: "sg",
  aws_internet_gateway: "igw",
  aws_nat_gateway: "nat",
  aws_eip: "eipalloc",
  aws_route_table: "rtb",
  aws_vpc_endpoint: "vpce",
  aws_launch_template: "lt",
  aws_efs_file_system: "fs",
  aws_flow_log: "fl",
  aws_vpc_security_group_ingress_rule: "sgr",
  aws_vpc_security_group_egress_rule: "sgr",
};

/** How {@link fakeValue} fakes what only an apply would know. */
export interface FakeOptions {
  /**
   * Also fake other computed strings that references or templates use (a queue URL, a key id, a DNS
   * name), instead of leaving them null.
   */
  readonly computedStrings?: boolean;
}

/** A stand-in for a value only an apply would know: ids and ARNs get fakes (Terraform treats a null id as no resource), the rest stays null. */
export function fakeValue(type: string, name: string, attribute: string, after: Json, shape: Json, options: FakeOptions = {}): Json {
  // A null computed collection is planned as unknown again on every plan: give it an empty one.
  if (Array.isArray(shape)) return [];
  if (shape && typeof shape === "object") return {};
  const short = type.replace(/^aws_/, "");
  if (options.computedStrings && /(^|_)(url|dns_name|zone_id|key_id|name)$/.test(attribute))
    return `${short.replace(/_/g, "-")}-${attribute}-${hash(name)}`;
  if (attribute === "id")
    return ID_PREFIXES[type] ? `${ID_PREFIXES[type]}-0${hash(name)}${hash(type)}` : `${short.replace(/_/g, "-")}-${hash(name)}`;
  if (attribute === "arn") {
    if (type === "aws_ecs_task_definition") return `arn:aws:ecs:eu-west-1:111111111111:task-definition/${after.family}:1`;
    return `arn:aws:${short.split("_")[0]}:eu-west-1:111111111111:${short}/${name}`;
  }
  return null;
}

function hash(text: string): string {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/** `after` with each unknown taken from `prior` (when the resource already has a state) or faked. */
export function settle(after: Json, unknown: Json, prior: Json, fakeTop: (attribute: string) => Json, depth = 0, key = ""): Json {
  if (unknown === true) return prior !== undefined && prior !== null ? prior : depth === 1 ? fakeTop(key) : null;
  if (Array.isArray(unknown)) {
    const length = Math.max(unknown.length, Array.isArray(after) ? after.length : 0);
    if (!Array.isArray(after) && length === 0) return after;
    return Array.from({ length }, (_, i) => settle(after?.[i], unknown[i], prior?.[i], fakeTop, depth + 1));
  }
  if (unknown && typeof unknown === "object") {
    if (after === null || after === undefined) return after ?? null;
    const out: Json = {};
    for (const k of new Set([...Object.keys(after), ...Object.keys(unknown)]))
      out[k] = settle(after[k], unknown[k], prior?.[k], fakeTop, depth + 1, k);
    return out;
  }
  return after === undefined ? null : after;
}

export function stateFrom(plan: Json, prior: Map<string, Json>, serial: number): { state: Json; attributes: Map<string, Json> } {
  const schemaVersions = new Map<string, number>(plan.configuration.root_module.resources.map((r: Json) => [r.address, r.schema_version]));
  const attributes = new Map<string, Json>();
  const resources = new Map<string, Json>();
  for (const rc of plan.resource_changes) {
    if (rc.mode !== "managed") continue;
    const configAddress = `${rc.type}.${rc.name}`;
    const values = settle(
      rc.change.after,
      rc.change.after_unknown,
      prior.get(rc.address),
      (a) => fakeValue(rc.type, rc.name, a, rc.change.after, rc.change.after_sensitive?.[a]),
      0,
    );
    attributes.set(rc.address, values);
    const resource = resources.get(configAddress) ?? {
      mode: "managed",
      type: rc.type,
      name: rc.name,
      provider: `provider["${rc.provider_name}"]`,
      instances: [],
    };
    resource.instances.push({
      ...(rc.index !== undefined ? { index_key: rc.index } : {}),
      schema_version: schemaVersions.get(configAddress) ?? 0,
      attributes: values,
      sensitive_attributes: [],
    });
    resources.set(configAddress, resource);
  }
  const state = {
    version: 4,
    terraform_version: plan.terraform_version,
    serial,
    lineage: "00000000-0000-4000-8000-000000000000",
    outputs: {},
    resources: [...resources.values()],
    check_results: null,
  };
  return { state, attributes };
}

/**
 * Plans `config` against an empty state, writes every planned resource into a state (format v4) with
 * unknown ids and ARNs faked, and plans again with `-refresh=false` until the plan is all no-ops:
 * the state is then what an apply of `config` would have left, up to ids. Returns the state.
 */
export function convergedState(ws: Workspace, config: string, maxRounds = 10): { state: Json; fresh: Json; rounds: number } {
  const fresh = ws.plan(config);
  let { state, attributes } = stateFrom(fresh, new Map(), 1);
  for (let round = 1; ; round++) {
    writeFileSync(ws.statePath, JSON.stringify(state, null, 1));
    const replan = ws.plan(config);
    const pending = replan.resource_changes.filter((rc: Json) => rc.change.actions.join() !== "no-op");
    if (pending.length === 0) return { state, fresh, rounds: round };
    if (round === maxRounds)
      throw new Error(`state did not converge: ${pending.map((rc: Json) => `${rc.address} ${rc.change.actions}`).join(", ")}`);
    ({ state, attributes } = stateFrom(replan, attributes, round + 1));
  }
}
