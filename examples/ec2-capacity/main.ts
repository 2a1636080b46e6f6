/**
 * EC2 capacity: a Graviton Auto Scaling group capacity provider (half Spot, managed scaling,
 * termination protection and draining) running a service with binpack placement.
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Cluster, ContainerImage, Network, PlacementStrategies, Service, TaskDefinition } from "../../src";
import { AVAILABILITY_ZONES, ExampleStack } from "../common";

export function buildEc2Capacity(app: App): TerraformStack {
  const stack = new ExampleStack(app, "example-ec2-capacity");
  const network = new Network(stack, "Network", {
    name: "compute",
    cidr: "10.3.0.0/16",
    availabilityZones: AVAILABILITY_ZONES,
    natGateways: "single",
  });
  const cluster = new Cluster(stack, "Cluster", {
    name: "compute",
    network,
    fargate: false,
    fargateSpot: false,
    ec2CapacityProviders: {
      graviton: {
        instanceTypes: ["m7g.large", "c7g.large", "m6g.large"],
        minSize: 0,
        maxSize: 10,
        onDemandBaseCapacity: 1,
        spotPercentage: 50,
        managedScaling: { targetCapacityPercent: 90 },
      },
    },
    defaultCapacityProviderStrategy: [{ capacityProvider: "compute-graviton", weight: 1 }],
  });
  const task = new TaskDefinition(stack, "RendererTask", {
    name: "compute-renderer",
    compatibility: "EC2",
    cpu: 1024,
    memoryMiB: 2048,
    runtimePlatform: { cpuArchitecture: "ARM64" },
    containers: { renderer: { image: ContainerImage.fromRegistry("123456789012.dkr.ecr.eu-west-1.amazonaws.com/compute/renderer:5.0.0") } },
  });
  const service = new Service(stack, "Renderer", {
    name: "compute-renderer",
    cluster,
    taskDefinition: task,
    desiredCount: 4,
    // Fill each instance before starting another: fewer instances, lower cost.
    placement: { strategies: [PlacementStrategies.spreadAcrossAzs, PlacementStrategies.binpackMemory] },
  });
  new TerraformOutput(stack, "service_name", { value: service.serviceName });
  return stack;
}

if (require.main === module) {
  const app = new App();
  buildEc2Capacity(app);
  app.synth();
}
