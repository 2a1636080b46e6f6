/**
 * `npm run bench`: measures, in one run on this machine, and prints one Markdown table (also written
 * to bench-results/latest.md, and with --docs into docs/benchmarks.md between the bench markers):
 *
 * - the user path: cdktf.json's app (`node scripts/run-app.cjs`, warm and after an edit) against the
 *   runners tried before (`npx tsx`, `node --import tsx`, tsc-compiled JavaScript), and `npx cdktf synth`;
 * - scaling: 10/100/400/1,000 generated services in one stack, default and fast mode, with time per
 *   resource and peak memory; the same 400 services as a platform stack and 8 groups;
 * - Terraform: validate and offline plan of the environments (synthesis as a share of them), the plan
 *   of the 400-service stack against the platform plus one group, and the plan review's share;
 * - `npm test`.
 *
 * Each synthesis runs in its own process (wall time includes Node start-up and module loading, as a
 * user sees it; peak memory is its own). Wall time is the median of the runs, CPU time (user + sys)
 * of the same run: on a shared machine CPU time is the steadier of the two.
 *
 * Flags: --quick (one run each, no 1,000 services, no big plan, no test suite), --no-tests, --docs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkStacksOffline } from "../../src/terraform";
import type { SynthesisMode } from "../../stacks/fast-synthesis";
import { constructPathsFromSynth, gate, loadPriceTable, PlanJson, renderMarkdown, reviewPlan } from "../../src/plan-review";

const ROOT = join(__dirname, "..", "..");
const CHILD = join(ROOT, ".bench-build", "scripts", "bench", "synth-child.js");
const args = new Set(process.argv.slice(2));
const QUICK = args.has("--quick");
const RUNS = QUICK ? 1 : 3;

interface Run {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly maxRssMiB: number;
}
interface SynthRun extends Run {
  readonly resources: number;
  readonly outdir: string;
}

/** Runs a command once; CPU time and peak memory are the child's own (rusage of the waited-for process tree). */
function timeOnce(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = {}): Run & { stdout: string } {
  const started = performance.now();
  const result = spawnSync("/usr/bin/time", ["-f", "%U %S %M", command, ...commandArgs], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} failed:\n${result.stderr}`);
  const [user, sys, rssKiB] = result.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return { wallSeconds, cpuSeconds: user + sys, maxRssMiB: rssKiB / 1024, stdout: result.stdout };
}

function median<T extends Run>(runs: T[]): T {
  const sorted = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds);
  return { ...sorted[Math.floor(sorted.length / 2)], maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)) };
}

function timeCommand(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = {}, runs = RUNS): Run {
  return median(Array.from({ length: runs }, () => timeOnce(command, commandArgs, env)));
}

/** Output folders of the synth children, removed when the bench ends. */
const outdirs: string[] = [];

/** The compiled synth child: environments or generated services; prints { resources, outdir } last. */
function synthChild(childArgs: string[], mode: SynthesisMode = "single-pass", runs = RUNS): SynthRun {
  return median(
    Array.from({ length: runs }, () => {
      const run = timeOnce(process.execPath, [CHILD, ...childArgs], { PLATFORM_SYNTH: mode });
      const { resources, outdir } = JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}");
      outdirs.push(outdir);
      return { ...run, resources, outdir };
    }),
  );
}

const MODE_LABEL: Record<SynthesisMode, string> = {
  "single-pass": "",
  fast: ", fast mode",
  upstream: ", cdktf's two resolves (`PLATFORM_SYNTH=upstream`)",
};

function countResources(outdir: string): number {
  let resources = 0;
  for (const stack of readdirSync(join(outdir, "stacks"))) {
    const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    for (const byName of Object.values(json.resource ?? {})) resources += Object.keys(byName as object).length;
  }
  return resources;
}

/**
 * The machine's speed, by a fixed probe: seconds to capture 50,000 stack traces in a fresh Node.
 * This machine's models and phases differ by more than 2× on it (and every row moves with it), so
 * the report prints it before and after: compare runs only when their probes agree.
 */
function speedProbe(): number {
  const probe =
    "const t=process.hrtime.bigint();for(let i=0;i<50000;i++){new Error().stack}console.log(Number(process.hrtime.bigint()-t)/1e9)";
  return Number(execFileSync(process.execPath, ["-e", probe], { encoding: "utf8" }).trim());
}

const rows: string[][] = [];
const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const mib = (m: number) => `${m.toFixed(0)} MiB`;
function row(name: string, run: Partial<Run> | undefined, size: string, target: string, note = ""): void {
  rows.push([
    name,
    run?.wallSeconds ? s(run.wallSeconds) : "",
    run?.cpuSeconds ? s(run.cpuSeconds) : "",
    run?.maxRssMiB ? mib(run.maxRssMiB) : "",
    size,
    target,
    note,
  ]);
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0];
  const probeBefore = speedProbe();
  console.error("compiling the bench child (tsc) ...");
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "scripts", "bench", "tsconfig.json")],
    {
      stdio: "inherit",
    },
  );

  console.error("the user path ...");
  const appOut = mkdtempSync(join(tmpdir(), "bench-app-"));
  const appEnv = { CDKTF_OUTDIR: appOut };
  timeOnce(process.execPath, ["scripts/run-app.cjs"], appEnv); // make sure the bundle is current
  const stacks = readdirSync(join(appOut, "stacks")).length;
  const size = `${stacks} stacks, ${countResources(appOut)} resources`;
  const warm = timeCommand(process.execPath, ["scripts/run-app.cjs"], appEnv);
  row(
    "**cdktf.json's app** `node scripts/run-app.cjs` (bundle current)",
    warm,
    size,
    "≤ 1.0 s",
    "what `cdktf synth` / `npm run synth` run",
  );
  const cache = mkdtempSync(join(tmpdir(), "bench-app-cache-"));
  const cold = timeCommand(process.execPath, ["scripts/run-app.cjs"], {
    ...appEnv,
    PLATFORM_APP_CACHE_DIR: cache,
    PLATFORM_APP_REBUILD: "1",
  });
  row("same, right after an edit (bundle rebuilt)", cold, size, "", "esbuild's own CPU not in the CPU column");
  const fastApp = timeCommand(process.execPath, ["scripts/run-app.cjs"], { ...appEnv, PLATFORM_SYNTH: "fast" });
  row("same, fast mode (`PLATFORM_SYNTH=fast`)", fastApp, size, "", "");
  const upstreamApp = timeCommand(process.execPath, ["scripts/run-app.cjs"], { ...appEnv, PLATFORM_SYNTH: "upstream" });
  row("same, cdktf's own two resolves (`PLATFORM_SYNTH=upstream`)", upstreamApp, size, "", "");
  const tsx = timeCommand(join(ROOT, "node_modules", ".bin", "tsx"), ["stacks/main.ts"], appEnv);
  row(
    "before: `npx tsx stacks/main.ts` (tsx bin)",
    tsx,
    size,
    "",
    `${(tsx.wallSeconds / warm.wallSeconds).toFixed(1)}× the app's wall time`,
  );
  const importTsx = timeCommand(process.execPath, ["--import", "tsx", "stacks/main.ts"], appEnv);
  row("`node --import tsx stacks/main.ts`", importTsx, size, "", "");
  const envs = synthChild(["envs"]);
  row("dev + staging + prod only, tsc-compiled JavaScript", envs, `${envs.resources} resources`, "", "the old bench's figure");
  if (!QUICK) {
    const cli = timeCommand("npx", ["cdktf", "synth"], appEnv, 1);
    row("`npx cdktf synth` (the CLI's own start-up included)", cli, size, "", "one run");
  }
  rmSync(cache, { recursive: true, force: true });

  console.error("scaling ...");
  const counts = QUICK ? [10, 100, 400] : [10, 100, 400, 1000];
  for (const mode of ["single-pass", "fast", "upstream"] as const) {
    for (const count of counts) {
      const run = synthChild(["services", String(count)], mode, count >= 1000 ? 1 : RUNS);
      const perResource = (run.cpuSeconds / run.resources) * 1000;
      row(
        `${count} services, one stack${MODE_LABEL[mode]}`,
        run,
        `${run.resources} resources, ${perResource.toFixed(2)} ms CPU/resource`,
        count === 400 && mode === "single-pass" ? "< 4 s, < 400 MB" : "",
        count === 400 && mode === "single-pass" ? "the default" : "",
      );
    }
  }
  for (const mode of ["single-pass", "fast"] as const) {
    const run = synthChild(["groups", "400", "8"], mode);
    row(`400 services as platform + 8 group stacks${MODE_LABEL[mode]}`, run, `${run.resources} resources in 9 stacks`, "");
  }

  console.error("terraform: environments ...");
  const envDirs = ["dev", "staging", "prod"].map((n) => join(envs.outdir, "stacks", n));
  const validate = await terraform(envDirs, false);
  const plan = await terraform(envDirs, true);
  row("`terraform init` + `validate`, 3 environments (one run)", { wallSeconds: validate.seconds }, "", "");
  row("`terraform init` + `plan` + `show`, 3 environments (one run)", { wallSeconds: plan.seconds }, "", "");
  row("synthesis / offline plan (3 environments)", undefined, `${((envs.wallSeconds / plan.seconds) * 100).toFixed(1)} %`, "≤ 10 %");

  const started = performance.now();
  for (const stack of ["dev", "staging", "prod"]) {
    const constructPaths = constructPathsFromSynth(JSON.parse(readFileSync(join(envs.outdir, "stacks", stack, "cdk.tf.json"), "utf8")));
    const review = reviewPlan({ stack, plan: plan.plans[stack] as PlanJson, prices: loadPriceTable(), constructPaths });
    renderMarkdown([review], { gate: gate([review]) });
  }
  const reviewSeconds = (performance.now() - started) / 1000;
  row(
    "plan review + Markdown, 3 environments",
    { wallSeconds: reviewSeconds },
    `${((reviewSeconds / plan.seconds) * 100).toFixed(2)} % of the plan`,
    "< 5 %",
  );

  if (!QUICK) {
    console.error("terraform: one big stack against a group ...");
    const big = synthChild(["services", "400"], "fast", 1);
    const bigPlan = await terraform([join(big.outdir, "stacks", "services-400")], true);
    row("`terraform plan`, 400 services in one stack", { wallSeconds: bigPlan.seconds }, `${big.resources} resources`, "");
    const split = synthChild(["groups", "400", "8"], "fast", 1);
    const platformPlan = await terraform([join(split.outdir, "stacks", "bench-platform")], true);
    row("`terraform plan`, the platform stack", { wallSeconds: platformPlan.seconds }, "", "");
    const groupPlan = await terraform([join(split.outdir, "stacks", "bench-group-1")], true);
    row(
      "`terraform plan`, one group of 50 (planned with the platform offline)",
      { wallSeconds: groupPlan.seconds },
      `${(bigPlan.seconds / groupPlan.seconds).toFixed(1)}× faster than the big stack`,
      "",
      "a real group plan reads the platform's state instead",
    );
  }

  if (!args.has("--no-tests") && !QUICK) {
    console.error("npm test ...");
    const result = spawnSync("/usr/bin/time", ["-f", "%U %S %M", "npm", "test", "--silent"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    });
    // scripts/test.cjs prints the whole run's wall time last (tsc and jest side by side).
    const wall = Number(/npm test: ([\d.]+) s wall/.exec(result.stderr)?.[1] ?? NaN);
    row(`\`npm test\`${result.status === 0 ? "" : " (FAILED)"}`, { wallSeconds: wall }, "tsc beside jest", "< 120 s", "");
  }

  const header = ["Measurement", "Wall", "CPU", "Peak memory", "Size / ratio", "Target", "Note"];
  const table = [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
  const loadAfter = loadavg()[0];
  const probeAfter = speedProbe();
  const machine =
    `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${cpus().length} cores (${cpus()[0]?.model.trim()}), ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}; ` +
    `speed probe (50,000 stack traces, lower is faster) ${probeBefore.toFixed(2)} s → ${probeAfter.toFixed(2)} s`;
  const report = `Measured ${machine}. Wall: median of ${RUNS} run(s) (1,000 services and the CLI: one run); CPU: user + sys of that run.\n\n${table}\n`;
  mkdirSync(join(ROOT, "bench-results"), { recursive: true });
  writeFileSync(join(ROOT, "bench-results", "latest.md"), report);
  if (args.has("--docs")) {
    const file = join(ROOT, "docs", "benchmarks.md");
    const doc = readFileSync(file, "utf8");
    const start = doc.indexOf("<!-- bench:start -->");
    const end = doc.indexOf("<!-- bench:end -->");
    if (start < 0 || end < start) throw new Error("docs/benchmarks.md has no <!-- bench:start --> ... <!-- bench:end --> section");
    writeFileSync(
      file,
      `${doc.slice(0, start)}<!-- bench:start -->\n${report}<!-- bench:end -->${doc.slice(end + "<!-- bench:end -->".length)}`,
    );
  }
  console.log(report);
  for (const dir of [appOut, ...outdirs]) rmSync(dir, { recursive: true, force: true });
}

async function terraform(stackDirs: string[], plan: boolean): Promise<{ seconds: number; plans: Record<string, unknown> }> {
  const started = performance.now();
  const results = await checkStacksOffline(stackDirs, { plan });
  return { seconds: (performance.now() - started) / 1000, plans: Object.fromEntries(results.map((r) => [r.stack, r.plan])) };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
