import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  gate,
  loadPriceTable,
  parsePolicyReport,
  PlanJson,
  renderJson,
  renderMarkdown,
  reviewPlan,
  StackReview,
} from "../../src/plan-review";

/**
 * Golden files: plans the real hashicorp/aws provider produced offline (regenerate them with
 * `npx tsx __tests__/plan-review/fixtures/generate.ts`), reviewed and rendered, compared exactly
 * with `golden/<scenario>.md` and `.json`. `UPDATE_GOLDEN=1 npx jest __tests__/plan-review` rewrites them.
 */
const FIXTURES = join(__dirname, "fixtures");
const GOLDEN = join(__dirname, "golden");
// A frozen copy of the price table, so changing the shipped prices does not change these files.
const prices = loadPriceTable(join(FIXTURES, "prices-2025-06-01.json"));

type Scenario = "fresh" | "update" | "replace" | "delete";

function planOf(scenario: Scenario): PlanJson {
  return JSON.parse(readFileSync(join(FIXTURES, `${scenario}.plan.json`), "utf8"));
}

function review(scenario: Scenario): StackReview {
  const policyFile = join(FIXTURES, "policy", `${scenario}.policy-report.json`);
  const policyReport = existsSync(policyFile) ? parsePolicyReport(JSON.parse(readFileSync(policyFile, "utf8"))) : undefined;
  return reviewPlan({ stack: scenario, plan: planOf(scenario), prices, policyReport });
}

