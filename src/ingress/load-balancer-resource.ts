import { Construct, IConstruct } from "constructs";
import { Lb, LbConfig } from "@cdktf/provider-aws/lib/lb";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";
import { checkTags, withName } from "../core/tags";
import { Connections, IConnectable, IPeer, Port } from "../network/connections";
import { SecurityGroup } from "../network/security-group";
import { checkIngressCidrs, defaultIngressCidrs, ingressPeers, loadBalancerSubnets, renderAccessLogs } from "./common";
import type { ApplicationLoadBalancerProps } from "./application-load-balancer";
import { dualStackIngress } from "./dual-stack";
import { loadBalancerName } from "./names";
import type { NetworkLoadBalancerProps } from "./network-load-balancer";

/** The load balancer types built here, with the prefix of their error codes, the suffix of their security group's name and their props' name. */
const TYPES = {
  application: { codePrefix: "ALB", suffix: "alb", propsName: "ApplicationLoadBalancerProps" },
  network: { codePrefix: "NLB", suffix: "nlb", propsName: "NetworkLoadBalancerProps" },
} as const;

/** The props application and network load balancers share (each type's props document them for its case). */
export type LoadBalancerBaseProps = Pick<ApplicationLoadBalancerProps, keyof ApplicationLoadBalancerProps & keyof NetworkLoadBalancerProps>;

/** The `Lb` arguments that only one type of load balancer takes. */
export type LoadBalancerTypeSettings = Pick<
  LbConfig,
  "dropInvalidHeaderFields" | "desyncMitigationMode" | "enableHttp2" | "idleTimeout" | "enableCrossZoneLoadBalancing"
>;

/**
 * What application and network load balancers share: the required props, the name, tag, ingress
 * CIDR and dual-stack checks, a security group `SecurityGroup` without outbound rules
 * (`service.connections.allowFrom(lb, port)` adds exactly the egress needed), the `Lb` resource
 * `Resource` (IPv4, or dual-stack when asked) in the right subnets with access logs and a `Name`
 * tag, its attributes, and opening a listener port to the allowed CIDRs. Checks the subnets
 * (`<ALB|NLB>_SUBNETS`) and access logs (`<ALB|NLB>_ACCESS_LOGS`).
 */
export abstract class LoadBalancerBase extends Construct implements IConnectable {
  /** ARN of the load balancer. */
  public readonly loadBalancerArn: string;
  /** The `app/<name>/<id>` (application) or `net/<name>/<id>` (network) part of the ARN, the `LoadBalancer` dimension of CloudWatch metrics. */
  public readonly loadBalancerArnSuffix: string;
  /** DNS name clients connect to (or a CNAME/alias record points at). */
  public readonly dnsName: string;
  /** Route 53 hosted zone id of the DNS name, for alias records. */
  public readonly zoneId: string;
  /** The AWS name (shortened when the given one is over 32 characters). */
  public readonly loadBalancerName: string;
  public readonly connections: Connections;
  /** True when the load balancer is in the public subnets and reachable from the internet. */
  public readonly internetFacing: boolean;
  /** The load balancer resource, for escape hatches. */
  public readonly resource: Lb;
  /** Tags for the listeners, as given. @internal */
  protected readonly tags?: Record<string, string>;
  private readonly ingressCidrs: readonly string[];
  private readonly ingressIpv6Peers: readonly IPeer[];

  /**
   * @param type the load balancer type, which also names its props, error codes and security group
   * @param internetFacing whether it is internet-facing, with the type's default applied
   * @param typeSpecific checks the type's own props (after the shared checks) and returns its `Lb` arguments
   */
  protected constructor(
    scope: Construct,
    id: string,
    type: keyof typeof TYPES,
    props: LoadBalancerBaseProps,
    internetFacing: boolean,
    typeSpecific: (scope: IConstruct) => LoadBalancerTypeSettings,
  ) {
    super(scope, id);
    const { codePrefix, suffix, propsName } = TYPES[type];
    checkRequiredProps(this, propsName, props, {
      name: K.string,
      network: K.reference("an INetwork such as a Network", "vpcId", "workloadSubnetIds"),
    });
    const ingressCidrs = props.ingressCidrs ?? defaultIngressCidrs(props.network, internetFacing);
    const ipAddressType = props.ipAddressType ?? "ipv4";
    const name = loadBalancerName(this, `${codePrefix}_NAME`, props.name);
    checkTags(this, "tags", props.tags);
    checkIngressCidrs(this, `${codePrefix}_INGRESS_CIDRS`, ingressCidrs);
    const ingressIpv6Peers = dualStackIngress(this, {
      codePrefix,
      network: props.network,
      internetFacing,
      ipAddressType,
      ingressIpv6Cidrs: props.ingressIpv6Cidrs,
    });
    const settings = typeSpecific(this);
    const subnets = loadBalancerSubnets(this, `${codePrefix}_SUBNETS`, props.network, internetFacing);
    const accessLogs = renderAccessLogs(this, `${codePrefix}_ACCESS_LOGS`, props.accessLogs);

    const securityGroup = new SecurityGroup(this, "SecurityGroup", {
      vpcId: props.network.vpcId,
      name: `${props.name}-${suffix}`,
      description: `Load balancer ${props.name}: listener ports from the allowed CIDRs, out to its targets only`,
      allowAllOutbound: false,
      tags: props.tags,
    });
    this.resource = new Lb(this, "Resource", {
      name,
      loadBalancerType: type,
      internal: !internetFacing,
      ipAddressType,
      subnets: subnets as string[],
      securityGroups: [securityGroup.securityGroupId],
      enableDeletionProtection: props.deletionProtection ?? false,
      accessLogs,
      tags: withName(name, props.tags),
      ...settings,
      // CreateLoadBalancer fails with InvalidSubnet while the VPC has no internet gateway (a known race,
      // terraform-provider-aws #3494), and a destroy must remove the load balancer before the gateway.
      dependsOn: internetFacing && props.network.internetConnectivity.length > 0 ? [...props.network.internetConnectivity] : undefined,
    });
    this.connections = securityGroup.connections;
    this.loadBalancerArn = this.resource.arn;
    this.loadBalancerArnSuffix = this.resource.arnSuffix;
    this.dnsName = this.resource.dnsName;
    this.zoneId = this.resource.zoneId;
    this.loadBalancerName = name;
    this.internetFacing = internetFacing;
    this.ingressCidrs = ingressCidrs;
    this.ingressIpv6Peers = ingressIpv6Peers;
    this.tags = props.tags;
  }

  /** Opens `port` of the security group to every allowed IPv4 and IPv6 block, each rule described by `description`. @internal */
  protected allowListenerIngress(port: Port, description: (peer: IPeer) => string): void {
    [...ingressPeers(this.ingressCidrs), ...this.ingressIpv6Peers].forEach((peer) =>
      this.connections.allowFrom(peer, port, description(peer)),
    );
  }
}
