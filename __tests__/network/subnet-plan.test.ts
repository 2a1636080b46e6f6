import { MAX_AZS, planSubnets, slotStart, type SubnetPlanInput, type TierRequest } from "../../src/network/subnet-plan";
import { ValidationIssue } from "../../src/core/errors";

const reject = (issue: ValidationIssue): never => {
  throw Object.assign(new Error(`${issue.code}: ${issue.property}`), { issue });
};
const cidrs = (input: SubnetPlanInput) => planSubnets(input, reject).map((p) => `${p.tier}${p.azIndex}=${p.cidr}`);

describe("planSubnets", () => {
  test("gives each tier without a size a region of six zone slots, an equal share of the VPC", () => {
    // 2 tiers x 6 slots = 12 slots in a /16: each slot is a /20 (the largest power of two in a twelfth).
    expect(cidrs({ vpcCidr: "10.0.0.0/16", azCount: 2, tiers: [{ tier: "public" }, { tier: "private" }] })).toEqual([
      "public0=10.0.0.0/20",
      "public1=10.0.16.0/20",
      "private0=10.0.96.0/20",
      "private1=10.0.112.0/20",
    ]);
  });

  test("places sized regions largest first and gives the rest to automatic tiers", () => {
    const plan = cidrs({
      vpcCidr: "10.0.0.0/16",
      azCount: 3,
      tiers: [{ tier: "public", prefixLength: 24 }, { tier: "private" }, { tier: "isolated", prefixLength: 22 }],
    });
    // isolated: 6 x /22 from 10.0.0.0; public: 6 x /24 from 10.0.24.0; private: 6 slots in what is left
    // (65536 - 6144 - 1536) / 6 → a /19 each, at the first free /19-aligned run (10.0.32.0).
    expect(plan).toEqual([
      "public0=10.0.24.0/24",
      "public1=10.0.25.0/24",
      "public2=10.0.26.0/24",
      "private0=10.0.32.0/19",
      "private1=10.0.64.0/19",
      "private2=10.0.96.0/19",
      "isolated0=10.0.0.0/22",
      "isolated1=10.0.4.0/22",
      "isolated2=10.0.8.0/22",
    ]);
  });

  describe("stable slots", () => {
    const layouts: Array<[string, Omit<SubnetPlanInput, "azCount">]> = [
      ["automatic tiers", { vpcCidr: "10.10.0.0/16", tiers: [{ tier: "public" }, { tier: "private" }, { tier: "isolated" }] }],
      [
        "the environments' sizes",
        {
          vpcCidr: "10.10.0.0/16",
          tiers: [
            { tier: "public", prefixLength: 24 },
            { tier: "private", prefixLength: 20 },
          ],
        },
      ],
      ["a mix", { vpcCidr: "172.16.0.0/18", tiers: [{ tier: "public", prefixLength: 26 }, { tier: "private" }] }],
      [
        "a small VPC with three reserved zones",
        {
          vpcCidr: "10.0.0.0/20",
          reservedAzs: 3,
          tiers: [
            { tier: "public", prefixLength: 24 },
            { tier: "private", prefixLength: 22 },
          ],
        },
      ],
    ];

    test.each(layouts)("adding a zone to %s adds that zone's subnets and moves none", (_name, layout) => {
      const max = layout.reservedAzs ?? MAX_AZS;
      for (let azCount = 2; azCount < max; azCount++) {
        const before = cidrs({ ...layout, azCount });
        const after = cidrs({ ...layout, azCount: azCount + 1 });
        expect(after.filter((c) => !before.includes(c))).toHaveLength(layout.tiers.length);
        expect(before.filter((c) => !after.includes(c))).toEqual([]);
      }
    });

    test("a third zone on 10.10.0.0/16 (public /24, private /20) adds two subnets; 0.1's packed layout moved two of four", () => {
      const layout = {
        vpcCidr: "10.10.0.0/16",
        tiers: [
          { tier: "public", prefixLength: 24 },
          { tier: "private", prefixLength: 20 },
        ] as TierRequest[],
      };
      expect(cidrs({ ...layout, azCount: 2 })).toEqual([
        "public0=10.10.96.0/24",
        "public1=10.10.97.0/24",
        "private0=10.10.0.0/20",
        "private1=10.10.16.0/20",
      ]);
      expect(cidrs({ ...layout, azCount: 3 })).toEqual([
        "public0=10.10.96.0/24",
        "public1=10.10.97.0/24",
        "public2=10.10.98.0/24",
        "private0=10.10.0.0/20",
        "private1=10.10.16.0/20",
        "private2=10.10.32.0/20",
      ]);
    });

    test("zone i always sits at slot i of its tier's region", () => {
      expect(slotStart(1000, 256, 0)).toBe(1000);
      expect(slotStart(1000, 256, 3)).toBe(1768);
      // IPv6 use: equal /64 subnets numbered by tier region, so netnum = tierRank * reservedAzs + azIndex.
      expect(slotStart(2 * 6, 1, 4)).toBe(16);
    });
  });

  describe("explicit blocks", () => {
    test("keeps explicit blocks and plans the other tiers' regions around them", () => {
      const plan = cidrs({
        vpcCidr: "10.1.0.0/20",
        azCount: 2,
        reservedAzs: 2,
        tiers: [
          { tier: "public", cidrBlocks: ["10.1.0.0/24", "10.1.1.0/24"] },
          { tier: "private", prefixLength: 22 },
        ],
      });
      expect(plan).toEqual(["public0=10.1.0.0/24", "public1=10.1.1.0/24", "private0=10.1.4.0/22", "private1=10.1.8.0/22"]);
    });

    test("never plans a block that overlaps an explicit one past its start address", () => {
      // 10.0.0.0/20 starts before 10.0.1.0/24 but contains it: a check of start addresses alone would miss it.
      const plan = planSubnets(
        {
          vpcCidr: "10.0.0.0/16",
          azCount: 2,
          tiers: [
            { tier: "public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] },
            { tier: "private", prefixLength: 20 },
          ],
        },
        reject,
      );
      const priv = plan.filter((p) => p.tier === "private").map((p) => p.cidr);
      expect(priv).not.toContain("10.0.0.0/20");
      expect(priv).toEqual(["10.0.16.0/20", "10.0.32.0/20"]);
    });

    test("blocks past the zone count are reserved: not created, and planned tiers avoid them", () => {
      const input = {
        vpcCidr: "10.10.0.0/16",
        tiers: [
          { tier: "public" as const, cidrBlocks: ["10.10.32.0/24", "10.10.33.0/24", "10.10.34.0/24"] },
          { tier: "private" as const, cidrBlocks: ["10.10.0.0/20", "10.10.16.0/20", "10.10.48.0/20"] },
          { tier: "isolated" as const, prefixLength: 24 },
        ],
      };
      const two = cidrs({ ...input, azCount: 2 });
      expect(two).toEqual([
        "public0=10.10.32.0/24",
        "public1=10.10.33.0/24",
        "private0=10.10.0.0/20",
        "private1=10.10.16.0/20",
        // 10.10.34.0/24 is reserved for public's third zone: the isolated region's six /24 slots start after it.
        "isolated0=10.10.35.0/24",
        "isolated1=10.10.36.0/24",
      ]);
      const three = cidrs({ ...input, azCount: 3 });
      expect(three.filter((c) => !two.includes(c))).toEqual(["public2=10.10.34.0/24", "private2=10.10.48.0/20", "isolated2=10.10.37.0/24"]);
    });
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
      "sized tiers whose reserved slots do not fit",
      { vpcCidr: "10.0.0.0/20", azCount: 2, tiers: [{ tier: "private" as const, prefixLength: 22 }] },
      "NETWORK_SUBNETS_DO_NOT_FIT",
    ],
    [
      "automatic tiers left with less than a /28 per reserved slot",
      { vpcCidr: "10.0.0.0/26", azCount: 3, tiers: [{ tier: "private" as const }] },
      "NETWORK_SUBNETS_DO_NOT_FIT",
    ],
    [
      "a subnet prefix shorter than the VPC's",
      { vpcCidr: "10.0.0.0/20", azCount: 2, tiers: [{ tier: "private" as const, prefixLength: 19 }] },
      "NETWORK_SUBNET_PREFIX",
    ],
    [
      "fewer reserved zones than zones in use",
      { vpcCidr: "10.0.0.0/16", azCount: 3, reservedAzs: 2, tiers: [{ tier: "private" as const }] },
      "NETWORK_RESERVED_AZS",
    ],
    [
      "more reserved zones than MAX_AZS",
      { vpcCidr: "10.0.0.0/16", azCount: 2, reservedAzs: 7, tiers: [{ tier: "private" as const }] },
      "NETWORK_RESERVED_AZS",
    ],
    [
      "explicit blocks for fewer zones than in use",
      { vpcCidr: "10.0.0.0/16", azCount: 3, tiers: [{ tier: "public" as const, cidrBlocks: ["10.0.0.0/24", "10.0.1.0/24"] }] },
      "NETWORK_TIER_BLOCK_COUNT",
    ],
  ])("rejects %s", (_name, input, code) => {
    expect(() => planSubnets(input, reject)).toThrow(code);
  });
});

