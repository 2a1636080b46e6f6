import { gate, loadPriceTable, PlanJson, renderMarkdown, reviewPlan } from "../../src/plan-review";
import { offlinePlan } from "../offline/offline-plans";

/** The review of the dev environment's real offline plan: its budget is below the estimate, and the advice says why. */
describe("plan review of the dev stack", () => {
  let markdown: string;
  let review: ReturnType<typeof reviewPlan>;
  beforeAll(async () => {
    const plan = (await offlinePlan("dev")) as PlanJson;
    review = reviewPlan({ stack: "dev", plan, prices: loadPriceTable() });
    markdown = renderMarkdown([review], { gate: gate([review]) });
  });

  test("flags the monthly estimate above the environment's $250 budget, without failing the gate", () => {
    expect(review.budgets).toEqual([
      expect.objectContaining({ name: "acme-dev", scope: "stack", limit: 250, currency: "USD", status: "exceeded" }),
    ]);
    expect(review.budgets![0].estimate).toBe(review.cost!.monthlyAfter);
    expect(gate([review]).exitCode).toBe(0);
    expect(markdown).toMatch(/\| `dev` \| \d+ \| 0 \| 0 \| 0 \| 💸 1 over budget \|/);
    expect(markdown).toContain("**The monthly estimate exceeds 1 budget(s)**");
  });

  test("advises against 12 interface endpoints next to the single NAT gateway, with the price table's numbers", () => {
    const endpoints = review.advice!.find((a) => a.kind === "interface-endpoints")!;
    // 12 endpoints × 2 AZ × $0.011 × 730 h.
    expect(endpoints.monthlySaving).toBe(192.72);
    expect(endpoints.addresses).toHaveLength(12);
    expect(markdown).toContain("12 interface endpoint(s) cost $192.72 a month (24 endpoint-AZ × $0.011 an hour × 730 h)");
    expect(markdown).toContain("Break-even: 5072 GiB a month");
  });
});
