import { IPv4CidrRange, Validator } from "ip-num";
import { ValidationIssue } from "../core/errors";

/**
 * Subnet arithmetic, kept free of constructs so it can be tested on its own.
 *
 * CIDR parsing and validation use `ip-num` (small, typed, maintained). Allocation is our own
 * first-fit over aligned blocks: ip-num's `Pool` throws on free space that is not itself a CIDR
 * block (e.g. a /16 minus a /24), which is the normal case once explicit blocks are reserved.
 */

export type SubnetTier = "public" | "private" | "isolated";

/** Tiers in the fixed order they are planned and rendered. */
export const SUBNET_TIERS: readonly SubnetTier[] = ["public", "private", "isolated"];

/** Shortest prefix AWS allows for a VPC or subnet: a /16 (65,536 addresses). */
export const MIN_PREFIX_LENGTH = 16;
/** Longest prefix AWS allows for a VPC or subnet: a /28 (16 addresses, 11 usable after AWS reserves 5). */
export const MAX_PREFIX_LENGTH = 28;

/** Most availability zones a network can span, and the slots a planned tier reserves unless told otherwise. */
export const MAX_AZS = 6;

/** One tier to plan: a size, explicit blocks, or neither (an equal share of what is left). */
export interface TierRequest {
  /** Which tier the subnets belong to. */
  readonly tier: SubnetTier;
  /**
   * Prefix length of each subnet in the tier, from the VPC's own to 28.
   * @default - an equal share of the space the other tiers leave
   */
  readonly prefixLength?: number;
  /**
   * Explicit blocks by availability zone slot: entry `i` is the subnet of zone `i`. At least one per
   * zone; entries past the zone count are reserved for zones added later (planned tiers avoid them).
   * @default - planned
   */
  readonly cidrBlocks?: readonly string[];
}

/** What {@link planSubnets} divides: a VPC block, a zone count and the tiers. */
export interface SubnetPlanInput {
  /** The VPC's IPv4 CIDR block, /16 to /28. */
  readonly vpcCidr: string;
  /** Number of availability zones: each tier gets one subnet per zone. */
  readonly azCount: number;
  /**
   * Availability zone slots each planned tier reserves, counting the zones in use: the most zones the
   * network can grow to without any subnet moving. Unlike AWS CDK's `reservedAzs`, this is a total.
   * @default MAX_AZS (6)
   */
  readonly reservedAzs?: number;
  /** The tiers to plan, in any order (explicit blocks are reserved first). */
  readonly tiers: readonly TierRequest[];
}

/** One subnet of a plan. */
export interface PlannedSubnet {
  /** The tier the subnet belongs to. */
  readonly tier: SubnetTier;
  /** Zero-based index into the network's availability zones. */
  readonly azIndex: number;
  /** The subnet's IPv4 CIDR block, e.g. `10.0.64.0/18`. */
  readonly cidr: string;
}

/** Called with what is wrong; must throw. */
export type Reject = (issue: ValidationIssue) => never;

/** An IPv4 address block as numbers, for subnet arithmetic. */
export interface CidrBlock {
  /** The first address as an unsigned 32-bit integer. */
  readonly start: number;
  /** Number of addresses, a power of two (256 for a /24). */
  readonly size: number;
}

/** Parses `a.b.c.d/n` strictly (no host bits set); rejects through `reject`. */
export function parseCidr(cidr: string, property: string, reject: Reject): CidrBlock & { prefix: number } {
  // ip-num throws a TypeError on anything but a string (a number or null from a JSON config).
  const [valid, messages] = typeof cidr === "string" ? Validator.isValidIPv4CidrRange(cidr) : ([false, []] as [boolean, string[]]);
  if (!valid) {
    const why = messages.length > 0 ? ` (${messages.join("; ")})` : "";
    reject({
      code: "NETWORK_INVALID_CIDR",
      property,
      value: cidr,
      allowed: `an IPv4 CIDR block whose address is the start of its range, such as 10.0.0.0/16${why}`,
    });
  }
  const range = IPv4CidrRange.fromCidr(cidr);
  const prefix = Number(range.cidrPrefix.getValue());
  return { start: Number(range.getFirst().getValue()), size: Number(range.getSize()), prefix };
}

