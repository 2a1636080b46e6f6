import { readFileSync } from "node:fs";
import { join } from "node:path";
import { elbDeletionProtection, Finding, logRetention, PolicyResource, toSarif } from "../../src/policy";
import { buildReport, formatFinding, renderSummary } from "../../src/policy/report";
import { referencedAddresses, StackIndex } from "../../src/policy/inventory";
import { renderRulesTable } from "../../src/policy/rules-table";

const error: Finding = {
  ruleId: "LOG-001",
  severity: "error",
  constructPath: "dev/Logs",
  address: "aws_cloudwatch_log_group.Logs",
  message: "retention_in_days is not set",
  fix: "Set it.",
};
const suppressed: Finding = {
  ...error,
  constructPath: "dev/Audit",
  address: "aws_cloudwatch_log_group.Audit",
  suppressed: { reason: "Legal hold", declaredAt: "dev/Audit" },
};
const unused: Finding = {
  ruleId: "POL-001",
  severity: "warning",
  constructPath: "dev/Old",
  message: 'the suppression of ECS-003 ("x") matches no finding here or below',
  fix: "Remove the suppression.",
};

describe("buildReport", () => {
  test("counts unsuppressed errors and warnings separately from suppressed findings, and lists each rule's severity", () => {
    const report = buildReport("dev", "non-production", [logRetention, elbDeletionProtection], [error, suppressed, unused]);
    expect(report.summary).toEqual({ errors: 1, warnings: 1, suppressed: 1 });
    expect(report.rules.map((r) => [r.id, r.severity])).toEqual([
      ["LOG-001", "error"],
      ["ELB-003", "off"],
      ["POL-001", "warning"],
    ]);
    expect(report.findings[2]).not.toHaveProperty("address");
  });
});

describe("renderSummary", () => {
  test("prints one line per finding with the address, construct path, fix and any suppression", () => {
    const text = renderSummary(buildReport("dev", "production", [logRetention], [error, suppressed]), ["out/policy-report.json"]);
    expect(text.split("\n")).toEqual([
      'Policy check of stack "dev" (production): 1 error(s), 0 warning(s), 1 suppressed',
      "  ERROR LOG-001 aws_cloudwatch_log_group.Logs (dev/Logs): retention_in_days is not set. Fix: Set it.",
      "  SUPPRESSED error LOG-001 aws_cloudwatch_log_group.Audit (dev/Audit): retention_in_days is not set. Fix: Set it. [suppressed at dev/Audit: Legal hold]",
      "  Report: out/policy-report.json",
      "  Synth fails until every error is fixed or suppressed with a reason.",
    ]);
  });

  test("names the construct path when the finding is not about a resource", () => {
    expect(formatFinding(unused)).toBe(
      'WARNING POL-001 dev/Old: the suppression of ECS-003 ("x") matches no finding here or below. Fix: Remove the suppression.',
    );
  });
});

describe("toSarif", () => {
  const sarif = toSarif(buildReport("dev", "non-production", [logRetention, elbDeletionProtection], [error, suppressed, unused]), {
    artifactUri: "cdktf.out/stacks/dev/cdk.tf.json",
  }) as any;
  const run = sarif.runs[0];

  test("describes every rule, with rules that are off in this environment class disabled", () => {
    expect(run.tool.driver.rules.map((r: any) => [r.id, r.defaultConfiguration])).toEqual([
      ["LOG-001", { level: "error", enabled: true }],
      ["ELB-003", { level: "none", enabled: false }],
      ["POL-001", { level: "warning", enabled: true }],
    ]);
    expect(run.tool.driver.rules[0].help.text).toContain("See also: CKV_AWS_66");
  });

  test("points each result at the stack file and the resource address, with a stable fingerprint", () => {
    expect(run.results[0]).toEqual({
      ruleId: "LOG-001",
      ruleIndex: 0,
      level: "error",
      message: { text: "retention_in_days is not set. Fix: Set it." },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: "cdktf.out/stacks/dev/cdk.tf.json" } },
          logicalLocations: [
            { fullyQualifiedName: "aws_cloudwatch_log_group.Logs", kind: "resource" },
            { fullyQualifiedName: "dev/Logs", kind: "module" },
          ],
        },
      ],
      partialFingerprints: { policyFinding: "LOG-001|aws_cloudwatch_log_group.Logs|retention_in_days is not set" },
    });
    expect(run.results[2].locations[0].logicalLocations).toEqual([{ fullyQualifiedName: "dev/Old", kind: "module" }]);
  });

  test("marks suppressed findings as accepted in-source suppressions with the reason", () => {
    expect(run.results[1].suppressions).toEqual([
      {
        kind: "inSource",
        status: "accepted",
        justification: "Legal hold",
        location: { logicalLocations: [{ fullyQualifiedName: "dev/Audit" }] },
      },
    ]);
  });
});

