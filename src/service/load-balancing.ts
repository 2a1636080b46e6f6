import type { AddTargetGroupOptions, ApplicationListener } from "../ingress/application-listener";
import type { ApplicationProtocol, ApplicationProtocolVersion } from "../ingress/application-target-group";
import type { HealthCheckOptions, NetworkHealthCheckOptions } from "../ingress/health-check";
import type { NetworkLoadBalancer } from "../ingress/network-load-balancer";
import type { NetworkProtocol } from "../ingress/network-target-group";
import type { PortSelector } from "../task/task-definition";

/**
 * Puts the service behind an application load balancer: a target group for the selected container
 * port and a listener rule matching hosts and/or paths. The service's security group admits the load
 * balancer on that port only.
 */
export interface ApplicationLoadBalancerTarget extends PortSelector, Omit<AddTargetGroupOptions, "targetGroup"> {
  /** The production listener, e.g. `alb.listener`. */
  readonly listener: ApplicationListener;
  /** Protocol from the load balancer to the tasks. @default "HTTP" */
  readonly protocol?: ApplicationProtocol;
  /** @default "HTTP1" */
  readonly protocolVersion?: ApplicationProtocolVersion;
  /** @default - the ingress module's default: path "/", matcher "200", every 10 s */
  readonly healthCheck?: HealthCheckOptions;
  /** @default 30 */
  readonly deregistrationDelaySeconds?: number;
  /** @default 0 (off) */
  readonly slowStartSeconds?: number;
}

/** Puts a TCP/UDP service behind a network load balancer: a target group and a listener forwarding to it. */
export interface NetworkLoadBalancerTarget extends PortSelector {
  readonly loadBalancer: NetworkLoadBalancer;
  /** Port of the new listener. */
  readonly listenerPort: number;
  /** Listener and target group protocol. @default "TCP" */
  readonly protocol?: Exclude<NetworkProtocol, "TLS">;
  /** @default - TCP connect to the traffic port every 10 s */
  readonly healthCheck?: NetworkHealthCheckOptions;
  /** @default 30 */
  readonly deregistrationDelaySeconds?: number;
}

