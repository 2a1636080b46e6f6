import { IConstruct } from "constructs";
import { fail, isToken } from "../core/errors";
import { IPeer, Peer } from "../network/connections";
import type { INetwork } from "../network/network";
import { isIpv6Cidr } from "../network/subnet-plan";

/** The addresses a load balancer answers on: IPv4 only, or IPv4 and IPv6 (`dualstack`, in a dual-stack network). */
export type IpAddressType = "ipv4" | "dualstack";

/** What {@link dualStackIngress} checks: the load balancer's address type and who may reach it over IPv6. */
export interface DualStackIngressInput {
  /** `ALB` or `NLB`, the prefix of the error codes. */
  readonly codePrefix: "ALB" | "NLB";
  /** The network the load balancer is placed in. */
  readonly network: INetwork;
  /** In the public subnets, reachable from the internet. */
  readonly internetFacing: boolean;
  /** The requested address type. */
  readonly ipAddressType: IpAddressType;
  /** IPv6 blocks allowed to reach the listeners, as given. */
  readonly ingressIpv6Cidrs?: readonly string[];
}

/**
 * Checks a load balancer's address type against its network and returns the IPv6 peers its
 * listeners open to: `::/0` for an internet-facing dual-stack one, the VPC's IPv6 block for an
 * internal one, none for IPv4 only. AWS refuses a dual-stack load balancer whose subnets have no
 * IPv6 block only at apply, so it fails here at synth.
 */
export function dualStackIngress(scope: IConstruct, input: DualStackIngressInput): IPeer[] {
  const { codePrefix, network, internetFacing, ipAddressType, ingressIpv6Cidrs } = input;
  if (!["ipv4", "dualstack"].includes(ipAddressType)) {
    fail(scope, {
      code: `${codePrefix}_IP_ADDRESS_TYPE`,
      property: "ipAddressType",
      value: ipAddressType,
      allowed: '"ipv4" or "dualstack"',
    });
  }
  if (ipAddressType === "ipv4") {
    if (ingressIpv6Cidrs !== undefined && (isToken(ingressIpv6Cidrs) || ingressIpv6Cidrs.length > 0)) {
      fail(scope, {
        code: `${codePrefix}_IPV6_INGRESS_WITHOUT_DUALSTACK`,
        property: "ingressIpv6Cidrs",
        value: ingressIpv6Cidrs,
        allowed: 'no IPv6 ingress unless ipAddressType is "dualstack" (an IPv4 load balancer has no IPv6 address to reach)',
      });
    }
    return [];
  }
  if (network.ipv6CidrBlock === undefined) {
    fail(scope, {
      code: `${codePrefix}_DUALSTACK_NETWORK`,
      property: "ipAddressType",
      value: ipAddressType,
      allowed:
        '"ipv4" unless the network is dual-stack (Network dualStack: true, or ipv6CidrBlock in Network.fromAttributes): its subnets need IPv6 blocks',
    });
  }
  if (ingressIpv6Cidrs === undefined) {
    return [
      internetFacing
        ? Peer.anyIpv6()
        : // The VPC's block is a token until apply; a fixed key keeps the rule's construct id stable.
          { uniqueKey: "ipv6:vpc", label: "the VPC IPv6 block", cidrIpv6: network.ipv6CidrBlock },
    ];
  }
  if (isToken(ingressIpv6Cidrs)) {
    fail(scope, {
      code: `${codePrefix}_INGRESS_IPV6_CIDRS`,
      property: "ingressIpv6Cidrs",
      value: "(unresolved list token)",
      allowed: "an explicit list, one security group rule per entry (entries may be tokens)",
    });
  }
  return ingressIpv6Cidrs.map((cidr, i) => {
    if (isToken(cidr)) return { uniqueKey: `ipv6:ingressIpv6Cidrs[${i}]`, label: `ingressIpv6Cidrs[${i}]`, cidrIpv6: cidr };
    if (!isIpv6Cidr(cidr)) {
      fail(scope, {
        code: `${codePrefix}_INGRESS_IPV6_CIDRS`,
        property: `ingressIpv6Cidrs[${i}]`,
        value: cidr,
        allowed: "an IPv6 CIDR block whose address is the start of its range, such as 2001:db8::/32 or ::/0",
      });
    }
    return Peer.ipv6(cidr);
  });
}
