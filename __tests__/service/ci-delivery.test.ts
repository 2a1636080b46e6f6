import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Cluster } from "../../src/cluster/cluster";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { Network } from "../../src/network/network";
import { Service, type TaskDefinitionChanges } from "../../src/service/service";
import { ContainerImage } from "../../src/task/image";
import { TaskDefinition } from "../../src/task/task-definition";
import { planEditPlans, type PlannedEdit } from "../change-safety/harness";

/** What the pipeline deployed out of band: a revision Terraform never registered. */
const PIPELINE_REVISION = "arn:aws:ecs:eu-west-1:111111111111:task-definition/acme-test-web:42";

function synthService(taskDefinitionChanges: TaskDefinitionChanges, tag: string): string {
  const outdir = mkdtempSync(join(tmpdir(), "ci-delivery-"));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "ci");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  useAwsProviderRange(stack);
  const network = Network.fromAttributes({
    vpcId: "vpc-0123456789abcdef0",
    vpcCidr: "10.0.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
  });
  const cluster = Cluster.fromAttributes(stack, "Cluster", {
    clusterName: "acme-test",
    clusterArn: "arn:aws:ecs:eu-west-1:111111111111:cluster/acme-test",
    network,
  });
  const task = new TaskDefinition(stack, "WebTask", {
    name: "acme-test-web",
    cpu: 256,
    memoryMiB: 512,
    containers: { app: { image: ContainerImage.fromRegistry(`public.ecr.aws/nginx/nginx:${tag}`) } },
  });
  new Service(stack, "Web", {
    name: "acme-test-web",
    cluster,
    taskDefinition: task,
    desiredCount: 1,
    alarms: { enabled: false },
    taskDefinitionChanges,
  });
  app.synth();
  const json = readFileSync(join(outdir, "stacks", "ci", "cdk.tf.json"), "utf8");
  rmSync(outdir, { recursive: true, force: true });
  return json;
}

const change = (plan: any, type: string) => plan.resource_changes.find((rc: any) => rc.type === type);

/** The pipeline's `update-service` after the apply: the service runs a revision Terraform never registered. */
const pipelined: PlannedEdit["outOfBand"] = (resources) => {
  // The converged state of an "ignore" service never learns the first revision (the plans ignore
  // it); the pipeline's deployment replaces whatever is there.
  resources.find((r) => r.type === "aws_ecs_service")!.attributes.task_definition = PIPELINE_REVISION;
};

/**
 * CI-driven delivery against the real provider: after a deployment the pipeline made out of band
 * (state holds a revision Terraform never registered), the next plan must leave the service alone.
 * One state is built (the apply of the "ignore" stack, converged by the change-safety harness),
 * the pipeline's deployment is written into a copy of it for each case, and one Terraform plan
 * plans every case (each a child module), so the suite pays for one convergence and one plan.
 */
describe("Service taskDefinitionChanges against a prior state", () => {
  let plans: Record<string, any>;
  beforeAll(() => {
    plans = planEditPlans(
      { applied: JSON.parse(synthService("ignore", "1.27")) },
      {
        again: { base: "applied", json: JSON.parse(synthService("ignore", "1.27")), outOfBand: pipelined },
        edited: { base: "applied", json: JSON.parse(synthService("ignore", "1.28")), outOfBand: pipelined },
        terraform: { base: "applied", json: JSON.parse(synthService("terraform", "1.27")), outOfBand: pipelined },
      },
    );
  }, 600_000);

  test('"ignore": a plan after the pipeline deployed its own revision changes nothing', () => {
    expect(plans.again.resource_changes.length).toBeGreaterThan(0);
    expect(plans.again.resource_changes.filter((rc: any) => rc.change.actions.join() !== "no-op")).toEqual([]);
  });

  test('"ignore": a code edit replaces only the task definition, whose old revision stays registered', () => {
    const edited = plans.edited;
    expect(change(edited, "aws_ecs_service").change.actions).toEqual(["no-op"]);
    const task = change(edited, "aws_ecs_task_definition");
    expect(task.change.actions).toEqual(["delete", "create"]);
    expect(task.change.before.skip_destroy).toBe(true);
    expect(task.change.after.skip_destroy).toBe(true);
  });

  test('"terraform" (the default): the same state makes the plan roll the service back to Terraform\'s revision, which "ignore" prevents', () => {
    const service = change(plans.terraform, "aws_ecs_service");
    expect(service.change.actions).toEqual(["update"]);
    expect(service.change.before.task_definition).toBe(PIPELINE_REVISION);
    expect(service.change.after.task_definition).toMatch(/\$\{|task-definition\/acme-test-web:1$/);
  });
});
