import { INetwork, Network } from "../../src/network/network";

/** The network Batch compute environments are placed in, given by attributes (no resources): two private and two public subnets. */
export function batchNetwork(): INetwork {
  return Network.fromAttributes({
    vpcId: "vpc-0123456789abcdef0",
    vpcCidr: "10.0.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
    publicSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
  });
}
