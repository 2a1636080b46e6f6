import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  ApplicationLoadBalancer,
  applyPolicies,
  Cluster,
  ContainerImage,
  type ICluster,
  Network,
  Service,
  TaskDefinition,
  useAwsProviderRange,
} from "../../src";
import { PlatformStack, ServiceGroupStack } from "../../stacks/split-stacks";

/** An ALB listener takes at most 100 rules; the generator fills each load balancer with this many services. */
const SERVICES_PER_LOAD_BALANCER = 90;
const CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

/**
 * One generated web service: its own task definition, load balancer rule and target group, CPU
 * target tracking and the default alarms, the shape synthesis time grows with.
 */
function webService(scope: Construct, index: number, cluster: ICluster, loadBalancer: ApplicationLoadBalancer, priority: number): void {
  const name = `bench-svc-${index}`;
  const task = new TaskDefinition(scope, `Task${index}`, {
    name,
    containers: {
      app: {
        image: ContainerImage.fromRegistry(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/bench/app:${index}.0.0`),
        portMappings: [{ containerPort: 8080, name: "http", appProtocol: "http" }],
      },
    },
  });
  new Service(scope, `Service${index}`, {
    name,
    cluster,
    taskDefinition: task,
    loadBalancer: { listener: loadBalancer.listener, priority, hostHeaders: [`${name}.example.com`] },
    autoScaling: { minCapacity: 2, maxCapacity: 10, targetTracking: { cpuPercent: 60 } },
  });
}

/** A stack with `count` generated web services, a load balancer per 90 of them, the network and the cluster. */
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
      certificateArn: CERTIFICATE,
    });
    webService(stack, i + 1, cluster, loadBalancers[lbIndex], (i % SERVICES_PER_LOAD_BALANCER) + 1);
  }
  return stack;
}

/**
 * The same `count` services split into a platform stack (network, cluster) and `groups` service-group
 * stacks (`<prefix>-group-<n>`), each with its own load balancer and state; services are dealt out in
 * order, `ceil(count / groups)` per group.
 */
export function buildGeneratedSplit(app: App, count: number, groups: number, prefix = "bench"): TerraformStack[] {
  const perGroup = Math.ceil(count / groups);
  if (perGroup > 100) throw new Error(`${perGroup} services per group exceed the 100 rules of one listener: use more groups`);
  const platform = new PlatformStack(app, `${prefix}-platform`, {
    name: prefix,
    region: "eu-west-1",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    cidr: "10.0.0.0/16",
  });
  const stacks: TerraformStack[] = [platform];
  for (let g = 0; g < groups; g++) {
    const group = new ServiceGroupStack(app, `${prefix}-group-${g + 1}`, { platform, group: `g${g + 1}`, certificateArn: CERTIFICATE });
    for (let i = g * perGroup; i < Math.min(count, (g + 1) * perGroup); i++) {
      webService(group, i + 1, group.cluster, group.loadBalancer, i - g * perGroup + 1);
    }
    stacks.push(group);
  }
  return stacks;
}
