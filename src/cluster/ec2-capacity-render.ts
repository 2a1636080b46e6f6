/** Pure rendering of EC2 capacity options into the provider's shapes (unit-tested without synth). */
import type {
  AutoscalingGroupMixedInstancesPolicyInstancesDistribution,
  AutoscalingGroupTag,
} from "@cdktf/provider-aws/lib/autoscaling-group";
import type { EcsCapacityProviderAutoScalingGroupProviderManagedScaling } from "@cdktf/provider-aws/lib/ecs-capacity-provider";

/** How EC2 Auto Scaling picks Spot pools. */
export type SpotAllocationStrategy = "price-capacity-optimized" | "capacity-optimized" | "capacity-optimized-prioritized" | "lowest-price";

/** Every {@link SpotAllocationStrategy} EC2 Auto Scaling accepts, for validation. */
export const SPOT_ALLOCATION_STRATEGIES: readonly SpotAllocationStrategy[] = [
  "price-capacity-optimized",
  "capacity-optimized",
  "capacity-optimized-prioritized",
  "lowest-price",
];

/** Managed scaling with every default applied. */
export interface ResolvedManagedScaling {
  /** ECS manages the group's desired capacity through a target tracking policy. */
  readonly enabled: boolean;
  /** Instance utilization ECS aims for, 1–100 percent. */
  readonly targetCapacityPercent: number;
  /** Fewest instances ECS adds or removes in one scaling step. */
  readonly minimumScalingStepSize: number;
  /** Most instances ECS adds or removes in one scaling step. */
  readonly maximumScalingStepSize: number;
  /** Seconds a new instance is left out of the scaling metric while it starts. */
  readonly instanceWarmupPeriodSeconds: number;
}

/** The capacity provider's `managed_scaling` block; a disabled one carries only its status. */
export function renderManagedScaling(scaling: ResolvedManagedScaling): EcsCapacityProviderAutoScalingGroupProviderManagedScaling {
  if (!scaling.enabled) return { status: "DISABLED" };
  return {
    status: "ENABLED",
    targetCapacity: scaling.targetCapacityPercent,
    minimumScalingStepSize: scaling.minimumScalingStepSize,
    maximumScalingStepSize: scaling.maximumScalingStepSize,
    instanceWarmupPeriod: scaling.instanceWarmupPeriodSeconds,
  };
}

/** The purchase options of an Auto Scaling group with every default applied. */
export interface PurchaseOptions {
  /** Instance types of the group; on-demand capacity takes them in this order. */
  readonly instanceTypes: readonly string[];
  /** Instances always bought on demand before the Spot percentage applies. */
  readonly onDemandBaseCapacity: number;
  /** Percent of the capacity above the on-demand base that runs on Spot. */
  readonly spotPercentage: number;
  /** How EC2 Auto Scaling chooses Spot pools. */
  readonly spotAllocationStrategy: SpotAllocationStrategy;
}

/**
 * A group needs a mixed instances policy for more than one instance type or for any Spot capacity;
 * a single on-demand type is launched straight from the template.
 */
export function usesMixedInstancesPolicy(options: PurchaseOptions): boolean {
  return options.instanceTypes.length > 1 || options.spotPercentage > 0;
}

/** `instances_distribution`: ECS-style "Spot percentage" turned into EC2's on-demand percentage above base. */
export function renderInstancesDistribution(options: PurchaseOptions): AutoscalingGroupMixedInstancesPolicyInstancesDistribution {
  return {
    onDemandBaseCapacity: options.onDemandBaseCapacity,
    onDemandPercentageAboveBaseCapacity: 100 - options.spotPercentage,
    // Instance types are tried in the order given for on-demand capacity.
    onDemandAllocationStrategy: "prioritized",
    spotAllocationStrategy: options.spotAllocationStrategy,
  };
}

/** The tag ECS managed scaling expects on the group and its instances. */
export const ECS_MANAGED_TAG = "AmazonECSManaged";

/**
 * The group's tags, all propagated to instances at launch: user tags, `Name`, and `AmazonECSManaged`
 * (ECS adds it when the capacity provider is created; declaring it keeps Terraform from removing it
 * and makes instances launched before that carry it too).
 */
export function renderAutoScalingGroupTags(name: string, tags: Readonly<Record<string, string>> | undefined): AutoscalingGroupTag[] {
  const all: Record<string, string> = { ...(tags ?? {}), Name: name, [ECS_MANAGED_TAG]: "true" };
  return Object.keys(all)
    .sort()
    .map((key) => ({ key, value: all[key], propagateAtLaunch: true }));
}
