import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { DEFAULT_PLATFORM_OUTPUTS } from "../../examples/app-team/main";
import { loadPlatformOutputs, readPlatformOutputs, REQUIRED_OUTPUTS } from "../../examples/app-team/platform-outputs";
import { ValidationError } from "../../src/core/errors";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { loadEnvironments } from "../../stacks/environments";
import { expectedMessage } from "../helpers";

const TARGET = { accountId: "123456789012", region: "eu-west-1" };
const saved = (): Record<string, any> => JSON.parse(readFileSync(DEFAULT_PLATFORM_OUTPUTS, "utf8"));
/** The saved outputs with `edit` applied. */
const edited = (edit: (o: Record<string, any>) => void) => {
  const outputs = saved();
  edit(outputs);
  return outputs;
};
const errorOf = (read: () => unknown): ValidationError => {
  try {
    read();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
};

describe("app team: platform outputs loader", () => {
  test("reads the saved `terraform output -json` into typed values", () => {
    expect(loadPlatformOutputs(DEFAULT_PLATFORM_OUTPUTS, TARGET)).toEqual({
      vpcId: "vpc-0a1b2c3d4e5f60000",
      vpcCidr: "10.10.0.0/16",
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      privateSubnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
      publicSubnetIds: ["subnet-0a1b2c3d4e5f60011", "subnet-0a1b2c3d4e5f60012"],
      clusterName: "acme-dev",
      clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/acme-dev",
    });
  });

  test("every output it requires is one the environment stack writes", () => {
    const dev = loadEnvironments({}).find((config) => config.name === "dev")!;
    const stack = new EnvironmentStack(new App({ outdir: "unused" }), dev);
    const outputs = Object.keys(JSON.parse(JSON.stringify(stack.toTerraform())).output);
    expect(REQUIRED_OUTPUTS.filter((o) => !outputs.includes(o))).toEqual([]);
  });

  const SOURCE = "platform.json";
  test.each<[string, unknown, RegExp]>([
    [
      "a document that is not an object of outputs",
      ["vpc-1"],
      expectedMessage(
        SOURCE,
        "(root)",
        ["vpc-1"],
        'an object of outputs, { "<name>": { "value": ... } }, as `terraform output -json` prints it',
        "PLATFORM_OUTPUTS_JSON",
      ),
    ],
    [
      "a missing output",
      edited((o) => delete o.cluster_arn),
      expectedMessage(
        SOURCE,
        "cluster_arn",
        undefined,
        'the platform stack\'s output cluster_arn ({ "value": ... }); deploy a platform version that writes it',
        "PLATFORM_OUTPUT_MISSING",
      ),
    ],
    [
      "an output given as a bare value instead of { value }",
      edited((o) => (o.vpc_id = "vpc-1")),
      expectedMessage(
        SOURCE,
        "vpc_id",
        "vpc-1",
        'the platform stack\'s output vpc_id ({ "value": ... }); deploy a platform version that writes it',
        "PLATFORM_OUTPUT_MISSING",
      ),
    ],
    [
      "an empty string",
      edited((o) => (o.vpc_cidr.value = "")),
      expectedMessage(SOURCE, "vpc_cidr.value", "", "a non-empty string", "PLATFORM_OUTPUT_TYPE"),
    ],
    [
      "a number for a string",
      edited((o) => (o.cluster_name.value = 7)),
      expectedMessage(SOURCE, "cluster_name.value", 7, "a non-empty string", "PLATFORM_OUTPUT_TYPE"),
    ],
    [
      "a string for a list",
      edited((o) => (o.private_subnet_ids.value = "subnet-1")),
      expectedMessage(SOURCE, "private_subnet_ids.value", "subnet-1", "a non-empty list of non-empty strings", "PLATFORM_OUTPUT_TYPE"),
    ],
    [
      "an empty list",
      edited((o) => (o.availability_zones.value = [])),
      expectedMessage(SOURCE, "availability_zones.value", [], "a non-empty list of non-empty strings", "PLATFORM_OUTPUT_TYPE"),
    ],
    [
      "a subnet list that does not match the zones",
      edited((o) => (o.public_subnet_ids.value = ["subnet-1"])),
      expectedMessage(
        SOURCE,
        "public_subnet_ids.value",
        ["subnet-1"],
        "one subnet per availability zone (2: eu-west-1a, eu-west-1b)",
        "PLATFORM_OUTPUT_SUBNET_COUNT",
      ),
    ],
    [
      "a cluster in another account",
      edited((o) => (o.cluster_arn.value = "arn:aws:ecs:eu-west-1:111111111111:cluster/acme-dev")),
      expectedMessage(
        SOURCE,
        "cluster_arn.value",
        "arn:aws:ecs:eu-west-1:111111111111:cluster/acme-dev",
        "a cluster in account 123456789012, region eu-west-1 (where this stack deploys)",
        "PLATFORM_OUTPUT_CLUSTER_ELSEWHERE",
      ),
    ],
  ])("rejects %s", (_name, json, expected) => {
    expect(errorOf(() => readPlatformOutputs(json, SOURCE, TARGET)).message).toMatch(expected);
  });

  test("rejects a file it cannot read or parse, naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "platform-outputs-"));
    try {
      const missing = join(dir, "missing.json");
      expect(errorOf(() => loadPlatformOutputs(missing, TARGET))).toMatchObject({
        code: "PLATFORM_OUTPUTS_UNREADABLE",
        constructPath: missing,
        value: "ENOENT",
      });
      const broken = join(dir, "broken.json");
      writeFileSync(broken, "vpc_id = vpc-1\n");
      expect(errorOf(() => loadPlatformOutputs(broken, TARGET))).toMatchObject({ code: "PLATFORM_OUTPUTS_JSON", constructPath: broken });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
