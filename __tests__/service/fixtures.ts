import { Construct } from "constructs";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { ServiceDiscoveryPrivateDnsNamespace } from "@cdktf/provider-aws/lib/service-discovery-private-dns-namespace";
import { CapacityProviderStrategyItem, ICluster } from "../../src/cluster/types";
import { ApplicationLoadBalancer } from "../../src/ingress/application-load-balancer";
import { Network } from "../../src/network/network";

import { CERTIFICATE_ARN } from "../fixtures";

// Shared with the other modules' tests.
export { CERTIFICATE_ARN, webTask } from "../fixtures";

export interface Platform {
  readonly network: Network;
  readonly cluster: ICluster;
}

/**
 * A network and an `ICluster` built from raw resources (not the cluster module), with FARGATE and
 * FARGATE_SPOT, a private DNS namespace, and optionally an EC2 capacity provider name.
 */
export function platform(scope: Construct, options: { ec2CapacityProvider?: string } = {}): Platform {
  const network = new Network(scope, "Network", {
    name: "acme-test",
    cidr: "10.0.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    natGateways: "single",
  });
  const resource = new EcsCluster(scope, "Cluster", { name: "acme-test", setting: [{ name: "containerInsights", value: "enabled" }] });
  const ec2 = options.ec2CapacityProvider ? [options.ec2CapacityProvider] : [];
  const strategy: CapacityProviderStrategyItem[] = ec2.length
    ? [{ capacityProvider: ec2[0], weight: 1 }]
    : [
        { capacityProvider: "FARGATE", base: 1, weight: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 3 },
      ];
  const providers = new EcsClusterCapacityProviders(scope, "ClusterCapacityProviders", {
    clusterName: resource.name,
    capacityProviders: ["FARGATE", "FARGATE_SPOT", ...ec2],
    defaultCapacityProviderStrategy: strategy.map((s) => ({ capacityProvider: s.capacityProvider, weight: s.weight, base: s.base })),
  });
  const namespace = new ServiceDiscoveryPrivateDnsNamespace(scope, "Namespace", { name: "acme.internal", vpc: network.vpcId });
  const cluster: ICluster = {
    clusterName: resource.name,
    clusterArn: resource.arn,
    network,
    capacityProviderNames: ["FARGATE", "FARGATE_SPOT", ...ec2],
    defaultCapacityProviderStrategy: strategy,
    defaultNamespace: {
      namespaceArn: namespace.arn,
      namespaceId: namespace.id,
      namespaceName: "acme.internal",
      namespaceType: "DNS_PRIVATE",
    },
    capacityProviderAssociation: providers,
  };
  return { network, cluster };
}

export function alb(scope: Construct, network: Network): ApplicationLoadBalancer {
  return new ApplicationLoadBalancer(scope, "Alb", { name: "acme-test-public", network, certificateArn: CERTIFICATE_ARN });
}
