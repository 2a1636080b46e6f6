import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkStacksOffline, OfflineCheckResult } from "../../src/terraform";
import { buildPlatformApp } from "../../stacks/app";

/**
 * Every environment stack goes through the real hashicorp/aws provider: terraform validate and
 * an offline plan. Synthesized once; the plans are checked two at a time.
 */
describe("environment stacks against the real provider", () => {
  let results: Map<string, OfflineCheckResult>;

  beforeAll(async () => {
    const outdir = mkdtempSync(join(tmpdir(), "platform-out-"));
    const { app, stacks } = buildPlatformApp({ outdir });
    app.synth();
    const checked = await checkStacksOffline(stacks.map((s) => join(outdir, "stacks", s.node.id)));
    results = new Map(checked.map((r) => [r.stack, r]));
  });

  const created = (stack: string, type: string) =>
    (results.get(stack)?.plan?.resource_changes ?? []).filter((c) => c.type === type && c.change.actions.join() === "create");

  test("dev validates and plans: one NAT gateway, the Fargate endpoint preset, flow logs", () => {
    expect(results.get("dev")?.plan).toBeDefined();
    expect(created("dev", "aws_vpc")).toHaveLength(1);
    expect(created("dev", "aws_nat_gateway")).toHaveLength(1);
    expect(created("dev", "aws_vpc_endpoint")).toHaveLength(14);
    expect(created("dev", "aws_flow_log")).toHaveLength(1);
  });

  test("staging and prod validate and plan; prod has a NAT gateway per AZ", () => {
    expect(created("staging", "aws_vpc")).toHaveLength(1);
    expect(created("prod", "aws_nat_gateway")).toHaveLength(3);
    expect(created("prod", "aws_subnet")).toHaveLength(6);
  });

  test("the provider's default tags reach every taggable resource in the plan", () => {
    const vpc = created("dev", "aws_vpc")[0].change.after as { tags_all: Record<string, string> };
    expect(vpc.tags_all).toMatchObject({ Environment: "dev", Owner: "platform-team", Name: "acme-dev" });
  });
});
