import { IConstruct } from "constructs";
import { AutoscalingGroupInstanceRefresh, AutoscalingGroupWarmPool } from "@cdktf/provider-aws/lib/autoscaling-group";
import { fail, isToken } from "../core/errors";
import { checkIntegerRange, checkOneOf } from "../core/validate";
import { AMI_VARIANT_ARCHITECTURE, ECS_AMI_PARAMETERS, EcsAmiVariant } from "./instance-types";

/**
 * Replace running instances when the launch template changes (new user data, instance type, pinned
 * AMI release), a batch at a time, with ECS draining each instance's tasks first.
 */
export interface InstanceRefreshOptions {
  /** Percent of the group kept in service during the refresh, 0 to 100. @default 90 */
  readonly minHealthyPercentage?: number;
  /** Percent of the group allowed above its size while new instances start, 100 to 200. @default - EC2 Auto Scaling's (terminate then launch) */
  readonly maxHealthyPercentage?: number;
  /** Seconds a new instance takes to be ready. @default - the group's health check grace period */
  readonly instanceWarmupSeconds?: number;
  /** Pause after these percentages of the group are replaced, ascending, each 1 to 100. @default - no checkpoints */
  readonly checkpointPercentages?: readonly number[];
  /** Seconds to wait at each checkpoint. @default 3600 (EC2 Auto Scaling's) when checkpoints are set */
  readonly checkpointDelaySeconds?: number;
  /** Skip instances that already match the new template. @default true */
  readonly skipMatching?: boolean;
  /** Roll the group back to the previous template when the refresh fails. @default true */
  readonly autoRollback?: boolean;
}

/**
 * Pre-initialised stopped (or running) instances that join the group faster than new launches. The
 * ECS agent is told to check the instance's lifecycle state (`ECS_WARM_POOLS_CHECK=true`), so an
 * instance warming up in the pool does not register with the cluster and receive tasks.
 */
export interface WarmPoolOptions {
  /** Instances kept in the pool. @default 0 */
  readonly minSize?: number;
  /** Most instances in the group and pool together. @default - the group's maxSize */
  readonly maxGroupPreparedCapacity?: number;
  /** State of pooled instances: stopped (pay for volumes only) or running. @default "Stopped" */
  readonly poolState?: "Stopped" | "Running";
  /** Return instances to the pool on scale-in instead of terminating them. @default false */
  readonly reuseOnScaleIn?: boolean;
}

/** What the checks need from the provider. */
export interface LifecycleCheckContext {
  readonly maxSize: number;
  readonly mixedInstancesPolicy: boolean;
  readonly spotPercentage: number;
}

/** Fails on an instance refresh outside EC2 Auto Scaling's ranges. */
export function checkInstanceRefresh(scope: IConstruct, refresh: InstanceRefreshOptions): void {
  checkIntegerRange(
    scope,
    "CLUSTER_REFRESH_HEALTHY",
    "instanceRefresh.minHealthyPercentage",
    refresh.minHealthyPercentage,
    0,
    100,
    "percent",
  );
  checkIntegerRange(
    scope,
    "CLUSTER_REFRESH_HEALTHY",
    "instanceRefresh.maxHealthyPercentage",
    refresh.maxHealthyPercentage,
    100,
    200,
    "percent",
  );
  const min = refresh.minHealthyPercentage ?? 90;
  const max = refresh.maxHealthyPercentage;
  if (max !== undefined && !isToken(max) && !isToken(min) && max - min > 100) {
    fail(scope, {
      code: "CLUSTER_REFRESH_HEALTHY",
      property: "instanceRefresh.maxHealthyPercentage",
      value: max,
      allowed: `at most 100 above minHealthyPercentage (${min}), as EC2 Auto Scaling requires`,
    });
  }
  checkIntegerRange(
    scope,
    "CLUSTER_REFRESH_WARMUP",
    "instanceRefresh.instanceWarmupSeconds",
    refresh.instanceWarmupSeconds,
    0,
    2147483647,
    "seconds",
  );
  checkIntegerRange(
    scope,
    "CLUSTER_REFRESH_CHECKPOINT",
    "instanceRefresh.checkpointDelaySeconds",
    refresh.checkpointDelaySeconds,
    0,
    172800,
    "seconds",
  );
  const points = refresh.checkpointPercentages ?? [];
  points.forEach((p, i) => {
    checkIntegerRange(scope, "CLUSTER_REFRESH_CHECKPOINT", `instanceRefresh.checkpointPercentages[${i}]`, p, 1, 100, "percent");
    if (i > 0 && !isToken(p) && !isToken(points[i - 1]) && p <= points[i - 1]) {
      fail(scope, {
        code: "CLUSTER_REFRESH_CHECKPOINT",
        property: `instanceRefresh.checkpointPercentages[${i}]`,
        value: p,
        allowed: `a percentage above the one before (${points[i - 1]}): checkpoints ascend`,
      });
    }
  });
  if (refresh.checkpointDelaySeconds !== undefined && points.length === 0) {
    fail(scope, {
      code: "CLUSTER_REFRESH_CHECKPOINT",
      property: "instanceRefresh.checkpointDelaySeconds",
      value: refresh.checkpointDelaySeconds,
      allowed: "a checkpoint delay only with checkpointPercentages",
    });
  }
}

