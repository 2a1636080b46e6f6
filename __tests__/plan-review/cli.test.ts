import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliEnvironment, CliOptions, parseArgs, planWithBackend, runPlanReview } from "../../src/plan-review/cli";
import { DEFAULT_PRICE_TABLE_PATH, MAX_COMMENT_CHARS, REPORT_MARKER, truncateForComment } from "../../src/plan-review";
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
      lock: true,
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
      "--no-lock",
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
      lock: false,
      synthDir: "s",
    });
  });
});

/** A synthesized output with one stack per fixture plan, and a planner that returns the fixtures. */
function setup(stacks: Record<string, string | Error | { json: unknown }>, policy: Record<string, string> = {}) {
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
      const plan = typeof source === "string" ? JSON.parse(readFileSync(join(FIXTURES, source), "utf8")) : source.json;
      return { plan, planFile, seconds: 10 };
    },
    log: (line) => logs.push(line),
  };
  const options = (over: Partial<CliOptions> = {}): CliOptions => ({
    ...parseArgs(["--synth-dir", join(root, "cdktf.out"), "--out", join(root, "out")]),
    ...over,
  });
  return { root, env, logs, options, out: (file: string) => join(root, "out", file) };
}

describe("runPlanReview", () => {
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

describe("runPlanReview fails closed on a plan it cannot read", () => {
  const change = (over: Record<string, unknown> = {}) => ({
    address: "aws_ecs_service.Api_F70053CD",
    type: "aws_ecs_service",
    name: "Api_F70053CD",
    change: { actions: ["update"], before: {}, after: {} },
    ...over,
  });
  test.each<[string, unknown, string]>([
    [
      "an empty list",
      [],
      "dev plan: invalid plan []: expected the JSON object `terraform show -json <planfile>` prints [PLAN_REVIEW_PLAN_INVALID]",
    ],
    ["an empty object", {}, "dev plan: invalid format_version (missing): expected a plan format version 1.x"],
    ["null", null, "dev plan: invalid plan null: expected the JSON object"],
    [
      "a plan format this review does not read",
      { format_version: "2.0" },
      'dev plan: invalid format_version "2.0": expected a plan format version 1.x',
    ],
    ["a format version that is not a string", { format_version: 1.2 }, "dev plan: invalid format_version 1.2: expected"],
    [
      "an errored (incomplete) plan",
      { format_version: "1.2", errored: true, resource_changes: [] },
      "dev plan: invalid errored true: expected a complete plan (Terraform stopped planning part way; the plan is incomplete) [PLAN_REVIEW_PLAN_ERRORED]",
    ],
    [
      "resource_changes as an object",
      { format_version: "1.2", resource_changes: {} },
      "dev plan: invalid resource_changes {}: expected a list of resource changes",
    ],
    [
      "a change without change",
      { format_version: "1.2", resource_changes: [change({ change: undefined })] },
      "dev plan: invalid resource_changes[0].change (missing): expected the change object (actions, before, after)",
    ],
    [
      "a change without an address",
      { format_version: "1.2", resource_changes: [change({ address: undefined })] },
      "dev plan: invalid resource_changes[0].address (missing): expected the resource address",
    ],
    [
      "a change that is not an object",
      { format_version: "1.2", resource_changes: ["x"] },
      'invalid resource_changes[0] "x": expected a resource change object',
    ],
    [
      "an action list Terraform does not write",
      { format_version: "1.2", resource_changes: [change({ change: { actions: ["destroy"], before: {}, after: {} } })] },
      'aws_ecs_service.Api_F70053CD: invalid change.actions ["destroy"]: expected one action of create, update, replace, delete, no-op, read, forget',
    ],
    [
      "actions that are not a list",
      { format_version: "1.2", resource_drift: [change({ change: { actions: "update" } })] },
      'dev plan: invalid resource_drift[0].change.actions "update": expected a list of actions',
    ],
  ])("%s: a failed stack in the report, exit 1", async (_what, json, message) => {
    const t = setup({ dev: { json } });
    expect(await runPlanReview(t.options(), t.env)).toBe(1);
    const report = readFileSync(t.out("report.md"), "utf8");
    expect(report).toContain("| `dev` | – | – | – | – | ❌ plan failed |");
    expect(report).toContain(message);
    expect(readFileSync(t.out("comment.md"), "utf8")).toContain(message);
    expect(JSON.parse(readFileSync(t.out("summary.json"), "utf8")).gateReasons).toEqual(["plan failed: dev"]);
    expect(t.logs).toContain("FAIL dev: unreadable plan");
  });

  test("never prints a sensitive leaf: adding an authenticate-oidc action to a listener keeps its client_secret out of every output", async () => {
    const secret = "oidc-client-secret-value";
    const forward = {
      type: "forward",
      target_group_arn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef",
    };
    const oidc = {
      type: "authenticate-oidc",
      authenticate_oidc: [{ client_id: "web", client_secret: secret, issuer: "https://idp.example.com" }],
    };
    const listener = (over: Record<string, unknown>) =>
      change({ address: "aws_lb_listener.Web_Https_1A2B3C4D", type: "aws_lb_listener", name: "Web_Https_1A2B3C4D", ...over });
    const plan = {
      format_version: "1.2",
      resource_changes: [
        // The action list grows: the walk cannot pair items, and the secret sits two levels below.
        listener({
          change: {
            actions: ["update"],
            before: { default_action: [forward] },
            after: { default_action: [oidc, forward] },
            before_sensitive: { default_action: [{}] },
            after_sensitive: { default_action: [{ authenticate_oidc: [{ client_secret: true }] }, {}] },
          },
        }),
        // A block that did not exist before (before is null).
        listener({
          address: "aws_lb_listener.Web_Admin_5E6F7A8B",
          change: {
            actions: ["update"],
            before: { default_action: null },
            after: { default_action: oidc },
            after_sensitive: { default_action: { authenticate_oidc: [{ client_secret: true }] } },
          },
        }),
      ],
    };
    const t = setup({ dev: { json: plan } });
    expect(await runPlanReview(t.options(), t.env)).toBe(0);
    for (const file of ["report.md", "comment.md", "summary.json"]) {
      const text = readFileSync(t.out(file), "utf8");
      expect(text).toContain("default_action");
      expect(text).toContain("(sensitive)");
      expect(text).not.toContain(secret);
    }
  });

  test("a well-formed plan with no changes still passes", async () => {
    const t = setup({ dev: { json: { format_version: "1.2", resource_changes: [] } } });
    expect(await runPlanReview(t.options(), t.env)).toBe(0);
  });

  test("a synthesis that produced no stacks fails instead of reviewing nothing", async () => {
    const t = setup({ dev: "fresh.plan.json" });
    const empty: CliEnvironment = { ...t.env, synthesize: async () => undefined };
    expect(await runPlanReview(t.options({ synthDir: undefined }), empty)).toBe(1);
    expect(readFileSync(t.out("report.md"), "utf8")).toContain("no stacks were synthesized in");
  });
});

describe("truncateForComment", () => {
  test("the default limit stays within GitHub's 65,536 characters per comment", () => {
    expect(MAX_COMMENT_CHARS).toBeLessThanOrEqual(65536);
    expect(MAX_COMMENT_CHARS).toBeGreaterThan(60000);
    const long = Array.from({ length: 20000 }, (_, i) => `| row ${i} | ${"x".repeat(20)} |`).join("\n");
    expect(long.length).toBeGreaterThan(65536);
    const cut = truncateForComment(long);
    expect(cut.length).toBeLessThanOrEqual(65536);
    expect(cut.length).toBeGreaterThan(60000);
  });

  test("keeps a short report whole and cuts a long one at a line with a pointer to the artifact", () => {
    expect(truncateForComment("short\n", 100)).toBe("short\n");
    const long = Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n");
    const cut = truncateForComment(long, 400);
    expect(cut.length).toBeLessThanOrEqual(400);
    expect(cut).toMatch(/line \d+\n\n> \[!NOTE\]\n> The report is longer than a comment allows/);
  });
});

describe("planWithBackend", () => {
  /** A stand-in terraform that records its arguments and answers `show -json` with an empty plan. */
  function fakeTerraform(): { binary: string; log: string } {
    const dir = mkdtempSync(join(tmpdir(), "fake-terraform-"));
    const log = join(dir, "calls.log");
    const binary = join(dir, "terraform");
    writeFileSync(
      binary,
      `#!/bin/sh\necho "$*" >> "${log}"\nif [ "$1" = "show" ]; then echo '{"format_version":"1.2","resource_changes":[]}'; fi\n`,
      { mode: 0o755 },
    );
    return { binary, log };
  }

  test.each<[boolean, string]>([
    [true, "-lock-timeout=5m"],
    [false, "-lock=false"],
  ])("lock %s plans with %s (pull request plans hold a role that cannot write the lock file)", async (lock, flag) => {
    const { binary, log } = fakeTerraform();
    const previous = process.env.TERRAFORM_BINARY;
    process.env.TERRAFORM_BINARY = binary;
    try {
      await planWithBackend(mkdtempSync(join(tmpdir(), "stack-")), "out.tfplan", true, lock);
    } finally {
      if (previous === undefined) delete process.env.TERRAFORM_BINARY;
      else process.env.TERRAFORM_BINARY = previous;
    }
    const plan = readFileSync(log, "utf8")
      .split("\n")
      .find((l) => l.startsWith("plan "))!;
    expect(plan.split(" ")).toContain(flag);
    expect(plan).not.toContain(lock ? "-lock=false" : "-lock-timeout");
  });
});
