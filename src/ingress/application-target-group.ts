import { TerraformResource } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { fail, isToken } from "../core/errors";
import { checkOneOf } from "../core/validate";
import type { INetwork } from "../network/network";
import { checkHealthCheck, HealthCheckOptions, renderApplicationHealthCheck } from "./health-check";
import { TargetGroupBase } from "./target-group-resource";

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
export class ApplicationTargetGroup extends TargetGroupBase {
  /** Seconds of draining: enough for in-flight requests of a web service; AWS's 300 slows every deployment by minutes. */
  public static readonly DEFAULT_DEREGISTRATION_DELAY_SECONDS = 30;

  /** Protocol from the load balancer to the targets. */
  public readonly protocol: ApplicationProtocol;
  /** HTTP version sent to the targets; anything but HTTP1 needs an HTTPS listener. */
  public readonly protocolVersion: ApplicationProtocolVersion;

  constructor(scope: Construct, id: string, props: ApplicationTargetGroupProps) {
    // Defaults before super(): it checks the required props, so `props` may still be missing here.
    const protocol = props?.protocol ?? "HTTP";
    const protocolVersion = props?.protocolVersion ?? "HTTP1";
    const slowStartSeconds = props?.slowStartSeconds ?? 0;
    super(scope, id, "ApplicationTargetGroupProps", props, ApplicationTargetGroup.DEFAULT_DEREGISTRATION_DELAY_SECONDS, (self) => {
      checkOneOf(self, "TARGET_GROUP_PROTOCOL", "protocol", protocol, ["HTTP", "HTTPS"]);
      checkOneOf(self, "TARGET_GROUP_PROTOCOL_VERSION", "protocolVersion", protocolVersion, ["HTTP1", "HTTP2", "GRPC"]);
      checkHealthCheck(self, "TARGET_GROUP_HEALTH_CHECK", props.healthCheck);
      checkSlowStart(self, slowStartSeconds);
      return {
        protocol,
        healthCheck: renderApplicationHealthCheck(props.healthCheck, protocol, protocolVersion),
        alsoReplacedOn: { protocolVersion },
        settings: { protocolVersion, slowStart: slowStartSeconds },
      };
    });
    this.protocol = protocol;
    this.protocolVersion = protocolVersion;
  }

  /**
   * Records a rule forwarding to this group; called by `ApplicationListener.addTargetGroup()`.
   * A target group serves one load balancer only (an AWS limit).
   */
  public registerListenerRule(loadBalancer: IConstruct, rule: TerraformResource): void {
    this.attach(loadBalancer, rule, rule);
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
