import { TerraformResource } from "cdktf";
import { Construct, IConstruct } from "constructs";
import type { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { fail } from "../core/errors";
import { checkTags } from "../core/tags";
import { checkIntegerRange, checkOneOf, checkPort } from "../core/validate";
import type { INetwork } from "../network/network";
import type { ITargetGroup } from "./common";
import { checkHealthCheck, NetworkHealthCheckOptions, renderNetworkHealthCheck } from "./health-check";
import { targetGroupNameBase } from "./names";
import { createTargetGroupResource, TargetGroupAttachments } from "./target-group-resource";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

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
export class NetworkTargetGroup extends Construct implements ITargetGroup {
  /** Seconds a deregistering target keeps its connections; AWS's 300 slows every deployment by minutes. */
  public static readonly DEFAULT_DEREGISTRATION_DELAY_SECONDS = 30;

  /** ARN of the target group, as an ECS service's `load_balancer` block takes it. */
  public readonly targetGroupArn: string;
  /** The `targetgroup/<name>/<id>` part of the ARN, the `TargetGroup` dimension of CloudWatch metrics. */
  public readonly targetGroupArnSuffix: string;
  /** The AWS name (a token when the VPC id is one; it resolves at synth). */
  public readonly targetGroupName: string;
  /** Port the targets listen on; an ECS service's `containerPort` must match it. */
  public readonly port: number;
  /** Protocol from the load balancer to the targets. */
  public readonly protocol: NetworkProtocol;
  /** The group resource, for escape hatches. */
  public readonly resource: LbTargetGroup;
  private readonly listeners = new TargetGroupAttachments(this);

  constructor(scope: Construct, id: string, props: NetworkTargetGroupProps) {
    super(scope, id);
    checkRequiredProps(this, "NetworkTargetGroupProps", props, {
      name: K.string,
      network: K.reference("an INetwork such as a Network", "vpcId", "workloadSubnetIds"),
      port: K.number,
    });
    const protocol = props.protocol ?? "TCP";
    const deregistrationDelaySeconds = props.deregistrationDelaySeconds ?? NetworkTargetGroup.DEFAULT_DEREGISTRATION_DELAY_SECONDS;
    const udp = protocol === "UDP" || protocol === "TCP_UDP";
    const preserveClientIp = props.preserveClientIp ?? (udp ? undefined : false);

    const base = targetGroupNameBase(this, "TARGET_GROUP_NAME", props.name);
    checkPort(this, "TARGET_GROUP_PORT", "port", props.port);
    checkOneOf(this, "TARGET_GROUP_PROTOCOL", "protocol", protocol, ["TCP", "TLS", "UDP", "TCP_UDP"]);
    checkOneOf(this, "TARGET_GROUP_HEALTH_CHECK", "healthCheck.protocol", props.healthCheck?.protocol, ["TCP", "HTTP", "HTTPS"]);
    checkHealthCheck(this, "TARGET_GROUP_HEALTH_CHECK", props.healthCheck);
    if (
      (props.healthCheck?.protocol ?? "TCP") === "TCP" &&
      (props.healthCheck?.path !== undefined || props.healthCheck?.matcher !== undefined)
    ) {
      fail(this, {
        code: "TARGET_GROUP_HEALTH_CHECK",
        property: props.healthCheck?.path !== undefined ? "healthCheck.path" : "healthCheck.matcher",
        value: props.healthCheck?.path ?? props.healthCheck?.matcher,
        allowed: 'no path or matcher for a TCP health check (set healthCheck.protocol to "HTTP" or "HTTPS")',
      });
    }
    checkIntegerRange(
      this,
      "TARGET_GROUP_DEREGISTRATION_DELAY",
      "deregistrationDelaySeconds",
      deregistrationDelaySeconds,
      0,
      3600,
      "seconds",
    );
    checkTags(this, "tags", props.tags);

    const { resource, name } = createTargetGroupResource(
      this,
      { ...props, nameBase: base, protocol, deregistrationDelaySeconds, healthCheck: renderNetworkHealthCheck(props.healthCheck) },
      {
        preserveClientIp: preserveClientIp === undefined ? undefined : String(preserveClientIp),
        connectionTermination: props.connectionTermination ?? false,
        proxyProtocolV2: props.proxyProtocolV2 ?? false,
      },
    );
    this.resource = resource;
    this.targetGroupArn = this.resource.arn;
    this.targetGroupArnSuffix = this.resource.arnSuffix;
    this.targetGroupName = name;
    this.port = props.port;
    this.protocol = protocol;
  }

  /** The listeners forwarding to this group; an ECS service must depend on them (see {@link ITargetGroup}). */
  public get attachments(): readonly TerraformResource[] {
    return this.listeners.all;
  }

  /**
   * Records a listener forwarding to this group; called by `NetworkLoadBalancer.addListener()`.
   * A target group serves one load balancer only (an AWS limit).
   */
  public registerListener(loadBalancer: IConstruct, listener: TerraformResource): void {
    this.listeners.add(loadBalancer, listener, listener.node.scope ?? listener);
  }
}
