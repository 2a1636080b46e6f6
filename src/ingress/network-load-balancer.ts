import { Construct } from "constructs";
import { fail, isToken } from "../core/errors";
import { Port } from "../network/connections";
import type { INetwork } from "../network/network";
import type { AccessLogsOptions } from "./common";
import type { IpAddressType } from "./dual-stack";
import { LoadBalancerBase } from "./load-balancer-resource";
import { NetworkListener, NetworkListenerOptions } from "./network-listener";
import type { NetworkProtocol } from "./network-target-group";

/** Settings of a {@link NetworkLoadBalancer}: placement, cross-zone balancing, logging and who may connect. */
export interface NetworkLoadBalancerProps {
  /** Name, e.g. `acme-dev-mqtt`; names over 32 characters are shortened with a hash (`safeName`). */
  readonly name: string;
  /** The network whose workload subnets (or public subnets, when internet-facing) the load balancer is placed in; at least two. */
  readonly network: INetwork;
  /**
   * In the public subnets, reachable from the internet. Unlike the ALB the default is internal: raw
   * TCP/UDP services are rarely meant for the internet, so exposing one is an explicit choice.
   * @default false
   */
  readonly internetFacing?: boolean;
  /**
   * Spread connections over targets in every zone, not just the zone the client reached (cross-zone
   * data transfer is charged). AWS's default is off, which overloads zones with fewer tasks.
   * @default true
   */
  readonly crossZone?: boolean;
  /** Make AWS refuse to delete the load balancer (so `terraform destroy` fails until it is turned off). @default false */
  readonly deletionProtection?: boolean;
  /** Access logs (AWS writes them for TLS listeners only). @default - no access logs */
  readonly accessLogs?: AccessLogsOptions;
  /** IPv4 blocks allowed to reach the listener ports. @default ["0.0.0.0/0"] when internet-facing, [network.vpcCidr] when internal */
  readonly ingressCidrs?: readonly string[];
  /**
   * `dualstack` answers on IPv4 and IPv6 (an AAAA record can point at it); only in a dual-stack
   * network (`Network` with `dualStack: true`), else synth fails.
   * @default "ipv4"
   */
  readonly ipAddressType?: IpAddressType;
  /**
   * IPv6 blocks allowed to reach the listener ports of a dual-stack load balancer.
   * @default ["::/0"] when internet-facing, the VPC's IPv6 block when internal; none when `ipAddressType` is "ipv4"
   */
  readonly ingressIpv6Cidrs?: readonly string[];
  /** Tags for the load balancer, its security group and listeners. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A network load balancer for TCP, TLS and UDP services, with its own security group (which AWS
 * only lets an NLB have if it is created with one): listener ports are open to `ingressCidrs`, and
 * `service.connections.allowFrom(nlb, port)` opens the way to the targets.
 */
export class NetworkLoadBalancer extends LoadBalancerBase {
  private readonly listeners: NetworkListener[] = [];

  constructor(scope: Construct, id: string, props: NetworkLoadBalancerProps) {
    super(scope, id, "network", props, props?.internetFacing ?? false, () => ({ enableCrossZoneLoadBalancing: props.crossZone ?? true }));
  }

  /** Adds a listener (id `id` under this load balancer) forwarding to `options.targetGroup`, opened to `ingressCidrs`. */
  public addListener(id: string, options: NetworkListenerOptions): NetworkListener {
    const protocol = options.protocol ?? "TCP";
    const clash = this.listeners.find((l) => !isToken(options.port) && l.port === options.port && sharesTransport(l.protocol, protocol));
    if (clash) {
      fail(`${this.node.path}/${id}`, {
        code: "NLB_LISTENER_PORT_DUPLICATE",
        property: "port",
        value: options.port,
        allowed: `a port no other listener uses for the same transport (${clash.node.path} has it)`,
      });
    }
    const listener = new NetworkListener(this, id, { ...options, loadBalancer: this, tags: this.tags });
    this.listeners.push(listener);
    for (const port of securityGroupPorts(options.port, protocol)) {
      this.allowListenerIngress(port, (peer) => `listener ${port.label} from ${peer.label}`);
    }
    return listener;
  }
}

function transports(protocol: NetworkProtocol): Array<"tcp" | "udp"> {
  return protocol === "TCP_UDP" ? ["tcp", "udp"] : protocol === "UDP" ? ["udp"] : ["tcp"];
}

function sharesTransport(a: NetworkProtocol, b: NetworkProtocol): boolean {
  return transports(a).some((t) => transports(b).includes(t));
}

/** The security group ports a listener needs: TCP, UDP, or both for TCP_UDP. */
export function securityGroupPorts(port: number, protocol: NetworkProtocol): Port[] {
  return transports(protocol).map((t) => (t === "tcp" ? Port.tcp(port) : Port.udp(port)));
}