/** Writes a block back as `a.b.c.d/n`. */
export function formatCidr(block: CidrBlock): string {
  const s = block.start;
  const prefix = 32 - Math.log2(block.size);
  return `${(s >>> 24) & 255}.${(s >>> 16) & 255}.${(s >>> 8) & 255}.${s & 255}/${prefix}`;
}

function overlaps(a: CidrBlock, b: CidrBlock): boolean {
  return a.start < b.start + b.size && b.start < a.start + a.size;
}

/**
 * The stable slot rule every layout follows: a tier owns a region of `reservedAzs` equal slots, and
 * availability zone `azIndex` always takes slot `azIndex` of it. Nothing about the other zones enters
 * the sum, so adding or removing a zone never moves another zone's subnet.
 *
 * IPv4 uses it with address offsets (`slotStart(region.start, size, i)`); the IPv6 layout of equal /64
 * subnets uses it with subnet numbers ({@link ipv6SubnetNumber}: `slotStart(tierRank * 16, 1, i)` as
 * `cidrsubnet`'s netnum).
 */
export function slotStart(regionStart: number, slotSize: number, azIndex: number): number {
  return regionStart + azIndex * slotSize;
}

/** Bits between the VPC's Amazon-provided IPv6 block (a /56) and a subnet's (a /64): 256 subnet numbers. */
export const IPV6_SUBNET_NEWBITS = 8;
/**
 * Subnet numbers each tier owns in the IPv6 layout: public 0x00-0x0f, private 0x10-0x1f, isolated
 * 0x20-0x2f. A fixed stride (not `reservedAzs`) so the IPv6 layout never depends on a setting, and
 * the tier reads in the address (`2001:db8:0:5610::/64` is a private subnet, zone 1).
 */
export const IPV6_TIER_STRIDE = 16;

/**
 * The `cidrsubnet(vpc_ipv6_cidr, 8, n)` subnet number of a tier's subnet in zone `azIndex`: the same
 * stable slot rule as IPv4 ({@link slotStart}), so adding or removing a zone never moves another
 * zone's IPv6 block. The VPC's block is only known at apply, so the number, not the CIDR, is planned.
 */
export function ipv6SubnetNumber(tier: SubnetTier, azIndex: number): number {
  return slotStart(SUBNET_TIERS.indexOf(tier) * IPV6_TIER_STRIDE, 1, azIndex);
}

/** True when `cidr` is an IPv6 CIDR block whose address is the start of its range (`2001:db8::/56`). */
export function isIpv6Cidr(cidr: unknown): boolean {
  return typeof cidr === "string" && Validator.isValidIPv6CidrRange(cidr)[0];
}

/** The region of one planned tier: `slots` aligned blocks of `size` addresses from `start`. */
interface TierRegion {
  readonly tier: SubnetTier;
  readonly start: number;
  readonly size: number;
}

/**
 * Plans one subnet per tier per availability zone inside the VPC CIDR, deterministically and stably.
 *
 * Explicit `cidrBlocks` (including reserved entries past the zone count) are taken first. Every other
 * tier gets a region of `reservedAzs` slots of its subnet size; zone `i` takes slot `i`
 * ({@link slotStart}). Tiers with a `prefixLength` have that size; tiers with neither share what is left
 * equally (the largest power of two that fits). Regions are placed largest first, each at the lowest
 * aligned address where all its slots are free. The zone count never enters the layout, so adding or
 * removing the last zone adds or removes only that zone's subnets.
 */
