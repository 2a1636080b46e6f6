/**
 * An application team's stack on a platform-owned cluster: the platform team deploys the environment
 * stack (network, cluster, shared load balancer); the billing team deploys this stack, with its own
 * state, into that network and cluster. It reads the platform's outputs (`terraform output -json`,
 * checked by `loadPlatformOutputs`), imports the network and cluster by attributes (no resources,
 * no data source), and adds its own: an invoice queue with a dead-letter queue, a worker that scales
 * on the queue's depth (to zero when idle), and an internal API behind its own load balancer that
 * enqueues invoices.
 *
 * Synthesize against another environment's outputs with `PLATFORM_OUTPUTS=<file> npx tsx main.ts`.
 */
import { join } from "node:path";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import {
  ApplicationLoadBalancer,
  Cluster,
  ContainerImage,
  LoadBalancedWebService,
  Network,
  Queue,
  QueueProcessingService,
  TaskDefinition,
  Warnings,
  suppress,
} from "../../src";
import { ACCOUNT_ID, ExampleStack, REGION } from "../common";
import { loadPlatformOutputs, PlatformOutputs } from "./platform-outputs";

const REGISTRY = `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com`;
/** The platform's dev outputs, saved by `terraform output -json > platform-outputs.dev.json` in its stack directory. */
export const DEFAULT_PLATFORM_OUTPUTS = join(__dirname, "platform-outputs.dev.json");

export function buildAppTeam(
  app: App,
  platform: PlatformOutputs = loadPlatformOutputs(process.env.PLATFORM_OUTPUTS ?? DEFAULT_PLATFORM_OUTPUTS, {
    accountId: ACCOUNT_ID,
    region: REGION,
  }),
): TerraformStack {
  const stack = new ExampleStack(app, "example-app-team");
  // The platform's VPC and cluster, seen through INetwork and ICluster: this stack creates neither.
  const network = Network.fromAttributes({
    vpcId: platform.vpcId,
    vpcCidr: platform.vpcCidr,
    availabilityZones: platform.availabilityZones,
    privateSubnetIds: platform.privateSubnetIds,
    publicSubnetIds: platform.publicSubnetIds,
  });
  const cluster = Cluster.fromAttributes(stack, "PlatformCluster", {
    clusterName: platform.clusterName,
    clusterArn: platform.clusterArn,
    network,
  });

  const invoices = new Queue(stack, "Invoices", { name: "billing-invoices" });

  const workerTask = new TaskDefinition(stack, "WorkerTask", {
    name: "billing-worker",
    containers: {
      worker: {
        image: ContainerImage.fromRegistry(`${REGISTRY}/billing/worker:3.2.0`),
        environment: { QUEUE_URL: invoices.queueUrl },
      },
    },
  });
  // Grants the worker exactly receive/delete/change-visibility on the queue, and scales it on the queue's depth.
  new QueueProcessingService(stack, "Worker", {
    name: "billing-worker",
    cluster,
    taskDefinition: workerTask,
    queue: invoices,
    maxCapacity: 6,
  });

  // Other services in the VPC call the API; it is not on the internet, so it has its own internal load balancer.
  // Plain HTTP inside the VPC is the team's decision: acknowledged by code (the library's warning) and by rule id (the guardrail).
  const internalOnly = "internal load balancer, reachable only from inside the platform VPC";
  Warnings.acknowledge(stack, "INGRESS_PLAIN_HTTP", internalOnly);
  const alb = new ApplicationLoadBalancer(stack, "Alb", { name: "billing-internal", network, internetFacing: false });
  suppress(alb, "ELB-001", internalOnly);
  const apiTask = new TaskDefinition(stack, "ApiTask", {
    name: "billing-api",
    containers: {
      api: {
        image: ContainerImage.fromRegistry(`${REGISTRY}/billing/api:3.2.0`),
        portMappings: [{ containerPort: 8080, name: "http", appProtocol: "http" }],
        environment: { QUEUE_URL: invoices.queueUrl },
      },
    },
  });
  invoices.grantSend(apiTask);
  new LoadBalancedWebService(stack, "Api", {
    name: "billing-api",
    cluster,
    taskDefinition: apiTask,
    loadBalancer: { listener: alb.listener, priority: 10, pathPatterns: ["/invoices*"], healthCheck: { path: "/healthz" } },
  });

  new TerraformOutput(stack, "api_url", { value: `http://${alb.dnsName}/invoices` });
  new TerraformOutput(stack, "invoice_queue_url", { value: invoices.queueUrl });
  return stack;
}

if (require.main === module) {
  const app = new App();
  buildAppTeam(app);
  app.synth();
}
