/**
 * Pure cost functions: typed inputs and a region's prices in, a monthly amount out. The plan
 * reading that feeds them is in `cost-estimate.ts`.
 */
import { PricedCpuArchitecture, LoadBalancerType, RegionPrices } from "./prices";

/** ECS's built-in Fargate capacity providers. */
export type FargateCapacity = "FARGATE" | "FARGATE_SPOT";

/** One entry of an ECS capacity provider strategy, as the estimate reads it from a service or cluster. */
export interface CapacityStrategyItem {
  /** The capacity provider's name: `FARGATE`, `FARGATE_SPOT`, `EC2` (a launch type) or an Auto Scaling group provider. */
  readonly capacityProvider: string;
  /** Tasks placed on this provider before any weight applies (ECS allows a base on one provider only). @default 0 */
  readonly base?: number;
  /** Relative share of the tasks left after every base is filled; a provider with weight 0 gets none. @default 0 */
  readonly weight?: number;
}

/**
 * Where `desiredCount` tasks run under a capacity provider strategy, the way ECS places them:
 * each provider's `base` is filled first (in order), the rest is shared by `weight`. Shares can
 * be fractional: the estimate is the long-run average, not one placement.
 */
export function splitTasks(desiredCount: number, strategy: readonly CapacityStrategyItem[]): Record<string, number> {
  const split: Record<string, number> = {};
  let left = desiredCount;
  for (const item of strategy) {
    const base = Math.min(item.base ?? 0, left);
    split[item.capacityProvider] = (split[item.capacityProvider] ?? 0) + base;
    left -= base;
  }
  const totalWeight = strategy.reduce((sum, item) => sum + (item.weight ?? 0), 0);
  // Nothing left shares nothing: only a zero total weight (no provider takes a share) must be skipped.
  if (totalWeight > 0) {
    for (const item of strategy) {
      split[item.capacityProvider] += (left * (item.weight ?? 0)) / totalWeight;
    }
  }
  return split;
}

/** A number of identical Fargate tasks on one capacity provider, as `fargateMonthly` prices them. */
export interface FargateTasks {
  /** Running tasks (may be fractional, see `splitTasks`). */
  readonly tasks: number;
  /** Task-level vCPU (CPU units / 1024). */
  readonly vcpu: number;
  /** Task-level memory in GiB (MiB / 1024). */
  readonly memoryGiB: number;
  /** CPU architecture: ARM64 (Graviton) is priced about 20% below X86_64. */
  readonly architecture: PricedCpuArchitecture;
  /** On-demand Fargate or Fargate Spot (interruptible with two minutes notice, up to 70% cheaper). */
  readonly capacity: FargateCapacity;
}

/** Monthly cost of Fargate tasks: vCPU-hours plus GB-hours at the architecture's (Spot) rate. */
export function fargateMonthly(tasks: FargateTasks, prices: RegionPrices, hoursPerMonth: number): number {
  const rate = (tasks.capacity === "FARGATE_SPOT" ? prices.fargateSpot : prices.fargate)[tasks.architecture];
  return tasks.tasks * (tasks.vcpu * rate.vcpuHour + tasks.memoryGiB * rate.gibHour) * hoursPerMonth;
}

/** Monthly cost of `count` instances of one type, or undefined when the table has no price for it. */
export function ec2Monthly(instanceType: string, count: number, prices: RegionPrices, hoursPerMonth: number): number | undefined {
  const rate = prices.ec2[instanceType];
  return rate === undefined ? undefined : count * rate.hour * hoursPerMonth;
}

/** A load balancer: its hourly charge plus the assumed capacity units. */
export function loadBalancerMonthly(type: LoadBalancerType, capacityUnits: number, prices: RegionPrices, hoursPerMonth: number): number {
  return (prices.loadBalancerHour[type] + capacityUnits * prices.loadBalancerCapacityUnitHour[type]) * hoursPerMonth;
}

/** An interface endpoint is billed per availability zone (one per subnet) per hour. */
export function interfaceEndpointMonthly(azCount: number, prices: RegionPrices, hoursPerMonth: number): number {
  return azCount * prices.interfaceEndpointAzHour * hoursPerMonth;
}

/** Rounds to cents; every line is rounded once, and totals are sums of rounded lines. */
export function cents(amount: number): number {
  return Math.round((amount + Number.EPSILON) * 100) / 100;
}