export function planSubnets(input: SubnetPlanInput, reject: Reject): PlannedSubnet[] {
  const vpc = parseCidr(input.vpcCidr, "cidr", reject);
  if (vpc.prefix < MIN_PREFIX_LENGTH || vpc.prefix > MAX_PREFIX_LENGTH) {
    reject({
      code: "NETWORK_VPC_PREFIX",
      property: "cidr",
      value: input.vpcCidr,
      allowed: `a prefix length from /${MIN_PREFIX_LENGTH} to /${MAX_PREFIX_LENGTH} (AWS VPC limits)`,
    });
  }
  const reserved = input.reservedAzs ?? MAX_AZS;
  if (!Number.isInteger(reserved) || reserved < input.azCount || reserved > MAX_AZS) {
    reject({
      code: "NETWORK_RESERVED_AZS",
      property: "reservedAzs",
      value: reserved,
      allowed: `a whole number of zone slots from the zones in use (${input.azCount}) to ${MAX_AZS}`,
    });
  }

  const taken: Array<CidrBlock & { tier: SubnetTier; azIndex: number }> = [];
  const explicit: PlannedSubnet[] = [];
  const sized: Array<{ tier: SubnetTier; size: number }> = [];
  const automatic: SubnetTier[] = [];

  for (const request of input.tiers) {
    const base = `tiers.${request.tier}`;
    if (request.cidrBlocks !== undefined && request.prefixLength !== undefined) {
      reject({
        code: "NETWORK_TIER_CONFLICT",
        property: base,
        value: { prefixLength: request.prefixLength, cidrBlocks: request.cidrBlocks },
        allowed: "either prefixLength or cidrBlocks, not both",
      });
    }
    if (request.cidrBlocks !== undefined) {
      if (!Array.isArray(request.cidrBlocks) || request.cidrBlocks.length < input.azCount || request.cidrBlocks.length > MAX_AZS) {
        reject({
          code: "NETWORK_TIER_BLOCK_COUNT",
          property: `${base}.cidrBlocks`,
          value: request.cidrBlocks,
          allowed: `one block per availability zone slot: at least ${input.azCount} (the zones in use), at most ${MAX_AZS}`,
        });
      }
      request.cidrBlocks.forEach((cidr, azIndex) => {
        const property = `${base}.cidrBlocks[${azIndex}]`;
        const block = parseCidr(cidr, property, reject);
        checkSubnetPrefix(block.prefix, vpc.prefix, property, cidr, reject);
        if (block.start < vpc.start || block.start + block.size > vpc.start + vpc.size) {
          reject({ code: "NETWORK_SUBNET_OUTSIDE_VPC", property, value: cidr, allowed: `a block inside the VPC CIDR ${input.vpcCidr}` });
        }
        const clash = taken.find((other) => overlaps(other, block));
        if (clash) {
          reject({
            code: "NETWORK_SUBNETS_OVERLAP",
            property,
            value: cidr,
            allowed: `a block that does not overlap ${formatCidr(clash)} (tiers.${clash.tier}, availability zone ${clash.azIndex + 1})`,
          });
        }
        taken.push({ ...block, tier: request.tier, azIndex });
        if (azIndex < input.azCount) explicit.push({ tier: request.tier, azIndex, cidr: formatCidr(block) });
      });
    } else if (request.prefixLength !== undefined) {
      checkSubnetPrefix(request.prefixLength, vpc.prefix, `${base}.prefixLength`, request.prefixLength, reject);
      sized.push({ tier: request.tier, size: 2 ** (32 - request.prefixLength) });
    } else {
      automatic.push(request.tier);
    }
  }

  // Sized regions first (largest first; the sort is stable, so ties keep tier order), then the automatic share.
  const regions: TierRegion[] = [];
  for (const request of [...sized].sort((a, b) => b.size - a.size)) {
    const start = firstFreeRun(vpc, request.size, reserved, taken);
    if (start === undefined) {
      reject({
        code: "NETWORK_SUBNETS_DO_NOT_FIT",
        property: `tiers.${request.tier}`,
        value: `/${32 - Math.log2(request.size)}`,
        allowed: `subnets whose ${reserved} reserved zone slots fit in the VPC CIDR ${input.vpcCidr} alongside the other tiers (use a larger VPC, smaller subnets or fewer reservedAzs)`,
      });
    }
    regions.push({ tier: request.tier, start, size: request.size });
    taken.push({ start, size: request.size * reserved, tier: request.tier, azIndex: 0 });
  }
  // With no automatic tier, placeAutomatic returns no region (its first attempt has nothing to place).
  regions.push(...placeAutomatic(vpc, automatic, reserved, taken, input.vpcCidr, reject));

  const planned = [...explicit];
  for (const region of regions) {
    for (let azIndex = 0; azIndex < input.azCount; azIndex++) {
      planned.push({
        tier: region.tier,
        azIndex,
        cidr: formatCidr({ start: slotStart(region.start, region.size, azIndex), size: region.size }),
      });
    }
  }
  // Each tier's subnets were pushed together in zone order, and the sort is stable: ordering by tier is enough.
  const tierRank = (tier: SubnetTier) => SUBNET_TIERS.indexOf(tier);
  return planned.sort((a, b) => tierRank(a.tier) - tierRank(b.tier));
}

