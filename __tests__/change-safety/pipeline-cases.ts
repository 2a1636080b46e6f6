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
import type { PlannedEdit } from "./harness";

/**
 * CI-driven delivery (docs/delivery.md) as day-2 cases: a service whose image the pipeline deploys
 * out of band (`update-service` with a revision Terraform never registered), then a Terraform plan.
 * The base is the applied "ignore" stack; each case writes the pipeline's deployment into its copy
 * of the converged state. Planned with the change-safety edits, in the same Terraform runs.
 */

/** What the pipeline deployed out of band: a revision Terraform never registered. */
export const PIPELINE_REVISION = "arn:aws:ecs:eu-west-1:111111111111:task-definition/acme-test-web:42";

function synthService(taskDefinitionChanges: TaskDefinitionChanges, tag: string): any {
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
  return JSON.parse(json);
}

/** The pipeline's `update-service` after the apply: the service runs a revision Terraform never registered. */
const pipelined: PlannedEdit["outOfBand"] = (resources) => {
  // The converged state of an "ignore" service never learns the first revision (the plans ignore
  // it); the pipeline's deployment replaces whatever is there.
  resources.find((r) => r.type === "aws_ecs_service")!.attributes.task_definition = PIPELINE_REVISION;
};

/** The base the pipeline cases are planned against. */
export const PIPELINE_BASE = "ci-applied";

/** The base's configuration: the stack as applied, `taskDefinitionChanges: "ignore"`. */
export function pipelineBase(): any {
  return synthService("ignore", "1.27");
}

/** The cases by id: the same stack again, a code edit, and the default mode over the same state. */
export function pipelineCases(): Record<"ci-again" | "ci-edited" | "ci-terraform", PlannedEdit> {
  return {
    "ci-again": { base: PIPELINE_BASE, json: synthService("ignore", "1.27"), outOfBand: pipelined },
    "ci-edited": { base: PIPELINE_BASE, json: synthService("ignore", "1.28"), outOfBand: pipelined },
    "ci-terraform": { base: PIPELINE_BASE, json: synthService("terraform", "1.27"), outOfBand: pipelined },
  };
}
