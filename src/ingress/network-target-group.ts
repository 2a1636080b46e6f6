import { TerraformResource } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { fail } from "../core/errors";
import { checkOneOf } from "../core/validate";
import type { INetwork } from "../network/network";
import { checkHealthCheck, NetworkHealthCheckOptions, renderNetworkHealthCheck } from "./health-check";
import { TargetGroupBase } from "./target-group-resource";

/** Protocol of a network listener or target group: TCP, TLS (terminated at the load balancer), UDP, or TCP and UDP on one port. */
export type NetworkProtocol = "TCP" | "TLS" | "UDP" | "TCP_UDP";

/** Settings of a {@link NetworkTargetGroup}: port, protocol, health check, draining and client address handling. */
export interface NetworkTargetGroupProps {
  /** Base of the group's name; the AWS name adds a 6-character hash (see `ApplicationTargetGroupProps.name`). */
  readonly name: string;
  /** The network the targets (task ENIs) are in. */
  readonly network: INetwork;
  /** Port the targets listen on, 1 to 65535. */
  readonly port: number;
  /** Protocol from the load balancer to the targets. @default "TCP" */
  readonly protocol?: NetworkProtocol;
  /**
   * How the load balancer checks the targets; a failing task is taken out of service and replaced by ECS.
   * @default - TCP connect to the traffic port every 10 s, healthy after 2 (see DEFAULT_HEALTH_CHECK)
   */
  readonly healthCheck?: NetworkHealthCheckOptions;
  /** Seconds a deregistering target keeps its connections, 0 to 3600. @default 30 */
  readonly deregistrationDelaySeconds?: number;
  /**
   * Targets see the client's address instead of the load balancer's. Then the targets' security
   * group must allow the clients, not the load balancer's group.
   * @default false for TCP and TLS; AWS's default (on) for UDP and TCP_UDP
   */
  readonly preserveClientIp?: boolean;
  /** Close connections when the deregistration delay ends. @default false */
  readonly connectionTermination?: boolean;
  /** Send a PROXY protocol v2 header with the client's address. @default false */
  readonly proxyProtocolV2?: boolean;
  /** Tags for the target group; it also gets a `Name` tag equal to `name`. @default - none */
  readonly tags?: Record<string, string>;
}

/** A target group for ECS tasks behind a network load balancer (target type `ip`). */
export class NetworkTargetGroup extends TargetGroupBase {
  /** Seconds a deregistering target keeps its connections; AWS's 300 slows every deployment by minutes. */
  public static readonly DEFAULT_DEREGISTRATION_DELAY_SECONDS = 30;

  /** Protocol from the load balancer to the targets. */
  public readonly protocol: NetworkProtocol;

  constructor(scope: Construct, id: string, props: NetworkTargetGroupProps) {
    // Defaults before super(): it checks the required props, so `props` may still be missing here.
    const protocol = props?.protocol ?? "TCP";
    super(scope, id, "NetworkTargetGroupProps", props, NetworkTargetGroup.DEFAULT_DEREGISTRATION_DELAY_SECONDS, (self) => {
      const udp = protocol === "UDP" || protocol === "TCP_UDP";
      const preserveClientIp = props.preserveClientIp ?? (udp ? undefined : false);
      checkOneOf(self, "TARGET_GROUP_PROTOCOL", "protocol", protocol, ["TCP", "TLS", "UDP", "TCP_UDP"]);
      checkOneOf(self, "TARGET_GROUP_HEALTH_CHECK", "healthCheck.protocol", props.healthCheck?.protocol, ["TCP", "HTTP", "HTTPS"]);
      checkHealthCheck(self, "TARGET_GROUP_HEALTH_CHECK", props.healthCheck);
      if (
        (props.healthCheck?.protocol ?? "TCP") === "TCP" &&
        (props.healthCheck?.path !== undefined || props.healthCheck?.matcher !== undefined)
      ) {
        fail(self, {
          code: "TARGET_GROUP_HEALTH_CHECK",
          property: props.healthCheck?.path !== undefined ? "healthCheck.path" : "healthCheck.matcher",
          value: props.healthCheck?.path ?? props.healthCheck?.matcher,
          allowed: 'no path or matcher for a TCP health check (set healthCheck.protocol to "HTTP" or "HTTPS")',
        });
      }
      return {
        protocol,
        healthCheck: renderNetworkHealthCheck(props.healthCheck),
        settings: {
          preserveClientIp: preserveClientIp === undefined ? undefined : String(preserveClientIp),
          connectionTermination: props.connectionTermination ?? false,
          proxyProtocolV2: props.proxyProtocolV2 ?? false,
        },
      };
    });
    this.protocol = protocol;
  }

  /**
   * Records a listener forwarding to this group; called by `NetworkLoadBalancer.addListener()`.
   * A target group serves one load balancer only (an AWS limit).
   */
  public registerListener(loadBalancer: IConstruct, listener: TerraformResource): void {
    this.attach(loadBalancer, listener, listener.node.scope ?? listener);
  }
}
