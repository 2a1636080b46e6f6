import { dev } from "./dev";
import type { EnvironmentConfig } from "./types";

export * from "./types";
/** Every environment the app synthesizes, in deploy order. */
export const environments: readonly EnvironmentConfig[] = [dev];
