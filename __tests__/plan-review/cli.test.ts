import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliEnvironment, CliOptions, parseArgs, runPlanReview } from "../../src/plan-review/cli";
import { DEFAULT_PRICE_TABLE_PATH, REPORT_MARKER, truncateForComment } from "../../src/plan-review";
import { TerraformCheckError } from "../../src/terraform";

const FIXTURES = join(__dirname, "fixtures");

describe("parseArgs", () => {
  test("defaults: every stack, real plans with refresh, output in plan-review/, the shipped prices", () => {
    expect(parseArgs([])).toEqual({
      stacks: [],
      offline: false,
      outDir: "plan-review",
      failOnDestroy: false,
      pricesFile: DEFAULT_PRICE_TABLE_PATH,
      region: undefined,
      refresh: true,
      synthDir: undefined,
      help: false,
    });
  });

  test("reads stacks and every option", () => {
    const options = parseArgs([
      "dev",
      "prod",
      "--offline",
      "--out",
      "o",
      "--fail-on-destroy",
      "--prices",
      "p.json",
      "--region",
      "us-east-1",
      "--no-refresh",
      "--synth-dir",
      "s",
    ]);
    expect(options).toMatchObject({
      stacks: ["dev", "prod"],
      offline: true,
      outDir: "o",
      failOnDestroy: true,
      pricesFile: "p.json",
      region: "us-east-1",
      refresh: false,
      synthDir: "s",
    });
  });
});

describe("runPlanReview", () => {
  /** A synthesized output with one stack per fixture plan, and a planner that returns the fixtures. */
  function setup(stacks: Record<string, string | Error>, policy: Record<string, string> = {}) {
    const root = mkdtempSync(join(tmpdir(), "plan-review-cli-"));
    for (const stack of Object.keys(stacks)) {
      const dir = join(root, "cdktf.out", "stacks", stack);
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, "cdk.tf.json"),
        JSON.stringify({ resource: { aws_efs_file_system: { SharedFiles: { "//": { metadata: { path: `${stack}/Storage/Files` } } } } } }),
      );
      if (policy[stack]) copyFileSync(join(FIXTURES, "policy", policy[stack]), join(dir, "policy-report.json"));
    }
    writeFileSync(join(root, "cdktf.out", "stacks", Object.keys(stacks)[0], "policy-report.sarif"), "{}");
    const logs: string[] = [];
    const env: CliEnvironment = {
      synthesize: async () => {
        throw new Error("synthesize must not run with --synth-dir");
      },
      plan: async (stackDir, planFile) => {
        const source = stacks[stackDir.split("/").pop()!];
        if (source instanceof Error) throw source;
        writeFileSync(planFile, "binary plan");
        return { plan: JSON.parse(readFileSync(join(FIXTURES, source), "utf8")), planFile, seconds: 10 };
      },
      log: (line) => logs.push(line),
    };
    const options = (over: Partial<CliOptions> = {}): CliOptions => ({
      ...parseArgs(["--synth-dir", join(root, "cdktf.out"), "--out", join(root, "out")]),
      ...over,
    });
    return { root, env, logs, options, out: (file: string) => join(root, "out", file) };
  }

  test("writes one report for all stacks, a comment, the JSON summary, the plans and the SARIF report", async () => {
    const t = setup({ staging: "update.plan.json", prod: "delete.plan.json" });
    expect(await runPlanReview(t.options(), t.env)).toBe(0);
    for (const file of [
      "report.md",
      "comment.md",
      "summary.json",
      "prod.plan.json",
      "staging.plan.json",
      "prod.tfplan",
      "staging.tfplan",
      "staging.policy.sarif",
    ]) {
      expect(existsSync(t.out(file))).toBe(true);
    }
    const report = readFileSync(t.out("report.md"), "utf8");
    expect(report.startsWith(REPORT_MARKER)).toBe(true);
    expect(report).toContain("| `prod` | 0 | 0 | 0 | 8 | ⛔ 6 destroyed | no report | $322.04 | -$60.76 |");
    expect(report).toContain("| `staging` | 0 | 1 | 1 | 0 | none | no report | $599.04 | +$216.24 |");
    // Grouped by the construct path from cdk.tf.json where it has one.
    expect(report).toContain("<details><summary><b>Storage</b>: 1 delete</summary>");
    const summary = JSON.parse(readFileSync(t.out("summary.json"), "utf8"));
    expect(summary.stacks.map((s: { stack: string }) => s.stack)).toEqual(["prod", "staging"]);
    expect(t.logs[0]).toMatch(/^ok {3}prod: 51 resources, plan 10\.0 s, review \d+ ms$/);
  });

  test("exits 4 with --fail-on-destroy when a protected resource would be destroyed", async () => {
    const t = setup({ prod: "delete.plan.json" });
    expect(await runPlanReview(t.options({ failOnDestroy: true }), t.env)).toBe(4);
  });

  test("exits 2 on an unsuppressed policy error, and 0 when the errors are suppressed", async () => {
    const t = setup(
      { prod: "delete.plan.json", staging: "update.plan.json" },
      { prod: "delete.policy-report.json", staging: "update.policy-report.json" },
    );
    expect(await runPlanReview(t.options({ stacks: ["staging"] }), t.env)).toBe(0);
    expect(await runPlanReview(t.options({ stacks: ["prod"] }), t.env)).toBe(2);
    expect(await runPlanReview(t.options({ failOnDestroy: true }), t.env)).toBe(6);
  });

  test("exits 1 when a plan fails and puts Terraform's error in the report", async () => {
    const t = setup({ dev: new TerraformCheckError("dev", "plan", "Error: Invalid count argument"), prod: "fresh.plan.json" });
    expect(await runPlanReview(t.options(), t.env)).toBe(1);
    const report = readFileSync(t.out("report.md"), "utf8");
    expect(report).toContain("| `dev` | – | – | – | – | ❌ plan failed | no report | – | – |");
    expect(report).toContain("Error: Invalid count argument");
    expect(JSON.parse(readFileSync(t.out("summary.json"), "utf8")).gateReasons).toEqual(["plan failed: dev"]);
  });

  test("exits 1 and reports the error when synthesis fails", async () => {
    const t = setup({ dev: "fresh.plan.json" });
    const failing: CliEnvironment = {
      ...t.env,
      synthesize: async () => Promise.reject(Object.assign(new Error("exit 1"), { stderr: "ValidationError: dev/Network: invalid cidr" })),
    };
    expect(await runPlanReview(t.options({ synthDir: undefined }), failing)).toBe(1);
    expect(readFileSync(t.out("report.md"), "utf8")).toContain("ValidationError: dev/Network: invalid cidr");
  });
});

describe("truncateForComment", () => {
  test("keeps a short report whole and cuts a long one at a line with a pointer to the artifact", () => {
    expect(truncateForComment("short\n", 100)).toBe("short\n");
    const long = Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n");
    const cut = truncateForComment(long, 400);
    expect(cut.length).toBeLessThanOrEqual(400);
    expect(cut).toMatch(/line \d+\n\n> \[!NOTE\]\n> The report is longer than a comment allows/);
  });
});
