import { INetwork, Network } from "../../src/network/network";
import { resourcesOf, Synthesized } from "../helpers";

/** ACM certificate ARNs (never looked up offline). */
export const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
export const CERT2 = "arn:aws:acm:eu-west-1:123456789012:certificate/66666666-7777-8888-9999-000000000000";

/** A network given by attributes: literal ids, so names and subnets can be asserted exactly. */
export const network: INetwork = Network.fromAttributes({
  vpcId: "vpc-0abc",
  vpcCidr: "10.1.0.0/16",
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  publicSubnetIds: ["subnet-pub-a", "subnet-pub-b"],
  privateSubnetIds: ["subnet-priv-a", "subnet-priv-b"],
});

/** The security group ingress rules of a synthesized stack as `<cidr>:<protocol>/<from>-<to>`, sorted. */
export const ingressOf = (s: Synthesized): string[] =>
  Object.values(resourcesOf(s, "aws_vpc_security_group_ingress_rule"))
    .map((r: any) => `${r.cidr_ipv4}:${r.ip_protocol}/${r.from_port}-${r.to_port}`)
    .sort();