/**
 * Regions for the tiers without a size: each gets the same slot size, the largest power of two at
 * which all their reserved slots can be placed in the space left (around explicit blocks that may
 * fragment it), from the VPC's own size down to a /28.
 */
function placeAutomatic(
  vpc: CidrBlock,
  tiers: readonly SubnetTier[],
  reserved: number,
  taken: Array<CidrBlock & { tier: SubnetTier; azIndex: number }>,
  vpcCidr: string,
  reject: Reject,
): TierRegion[] {
  // Trying sizes larger than the free space's equal share costs a few failed placements, never a
  // different result: all the slots cannot fit in less space than they add up to.
  for (let size = vpc.size; size >= 2 ** (32 - MAX_PREFIX_LENGTH); size /= 2) {
    const attempt = [...taken];
    const regions: TierRegion[] = [];
    for (const tier of tiers) {
      const start = firstFreeRun(vpc, size, reserved, attempt);
      if (start === undefined) break;
      regions.push({ tier, start, size });
      attempt.push({ start, size: size * reserved, tier, azIndex: 0 });
    }
    if (regions.length === tiers.length) return regions;
  }
  return reject({
    code: "NETWORK_SUBNETS_DO_NOT_FIT",
    property: "tiers",
    value: tiers,
    allowed: `subnets that fit in ${vpcCidr}: the tiers without a prefixLength would get less than a /${MAX_PREFIX_LENGTH} for each of their ${reserved} reserved zone slots; use a larger VPC, set prefixLength or fewer reservedAzs`,
  });
}

function checkSubnetPrefix(prefix: number, vpcPrefix: number, property: string, value: unknown, reject: Reject): void {
  const min = Math.max(vpcPrefix, MIN_PREFIX_LENGTH);
  if (!Number.isInteger(prefix) || prefix < min || prefix > MAX_PREFIX_LENGTH) {
    reject({
      code: "NETWORK_SUBNET_PREFIX",
      property,
      value,
      allowed: `a subnet prefix length from /${min} (the VPC's) to /${MAX_PREFIX_LENGTH}`,
    });
  }
}

/** The lowest start, aligned to `size`, of `count` consecutive blocks of `size` that overlap nothing taken. */
function firstFreeRun(vpc: CidrBlock, size: number, count: number, taken: readonly CidrBlock[]): number | undefined {
  const end = vpc.start + vpc.size;
  for (let start = vpc.start; start + size * count <= end;) {
    const run = { start, size: size * count };
    const clash = taken.find((b) => overlaps(b, run));
    if (!clash) return start;
    // Skip past the clashing block, staying aligned to the slot size.
    start = Math.ceil((clash.start + clash.size - vpc.start) / size) * size + vpc.start;
  }
  return undefined;
}
