import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Aspects, IAspect, TerraformStack, Testing } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { applyPolicies, logRetention, PolicyPack, PolicyPackProps, Rule, suppress } from "../../src/policy";
import { logGroup } from "./fixtures";
import { brief, newStack, unhashed } from "./helpers";

const quiet = { printSummary: false } as const;

/** A stack in an app writing to a fresh directory, with the outdir to find the reports in. */
function appStack(): { app: App; stack: TerraformStack; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), "policy-"));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "test");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  return { app, stack, outdir };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("PolicyPack", () => {
  test("fails synth on an unsuppressed error, naming the rule, the Terraform address, the problem and the fix", () => {
    const stack = newStack();
    new CloudwatchLogGroup(stack, "Forever", { name: "/forever" });
    applyPolicies(stack, { environmentClass: "non-production", ...quiet });
    expect(() => Testing.fullSynth(stack)).toThrow(
      /Encountered Annotations with level "ERROR":\n\[test\/Forever\] \[policy\] ERROR LOG-001 aws_cloudwatch_log_group\.Forever \(test\/Forever\): retention_in_days is not set, so events never expire\. Fix: Set retention_in_days/,
    );
  });

  test("writes policy-report.json and policy-report.sarif next to cdk.tf.json, also when synth fails", () => {
    const { app, stack, outdir } = appStack();
    new CloudwatchLogGroup(stack, "Forever", { name: "/forever" });
    applyPolicies(stack, { environmentClass: "production", ...quiet });
    expect(() => app.synth()).toThrow(/LOG-001/);

    const report = readJson(join(outdir, "stacks", "test", PolicyPack.REPORT_FILE));
    expect(report).toMatchObject({ stack: "test", environmentClass: "production", summary: { errors: 1, warnings: 0, suppressed: 0 } });
    expect(report.findings).toEqual([
      {
        ruleId: "LOG-001",
        severity: "error",
        constructPath: "test/Forever",
        address: "aws_cloudwatch_log_group.Forever",
        message: "retention_in_days is not set, so events never expire",
        fix: "Set retention_in_days (e.g. 90, or 365 and more where audit rules require it).",
      },
    ]);
    expect(report.rules.map((r: { id: string }) => r.id)).toEqual([...PolicyPack.DEFAULT_RULES.map((r) => r.id), "POL-001"]);
    expect(report.rules.find((r: { id: string }) => r.id === "ELB-003").severity).toBe("error");

    const sarif = readJson(join(outdir, "stacks", "test", PolicyPack.SARIF_FILE));
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.find((r: { id: string }) => r.id === "LOG-001")).toMatchObject({
      shortDescription: { text: "Log groups have a retention period" },
      defaultConfiguration: { level: "error" },
    });
    expect(run.results).toEqual([
      expect.objectContaining({
        ruleId: "LOG-001",
        level: "error",
        message: { text: expect.stringContaining("retention_in_days is not set") },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: expect.stringMatching(/stacks\/test\/cdk\.tf\.json$/) } },
            logicalLocations: [
              { fullyQualifiedName: "aws_cloudwatch_log_group.Forever", kind: "resource" },
              { fullyQualifiedName: "test/Forever", kind: "module" },
            ],
          },
        ],
      }),
    ]);
  });

  test("synthesizes when every error is suppressed; the report lists the suppressed finding with its reason", () => {
    const { app, stack, outdir } = appStack();
    const forever = new CloudwatchLogGroup(stack, "Forever", { name: "/audit" });
    suppress(forever, "LOG-001", "Audit trail kept forever by legal hold");
    applyPolicies(stack, { environmentClass: "production", ...quiet });
    app.synth();

    const report = readJson(join(outdir, "stacks", "test", PolicyPack.REPORT_FILE));
    expect(report.summary).toEqual({ errors: 0, warnings: 0, suppressed: 1 });
    expect(report.findings[0]).toMatchObject({
      ruleId: "LOG-001",
      suppressed: { reason: "Audit trail kept forever by legal hold", declaredAt: "test/Forever" },
    });
    const result = readJson(join(outdir, "stacks", "test", PolicyPack.SARIF_FILE)).runs[0].results[0];
    expect(result.suppressions).toEqual([
      expect.objectContaining({ kind: "inSource", status: "accepted", justification: "Audit trail kept forever by legal hold" }),
    ]);
    const manifest = readJson(join(outdir, "manifest.json"));
    expect(manifest.stacks.test.annotations).toEqual([
      expect.objectContaining({ level: "@cdktf/info", message: expect.stringContaining("SUPPRESSED error LOG-001") }),
    ]);
  });

  test("reports warnings without failing synth", () => {
    const { app, stack, outdir } = appStack();
    new EcsCluster(stack, "Cluster", { name: "c" });
    applyPolicies(stack, { environmentClass: "non-production", rules: PolicyPack.DEFAULT_RULES, ...quiet });
    app.synth();
    expect(readJson(join(outdir, "stacks", "test", PolicyPack.REPORT_FILE)).summary).toEqual({ errors: 0, warnings: 1, suppressed: 0 });
    expect(readJson(join(outdir, "manifest.json")).stacks.test.annotations).toEqual([
      expect.objectContaining({
        constructPath: "test/Cluster",
        level: "@cdktf/warn",
        message: expect.stringContaining("WARNING ECS-001 aws_ecs_cluster.Cluster"),
      }),
    ]);
  });

  test("is environment-aware: production turns warnings into errors and runs production-only rules", () => {
    const build = (environmentClass: PolicyPackProps["environmentClass"]) => {
      const stack = newStack();
      new Lb(stack, "Alb", { name: "web", dropInvalidHeaderFields: true });
      new EcsCluster(stack, "Cluster", { name: "c" });
      return brief(applyPolicies(stack, { environmentClass, ...quiet }).evaluate().findings);
    };
    expect(build("non-production")).toEqual(["warning ECS-001 @ Cluster: the cluster has no containerInsights setting"]);
    expect(build("production")).toEqual([
      "error ECS-001 @ Cluster: the cluster has no containerInsights setting",
      "error ELB-003 @ Alb: enable_deletion_protection is not true",
    ]);
  });

  test("sees escape-hatch overrides on the resource and on the stack", () => {
    const stack = newStack();
    new CloudwatchLogGroup(stack, "Fixed", { name: "/a" }).addOverride("retention_in_days", 30);
    const broken = logGroup(stack, "Broken");
    stack.addOverride(`resource.aws_cloudwatch_log_group.${broken.friendlyUniqueId}.retention_in_days`, 0);
    expect(brief(applyPolicies(stack, { environmentClass: "production", rules: [logRetention], ...quiet }).evaluate().findings)).toEqual([
      "error LOG-001 @ Broken: retention_in_days is 0, so events never expire",
    ]);
  });

  test("checks the stack after every Aspect, including ones added after the pack", () => {
    class DefaultRetention implements IAspect {
      visit(node: IConstruct): void {
        if (node instanceof CloudwatchLogGroup && node.retentionInDaysInput === undefined) node.retentionInDays = 14;
      }
    }
    const stack = newStack();
    applyPolicies(stack, { environmentClass: "production", rules: [logRetention], ...quiet });
    new CloudwatchLogGroup(stack, "Logs", { name: "/a" });
    Aspects.of(stack).add(new DefaultRetention());
    expect(() => Testing.fullSynth(stack)).not.toThrow();
  });

  test("prints a human summary on synth", () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const { app, stack, outdir } = appStack();
      new CloudwatchLogGroup(stack, "Forever", { name: "/forever" });
      applyPolicies(stack, { environmentClass: "non-production" });
      expect(() => app.synth()).toThrow();
      const printed = log.mock.calls.map((c) => String(c[0])).join("\n");
      expect(printed).toContain('Policy check of stack "test" (non-production): 1 error(s), 0 warning(s), 0 suppressed');
      expect(printed).toContain(
        "  ERROR LOG-001 aws_cloudwatch_log_group.Forever (test/Forever): retention_in_days is not set, so events never expire.",
      );
      expect(printed).toContain(
        `  Report: ${join(outdir, "stacks", "test", "policy-report.json")}, ${join(outdir, "stacks", "test", "policy-report.sarif")}`,
      );
      expect(printed).toContain("Synth fails until every error is fixed or suppressed with a reason.");
    } finally {
      log.mockRestore();
    }
  });

  test("adds nothing to the Terraform configuration", () => {
    const build = (withPack: boolean) => {
      const stack = newStack();
      logGroup(stack);
      if (withPack) applyPolicies(stack, { environmentClass: "production", writeReports: false, ...quiet });
      return Testing.synth(stack);
    };
    expect(build(true)).toEqual(build(false));
  });

  test("runs custom rules next to the platform's", () => {
    const acmeLogNames: Rule = {
      id: "ACME-001",
      title: "Log groups live under /acme",
      rationale: "Naming convention",
      severity: { production: "error", nonProduction: "warning" },
      appliesTo: ["aws_cloudwatch_log_group"],
      references: [],
      check: (r) =>
        String(r.config.name).startsWith("/acme/")
          ? []
          : [{ message: `name ${String(r.config.name)} is outside /acme`, fix: "Rename it." }],
    };
    const stack = newStack();
    logGroup(stack);
    const pack = applyPolicies(stack, { environmentClass: "non-production", rules: [...PolicyPack.DEFAULT_RULES, acmeLogNames], ...quiet });
    expect(brief(pack.evaluate().findings)).toEqual(["warning ACME-001 @ Logs: name /ecs/acme-test/logs is outside /acme"]);
    expect(PolicyPack.of(stack)).toBe(pack);
  });

  test("a rule that throws names itself and the resource", () => {
    const broken: Rule = {
      ...logRetention,
      id: "ACME-002",
      check: () => {
        throw new Error("boom");
      },
    };
    const stack = newStack();
    logGroup(stack);
    const pack = applyPolicies(stack, { environmentClass: "non-production", rules: [broken], ...quiet });
    expect(() => pack.evaluate()).toThrow("policy rule ACME-002 failed on aws_cloudwatch_log_group.Logs (test/Logs): boom");
  });
});

