import { Construct } from "constructs";
import { EcsServiceLoadBalancer } from "@cdktf/provider-aws/lib/ecs-service";
import type { AddTargetGroupOptions, ApplicationListener } from "../ingress/application-listener";
import {
  ApplicationProtocol,
  ApplicationProtocolVersion,
  ApplicationTargetGroup,
  ApplicationTargetGroupProps,
} from "../ingress/application-target-group";
import type { HealthCheckOptions, NetworkHealthCheckOptions } from "../ingress/health-check";
import { NetworkLoadBalancer, securityGroupPorts } from "../ingress/network-load-balancer";
import { NetworkProtocol, NetworkTargetGroup } from "../ingress/network-target-group";
import { Connections, Port } from "../network/connections";
import type { INetwork } from "../network/network";
import type { PortSelector, SelectedPort, TaskDefinition } from "../task/task-definition";
import type { AlarmLoadBalancer } from "./alarms";

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
  /** HTTP version from the load balancer to the tasks (`GRPC` for gRPC services). @default "HTTP1" */
  readonly protocolVersion?: ApplicationProtocolVersion;
  /** The target group's health check. @default - the ingress module's default: path "/", matcher "200", every 10 s */
  readonly healthCheck?: HealthCheckOptions;
  /** Seconds a draining task keeps in-flight requests before it is deregistered. @default 30 */
  readonly deregistrationDelaySeconds?: number;
  /** Seconds a new task's share of requests ramps up, 30 to 900, or 0 for off. @default 0 (off) */
  readonly slowStartSeconds?: number;
}

/** Puts a TCP/UDP service behind a network load balancer: a target group and a listener forwarding to it. */
export interface NetworkLoadBalancerTarget extends PortSelector {
  /** The network load balancer that gets a listener on `listenerPort` for this service. */
  readonly loadBalancer: NetworkLoadBalancer;
  /** Port of the new listener. */
  readonly listenerPort: number;
  /** Listener and target group protocol. @default "TCP" */
  readonly protocol?: Exclude<NetworkProtocol, "TLS">;
  /** The target group's health check. @default - TCP connect to the traffic port every 10 s */
  readonly healthCheck?: NetworkHealthCheckOptions;
  /** Seconds a draining task keeps its connections before it is deregistered. @default 30 */
  readonly deregistrationDelaySeconds?: number;
}

/** The service being attached (the target group is created under `scope` with id `TargetGroup`). */
export interface LoadBalancedService {
  /** The service construct; the target group is created under it. */
  readonly scope: Construct;
  /** Id of the listener rule (or NLB listener) added for the service. */
  readonly ruleId: string;
  /** Base of the target group name. */
  readonly name: string;
  /** The network whose VPC the target group is in. */
  readonly network: INetwork;
  /** The task definition whose container port the target group forwards to. */
  readonly taskDefinition: TaskDefinition;
  /** The service's security group rules, opened to the load balancer. */
  readonly connections: Connections;
  /** Tags for the target group. @default - none */
  readonly tags?: Record<string, string>;
}

/** What attaching produced, for the service resource, its alarms and auto scaling. */
export interface LoadBalancerAttachment {
  /** The container and port the load balancer sends traffic to. */
  readonly port: SelectedPort;
  /** The target group ECS registers the tasks in. */
  readonly targetGroup: ApplicationTargetGroup | NetworkTargetGroup;
  /** The service's `load_balancer` block. */
  readonly block: EcsServiceLoadBalancer;
  /** The load balancer and target group metric dimensions for the service's alarms. */
  readonly alarmLoadBalancer: AlarmLoadBalancer;
  /** `<alb arn suffix>/<target group arn suffix>`, for request-count tracking (ALB only). */
  readonly albResourceLabel?: string;
  /** The target group's settings, reused for a blue/green deployment's second group (ALB only). */
  readonly targetGroupProps?: ApplicationTargetGroupProps;
}

/** Creates the target group and listener rule, and lets the load balancer reach the container port. */
export function attachToApplicationLoadBalancer(service: LoadBalancedService, lb: ApplicationLoadBalancerTarget): LoadBalancerAttachment {
  const port = service.taskDefinition.selectPort(service.scope, "loadBalancer", lb);
  const targetGroupProps: ApplicationTargetGroupProps = {
    name: service.name,
    network: service.network,
    port: port.containerPort,
    protocol: lb.protocol,
    protocolVersion: lb.protocolVersion,
    healthCheck: lb.healthCheck,
    deregistrationDelaySeconds: lb.deregistrationDelaySeconds,
    slowStartSeconds: lb.slowStartSeconds,
    tags: service.tags,
  };
  const targetGroup = new ApplicationTargetGroup(service.scope, "TargetGroup", targetGroupProps);
  lb.listener.addTargetGroup(service.ruleId, {
    targetGroup,
    priority: lb.priority,
    hostHeaders: lb.hostHeaders,
    pathPatterns: lb.pathPatterns,
  });
  const loadBalancer = lb.listener.loadBalancer;
  service.connections.allowFrom(
    loadBalancer,
    Port.tcp(port.containerPort),
    `from load balancer to ${port.containerName}:${port.containerPort}`,
  );
  return {
    port,
    targetGroup,
    block: { targetGroupArn: targetGroup.targetGroupArn, containerName: port.containerName, containerPort: port.containerPort },
    alarmLoadBalancer: {
      kind: "application",
      loadBalancerArnSuffix: loadBalancer.loadBalancerArnSuffix,
      targetGroupArnSuffix: targetGroup.targetGroupArnSuffix,
    },
    albResourceLabel: `${loadBalancer.loadBalancerArnSuffix}/${targetGroup.targetGroupArnSuffix}`,
    targetGroupProps,
  };
}

/** Creates the target group and an NLB listener forwarding to it, and lets the load balancer reach the container port. */
export function attachToNetworkLoadBalancer(service: LoadBalancedService, nlb: NetworkLoadBalancerTarget): LoadBalancerAttachment {
  const protocol = nlb.protocol ?? "TCP";
  const port = service.taskDefinition.selectPort(service.scope, "networkLoadBalancer", nlb);
  const targetGroup = new NetworkTargetGroup(service.scope, "TargetGroup", {
    name: service.name,
    network: service.network,
    port: port.containerPort,
    protocol,
    healthCheck: nlb.healthCheck,
    deregistrationDelaySeconds: nlb.deregistrationDelaySeconds,
    tags: service.tags,
  });
  nlb.loadBalancer.addListener(service.ruleId, { port: nlb.listenerPort, protocol, targetGroup });
  for (const sgPort of securityGroupPorts(port.containerPort, protocol)) {
    service.connections.allowFrom(nlb.loadBalancer, sgPort, `from load balancer to ${port.containerName}:${sgPort.label}`);
  }
  return {
    port,
    targetGroup,
    block: { targetGroupArn: targetGroup.targetGroupArn, containerName: port.containerName, containerPort: port.containerPort },
    alarmLoadBalancer: {
      kind: "network",
      loadBalancerArnSuffix: nlb.loadBalancer.loadBalancerArnSuffix,
      targetGroupArnSuffix: targetGroup.targetGroupArnSuffix,
    },
  };
}