function expectGolden(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe.each<Scenario>(["fresh", "update", "replace", "delete"])("the %s plan", (scenario) => {
  test("renders the golden Markdown report and JSON summary", () => {
    const r = review(scenario);
    const result = gate([r]);
    expectGolden(`${scenario}.md`, renderMarkdown([r], { gate: result }));
    expectGolden(`${scenario}.json`, renderJson([r], result));
  });
});

describe("reviewPlan on real provider plans", () => {
  test("a fresh environment is all creates, with no flags and its whole cost as the delta", () => {
    const r = review("fresh");
    expect(r.counts).toEqual({ create: 51, update: 0, replace: 0, delete: 0, "no-op": 0, read: 0, forget: 0 });
    expect(r.flags).toEqual([]);
    expect(r.cost).toMatchObject({ region: "eu-west-1", monthlyBefore: 0, monthlyAfter: 382.8, delta: 382.8 });
    expect(r.policy).toBeUndefined();
    expect(gate([r], { failOnDestroy: true }).exitCode).toBe(0);
  });

  test("prices every cost-bearing resource of the fresh environment from the plan alone", () => {
    const items = review("fresh").cost!.items;
    const of = (category: string) => items.filter((i) => i.category === category);
    expect(of("NAT gateway")).toEqual([expect.objectContaining({ quantity: "1 × 730 h", after: 35.04 })]);
    expect(of("Public IPv4")).toEqual([expect.objectContaining({ after: 3.65 })]);
    // Three interface endpoints in two AZs: subnet ids are unknown, so the count comes from the configuration.
    expect(of("Interface endpoint").map((i) => [i.quantity, i.after])).toEqual([
      ["ecr.api × 2 AZ", 16.06],
      ["ecr.dkr × 2 AZ", 16.06],
      ["logs × 2 AZ", 16.06],
    ]);
    expect(of("Load balancer")).toEqual([expect.objectContaining({ quantity: "application, 1 capacity unit(s)", after: 24.24 })]);
    expect(of("EC2 (Auto Scaling)")).toEqual([expect.objectContaining({ quantity: "2 × m7g.large (desired)", after: 133.15 })]);
    // Worker: 3 tasks, base 1 on FARGATE, the other 2 split 1:3 between FARGATE and FARGATE_SPOT.
    expect(of("Fargate").map((i) => i.quantity)).toEqual(["2 task(s) × 1 vCPU / 2 GiB X86_64", "1.5 task(s) × 1 vCPU / 2 GiB ARM64"]);
    expect(of("Fargate Spot").map((i) => i.quantity)).toEqual(["1.5 task(s) × 1 vCPU / 2 GiB ARM64"]);
    expect(of("Log ingestion")).toHaveLength(3);
    expect(review("fresh").cost!.notes).toEqual([
      "1 × aws_batch_compute_environment not estimated: jobs are billed by the capacity they use while they run",
      "1 × aws_efs_file_system not estimated: storage and throughput are billed by use",
    ]);
  });

  test("an update of a service's CPU and desired count shows the changed attributes and the cost delta", () => {
    const r = review("update");
    expect(r.counts).toMatchObject({ create: 0, update: 1, replace: 1, delete: 0, "no-op": 49 });
    const service = r.changes.find((c) => c.address === "aws_ecs_service.Api_F70053CD")!;
    expect(service.action).toBe("update");
    expect(service.module).toBe("Api");
    expect(service.attributes).toContainEqual({ path: "desired_count", before: "2", after: "4" });
    const taskDefinition = r.changes.find((c) => c.type === "aws_ecs_task_definition")!;
    expect(taskDefinition).toMatchObject({ action: "replace", replacedBecause: ["memory", "cpu"] });
    // A task definition is not protected: a new revision is how ECS deploys.
    expect(r.flags).toEqual([]);
    // 2 × (1 vCPU, 2 GiB) → 4 × (2 vCPU, 4 GiB) on x86 Fargate in eu-west-1.
    expect(r.cost).toMatchObject({ monthlyBefore: 382.8, monthlyAfter: 599.04, delta: 216.24 });
    expect(r.cost!.items.filter((i) => i.delta !== 0)).toEqual([
      {
        address: "aws_ecs_service.Api_F70053CD",
        category: "Fargate",
        quantity: "4 task(s) × 2 vCPU / 4 GiB X86_64",
        before: 72.08,
        after: 288.32,
        delta: 216.24,
      },
    ]);
    expect(r.policy).toMatchObject({ errors: 0, warnings: 1, suppressed: 1 });
    expect(gate([r], { failOnDestroy: true }).exitCode).toBe(0);
  });

  test("a VPC CIDR change replaces the VPC, subnets and NAT gateway, each flagged with the attribute forcing it", () => {
    const r = review("replace");
    expect(r.counts).toMatchObject({ create: 1, update: 7, replace: 27, delete: 1, "no-op": 16 });
    expect(r.flags.map((f) => [f.address, f.kind, f.forcedBy])).toEqual([
      ["aws_lb_target_group.Ingress_TargetGroup_52E78F67", "replace", ["vpc_id"]],
      ["aws_nat_gateway.Network_NatGateway1_1FEB5E34", "replace", ["subnet_id"]],
      ["aws_subnet.Network_PrivateSubnet1_E8491189", "replace", ["vpc_id", "cidr_block"]],
      ["aws_subnet.Network_PrivateSubnet2_6BD46F8C", "replace", ["vpc_id", "cidr_block"]],
      ["aws_subnet.Network_PublicSubnet1_3B56D098", "replace", ["vpc_id", "cidr_block"]],
      ["aws_subnet.Network_PublicSubnet2_E7B6D3F8", "replace", ["vpc_id", "cidr_block"]],
      ["aws_vpc.Network_1C6012B5", "replace", ["cidr_block"]],
    ]);
    expect(r.flags.every((f) => f.level === "danger")).toBe(true);
    expect(r.cost!.delta).toBe(0);
    expect(gate([r]).exitCode).toBe(0);
    expect(gate([r], { failOnDestroy: true })).toEqual({ exitCode: 4, reasons: ["protected resources destroyed: replace (7)"] });
  });

  test("a deletion of a service, a Batch environment and a file system is flagged, lowers the cost, and fails the policy gate", () => {
    const r = review("delete");
    expect(r.counts).toMatchObject({ create: 0, update: 0, replace: 0, delete: 8, "no-op": 43 });
    expect(r.flags.map((f) => f.type)).toEqual([
      "aws_batch_compute_environment",
      "aws_batch_job_queue",
      "aws_cloudwatch_log_group",
      "aws_ecs_service",
      "aws_efs_file_system",
      "aws_iam_role",
    ]);
    expect(r.flags.find((f) => f.type === "aws_efs_file_system")).toMatchObject({ kind: "delete", reason: "its files are deleted" });
    // The worker's 3 ARM64 tasks (1.5 Fargate, 1.5 Spot) and its log group go away.
    expect(r.cost).toMatchObject({ monthlyBefore: 382.8, monthlyAfter: 322.04, delta: -60.76 });
    expect(r.policy).toMatchObject({ errors: 1, infos: 1, suppressed: 0 });
    expect(gate([r])).toEqual({ exitCode: 2, reasons: ["unsuppressed policy errors: delete (1)"] });
    expect(gate([r], { failOnDestroy: true }).exitCode).toBe(6);
  });
});

describe("review speed", () => {
  test("reviews a plan of 2,000 resources in a fraction of a second", () => {
    const base = planOf("update");
    const copies = 40;
    const resourceChanges = Array.from({ length: copies }, (_, i) =>
      (base.resource_changes ?? []).map((rc) => ({ ...rc, address: `${rc.address}_${i}`, name: `${rc.name}_${i}` })),
    ).flat();
    const plan: PlanJson = { ...base, resource_changes: resourceChanges };
    expect(resourceChanges.length).toBe(51 * copies);
    const started = performance.now();
    const r = reviewPlan({ stack: "big", plan, prices });
    renderMarkdown([r], { gate: gate([r]) });
    const seconds = (performance.now() - started) / 1000;
    expect(r.counts.update).toBe(copies);
    expect(seconds).toBeLessThan(2);
  });
});