describe("planSubnets never plans subnets that overlap (AWS refuses them at apply with InvalidSubnet.Conflict)", () => {
  /** [first address, last address] of a CIDR, computed here rather than by the planner. */
  const range = (cidr: string): [number, number] => {
    const [address, prefix] = cidr.split("/");
    const start = address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
    return [start, start + 2 ** (32 - Number(prefix)) - 1];
  };
  const expectDisjoint = (input: SubnetPlanInput) => {
    const planned = planSubnets(input, reject).map((p) => p.cidr);
    const explicit = input.tiers.flatMap((t) => t.cidrBlocks ?? []);
    const all = [...new Set([...planned, ...explicit])];
    const [vpcFirst, vpcLast] = range(input.vpcCidr);
    for (let i = 0; i < all.length; i++) {
      const [a0, a1] = range(all[i]);
      expect(a0 >= vpcFirst && a1 <= vpcLast).toBe(true);
      for (let j = i + 1; j < all.length; j++) {
        const [b0, b1] = range(all[j]);
        if (a0 <= b1 && b0 <= a1) throw new Error(`${all[i]} overlaps ${all[j]} in ${JSON.stringify(input)}`);
      }
    }
  };

  test("explicit public blocks inside the first /20 push a private /20 past them (not just past their start addresses)", () => {
    const input: SubnetPlanInput = {
      vpcCidr: "10.0.0.0/16",
      azCount: 2,
      tiers: [
        { tier: "public", cidrBlocks: ["10.0.1.0/24", "10.0.2.0/24"] },
        { tier: "private", prefixLength: 20 },
      ],
    };
    expectDisjoint(input);
    expect(cidrs(input).filter((c) => c.startsWith("private"))).not.toContain("private0=10.0.0.0/20");
  });

  test("explicit blocks that overlap without sharing a start address are refused", () => {
    expect(() =>
      cidrs({
        vpcCidr: "10.0.0.0/16",
        azCount: 2,
        tiers: [
          { tier: "public", cidrBlocks: ["10.0.0.0/22", "10.0.8.0/22"] },
          { tier: "private", cidrBlocks: ["10.0.2.0/24", "10.0.16.0/24"] },
        ],
      }),
    ).toThrow(/NETWORK_/);
    expect(() =>
      cidrs({ vpcCidr: "10.0.0.0/16", azCount: 2, tiers: [{ tier: "public", cidrBlocks: ["10.0.4.0/24", "10.0.0.0/21"] }] }),
    ).toThrow(/NETWORK_/);
  });

  // A deterministic sweep of layouts: explicit blocks at odd places, sized and automatic tiers.
  const sweep: SubnetPlanInput[] = [];
  for (const vpcCidr of ["10.0.0.0/16", "172.16.0.0/18", "192.168.0.0/20"]) {
    const [first] = range(vpcCidr);
    const base = (offset: number, prefix: number) => {
      const n = first + offset;
      return `${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".")}/${prefix}`;
    };
    const vpcPrefix = Number(vpcCidr.split("/")[1]);
    for (const azCount of [2, 3]) {
      const small = vpcPrefix + 7;
      const blockSize = 2 ** (32 - small);
      for (const offsetSlots of [1, 3, 5]) {
        const publicBlocks = Array.from({ length: azCount }, (_, i) => base((offsetSlots + i) * blockSize, small));
        for (const privatePrefix of [vpcPrefix + 4, vpcPrefix + 5, undefined]) {
          const tiers: TierRequest[] = [
            { tier: "public", cidrBlocks: publicBlocks },
            privatePrefix === undefined ? { tier: "private" } : { tier: "private", prefixLength: privatePrefix },
            { tier: "isolated", prefixLength: vpcPrefix + 6 },
          ];
          sweep.push({ vpcCidr, azCount, tiers });
        }
      }
    }
  }
  test.each(sweep.map((input) => [JSON.stringify(input), input]))("%s", (_name, input) => {
    expectDisjoint(input as SubnetPlanInput);
  });
});
