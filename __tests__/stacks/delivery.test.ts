import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { bootstrapBackendFrom, buildPlatformApp } from "../../stacks/app";
import { BootstrapStack } from "../../stacks/bootstrap-stack";
import { bootstrapConfig } from "../../stacks/bootstrap/config";
import { deriveEnvironment, dev, loadEnvironments, validateEnvironmentConfig } from "../../stacks/environments";
import { resourceAddresses, synthEnvironment } from "./synth-env";

/** Public registries images may come from without a repository here. */
const PUBLIC_REGISTRIES = ["public.ecr.aws/"];
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+)[:@](.+)$/;

const { stacks, bootstrapStacks, registryStack } = buildPlatformApp({
  outdir: "/tmp/unused",
  environments: loadEnvironments({}),
  bootstrapBackend: "s3",
});
const json = (stack: any) => JSON.parse(Testing.synth(stack, true));
const environments = stacks.map((s) => ({ config: s.config, json: json(s) }));
const bootstraps = bootstrapStacks.map((s) => ({ id: s.node.id, json: json(s) }));
const registry = json(registryStack);
const all = <T>(j: any, type: string): T[] => Object.values(j.resource?.[type] ?? {}) as T[];
const accountOf = (j: any): string => j.provider.aws[0].allowed_account_ids[0];

/** Every image reference the stack runs: ECS container definitions and Batch job container properties. */
function imagesOf(j: any): string[] {
  const fromTasks = all<any>(j, "aws_ecs_task_definition").flatMap((t) => JSON.parse(t.container_definitions).map((c: any) => c.image));
  const fromJobs = all<any>(j, "aws_batch_job_definition").map((d) => JSON.parse(d.container_properties).image);
  return [...fromTasks, ...fromJobs];
}

