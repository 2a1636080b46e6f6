import { Construct } from "constructs";
import { Cluster, ClusterProps } from "../../src/cluster/cluster";
import { ClusterAttributes } from "../../src/cluster/cluster-attributes";
import { ICluster } from "../../src/cluster/types";
import { Ec2CapacityProviderOptions } from "../../src/cluster/ec2-capacity-provider";
import { Network } from "../../src/network/network";

/** A network given by attributes (no resources): two private subnets. */
export const network = Network.fromAttributes({
  vpcId: "vpc-0123",
  vpcCidr: "10.0.0.0/16",
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  privateSubnetIds: ["subnet-a", "subnet-b"],
});
/** The smallest valid cluster. */
export const base: ClusterProps = { name: "acme-test", network };
/** A valid EC2 capacity provider. */
export const general: Ec2CapacityProviderOptions = { instanceTypes: ["m7i.large"], maxSize: 4 };

/** Attributes of a platform-owned cluster `acme-dev`, for `Cluster.fromAttributes`. */
export const platformClusterAttributes: ClusterAttributes = {
  clusterName: "acme-dev",
  clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/acme-dev",
  network,
};
/** The platform cluster's private DNS namespace. */
export const platformNamespace = {
  namespaceArn: "arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-abc",
  namespaceId: "ns-abc",
  namespaceName: "dev.acme.internal",
  namespaceType: "DNS_PRIVATE" as const,
};

/** Imports the platform cluster (id `Platform`) with these attributes on top of the valid ones. */
export function imported(extra: Partial<ClusterAttributes> = {}): (scope: Construct) => ICluster {
  return (scope) => Cluster.fromAttributes(scope, "Platform", { ...platformClusterAttributes, ...extra });
}
