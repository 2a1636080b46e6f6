import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkStackOffline, checkStacksOffline, findProviderMirror, TerraformCheckError } from "../../src/terraform";
import { cliConfig } from "../../src/terraform/provider-mirror";
import { offlineOverride, planOfModule } from "../../src/terraform/offline-check";

describe("offlineOverride", () => {
  test("forces a local backend and offline settings on every aws provider alias", () => {
    const override = offlineOverride(
      { provider: { aws: [{ region: "eu-west-1" }, { alias: "us", region: "us-east-1" }] } },
      "/tmp/s.tfstate",
    ) as any;
    expect(override.terraform.backend).toEqual({ local: { path: "/tmp/s.tfstate" } });
    expect(override.provider.aws).toHaveLength(2);
    expect(override.provider.aws[1]).toMatchObject({
      alias: "us",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      assume_role: [{ role_arn: "" }],
      allowed_account_ids: null,
    });
    expect(override.provider.aws[0].alias).toBeUndefined();
  });
});

describe("provider mirror", () => {
  const made: string[] = [];
  // The fake's 0-byte provider must not outlive the test: a tool that searches the disk for a mirror would load it.
  afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  function fakeMirror(): string {
    const root = mkdtempSync(join(tmpdir(), "mirror-"));
    made.push(root);
    const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
    const dir = join(root, "registry.terraform.io", "hashicorp", "aws", "5.100.0", platform);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "terraform-provider-aws_v5.100.0_x5"), "");
    return root;
  }

  test("takes the mirror from TF_PROVIDER_MIRROR and writes a CLI config that installs from it", () => {
    const mirror = fakeMirror();
    expect(findProviderMirror({ TF_PROVIDER_MIRROR: mirror })).toBe(mirror);
    const config = cliConfig(mirror);
    expect(config).toContain(`path    = ${JSON.stringify(mirror)}`);
    expect(config).toContain('include = ["registry.terraform.io/hashicorp/aws"]');
    expect(config).toContain('exclude = ["registry.terraform.io/hashicorp/aws"]');
  });

  test("falls back to the registry when there is no mirror", () => {
    expect(cliConfig(undefined)).not.toContain("provider_installation");
  });
});

describe("checkStacksOffline", () => {
  function writeStack(root: string, name: string, vpc: Record<string, unknown>): string {
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(
      join(dir, "cdk.tf.json"),
      JSON.stringify({
        terraform: {
          required_providers: { aws: { source: "hashicorp/aws", version: "~> 5.100" } },
          backend: { s3: { bucket: "b", key: "k", region: "eu-west-1" } },
        },
        provider: {
          aws: [
            {
              region: "eu-west-1",
              allowed_account_ids: ["123456789012"],
              assume_role: [{ role_arn: "arn:aws:iam::123456789012:role/deploy" }],
            },
          ],
        },
        resource: { aws_vpc: { main: vpc } },
      }),
    );
    return dir;
  }

  test("names the failing stack and gives Terraform's own error text when a combined run fails", async () => {
    const root = mkdtempSync(join(tmpdir(), "stacks-"));
    const good = writeStack(root, "good", { cidr_block: "10.0.0.0/16" });
    const broken = writeStack(root, "broken", { cidr_block: "10.0.0.0/16", not_an_argument: true });
    // The real terraform behind a wrapper that records the folder of every run.
    const log = join(root, "runs.log");
    const wrapper = join(root, "terraform-wrapper");
    writeFileSync(wrapper, `#!/bin/sh\nbasename "$PWD" >> "${log}"\nexec terraform "$@"\n`, { mode: 0o755 });
    const error = await checkStacksOffline([good, broken], { plan: false, terraformBinary: wrapper }).catch((e) => e);
    expect(error).toBeInstanceOf(TerraformCheckError);
    expect(error.stage).toBe("validate");
    expect(error.stackName).toBe("broken");
    expect(error.output).toMatch(/Extraneous JSON object property/);
    expect(error.output).toMatch(/No argument or block type is named "not_an_argument"/);
    // The diagnostics cite broken/cdk.tf.json, so only that stack was checked again on its own.
    const runs = readFileSync(log, "utf8").trim().split("\n");
    expect(runs.some((dir) => dir.startsWith("tf-check-combined-"))).toBe(true);
    expect(runs.some((dir) => dir.startsWith("tf-check-broken-"))).toBe(true);
    expect(runs.filter((dir) => dir.startsWith("tf-check-good-"))).toEqual([]);
  });

  test("fails an invalid configuration in the plan stage when planning (no separate validate runs)", async () => {
    const root = mkdtempSync(join(tmpdir(), "stacks-"));
    const broken = writeStack(root, "broken", { cidr_block: "10.0.0.0/16", not_an_argument: true });
    const error = await checkStacksOffline([broken]).catch((e) => e);
    expect(error).toBeInstanceOf(TerraformCheckError);
    expect(error.stage).toBe("plan");
    expect(error.output).toMatch(/No argument or block type is named "not_an_argument"/);
    // That a passing plan runs no validate either is asserted on the suite's own combined run
    // (__tests__/stacks/offline-plan.test.ts), which costs no extra Terraform run.
  });
});

