/**
 * `npm run bench`: measures synthesis, its scaling, its share of Terraform's own time, the plan
 * review, and the test suite, in one run on this machine, and prints a Markdown table
 * (also written to bench-results/latest.md). Not part of the tests' pass/fail.
 *
 * Flags: --quick (one run per synthesis instead of three, no test suite), --no-tests.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkStacksOffline } from "../../src/terraform";
import { constructPathsFromSynth, gate, loadPriceTable, PlanJson, renderMarkdown, reviewPlan } from "../../src/plan-review";

const ROOT = join(__dirname, "..", "..");
const CHILD = join(ROOT, ".bench-build", "scripts", "bench", "synth-child.js");
const args = new Set(process.argv.slice(2));
const RUNS = args.has("--quick") ? 1 : 3;

interface SynthRun {
  readonly wallSeconds: number;
  readonly maxRssMiB: number;
  readonly resources: number;
  readonly outdir: string;
}

/** Runs the compiled child once; wall time includes Node start-up and module loading, as a user sees it. */
function synthOnce(childArgs: string[]): SynthRun {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CHILD, ...childArgs], { cwd: ROOT, encoding: "utf8" });
  const wallSeconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`synthesis ${childArgs.join(" ")} failed:\n${result.stderr}`);
  const last = result.stdout.trim().split("\n").pop() ?? "{}";
  const { maxRssMiB, resources, outdir } = JSON.parse(last);
  return { wallSeconds, maxRssMiB, resources, outdir };
}

/** Median wall time of `RUNS` runs (the largest peak memory). */
function synth(childArgs: string[]): SynthRun {
  const runs = Array.from({ length: RUNS }, () => synthOnce(childArgs)).sort((a, b) => a.wallSeconds - b.wallSeconds);
  const median = runs[Math.floor(runs.length / 2)];
  return { ...median, maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)) };
}

const rows: string[][] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map(String));
const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const mib = (m: number) => `${m.toFixed(0)} MiB`;

async function main(): Promise<void> {
  console.error("compiling (tsc) ...");
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "scripts", "bench", "tsconfig.json")],
    { stdio: "inherit" },
  );

  console.error("synthesizing environments ...");
  const all = synth(["envs"]);
  row("Synthesize dev + staging + prod (compiled JS)", s(all.wallSeconds), mib(all.maxRssMiB), `${all.resources} resources`, "< 1.5 s");
  for (const env of ["dev", "staging", "prod"]) {
    const one = synth(["envs", env]);
    row(`Synthesize ${env} alone`, s(one.wallSeconds), mib(one.maxRssMiB), `${one.resources} resources`, "");
  }

  console.error("synthesis scaling ...");
  for (const count of [10, 100, 400]) {
    const run = synth(["services", String(count)]);
    const perResource = (run.wallSeconds / run.resources) * 1000;
    row(
      `Synthesize ${count} services`,
      s(run.wallSeconds),
      mib(run.maxRssMiB),
      `${run.resources} resources, ${perResource.toFixed(2)} ms/resource`,
      count === 400 ? "< 4 s, < 400 MB" : "",
    );
  }

  console.error("terraform validate + offline plan of the environments ...");
  const stackDirs = ["dev", "staging", "prod"].map((n) => join(all.outdir, "stacks", n));
  const tf = await runTerraform(stackDirs);
  row("terraform init + validate, 3 environments (one run)", s(tf.validate), "", "", "");
  row("terraform plan + show, 3 environments (one run)", s(tf.plan), "", "", "");
  row("Synthesis / (validate + plan)", `${((all.wallSeconds / (tf.validate + tf.plan)) * 100).toFixed(1)} %`, "", "", "≤ 15 %");

  console.error("plan review of the environments ...");
  const started = performance.now();
  for (const stack of ["dev", "staging", "prod"]) {
    const plan = tf.plans[stack] as PlanJson;
    const constructPaths = constructPathsFromSynth(JSON.parse(readFileSync(join(all.outdir, "stacks", stack, "cdk.tf.json"), "utf8")));
    const review = reviewPlan({ stack, plan, prices: loadPriceTable(), constructPaths });
    renderMarkdown([review], { gate: gate([review]) });
  }
  const reviewSeconds = (performance.now() - started) / 1000;
  row("Plan review + Markdown, 3 environments", s(reviewSeconds), "", "", "");
  row("Plan review / plan", `${((reviewSeconds / tf.plan) * 100).toFixed(2)} %`, "", "", "a small fraction");

  if (!args.has("--no-tests") && !args.has("--quick")) {
    console.error("npm test ...");
    const t0 = performance.now();
    const result = spawnSync("npm", ["test", "--silent"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    });
    const testSeconds = (performance.now() - t0) / 1000;
    row(`npm test (type-check + all tests${result.status === 0 ? "" : ", FAILED"})`, s(testSeconds), "", "", "< 120 s");
  }

  const header = ["Measurement", "Wall time", "Peak memory", "Size", "Target"];
  const table = [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
  const machine = `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const report = `Measured ${machine}. Median of ${RUNS} run(s) per synthesis.\n\n${table}\n`;
  mkdirSync(join(ROOT, "bench-results"), { recursive: true });
  writeFileSync(join(ROOT, "bench-results", "latest.md"), report);
  console.log(report);
}

async function runTerraform(stackDirs: string[]): Promise<{ validate: number; plan: number; plans: Record<string, unknown> }> {
  const results = await checkStacksOffline(stackDirs);
  const t = results[0].timings;
  return {
    validate: (t.init ?? 0) + (t.validate ?? 0),
    plan: (t.plan ?? 0) + (t.show ?? 0),
    plans: Object.fromEntries(results.map((r) => [r.stack, r.plan])),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
