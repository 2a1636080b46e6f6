import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { constructPathsFromSynth, gate, loadPriceTable, PlanJson, renderMarkdown, reviewPlan } from "../../src/plan-review";
import { checkStackOffline, OfflineCheckResult } from "../../src/terraform";
import { buildFixtureEnvironment } from "./fixtures/fixture-stack";

/**
 * One stack with every resource type the review prices or flags, plus 30 extra services so the
 * plan has a few hundred resources: the real provider plans it offline, and the review of that
 * plan must take a small fraction of the plan's own time.
 */
describe("plan review of a large offline plan", () => {
  const EXTRA_SERVICES = 30;
  let result: OfflineCheckResult;
  let constructPaths: Map<string, string>;

  beforeAll(async () => {
    const outdir = mkdtempSync(join(tmpdir(), "plan-review-offline-"));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "review");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    useAwsProviderRange(stack);
    buildFixtureEnvironment(stack, { variant: "base", extraServices: EXTRA_SERVICES });
    app.synth();
    const stackDir = join(outdir, "stacks", "review");
    constructPaths = constructPathsFromSynth(JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")));
    result = await checkStackOffline({ stackDir });
  });

  test("the real provider validates and plans every resource type the review knows", () => {
    const changes = result.plan?.resource_changes ?? [];
    expect(changes.length).toBe(51 + EXTRA_SERVICES * 5);
    const types = new Set(changes.map((c) => c.type));
    for (const type of ["aws_nat_gateway", "aws_vpc_endpoint", "aws_lb", "aws_ecs_service", "aws_ecs_task_definition", "aws_autoscaling_group", "aws_launch_template", "aws_batch_compute_environment", "aws_efs_file_system", "aws_cloudwatch_log_group"]) {
      expect(types).toContain(type);
    }
    expect(changes.every((c) => c.change.actions.join() === "create")).toBe(true);
  });

  test("reviews the plan in under 5% of the time Terraform took to plan it", () => {
    const plan = result.plan as PlanJson;
    const started = performance.now();
    const review = reviewPlan({ stack: "review", plan, prices: loadPriceTable(), constructPaths });
    const markdown = renderMarkdown([review], { gate: gate([review]) });
    const reviewSeconds = (performance.now() - started) / 1000;
    const planSeconds = (result.timings.plan ?? 0) + (result.timings.show ?? 0);
    console.log(`offline plan of ${plan.resource_changes!.length} resources: plan+show ${planSeconds.toFixed(1)} s, review+render ${(reviewSeconds * 1000).toFixed(0)} ms`);
    expect(reviewSeconds).toBeLessThan(planSeconds * 0.05);

    expect(review.counts.create).toBe(201);
    // Grouped by construct path: each extra service is its own module.
    expect(new Set(review.changes.map((c) => c.module))).toEqual(new Set(["Network", "Cluster", "Ingress", "Api", "Worker", "Batch", "SharedFiles", ...Array.from({ length: EXTRA_SERVICES }, (_, i) => [`Extra${i + 1}`, `Extra${i + 1}TargetGroup`]).flat()]));
    // 30 extra services of 2 × 0.5 vCPU / 1 GiB on Fargate, half of them ARM64.
    const extra = review.cost!.items.filter((i) => i.address.startsWith("aws_ecs_service.Extra"));
    expect(extra).toHaveLength(EXTRA_SERVICES);
    expect(extra.every((i) => i.category === "Fargate" && /^2 task\(s\) × 0.5 vCPU \/ 1 GiB (X86_64|ARM64)$/.test(i.quantity))).toBe(true);
    expect(markdown).toContain("| `review` | 201 | 0 | 0 | 0 | none | no report |");
  });
});
