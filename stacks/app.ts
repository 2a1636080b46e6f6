import { App } from "cdktf";
import { EnvironmentStack } from "./environment-stack";
import { EnvironmentConfig, loadEnvironments } from "./environments";

export interface PlatformAppOptions {
  /** @default "cdktf.out" (or what the cdktf CLI passes) */
  readonly outdir?: string;
  /** @default every environment from `loadEnvironments()` */
  readonly environments?: readonly EnvironmentConfig[];
}

/** The cdktf app with one stack per environment; `stacks/main.ts` synthesizes it. */
export function buildPlatformApp(options: PlatformAppOptions = {}): { app: App; stacks: EnvironmentStack[] } {
  const app = new App({ outdir: options.outdir });
  const stacks = (options.environments ?? loadEnvironments()).map((config) => new EnvironmentStack(app, config));
  return { app, stacks };
}
