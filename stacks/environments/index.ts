import { dev } from "./dev";
import { preview } from "./preview";
import { prod } from "./prod";
import { staging } from "./staging";
import type { EnvironmentConfig } from "./types";
import { validateEnvironmentConfig } from "./validate";

export * from "./define";
export * from "./types";
export * from "./validate";
export { dev, preview, prod, staging };

/**
 * Every environment the app synthesizes, validated. `PREVIEW_PR=123` adds the `pr-123` preview.
 */
export function loadEnvironments(env: NodeJS.ProcessEnv = process.env): EnvironmentConfig[] {
  const configs = [dev, staging, prod];
  if (env.PREVIEW_PR) configs.push(preview(Number(env.PREVIEW_PR)));
  return configs.map(validateEnvironmentConfig);
}
