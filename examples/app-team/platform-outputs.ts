/**
 * The platform's outputs, as an application team's stack reads them: the JSON `terraform output -json`
 * prints in the platform's environment stack (`{ "<name>": { "value": ..., "type": ..., "sensitive": ... } }`),
 * checked and typed here so a missing or mistyped output fails the synth with a ValidationError naming
 * the file, the output and what it must be, instead of reaching Terraform as an empty string.
 */
import { readFileSync } from "node:fs";
import { ValidationError } from "../../src";

/** What the team's stack needs from the platform to run in its network and cluster. */
export interface PlatformOutputs {
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** The zones of the subnet lists below, in the same order. */
  readonly availabilityZones: readonly string[];
  readonly privateSubnetIds: readonly string[];
  readonly publicSubnetIds: readonly string[];
  readonly clusterName: string;
  readonly clusterArn: string;
}

type Kind = "string" | "string list";

/** Output name → field and kind. Extra outputs (service names, the job queue) are ignored. */
const OUTPUTS: ReadonlyArray<[output: string, field: keyof PlatformOutputs, kind: Kind]> = [
  ["vpc_id", "vpcId", "string"],
  ["vpc_cidr", "vpcCidr", "string"],
  ["availability_zones", "availabilityZones", "string list"],
  ["private_subnet_ids", "privateSubnetIds", "string list"],
  ["public_subnet_ids", "publicSubnetIds", "string list"],
  ["cluster_name", "clusterName", "string"],
  ["cluster_arn", "clusterArn", "string"],
];

/** The output names this loader requires; the platform's environment stacks must keep writing them. */
export const REQUIRED_OUTPUTS: readonly string[] = OUTPUTS.map(([output]) => output);

/** Where the team's stack deploys: the platform's cluster must be in the same account and region. */
export interface DeployTarget {
  readonly accountId: string;
  readonly region: string;
}

/** Reads and checks `path` (the saved `terraform output -json` of the platform stack). */
export function loadPlatformOutputs(path: string, target: DeployTarget): PlatformOutputs {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ValidationError(path, {
      code: "PLATFORM_OUTPUTS_UNREADABLE",
      property: "file",
      value: (error as NodeJS.ErrnoException).code ?? String(error),
      allowed: "a readable file: save it with `terraform output -json > <file>` in the platform stack's directory",
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ValidationError(path, {
      code: "PLATFORM_OUTPUTS_JSON",
      property: "file",
      value: text.slice(0, 40),
      allowed: "the JSON `terraform output -json` prints",
    });
  }
  return readPlatformOutputs(json, path, target);
}

/** Checks parsed `terraform output -json` and returns the typed outputs; `source` names the input in errors. */
export function readPlatformOutputs(json: unknown, source: string, target: DeployTarget): PlatformOutputs {
  if (!isRecord(json)) {
    throw new ValidationError(source, {
      code: "PLATFORM_OUTPUTS_JSON",
      property: "(root)",
      value: json,
      allowed: 'an object of outputs, { "<name>": { "value": ... } }, as `terraform output -json` prints it',
    });
  }
  const fields: Record<string, string | readonly string[]> = {};
  for (const [output, field, kind] of OUTPUTS) {
    const entry = json[output];
    if (!isRecord(entry) || !("value" in entry)) {
      throw new ValidationError(source, {
        code: "PLATFORM_OUTPUT_MISSING",
        property: output,
        value: entry,
        allowed: `the platform stack's output ${output} ({ "value": ... }); deploy a platform version that writes it`,
      });
    }
    fields[field] = checkKind(source, `${output}.value`, entry.value, kind);
  }
  const outputs = fields as unknown as PlatformOutputs;
  for (const list of ["private_subnet_ids", "public_subnet_ids"] as const) {
    const ids = list === "private_subnet_ids" ? outputs.privateSubnetIds : outputs.publicSubnetIds;
    if (ids.length !== outputs.availabilityZones.length) {
      throw new ValidationError(source, {
        code: "PLATFORM_OUTPUT_SUBNET_COUNT",
        property: `${list}.value`,
        value: ids,
        allowed: `one subnet per availability zone (${outputs.availabilityZones.length}: ${outputs.availabilityZones.join(", ")})`,
      });
    }
  }
  // arn:<partition>:ecs:<region>:<account>:cluster/<name>; a service in another account or region fails only at apply.
  const [, , , region, accountId] = outputs.clusterArn.split(":");
  if (region !== target.region || accountId !== target.accountId) {
    throw new ValidationError(source, {
      code: "PLATFORM_OUTPUT_CLUSTER_ELSEWHERE",
      property: "cluster_arn.value",
      value: outputs.clusterArn,
      allowed: `a cluster in account ${target.accountId}, region ${target.region} (where this stack deploys)`,
    });
  }
  return outputs;
}

function checkKind(source: string, property: string, value: unknown, kind: Kind): string | readonly string[] {
  const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
  if (kind === "string" && nonEmpty(value)) return value;
  if (kind === "string list" && Array.isArray(value) && value.length > 0 && value.every(nonEmpty)) return value;
  throw new ValidationError(source, {
    code: "PLATFORM_OUTPUT_TYPE",
    property,
    value,
    allowed: kind === "string" ? "a non-empty string" : "a non-empty list of non-empty strings",
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
