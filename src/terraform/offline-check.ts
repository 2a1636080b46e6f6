import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { CommandError, runCommand } from "./command";
import { crossStackInputs, feedCrossStackInputs, withProducers } from "./cross-stack";
import type { PlanJson } from "./plan-json";
import { cliConfig, findProviderMirror } from "./provider-mirror";

/** The Terraform commands an offline check runs, in order; `show` turns the saved plan into JSON. */
export type CheckStage = "init" | "validate" | "plan" | "show";

/** A stage failed; `output` is Terraform's own error text. */
export class TerraformCheckError extends Error {
  constructor(
    /** The stack directory's name (`dev`), or the stacks of a combined run joined by commas. */
    public readonly stackName: string,
    /** The command that failed; `init` also covers a stack directory with no `cdk.tf.json`. */
    public readonly stage: CheckStage,
    /** Terraform's stderr and stdout, unchanged, for the reader to act on. */
    public readonly output: string,
  ) {
    super(`terraform ${stage} failed for stack "${stackName}":\n${output.trim()}`);
    this.name = "TerraformCheckError";
  }
}

/** What {@link checkStackOffline} checks and with which Terraform. */
export interface OfflineCheckOptions {
  /** A synthesized stack directory, e.g. `cdktf.out/stacks/dev` (holds `cdk.tf.json`). */
  readonly stackDir: string;
  /**
   * Run `terraform plan -refresh=false` and return its JSON; `plan` validates the configuration
   * first, so an invalid one fails in the `plan` stage. `false` runs `terraform validate` only.
   * @default true
   */
  readonly plan?: boolean;
  /** The Terraform binary. @default - `$TERRAFORM_BINARY`, else `terraform` on the PATH */
  readonly terraformBinary?: string;
  /** Provider mirror directory. @default - `findProviderMirror()`: `$TF_PROVIDER_MIRROR` or one found on the machine */
  readonly providerMirror?: string;
  /** Keep the working copy (for debugging) instead of deleting it. @default false */
  readonly keepWorkDir?: boolean;
  /**
   * A committed `.terraform.lock.hcl` holding the provider checksums. When given, `terraform init`
   * runs with `-lockfile=readonly`: a provider whose checksum is not in the file (a tampered mirror,
   * another version) fails the `init` stage instead of being installed and trusted.
   * @default - no lock file: Terraform picks the newest version allowed and records what it got
   */
  readonly lockFile?: string;
}

/** The outcome of a passing offline check (a failing one throws {@link TerraformCheckError}). */
export interface OfflineCheckResult {
  /** The stack directory's name, e.g. `dev`. */
  readonly stack: string;
  /** `terraform show -json` of the plan, when planned. */
  readonly plan?: TerraformPlanJson;
  /** Seconds spent in each stage. */
  readonly timings: Partial<Record<CheckStage, number>>;
  /** Where the working copy is, when kept. */
  readonly workDir?: string;
}

/**
 * `terraform show -json` of a plan: the one plan type, {@link PlanJson}, under the name this module
 * has always exported it by.
 */
export type TerraformPlanJson = PlanJson;

/** Credentials and `skip_*` settings that let the aws provider configure with no network or account. */
export const OFFLINE_AWS_PROVIDER_SETTINGS = {
  access_key: "offline-check",
  secret_key: "offline-check",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
  // An assume_role block would call STS while configuring. An override cannot delete a nested
  // block, but it replaces it, and the provider skips assume_role when role_arn is empty.
  assume_role: [{ role_arn: "" }],
  // With no account id to compare against, these checks would always fail; null unsets them.
  allowed_account_ids: null,
  forbidden_account_ids: null,
} as const;

/**
 * Builds the `*_override.tf.json` written beside the stack's copy: a local backend instead of the
 * stack's own, and offline settings for every aws provider configuration (each alias).
 */
export function offlineOverride(stackJson: { provider?: Record<string, unknown> }, statePath: string): object {
  const aws = stackJson.provider?.aws;
  const configs = Array.isArray(aws) ? aws : aws ? [aws] : [{}];
  return {
    terraform: { backend: { local: { path: statePath } } },
    provider: {
      aws: configs.map((config: { alias?: string }) => ({
        ...(config.alias ? { alias: config.alias } : {}),
        ...OFFLINE_AWS_PROVIDER_SETTINGS,
      })),
    },
  };
}

