import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { validateAction, validateWorkflow } from "@action-validator/core";
import { parse } from "yaml";
import { AccountBootstrap } from "../../src/bootstrap";
import { bootstrapConfig } from "../../stacks/bootstrap/config";
import images from "../../stacks/environments/images.json";
import { loadEnvironments } from "../../stacks/environments";
import { IMAGE_WORKFLOW } from "../../stacks/registry-stack";
import { buildPlatformApp } from "../../stacks/app";
import { PlatformStack, ServiceGroupStack } from "../../stacks/split-stacks";
import { planMatrix } from "../../scripts/list-stacks";

/**
 * The workflows cannot run here, so the suite checks them: GitHub's workflow and action schemas
 * (@action-validator/core validates against SchemaStore's), pinned actions, least permissions, and
 * that the roles, stacks and environments they name are the ones the bootstrap config creates.
 */
const root = join(__dirname, "..", "..");
const workflowDir = join(root, ".github", "workflows");
const actionFiles = [join(root, ".github", "actions", "apply-stack", "action.yml")];
const workflowFiles = readdirSync(workflowDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => join(workflowDir, f));
const load = (file: string): any => parse(readFileSync(file, "utf8"));
const workflow = (name: string): any => load(join(workflowDir, name));
const { org } = bootstrapConfig;
const accountOfStack = (stack: string): string => {
  if (stack.startsWith("bootstrap-")) return bootstrapConfig.accounts[stack.slice("bootstrap-".length)].accountId;
  if (stack === "registry") return bootstrapConfig.accounts[bootstrapConfig.registry.account].accountId;
  return loadEnvironments({}).find((e) => e.name === stack)!.accountId;
};
const appStacks = [
  ...Object.keys(bootstrapConfig.accounts).map((a) => `bootstrap-${a}`),
  "registry",
  ...loadEnvironments({}).map((e) => e.name),
];

/** Every `uses:` in a workflow's jobs or an action's steps. */
function usesOf(doc: any): string[] {
  const steps = doc.runs?.steps ?? Object.values(doc.jobs ?? {}).flatMap((job: any) => job.steps ?? []);
  return steps.filter((s: any) => typeof s.uses === "string").map((s: any) => s.uses);
}

