/**
 * ECS Anywhere: a cluster whose tasks run on your own servers. The stack creates the cluster, the
 * role the servers run with and an SSM activation; each server then registers by running the
 * `registration_command` output as root, and the service's tasks start on it.
 * `cd examples/ecs-anywhere && npx cdktf synth` (or `npx tsx main.ts`).
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Cluster, ContainerImage, ExternalInstances, ExternalService, Network, TaskDefinition } from "../../src";
import { AVAILABILITY_ZONES, ExampleStack, REGION } from "../common";

export function buildEcsAnywhere(app: App): TerraformStack {
  const stack = new ExampleStack(app, "example-ecs-anywhere");
  // The cluster's own network in AWS (for Fargate or EC2 capacity next to the on-premises hosts), dual-stack.
  const network = new Network(stack, "Network", {
    name: "edge",
    cidr: "10.40.0.0/20",
    availabilityZones: AVAILABILITY_ZONES,
    tiers: { public: { prefixLength: 24 }, private: { prefixLength: 22 } },
    reservedAzs: 3,
    natGateways: "single",
    dualStack: true,
  });
  const cluster = new Cluster(stack, "Cluster", { name: "edge", network });
  const hosts = new ExternalInstances(stack, "OnPremises", { clusterName: cluster.clusterName, registrationLimit: 5 });

  const task = new TaskDefinition(stack, "CollectorTask", {
    name: "edge-collector",
    compatibility: "EXTERNAL",
    cpu: 256,
    memoryMiB: 256,
    scratchVolumes: ["cache"],
    containers: {
      collector: {
        image: ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:1.27"),
        // Bridge networking: the host's port 8080 forwards to the container's 80.
        portMappings: [{ containerPort: 80, hostPort: 8080 }],
        // nginx writes its cache and pid under /var/cache/nginx with a read-only root filesystem.
        mountPoints: [{ volume: "cache", containerPath: "/var/cache/nginx" }],
      },
    },
  });
  new ExternalService(stack, "Collector", { name: "edge-collector", cluster, taskDefinition: task, desiredCount: 2 });

  new TerraformOutput(stack, "activation_id", { value: hosts.activationId });
  // The activation code lets anyone who has it register a server: never print it in plain text.
  new TerraformOutput(stack, "activation_code", { value: hosts.activationCode, sensitive: true });
  new TerraformOutput(stack, "registration_command", { value: hosts.registrationCommand(REGION), sensitive: true });
  return stack;
}

if (require.main === module) {
  const app = new App();
  buildEcsAnywhere(app);
  app.synth();
}
