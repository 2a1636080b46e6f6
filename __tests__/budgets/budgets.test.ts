import { EnvironmentBudget } from "../../src/budgets";
import { NotificationTopic } from "../../src/notifications";
import { resourceAt, synth } from "../helpers";

describe("EnvironmentBudget", () => {
  const s = synth((stack) => {
    const topic = new NotificationTopic(stack, "Topic", { name: "acme-test-operations" });
    new EnvironmentBudget(stack, "Budget", {
      name: "acme-test",
      monthlyLimit: 250,
      costAllocationTag: { key: "Environment", values: ["test"] },
      topic,
      emailAddresses: ["finance@example.com"],
      fargate: { monthlyLimit: 100, thresholds: [{ percent: 90, type: "FORECASTED" }] },
    });
  });

  test("a monthly USD cost budget of what carries the environment's cost allocation tag", () => {
    expect(resourceAt(s, "aws_budgets_budget", "Budget")).toMatchObject({
      name: "acme-test",
      budget_type: "COST",
      time_unit: "MONTHLY",
      limit_amount: "250",
      limit_unit: "USD",
      cost_filter: [{ name: "TagKeyValue", values: ["user:Environment$test"] }],
    });
  });

  test("notifies the topic and the e-mail addresses at 80 % and 100 % actual and 100 % forecasted by default", () => {
    const notifications = resourceAt(s, "aws_budgets_budget", "Budget").notification;
    expect(notifications.map((n: any) => [n.notification_type, n.threshold, n.threshold_type, n.comparison_operator])).toEqual([
      ["ACTUAL", 80, "PERCENTAGE", "GREATER_THAN"],
      ["ACTUAL", 100, "PERCENTAGE", "GREATER_THAN"],
      ["FORECASTED", 100, "PERCENTAGE", "GREATER_THAN"],
    ]);
    expect(notifications[0].subscriber_email_addresses).toEqual(["finance@example.com"]);
    expect(notifications[0].subscriber_sns_topic_arns).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.Topic_[0-9A-F]{8}\.arn\}$/)]);
  });

  test("the optional Fargate budget counts the ECS service's cost of the same tag, with its own thresholds", () => {
    const fargate = resourceAt(s, "aws_budgets_budget", "Budget/Fargate");
    expect(fargate).toMatchObject({ name: "acme-test-fargate", limit_amount: "100", limit_unit: "USD" });
    expect(fargate.cost_filter).toEqual([
      { name: "TagKeyValue", values: ["user:Environment$test"] },
      { name: "Service", values: ["Amazon Elastic Container Service"] },
    ]);
    expect(fargate.notification.map((n: any) => [n.notification_type, n.threshold])).toEqual([["FORECASTED", 90]]);
  });

  test("lets AWS Budgets publish to the topic and use its key, from the topic's account", () => {
    const policy = resourceAt(s, "aws_sns_topic_policy", "Topic/Policy").policy as string;
    expect(policy).toContain('"Sid":"AllowBudgetsPublish"');
    expect(policy).toContain('"Service":"budgets.amazonaws.com"');
    expect(resourceAt(s, "aws_kms_key_policy", "Topic/KeyPolicy").policy).toContain('"Sid":"AllowBudgetsEncrypt"');
  });

  test("e-mail only: no topic, and no Fargate budget unless asked", () => {
    const only = synth((stack) => {
      new EnvironmentBudget(stack, "Budget", {
        name: "acme-test",
        monthlyLimit: 99.5,
        currency: "EUR",
        costAllocationTag: { key: "CostCenter", values: ["cc-1", "cc-2"] },
        emailAddresses: ["finance@example.com"],
      });
    });
    const budget = resourceAt(only, "aws_budgets_budget", "Budget");
    expect(budget).toMatchObject({ limit_amount: "99.5", limit_unit: "EUR" });
    expect(budget.cost_filter[0].values).toEqual(["user:CostCenter$cc-1", "user:CostCenter$cc-2"]);
    expect(budget.notification[0].subscriber_sns_topic_arns).toBeUndefined();
    expect(Object.keys(only.parsed.resource?.aws_budgets_budget ?? {})).toHaveLength(1);
  });
});