describe("suppress", () => {
  const evaluate = (stack: TerraformStack) =>
    applyPolicies(stack, { environmentClass: "production", rules: [logRetention], ...quiet }).evaluate().findings;

  test("on a construct, covers every resource under it", () => {
    const stack = newStack();
    const group = new Construct(stack, "Legacy");
    new CloudwatchLogGroup(group, "A", { name: "/a" });
    new CloudwatchLogGroup(new Construct(group, "Nested"), "B", { name: "/b" });
    new CloudwatchLogGroup(stack, "C", { name: "/c" });
    suppress(group, "LOG-001", "Legacy groups, retention managed by the archive job");
    const findings = evaluate(stack);
    expect(findings.map((f) => [unhashed(f.address ?? ""), f.suppressed?.declaredAt])).toEqual([
      ["aws_cloudwatch_log_group.C", undefined],
      ["aws_cloudwatch_log_group.Legacy_A", "test/Legacy"],
      ["aws_cloudwatch_log_group.Legacy_Nested_B", "test/Legacy"],
    ]);
  });

  test("on a single resource, covers only that resource; the nearest suppression's reason is reported", () => {
    const stack = newStack();
    const group = new Construct(stack, "Legacy");
    const a = new CloudwatchLogGroup(group, "A", { name: "/a" });
    new CloudwatchLogGroup(group, "B", { name: "/b" });
    suppress(group, "LOG-001", "Legacy groups");
    suppress(a, "LOG-001", "Archive of closed accounts");
    expect(evaluate(stack).map((f) => [unhashed(f.address ?? ""), f.suppressed?.reason])).toEqual([
      ["aws_cloudwatch_log_group.Legacy_A", "Archive of closed accounts"],
      ["aws_cloudwatch_log_group.Legacy_B", "Legacy groups"],
    ]);
  });

  test("reports a suppression that matches no finding, or names a rule the pack does not have", () => {
    const stack = newStack();
    const ok = logGroup(stack);
    suppress(ok, "LOG-001", "Was kept forever once");
    suppress(stack, "ECS-404", "Typo");
    const findings = evaluate(stack);
    expect(brief(findings)).toEqual([
      'warning POL-001 @ test: the suppression of ECS-404 ("Typo") names a rule that is not in this stack\'s policy pack',
      'warning POL-001 @ Logs: the suppression of LOG-001 ("Was kept forever once") matches no finding here or below',
    ]);
    expect(findings.map((f) => f.address)).toEqual([undefined, "aws_cloudwatch_log_group.Logs"]);
  });

  test("does not report a suppression of a rule that is off in this environment class", () => {
    const stack = newStack();
    suppress(new Lb(stack, "Alb", { name: "web", dropInvalidHeaderFields: true }), "ELB-003", "Preview environments are deleted nightly");
    expect(applyPolicies(stack, { environmentClass: "non-production", ...quiet }).evaluate().findings).toEqual([]);
  });

  test("is recorded on the construct, not in the Terraform configuration", () => {
    const stack = newStack();
    const lg = logGroup(stack);
    const before = Testing.synth(stack);
    suppress(lg, "LOG-001", "reason");
    expect(Testing.synth(stack)).toEqual(before);
  });
});
