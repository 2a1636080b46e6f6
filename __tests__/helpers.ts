import { App, Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ValidationError } from "../src/core/errors";

export interface Synthesized {
  /** The stack JSON as a string, for cdktf's matchers. */
  readonly json: string;
  readonly parsed: { resource?: Record<string, Record<string, any>>; [key: string]: any };
}

/** A stack with an aws provider, built by `build`, synthesized with node validations run. */
export function synth(build: (stack: TerraformStack) => void): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  build(stack);
  const json = Testing.synth(stack, true);
  return { json, parsed: JSON.parse(json) };
}

/** Resources of one type, keyed by their Terraform name. */
export function resourcesOf(s: Synthesized, type: string): Record<string, any> {
  return s.parsed.resource?.[type] ?? {};
}

/**
 * The one resource of `type` whose construct path ends with `pathSuffix` (e.g. `FlowLog/Role`).
 * cdktf names resources by path with `/` as `_`, `Resource` segments dropped and a hash appended.
 */
export function resourceAt(s: Synthesized, type: string, pathSuffix: string): any {
  const normalized = pathSuffix.split("/").filter((p) => p !== "Resource").join("_");
  const pattern = new RegExp(`(^|_)${normalized}_[0-9A-F]{8}$`);
  const all = resourcesOf(s, type);
  const matches = Object.keys(all).filter((key) => pattern.test(key));
  if (matches.length !== 1) throw new Error(`expected one ${type} at */${pathSuffix}, found ${matches.length}; have: ${Object.keys(all).join(", ")}`);
  return all[matches[0]];
}

/** Builds inside a fresh stack and returns the thrown error's message (fails if nothing throws). */
export function errorOf(build: (scope: Construct) => void): string {
  const app = new App({ outdir: "/tmp/unused" });
  const stack = new TerraformStack(app, "test");
  try {
    build(stack);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.message;
  }
  throw new Error("expected the construct to throw a ValidationError, but it did not");
}