/** Environment for every terraform call: our CLI config, no telemetry, no real credentials or profile. */
function terraformEnv(cliConfigPath: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith("AWS_") || key.startsWith("TF_VAR_")) delete env[key];
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfigPath,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** Copies a synthesized stack into `dest` with the offline override beside it. */
function prepareStackCopy(stackDir: string, dest: string): void {
  const stackFile = join(stackDir, "cdk.tf.json");
  if (!existsSync(stackFile)) {
    throw new TerraformCheckError(basename(stackDir), "init", `no cdk.tf.json in ${stackDir}: synthesize the stack first`);
  }
  cpSync(stackDir, dest, {
    recursive: true,
    filter: (src) => !src.startsWith(join(stackDir, ".terraform")) && !src.endsWith(".tfstate"),
  });
  const stackJson = JSON.parse(readFileSync(stackFile, "utf8"));
  writeFileSync(join(dest, OVERRIDE_FILE), JSON.stringify(offlineOverride(stackJson, join(dest, "offline.tfstate")), null, 2));
}

/** The override file {@link prepareStackCopy} writes beside a stack's copy. */
const OVERRIDE_FILE = "zz_offline_check_override.tf.json";

/**
 * The aws provider configuration a stack's copy plans with (its own block as the offline override
 * leaves it: each argument and block the override names replaces the stack's), when the stack has
 * exactly one aws configuration, without alias, and no other provider, and it refers to nothing in
 * the stack. A combined run declares such a configuration once in the root for every stack that has
 * the same one: each provider configuration is a provider process in every Terraform command (about
 * a second of CPU each), and most module stacks share one. Undefined when the stack keeps its own.
 * The change-safety harness shares configurations the same way.
 * @internal
 */
export function shareableProvider(stackJson: { provider?: Record<string, unknown> }): Record<string, unknown> | undefined {
  const aws = stackJson.provider?.aws;
  const configs = (Array.isArray(aws) ? aws : aws ? [aws] : []) as Array<Record<string, unknown>>;
  if (configs.length !== 1 || configs[0].alias !== undefined || Object.keys(stackJson.provider ?? {}).length !== 1) return undefined;
  // An override replaces each argument and block it names; a null argument is unset.
  const merged = Object.fromEntries(Object.entries({ ...configs[0], ...OFFLINE_AWS_PROVIDER_SETTINGS }).filter(([, v]) => v !== null));
  return JSON.stringify(merged).includes("${") ? undefined : merged;
}

interface RunOptions {
  readonly name: string;
  readonly workDir: string;
  readonly plan: boolean;
  readonly binary: string;
  readonly mirror: string | undefined;
  readonly lockFile: string | undefined;
}

/** init, then plan + show -json (plan validates first), or only validate, in `workDir`. */
async function runChecks(o: RunOptions): Promise<{ plan?: TerraformPlanJson; timings: Partial<Record<CheckStage, number>> }> {
  const cliConfigPath = join(o.workDir, ".terraformrc");
  writeFileSync(cliConfigPath, cliConfig(o.mirror));
  const env = terraformEnv(cliConfigPath);
  const timings: Partial<Record<CheckStage, number>> = {};
  const step = async (stage: CheckStage, args: string[]): Promise<string> => {
    const started = performance.now();
    try {
      return await runCommand(o.binary, args, { cwd: o.workDir, env, maxBuffer: 1024 * 1024 * 1024 });
    } catch (error) {
      throw new TerraformCheckError(o.name, stage, (error as CommandError).output);
    } finally {
      timings[stage] = (performance.now() - started) / 1000;
    }
  };
  const lockArgs: string[] = [];
  if (o.lockFile !== undefined) {
    if (!existsSync(o.lockFile)) {
      throw new TerraformCheckError(o.name, "init", `the lock file ${o.lockFile} does not exist`);
    }
    cpSync(o.lockFile, join(o.workDir, ".terraform.lock.hcl"));
    lockArgs.push("-lockfile=readonly");
  }
  await step("init", ["init", "-input=false", "-no-color", "-backend=true", ...lockArgs]);
  if (!o.plan) {
    await step("validate", ["validate", "-no-color"]);
    return { timings };
  }
  // `plan` validates the configuration first and fails with the same diagnostics, so a separate
  // `validate` would only load the provider schema and walk the configuration once more
  // (12.5 s of a 47 s combined run over the suite's stacks).
  await step("plan", ["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=offline.tfplan"]);
  const shown = await step("show", ["show", "-json", "offline.tfplan"]);
  return { plan: JSON.parse(shown) as TerraformPlanJson, timings };
}

