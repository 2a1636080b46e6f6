import {
  IPV6_SUBNET_NEWBITS,
  ipv6SubnetNumber,
  isIpv6Cidr,
  MAX_AZS,
  planSubnets,
  slotStart,
  type SubnetPlanInput,
  type TierRequest,
} from "../../src/network/subnet-plan";
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

describe("what a user is told about a plan that cannot be made", () => {
  /** The issue planSubnets rejects `input` with (code, property, value and what is allowed reach the ValidationError). */
  const issueOf = (input: SubnetPlanInput): ValidationIssue => {
    try {
      planSubnets(input, reject);
    } catch (error) {
      return (error as { issue: ValidationIssue }).issue;
    }
    throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  };
  const two = { azCount: 2, tiers: [{ tier: "private" as const }] };

  test.each<[string, unknown, string]>([
    ["host bits set", "10.0.0.1/16", "(Given IP number portion must is not the start of the range)"],
    ["three octets", "10.0.0/16", "(An IP4 number cannot have less or greater than 4 octets)"],
    ["no prefix", "10.0.0.0", "(Cidr notation should be in the form [ip number]/[range])"],
    [
      "two mistakes",
      "300.0.0.1/40",
      "(Value given contains an invalid Octet; Value is less than zero or is greater than 8bit; A Prefix value cannot be less than 0 or greater than 32)",
    ],
  ])("a VPC CIDR with %s names the CIDR rule and why", (_what, vpcCidr, why) => {
    expect(issueOf({ ...two, vpcCidr: vpcCidr as string })).toEqual({
      code: "NETWORK_INVALID_CIDR",
      property: "cidr",
      value: vpcCidr,
      allowed: `an IPv4 CIDR block whose address is the start of its range, such as 10.0.0.0/16 ${why}`,
    });
  });

  test.each([10, undefined, null, ["10.0.0.0/16"]])(
    "a VPC CIDR that is not a string (%p, from JSON or JavaScript) is the same error",
    (vpcCidr) => {
      expect(issueOf({ ...two, vpcCidr: vpcCidr as unknown as string })).toEqual({
        code: "NETWORK_INVALID_CIDR",
        property: "cidr",
        value: vpcCidr,
        allowed: "an IPv4 CIDR block whose address is the start of its range, such as 10.0.0.0/16",
      });
    },
  );

  test.each(["10.0.0.0/15", "10.0.0.0/29"])("a VPC prefix just outside /16-/28 (%s)", (vpcCidr) => {
    expect(issueOf({ ...two, vpcCidr })).toEqual({
      code: "NETWORK_VPC_PREFIX",
      property: "cidr",
      value: vpcCidr,
      allowed: "a prefix length from /16 to /28 (AWS VPC limits)",
    });
  });

  test("the VPC prefixes at the limits are planned: a /16 and a /28", () => {
    expect(cidrs({ vpcCidr: "10.0.0.0/16", azCount: 1, reservedAzs: 1, tiers: [{ tier: "private" }] })).toEqual(["private0=10.0.0.0/16"]);
    expect(cidrs({ vpcCidr: "10.0.0.0/28", azCount: 1, reservedAzs: 1, tiers: [{ tier: "private" }] })).toEqual(["private0=10.0.0.0/28"]);
  });

  test.each<[number, number]>([
    [1, 2],
    [2.5, 2],
    [7, 2],
  ])("reservedAzs %p with %p zones in use", (reservedAzs, azCount) => {
    expect(issueOf({ vpcCidr: "10.0.0.0/16", azCount, reservedAzs, tiers: [{ tier: "private" }] })).toEqual({
      code: "NETWORK_RESERVED_AZS",
      property: "reservedAzs",
      value: reservedAzs,
      allowed: `a whole number of zone slots from the zones in use (${azCount}) to 6`,
    });
  });

  test("reservedAzs may equal the zones in use, and be 6", () => {
    expect(cidrs({ vpcCidr: "10.0.0.0/16", azCount: 2, reservedAzs: 2, tiers: [{ tier: "private" }] })).toEqual([
      "private0=10.0.0.0/17",
      "private1=10.0.128.0/17",
    ]);
    expect(cidrs({ vpcCidr: "10.0.0.0/16", azCount: 6, reservedAzs: 6, tiers: [{ tier: "private" }] })).toHaveLength(6);
  });

  test("a tier with both a size and blocks", () => {
    expect(
      issueOf({ vpcCidr: "10.0.0.0/16", azCount: 1, tiers: [{ tier: "public", prefixLength: 24, cidrBlocks: ["10.0.0.0/24"] }] }),
    ).toEqual({
      code: "NETWORK_TIER_CONFLICT",
      property: "tiers.public",
      value: { prefixLength: 24, cidrBlocks: ["10.0.0.0/24"] },
      allowed: "either prefixLength or cidrBlocks, not both",
    });
  });

  test.each<[string, unknown]>([
    ["fewer blocks than zones", ["10.0.0.0/24"]],
    ["more blocks than six zone slots", Array.from({ length: 7 }, (_, i) => `10.0.${i}.0/24`)],
    ["a string instead of a list (from JSON)", "10.0.0.0/24"],
  ])("cidrBlocks with %s", (_what, cidrBlocks) => {
    expect(issueOf({ vpcCidr: "10.0.0.0/16", azCount: 2, tiers: [{ tier: "isolated", cidrBlocks: cidrBlocks as string[] }] })).toEqual({
      code: "NETWORK_TIER_BLOCK_COUNT",
      property: "tiers.isolated.cidrBlocks",
      value: cidrBlocks,
      allowed: "one block per availability zone slot: at least 2 (the zones in use), at most 6",
    });
  });

  test("six blocks, one per zone slot, are kept", () => {
    const blocks = Array.from({ length: 6 }, (_, i) => `10.0.${i}.0/24`);
    expect(cidrs({ vpcCidr: "10.0.0.0/16", azCount: 6, tiers: [{ tier: "public", cidrBlocks: blocks }] })).toEqual(
      blocks.map((b, i) => `public${i}=${b}`),
    );
  });

  test.each([
    ["below the VPC", "9.255.255.0/24"],
    ["above the VPC", "10.1.0.0/24"],
  ])("an explicit block %s", (_where, block) => {
    expect(issueOf({ vpcCidr: "10.0.0.0/16", azCount: 2, tiers: [{ tier: "public", cidrBlocks: ["10.0.0.0/24", block] }] })).toEqual({
      code: "NETWORK_SUBNET_OUTSIDE_VPC",
      property: "tiers.public.cidrBlocks[1]",
      value: block,
      allowed: "a block inside the VPC CIDR 10.0.0.0/16",
    });
  });

  test("explicit blocks at the first and the last address of the VPC are kept", () => {
    expect(
      cidrs({ vpcCidr: "10.0.0.0/16", azCount: 2, tiers: [{ tier: "public", cidrBlocks: ["10.0.0.0/24", "10.0.255.0/24"] }] }),
    ).toEqual(["public0=10.0.0.0/24", "public1=10.0.255.0/24"]);
  });

  test("an explicit block that is not a CIDR names its tier and zone", () => {
    expect(
      issueOf({ vpcCidr: "10.0.0.0/16", azCount: 2, tiers: [{ tier: "public", cidrBlocks: ["10.0.0.0/24", "10.0.1.1/24"] }] }),
    ).toMatchObject({
      code: "NETWORK_INVALID_CIDR",
      property: "tiers.public.cidrBlocks[1]",
      value: "10.0.1.1/24",
    });
  });

  test("an explicit block that overlaps another names the block it overlaps, its tier and zone", () => {
    expect(
      issueOf({
        vpcCidr: "10.0.0.0/16",
        azCount: 2,
        tiers: [
          { tier: "public", cidrBlocks: ["10.0.0.0/24", "10.0.8.0/22"] },
          { tier: "private", cidrBlocks: ["10.0.16.0/24", "10.0.9.0/24"] },
        ],
      }),
    ).toEqual({
      code: "NETWORK_SUBNETS_OVERLAP",
      property: "tiers.private.cidrBlocks[1]",
      value: "10.0.9.0/24",
      allowed: "a block that does not overlap 10.0.8.0/22 (tiers.public, availability zone 2)",
    });
  });

  test.each<[string, TierRequest, unknown, string]>([
    ["a sized tier shorter than the VPC", { tier: "private", prefixLength: 15 }, 15, "/16 (the VPC's)"],
    ["a sized tier past /28", { tier: "private", prefixLength: 29 }, 29, "/16 (the VPC's)"],
    ["a size that is not whole", { tier: "private", prefixLength: 24.5 }, 24.5, "/16 (the VPC's)"],
  ])("%s", (_what, tier, value, from) => {
    expect(issueOf({ vpcCidr: "10.0.0.0/16", azCount: 2, tiers: [tier] })).toEqual({
      code: "NETWORK_SUBNET_PREFIX",
      property: "tiers.private.prefixLength",
      value,
      allowed: `a subnet prefix length from ${from} to /28`,
    });
  });

  test("an explicit block shorter than a /20 VPC names the VPC's prefix as the shortest", () => {
    expect(issueOf({ vpcCidr: "10.0.0.0/20", azCount: 1, tiers: [{ tier: "public", cidrBlocks: ["10.0.0.0/19"] }] })).toEqual({
      code: "NETWORK_SUBNET_PREFIX",
      property: "tiers.public.cidrBlocks[0]",
      value: "10.0.0.0/19",
      allowed: "a subnet prefix length from /20 (the VPC's) to /28",
    });
  });

  test("sized subnets at /28 and at the VPC's own prefix are planned", () => {
    expect(cidrs({ vpcCidr: "10.0.0.0/20", azCount: 1, reservedAzs: 1, tiers: [{ tier: "private", prefixLength: 20 }] })).toEqual([
      "private0=10.0.0.0/20",
    ]);
    expect(cidrs({ vpcCidr: "10.0.0.0/20", azCount: 1, tiers: [{ tier: "private", prefixLength: 28 }] })).toEqual(["private0=10.0.0.0/28"]);
  });

  test("a sized tier whose reserved slots do not fit says how big it is and what to change", () => {
    expect(issueOf({ vpcCidr: "10.0.0.0/20", azCount: 2, tiers: [{ tier: "private", prefixLength: 22 }] })).toEqual({
      code: "NETWORK_SUBNETS_DO_NOT_FIT",
      property: "tiers.private",
      value: "/22",
      allowed:
        "subnets whose 6 reserved zone slots fit in the VPC CIDR 10.0.0.0/20 alongside the other tiers (use a larger VPC, smaller subnets or fewer reservedAzs)",
    });
  });

  test("sized slots that fill the VPC exactly are planned", () => {
    // 4 reserved slots of /22 are exactly a /20.
    expect(cidrs({ vpcCidr: "10.0.0.0/20", azCount: 2, reservedAzs: 4, tiers: [{ tier: "private", prefixLength: 22 }] })).toEqual([
      "private0=10.0.0.0/22",
      "private1=10.0.4.0/22",
    ]);
  });

  test("automatic tiers left with less than a /28 per slot name the tiers and the remedies", () => {
    expect(issueOf({ vpcCidr: "10.0.0.0/26", azCount: 3, tiers: [{ tier: "private" }, { tier: "isolated" }] })).toEqual({
      code: "NETWORK_SUBNETS_DO_NOT_FIT",
      property: "tiers",
      value: ["private", "isolated"],
      allowed:
        "subnets that fit in 10.0.0.0/26: the tiers without a prefixLength would get less than a /28 for each of their 6 reserved zone slots; use a larger VPC, set prefixLength or fewer reservedAzs",
    });
  });

  test("automatic tiers with exactly a /28 per slot are planned", () => {
    // A /25 is 8 slots of /28: 2 tiers x 4 reserved zones.
    expect(cidrs({ vpcCidr: "10.0.0.0/25", azCount: 1, reservedAzs: 4, tiers: [{ tier: "private" }, { tier: "isolated" }] })).toEqual([
      "private0=10.0.0.0/28",
      "isolated0=10.0.0.64/28",
    ]);
  });

  test("automatic slots shrink until they fit around explicit blocks that fragment the space", () => {
    // 10.0.0.0/24 minus two /28 blocks: a share of 112 addresses per slot makes /26 slots the first
    // try, but no aligned run of two free /26s exists; halved to /27, the two slots fit at the start.
    expect(
      cidrs({
        vpcCidr: "10.0.0.0/24",
        azCount: 2,
        reservedAzs: 2,
        tiers: [{ tier: "public", cidrBlocks: ["10.0.0.64/28", "10.0.0.192/28"] }, { tier: "private" }],
      }),
    ).toEqual(["public0=10.0.0.64/28", "public1=10.0.0.192/28", "private0=10.0.0.0/27", "private1=10.0.0.32/27"]);
  });

  test("automatic tiers that cannot be placed at any size from their share down to /28 are refused", () => {
    // Explicit /28 blocks at every other /28 of a /26 leave 32 free addresses, a /28-sized share,
    // but no two adjacent free /28s for a tier's 2 reserved slots.
    expect(
      issueOf({
        vpcCidr: "10.0.0.0/26",
        azCount: 2,
        reservedAzs: 2,
        tiers: [{ tier: "public", cidrBlocks: ["10.0.0.0/28", "10.0.0.32/28"] }, { tier: "private" }],
      }),
    ).toMatchObject({ code: "NETWORK_SUBNETS_DO_NOT_FIT", property: "tiers", value: ["private"] });
  });

  test("sized tiers of the same size keep tier order; sized ones go before automatic ones", () => {
    expect(
      cidrs({
        vpcCidr: "10.0.0.0/16",
        azCount: 1,
        tiers: [{ tier: "isolated" }, { tier: "private", prefixLength: 24 }, { tier: "public", prefixLength: 24 }],
      }),
    ).toEqual(["public0=10.0.6.0/24", "private0=10.0.0.0/24", "isolated0=10.0.32.0/19"]);
  });
});

describe("IPv6 subnet numbers and CIDRs", () => {
  test("each tier owns 16 subnet numbers and zone i takes number i of them", () => {
    expect([ipv6SubnetNumber("public", 0), ipv6SubnetNumber("public", 5)]).toEqual([0, 5]);
    expect([ipv6SubnetNumber("private", 0), ipv6SubnetNumber("private", 1)]).toEqual([16, 17]);
    expect(ipv6SubnetNumber("isolated", 2)).toBe(34);
    expect(IPV6_SUBNET_NEWBITS).toBe(8);
  });

  test.each<[unknown, boolean]>([
    ["2001:db8::/56", true],
    ["2001:db8:0:5610::/64", true],
    ["2001:db8::1/56", false],
    ["10.0.0.0/16", false],
    ["2001:db8::", false],
    [56, false],
    [undefined, false],
  ])("isIpv6Cidr(%p) is %p", (cidr, expected) => {
    expect(isIpv6Cidr(cidr)).toBe(expected);
  });
});