/** Fails on a warm pool EC2 Auto Scaling refuses (mixed instances or Spot) or sized beyond the group. */
export function checkWarmPool(scope: IConstruct, pool: WarmPoolOptions, ctx: LifecycleCheckContext): void {
  if (ctx.mixedInstancesPolicy || ctx.spotPercentage > 0) {
    fail(scope, {
      code: "CLUSTER_WARM_POOL_MIXED",
      property: "warmPool",
      value: "set",
      allowed:
        "a warm pool only on a group of one on-demand instance type (EC2 Auto Scaling refuses it with a mixed instances policy or Spot)",
    });
  }
  checkOneOf(scope, "CLUSTER_WARM_POOL_STATE", "warmPool.poolState", pool.poolState, ["Stopped", "Running"]);
  checkIntegerRange(scope, "CLUSTER_WARM_POOL_SIZE", "warmPool.minSize", pool.minSize, 0, ctx.maxSize);
  checkIntegerRange(scope, "CLUSTER_WARM_POOL_SIZE", "warmPool.maxGroupPreparedCapacity", pool.maxGroupPreparedCapacity, 0, ctx.maxSize);
}

/**
 * The group's `instance_refresh`: rolling, started by any change of its launch template version
 * (the group then names the template's latest version), replacing scale-in protected instances too
 * (ECS protects every instance that runs tasks, and drains them before termination).
 */
export function renderInstanceRefresh(refresh: InstanceRefreshOptions): AutoscalingGroupInstanceRefresh {
  const points = refresh.checkpointPercentages ?? [];
  return {
    strategy: "Rolling",
    preferences: {
      minHealthyPercentage: refresh.minHealthyPercentage ?? 90,
      maxHealthyPercentage: refresh.maxHealthyPercentage,
      instanceWarmup: refresh.instanceWarmupSeconds === undefined ? undefined : String(refresh.instanceWarmupSeconds),
      checkpointPercentages: points.length > 0 ? [...points] : undefined,
      checkpointDelay: points.length > 0 ? String(refresh.checkpointDelaySeconds ?? 3600) : undefined,
      skipMatching: refresh.skipMatching ?? true,
      autoRollback: refresh.autoRollback ?? true,
      scaleInProtectedInstances: "Refresh",
      standbyInstances: "Terminate",
    },
  };
}

/** The group's `warm_pool` with its defaults written out. */
export function renderWarmPool(pool: WarmPoolOptions): AutoscalingGroupWarmPool {
  return {
    minSize: pool.minSize ?? 0,
    maxGroupPreparedCapacity: pool.maxGroupPreparedCapacity,
    poolState: pool.poolState ?? "Stopped",
    instanceReusePolicy: { reuseOnScaleIn: pool.reuseOnScaleIn ?? false },
  };
}

/** An ECS-optimized AL2023 AMI name, e.g. `amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64`. */
const AMI_RELEASE = /^amzn2023-ami-ecs-(?:(gpu|neuron)-)?hvm-2023\.0\.\d{8}-kernel-\d+\.\d+-(x86_64|arm64)$/;

/**
 * The `resolve:ssm:` reference of one pinned AMI release: AWS keeps a parameter per release under the
 * variant's path, so the pin still resolves at launch and plans offline, and promoting a tested AMI
 * through environments is a one-line config change (which an instance refresh rolls out).
 */
export function pinnedEcsAmiImageId(variant: EcsAmiVariant, release: string): string {
  const base = ECS_AMI_PARAMETERS[variant].replace(/\/recommended\/image_id$/, "");
  return `resolve:ssm:${base}/${release}/image_id`;
}

/** Fails unless `release` is an ECS-optimized AL2023 AMI name of the variant. */
export function checkAmiRelease(scope: IConstruct, release: string, variant: EcsAmiVariant): void {
  if (isToken(release)) return;
  const match = AMI_RELEASE.exec(release);
  const kind = match ? (match[1] ?? (match[2] === "arm64" ? "arm64" : "x86_64")) : undefined;
  if (!match || kind !== variant || match[2] !== AMI_VARIANT_ARCHITECTURE[variant]) {
    fail(scope, {
      code: "CLUSTER_AMI_RELEASE",
      property: "amiRelease",
      value: release,
      allowed: `an ECS-optimized AL2023 AMI name of the "${variant}" variant, e.g. amzn2023-ami-ecs-${variant === "gpu" || variant === "neuron" ? `${variant}-` : ""}hvm-2023.0.20241115-kernel-6.1-${AMI_VARIANT_ARCHITECTURE[variant]} (aws ssm get-parameters-by-path --path ${ECS_AMI_PARAMETERS[variant].replace(/\/recommended\/image_id$/, "")})`,
    });
  }
}