/**
 * Runs `terraform init`, then `plan -refresh=false` + `show -json` (or, with `plan: false`, `validate`) on a
 * temporary copy of a synthesized stack, with a local backend and mock credentials, so it needs
 * no network (given a provider mirror) and no AWS account, and leaves the real backend untouched.
 */
export async function checkStackOffline(options: OfflineCheckOptions): Promise<OfflineCheckResult> {
  const stackDir = resolve(options.stackDir);
  const stack = basename(stackDir);
  const workDir = mkdtempSync(join(tmpdir(), `tf-check-${stack}-`));
  try {
    prepareStackCopy(stackDir, workDir);
    const { plan, timings } = await runChecks({
      name: stack,
      workDir,
      plan: options.plan ?? true,
      binary: options.terraformBinary ?? process.env.TERRAFORM_BINARY ?? "terraform",
      mirror: options.providerMirror ?? findProviderMirror(),
      lockFile: options.lockFile,
    });
    return { stack, plan, timings, workDir: options.keepWorkDir ? workDir : undefined };
  } finally {
    if (!options.keepWorkDir) rmSync(workDir, { recursive: true, force: true });
  }
}

/** Options for {@link checkStacksOffline}: those of a single check, less the directory, plus how to batch. */
export interface CheckStacksOptions extends Omit<OfflineCheckOptions, "stackDir"> {
  /**
   * `combined` checks every stack in one Terraform run, each stack a child module of one root:
   * the provider schema loads once per command instead of once per stack (three stacks: 14 s
   * instead of 36 s here). When the combined run fails, stacks are checked alone so the error
   * names its stack: first those whose files Terraform's diagnostics cite, every stack only if
   * none is cited or the cited ones pass alone. `separate` checks one stack per run,
   * `concurrency` at a time.
   * @default "combined"
   */
  readonly mode?: "combined" | "separate";
  /** Stacks checked at once in `separate` mode (terraform is CPU-bound). @default 2 */
  readonly concurrency?: number;
}

/**
 * Checks several stacks; results are in the order of `stackDirs`, each plan as if planned alone.
 * A stack that reads another stack's outputs (a cdktf cross-stack reference, i.e. a
 * `terraform_remote_state` input) is planned in one run with that producer, found beside it in
 * `cdktf.out/stacks/`, which feeds it the producer's outputs (see `cross-stack.ts`); results are
 * returned for the requested stacks only.
 */
export async function checkStacksOffline(stackDirs: readonly string[], options: CheckStacksOptions = {}): Promise<OfflineCheckResult[]> {
  return checkStacks(stackDirs, options, true);
}