describe("workflows and actions", () => {
  test("the files checked are the workflows this repository ships", () => {
    expect(workflowFiles.map((f) => f.split("/").pop()).sort()).toEqual(["deploy.yml", "image.yml", "plan-review.yml"]);
  });

  test.each(workflowFiles.map((f) => [f.split("/").pop()!, f]))("%s is a valid workflow (GitHub's schema)", (_name, file) => {
    expect(validateWorkflow(readFileSync(file, "utf8")).errors).toEqual([]);
  });

  test("the apply-stack composite action is a valid action", () => {
    for (const file of actionFiles) expect(validateAction(readFileSync(file, "utf8")).errors).toEqual([]);
  });

  test("the validator does reject a broken workflow (so the checks above can fail)", () => {
    const broken = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: soon\n    stepz: []\n";
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  test("every third-party action is pinned to a full commit SHA with its version in a comment", () => {
    for (const file of [...workflowFiles, ...actionFiles]) {
      const text = readFileSync(file, "utf8");
      for (const uses of usesOf(parse(text))) {
        if (uses.startsWith("./")) {
          expect(existsSync(join(root, uses))).toBe(true);
          continue;
        }
        expect({ file: file.split("/").pop(), uses }).toEqual({
          file: file.split("/").pop(),
          uses: expect.stringMatching(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/),
        });
        expect(text).toMatch(new RegExp(`${uses.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} # v\\d+\\.\\d+\\.\\d+`));
      }
    }
  });

  test("each workflow grants nothing by default; each job states its permissions and a timeout", () => {
    for (const file of workflowFiles) {
      const doc = load(file);
      expect({ file, permissions: doc.permissions }).toEqual({ file, permissions: {} });
      for (const [name, job] of Object.entries<any>(doc.jobs)) {
        expect({ job: name, hasPermissions: job.permissions !== undefined, timeout: typeof job["timeout-minutes"] }).toEqual({
          job: name,
          hasPermissions: true,
          timeout: "number",
        });
        const writes = Object.entries(job.permissions ?? {}).filter(([, level]) => level === "write");
        expect(writes.every(([scope]) => ["id-token", "pull-requests", "security-events"].includes(scope))).toBe(true);
      }
    }
  });
});

describe("plan-review.yml", () => {
  const doc = workflow("plan-review.yml");
  const plan = doc.jobs.plan;

  test("plans one job per stack, from the list scripts/list-stacks.ts makes of the synthesized app", () => {
    const list = doc.jobs.stacks;
    expect(plan.needs).toEqual(["same-repository", "stacks"]);
    expect(plan.strategy.matrix).toBe("${{ fromJSON(needs.stacks.outputs.matrix) }}");
    expect(list.outputs.matrix).toBe("${{ steps.list.outputs.matrix }}");
    const runs = list.steps.map((s: any) => s.run).filter(Boolean);
    expect(runs.indexOf("npm run synth")).toBeGreaterThanOrEqual(0);
    const listStep = list.steps.find((s: any) => s.id === "list");
    expect(list.steps.indexOf(listStep)).toBeGreaterThan(list.steps.findIndex((s: any) => s.run === "npm run synth"));
    // The assignment, not a bare `echo "$(...)"`: a failing list-stacks must fail the step (bash -e).
    expect(listStep.run).toMatch(/^matrix="\$\(npx tsx scripts\/list-stacks\.ts --outdir cdktf\.out\)"\n/);
    expect(listStep.run).toContain('echo "matrix=$matrix" >> "$GITHUB_OUTPUT"');
    expect(list.permissions).toEqual({ contents: "read" });
    expect(plan.steps.find((s: any) => s.uses?.startsWith("aws-actions/configure-aws-credentials")).with["role-to-assume"]).toBe(
      "${{ matrix.plan_role }}",
    );
    expect(plan.steps.find((s: any) => s.id === "review").env.FAIL_ON_DESTROY).toBe("${{ matrix.fail_on_destroy }}");
  });

  test("the list has every stack of the app and of a split environment, each with its account's plan role", () => {
    const outdir = mkdtempSync(join(tmpdir(), "plan-matrix-"));
    const { app } = buildPlatformApp({ outdir });
    const dev = loadEnvironments({}).find((e) => e.name === "dev")!;
    const split = { name: "acme-dev", region: dev.region, availabilityZones: dev.availabilityZones, accountId: dev.accountId };
    const platform = new PlatformStack(app, "dev-platform", { ...split, cidr: "10.60.0.0/16" });
    new ServiceGroupStack(app, "dev-payments", { platform, group: "payments" });
    // The policy packs print their summaries; this test reads the reports.
    jest.spyOn(console, "log").mockImplementation(() => undefined);
    app.synth();
    jest.restoreAllMocks();
    const jobs = planMatrix(outdir).include;
    expect(jobs.map((j) => j.stack)).toEqual([...appStacks, "dev-platform", "dev-payments"].sort());
    const classOf = (stack: string) => loadEnvironments({}).find((e) => e.name === stack)?.environmentClass;
    for (const job of jobs) {
      const account = job.stack.startsWith("dev-") ? dev.accountId : accountOfStack(job.stack);
      expect(job).toEqual({
        stack: job.stack,
        dependencies: job.stack === "dev-payments" ? ["dev-platform"] : [],
        account,
        plan_role: AccountBootstrap.planRoleArn(org, account),
        // Bootstrap and registry stacks are production-class; the split above is non-production.
        fail_on_destroy: job.stack.startsWith("dev-") ? false : (classOf(job.stack) ?? "production") === "production",
      });
    }
    expect(jobs.filter((j) => !j.fail_on_destroy).map((j) => j.stack)).toEqual(["dev", "dev-payments", "dev-platform", "staging"]);
  });

  test("the list fails, instead of leaving a stack out, when a stack names no single account", () => {
    const outdir = mkdtempSync(join(tmpdir(), "plan-matrix-"));
    const app = new App({ outdir });
    new PlatformStack(app, "unowned-platform", {
      name: "acme-x",
      region: "eu-west-1",
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      cidr: "10.61.0.0/16",
    });
    app.synth();
    expect(() => planMatrix(outdir)).toThrow(
      /stack unowned-platform: its AWS providers name no single account in allowed_account_ids \(found: none\)/,
    );
    expect(() => planMatrix(join(outdir, "missing"))).toThrow(/ENOENT/);
  });

  test("the plan job runs in no GitHub environment, so its token (repo:...:pull_request) can never match a deploy role", () => {
    expect(plan.environment).toBeUndefined();
    expect(plan.permissions["id-token"]).toBe("write");
  });

  test("plans without the state lock and without assuming the deploy role", () => {
    expect(plan.env.TF_VAR_assume_role_arn).toBe("");
    expect(plan.steps.find((s: any) => s.id === "review").run).toContain('flags="--no-lock"');
  });

  test("uploads the report, summary and SARIF only, never the plan JSON or binary plan", () => {
    const upload = plan.steps.find((s: any) => s.uses?.startsWith("actions/upload-artifact"));
    const paths = upload.with.path
      .trim()
      .split("\n")
      .map((p: string) => p.trim());
    expect(paths).toEqual(["plan-review/report.md", "plan-review/summary.json", "plan-review/*.policy.sarif"]);
    expect(paths.some((p: string) => /plan\.json|tfplan|\*\.json/.test(p))).toBe(false);
  });

  test("a fork's pull request fails the required gate visibly instead of skipping to success", () => {
    expect(doc.jobs["same-repository"].steps[0].run).toMatch(/HEAD_REPOSITORY" != "\$BASE_REPOSITORY".*\n.*::error::.*\n.*exit 1/);
    expect(doc.jobs.gate).toMatchObject({ if: "always()", needs: ["same-repository", "stacks", "plan"] });
    expect(doc.jobs.stacks.needs).toBe("same-repository");
    expect(doc.jobs.gate.steps[0].run).toMatch(/STACKS" != "success" \]; then .*exit 1/);
    expect(doc.jobs.gate.steps[0].run).toMatch(/SAME_REPOSITORY" != "success" \]; then .*exit 1/);
    expect(doc.jobs.gate.steps[0].run).toMatch(/PLANS" != "success" \]; then .*exit 1/);
  });
});

describe("deploy.yml", () => {
  const doc = workflow("deploy.yml");
  const jobs = doc.jobs;

  test("deploys on merge to main, one run at a time, never cancelled", () => {
    expect(doc.on.push.branches).toEqual(["main"]);
    expect(doc.concurrency).toEqual({ group: "deploy", "cancel-in-progress": false });
  });

  test("registry, then dev, staging and prod, each in its own GitHub environment with its account's deploy role", () => {
    expect(Object.keys(jobs)).toEqual(["registry", "dev", "staging", "prod"]);
    expect([jobs.dev.needs, jobs.staging.needs, jobs.prod.needs]).toEqual(["registry", "dev", "staging"]);
    for (const [stack, job] of Object.entries<any>(jobs)) {
      expect(job.environment).toBe(stack);
      const credentials = job.steps.find((s: any) => s.uses?.startsWith("aws-actions/configure-aws-credentials"));
      expect(credentials.with["role-to-assume"]).toBe(AccountBootstrap.deployRoleArn(org, accountOfStack(stack)));
      expect(job.steps.find((s: any) => s.uses === "./.github/actions/apply-stack").with.stack).toBe(stack);
    }
  });

  test("the deploy roles trust exactly this file on main and the environments its jobs run in", () => {
    expect(`.github/workflows/deploy.yml`).toBe(bootstrapConfig.github.deployWorkflow);
    expect(bootstrapConfig.github.deployRef).toBe("refs/heads/main");
    const trusted = Object.values(bootstrapConfig.accounts)
      .flatMap((a) => a.deployEnvironments)
      .sort();
    expect(
      Object.values<any>(jobs)
        .map((j) => j.environment)
        .sort(),
    ).toEqual(trusted);
  });

  test("applies only the plan it made after the destroy gate", () => {
    const action = load(actionFiles[0]);
    const steps = action.runs.steps;
    const gate = steps.findIndex((s: any) => s.name === "plan and gate");
    const apply = steps.findIndex((s: any) => s.name === "apply the gated plan");
    expect(gate).toBeGreaterThan(-1);
    expect(apply).toBe(gate + 1);
    expect(steps[gate].run).toContain("--fail-on-destroy");
    expect(steps[apply].run).toMatch(/apply -input=false .*plan-review\/\$STACK\.tfplan"$/);
    expect(steps[gate].env.TF_VAR_assume_role_arn).toBe("");
  });
});

describe("image.yml", () => {
  const doc = workflow("image.yml");

  test("is the reusable workflow the push roles trust, building both architectures by default", () => {
    expect(`.github/workflows/image.yml`).toBe(IMAGE_WORKFLOW);
    expect(Object.keys(doc.on)).toEqual(["workflow_call"]);
    expect(doc.on.workflow_call.inputs.platforms.default).toBe("linux/amd64,linux/arm64");
  });

  test("pushes the git SHA as the tag and fails on CRITICAL scan findings before delivering", () => {
    const build = doc.jobs.build;
    expect(build.steps.find((s: any) => s.id === "image").run).toContain("tag=$GITHUB_SHA");
    const scan = build.steps.find((s: any) => /scan/.test(s.name ?? ""));
    expect(scan.run).toContain("aws ecr wait image-scan-complete");
    expect(scan.run).toContain("findingSeverityCounts.CRITICAL");
    expect(doc.jobs.propose.needs).toBe("build");
    expect(doc.jobs["update-service"].needs).toBe("build");
  });

  test("config mode bumps a tag that exists in stacks/environments/images.json, which lists exactly the registry's repositories", () => {
    expect(Object.keys(images).sort()).toEqual(Object.keys(bootstrapConfig.registry.repositories).sort());
    expect(doc.jobs.propose.steps.find((s: any) => /pull request/.test(s.name ?? "")).run).toContain(
      "file=stacks/environments/images.json",
    );
  });
});
