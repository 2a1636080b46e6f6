import type { EnvironmentConfig } from "./types";

/** Every field optional, recursively; arrays are replaced whole, never merged. */
export type ConfigOverrides<T> = {
  readonly [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? ConfigOverrides<T[K]> : T[K];
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function merge(base: unknown, overrides: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides === undefined ? base : overrides;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) result[key] = merge(base[key], value);
  return result;
}

/**
 * A new environment from `base` with `overrides` deep-merged in (objects merge, arrays and scalars
 * replace). `network.tiers` is replaced whole: a tier's `prefixLength` and `cidrBlocks` exclude each
 * other, so merging an environment's explicit blocks into the base's sizes would set both.
 */
export function deriveEnvironment(base: EnvironmentConfig, overrides: ConfigOverrides<EnvironmentConfig>): EnvironmentConfig {
  const derived = merge(base, overrides) as EnvironmentConfig;
  const tiers = overrides.network?.tiers;
  return tiers === undefined
    ? derived
    : { ...derived, network: { ...derived.network, tiers: tiers as EnvironmentConfig["network"]["tiers"] } };
}
