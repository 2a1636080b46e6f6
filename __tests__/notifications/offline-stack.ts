import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentBudget } from "../../src/budgets";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { NotificationTopic, OperationalNotifications } from "../../src/notifications";
import { ONCALL_TOPIC_ARN, watched } from "./fixtures";

export const OPERATIONS_OFFLINE_STACK = "operations";

/**
 * Notifications and budgets against the real provider: an encrypted topic with e-mail
 * subscriptions, cluster-wide rules (the service ARN prefix expression), a team's rules for one
 * service to an existing on-call topic, and a budget with its Fargate budget.
 */
export function operationsOfflineStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, OPERATIONS_OFFLINE_STACK);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  useAwsProviderRange(stack);
  const { cluster, web, jobQueue } = watched(stack);
  const topic = new NotificationTopic(stack, "Topic", { name: "acme-test-operations", emailSubscriptions: ["oncall@example.com"] });
  new OperationalNotifications(stack, "Platform", { name: "acme-test-platform", topic, clusters: [cluster], jobQueues: [jobQueue] });
  new OperationalNotifications(stack, "WebTeam", {
    name: "acme-test-web",
    topic: NotificationTopic.fromTopicArn(stack, "onCallTopicArn", ONCALL_TOPIC_ARN),
    services: [web],
  });
  new EnvironmentBudget(stack, "Budget", {
    name: "acme-test",
    monthlyLimit: 250,
    costAllocationTag: { key: "Environment", values: ["test"] },
    topic,
    emailAddresses: ["finance@example.com"],
    fargate: { monthlyLimit: 100 },
  });
  return stack;
}
