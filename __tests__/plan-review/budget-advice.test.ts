import { compareBudgets, costAdvice } from "../../src/plan-review/budget-advice";
import { CostDelta, CostEstimate, gate, loadPriceTable, PlanJson, renderMarkdown, reviewPlan } from "../../src/plan-review";
import { join } from "node:path";

// The frozen price table of the golden tests: eu-west-1 NAT $0.048/h, endpoint $0.011/AZ-h.
const table = loadPriceTable(join(__dirname, "fixtures", "prices-2025-06-01.json"));
const prices = table.regions["eu-west-1"];

const item = (address: string, category: CostDelta["category"], after: number, quantity = ""): CostDelta => ({
  address,
  category,
  quantity,
  before: 0,
  after,
  delta: after,
});
const estimate = (items: CostDelta[]): CostEstimate => ({
  region: "eu-west-1",
  currency: "USD",
  priceTableVersion: table.version,
  monthlyBefore: 0,
  monthlyAfter: Math.round(items.reduce((s, i) => s + i.after, 0) * 100) / 100,
  delta: 0,
  items,
  notes: [],
  assumptions: [],
});
const budget = (address: string, after: Record<string, unknown>) => ({
  address,
  mode: "managed",
  type: "aws_budgets_budget",
  name: address.split(".")[1],
  change: {
    actions: ["create"],
    before: null,
    after: { budget_type: "COST", time_unit: "MONTHLY", limit_unit: "USD", ...after },
    after_unknown: {},
  },
});
const planOf = (...changes: object[]) => ({ format_version: "1.2", resource_changes: changes }) as unknown as PlanJson;
const tag = [{ name: "TagKeyValue", values: ["user:Environment$dev"] }];
const endpoint = (n: number) => item(`aws_vpc_endpoint.E${n}`, "Interface endpoint", 16.06, "ecr.api × 2 AZ");

describe("compareBudgets", () => {
  const cost = estimate([
    item("aws_nat_gateway.N", "NAT gateway", 35.04),
    item("aws_ecs_service.Web", "Fargate", 20),
    item("aws_ecs_service.Web", "Fargate Spot", 10),
  ]);

  test("flags a monthly cost budget the estimate exceeds, and says so for one it stays within", () => {
    const result = compareBudgets(
      planOf(
        budget("aws_budgets_budget.Small", { name: "acme-dev", limit_amount: "50", cost_filter: tag }),
        budget("aws_budgets_budget.Large", { name: "acme-big", limit_amount: "500", cost_filter: tag }),
      ),
      cost,
    );
    expect(result).toEqual([
      {
        address: "aws_budgets_budget.Large",
        name: "acme-big",
        scope: "stack",
        limit: 500,
        currency: "USD",
        estimate: 65.04,
        status: "within",
      },
      {
        address: "aws_budgets_budget.Small",
        name: "acme-dev",
        scope: "stack",
        limit: 50,
        currency: "USD",
        estimate: 65.04,
        status: "exceeded",
      },
    ]);
  });

  test("an ECS (Service filter) budget is compared with the Fargate and Fargate Spot lines only", () => {
    const [ecs] = compareBudgets(
      planOf(
        budget("aws_budgets_budget.F", {
          name: "acme-dev-fargate",
          limit_amount: "25",
          cost_filter: [...tag, { name: "Service", values: ["Amazon Elastic Container Service"] }],
        }),
      ),
      cost,
    );
    expect(ecs).toMatchObject({ scope: "ecs", estimate: 30, status: "exceeded" });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ["another currency", { limit_amount: "50", limit_unit: "EUR", cost_filter: tag }, "its limit is in EUR, the price table in USD"],
    ["a usage budget", { budget_type: "USAGE", limit_amount: "50", limit_unit: "Hrs" }, "a USAGE budget counts usage, not cost"],
    ["a quarterly period", { time_unit: "QUARTERLY", limit_amount: "50" }, "its period is QUARTERLY, the estimate is monthly"],
    ["a limit known only at apply", { limit_amount: null }, "its limit is not known until apply"],
    [
      "a filter the estimate cannot split by",
      { limit_amount: "50", cost_filter: [{ name: "Region", values: ["eu-west-1"] }] },
      "it filters by Region, which the estimate cannot split by",
    ],
  ])("does not compare (and says why) a budget with %s", (_name, after, reason) => {
    expect(compareBudgets(planOf(budget("aws_budgets_budget.B", { name: "b", ...after })), cost)).toEqual([
      expect.objectContaining({ status: "not-compared", reason }),
    ]);
  });

  test("a budget the plan deletes is not compared at all", () => {
    const deleted = { ...budget("aws_budgets_budget.B", {}), change: { actions: ["delete"], before: {}, after: null } };
    expect(compareBudgets(planOf(deleted), cost)).toEqual([]);
  });
});

