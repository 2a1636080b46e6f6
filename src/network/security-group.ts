import { Construct } from "constructs";
import { SecurityGroup as SecurityGroupResource } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { checkTags, withName } from "../core/tags";
import { checkName, NameRules } from "../core/naming";
import { Connections, IConnectable } from "./connections";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Settings for {@link SecurityGroup}. */
export interface SecurityGroupProps {
  /** The VPC the group belongs to; it can only reference groups in the same (or a peered) VPC. */
  readonly vpcId: string;
  /**
   * Group name: the `Name` tag, and the prefix of the group's real name (`<name>-` plus a unique suffix
   * Terraform picks), 1 to 228 characters. Changing it replaces the group (a new one first).
   */
  readonly name: string;
  /** What the group is for, shown in the console: 1 to 255 characters; changing it replaces the group (a new one first). */
  readonly description: string;
  /**
   * Add one rule allowing all outbound IPv4 traffic. When false the group starts with no egress
   * and `connections.allowTo()` adds what is needed.
   * @default true
   */
  readonly allowAllOutbound?: boolean;
  /**
   * With `allowAllOutbound`, also allow all outbound IPv6 traffic (`::/0`), for groups in a dual-stack
   * network; ignored when `allowAllOutbound` is false.
   * @default false
   */
  readonly allowAllIpv6Outbound?: boolean;
  /**
   * Tags for the group, within AWS tag limits; the group also gets a `Name` tag.
   * @default - only the `Name` tag
   */
  readonly tags?: Record<string, string>;
}

/**
 * A security group with no inline rules: every rule is its own `aws_vpc_security_group_*_rule`
 * resource, so adding one never rewrites the others in a plan. New groups start with no ingress.
 *
 * Replacement-safe: AWS refuses to delete a group while an ENI uses it, so a replacement that deletes
 * first hangs for the delete timeout and fails. The group is created before the old one is destroyed
 * (`create_before_destroy`), which needs a fresh name each time, so `name` is a `name_prefix`
 * (as terraform-aws-modules does); users and services attach it by id, and `Name` keeps the given name.
 */
export class SecurityGroup extends Construct implements IConnectable {
  /** Longest `name`: 255 minus the hyphen and the 26-character suffix Terraform appends to the prefix. */
  public static readonly MAX_NAME_LENGTH = 228;

  /** The group's id (`sg-...`, a token until apply). */
  public readonly securityGroupId: string;
  public readonly connections: Connections;

  constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id);
    checkRequiredProps(this, "SecurityGroupProps", props, { vpcId: K.string, name: K.string, description: K.string });
    const allowAllOutbound = props.allowAllOutbound ?? true;
    const allowAllIpv6Outbound = props.allowAllIpv6Outbound ?? false;
    // EC2 reserves the `sg-` prefix for group ids.
    checkName(this, "SECURITY_GROUP_NAME", "name", props.name, {
      ...NameRules.securityGroup,
      // The provider appends a 26-character unique suffix to name_prefix, and a group name is at most 255.
      maxLength: SecurityGroup.MAX_NAME_LENGTH,
      pattern: /^(?!sg-)[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
      describe: `${NameRules.securityGroup.describe}, not starting with "sg-"`,
    });
    checkName(this, "SECURITY_GROUP_DESCRIPTION", "description", props.description, NameRules.securityGroup);
    checkTags(this, "tags", props.tags);
    const resource = new SecurityGroupResource(this, "Resource", {
      vpcId: props.vpcId,
      namePrefix: `${props.name}-`,
      description: props.description,
      revokeRulesOnDelete: true,
      tags: withName(props.name, props.tags),
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = resource.id;
    if (allowAllOutbound) {
      new VpcSecurityGroupEgressRule(this, "AllOutbound", {
        securityGroupId: resource.id,
        description: "all outbound IPv4",
        ipProtocol: "-1",
        cidrIpv4: "0.0.0.0/0",
      });
      if (allowAllIpv6Outbound) {
        new VpcSecurityGroupEgressRule(this, "AllOutboundIpv6", {
          securityGroupId: resource.id,
          description: "all outbound IPv6",
          ipProtocol: "-1",
          cidrIpv6: "::/0",
        });
      }
    }
    this.connections = new Connections(this, resource.id, allowAllOutbound);
  }
}
