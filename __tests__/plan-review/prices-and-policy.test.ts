import { estimatePlanCost, loadPriceTable, parsePolicyReport, PlanJson, summarizePolicy } from "../../src/plan-review";

describe("price table", () => {
  test("the shipped table is dated, versioned and prices us-east-1 and eu-west-1", () => {
    const table = loadPriceTable();
    expect(table.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(table.regions)).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1"]));
  });

  test("a plan in a region the table does not price gets no estimate, and says why", () => {
    const plan: PlanJson = {
      format_version: "1.2",
      configuration: { provider_config: { aws: { expressions: { region: { constant_value: "ap-south-2" } } } } },
    };
    expect(estimatePlanCost(plan, loadPriceTable())).toEqual({
      reason: expect.stringMatching(/^price table \d{4}-\d{2}-\d{2} has no prices for ap-south-2 \(it has .*eu-west-1.*\)$/),
    });
    expect(estimatePlanCost({ format_version: "1.2" }, loadPriceTable())).toEqual({
      reason: "the plan's aws provider region is not a constant; pass --region",
    });
  });
});

describe("policy report", () => {
  test("splits active findings (errors first) from suppressed ones with their reasons", () => {
    const report = parsePolicyReport({
      findings: [
        { ruleId: "B", severity: "warning", message: "w" },
        { ruleId: "A", severity: "error", message: "e", constructPath: "dev/Api" },
        { ruleId: "C", severity: "error", message: "s", suppressed: { reason: "accepted risk" } },
      ],
    });
    expect(summarizePolicy(report)).toEqual({
      errors: 1,
      warnings: 1,
      infos: 0,
      suppressed: 1,
      findings: [
        { ruleId: "A", severity: "error", message: "e", constructPath: "dev/Api" },
        { ruleId: "B", severity: "warning", message: "w" },
      ],
      suppressions: [{ ruleId: "C", severity: "error", message: "s", suppressed: { reason: "accepted risk" } }],
    });
  });
});