async function checkStacks(stackDirs: readonly string[], options: CheckStacksOptions, fallback: boolean): Promise<OfflineCheckResult[]> {
  let dirs: string[];
  try {
    dirs = withProducers(stackDirs);
  } catch (error) {
    throw new TerraformCheckError(stackDirs.map((d) => basename(resolve(d))).join(","), "init", (error as Error).message);
  }
  const crossStack = dirs.length > stackDirs.length || dirs.some((d) => crossStackInputs(readStackJson(d)).length > 0);
  if (!crossStack && ((options.mode ?? "combined") === "separate" || stackDirs.length < 2)) return checkSeparately(stackDirs, options);
  const names = dirs.map((d) => basename(d));
  const workDir = mkdtempSync(join(tmpdir(), "tf-check-combined-"));
  try {
    const modules: Record<string, Record<string, unknown>> = {};
    // Identical provider configurations, declared once in the root: by their JSON, with their alias.
    const shared = new Map<string, Record<string, unknown>>();
    const sharedAliases = new Map<string, string>();
    let sharedConstraint: string | undefined;
    // Read every stack before any is fed: a consumer reads its producers' outputs from their copies.
    dirs.forEach((dir, i) => prepareStackCopy(dir, join(workDir, names[i])));
    dirs.forEach((_dir, i) => {
      const dest = join(workDir, names[i]);
      const fed = feedCrossStackInputs(readStackJson(dest), (producer) => readStackJson(join(workDir, producer)), moduleName);
      // The root states one version constraint for its configurations: the first sharing stack's.
      const constraint = (fed.stackJson.terraform as { required_providers?: { aws?: { version?: string } } } | undefined)
        ?.required_providers?.aws?.version;
      if (shared.size === 0) sharedConstraint = constraint;
      const provider = constraint === sharedConstraint ? shareableProvider(fed.stackJson) : undefined;
      const call: Record<string, unknown> = { source: `./${names[i]}`, ...fed.moduleArguments };
      if (provider) {
        const key = JSON.stringify(provider);
        if (!shared.has(key)) shared.set(key, { ...provider, alias: `shared${shared.size}` });
        const alias = shared.get(key)!.alias as string;
        sharedAliases.set(names[i], alias);
        call.providers = { aws: `aws.${alias}` };
      }
      modules[moduleName(names[i])] = call;
      if (provider || Object.keys(fed.moduleArguments).length > 0) {
        const stackJson = { ...fed.stackJson };
        if (provider) {
          // The root's configuration replaces the stack's own and its override's (which also held
          // the local backend: a child module's backend means nothing, so it goes too).
          delete stackJson.provider;
          if (stackJson.terraform) {
            const { backend: _backend, ...terraform } = stackJson.terraform as Record<string, unknown>;
            stackJson.terraform = terraform;
          }
          rmSync(join(dest, OVERRIDE_FILE));
        }
        writeFileSync(join(dest, "cdk.tf.json"), JSON.stringify(stackJson, null, 2));
      }
    });
    // Child modules may not hold backends; the override files already make each one local (or the
    // stack's copy plans with the root's provider, without its override), and Terraform only warns
    // that it ignores them.
    const root: Record<string, unknown> = { module: modules };
    if (shared.size > 0) {
      root.terraform = {
        required_providers: { aws: { source: "hashicorp/aws", ...(sharedConstraint ? { version: sharedConstraint } : {}) } },
      };
      root.provider = { aws: [...shared.values()] };
    }
    writeFileSync(join(workDir, "main.tf.json"), JSON.stringify(root, null, 2));
    let combined: { plan?: TerraformPlanJson; timings: Partial<Record<CheckStage, number>> };
    try {
      combined = await runChecks({
        name: names.join(","),
        workDir,
        plan: options.plan ?? true,
        binary: options.terraformBinary ?? process.env.TERRAFORM_BINARY ?? "terraform",
        mirror: options.providerMirror ?? findProviderMirror(),
        lockFile: options.lockFile,
      });
    } catch (error) {
      if (!(error instanceof TerraformCheckError) || !fallback) throw error;
      // Each stack on its own, so the error names its stack and is Terraform's text for it alone:
      // first the stacks the diagnostics point at (each stack is a folder of the combined root),
      // which usually fail again; every stack only if they pass or none is named.
      const named = stacksNamedIn(error.output, names);
      const suspects = stackDirs.filter((dir) => named.includes(basename(resolve(dir))));
      if (suspects.length > 0 && suspects.length < stackDirs.length) await checkSeparately(suspects, options);
      return checkSeparately(stackDirs, options);
    }
    return stackDirs.map((dir) => {
      const stack = basename(resolve(dir));
      const plan = combined.plan ? planOfModule(combined.plan, moduleName(stack), sharedAliases.get(stack)) : undefined;
      return { stack, plan, timings: combined.timings };
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The stacks whose files a combined run's diagnostics cite (`on <stack>/cdk.tf.json line 3`). */
function stacksNamedIn(output: string, names: readonly string[]): string[] {
  const cited = new Set([...output.matchAll(/\bon ([^\s/]+)\/[^\s/]+ line \d+/g)].map((m) => m[1]));
  return names.filter((name) => cited.has(name));
}

function readStackJson(stackDir: string): any {
  const file = join(stackDir, "cdk.tf.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
}

/** One stack per run; a stack that reads other stacks' outputs is checked together with them. */
async function checkSeparately(stackDirs: readonly string[], options: CheckStacksOptions): Promise<OfflineCheckResult[]> {
  const results: OfflineCheckResult[] = new Array(stackDirs.length);
  let next = 0;
  const worker = async () => {
    while (next < stackDirs.length) {
      const i = next++;
      const dir = stackDirs[i];
      results[i] =
        crossStackInputs(readStackJson(resolve(dir))).length > 0
          ? (await checkStacks([dir], options, false))[0]
          : await checkStackOffline({ ...options, stackDir: dir });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return results;
}

function moduleName(stack: string): string {
  return stack.replace(/[^a-zA-Z0-9_-]/g, "_");
}

/**
 * The part of a combined plan that belongs to one child module, with addresses as if it were the root.
 * `sharedProvider` names the root's aws provider alias the module was given instead of its own
 * configuration; it becomes the module's `aws` configuration.
 */
export function planOfModule(plan: TerraformPlanJson, module: string, sharedProvider?: string): TerraformPlanJson {
  const moduleAddress = `module.${module}`;
  const strip = <T extends { address: string; module_address?: string }>(items: readonly T[] | undefined): T[] =>
    (items ?? [])
      .filter((item) => item.module_address === moduleAddress || item.module_address?.startsWith(`${moduleAddress}.`))
      .map((item) => {
        const nested = item.module_address === moduleAddress ? undefined : item.module_address?.slice(moduleAddress.length + 1);
        const { module_address, ...rest } = item;
        const inModule = (address: string) => address.slice(moduleAddress.length + 1);
        // A moved resource's old address is in the module too (`moved` blocks cannot cross modules here).
        const previous = (item as { previous_address?: string }).previous_address;
        return {
          ...rest,
          address: inModule(item.address),
          ...(previous?.startsWith(`${moduleAddress}.`) ? { previous_address: inModule(previous) } : {}),
          ...(nested ? { module_address: nested } : {}),
        } as T;
      });
  const root = (plan.planned_values as { root_module?: { child_modules?: Array<{ address: string }> } } | undefined)?.root_module;
  const child = root?.child_modules?.find((m) => m.address === moduleAddress);
  const config = plan.configuration;
  // Provider configurations of the module are keyed `module.<name>:<provider>` in a combined plan;
  // a shared one is the root's `aws.<alias>`.
  const providerConfig = Object.fromEntries(
    Object.entries(config?.provider_config ?? {})
      .filter(([key]) => key.startsWith(`${moduleAddress}:`) || (sharedProvider !== undefined && key === `aws.${sharedProvider}`))
      .map(([key, value]) => {
        if (key.startsWith(`${moduleAddress}:`)) {
          const { module_address, ...rest } = value;
          return [key.slice(moduleAddress.length + 1), rest];
        }
        const { alias, ...rest } = value as typeof value & { alias?: string };
        return ["aws", rest];
      }),
  );
  // Resources of a module given a shared configuration name the root's; as planned alone, the module's own.
  const moduleConfig = config?.root_module?.module_calls?.[module]?.module ?? {};
  const ownConfig =
    sharedProvider === undefined
      ? moduleConfig
      : JSON.parse(JSON.stringify(moduleConfig), (key, value) =>
          key === "provider_config_key" && value === `aws.${sharedProvider}` ? `${moduleAddress}:aws` : value,
        );
  return {
    ...plan,
    resource_changes: strip(plan.resource_changes),
    resource_drift: strip(plan.resource_drift),
    planned_values: { root_module: child ?? {} },
    // The module's own configuration (resource expressions and references) becomes the root's.
    configuration: { provider_config: providerConfig, root_module: ownConfig },
  };
}
