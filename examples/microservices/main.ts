/**
 * Microservices: a public `frontend` behind the load balancer calls an internal `api` over
 * Service Connect (`http://api:80`), using the cluster's Cloud Map namespace.
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import {
  ApplicationLoadBalancer,
  Cluster,
  ContainerImage,
  FARGATE,
  FARGATE_SPOT,
  InterfaceEndpointPresets,
  Network,
  Service,
  TaskDefinition,
} from "../../src";
import { AVAILABILITY_ZONES, ExampleStack } from "../common";

export function buildMicroservices(app: App): TerraformStack {
  const stack = new ExampleStack(app, "example-microservices");
  const network = new Network(stack, "Network", {
    name: "shop",
    cidr: "10.1.0.0/16",
    availabilityZones: AVAILABILITY_ZONES,
    natGateways: "single",
    interfaceEndpoints: InterfaceEndpointPresets.ECR_AND_LOGS,
  });
  const cluster = new Cluster(stack, "Cluster", {
    name: "shop",
    network,
    namespace: { type: "DNS_PRIVATE", name: "shop.internal" },
    defaultCapacityProviderStrategy: [
      { capacityProvider: FARGATE, base: 1, weight: 1 },
      { capacityProvider: FARGATE_SPOT, weight: 2 },
    ],
  });
  const alb = new ApplicationLoadBalancer(stack, "LoadBalancer", {
    name: "shop-public",
    network,
    certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  });

  const apiTask = new TaskDefinition(stack, "ApiTask", {
    name: "shop-api",
    cpu: 512,
    memoryMiB: 1024,
    runtimePlatform: { cpuArchitecture: "ARM64" },
    containers: {
      api: {
        image: ContainerImage.fromRegistry("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api:3.2.0"),
        portMappings: [{ containerPort: 9000, name: "api", appProtocol: "http" }],
      },
    },
  });
  const api = new Service(stack, "Api", {
    name: "shop-api",
    cluster,
    taskDefinition: apiTask,
    serviceConnect: {
      // AWS's 15 s per-request default cuts off slow requests; set the timeouts a production API needs.
      endpoints: [{ portName: "api", discoveryName: "api", port: 80, perRequestTimeoutSeconds: 60, idleTimeoutSeconds: 300 }],
    },
  });

  const frontendTask = new TaskDefinition(stack, "FrontendTask", {
    name: "shop-frontend",
    cpu: 256,
    memoryMiB: 512,
    runtimePlatform: { cpuArchitecture: "ARM64" },
    containers: {
      web: {
        image: ContainerImage.fromRegistry("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/frontend:3.2.0"),
        portMappings: [{ containerPort: 3000, name: "http", appProtocol: "http" }],
        environment: { API_URL: "http://api:80" },
      },
    },
  });
  const frontend = new Service(stack, "Frontend", {
    name: "shop-frontend",
    cluster,
    taskDefinition: frontendTask,
    loadBalancer: { listener: alb.listener, priority: 10, hostHeaders: ["shop.example.com"], healthCheck: { path: "/health" } },
    serviceConnect: {},
    autoScaling: { minCapacity: 2, maxCapacity: 8, targetTracking: { cpuPercent: 60, requestsPerTarget: 500 } },
  });
  // Only the frontend may call the API, on the API's container port.
  api.allowFrom(frontend);

  new TerraformOutput(stack, "url", { value: `https://${alb.dnsName}` });
  return stack;
}

if (require.main === module) {
  const app = new App();
  buildMicroservices(app);
  app.synth();
}
