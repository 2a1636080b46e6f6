/**
 * `plan-review [stacks...] [--offline] [--out <dir>] [--fail-on-destroy] [--prices <file>]`:
 * synthesizes the app, plans each stack (with its real backend and credentials, or offline),
 * and writes `report.md`, `comment.md`, `summary.json` and the plan files to the output directory.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs as parseCommandLine, type ParseArgsConfig } from "node:util";
import { isRegion } from "../core/arn";
import { ValidationError, ValidationIssue } from "../core/errors";
import { CommandError, runCommand } from "../terraform/command";
import { checkStackOffline, TerraformCheckError } from "../terraform/offline-check";
import { constructPathsFromSynth } from "./changes";
import { readStackBase } from "./baseline";
import { checkPlanJson, PlanJson } from "./plan";
import { POLICY_REPORT_FILE, POLICY_SARIF_FILE, PolicyReport, readPolicyReport, summarizePolicy } from "./policy";
import { DEFAULT_PRICE_TABLE_PATH, loadPriceTable, PriceTable } from "./prices";
import { renderJson } from "./render-json";
import { renderMarkdown, truncateForComment } from "./render-markdown";
import { EXIT_USAGE, gate, reviewPlan, StackReviewResult } from "./review";

export const USAGE = `Usage: plan-review [stack ...] [options]

Synthesizes the cdktf app, plans each stack, and writes one Markdown report for all stacks.

  stack ...            stacks to review (default: every synthesized stack)
  --offline            plan with mock credentials and a local empty state (terraform plan -refresh=false)
  --out <dir>          output directory (default: plan-review)
  --fail-on-destroy    exit non-zero when a protected resource would be deleted or replaced
  --prices <file>      price table (default: the shipped pricing/aws-prices.json)
  --region <region>    price in this region (default: each plan's aws provider region)
  --no-refresh         real plans only: skip refresh (no drift detection)
  --no-lock            real plans only: do not take the state lock (read-only roles, pull request plans)
  --synth-dir <dir>    use an existing synthesized output instead of synthesizing
  --base-addresses <dir>  offline: compare with pinned address lists (<dir>/<stack>.txt) and report
                       the addresses the change removes or renames
  --base-synth <dir>   offline: compare with the base branch's synthesized output (<dir>/stacks/<name>/)
                       and report removed and renamed addresses and name collisions
  -h, --help           this text

Exit code: the sum of 1 (a plan failed), 2 (an unsuppressed policy error), 4 (--fail-on-destroy
and a protected resource destroyed), 8 (a resource renamed without a move, or a name collision);
64 for bad arguments.`;

/** The command line, parsed: what {@link runPlanReview} does. */
export interface CliOptions {
  /** Stacks to review; empty reviews every synthesized stack. */
  readonly stacks: readonly string[];
  /** Plan with the offline check (mock credentials, empty local state, `-refresh=false`). */
  readonly offline: boolean;
  /** Where the report, summary and plan files are written. */
  readonly outDir: string;
  /** Exit non-zero when a protected resource would be deleted or replaced. */
  readonly failOnDestroy: boolean;
  /** The price table file. */
  readonly pricesFile: string;
  /** The region to price in. @default - each plan's aws provider region */
  readonly region?: string;
  /** Real plans only: refresh (and so detect drift). */
  readonly refresh: boolean;
  /** Real plans only: take the state lock; false for roles that can only read the state (`-lock=false`). */
  readonly lock: boolean;
  /** An existing cdktf output directory (holding `stacks/<name>/cdk.tf.json`). @default - synthesize into `<outDir>/cdktf.out` */
  readonly synthDir?: string;
  /**
   * Offline only: what the stacks looked like before this change, to report the addresses it removes
   * or renames and the names it would collide with (an empty state shows none). @default - no comparison
   */
  readonly base?: BaseSource;
  /** Print the usage text and do nothing else. */
  readonly help: boolean;
}

/** Where an offline review finds the addresses (and, from a synthesized output, the names) the stacks had before. */
export interface BaseSource {
  /** `addresses`: a directory of pinned lists, `<stack>.txt`, one address per line; `synth`: a cdktf output (`stacks/<name>/cdk.tf.json`). */
  readonly kind: "addresses" | "synth";
  /** The directory. */
  readonly dir: string;
}

