/**
 * `npm run lint:tf`: runs TFLint with the AWS ruleset over every synthesized stack
 * (`<outdir>/stacks/<stack>/cdk.tf.json`) using the committed `.tflint.hcl`.
 *
 * When TFLint is not installed it prints "tflint not found, skipped" and succeeds: the policy pack
 * (src/policy) and the offline `terraform validate`/`plan` are the gates; TFLint is an extra linter
 * where it is available. Set TFLINT_BIN to use a TFLint binary that is not on PATH.
 *
 * Usage: tsx scripts/lint-tf.ts [--outdir cdktf.out] [-- <extra tflint arguments, e.g. --format sarif>]
 * (through npm, which takes the first `--` itself: `npm run lint:tf -- -- --format sarif`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseCommandLine } from "./command-line";

export interface LintOptions {
  /** The cdktf output directory. @default the `output` of cdktf.json, else "cdktf.out" */
  readonly outdir?: string;
  /** Arguments passed to every `tflint` run after the defaults. @default [] */
  readonly extraArgs?: readonly string[];
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where output goes. @default console.log */
  readonly log?: (line: string) => void;
  /** The repository root holding `.tflint.hcl` and `cdktf.json`. @default process.cwd() */
  readonly root?: string;
}

/** The TFLint binary to run: TFLINT_BIN if set, else `tflint` from PATH; `undefined` when it does not run. */
export function findTflint(env: NodeJS.ProcessEnv): string | undefined {
  const bin = env.TFLINT_BIN ?? "tflint";
  const probe = spawnSync(bin, ["--version"], { env, encoding: "utf8" });
  return probe.error || probe.status !== 0 ? undefined : bin;
}

/** Directories of the synthesized stacks under `outdir` (those holding a `cdk.tf.json`), sorted. */
export function stackDirs(outdir: string): string[] {
  const stacks = join(outdir, "stacks");
  if (!existsSync(stacks)) return [];
  return readdirSync(stacks, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(stacks, d.name, "cdk.tf.json")))
    .map((d) => join(stacks, d.name))
    .sort();
}

/** The arguments of one TFLint run over one stack directory. */
export function tflintArgs(stackDir: string, configFile: string, extraArgs: readonly string[] = []): string[] {
  return ["--chdir", stackDir, "--config", configFile, ...extraArgs];
}

function defaultOutdir(root: string): string {
  const cdktfJson = join(root, "cdktf.json");
  const output = existsSync(cdktfJson) ? (JSON.parse(readFileSync(cdktfJson, "utf8")) as { output?: string }).output : undefined;
  return join(root, output ?? "cdktf.out");
}

/** Lints every synthesized stack; returns the process exit code (0 when clean or skipped). */
export function lintTf(options: LintOptions = {}): number {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const root = resolve(options.root ?? process.cwd());
  const tflint = findTflint(env);
  if (!tflint) {
    log("tflint not found, skipped (install TFLint, or set TFLINT_BIN, to lint the synthesized stacks)");
    return 0;
  }
  const outdir = resolve(root, options.outdir ?? defaultOutdir(root));
  const dirs = stackDirs(outdir);
  if (dirs.length === 0) {
    log(`no synthesized stacks in ${outdir}; run \`npm run synth\` first`);
    return 1;
  }
  const config = join(root, ".tflint.hcl");
  const init = spawnSync(tflint, ["--init", "--config", config], { env, stdio: "inherit" });
  if (init.status !== 0) {
    log("tflint --init failed: the plugins in .tflint.hcl could not be installed (no network? set TFLINT_PLUGIN_DIR)");
    return 1;
  }
  let failed = 0;
  for (const dir of dirs) {
    log(`tflint ${dir}`);
    const run = spawnSync(tflint, tflintArgs(dir, config, options.extraArgs), { env, stdio: "inherit" });
    if (run.status !== 0) failed++;
  }
  log(failed === 0 ? `tflint: ${dirs.length} stack(s) clean` : `tflint: issues in ${failed} of ${dirs.length} stack(s)`);
  return failed === 0 ? 0 : 1;
}

/** Own options before a `--`; everything after it goes to tflint unchanged. */
function parseArgs(argv: readonly string[]): LintOptions {
  const separator = argv.indexOf("--");
  const own = separator === -1 ? argv : argv.slice(0, separator);
  const extraArgs = separator === -1 ? [] : argv.slice(separator + 1);
  const { values } = parseCommandLine(
    "npm run lint:tf -- [--outdir <cdktf.out>] [-- <tflint arguments, e.g. --format sarif>]",
    { options: { outdir: { type: "string" } } },
    own,
  );
  return { outdir: values.outdir, extraArgs };
}

if (require.main === module) {
  process.exitCode = lintTf(parseArgs(process.argv.slice(2)));
}
