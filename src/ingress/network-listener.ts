import { Construct } from "constructs";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { fail } from "../core/errors";
import { checkTags } from "../core/tags";
import { checkOneOf, checkPort } from "../core/validate";
import { renderForward } from "./actions";
import { checkCertificateArn, checkSslPolicy, DEFAULT_SSL_POLICY, warnOnLegacySslPolicy } from "./common";
import type { NetworkLoadBalancer } from "./network-load-balancer";
import type { NetworkProtocol, NetworkTargetGroup } from "./network-target-group";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Target group protocols each listener protocol can forward to (AWS NLB listener rules). */
export const NETWORK_PROTOCOL_COMPATIBILITY: Readonly<Record<NetworkProtocol, readonly NetworkProtocol[]>> = {
  TCP: ["TCP", "TCP_UDP"],
  TLS: ["TCP", "TLS"],
  UDP: ["UDP", "TCP_UDP"],
  TCP_UDP: ["TCP_UDP"],
};

/** A listener for {@link NetworkLoadBalancer.addListener}: port, protocol, TLS and the target group. */
export interface NetworkListenerOptions {
  /** Port the listener accepts connections on, 1 to 65535, unique per load balancer and transport. */
  readonly port: number;
  /** Protocol of the listener; TLS terminates at the load balancer, TCP_UDP takes both on one port. @default "TCP" */
  readonly protocol?: NetworkProtocol;
  /** Certificate for a TLS listener (required for TLS, not allowed otherwise). @default - none */
  readonly certificateArn?: string;
  /** TLS policy of a TLS listener. @default DEFAULT_SSL_POLICY ("ELBSecurityPolicy-TLS13-1-2-2021-06") */
  readonly sslPolicy?: string;
  /** Where connections go. */
  readonly targetGroup: NetworkTargetGroup;
}

/** Settings of a {@link NetworkListener}: its options plus the load balancer, as `addListener()` passes them. */
export interface NetworkListenerProps extends NetworkListenerOptions {
  /** The load balancer the listener belongs to. */
  readonly loadBalancer: NetworkLoadBalancer;
  /** Tags for the listener. @default - none */
  readonly tags?: Record<string, string>;
}

/** A listener of a network load balancer, forwarding every connection to one target group. */
export class NetworkListener extends Construct {
  /** ARN of the listener. */
  public readonly listenerArn: string;
  /** Port the listener accepts connections on. */
  public readonly port: number;
  /** Protocol of the listener. */
  public readonly protocol: NetworkProtocol;
  /** The load balancer the listener belongs to. */
  public readonly loadBalancer: NetworkLoadBalancer;
  /** The listener resource, for escape hatches; an ECS service should depend on it. */
  public readonly resource: LbListener;

  constructor(scope: Construct, id: string, props: NetworkListenerProps) {
    super(scope, id);
    checkRequiredProps(this, "NetworkListenerProps", props, {
      loadBalancer: K.reference("a NetworkLoadBalancer", "loadBalancerArn"),
      port: K.number,
      targetGroup: K.reference("a NetworkTargetGroup", "targetGroupArn"),
    });
    const protocol = props.protocol ?? "TCP";
    const tls = protocol === "TLS";
    const sslPolicy = tls ? (props.sslPolicy ?? DEFAULT_SSL_POLICY) : undefined;

    checkPort(this, "LISTENER_PORT", "port", props.port);
    checkOneOf(this, "LISTENER_PROTOCOL", "protocol", protocol, ["TCP", "TLS", "UDP", "TCP_UDP"]);
    checkTags(this, "tags", props.tags);
    if (tls && props.certificateArn === undefined) {
      fail(this, {
        code: "LISTENER_CERTIFICATE_MISSING",
        property: "certificateArn",
        value: undefined,
        allowed: "a certificate ARN for a TLS listener",
      });
    }
    if (!tls && (props.certificateArn !== undefined || props.sslPolicy !== undefined)) {
      fail(this, {
        code: "LISTENER_TLS_ON_PLAIN",
        property: props.certificateArn !== undefined ? "certificateArn" : "sslPolicy",
        value: props.certificateArn ?? props.sslPolicy,
        allowed: `no certificate or TLS policy on a ${protocol} listener`,
      });
    }
    checkCertificateArn(this, "LISTENER_CERTIFICATE_ARN", "certificateArn", props.certificateArn);
    checkSslPolicy(this, "LISTENER_SSL_POLICY", sslPolicy);
    if (sslPolicy !== undefined) warnOnLegacySslPolicy(this, sslPolicy);
    const compatible = NETWORK_PROTOCOL_COMPATIBILITY[protocol];
    if (!compatible.includes(props.targetGroup.protocol)) {
      fail(this, {
        code: "LISTENER_TARGET_PROTOCOL",
        property: "targetGroup.protocol",
        value: props.targetGroup.protocol,
        allowed: `a target group protocol a ${protocol} listener can forward to: ${compatible.join(" or ")}`,
      });
    }

    this.resource = new LbListener(this, "Resource", {
      loadBalancerArn: props.loadBalancer.loadBalancerArn,
      port: props.port,
      protocol,
      certificateArn: props.certificateArn,
      sslPolicy,
      defaultAction: [renderForward(props.targetGroup.targetGroupArn)],
      tags: props.tags,
    });
    props.targetGroup.registerListener(props.loadBalancer, this.resource);
    this.listenerArn = this.resource.arn;
    this.port = props.port;
    this.protocol = protocol;
    this.loadBalancer = props.loadBalancer;
  }
}
