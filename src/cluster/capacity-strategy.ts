import { IConstruct } from "constructs";
import type { EcsClusterCapacityProvidersDefaultCapacityProviderStrategy } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { fail, isToken } from "../core/errors";
import { checkIntegerRange } from "../core/validate";
import { CapacityProviderStrategyItem, FARGATE, FARGATE_SPOT, ICluster } from "./types";

/** Highest `base` ECS accepts on a strategy item (API `CapacityProviderStrategyItem`): 100000 tasks. */
export const STRATEGY_MAX_BASE = 100000;
/** Highest `weight` ECS accepts on a strategy item (API `CapacityProviderStrategyItem`): 1000. */
export const STRATEGY_MAX_WEIGHT = 1000;
/** Weight of an item that does not set one (see `CapacityProviderStrategyItem.weight`). */
export const STRATEGY_DEFAULT_WEIGHT = 1;

/** True for the two AWS-run Fargate providers; every other name is an Auto Scaling group provider. */
export function isFargateProvider(name: string): boolean {
  return name === FARGATE || name === FARGATE_SPOT;
}

/**
 * Checks a capacity provider strategy against the providers it may name, with ECS's own rules:
 * every provider must be associated with the cluster and appear once; `base` 0–100000 on at most one
 * item; `weight` 0–1000 with at least one above zero; Fargate and Auto Scaling group providers are
 * never mixed in one strategy. Tokens pass through. An empty strategy is allowed (it means "use the
 * cluster default" for services and "no default" for a cluster).
 */
export function checkCapacityProviderStrategy(
  scope: IConstruct,
  property: string,
  strategy: readonly CapacityProviderStrategyItem[],
  available: readonly string[],
): void {
  const seen = new Set<string>();
  strategy.forEach((item, i) => {
    const at = `${property}[${i}]`;
    const name = item.capacityProvider;
    if (!isToken(name) && !available.includes(name)) {
      fail(scope, {
        code: "CLUSTER_STRATEGY_UNKNOWN_PROVIDER",
        property: `${at}.capacityProvider`,
        value: name,
        allowed:
          available.length > 0
            ? `a capacity provider of the cluster: ${available.map((a) => JSON.stringify(a)).join(", ")}`
            : "a capacity provider of the cluster (it has none)",
      });
    }
    if (!isToken(name) && seen.has(name)) {
      fail(scope, {
        code: "CLUSTER_STRATEGY_DUPLICATE",
        property: `${at}.capacityProvider`,
        value: name,
        allowed: "each capacity provider at most once",
      });
    }
    seen.add(name);
    checkIntegerRange(scope, "CLUSTER_STRATEGY_BASE", `${at}.base`, item.base, 0, STRATEGY_MAX_BASE);
    checkIntegerRange(scope, "CLUSTER_STRATEGY_WEIGHT", `${at}.weight`, item.weight, 0, STRATEGY_MAX_WEIGHT);
  });

  const withBase = strategy.filter((item) => item.base !== undefined && !isToken(item.base) && item.base > 0);
  if (withBase.length > 1) {
    fail(scope, {
      code: "CLUSTER_STRATEGY_MULTIPLE_BASES",
      property,
      value: withBase.map((item) => `${item.capacityProvider} (base ${item.base})`),
      allowed: "a base on at most one capacity provider",
    });
  }

  const weights = strategy.map((item) => item.weight ?? STRATEGY_DEFAULT_WEIGHT);
  if (strategy.length > 0 && !weights.some(isToken) && weights.every((w) => w === 0)) {
    fail(scope, {
      code: "CLUSTER_STRATEGY_ZERO_WEIGHTS",
      property,
      value: strategy.map((item) => `${item.capacityProvider} (weight 0)`),
      allowed: "at least one capacity provider with a weight above 0 (ECS places no task on weight-0 providers)",
    });
  }

  const names = strategy.map((item) => item.capacityProvider).filter((name) => !isToken(name));
  const fargate = names.filter(isFargateProvider);
  if (fargate.length > 0 && fargate.length < names.length) {
    fail(scope, {
      code: "CLUSTER_STRATEGY_MIXED_KINDS",
      property,
      value: names,
      allowed: "either Fargate providers (FARGATE, FARGATE_SPOT) or EC2 capacity providers in one strategy, not both",
    });
  }
}

/**
 * Checks a strategy a service or scheduled task wants to use against the cluster it runs in, e.g.
 * `validateCapacityProviderStrategy(this, "capacityProviderStrategy", props.capacityProviderStrategy, props.cluster)`.
 */
export function validateCapacityProviderStrategy(
  scope: IConstruct,
  property: string,
  strategy: readonly CapacityProviderStrategyItem[],
  cluster: ICluster,
): void {
  checkCapacityProviderStrategy(scope, property, strategy, cluster.capacityProviderNames);
}

/** The provider shape of a strategy (cluster default, service or task): weight defaults to 1, base is left out unless set. */
export function renderCapacityProviderStrategy(
  strategy: readonly CapacityProviderStrategyItem[],
): EcsClusterCapacityProvidersDefaultCapacityProviderStrategy[] {
  return strategy.map((item) => ({
    capacityProvider: item.capacityProvider,
    weight: item.weight ?? STRATEGY_DEFAULT_WEIGHT,
    ...(item.base !== undefined ? { base: item.base } : {}),
  }));
}

/** What the default strategy is derived from. */
export interface DefaultStrategyInput {
  /** The cluster has the `FARGATE` capacity provider associated. */
  readonly fargate: boolean;
  /** The cluster has the `FARGATE_SPOT` capacity provider associated. */
  readonly fargateSpot: boolean;
  /** Names of the cluster's EC2 capacity providers; used, with equal weight, only when there is no Fargate provider. */
  readonly ec2CapacityProviderNames: readonly string[];
}

/**
 * The cluster default when none is given: with both Fargate providers, one task always on FARGATE
 * (base 1) and the rest split 1:3 FARGATE:FARGATE_SPOT; with one Fargate provider, that provider;
 * without Fargate, the EC2 providers with equal weight; with no providers, no default.
 */
export function defaultCapacityProviderStrategy(input: DefaultStrategyInput): CapacityProviderStrategyItem[] {
  if (input.fargate && input.fargateSpot) {
    return [
      { capacityProvider: FARGATE, base: 1, weight: 1 },
      { capacityProvider: FARGATE_SPOT, weight: 3 },
    ];
  }
  if (input.fargate) return [{ capacityProvider: FARGATE, weight: 1 }];
  if (input.fargateSpot) return [{ capacityProvider: FARGATE_SPOT, weight: 1 }];
  return input.ec2CapacityProviderNames.map((name) => ({ capacityProvider: name, weight: 1 }));
}