describe("the committed provider lock file", () => {
  const LOCK = join(__dirname, "..", "..", ".terraform.lock.hcl");

  test("pins hashicorp/aws to the version the bindings target, with a checksum", () => {
    const lock = readFileSync(LOCK, "utf8");
    expect(lock).toMatch(/provider "registry\.terraform\.io\/hashicorp\/aws" \{\n\s+version\s+= "5\.100\.0"\n\s+constraints = "~> 5\.100"/);
    expect(lock).toMatch(/"h1:[A-Za-z0-9+/]{43}="/);
  });

  test("a provider whose checksum the lock file does not list fails init instead of being trusted", async () => {
    const root = mkdtempSync(join(tmpdir(), "lock-"));
    try {
      const stack = join(root, "locked");
      mkdirSync(stack);
      writeFileSync(
        join(stack, "cdk.tf.json"),
        JSON.stringify({
          terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "~> 5.100" } } },
          provider: { aws: [{ region: "eu-west-1" }] },
        }),
      );
      const tampered = join(root, "tampered.lock.hcl");
      writeFileSync(tampered, readFileSync(LOCK, "utf8").replace(/"h1:[^"]+"/, '"h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="'));
      const error = await checkStackOffline({ stackDir: stack, plan: false, lockFile: tampered }).catch((e) => e);
      expect(error).toBeInstanceOf(TerraformCheckError);
      expect(error.stage).toBe("init");
      expect(error.output).toMatch(/checksum|does not match/i);
      const ok = await checkStackOffline({ stackDir: stack, plan: false, lockFile: LOCK });
      expect(Object.keys(ok.timings)).toEqual(["init", "validate"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("planOfModule", () => {
  test("gives a module planned with a shared root provider configuration that configuration as its own", () => {
    const change = { actions: ["create"], before: null, after: {} };
    const plan = {
      format_version: "1.2",
      resource_changes: [{ address: "module.dev.aws_vpc.a", module_address: "module.dev", type: "aws_vpc", name: "a", change }],
      configuration: {
        provider_config: {
          "aws.shared0": {
            name: "aws",
            alias: "shared0",
            version_constraint: "~> 5.100",
            expressions: { region: { constant_value: "eu-west-1" } },
          },
          "aws.shared1": { name: "aws", alias: "shared1", expressions: { region: { constant_value: "us-east-1" } } },
        },
        root_module: {
          module_calls: {
            dev: {
              source: "./dev",
              module: { resources: [{ address: "aws_vpc.a", type: "aws_vpc", name: "a", provider_config_key: "aws.shared0" }] },
            },
          },
        },
      },
    };
    const dev = planOfModule(plan, "dev", "shared0");
    expect(dev.configuration).toEqual({
      provider_config: { aws: { name: "aws", version_constraint: "~> 5.100", expressions: { region: { constant_value: "eu-west-1" } } } },
      root_module: { resources: [{ address: "aws_vpc.a", type: "aws_vpc", name: "a", provider_config_key: "module.dev:aws" }] },
    });
  });

  test("keeps one module's changes with addresses as if it were the root", () => {
    const change = { actions: ["create"], before: null, after: {} };
    const plan = {
      format_version: "1.2",
      resource_changes: [
        { address: "module.dev.aws_vpc.a", module_address: "module.dev", type: "aws_vpc", name: "a", change },
        { address: "module.prod.aws_vpc.a", module_address: "module.prod", type: "aws_vpc", name: "a", change },
      ],
      planned_values: { root_module: { child_modules: [{ address: "module.dev", resources: [] }] } },
      configuration: {
        provider_config: {
          "module.dev:aws": { name: "aws", module_address: "module.dev", expressions: { region: { constant_value: "eu-west-1" } } },
          "module.prod:aws": { name: "aws" },
        },
        root_module: {
          module_calls: { dev: { source: "./dev", module: { resources: [{ address: "aws_vpc.a", type: "aws_vpc", name: "a" }] } } },
        },
      },
    };
    const dev = planOfModule(plan, "dev");
    expect(dev.resource_changes).toEqual([{ address: "aws_vpc.a", type: "aws_vpc", name: "a", change }]);
    expect(dev.planned_values).toEqual({ root_module: { address: "module.dev", resources: [] } });
    expect(dev.configuration).toEqual({
      provider_config: { aws: { name: "aws", expressions: { region: { constant_value: "eu-west-1" } } } },
      root_module: { resources: [{ address: "aws_vpc.a", type: "aws_vpc", name: "a" }] },
    });
  });
});
