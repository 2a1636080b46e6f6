import { changesOf, offlinePlan, offlinePlanStages } from "../offline/offline-plans";

/** Every environment stack goes through the real hashicorp/aws provider: terraform validate and an offline plan. */
describe("environment stacks against the real provider", () => {
  test("dev validates and plans: one NAT gateway, the Fargate endpoint preset, flow logs", async () => {
    const plan = await offlinePlan("dev");
    expect(changesOf(plan, "aws_vpc")).toHaveLength(1);
    expect(changesOf(plan, "aws_nat_gateway")).toHaveLength(1);
    expect(changesOf(plan, "aws_vpc_endpoint")).toHaveLength(14);
    expect(changesOf(plan, "aws_flow_log")).toHaveLength(1);
  });

  test("the combined run plans without a separate validate (plan validates anyway)", async () => {
    expect(await offlinePlanStages("dev")).toEqual(["init", "plan", "show"]);
  });

  test("staging and prod validate and plan; prod has a NAT gateway per AZ", async () => {
    expect(changesOf(await offlinePlan("staging"), "aws_vpc")).toHaveLength(1);
    const prod = await offlinePlan("prod");
    expect(changesOf(prod, "aws_nat_gateway")).toHaveLength(3);
    expect(changesOf(prod, "aws_subnet")).toHaveLength(6);
  });

  test("the provider's default tags reach every taggable resource in the plan", async () => {
    const vpc = changesOf(await offlinePlan("dev"), "aws_vpc")[0].change.after as { tags_all: Record<string, string> };
    expect(vpc.tags_all).toMatchObject({ Environment: "dev", Owner: "platform-team", Name: "acme-dev" });
  });

  test.each([
    ["dev", "111111111111"],
    ["prod", "333333333333"],
  ])(
    "%s: every service-principal trust policy is scoped to the environment's account %s (EC2 instance roles excepted)",
    async (env, account) => {
      const roles = changesOf(await offlinePlan(env), "aws_iam_role").map(
        (c) => (c.change.after as { assume_role_policy: string }).assume_role_policy,
      );
      const trusted = roles.map((policy) => JSON.parse(policy).Statement[0]).filter((s) => s.Principal.Service !== "ec2.amazonaws.com");
      expect(trusted.length).toBeGreaterThan(3);
      for (const statement of trusted) expect(statement.Condition?.StringEquals?.["aws:SourceAccount"]).toBe(account);
    },
  );
});
