import { ClusterProps } from "../../src/cluster/cluster";
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
