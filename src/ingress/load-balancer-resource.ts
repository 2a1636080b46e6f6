import { Construct } from "constructs";
import { Lb, LbConfig } from "@cdktf/provider-aws/lib/lb";
import { withName } from "../core/tags";
import type { INetwork } from "../network/network";
import { SecurityGroup } from "../network/security-group";
import { AccessLogsOptions, loadBalancerSubnets, renderAccessLogs } from "./common";
import type { IpAddressType } from "./dual-stack";

/** The load balancer types built here, with the prefix of their error codes and the suffix of their security group's name. */
const TYPES = {
  application: { codePrefix: "ALB", suffix: "alb" },
  network: { codePrefix: "NLB", suffix: "nlb" },
} as const;

/** What application and network load balancers are both built from. */
export interface LoadBalancerResourceOptions {
  /** The name as given; the security group's name and description derive from it. */
  readonly givenName: string;
  /** The AWS name, already checked and shortened. */
  readonly name: string;
  /** The network whose public (internet-facing) or workload (internal) subnets it is placed in. */
  readonly network: INetwork;
  /** In the public subnets, reachable from the internet. */
  readonly internetFacing: boolean;
  /** Make AWS refuse to delete the load balancer. */
  readonly deletionProtection: boolean;
  /** IPv4 only, or IPv4 and IPv6 (checked against the network by `dualStackIngress`). @default "ipv4" */
  readonly ipAddressType?: IpAddressType;
  /** Where to write access logs. @default - no access logs */
  readonly accessLogs?: AccessLogsOptions;
  /** Tags for the load balancer and its security group. @default - none */
  readonly tags?: Record<string, string>;
}

/** The `Lb` arguments that only one type of load balancer takes. */
export type LoadBalancerTypeSettings = Pick<
  LbConfig,
  "dropInvalidHeaderFields" | "desyncMitigationMode" | "enableHttp2" | "idleTimeout" | "enableCrossZoneLoadBalancing"
>;

/**
 * Adds to `scope` what both load balancer types share: a security group `SecurityGroup` without
 * outbound rules (`service.connections.allowFrom(lb, port)` adds exactly the egress needed) and the
 * `Lb` resource `Resource` (IPv4, or dual-stack when asked) in the right subnets, with access logs and a `Name` tag. Checks the
 * subnets (`<ALB|NLB>_SUBNETS`) and access logs (`<ALB|NLB>_ACCESS_LOGS`).
 */
export function createLoadBalancerResource(
  scope: Construct,
  type: keyof typeof TYPES,
  options: LoadBalancerResourceOptions,
  settings: LoadBalancerTypeSettings,
): { resource: Lb; securityGroup: SecurityGroup } {
  const { codePrefix, suffix } = TYPES[type];
  const subnets = loadBalancerSubnets(scope, `${codePrefix}_SUBNETS`, options.network, options.internetFacing);
  const accessLogs = renderAccessLogs(scope, `${codePrefix}_ACCESS_LOGS`, options.accessLogs);

  const securityGroup = new SecurityGroup(scope, "SecurityGroup", {
    vpcId: options.network.vpcId,
    name: `${options.givenName}-${suffix}`,
    description: `Load balancer ${options.givenName}: listener ports from the allowed CIDRs, out to its targets only`,
    allowAllOutbound: false,
    tags: options.tags,
  });
  const resource = new Lb(scope, "Resource", {
    name: options.name,
    loadBalancerType: type,
    internal: !options.internetFacing,
    ipAddressType: options.ipAddressType ?? "ipv4",
    subnets: subnets as string[],
    securityGroups: [securityGroup.securityGroupId],
    enableDeletionProtection: options.deletionProtection,
    accessLogs,
    tags: withName(options.name, options.tags),
    ...settings,
    // CreateLoadBalancer fails with InvalidSubnet while the VPC has no internet gateway (a known race,
    // terraform-provider-aws #3494), and a destroy must remove the load balancer before the gateway.
    dependsOn:
      options.internetFacing && options.network.internetConnectivity.length > 0 ? [...options.network.internetConnectivity] : undefined,
  });
  return { resource, securityGroup };
}
