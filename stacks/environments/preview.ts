import { fail } from "../../src/core";
import { base } from "./base";
import { dev } from "./dev";
import { deriveEnvironment } from "./define";
import type { EnvironmentConfig } from "./types";

/**
 * An ephemeral preview environment for pull request `pr`, in the dev account: dev's shape with its
 * own name, state key and VPC range (10.100-10.199.x.x, from the PR number).
 */
export function preview(pr: number): EnvironmentConfig {
  if (!Number.isInteger(pr) || pr < 1) {
    fail("environments/preview", {
      code: "ENV_PREVIEW_PR",
      property: "pr",
      value: pr,
      allowed: "a pull request number (a positive integer)",
    });
  }
  return deriveEnvironment(dev, {
    name: `pr-${pr}`,
    // New networks take the stable slot layout (dev's explicit blocks are dev's own range).
    network: { cidr: `10.${100 + (pr % 100)}.0.0/16`, tiers: base.network.tiers, interfaceEndpoints: [] },
    tags: { Environment: `pr-${pr}` },
  });
}
