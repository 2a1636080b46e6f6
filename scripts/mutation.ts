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
    tests: ["__tests__/plan-review/changes.test.ts", "__tests__/plan-review/cost-model.test.ts"],
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

function run(module: string): ReturnType<typeof mutationScore> {
  const { mutate, tests } = MODULES[module];
  const dir = resolve("reports", "mutation");
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, `${module}.stryker.config.json`);
  const reportFile = join(dir, `${module}.json`);
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
        coverageAnalysis: "perTest",
        reporters: ["clear-text", "json"],
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

if (require.main === module) {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((m) => !(m in MODULES));
  if (unknown.length > 0) {
    console.error(`mutation: invalid module ${JSON.stringify(unknown)}: expected one of ${Object.keys(MODULES).join(", ")}`);
    process.exit(64);
  }
  const rows: string[] = [];
  let failed = false;
  for (const module of requested.length > 0 ? requested : Object.keys(MODULES)) {
    const r = run(module);
    failed ||= r.score < THRESHOLD;
    rows.push(`| ${module} | ${r.score.toFixed(1)} % | ${r.killed} | ${r.survived} | ${r.total} |`);
  }
  console.log(["| module | score | killed | survived | mutants |", "|---|--:|--:|--:|--:|", ...rows].join("\n"));
  process.exit(failed ? 1 : 0);
}
