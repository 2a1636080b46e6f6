import { readFileSync } from "node:fs";
import { DEFAULT_PRICE_TABLE_PATH, estimatePlanCost, loadPriceTable, parsePolicyReport, parsePriceTable, PlanJson, summarizePolicy } from "../../src/plan-review";

const shipped = () => JSON.parse(readFileSync(DEFAULT_PRICE_TABLE_PATH, "utf8"));

describe("price table", () => {
  test("the shipped table is dated, versioned and prices us-east-1 and eu-west-1", () => {
    const table = loadPriceTable();
    expect(table.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(table.regions)).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1"]));
  });

  test("rejects a table without a date version", () => {
    expect(() => parsePriceTable({ ...shipped(), version: "latest" }, "my.json")).toThrow("my.json: version must be a date, YYYY-MM-DD");
  });

  test("rejects a missing or negative price, naming its path", () => {
    const data = shipped();
    delete data.regions["eu-west-1"].fargateSpot.ARM64.gibHour;
    expect(() => parsePriceTable(data, "my.json")).toThrow("my.json: regions.eu-west-1.fargateSpot.ARM64.gibHour must be a non-negative number");
    const negative = shipped();
    negative.regions["us-east-1"].ec2["m7g.large"].hour = -1;
    expect(() => parsePriceTable(negative, "my.json")).toThrow("my.json: regions.us-east-1.ec2.m7g.large.hour must be a non-negative number");
  });

  test("rejects a table of another schema version", () => {
    expect(() => parsePriceTable({ ...shipped(), schemaVersion: 2 })).toThrow("price table: schemaVersion must be 1");
  });

  test("a plan in a region the table does not price gets no estimate, and says why", () => {
    const plan: PlanJson = { format_version: "1.2", configuration: { provider_config: { aws: { expressions: { region: { constant_value: "ap-south-2" } } } } } };
    expect(estimatePlanCost(plan, loadPriceTable())).toEqual({
      reason: expect.stringMatching(/^price table \d{4}-\d{2}-\d{2} has no prices for ap-south-2 \(it has .*eu-west-1.*\)$/),
    });
    expect(estimatePlanCost({ format_version: "1.2" }, loadPriceTable())).toEqual({ reason: "the plan's aws provider region is not a constant; pass --region" });
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

  test("rejects a report without findings", () => {
    expect(() => parsePolicyReport({}, "p.json")).toThrow("p.json: expected an object with a `findings` array");
  });

  test("rejects an unknown level", () => {
    expect(() => parsePolicyReport({ findings: [{ ruleId: "A", severity: "fatal", message: "m" }] })).toThrow("policy report: findings[0].severity must be one of error, warning, info");
  });

  test("rejects a suppression without a reason", () => {
    expect(() => parsePolicyReport({ findings: [{ ruleId: "A", severity: "error", message: "m", suppressed: {} }] })).toThrow(
      "policy report: findings[0].suppressed.reason must be a string (a suppression needs a reason)",
    );
  });
});