describe("the bootstrap creates what every stack assumes", () => {
  test("each environment's backend bucket, state key alias and deploy role are created by the bootstrap stack of its account", () => {
    for (const { config, json: env } of environments) {
      const bootstrap = bootstraps.find((b) => accountOf(b.json) === config.accountId);
      expect({ env: config.name, bootstrap: bootstrap?.id }).toEqual({ env: config.name, bootstrap: expect.stringMatching(/^bootstrap-/) });
      const s3 = env.terraform.backend.s3;
      expect(all<any>(bootstrap!.json, "aws_s3_bucket").map((b) => b.bucket)).toContain(s3.bucket);
      if (s3.kms_key_id) expect(all<any>(bootstrap!.json, "aws_kms_alias").map((a) => a.name)).toContain(s3.kms_key_id);
      const roleName = config.deployRoleArn!.split(":role/")[1];
      expect(config.deployRoleArn).toBe(`arn:aws:iam::${config.accountId}:role/${roleName}`);
      expect(all<any>(bootstrap!.json, "aws_iam_role").map((r) => r.name)).toContain(roleName);
      expect(env.variable.assume_role_arn.default).toBe(config.deployRoleArn);
    }
  });

  test("each deploy role trusts the GitHub environment of exactly the stacks deployed in its account", () => {
    const deployedIn = (account: string) => [
      ...environments.filter((e) => e.config.accountId === account).map((e) => e.config.name),
      ...(accountOf(registry) === account ? ["registry"] : []),
    ];
    for (const b of bootstraps) {
      const deploy = all<any>(b.json, "aws_iam_role").find((r) => r.name === "acme-terraform-deploy");
      const subjects = JSON.parse(deploy.assume_role_policy).Statement.map(
        (s: any) => s.Condition.StringEquals["token.actions.githubusercontent.com:sub"],
      );
      expect(subjects.sort()).toEqual(
        deployedIn(accountOf(b.json))
          .map((env) => `repo:acme/ecs-platform:environment:${env}`)
          .sort(),
      );
    }
  });

  test("the registry stack's backend and deploy role come from the shared account's bootstrap", () => {
    const shared = bootstraps.find((b) => b.id === "bootstrap-shared")!;
    expect(accountOf(shared.json)).toBe(accountOf(registry));
    expect(all<any>(shared.json, "aws_s3_bucket").map((b) => b.bucket)).toEqual([registry.terraform.backend.s3.bucket]);
    expect(registry.variable.assume_role_arn.default).toBe(`arn:aws:iam::${accountOf(registry)}:role/acme-terraform-deploy`);
  });

  test("every image any stack runs comes from a repository the registry stack creates (or an allow-listed public registry)", () => {
    const repositories = all<any>(registry, "aws_ecr_repository").map((r) => r.name);
    const registryAccount = accountOf(registry);
    const offenders: string[] = [];
    let checked = 0;
    for (const { config, json: env } of environments) {
      for (const image of imagesOf(env)) {
        checked++;
        const ecr = ECR_IMAGE.exec(image);
        if (ecr && ecr[1] === registryAccount && ecr[2] === bootstrapConfig.region && repositories.includes(ecr[3])) continue;
        if (!ecr && PUBLIC_REGISTRIES.some((p) => image.startsWith(p))) continue;
        offenders.push(`${config.name}: ${image}`);
      }
    }
    expect(offenders).toEqual([]);
    expect(checked).toBe(environments.length * 4);
  });

  test("the registry's repositories are locked with prevent_destroy (a production-class stack: deleting one deletes the images every environment runs)", () => {
    const repositories = all<any>(registry, "aws_ecr_repository");
    expect(repositories.length).toBeGreaterThan(0);
    expect(repositories.filter((r) => r.lifecycle?.prevent_destroy !== true).map((r) => r.name)).toEqual([]);
    expect(all<any>(registry, "aws_iam_role").some((r) => r.lifecycle?.prevent_destroy)).toBe(false);
  });

  test("the registry lets every environment account pull every repository, and only main's image workflow push", () => {
    const envAccounts = [...new Set(environments.map((e) => e.config.accountId))].sort();
    for (const policy of all<any>(registry, "aws_ecr_repository_policy")) {
      const principals = JSON.parse(policy.policy).Statement.map((s: any) => s.Principal.AWS.split(":")[4]);
      expect(principals.sort()).toEqual(envAccounts);
    }
    for (const role of all<any>(registry, "aws_iam_role")) {
      const [trust] = JSON.parse(role.assume_role_policy).Statement;
      expect(trust.Condition.StringEquals).toEqual({
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": expect.stringMatching(/^repo:acme\/[a-z]+:ref:refs\/heads\/main$/),
        "token.actions.githubusercontent.com:job_workflow_ref": "acme/ecs-platform/.github/workflows/image.yml@refs/heads/main",
      });
    }
  });

  test("the execution roles pull from exactly the repositories their task runs", () => {
    const dev = environments.find((e) => e.config.name === "dev")!.json;
    const pulls = all<any>(dev, "aws_iam_role_policy")
      .flatMap((p) => JSON.parse(p.policy).Statement)
      .filter((s: any) => s.Sid === "EcrPull")
      .map((s: any) => s.Resource)
      .sort();
    expect(pulls).toEqual(
      ["acme/reindex", "acme/report", "acme/web", "acme/worker"].map((r) => `arn:aws:ecr:eu-west-1:${accountOf(registry)}:repository/${r}`),
    );
  });
});

describe("BootstrapStack", () => {
  test("BOOTSTRAP_BACKEND=local keeps the first apply's state locally; s3 (the default) uses the bucket it created", () => {
    expect(bootstrapBackendFrom({})).toBe("s3");
    expect(bootstrapBackendFrom({ BOOTSTRAP_BACKEND: "local" })).toBe("local");
    expect(() => bootstrapBackendFrom({ BOOTSTRAP_BACKEND: "S3" })).toThrow(
      /^stacks\/app: invalid BOOTSTRAP_BACKEND "S3": expected "local" \(first apply in a new account\) or "s3" \[APP_BOOTSTRAP_BACKEND\]$/,
    );
    const local = json(new BootstrapStack(Testing.app(), bootstrapConfig, "dev", "local"));
    expect(local.terraform.backend).toEqual({ local: { path: "terraform.bootstrap-dev.tfstate" } });
    const s3 = bootstraps.find((b) => b.id === "bootstrap-dev")!.json.terraform.backend.s3;
    expect(s3).toMatchObject({
      bucket: "acme-terraform-state-111111111111",
      key: "acme/bootstrap/terraform.tfstate",
      encrypt: true,
      use_lockfile: true,
    });
  });

  test("outputs the names and ARNs the workflows and environment configs use", () => {
    expect(Object.keys(bootstraps.find((b) => b.id === "bootstrap-prod")!.json.output).sort()).toEqual(
      ["deploy_role_arn", "oidc_provider_arn", "plan_role_arn", "state_bucket", "state_kms_key_arn"].sort(),
    );
  });
});

