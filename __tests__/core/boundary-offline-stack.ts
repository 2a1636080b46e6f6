import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BatchJobSchedule, JobQueue } from "../../src/batch";
import { ExternalInstances } from "../../src/cluster/external-instances";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { RoleDefaults } from "../../src/core/role";
import { ScheduledTask } from "../../src/scheduled-task";
import { everyRole } from "./every-role";

/** Id of the stack below; its directory under `<outdir>/stacks/`. */
export const BOUNDARY_OFFLINE_STACK = "boundaries";
/** The boundary the stack declares for all its roles. */
export const STACK_BOUNDARY = "arn:aws:iam::123456789012:policy/platform-boundary";
/** The path the stack declares for all its roles. */
export const STACK_ROLE_PATH = "/platform/";

/**
 * A stack that declares a permissions boundary and a role path once (`RoleDefaults.of(stack).set`)
 * and builds every kind of role the library creates, for the real provider: task and execution roles,
 * flow logs, container instances, CodeDeploy (blue/green), the ECS infrastructure role (managed EBS),
 * Scheduler and EventBridge invoke roles, the Batch instance, execution and job roles and the Batch
 * schedule's role, the ECS Anywhere instances' role, and a GitHub Actions deploy role.
 */
export function boundaryOfflineStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, BOUNDARY_OFFLINE_STACK);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  useAwsProviderRange(stack);
  RoleDefaults.of(stack).set({ permissionsBoundaryArn: STACK_BOUNDARY, path: STACK_ROLE_PATH });
  const { cluster, taskDefinition, computeEnvironment, jobDefinition } = everyRole(stack);
  new ScheduledTask(stack, "Export", {
    name: "acme-test-export",
    cluster,
    taskDefinition,
    trigger: "eventbridge-rule",
    schedule: "cron(30 6 ? * MON-FRI *)",
  });
  const jobQueue = new JobQueue(stack, "Queue", { name: "acme-test-jobs", computeEnvironments: [{ computeEnvironment, order: 1 }] });
  new BatchJobSchedule(stack, "Nightly", { name: "acme-test-nightly", schedule: "cron(30 1 * * ? *)", jobQueue, jobDefinition });
  new ExternalInstances(stack, "OnPremises", { clusterName: "acme-hosts", registrationLimit: 2 });
  return stack;
}
