import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dev, loadEnvironments, preview, prod, staging, deriveEnvironment, validateEnvironmentConfig } from "../../stacks/environments";
import { Testing } from "cdktf";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { resourceAddresses, synthEnvironment } from "./synth-env";

const environments = { dev, staging, prod };
const synthesized = Object.fromEntries(Object.entries(environments).map(([name, config]) => [name, synthEnvironment(config)]));
const resources = (env: string, type: string): any[] => Object.values(synthesized[env].json.resource?.[type] ?? {});

describe("environment configs", () => {
  test("the app loads dev, staging and prod, and a preview only when PREVIEW_PR is set", () => {
    expect(loadEnvironments({}).map((e) => e.name)).toEqual(["dev", "staging", "prod"]);
    expect(loadEnvironments({ PREVIEW_PR: "123" }).map((e) => e.name)).toEqual(["dev", "staging", "prod", "pr-123"]);
  });

  test("a preview reuses dev with its own name, tags, VPC range and state key", () => {
    const pr = preview(123);
    expect(pr).toMatchObject({
      name: "pr-123",
      accountId: dev.accountId,
      network: { cidr: "10.123.0.0/16" },
      tags: { Environment: "pr-123" },
    });
    const { json } = synthEnvironment(pr);
    expect(json.terraform.backend.s3.key).toBe("acme/pr-123/terraform.tfstate");
  });

  test("network.tiers is replaced whole, so explicit blocks never merge with the base's sizes", () => {
    expect(dev.network.tiers).toEqual({
      public: { cidrBlocks: ["10.10.32.0/24", "10.10.33.0/24", "10.10.34.0/24"] },
      private: { cidrBlocks: ["10.10.0.0/20", "10.10.16.0/20", "10.10.48.0/20"] },
    });
    expect(preview(7).network.tiers).toEqual({ public: { prefixLength: 24 }, private: { prefixLength: 20 } });
  });

  test.each<[string, object, RegExp]>([
    [
      "an account id that is not 12 digits",
      { accountId: "1234" },
      /^environments\/dev: invalid accountId "1234": expected a 12-digit AWS account id \[ENV_ACCOUNT\]$/,
    ],
    [
      "a zone from another region",
      { availabilityZones: ["eu-west-1a", "us-east-1b"] },
      /invalid availabilityZones\[1\] "us-east-1b": expected a zone of eu-west-1.*\[ENV_AZ\]/,
    ],
    ["a missing required tag", { tags: { Owner: "" } }, /invalid tags\.Owner "": expected a non-empty value.*\[ENV_TAG_MISSING\]/],
    ["an Environment tag that is not the name", { tags: { Environment: "development" } }, /\[ENV_TAG_ENVIRONMENT\]/],
    [
      "a deploy role in another account",
      { deployRoleArn: "arn:aws:iam::999999999999:role/x" },
      /invalid deployRoleArn .*expected an IAM role ARN in account 111111111111 \[ENV_DEPLOY_ROLE\]/,
    ],
    [
      "a permissions boundary in another account",
      { permissionsBoundaryArn: "arn:aws:iam::999999999999:policy/boundary" },
      /invalid permissionsBoundaryArn "arn:aws:iam::999999999999:policy\/boundary": expected a customer managed IAM policy ARN in account 111111111111 .*\[ENV_PERMISSIONS_BOUNDARY\]/,
    ],
    ["a role path without slashes", { rolePath: "platform" }, /invalid rolePath "platform": expected "\/" or a path .*\[ENV_ROLE_PATH\]/],
    ["an upper-case name", { name: "Dev", tags: { Environment: "Dev" } }, /\[ENV_NAME\]/],
    [
      "a rename from a key still in use",
      { services: { frontend: { ...(dev.services.web as object), priority: 300, renamedFrom: "worker" } } },
      /invalid services\.frontend\.renamedFrom "worker": expected the workload's previous key.*\[ENV_RENAMED_FROM\]/,
    ],
    [
      "a workload key that is not a name",
      {
        services: {
          Web_1: { kind: "worker", repository: "r", imageTag: "1", cpu: 256, memoryMiB: 512, architecture: "ARM64", maxCapacity: 1 },
        },
      },
      /invalid services "Web_1".*\[ENV_WORKLOAD_KEY\]/,
    ],
    [
      "two web services with one listener priority",
      { services: { api: { ...(dev.services.web as object), priority: 100 } } },
      /invalid services\.api\.priority 100: expected a listener priority not already used by services\.web \[ENV_PRIORITY_DUPLICATE\]/,
    ],
    [
      "an image tag with a space",
      { services: { web: { kind: "web", imageTag: "1.4 final" } } },
      /^environments\/dev: invalid services\.web\.imageTag "1\.4 final": expected an image tag .* or a digest sha256:<64 lowercase hex> \[ENV_IMAGE_TAG\]$/,
    ],
    [
      "a digest that is not 64 hex digits",
      { batch: { jobs: { reindex: { imageTag: "sha256:abc" } } } },
      /invalid batch\.jobs\.reindex\.imageTag "sha256:abc": .*\[ENV_IMAGE_TAG\]/,
    ],
    [
      "an unknown delivery mode",
      { services: { worker: { kind: "worker", delivery: { mode: "gitops" } } } },
      /^environments\/dev: invalid services\.worker\.delivery\.mode "gitops": expected "config" or "ci" \[ENV_DELIVERY_MODE\]$/,
    ],
    [
      "the latest tag",
      { scheduledTasks: { report: { imageTag: "latest" } } },
      /invalid scheduledTasks\.report\.imageTag "latest".*not latest.*\[ENV_IMAGE_TAG\]/,
    ],
    [
      "a budget of zero",
      { operations: { monthlyBudgetUsd: 0 } },
      /^environments\/dev: invalid operations\.monthlyBudgetUsd 0: expected a positive amount in USD \[ENV_BUDGET\]$/,
    ],
    [
      "a Fargate budget given as a string",
      { operations: { fargateMonthlyBudgetUsd: "100" } },
      /invalid operations\.fargateMonthlyBudgetUsd "100": expected a positive amount in USD \[ENV_BUDGET\]/,
    ],
    [
      "an on-call topic in another account",
      { operations: { onCallTopicArn: "arn:aws:sns:eu-west-1:999999999999:oncall", notificationEmails: [] } },
      /invalid operations\.onCallTopicArn "arn:aws:sns:eu-west-1:999999999999:oncall": expected an SNS topic ARN in eu-west-1 and account 111111111111 .*\[ENV_ONCALL_TOPIC\]/,
    ],
    [
      "e-mail subscriptions next to an on-call topic",
      { operations: { onCallTopicArn: "arn:aws:sns:eu-west-1:111111111111:oncall" } },
      /invalid operations\.notificationEmails \["platform-alerts@acme\.example"\]: expected no e-mail subscriptions with onCallTopicArn .*\[ENV_ONCALL_EMAILS\]/,
    ],
  ])("rejects %s", (_name, overrides, message) => {
    expect(() => validateEnvironmentConfig(deriveEnvironment(dev, overrides as any))).toThrow(message);
  });

  test("an image pinned by digest runs as repo@sha256:... from the registry account", () => {
    const digest = `sha256:${"ab".repeat(32)}`;
    const config = validateEnvironmentConfig(deriveEnvironment(dev, { services: { web: { kind: "web", imageTag: digest } } }));
    const { json } = synthEnvironment(config);
    const images = Object.values(json.resource.aws_ecs_task_definition).flatMap((t: any) =>
      JSON.parse(t.container_definitions).map((c: any) => c.image),
    );
    expect(images).toContain(`444444444444.dkr.ecr.eu-west-1.amazonaws.com/acme/web@${digest}`);
  });

  test.each<[string, object, RegExp]>([
    ["fewer than 3 zones", { availabilityZones: ["eu-west-1a", "eu-west-1b"] }, /\[ENV_PROD_AZS\]/],
    [
      "a single NAT gateway",
      { network: { natGateways: "single" } },
      /invalid network\.natGateways "single": expected "perAz" in production.*\[ENV_PROD_NAT\]/,
    ],
    ["local state", { backend: { type: "local" } }, /\[ENV_PROD_BACKEND\]/],
    [
      "no on-call topic",
      { operations: { onCallTopicArn: "" } },
      /invalid operations\.onCallTopicArn "": expected the on-call SNS topic ARN in production .*\[ENV_PROD_ONCALL\]/,
    ],
    [
      "no certificate",
      { ingress: { certificateArn: "" } },
      /invalid ingress\.certificateArn "": expected an ACM certificate ARN in production \(HTTPS only\) \[ENV_PROD_HTTPS\]/,
    ],
  ])("rejects a production environment with %s", (_name, overrides, message) => {
    expect(() => validateEnvironmentConfig(deriveEnvironment(prod, overrides as any))).toThrow(message);
  });

  test("rejects a preview without a pull request number", () => {
    expect(() => preview(Number("abc"))).toThrow(/\[ENV_PREVIEW_PR\]/);
  });
});

