/**
 * Mutation testing of the pure modules: `npm run mutation [-- <module> ...]`.
 *
 * StrykerJS (with its jest runner) changes the source one small mutation at a time and runs the
 * module's own tests against each mutant; a mutant no test fails on is a blind spot. Each module
 * runs on its own with only its tests and one worker, because a mutation run is CPU-heavy (the
 * machines this project runs on have two cores). Not part of `npm test`.
 *
 * Writes `reports/mutation/<module>.json` and prints the score per module; exits 1 when a module
 * scores below {@link THRESHOLD} percent.
 *
 * While writing tests, two options narrow one module's run (the score printed then covers only the
 * mutants tried, and the report goes to `<module>.partial.json` so the full run's report stays):
 * - `--survivors`: mutate only the lines where the last full run (`<module>.json`) left survivors
 *   (for adding tests: once the source changes, its line numbers are stale; use `--mutate`);
 * - `--mutate <file>[:<from>-<to>]` (repeatable): mutate only that file, or those lines of it.
 * A narrowed run runs all of the module's tests against each mutant (`coverageAnalysis: "all"`).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The lowest mutation score (killed + timed out, over all valid mutants) a module may have. */
export const THRESHOLD = 90;

/** Each pure module: the files mutated and the tests that must catch the mutants. */
export const MODULES: Record<string, { readonly mutate: readonly string[]; readonly tests: readonly string[] }> = {
  "subnet-plan": { mutate: ["src/network/subnet-plan.ts"], tests: ["__tests__/network/subnet-plan.test.ts"] },
  "fargate-sizes": { mutate: ["src/task/fargate-sizes.ts"], tests: ["__tests__/task/fargate-sizes.test.ts"] },
  schedule: { mutate: ["src/schedule/expression.ts"], tests: ["__tests__/schedule/expression.test.ts"] },
  "capacity-strategy": { mutate: ["src/cluster/capacity-strategy.ts"], tests: ["__tests__/cluster/capacity-strategy.test.ts"] },
  "plan-review": {
    mutate: ["src/plan-review/changes.ts", "src/plan-review/risk.ts", "src/plan-review/cost-model.ts"],
    tests: ["__tests__/plan-review/changes.test.ts", "__tests__/plan-review/risk.test.ts", "__tests__/plan-review/cost-model.test.ts"],
  },
};

interface MutantResult {
  readonly status: string;
}

/** Killed and timed-out mutants over all that compiled and were covered or not (Stryker's "mutation score"). */
export function mutationScore(report: { files: Record<string, { mutants: readonly MutantResult[] }> }): {
  score: number;
  killed: number;
  survived: number;
  total: number;
} {
  const mutants = Object.values(report.files).flatMap((f) => f.mutants);
  const valid = mutants.filter((m) => !["CompileError", "RuntimeError", "Ignored"].includes(m.status));
  const killed = valid.filter((m) => m.status === "Killed" || m.status === "Timeout").length;
  const survived = valid.filter((m) => m.status === "Survived" || m.status === "NoCoverage").length;
  return { score: valid.length === 0 ? 0 : (100 * killed) / valid.length, killed, survived, total: valid.length };
}

interface ReportedMutant extends MutantResult {
  readonly location: { readonly start: { readonly line: number } };
}

/** `file:line-line` ranges (Stryker's `mutate` syntax) of the lines holding a survivor in a report. */
export function survivorRanges(report: { files: Record<string, { mutants: readonly ReportedMutant[] }> }): string[] {
  return Object.entries(report.files).flatMap(([file, { mutants }]) => {
    const lines = [
      ...new Set(mutants.filter((m) => m.status === "Survived" || m.status === "NoCoverage").map((m) => m.location.start.line)),
    ];
    return lines.sort((a, b) => a - b).map((line) => `${file}:${line}-${line}`);
  });
}

function run(module: string, only?: readonly string[]): ReturnType<typeof mutationScore> {
  const { tests } = MODULES[module];
  const mutate = only ?? MODULES[module].mutate;
  const dir = resolve("reports", "mutation");
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, `${module}.stryker.config.json`);
  const reportFile = join(dir, only ? `${module}.partial.json` : `${module}.json`);
  writeFileSync(
    configFile,
    JSON.stringify(
      {
        testRunner: "jest",
        jest: {
          projectType: "custom",
          configFile: "jest.config.js",
          // Only the module's own tests, one worker.
          // The pure modules' tests need no per-run temp dir or offline plans: skipping the global
          // setup (which loads every stack) saves seconds on each of the hundreds of runs.
          config: { testMatch: tests.map((t) => `<rootDir>/${t}`), maxWorkers: 1, globalSetup: null, globalTeardown: null },
          enableFindRelatedTests: false,
        },
        mutate,
        concurrency: 1,
        // A narrowed run runs every test of the module against each mutant: per-test coverage has been
        // seen to leave a mutant a test kills as a survivor (the test not counted as covering it).
        coverageAnalysis: only ? "all" : "perTest",
        reporters: ["clear-text", "json", "progress-append-only"],
        jsonReporter: { fileName: reportFile },
        tempDirName: ".stryker-tmp",
        cleanTempDir: "always",
        ignorePatterns: ["/reports", "/cdktf.out", "/dist", "/bench-results", "/plan-review", "/.app-build", "/.bench-build", "/coverage"],
      },
      null,
      2,
    ),
  );
  execFileSync("npx", ["stryker", "run", configFile], { stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  rmSync(configFile, { force: true });
  return mutationScore(JSON.parse(readFileSync(reportFile, "utf8")));
}

function usage(message: string): never {
  console.error(`mutation: ${message}`);
  process.exit(64);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const requested: string[] = [];
  const ranges: string[] = [];
  let survivors = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--survivors") survivors = true;
    else if (args[i] === "--mutate") {
      const range = args[++i];
      if (range === undefined || !/^[^:]+(:\d+-\d+)?$/.test(range))
        usage(`invalid --mutate ${JSON.stringify(range)}: expected <file> or <file>:<from>-<to>`);
      ranges.push(range);
    } else requested.push(args[i]);
  }
  const unknown = requested.filter((m) => !(m in MODULES));
  if (unknown.length > 0) usage(`invalid module ${JSON.stringify(unknown)}: expected one of ${Object.keys(MODULES).join(", ")}`);
  if ((survivors || ranges.length > 0) && requested.length !== 1)
    usage("--survivors and --mutate narrow the run of one module: name exactly one");
  let only: string[] | undefined = ranges.length > 0 ? ranges : undefined;
  if (survivors) {
    const last = resolve("reports", "mutation", `${requested[0]}.json`);
    let report;
    try {
      report = JSON.parse(readFileSync(last, "utf8"));
    } catch {
      usage(`--survivors reads the last full run's report ${last}: run the module once without it first`);
    }
    only = [...(only ?? []), ...survivorRanges(report)];
    if (only.length === 0) usage(`the last full run of ${requested[0]} left no survivors`);
  }
  const rows: string[] = [];
  let failed = false;
  for (const module of requested.length > 0 ? requested : Object.keys(MODULES)) {
    const r = run(module, only);
    // A narrowed run tries the hard mutants only: its score says nothing against the bar.
    failed ||= only === undefined && r.score < THRESHOLD;
    rows.push(`| ${module} | ${r.score.toFixed(1)} % | ${r.killed} | ${r.survived} | ${r.total} |`);
  }
  console.log(["| module | score | killed | survived | mutants |", "|---|--:|--:|--:|--:|", ...rows].join("\n"));
  process.exit(failed ? 1 : 0);
}
