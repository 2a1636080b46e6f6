import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  ApplicationLoadBalancer,
  applyPolicies,
  Cluster,
  ContainerImage,
  Network,
  Service,
  TaskDefinition,
  useAwsProviderRange,
} from "../../src";

/** An ALB listener takes at most 100 rules; the generator fills each load balancer with this many services. */
const SERVICES_PER_LOAD_BALANCER = 90;

/**
 * A stack with `count` web services, each with its own task definition, load balancer rule and
 * target group, CPU target tracking and the default alarms: the shape synthesis time grows with.
 */
export function buildGeneratedStack(app: App, count: number): TerraformStack {
  const stack = new TerraformStack(app, `services-${count}`);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  useAwsProviderRange(stack);
  applyPolicies(stack, { environmentClass: "non-production", printSummary: false });
  const network = new Network(stack, "Network", {
    name: "bench",
    cidr: "10.0.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    natGateways: "single",
  });
  const cluster = new Cluster(stack, "Cluster", { name: "bench", network });
  const loadBalancers: ApplicationLoadBalancer[] = [];
  for (let i = 0; i < count; i++) {
    const lbIndex = Math.floor(i / SERVICES_PER_LOAD_BALANCER);
    loadBalancers[lbIndex] ??= new ApplicationLoadBalancer(stack, `Alb${lbIndex + 1}`, {
      name: `bench-${lbIndex + 1}`,
      network,
      certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    });
    const name = `bench-svc-${i + 1}`;
    const task = new TaskDefinition(stack, `Task${i + 1}`, {
      name,
      containers: {
        app: {
          image: ContainerImage.fromRegistry(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/bench/app:${i + 1}.0.0`),
          portMappings: [{ containerPort: 8080, name: "http", appProtocol: "http" }],
        },
      },
    });
    new Service(stack, `Service${i + 1}`, {
      name,
      cluster,
      taskDefinition: task,
      loadBalancer: {
        listener: loadBalancers[lbIndex].listener,
        priority: (i % SERVICES_PER_LOAD_BALANCER) + 1,
        hostHeaders: [`${name}.example.com`],
      },
      autoScaling: { minCapacity: 2, maxCapacity: 10, targetTracking: { cpuPercent: 60 } },
    });
  }
  return stack;
}
