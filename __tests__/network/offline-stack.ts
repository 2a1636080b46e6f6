import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Cluster } from "../../src/cluster/cluster";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { ApplicationLoadBalancer } from "../../src/ingress/application-load-balancer";
import { NetworkLoadBalancer } from "../../src/ingress/network-load-balancer";
import { NetworkTargetGroup } from "../../src/ingress/network-target-group";
import { Network } from "../../src/network/network";
import { Service } from "../../src/service/service";
import { ContainerImage } from "../../src/task/image";
import { TaskDefinition } from "../../src/task/task-definition";

export const NETWORK_OFFLINE_STACK = "network-dual-stack";

/** A dual-stack network with every tier, dual-stack load balancers and a service, registered in `__tests__/offline/registry.ts`. */
export function networkOfflineStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, NETWORK_OFFLINE_STACK);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  useAwsProviderRange(stack);

  const network = new Network(stack, "Network", {
    name: "acme-ipv6",
    cidr: "10.30.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    tiers: { public: {}, private: {}, isolated: {} },
    natGateways: "single",
    dualStack: true,
    flowLogs: { enabled: false },
  });
  const alb = new ApplicationLoadBalancer(stack, "PublicAlb", { name: "acme-ipv6-web", network, ipAddressType: "dualstack" });
  new ApplicationLoadBalancer(stack, "InternalAlb", { name: "acme-ipv6-api", network, internetFacing: false, ipAddressType: "dualstack" });
  const nlb = new NetworkLoadBalancer(stack, "Nlb", { name: "acme-ipv6-mqtt", network, ipAddressType: "dualstack" });
  nlb.addListener("Mqtt", {
    port: 1883,
    targetGroup: new NetworkTargetGroup(stack, "MqttTargets", { name: "acme-ipv6-mqtt", network, port: 1883 }),
  });

  const cluster = new Cluster(stack, "Cluster", { name: "acme-ipv6", network, execAudit: { enabled: false } });
  const task = new TaskDefinition(stack, "WebTask", {
    name: "acme-ipv6-web",
    containers: {
      web: { image: ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:1.27"), portMappings: [{ containerPort: 8080, name: "http" }] },
    },
  });
  new Service(stack, "Web", {
    name: "acme-ipv6-web",
    cluster,
    taskDefinition: task,
    loadBalancer: { listener: alb.listener, priority: 10, pathPatterns: ["/*"] },
  });
  return stack;
}
