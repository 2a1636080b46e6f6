import { App } from "cdktf";
import { fail } from "../src/core";
import { BootstrapBackend, BootstrapStack } from "./bootstrap-stack";
import { bootstrapConfig, type BootstrapConfig } from "./bootstrap/config";
import { EnvironmentStack } from "./environment-stack";
import { EnvironmentConfig, loadEnvironments } from "./environments";
import { RegistryStack } from "./registry-stack";

export interface PlatformAppOptions {
  /** @default "cdktf.out" (or what the cdktf CLI passes) */
  readonly outdir?: string;
  /** @default every environment from `loadEnvironments()` */
  readonly environments?: readonly EnvironmentConfig[];
  /** @default the repository's `stacks/bootstrap/config.ts` */
  readonly bootstrap?: BootstrapConfig;
  /** Backend of the bootstrap stacks: `local` for their first apply in a new account. @default `$BOOTSTRAP_BACKEND`, else "s3" */
  readonly bootstrapBackend?: BootstrapBackend;
}

/** The bootstrap backend `BOOTSTRAP_BACKEND` asks for; anything but `local` or `s3` is an error. */
export function bootstrapBackendFrom(env: NodeJS.ProcessEnv = process.env): BootstrapBackend {
  const value = env.BOOTSTRAP_BACKEND ?? "s3";
  if (value !== "local" && value !== "s3") {
    fail("stacks/app", {
      code: "APP_BOOTSTRAP_BACKEND",
      property: "BOOTSTRAP_BACKEND",
      value,
      allowed: '"local" (first apply in a new account) or "s3"',
    });
  }
  return value;
}

/**
 * The cdktf app: one bootstrap stack per account (`bootstrap-<account>`), the shared image
 * registry (`registry`) and one stack per environment; `stacks/main.ts` synthesizes it.
 */
export function buildPlatformApp(options: PlatformAppOptions = {}): {
  app: App;
  stacks: EnvironmentStack[];
  bootstrapStacks: BootstrapStack[];
  registryStack: RegistryStack;
} {
  const app = new App({ outdir: options.outdir });
  const config = options.bootstrap ?? bootstrapConfig;
  const backend = options.bootstrapBackend ?? bootstrapBackendFrom();
  const bootstrapStacks = Object.keys(config.accounts).map((account) => new BootstrapStack(app, config, account, backend));
  const registryStack = new RegistryStack(app, config);
  const stacks = (options.environments ?? loadEnvironments()).map((config) => new EnvironmentStack(app, config));
  return { app, stacks, bootstrapStacks, registryStack };
}