/** The options {@link parseArgs} knows: each flag, whether it takes a value, and its short alias. */
const OPTIONS = {
  offline: { type: "boolean" },
  out: { type: "string" },
  "fail-on-destroy": { type: "boolean" },
  prices: { type: "string" },
  region: { type: "string" },
  "no-refresh": { type: "boolean" },
  "no-lock": { type: "boolean" },
  "synth-dir": { type: "string" },
  "base-addresses": { type: "string" },
  "base-synth": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

/** Every option {@link parseArgs} knows, as written on the command line. */
export const CLI_OPTIONS: readonly string[] = Object.keys(OPTIONS).map((name) => `--${name}`);

/**
 * Bad arguments (or a price table or `cdktf.json` the review cannot use): a {@link ValidationError}
 * in the library's uniform format, which `main` turns into exit code 64 with the usage text.
 */
export class UsageError extends ValidationError {
  /** `where` is what the message names first: the CLI itself, or the file at fault. */
  constructor(issue: ValidationIssue, where = "plan-review") {
    super(where, issue);
    this.name = "UsageError";
  }
}

/**
 * Parses the command line (without `node` and the script) with `node:util`'s `parseArgs`, then
 * checks what it leaves to the caller: a value that is missing, empty or another option, a value
 * given to a flag, unknown options, stack names and the region. Throws a {@link UsageError}.
 */
export function parseArgs(argv: readonly string[]): CliOptions {
  // Not strict: parseArgs' own errors are plain text; every problem becomes a UsageError in the library's format below.
  const { tokens } = parseCommandLine({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const stacks: string[] = [];
  const values: Partial<Record<keyof typeof OPTIONS, string | true>> = {};
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      if (!/^[A-Za-z0-9_-]+$/.test(token.value)) {
        throw new UsageError({
          code: "PLAN_REVIEW_STACK_NAME",
          property: "stack",
          value: token.value,
          allowed: "a stack name of letters, digits, - and _",
        });
      }
      stacks.push(token.value);
      continue;
    }
    const name = token.name as keyof typeof OPTIONS;
    if (!Object.hasOwn(OPTIONS, name)) {
      throw new UsageError({
        code: "PLAN_REVIEW_UNKNOWN_OPTION",
        property: "option",
        value: token.rawName,
        allowed: `one of ${CLI_OPTIONS.join(", ")}`,
      });
    }
    if (OPTIONS[name].type === "boolean") {
      if (token.value !== undefined) {
        throw new UsageError({
          code: "PLAN_REVIEW_FLAG_VALUE",
          property: token.rawName,
          value: token.value,
          allowed: "the flag alone, without a value",
        });
      }
      values[name] = true;
      continue;
    }
    const value = token.value;
    // parseArgs takes the next argument as the value even when it is another option (`--out --offline`).
    if (value === undefined || value === "" || (!token.inlineValue && value.startsWith("-"))) {
      throw new UsageError({
        code: "PLAN_REVIEW_OPTION_VALUE",
        property: `--${name}`,
        value,
        allowed: "a non-empty value after the option (not another option)",
      });
    }
    values[name] = value;
  }
  const text = (name: keyof typeof OPTIONS): string | undefined => values[name] as string | undefined;
  const region = text("region");
  if (region !== undefined && !isRegion(region)) {
    throw new UsageError({
      code: "PLAN_REVIEW_REGION",
      property: "--region",
      value: region,
      allowed: "an AWS region code that exists, such as eu-west-1",
    });
  }
  const offline = values.offline === true;
  const baseAddresses = text("base-addresses");
  const baseSynth = text("base-synth");
  for (const [flag, value] of [
    ["--base-addresses", baseAddresses],
    ["--base-synth", baseSynth],
  ] as const) {
    if (value !== undefined && !offline) {
      throw new UsageError({
        code: "PLAN_REVIEW_BASE_NEEDS_OFFLINE",
        property: flag,
        value,
        allowed: "--offline as well (a real plan compares with the deployed state already)",
      });
    }
  }
  if (baseAddresses !== undefined && baseSynth !== undefined) {
    throw new UsageError({
      code: "PLAN_REVIEW_BASE_TWICE",
      property: "--base-synth",
      value: baseSynth,
      allowed: "one base: --base-addresses (pinned address lists) or --base-synth (the base branch's synthesized output), not both",
    });
  }
  const base: BaseSource | undefined =
    baseAddresses !== undefined
      ? { kind: "addresses", dir: baseAddresses }
      : baseSynth !== undefined
        ? { kind: "synth", dir: baseSynth }
        : undefined;
  return {
    stacks,
    offline,
    outDir: text("out") ?? "plan-review",
    failOnDestroy: values["fail-on-destroy"] === true,
    pricesFile: text("prices") ?? DEFAULT_PRICE_TABLE_PATH,
    region,
    refresh: values["no-refresh"] !== true,
    lock: values["no-lock"] !== true,
    synthDir: text("synth-dir"),
    base,
    help: values.help === true,
  };
}

/** A stack's plan: its JSON and, when there is one, the binary plan file to keep. */
export interface StackPlan {
  readonly plan: PlanJson;
  readonly planFile?: string;
  /** Seconds Terraform spent (init, plan, show). */
  readonly seconds: number;
}

/** What the CLI does outside itself; tests replace it. */
export interface CliEnvironment {
  /** Synthesizes the app into `outdir`. @default - runs cdktf.json's `app` with CDKTF_OUTDIR */
  readonly synthesize: (outdir: string) => Promise<void>;
  /** Plans one synthesized stack, writing the binary plan to `planFile`. */
  readonly plan: (stackDir: string, planFile: string, options: CliOptions) => Promise<StackPlan>;
  readonly log: (line: string) => void;
}

export const DEFAULT_ENVIRONMENT: CliEnvironment = {
  synthesize: synthesizeApp,
  plan: (stackDir, planFile, options) =>
    options.offline ? planOffline(stackDir, planFile) : planWithBackend(stackDir, planFile, options.refresh, options.lock),
  log: (line) => console.log(line),
};

/** Runs the review; returns the exit code. */
export async function runPlanReview(options: CliOptions, env: CliEnvironment = DEFAULT_ENVIRONMENT): Promise<number> {
  let prices: PriceTable;
  try {
    prices = loadPriceTable(options.pricesFile);
  } catch (error) {
    // A table with a bad field already names the file, the field and what is allowed.
    if (error instanceof ValidationError) throw new UsageError(error, error.constructPath);
    throw new UsageError({
      code: "PLAN_REVIEW_PRICE_TABLE_FILE",
      property: "--prices",
      value: options.pricesFile,
      allowed: `a readable JSON price table (${(error as Error).message})`,
    });
  }
  const synthDir = resolve(options.synthDir ?? join(options.outDir, "cdktf.out"));
  if (options.synthDir !== undefined && !existsSync(join(synthDir, "stacks"))) {
    // A typo in CI must not review nothing and pass.
    throw new UsageError({
      code: "PLAN_REVIEW_SYNTH_DIR",
      property: "--synth-dir",
      value: options.synthDir,
      allowed: `a cdktf output directory holding stacks/<name>/cdk.tf.json (${existsSync(synthDir) ? "it has no stacks/ folder" : "it does not exist"})`,
    });
  }
  if (options.base !== undefined) {
    const wanted = options.base.kind === "addresses" ? "<stack>.txt address lists" : "stacks/<name>/cdk.tf.json";
    const dir = options.base.kind === "addresses" ? options.base.dir : join(options.base.dir, "stacks");
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      // A mistyped base must not compare with nothing and pass.
      throw new UsageError({
        code: "PLAN_REVIEW_BASE_DIR",
        property: options.base.kind === "addresses" ? "--base-addresses" : "--base-synth",
        value: options.base.dir,
        allowed: `a directory holding ${wanted} (${existsSync(options.base.dir) ? (options.base.kind === "synth" ? "it has no stacks/ folder" : "it is not a directory") : "it does not exist"})`,
      });
    }
  }
  if (!options.synthDir) {
    rmSync(synthDir, { recursive: true, force: true });
    // cdktf's App creates its outdir but not the parents.
    mkdirSync(dirname(synthDir), { recursive: true });
    try {
      await env.synthesize(synthDir);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const e = error as { stderr?: string; message: string };
      env.log("FAIL synthesis");
      return writeOutputs([{ stack: "(synth)", status: "failed", error: e.stderr || e.message }], options, env);
    }
  }
  const available = existsSync(join(synthDir, "stacks"))
    ? readdirSync(join(synthDir, "stacks"))
        .filter((s) => statSync(join(synthDir, "stacks", s)).isDirectory())
        .sort()
    : [];
  const unknown = options.stacks.filter((s) => !available.includes(s));
  if (unknown.length > 0) {
    throw new UsageError({
      code: "PLAN_REVIEW_UNKNOWN_STACK",
      property: "stacks",
      value: unknown,
      allowed: `stacks synthesized in ${synthDir} (have: ${available.join(", ") || "none"})`,
    });
  }
  const stacks = options.stacks.length > 0 ? options.stacks : available;
  mkdirSync(options.outDir, { recursive: true });
  if (stacks.length === 0) {
    env.log("FAIL no stacks to review");
    return writeOutputs([{ stack: "(synth)", status: "failed", error: `no stacks were synthesized in ${synthDir}/stacks` }], options, env);
  }

  const reviews: StackReviewResult[] = [];
  const paths: Record<string, ReadonlyMap<string, string>> = {};
  for (const stack of stacks) {
    const stackDir = join(synthDir, "stacks", stack);
    const planFile = resolve(options.outDir, `${stack}.tfplan`);
    let policyReport: PolicyReport | undefined;
    try {
      policyReport = readPolicyReport(join(stackDir, POLICY_REPORT_FILE));
    } catch (error) {
      reviews.push({ stack, status: "failed", error: `unreadable ${POLICY_REPORT_FILE}: ${(error as Error).message}` });
      continue;
    }
    const sarif = join(stackDir, POLICY_SARIF_FILE);
    if (existsSync(sarif)) copyFileSync(sarif, join(options.outDir, `${stack}.policy.sarif`));
    let planned: StackPlan;
    try {
      planned = await env.plan(stackDir, planFile, options);
    } catch (error) {
      const text = error instanceof TerraformCheckError ? error.output : (error as Error).message;
      env.log(`FAIL ${stack}: plan failed`);
      // A failed plan still shows its policy findings, which come from synthesis.
      reviews.push({ stack, status: "failed", error: text, policy: summarizePolicy(policyReport) });
      continue;
    }
    writeFileSync(join(options.outDir, `${stack}.plan.json`), JSON.stringify(planned.plan));
    const started = performance.now();
    let review: StackReviewResult;
    try {
      // Fails closed: a plan the review cannot read fails the stack with what is wrong, never passes on nothing.
      checkPlanJson(planned.plan, `${stack} plan`);
      const stackJson = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8"));
      const constructPaths = constructPathsFromSynth(stackJson);
      paths[stack] = constructPaths;
      const base = options.base && readStackBase(options.base.kind, options.base.dir, stack);
      review = reviewPlan({
        stack,
        plan: planned.plan,
        prices,
        policyReport,
        constructPaths,
        region: options.region,
        emptyState: options.offline,
        synthesized: stackJson,
        // A stack the base does not have is new: everything in it is an addition.
        ...(options.base ? { base: base ?? { source: `${options.base.dir} (no base for ${stack}: a new stack)`, addresses: [] } } : {}),
      });
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof SyntaxError)) throw error;
      env.log(`FAIL ${stack}: unreadable plan`);
      reviews.push({
        stack,
        status: "failed",
        error: `the plan cannot be reviewed: ${error.message}`,
        policy: summarizePolicy(policyReport),
      });
      continue;
    }
    const reviewSeconds = (performance.now() - started) / 1000;
    env.log(
      `ok   ${stack}: ${(planned.plan as PlanJson).resource_changes?.length ?? 0} resources, plan ${planned.seconds.toFixed(1)} s, review ${(reviewSeconds * 1000).toFixed(0)} ms`,
    );
    reviews.push(review);
  }

  return writeOutputs(reviews, options, env, paths);
}

