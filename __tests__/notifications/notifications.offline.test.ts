import { TerraformPlanJson } from "../../src/terraform";
import { offlinePlan } from "../offline/offline-plans";
import { OPERATIONS_OFFLINE_STACK } from "./offline-stack";

describe("notifications and budgets against the real provider", () => {
  let plan: TerraformPlanJson;
  beforeAll(async () => {
    plan = await offlinePlan(OPERATIONS_OFFLINE_STACK);
  });
  const created = (type: string) => (plan.resource_changes ?? []).filter((c) => c.type === type && c.change.actions.join() === "create");

  test("validates and plans the topic, its key and policies, the rules and targets, and both budgets", () => {
    expect(created("aws_sns_topic")).toHaveLength(1);
    expect(created("aws_kms_key")).toHaveLength(1);
    expect(created("aws_kms_key_policy")).toHaveLength(1);
    expect(created("aws_sns_topic_policy")).toHaveLength(1);
    expect(created("aws_sns_topic_subscription")).toHaveLength(1);
    // Platform: deployments, service actions, task failures, Batch; WebTeam: the same three and alarms.
    expect(created("aws_cloudwatch_event_rule").filter((c) => /Platform|WebTeam/.test(c.address))).toHaveLength(8);
    expect(created("aws_cloudwatch_event_target").filter((c) => /Platform|WebTeam/.test(c.address))).toHaveLength(8);
    expect(
      created("aws_budgets_budget")
        .map((c) => (c.change.after as any).name)
        .sort(),
    ).toEqual(["acme-test", "acme-test-fargate"]);
  });

  test("the team's rules target the existing on-call topic with readable messages", () => {
    const targets = created("aws_cloudwatch_event_target").filter((c) => /WebTeam/.test(c.address));
    for (const t of targets) {
      const after = t.change.after as any;
      expect(after.arn).toBe("arn:aws:sns:eu-west-1:123456789012:acme-oncall");
      expect(after.input_transformer[0].input_template).toMatch(/^"\[<account>\/<region>\] /);
    }
  });

  test("the budget's values reach the provider as AWS Budgets reads them", () => {
    const budget = created("aws_budgets_budget").find((c) => (c.change.after as any).name === "acme-test")!.change.after as any;
    expect(budget).toMatchObject({ budget_type: "COST", limit_amount: "250", limit_unit: "USD", time_unit: "MONTHLY" });
    expect(budget.cost_filter).toEqual([{ name: "TagKeyValue", values: ["user:Environment$test"] }]);
    expect(budget.notification).toHaveLength(3);
  });
});
