import { join } from "node:path";
import { tmpdir } from "node:os";
import { App, Testing, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ValidationError } from "../src/core/errors";
import { INetwork, Network } from "../src/network/network";

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
  const normalized = pathSuffix
    .split("/")
    .filter((p) => p !== "Resource")
    .join("_");
  const pattern = new RegExp(`(^|_)${normalized}_[0-9A-F]{8}$`);
  const all = resourcesOf(s, type);
  const matches = Object.keys(all).filter((key) => pattern.test(key));
  if (matches.length !== 1)
    throw new Error(`expected one ${type} at */${pathSuffix}, found ${matches.length}; have: ${Object.keys(all).join(", ")}`);
  return all[matches[0]];
}

/** Builds inside a fresh stack (id `test`) and returns the ValidationError it throws (fails if nothing, or anything else, throws). */
export function validationErrorOf(build: (scope: Construct) => unknown): ValidationError {
  const app = new App({ outdir: join(tmpdir(), "unused") });
  const stack = new TerraformStack(app, "test");
  try {
    build(stack);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error;
  }
  throw new Error("expected the construct to throw a ValidationError, but it did not");
}

/** Builds inside a fresh stack and returns the thrown ValidationError's message (fails if nothing throws). */
export function errorOf(build: (scope: Construct) => unknown): string {
  return validationErrorOf(build).message;
}

/**
 * The whole ValidationError message, as a regex anchored on both ends:
 * `<path>: invalid <property> <value>: expected <allowed> [<code>]`, with `value` given as the
 * construct received it and shown as the error shows it (JSON, cut at 200 characters, `(missing)` for undefined).
 */
export function expectedMessage(path: string, property: string, value: unknown, allowed: string, code: string): RegExp {
  const text = `${path}: invalid ${property} ${shownValue(value)}: expected ${allowed} [${code}]`;
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/**
 * A value as `ValidationError` shows it in its message. This restates `formatValue` in src/core/errors.ts on purpose
 * rather than calling it: the tests are then an independent check of the message format.
 */
function shownValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  try {
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
  } catch {
    return String(value);
  }
}

/** One bad input: what it is (the test name), what builds it, and the message it must be rejected with. */
export type Rejection = [name: string, build: (scope: Construct) => unknown, expected: RegExp];

/** One test per row: building it throws a ValidationError whose whole message matches `expected`. */
export function testRejections(rows: Rejection[]): void {
  test.each<Rejection>(rows)("rejects %s", (_name, build, expected) => {
    expect(errorOf(build)).toMatch(expected);
  });
}

/** The annotations of one level (`warn` by default) on `scope` and every construct under it, as text. */
export function annotationsUnder(scope: IConstruct, level: "warn" | "info" | "error" = "warn"): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === `@cdktf/${level}`).map((m) => String(m.data)));
}

/**
 * A network given by attributes (no resources), for synth tests of the modules that place tasks or
 * compute in one: two zones, two private and two public subnets.
 */
export function attributesNetwork(): INetwork {
  return Network.fromAttributes({
    vpcId: "vpc-0123456789abcdef0",
    vpcCidr: "10.0.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
    publicSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
  });
}
