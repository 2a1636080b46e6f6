import { planSubnets } from "../../src/network/subnet-plan";
import { ValidationIssue } from "../../src/core/errors";

const reject = (issue: ValidationIssue): never => {
  throw Object.assign(new Error(`${issue.code}: ${issue.property}`), { issue });
};

describe("planSubnets", () => {
  test("splits the VPC equally among tiers without a size, in tier then AZ order", () => {
    const plan = planSubnets({ vpcCidr: "10.0.0.0/16", azCount: 2, tiers: [{ tier: "public" }, { tier: "private" }] }, reject);
    expect(plan).toEqual([
      { tier: "public", azIndex: 0, cidr: "10.0.0.0/18" },
      { tier: "public", azIndex: 1, cidr: "10.0.64.0/18" },
      { tier: "private", azIndex: 0, cidr: "10.0.128.0/18" },
      { tier: "private", azIndex: 1, cidr: "10.0.192.0/18" },
    ]);
  });

  test("allocates sized tiers largest first without gaps and gives the rest to automatic tiers", () => {
    const plan = planSubnets(
      {
        vpcCidr: "10.0.0.0/16",
        azCount: 3,
        tiers: [{ tier: "public", prefixLength: 24 }, { tier: "private" }, { tier: "isolated", prefixLength: 22 }],
      },
      reject,
    );
    const cidrs = plan.map((p) => `${p.tier}${p.azIndex}=${p.cidr}`);
    // 3 x /24 + 3 x /22 leave ~60k addresses: each private subnet gets a /18 (the largest power of two in a third).
    expect(cidrs).toEqual([
      "public0=10.0.204.0/24",
      "public1=10.0.205.0/24",
      "public2=10.0.206.0/24",
      "private0=10.0.0.0/18",
      "private1=10.0.64.0/18",
      "private2=10.0.128.0/18",
      "isolated0=10.0.192.0/22",
      "isolated1=10.0.196.0/22",
      "isolated2=10.0.200.0/22",
    ]);
  });

  test("keeps explicit blocks and plans around them", () => {
    const plan = planSubnets(
      {
        vpcCidr: "10.1.0.0/20",
        azCount: 2,
        tiers: [
          { tier: "public", cidrBlocks: ["10.1.0.0/24", "10.1.1.0/24"] },
          { tier: "private", prefixLength: 22 },
        ],
      },
      reject,
    );
    expect(plan.map((p) => p.cidr)).toEqual(["10.1.0.0/24", "10.1.1.0/24", "10.1.4.0/22", "10.1.8.0/22"]);
  });

  test("is deterministic", () => {
    const input = {
      vpcCidr: "172.16.0.0/16",
      azCount: 3,
      tiers: [{ tier: "public" as const, prefixLength: 26 }, { tier: "private" as const }],
    };
    expect(planSubnets(input, reject)).toEqual(planSubnets(input, reject));
  });

  test.each([
    ["a VPC prefix outside /16-/28", { vpcCidr: "10.0.0.0/8", azCount: 2, tiers: [{ tier: "private" as const }] }, "NETWORK_VPC_PREFIX"],
    [
      "sized tiers that do not fit",
      { vpcCidr: "10.0.0.0/24", azCount: 2, tiers: [{ tier: "private" as const, prefixLength: 24 }] },
      "NETWORK_SUBNETS_DO_NOT_FIT",
    ],
    [
      "automatic tiers left with less than a /28",
      { vpcCidr: "10.0.0.0/27", azCount: 3, tiers: [{ tier: "private" as const }] },
      "NETWORK_SUBNETS_DO_NOT_FIT",
    ],
    [
      "a subnet prefix shorter than the VPC's",
      { vpcCidr: "10.0.0.0/20", azCount: 2, tiers: [{ tier: "private" as const, prefixLength: 19 }] },
      "NETWORK_SUBNET_PREFIX",
    ],
  ])("rejects %s", (_name, input, code) => {
    expect(() => planSubnets(input, reject)).toThrow(code);
  });
});
