import { Testing } from "cdktf";
import { EnvironmentStack } from "../../stacks/environment-stack";
import type { EnvironmentConfig } from "../../stacks/environments";

export interface SynthesizedEnvironment {
  readonly stack: EnvironmentStack;
  readonly json: any;
}

/** Synthesizes one environment stack (with aspects and validations applied) and parses it. */
export function synthEnvironment(config: EnvironmentConfig): SynthesizedEnvironment {
  const app = Testing.app();
  const stack = new EnvironmentStack(app, config);
  return { stack, json: JSON.parse(Testing.synth(stack, true)) };
}

/** Every resource address (`type.name`) in a synthesized stack, sorted. */
export function resourceAddresses(json: any): string[] {
  return Object.entries(json.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName as object).map((name) => `${type}.${name}`))
    .sort();
}
