import { TerraformResource } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { LbTargetGroup, LbTargetGroupConfig, LbTargetGroupHealthCheck } from "@cdktf/provider-aws/lib/lb-target-group";
import { fail } from "../core/errors";
import { withName } from "../core/tags";
import type { INetwork } from "../network/network";
import { replacementSafeName } from "./names";

/** What application and network target groups are both built from (checked by the caller). */
export interface TargetGroupResourceOptions {
  /** The name as given: the `Name` tag. */
  readonly name: string;
  /** The base of the AWS name, already checked and shortened to leave room for the hash. */
  readonly nameBase: string;
  /** The network the targets (task ENIs) are in. */
  readonly network: INetwork;
  /** Port the targets listen on. */
  readonly port: number;
  /** Protocol from the load balancer to the targets. */
  readonly protocol: string;
  /** Seconds a deregistering target keeps serving. */
  readonly deregistrationDelaySeconds: number;
  /** The rendered `health_check` block. */
  readonly healthCheck: LbTargetGroupHealthCheck;
  /** Tags for the target group. @default - none */
  readonly tags?: Record<string, string>;
  /** More settings whose change replaces the group, so they go into the name's hash. @default - port and protocol only */
  readonly alsoReplacedOn?: Record<string, string>;
}

/** The `LbTargetGroup` arguments that only one type of target group takes. */
export type TargetGroupTypeSettings = Pick<
  LbTargetGroupConfig,
  "protocolVersion" | "slowStart" | "preserveClientIp" | "connectionTermination" | "proxyProtocolV2"
>;

/**
 * Adds the `LbTargetGroup` `Resource` for ECS tasks (target type `ip`, as awsvpc networking needs) to
 * `scope`. Its AWS name is the base plus a hash of `port`, `protocol`, `alsoReplacedOn` and the VPC, so a
 * change that forces a replacement gets a new name and the new group can exist next to the old one.
 */
export function createTargetGroupResource(
  scope: Construct,
  options: TargetGroupResourceOptions,
  settings: TargetGroupTypeSettings,
): { resource: LbTargetGroup; name: string } {
  const name = replacementSafeName(options.nameBase, options.network.vpcId, {
    port: options.port,
    protocol: options.protocol,
    ...options.alsoReplacedOn,
    targetType: "ip",
  });
  const resource = new LbTargetGroup(scope, "Resource", {
    name,
    vpcId: options.network.vpcId,
    targetType: "ip",
    port: options.port,
    protocol: options.protocol,
    deregistrationDelay: String(options.deregistrationDelaySeconds),
    healthCheck: options.healthCheck,
    tags: withName(options.name, options.tags),
    // The listener (NLB) or listener rule (ALB) keeps using the group, so the old one can only go after the new one exists.
    lifecycle: { createBeforeDestroy: true },
    ...settings,
  });
  return { resource, name };
}

/**
 * The listeners or listener rules forwarding to one target group, all on one load balancer: AWS
 * lets a target group serve a single load balancer.
 */
export class TargetGroupAttachments {
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