/** The new stacks' addresses are pinned like the environments' (regenerate with UPDATE_ADDRESSES=1, review the diff). */
describe("pinned resource addresses of the bootstrap and registry stacks", () => {
  test.each([...bootstraps.map((b) => b.id), "registry"])("%s keeps its resource addresses", (name) => {
    const file = join(__dirname, "addresses", `${name}.txt`);
    const actual = resourceAddresses(name === "registry" ? registry : bootstraps.find((b) => b.id === name)!.json);
    if (process.env.UPDATE_ADDRESSES) writeFileSync(file, `${actual.join("\n")}\n`);
    expect(existsSync(file)).toBe(true);
    const pinned = readFileSync(file, "utf8").trim().split("\n");
    expect({ removedOrRenamed: pinned.filter((a) => !actual.includes(a)) }).toEqual({ removedOrRenamed: [] });
    expect(actual).toEqual(pinned);
  });
});

describe("CI-driven services in an environment", () => {
  const config = validateEnvironmentConfig(
    deriveEnvironment(dev, { services: { worker: { kind: "worker", delivery: { mode: "ci", repository: "acme/worker" } } } }),
  );
  const { json: env } = synthEnvironment(config);
  const byName = (type: string, name: string) => all<any>(env, type).find((r) => r.name === name);

  test("the service ignores the running revision and the task definition keeps its old revisions; config-driven ones are unchanged", () => {
    expect(byName("aws_ecs_service", "acme-dev-worker").lifecycle.ignore_changes).toEqual(["desired_count", "task_definition"]);
    expect(all<any>(env, "aws_ecs_task_definition").find((t) => t.family === "acme-dev-worker").skip_destroy).toBe(true);
    expect(byName("aws_ecs_service", "acme-dev-web").lifecycle.ignore_changes).toEqual(["desired_count"]);
  });

  test("a deploy role for the image workflow: the app's jobs in this environment, this platform's workflow on main, exactly this service", () => {
    const role = byName("aws_iam_role", "acme-dev-worker-deploy");
    expect(JSON.parse(role.assume_role_policy).Statement[0].Condition.StringEquals).toEqual({
      "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
      "token.actions.githubusercontent.com:sub": "repo:acme/worker:environment:dev",
      "token.actions.githubusercontent.com:job_workflow_ref": "acme/ecs-platform/.github/workflows/image.yml@refs/heads/main",
    });
    const policy = all<any>(env, "aws_iam_role_policy").find((p) => p.role.includes("WorkerDeployRole"));
    const statements = JSON.parse(policy.policy).Statement;
    expect(
      statements.map((s: any) => [
        s.Sid,
        s.Action,
        typeof s.Resource === "string" ? s.Resource.replace(/_[0-9A-F]{8}/g, "") : s.Resource.length,
      ]),
    ).toEqual([
      ["Service", ["ecs:DescribeServices", "ecs:UpdateService"], "${aws_ecs_service.Worker.id}"],
      ["TaskDefinitions", ["ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"], "*"],
      ["PassTaskRoles", "iam:PassRole", 2],
    ]);
    expect(statements[2].Condition).toEqual({ StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } });
    expect(Object.keys(env.output)).toContain("service_deploy_role_arns");
  });

  test("is refused without the platform repository its role must trust", () => {
    const bare = { ...config, platformRepository: undefined };
    expect(() => synthEnvironment(bare)).toThrow(
      /^environments\/dev: invalid platformRepository \(missing\): expected this platform repository \(owner\/name\), whose image workflow services\.worker's deploy role trusts \[ENV_CI_DELIVERY_PLATFORM\]$/,
    );
  });
});
