import { changesOf, offlinePlan } from "../offline/offline-plans";

/** Every environment stack goes through the real hashicorp/aws provider: terraform validate and an offline plan. */
describe("environment stacks against the real provider", () => {
  test("dev validates and plans: one NAT gateway, the Fargate endpoint preset, flow logs", async () => {
    const plan = await offlinePlan("dev");
    expect(changesOf(plan, "aws_vpc")).toHaveLength(1);
    expect(changesOf(plan, "aws_nat_gateway")).toHaveLength(1);
    expect(changesOf(plan, "aws_vpc_endpoint")).toHaveLength(14);
    expect(changesOf(plan, "aws_flow_log")).toHaveLength(1);
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
});