/** Writes report.md, comment.md and summary.json; returns the gate's exit code. */
function writeOutputs(
  reviews: readonly StackReviewResult[],
  options: CliOptions,
  env: CliEnvironment,
  constructPaths: Record<string, ReadonlyMap<string, string>> = {},
): number {
  mkdirSync(options.outDir, { recursive: true });
  const result = gate(reviews, { failOnDestroy: options.failOnDestroy });
  const markdown = renderMarkdown(reviews, { gate: result, constructPaths });
  writeFileSync(join(options.outDir, "report.md"), markdown);
  writeFileSync(join(options.outDir, "comment.md"), truncateForComment(markdown));
  writeFileSync(join(options.outDir, "summary.json"), renderJson(reviews, result));
  env.log(
    `report: ${join(options.outDir, "report.md")}; exit code ${result.exitCode}${result.reasons.length ? ` (${result.reasons.join("; ")})` : ""}`,
  );
  return result.exitCode;
}

/** Runs the cdktf app named in `cdktf.json` (as `cdktf synth` does) with its output in `outdir`. */
export async function synthesizeApp(outdir: string): Promise<void> {
  const config = JSON.parse(readFileSync("cdktf.json", "utf8")) as { app?: string };
  if (!config.app)
    throw new UsageError(
      { code: "PLAN_REVIEW_NO_APP", property: "app", value: config.app, allowed: "the command that synthesizes the app" },
      "cdktf.json",
    );
  await runCommand("/bin/sh", ["-c", config.app], {
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The foundation's offline check: mock credentials, a local empty state, `plan -refresh=false`. */
export async function planOffline(stackDir: string, planFile: string): Promise<StackPlan> {
  const result = await checkStackOffline({ stackDir, keepWorkDir: true });
  try {
    copyFileSync(join(result.workDir!, "offline.tfplan"), planFile);
  } finally {
    rmSync(result.workDir!, { recursive: true, force: true });
  }
  const t = result.timings;
  return { plan: result.plan as PlanJson, planFile, seconds: (t.init ?? 0) + (t.validate ?? 0) + (t.plan ?? 0) + (t.show ?? 0) };
}

/** A real plan in the synthesized stack directory: its own backend, and the caller's credentials. */
export async function planWithBackend(stackDir: string, planFile: string, refresh: boolean, lock = true): Promise<StackPlan> {
  const binary = process.env.TERRAFORM_BINARY ?? "terraform";
  const env = { ...process.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
  const started = performance.now();
  const step = async (stage: "init" | "plan" | "show", args: string[]) => {
    try {
      return await runCommand(binary, args, { cwd: stackDir, env, maxBuffer: 512 * 1024 * 1024 });
    } catch (error) {
      throw new TerraformCheckError(stackDir.split("/").pop()!, stage, (error as CommandError).output);
    }
  };
  await step("init", ["init", "-input=false", "-no-color"]);
  const locking = lock ? ["-lock-timeout=5m"] : ["-lock=false"];
  await step("plan", ["plan", "-input=false", "-no-color", ...locking, `-refresh=${refresh}`, `-out=${planFile}`]);
  const shown = await step("show", ["show", "-json", planFile]);
  let plan: unknown;
  try {
    plan = JSON.parse(shown);
  } catch (error) {
    throw new TerraformCheckError(
      stackDir.split("/").pop()!,
      "show",
      `terraform show -json did not print JSON: ${(error as Error).message}`,
    );
  }
  return { plan: plan as PlanJson, planFile, seconds: (performance.now() - started) / 1000 };
}

/** The CLI entry: parses, runs, reports usage errors with exit code 64. */
export async function main(argv: readonly string[], env: CliEnvironment = DEFAULT_ENVIRONMENT): Promise<number> {
  try {
    const options = parseArgs(argv);
    if (options.help) {
      env.log(USAGE);
      return 0;
    }
    return await runPlanReview(options, env);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
