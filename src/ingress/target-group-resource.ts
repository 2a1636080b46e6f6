import { TerraformResource } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { LbTargetGroup, LbTargetGroupConfig, LbTargetGroupHealthCheck } from "@cdktf/provider-aws/lib/lb-target-group";
import { fail } from "../core/errors";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange, checkPort } from "../core/validate";
import type { ApplicationTargetGroupProps } from "./application-target-group";
import type { ITargetGroup } from "./common";
import { replacementSafeName, targetGroupNameBase } from "./names";

/** The props application and network target groups share (each type's props document them for its case). */
export type TargetGroupBaseProps = Pick<ApplicationTargetGroupProps, "name" | "network" | "port" | "deregistrationDelaySeconds" | "tags">;

/** The `LbTargetGroup` arguments that only one type of target group takes. */
export type TargetGroupTypeSettings = Pick<
  LbTargetGroupConfig,
  "protocolVersion" | "slowStart" | "preserveClientIp" | "connectionTermination" | "proxyProtocolV2"
>;

/** What one type of target group contributes to its resource, after checking its own props. */
export interface TargetGroupType {
  /** Protocol from the load balancer to the targets (with its default applied). */
  readonly protocol: string;
  /** The rendered `health_check` block. */
  readonly healthCheck: LbTargetGroupHealthCheck;
  /** More settings whose change replaces the group, so they go into the name's hash. @default - port and protocol only */
  readonly alsoReplacedOn?: Record<string, string>;
  /** The arguments only this type takes. */
  readonly settings: TargetGroupTypeSettings;
}

/**
 * What application and network target groups share: the required props, the name, port, draining
 * and tag checks, the `LbTargetGroup` `Resource` for ECS tasks (target type `ip`, as awsvpc
 * networking needs), its attributes and the attachments an ECS service depends on.
 *
 * The AWS name is the base plus a hash of `port`, `protocol`, `alsoReplacedOn` and the VPC, so a
 * change that forces a replacement gets a new name and the new group can exist next to the old one.
 */
export abstract class TargetGroupBase extends Construct implements ITargetGroup {
  /** ARN of the target group, as an ECS service's `load_balancer` block takes it. */
  public readonly targetGroupArn: string;
  /** The `targetgroup/<name>/<id>` part of the ARN, the `TargetGroup` dimension of CloudWatch metrics. */
  public readonly targetGroupArnSuffix: string;
  /** The AWS name (a token when the VPC id is one; it resolves at synth). */
  public readonly targetGroupName: string;
  /** Port the targets listen on; an ECS service's `containerPort` must match it. */
  public readonly port: number;
  /** The group resource, for escape hatches. */
  public readonly resource: LbTargetGroup;
  private readonly attached = new TargetGroupAttachments(this);

  /**
   * @param propsName the props interface's name, for the required-props errors
   * @param defaultDeregistrationDelaySeconds the type's default draining
   * @param type checks the type's own props (after the shared name and port checks) and returns what it adds
   */
  protected constructor(
    scope: Construct,
    id: string,
    propsName: string,
    props: TargetGroupBaseProps,
    defaultDeregistrationDelaySeconds: number,
    type: (scope: IConstruct) => TargetGroupType,
  ) {
    super(scope, id);
    checkRequiredProps(this, propsName, props, {
      name: K.string,
      network: K.reference("an INetwork such as a Network", "vpcId", "workloadSubnetIds"),
      port: K.number,
    });
    const deregistrationDelaySeconds = props.deregistrationDelaySeconds ?? defaultDeregistrationDelaySeconds;
    const nameBase = targetGroupNameBase(this, "TARGET_GROUP_NAME", props.name);
    checkPort(this, "TARGET_GROUP_PORT", "port", props.port);
    const { protocol, healthCheck, alsoReplacedOn, settings } = type(this);
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

    const name = replacementSafeName(nameBase, props.network.vpcId, { port: props.port, protocol, ...alsoReplacedOn, targetType: "ip" });
    this.resource = new LbTargetGroup(this, "Resource", {
      name,
      vpcId: props.network.vpcId,
      targetType: "ip",
      port: props.port,
      protocol,
      deregistrationDelay: String(deregistrationDelaySeconds),
      healthCheck,
      tags: withName(props.name, props.tags),
      // The listener (NLB) or listener rule (ALB) keeps using the group, so the old one can only go after the new one exists.
      lifecycle: { createBeforeDestroy: true },
      ...settings,
    });
    this.targetGroupArn = this.resource.arn;
    this.targetGroupArnSuffix = this.resource.arnSuffix;
    this.targetGroupName = name;
    this.port = props.port;
  }

  /** The listener rules (application) or listeners (network) forwarding to this group; an ECS service must depend on them (see {@link ITargetGroup}). */
  public get attachments(): readonly TerraformResource[] {
    return this.attached.all;
  }

  /**
   * Records `attachment` (a listener rule or listener) on `loadBalancer`; `errorScope` is the
   * construct named when it is a second load balancer (a target group serves one, an AWS limit).
   * @internal
   */
  protected attach(loadBalancer: IConstruct, attachment: TerraformResource, errorScope: IConstruct): void {
    this.attached.add(loadBalancer, attachment, errorScope);
  }
}

/**
 * The listeners or listener rules forwarding to one target group, all on one load balancer: AWS
 * lets a target group serve a single load balancer.
 */
class TargetGroupAttachments {
  private readonly attachments: TerraformResource[] = [];
  private attachedTo?: IConstruct;

  /** @param targetGroup the group whose attachments these are, named in the error */
  constructor(private readonly targetGroup: IConstruct) {}

  /** The attachments so far. */
  public get all(): readonly TerraformResource[] {
    return [...this.attachments];
  }

  /** Records `attachment` on `loadBalancer`; `errorScope` is the construct named when it is a second load balancer. */
  public add(loadBalancer: IConstruct, attachment: TerraformResource, errorScope: IConstruct): void {
    if (this.attachedTo !== undefined && this.attachedTo !== loadBalancer) {
      fail(errorScope, {
        code: "TARGET_GROUP_SHARED",
        property: "targetGroup",
        value: this.targetGroup.node.path,
        allowed: `a target group not already used by another load balancer (it is used by ${this.attachedTo.node.path})`,
      });
    }
    this.attachedTo = loadBalancer;
    this.attachments.push(attachment);
  }
}
