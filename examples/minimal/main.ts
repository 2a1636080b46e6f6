/**
 * Minimal: one Fargate web service behind a public load balancer, in a new VPC.
 * `cd examples/minimal && npx cdktf synth` (or `npx tsx main.ts`).
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { ApplicationLoadBalancer, Cluster, ContainerImage, Network, Service, TaskDefinition } from "../../src";
import { AVAILABILITY_ZONES, ExampleStack } from "../common";

export function buildMinimal(app: App): TerraformStack {
  const stack = new ExampleStack(app, "example-minimal");
  const network = new Network(stack, "Network", {
    name: "demo",
    cidr: "10.0.0.0/20",
    availabilityZones: AVAILABILITY_ZONES,
    tiers: { public: { prefixLength: 24 }, private: { prefixLength: 22 } },
    // A /20 holds three zone slots per tier at these sizes (the default reserves six).
    reservedAzs: 3,
    natGateways: "single",
  });
  const cluster = new Cluster(stack, "Cluster", { name: "demo", network });
  // Pass certificateArn to serve HTTPS with an HTTP→HTTPS redirect; without one the listener is HTTP (a warning).
  const alb = new ApplicationLoadBalancer(stack, "LoadBalancer", { name: "demo-web", network });
  const task = new TaskDefinition(stack, "WebTask", {
    name: "demo-web",
    cpu: 256,
    memoryMiB: 512,
    scratchVolumes: ["cache"],
    containers: {
      web: {
        image: ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:1.27"),
        portMappings: [{ containerPort: 8080, name: "http", appProtocol: "http" }],
        // nginx writes its cache and pid under /var/cache/nginx with a read-only root filesystem.
        mountPoints: [{ volume: "cache", containerPath: "/var/cache/nginx" }],
      },
    },
  });
  new Service(stack, "Web", {
    name: "demo-web",
    cluster,
    taskDefinition: task,
    desiredCount: 2,
    loadBalancer: { listener: alb.listener, priority: 100, pathPatterns: ["/*"], healthCheck: { path: "/" } },
  });
  new TerraformOutput(stack, "url", { value: `http://${alb.dnsName}` });
  return stack;
}

if (require.main === module) {
  const app = new App();
  buildMinimal(app);
  app.synth();
}