describe("costAdvice", () => {
  test("interface endpoints costing more than the stack's single NAT gateway: the saving and the break-even traffic", () => {
    const cost = estimate([item("aws_nat_gateway.N", "NAT gateway", 35.04), ...[1, 2, 3].map(endpoint)]);
    const [advice] = costAdvice(cost, table);
    expect(advice).toMatchObject({ kind: "interface-endpoints", monthlySaving: 48.18 });
    expect(advice.addresses).toEqual(["aws_vpc_endpoint.E1", "aws_vpc_endpoint.E2", "aws_vpc_endpoint.E3"]);
    expect(advice.message).toBe(
      "3 interface endpoint(s) cost $48.18 a month (6 endpoint-AZ × $0.011 an hour × 730 h), while the stack's NAT gateway ($35.04 a month) already reaches the same AWS APIs: " +
        "routing that traffic through NAT instead saves about $48.18 a month. The price table has no data processing prices, so the break-even traffic is not computed.",
    );
    expect(advice.assumption).toMatch(/^A low-traffic environment \(at most one NAT gateway\)/);
  });

  test("with data processing prices in the table, the break-even is the saving over the per-GiB difference", () => {
    const withGiB = { ...table, regions: { "eu-west-1": { ...prices, natGatewayGiB: 0.048, interfaceEndpointGiB: 0.01 } } };
    const cost = estimate([item("aws_nat_gateway.N", "NAT gateway", 35.04), ...[1, 2, 3].map(endpoint)]);
    // $48.18 / ($0.048 - $0.01) = 1268 GiB.
    expect(costAdvice(cost, withGiB)[0].message).toMatch(
      /Break-even: 1268 GiB a month through them \(NAT processing \$0\.048\/GiB against \$0\.01\/GiB at an endpoint\)\.$/,
    );
  });

  test("without a NAT gateway, endpoints are compared with one NAT gateway and its public address", () => {
    const cost = estimate([1, 2, 3].map(endpoint));
    const [advice] = costAdvice(cost, table);
    // ($0.048 + $0.005) × 730 = $38.69; $48.18 - $38.69 = $9.49.
    expect(advice.monthlySaving).toBe(9.49);
    expect(advice.message).toContain(
      "one NAT gateway with its public IPv4 address would cost $38.69 a month ($0.048 + $0.005 an hour × 730 h)",
    );
  });

  test("no endpoint advice when the endpoints cost less, or with a NAT gateway per zone", () => {
    expect(costAdvice(estimate([item("aws_nat_gateway.N", "NAT gateway", 35.04), endpoint(1)]), table)).toEqual([]);
    const perAz = [1, 2, 3].map((n) => item(`aws_nat_gateway.N${n}`, "NAT gateway", 35.04));
    expect(costAdvice(estimate([...perAz, ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(endpoint)]), table)).toEqual([]);
  });

  test("a service entirely on on-demand Fargate is priced on Fargate Spot with the table's rates", () => {
    const od = prices.fargate.X86_64;
    const spot = prices.fargateSpot.X86_64;
    const monthly = 2 * (1 * od.vcpuHour + 2 * od.gibHour) * 730;
    const cost = estimate([
      item("aws_ecs_service.Api", "Fargate", Math.round(monthly * 100) / 100, "2 task(s) × 1 vCPU / 2 GiB X86_64"),
      item("aws_ecs_service.Web", "Fargate", 20, "1 task(s) × 1 vCPU / 2 GiB X86_64"),
      item("aws_ecs_service.Web", "Fargate Spot", 10, "3 task(s) × 1 vCPU / 2 GiB X86_64"),
    ]);
    const advice = costAdvice(cost, table);
    expect(advice).toHaveLength(1);
    const spotMonthly = Math.round(2 * (spot.vcpuHour + 2 * spot.gibHour) * 730 * 100) / 100;
    expect(advice[0]).toMatchObject({ kind: "fargate-spot", addresses: ["aws_ecs_service.Api"] });
    expect(advice[0].monthlySaving).toBeCloseTo(Math.round(monthly * 100) / 100 - spotMonthly, 1);
    expect(advice[0].message).toMatch(
      /^aws_ecs_service\.Api runs 100 % on on-demand Fargate \(2 task\(s\) × 1 vCPU \/ 2 GiB X86_64\): \$\d+\.\d\d a month\. On Fargate Spot/,
    );
    expect(advice[0].assumption).toMatch(/two minutes' notice.*keep a base on FARGATE/);
  });
});

describe("the report", () => {
  test("flags an exceeded budget in the summary and its own section, and the gate still passes", () => {
    const plan = planOf(budget("aws_budgets_budget.B", { name: "acme-dev", limit_amount: "10", cost_filter: tag }), {
      address: "aws_nat_gateway.N",
      mode: "managed",
      type: "aws_nat_gateway",
      name: "N",
      change: { actions: ["create"], before: null, after: {}, after_unknown: {} },
    });
    const review = reviewPlan({ stack: "dev", plan, prices: table, region: "eu-west-1" });
    const result = gate([review]);
    const markdown = renderMarkdown([review], { gate: result });
    expect(result.exitCode).toBe(0);
    expect(markdown).toContain("| `dev` | 2 | 0 | 0 | 0 | 💸 1 over budget | no report | $35.04 | +$35.04 |");
    expect(markdown).toContain("> - `acme-dev`: $35.04 estimated against a limit of $10.00 (350 % of the limit).");
    expect(markdown).toContain("| `acme-dev` | the stack's tagged cost | $10.00 | $35.04 | ⚠️ exceeded (350 % of the limit) |");
  });
});
