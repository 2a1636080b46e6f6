import { App, TerraformStack } from "cdktf";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { loadEnvironments } from "../../stacks/environments";

/**
 * Every stack the suite checks against the real provider: the environment stacks, the examples,
 * and one stack per module exercising all its features. They are planned together in one
 * Terraform run (see offline-plans.ts).
 */
export const OFFLINE_STACKS: ReadonlyArray<(app: App) => TerraformStack | TerraformStack[]> = [
  (app) => loadEnvironments({}).map((config) => new EnvironmentStack(app, config)),
];