describe("EnvironmentStack", () => {
  test("dev and staging send operational events to an encrypted topic of their own; prod to the on-call topic", () => {
    for (const name of ["dev", "staging"]) {
      const [topic] = resources(name, "aws_sns_topic");
      expect(topic.name).toBe(`acme-${name}-operations`);
      expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.NotificationTopic_Key_[0-9A-F]{8}\.arn\}$/);
      expect(resources(name, "aws_cloudwatch_event_target").filter((t) => /NotificationTopic/.test(t.arn))).toHaveLength(5);
    }
    expect(resources("dev", "aws_sns_topic_subscription").map((s) => s.endpoint)).toEqual(["platform-alerts@acme.example"]);
    expect(resources("prod", "aws_sns_topic")).toEqual([]);
    const prodTargets = resources("prod", "aws_cloudwatch_event_target").filter((t) => t.target_id === "notification-topic");
    expect(prodTargets.map((t) => t.arn)).toEqual(Array(5).fill("arn:aws:sns:eu-west-1:333333333333:acme-oncall"));
  });

  test("the notification rules watch the environment's services and its Batch queue", () => {
    const rules = Object.fromEntries(resources("prod", "aws_cloudwatch_event_rule").map((r) => [r.name, r]));
    expect(rules["acme-prod-task-failures"].event_pattern).toContain('"group":["service:acme-prod-web","service:acme-prod-worker"]');
    expect(rules["acme-prod-alarms"].event_pattern).toContain('"acme-prod-web-5xx"');
    expect(rules["acme-prod-batch-job-failures"].event_pattern).toContain("aws_batch_job_queue.BatchQueue_28C25975.arn");
  });

  test("each environment has a monthly USD budget on its Environment tag; prod also a Fargate budget", () => {
    const limits = Object.fromEntries(
      Object.keys(environments).map((name) => [
        name,
        resources(name, "aws_budgets_budget").map((b) => [b.name, b.limit_amount, b.limit_unit]),
      ]),
    );
    expect(limits).toEqual({
      dev: [["acme-dev", "250", "USD"]],
      staging: [["acme-staging", "800", "USD"]],
      prod: [
        ["acme-prod", "1000", "USD"],
        ["acme-prod-fargate", "250", "USD"],
      ],
    });
    expect(resources("staging", "aws_budgets_budget")[0].cost_filter).toEqual([
      { name: "TagKeyValue", values: ["user:Environment$staging"] },
    ]);
    expect(resources("prod", "aws_budgets_budget")[0].notification[0]).toMatchObject({
      subscriber_sns_topic_arns: ["arn:aws:sns:eu-west-1:333333333333:acme-oncall"],
      subscriber_email_addresses: ["platform-finance@acme.example"],
    });
  });

  test("each environment pins its own account, assumes its own deploy role and tags everything", () => {
    for (const [name, config] of Object.entries(environments)) {
      const [provider] = synthesized[name].json.provider.aws;
      expect(provider.allowed_account_ids).toEqual([config.accountId]);
      // The role comes in through a variable (its default), so the workflows can set it empty when they already hold the role.
      expect(provider.assume_role[0].role_arn).toBe("${var.assume_role_arn}");
      expect(synthesized[name].json.variable.assume_role_arn.default).toBe(`arn:aws:iam::${config.accountId}:role/acme-terraform-deploy`);
      expect(provider.default_tags[0].tags).toMatchObject({ Environment: name, Owner: "platform-team", CostCenter: "cc-1001" });
    }
  });

  test("a permissions boundary and role path from the config reach every role, and prod's guardrails pass with them", () => {
    const boundary = `arn:aws:iam::${prod.accountId}:policy/acme-platform-boundary`;
    const app = Testing.app();
    const stack = new EnvironmentStack(app, { ...prod, permissionsBoundaryArn: boundary, rolePath: "/platform/" });
    const json = JSON.parse(Testing.fullSynth(stack) && Testing.synth(stack, true));
    const roles = Object.values(json.resource.aws_iam_role) as any[];
    expect(roles).toHaveLength(resources("prod", "aws_iam_role").length);
    for (const role of roles) expect(role).toMatchObject({ permissions_boundary: boundary, path: "/platform/" });
    // Without the setting (the shipped configs) no role has either: their Terraform is unchanged.
    for (const role of resources("prod", "aws_iam_role")) expect(role.permissions_boundary ?? role.path).toBeUndefined();
  });

  test("state lives in S3 with a key per environment, encryption and S3 lock files", () => {
    for (const name of Object.keys(environments)) {
      expect(synthesized[name].json.terraform.backend.s3).toMatchObject({
        key: `acme/${name}/terraform.tfstate`,
        encrypt: true,
        use_lockfile: true,
      });
    }
    expect(synthesized.prod.json.terraform.backend.s3.kms_key_id).toBe("alias/acme-terraform-state");
  });

  test("a local backend can be chosen for trying it out", () => {
    const { json } = synthEnvironment(deriveEnvironment(dev, { backend: { type: "local" } }));
    expect(json.terraform.backend).toEqual({ local: { path: "terraform.dev.tfstate" } });
  });

  test("declares a provider version range, not the binding's exact pin", () => {
    expect(synthesized.dev.json.terraform.required_providers.aws.version).toBe("~> 5.100");
  });

  test("dev has one NAT gateway; staging one; prod one per AZ", () => {
    expect(resources("dev", "aws_nat_gateway")).toHaveLength(1);
    expect(resources("staging", "aws_nat_gateway")).toHaveLength(1);
    expect(resources("prod", "aws_nat_gateway")).toHaveLength(3);
  });

  test("only prod protects stateful resources with prevent_destroy", () => {
    for (const type of ["aws_vpc", "aws_subnet", "aws_cloudwatch_log_group"]) {
      expect(resources("prod", type).every((r) => r.lifecycle?.prevent_destroy === true)).toBe(true);
      expect(resources("dev", type).some((r) => r.lifecycle?.prevent_destroy)).toBe(false);
    }
    expect(resources("prod", "aws_route").some((r) => r.lifecycle?.prevent_destroy)).toBe(false);
  });

  test("prod locks the data stores a team adds to it (DynamoDB table, ECR repository, Secrets Manager secret) like its own; dev does not", () => {
    const added = (config: typeof prod) => {
      const stack = new EnvironmentStack(Testing.app(), config);
      new DynamodbTable(stack, "Orders", {
        name: "orders",
        hashKey: "id",
        attribute: [{ name: "id", type: "S" }],
        billingMode: "PAY_PER_REQUEST",
      });
      new EcrRepository(stack, "Images", { name: "acme/extra", imageTagMutability: "IMMUTABLE" });
      new SecretsmanagerSecret(stack, "ApiKey", { name: "acme/api-key" });
      const json = JSON.parse(Testing.synth(stack, true));
      return ["aws_dynamodb_table", "aws_ecr_repository", "aws_secretsmanager_secret"].map(
        (type) => Object.values(json.resource[type] as Record<string, any>)[0].lifecycle?.prevent_destroy,
      );
    };
    expect(added(prod)).toEqual([true, true, true]);
    expect(added(dev)).toEqual([undefined, undefined, undefined]);
  });

  test("outputs what a user needs", () => {
    expect(Object.keys(synthesized.dev.json.output).sort()).toEqual(
      [
        "availability_zones",
        "cluster_arn",
        "cluster_name",
        "job_queue_arn",
        "load_balancer_dns_name",
        "private_subnet_ids",
        "public_subnet_ids",
        "service_names",
        "vpc_cidr",
        "vpc_id",
      ].sort(),
    );
  });

  test("every environment runs the same services, scheduled tasks and Batch jobs", () => {
    const workloads = (env: string) => ({
      services: resources(env, "aws_ecs_service")
        .map((r) => r.name.replace(`acme-${env}-`, ""))
        .sort(),
      schedules: resources(env, "aws_scheduler_schedule")
        .map((r) => r.name.replace(`acme-${env}-`, ""))
        .sort(),
      jobs: resources(env, "aws_batch_job_definition")
        .map((r) => r.name.replace(`acme-${env}-`, ""))
        .sort(),
    });
    expect(workloads("dev")).toEqual({ services: ["web", "worker"], schedules: ["report"], jobs: ["reindex"] });
    expect(workloads("staging")).toEqual(workloads("dev"));
    expect(workloads("prod")).toEqual(workloads("dev"));
  });

  test("capacity: dev is Spot-heavy with no on-demand base, prod keeps an on-demand base of 2", () => {
    const strategy = (env: string) => resources(env, "aws_ecs_cluster_capacity_providers")[0].default_capacity_provider_strategy;
    expect(strategy("dev")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ capacity_provider: "FARGATE", base: 0, weight: 1 }),
        expect.objectContaining({ capacity_provider: "FARGATE_SPOT", weight: 4 }),
      ]),
    );
    expect(strategy("prod")).toEqual(
      expect.arrayContaining([expect.objectContaining({ capacity_provider: "FARGATE", base: 2, weight: 1 })]),
    );
  });

  test("only prod's load balancer has deletion protection; staging and prod serve HTTPS, dev HTTP", () => {
    const lb = (env: string) => resources(env, "aws_lb")[0];
    expect(lb("prod").enable_deletion_protection).toBe(true);
    expect(lb("dev").enable_deletion_protection).toBe(false);
    const protocols = (env: string) =>
      resources(env, "aws_lb_listener")
        .map((l) => l.protocol)
        .sort();
    expect(protocols("prod")).toEqual(["HTTP", "HTTPS"]);
    expect(protocols("staging")).toEqual(["HTTP", "HTTPS"]);
    expect(protocols("dev")).toEqual(["HTTP"]);
  });

  test("every service rebalances across AZs and rolls back on its own alarms; web offers Service Connect with explicit timeouts", () => {
    for (const env of ["dev", "staging", "prod"]) {
      for (const service of resources(env, "aws_ecs_service")) {
        expect(service.availability_zone_rebalancing).toBe("ENABLED");
        expect(service.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
        expect(service.alarms).toMatchObject({ enable: true, rollback: true });
        expect(service.alarms.alarm_names).toContain(`${service.name}-tasks-below-desired`);
      }
      const web = resources(env, "aws_ecs_service").find((r) => r.name === `acme-${env}-web`);
      expect(web.alarms.alarm_names).toEqual([
        `acme-${env}-web-tasks-below-desired`,
        `acme-${env}-web-unhealthy-targets`,
        `acme-${env}-web-5xx`,
      ]);
      expect(web.service_connect_configuration.service).toEqual([
        {
          port_name: "http",
          discovery_name: "web",
          client_alias: { port: 80 },
          timeout: { idle_timeout_seconds: 300, per_request_timeout_seconds: 60 },
        },
      ]);
    }
  });

  test("prod encrypts Fargate ephemeral storage with its own rotating, protected key; dev and staging keep AWS's key", () => {
    const [cluster] = resources("prod", "aws_ecs_cluster");
    expect(cluster.configuration.managed_storage_configuration).toEqual({
      fargate_ephemeral_storage_kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.Cluster_FargateStorage_Key_[0-9A-F]{8}\.arn\}$/),
    });
    // Fargate may use the key only once its policy exists.
    expect(cluster.depends_on).toEqual([expect.stringMatching(/^aws_kms_key_policy\.Cluster_FargateStorage_KeyPolicy_[0-9A-F]{8}$/)]);
    const key = resources("prod", "aws_kms_key").find((k) => k.tags?.Name === "acme-prod-fargate-storage");
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    // The policy reads the account from the key's ARN (Terraform expressions), so it is checked as text.
    const policy: string = resources("prod", "aws_kms_key_policy").find((p) => p.policy.includes("fargate.amazonaws.com")).policy;
    for (const sid of ["AccountAdministersThroughIam", "FargateGeneratesDataKeys", "FargateCreatesDecryptGrants"]) {
      expect(policy).toContain(`"Sid":"${sid}"`);
    }
    expect(policy).toContain('"kms:EncryptionContext:aws:ecs:clusterName":["acme-prod"]');
    expect(policy).toContain('"kms:GrantOperations":["Decrypt"]');
    for (const env of ["dev", "staging"]) {
      expect(resources(env, "aws_ecs_cluster")[0].configuration?.managed_storage_configuration).toBeUndefined();
    }
  });

  test("dev's web service scales to zero at night; prod's does not", () => {
    const actions = (env: string) => resources(env, "aws_appautoscaling_scheduled_action");
    expect(
      actions("dev")
        .map((a) => a.scalable_target_action.max_capacity)
        .sort(),
    ).toEqual(["0", "3"].sort());
    expect(actions("prod")).toEqual([]);
  });
});

/**
 * Resource addresses are the contract with real infrastructure: a changed address is a destroy and
 * a create. The pinned lists fail a refactor that would rename anything. After a deliberate change
 * (new resources, or a rename done with cdktf's moved support), regenerate them with
 * `UPDATE_ADDRESSES=1 npx jest __tests__/stacks/environments.test.ts` and review the diff.
 */
describe("pinned resource addresses", () => {
  test.each(Object.keys(environments))("%s keeps its resource addresses", (name) => {
    const file = join(__dirname, "addresses", `${name}.txt`);
    const actual = resourceAddresses(synthesized[name].json);
    if (process.env.UPDATE_ADDRESSES) writeFileSync(file, `${actual.join("\n")}\n`);
    expect(existsSync(file)).toBe(true);
    const pinned = readFileSync(file, "utf8").trim().split("\n");
    const removed = pinned.filter((a) => !actual.includes(a));
    expect({ removedOrRenamed: removed }).toEqual({ removedOrRenamed: [] });
    expect(actual).toEqual(pinned);
  });
});
