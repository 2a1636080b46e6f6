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
   * Explicit blocks, one per availability zone, inside the VPC and not overlapping each other.
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
  const [valid, messages] = Validator.isValidIPv4CidrRange(cidr);
  if (typeof cidr !== "string" || !valid) {
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
 * Plans one subnet per tier per availability zone inside the VPC CIDR, deterministically.
 *
 * Explicit `cidrBlocks` are reserved first. Tiers with a `prefixLength` come next, then tiers with
 * neither, which share the space left equally (the largest power of two that fits, as AWS CDK does).
 * Blocks are allocated largest first at the lowest aligned free address, so there are no gaps.
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

  const taken: Array<CidrBlock & { tier: SubnetTier; azIndex: number }> = [];
  const sized: Array<{ tier: SubnetTier; azIndex: number; size: number }> = [];
  const automatic: Array<{ tier: SubnetTier; azIndex: number }> = [];

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
      if (request.cidrBlocks.length !== input.azCount) {
        reject({
          code: "NETWORK_TIER_BLOCK_COUNT",
          property: `${base}.cidrBlocks`,
          value: request.cidrBlocks,
          allowed: `exactly one block per availability zone (${input.azCount})`,
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
      });
    } else if (request.prefixLength !== undefined) {
      checkSubnetPrefix(request.prefixLength, vpc.prefix, `${base}.prefixLength`, request.prefixLength, reject);
      for (let azIndex = 0; azIndex < input.azCount; azIndex++) {
        sized.push({ tier: request.tier, azIndex, size: 2 ** (32 - request.prefixLength) });
      }
    } else {
      for (let azIndex = 0; azIndex < input.azCount; azIndex++) automatic.push({ tier: request.tier, azIndex });
    }
  }

  if (automatic.length > 0) {
    const used = [...taken, ...sized].reduce((sum, b) => sum + b.size, 0);
    const share = Math.floor((vpc.size - used) / automatic.length);
    const size = Math.min(2 ** Math.floor(Math.log2(Math.max(share, 1))), 2 ** (32 - MIN_PREFIX_LENGTH));
    if (share < 2 ** (32 - MAX_PREFIX_LENGTH)) {
      reject({
        code: "NETWORK_SUBNETS_DO_NOT_FIT",
        property: "tiers",
        value: automatic.map((a) => a.tier).filter((t, i, all) => all.indexOf(t) === i),
        allowed: `subnets that fit in ${input.vpcCidr}: the tiers without a prefixLength would get less than a /${MAX_PREFIX_LENGTH} each; use a larger VPC or set prefixLength`,
      });
    }
    for (const a of automatic) sized.push({ ...a, size });
  }

  // Largest first keeps every block aligned without gaps; the sort is stable, so ties keep tier/AZ order.
  const order = [...sized].sort((a, b) => b.size - a.size);
  for (const request of order) {
    const start = firstFreeAligned(vpc, request.size, taken);
    if (start === undefined) {
      reject({
        code: "NETWORK_SUBNETS_DO_NOT_FIT",
        property: `tiers.${request.tier}`,
        value: formatCidr({ start: 0, size: request.size }).replace(/^0\.0\.0\.0/, ""),
        allowed: `subnets whose total size fits in the VPC CIDR ${input.vpcCidr} alongside the other tiers`,
      });
    }
    taken.push({ start, size: request.size, tier: request.tier, azIndex: request.azIndex });
  }

  const tierRank = (tier: SubnetTier) => SUBNET_TIERS.indexOf(tier);
  return taken
    .map((b) => ({ tier: b.tier, azIndex: b.azIndex, cidr: formatCidr(b) }))
    .sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || a.azIndex - b.azIndex);
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

function firstFreeAligned(vpc: CidrBlock, size: number, taken: readonly CidrBlock[]): number | undefined {
  for (let start = vpc.start; start + size <= vpc.start + vpc.size; start += size) {
    const candidate = { start, size };
    const clash = taken.find((b) => overlaps(b, candidate));
    if (!clash) return start;
    // Skip past the clashing block, staying aligned.
    const next = Math.ceil((clash.start + clash.size - vpc.start) / size) * size + vpc.start;
    start = next - size;
  }
  return undefined;
}