describe("StackIndex", () => {
  const resource = (type: string, name: string, config: Record<string, unknown> = {}): PolicyResource => ({
    type,
    address: `${type}.${name}`,
    constructPath: `dev/${name}`,
    config,
    taggable: true,
  });

  test("finds the in-stack resources a value refers to, at any depth", () => {
    const vpc = resource("aws_vpc", "Vpc");
    const doc = resource("data.aws_iam_policy_document", "Doc");
    const index = new StackIndex({ resources: [vpc, doc], providers: {} }, "production");
    expect(
      index.referencedBy({
        a: ["${aws_vpc.Vpc.id}"],
        b: "${data.aws_iam_policy_document.Doc.json}",
        c: "${var.x} ${aws_subnet.Missing.id}",
      }),
    ).toEqual([vpc, doc]);
    expect(index.refersTo("${element(aws_vpc.Vpc.*.id, 0)}", vpc)).toBe(true);
    expect(index.refersTo("aws_vpc.Vpc.id", vpc)).toBe(false);
  });

  test("reads default tags of the resource's provider, by alias; unknown when set from an expression", () => {
    const index = new StackIndex(
      {
        resources: [],
        providers: {
          aws: [
            { region: "eu-west-1", default_tags: [{ tags: { Owner: "a" } }] },
            { alias: "us", default_tags: "${var.tags}" },
            { alias: "none" },
          ],
        },
      },
      "production",
    );
    expect(index.providerDefaultTags(resource("aws_vpc", "A"))).toEqual({ Owner: "a" });
    expect(index.providerDefaultTags(resource("aws_vpc", "B", { provider: "aws.us" }))).toBeUndefined();
    expect(index.providerDefaultTags(resource("aws_vpc", "C", { provider: "aws.none" }))).toEqual({});
  });

  test("referencedAddresses ignores literals and variables' own names", () => {
    expect(referencedAddresses("arn:aws:s3:::bucket/aws_vpc.x")).toEqual([]);
    expect(referencedAddresses("${aws_lb.Alb.arn}/${var.suffix}")).toEqual(["aws_lb.Alb", "var.suffix"]);
  });
});

describe("renderRulesTable", () => {
  test("the rules table in docs/guardrails.md is the generated one", () => {
    const docs = readFileSync(join(__dirname, "..", "..", "docs", "guardrails.md"), "utf8");
    const committed = /<!-- rules-table:start -->\n([\s\S]*?)\n<!-- rules-table:end -->/.exec(docs)?.[1];
    expect(committed).toBe(renderRulesTable());
  });

  test("has a row per rule with its severities and the other tools' ids", () => {
    const rows = renderRulesTable().split("\n");
    expect(rows).toHaveLength(2 + 33 + 1);
    expect(rows.find((r) => r.startsWith("| ELB-003 "))).toBe(
      "| ELB-003 | Production load balancers have deletion protection | error | – | `aws_lb`, `aws_alb` | Deleting a production load balancer drops all traffic and loses its DNS name; deletion protection makes that a two-step, deliberate change. | CKV_AWS_150, Security Hub ELB.6, NIST.800.53.R5-ELBDeletionProtectionEnabled |",
    );
  });
});
