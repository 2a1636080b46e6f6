import { TerraformResource } from "cdktf";
import { Construct, IConstruct } from "constructs";
import type { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { fail, isToken } from "../core/errors";
import { checkTags } from "../core/tags";
import { checkIntegerRange, checkOneOf, checkPort } from "../core/validate";
import type { INetwork } from "../network/network";
import type { ITargetGroup } from "./common";
import { checkHealthCheck, HealthCheckOptions, renderApplicationHealthCheck } from "./health-check";
import { targetGroupNameBase } from "./names";
import { createTargetGroupResource, TargetGroupAttachments } from "./target-group-resource";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Protocol of an application listener or target group; HTTPS to targets encrypts traffic inside the VPC. */
export type ApplicationProtocol = "HTTP" | "HTTPS";
/** HTTP version an application target group speaks to its targets; HTTP2 and GRPC need an HTTPS listener. */
export type ApplicationProtocolVersion = "HTTP1" | "HTTP2" | "GRPC";

/** Settings of an {@link ApplicationTargetGroup}: port, protocol, health check and draining. */
export interface ApplicationTargetGroupProps {
  /**
   * Base of the group's name. The AWS name is this (shortened to fit) plus a 6-character hash of
   * the settings that force a replacement, e.g. `acme-dev-web-3fa2c1`.
   */
  readonly name: string;
  /** The network the targets (task ENIs) are in. */
  readonly network: INetwork;
  /** Port the targets listen on, 1 to 65535. */
  readonly port: number;
  /** Protocol from the load balancer to the targets. @default "HTTP" */
  readonly protocol?: ApplicationProtocol;
  /** HTTP version sent to the targets; HTTP2 and GRPC need an HTTPS listener. @default "HTTP1" */
  readonly protocolVersion?: ApplicationProtocolVersion;
  /**
   * How the load balancer checks the targets; a failing task is taken out of service and replaced by ECS.
   * @default - see {@link DEFAULT_HEALTH_CHECK}: path "/", matcher "200" ("/AWS.ALB/healthcheck" and "12" for GRPC), every 10 s, healthy after 2
   */
  readonly healthCheck?: HealthCheckOptions;
  /**
   * Seconds a deregistering target keeps serving in-flight requests, 0 to 3600.
   * @default 30 (AWS's 300 adds five minutes to every deployment)
   */
  readonly deregistrationDelaySeconds?: number;
  /** Seconds a new target's share of requests ramps up over: 0 (off) or 30 to 900. @default 0 */
  readonly slowStartSeconds?: number;
  /** Tags for the target group; it also gets a `Name` tag equal to `name`. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A target group for ECS tasks behind an application load balancer (target type `ip`, as awsvpc
 * networking needs). Attach it to a listener with `listener.addTargetGroup()`; an ECS service then
 * registers its tasks in it.
 */
export class ApplicationTargetGroup extends Construct implements ITargetGroup {
  /** Seconds of draining: enough for in-flight requests of a web service; AWS's 300 slows every deployment by minutes. */
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
  public readonly protocol: ApplicationProtocol;
  /** HTTP version sent to the targets; anything but HTTP1 needs an HTTPS listener. */
  public readonly protocolVersion: ApplicationProtocolVersion;
  /** The group resource, for escape hatches. */
  public readonly resource: LbTargetGroup;
  private readonly rules = new TargetGroupAttachments(this);

  constructor(scope: Construct, id: string, props: ApplicationTargetGroupProps) {
    super(scope, id);
    checkRequiredProps(this, "ApplicationTargetGroupProps", props, {
      name: K.string,
      network: K.reference("an INetwork such as a Network", "vpcId", "workloadSubnetIds"),
      port: K.number,
    });
    const protocol = props.protocol ?? "HTTP";
    const protocolVersion = props.protocolVersion ?? "HTTP1";
    const deregistrationDelaySeconds = props.deregistrationDelaySeconds ?? ApplicationTargetGroup.DEFAULT_DEREGISTRATION_DELAY_SECONDS;
    const slowStartSeconds = props.slowStartSeconds ?? 0;

    const base = targetGroupNameBase(this, "TARGET_GROUP_NAME", props.name);
    checkPort(this, "TARGET_GROUP_PORT", "port", props.port);
    checkOneOf(this, "TARGET_GROUP_PROTOCOL", "protocol", protocol, ["HTTP", "HTTPS"]);
    checkOneOf(this, "TARGET_GROUP_PROTOCOL_VERSION", "protocolVersion", protocolVersion, ["HTTP1", "HTTP2", "GRPC"]);
    checkHealthCheck(this, "TARGET_GROUP_HEALTH_CHECK", props.healthCheck);
    checkIntegerRange(
      this,
      "TARGET_GROUP_DEREGISTRATION_DELAY",
      "deregistrationDelaySeconds",
      deregistrationDelaySeconds,
      0,
      3600,
      "seconds",
    );
    checkSlowStart(this, slowStartSeconds);
    checkTags(this, "tags", props.tags);

    const { resource, name } = createTargetGroupResource(
      this,
      {
        ...props,
        nameBase: base,
        protocol,
        deregistrationDelaySeconds,
        healthCheck: renderApplicationHealthCheck(props.healthCheck, protocol, protocolVersion),
        alsoReplacedOn: { protocolVersion },
      },
      { protocolVersion, slowStart: slowStartSeconds },
    );
    this.resource = resource;
    this.targetGroupArn = this.resource.arn;
    this.targetGroupArnSuffix = this.resource.arnSuffix;
    this.targetGroupName = name;
    this.port = props.port;
    this.protocol = protocol;
    this.protocolVersion = protocolVersion;
  }

  /** The listener rules forwarding to this group; an ECS service must depend on them (see {@link ITargetGroup}). */
  public get attachments(): readonly TerraformResource[] {
    return this.rules.all;
  }

  /**
   * Records a rule forwarding to this group; called by `ApplicationListener.addTargetGroup()`.
   * A target group serves one load balancer only (an AWS limit).
   */
  public registerListenerRule(loadBalancer: IConstruct, rule: TerraformResource): void {
    this.rules.add(loadBalancer, rule, rule);
  }
}

function checkSlowStart(scope: IConstruct, seconds: number): void {
  if (isToken(seconds)) return;
  if (!Number.isInteger(seconds) || (seconds !== 0 && (seconds < 30 || seconds > 900))) {
    fail(scope, {
      code: "TARGET_GROUP_SLOW_START",
      property: "slowStartSeconds",
      value: seconds,
      allowed: "0 (off) or an integer from 30 to 900 seconds",
    });
  }
}
