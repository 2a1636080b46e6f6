import { constructPathsFromSynth, gate, loadPriceTable, PlanJson, renderMarkdown, reviewPlan } from "../../src/plan-review";
import { offlinePlan, synthesizedStack } from "../offline/offline-plans";
import { REVIEW_EXTRA_SERVICES as EXTRA_SERVICES, REVIEW_OFFLINE_STACK } from "./fixtures/review-stack";

/**
 * One stack with every resource type the review prices or flags, plus extra services so the plan
 * has a few hundred resources, planned offline by the real provider.
 */
describe("plan review of a large offline plan", () => {
  let result: { plan?: PlanJson };
  let constructPaths: Map<string, string>;

  beforeAll(async () => {
    result = { plan: (await offlinePlan(REVIEW_OFFLINE_STACK)) as PlanJson };
    constructPaths = constructPathsFromSynth(await synthesizedStack(REVIEW_OFFLINE_STACK));
  });

  test("the real provider validates and plans every resource type the review knows", () => {
    const changes = result.plan?.resource_changes ?? [];
    expect(changes.length).toBe(51 + EXTRA_SERVICES * 5);
    const types = new Set(changes.map((c) => c.type));
    for (const type of [
      "aws_nat_gateway",
      "aws_vpc_endpoint",
      "aws_lb",
      "aws_ecs_service",
      "aws_ecs_task_definition",
      "aws_autoscaling_group",
      "aws_launch_template",
      "aws_batch_compute_environment",
      "aws_efs_file_system",
      "aws_cloudwatch_log_group",
    ]) {
      expect(types).toContain(type);
    }
    expect(changes.every((c) => c.change.actions.join() === "create")).toBe(true);
  });

  // How long the review takes next to the plan itself is measured by `npm run bench`, not here.
  test("reviews a few hundred planned resources: counts, modules by construct path and Fargate costs", () => {
    const plan = result.plan as PlanJson;
    const review = reviewPlan({ stack: "review", plan, prices: loadPriceTable(), constructPaths });
    const markdown = renderMarkdown([review], { gate: gate([review]) });

    expect(review.counts.create).toBe(201);
    // Grouped by construct path: each extra service is its own module.
    expect(new Set(review.changes.map((c) => c.module))).toEqual(
      new Set([
        "Network",
        "Cluster",
        "Ingress",
        "Api",
        "Worker",
        "Batch",
        "SharedFiles",
        ...Array.from({ length: EXTRA_SERVICES }, (_, i) => [`Extra${i + 1}`, `Extra${i + 1}TargetGroup`]).flat(),
      ]),
    );
    // 30 extra services of 2 × 0.5 vCPU / 1 GiB on Fargate, half of them ARM64.
    const extra = review.cost!.items.filter((i) => i.address.startsWith("aws_ecs_service.Extra"));
    expect(extra).toHaveLength(EXTRA_SERVICES);
    expect(extra.every((i) => i.category === "Fargate" && /^2 task\(s\) × 0.5 vCPU \/ 1 GiB (X86_64|ARM64)$/.test(i.quantity))).toBe(true);
    expect(markdown).toContain("| `review` | 201 | 0 | 0 | 0 | none | no report |");
  });
});
