import { Construct } from "constructs";
import { SecurityGroup as SecurityGroupResource } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { withName } from "../core/tags";
import { checkName } from "../core/naming";
import { Connections, IConnectable } from "./connections";

export interface SecurityGroupProps {
  readonly vpcId: string;
  /** Group name (also the `Name` tag). */
  readonly name: string;
  readonly description: string;
  /**
   * Add one rule allowing all outbound IPv4 traffic. When false the group starts with no egress
   * and `connections.allowTo()` adds what is needed.
   * @default true
   */
  readonly allowAllOutbound?: boolean;
  /** @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A security group with no inline rules: every rule is its own `aws_vpc_security_group_*_rule`
 * resource, so adding one never rewrites the others in a plan. New groups start with no ingress.
 */
export class SecurityGroup extends Construct implements IConnectable {
  public readonly securityGroupId: string;
  public readonly connections: Connections;

  constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id);
    const allowAllOutbound = props.allowAllOutbound ?? true;
    checkName(this, "SECURITY_GROUP_NAME", "name", props.name, {
      maxLength: 255,
      pattern: /^[\w .:/()#,@[\]+=&;{}!$*-]+$/,
      describe: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
    });
    const resource = new SecurityGroupResource(this, "Resource", {
      vpcId: props.vpcId,
      name: props.name,
      description: props.description,
      revokeRulesOnDelete: true,
      tags: withName(props.name, props.tags),
    });
    this.securityGroupId = resource.id;
    if (allowAllOutbound) {
      new VpcSecurityGroupEgressRule(this, "AllOutbound", {
        securityGroupId: resource.id,
        description: "all outbound IPv4",
        ipProtocol: "-1",
        cidrIpv4: "0.0.0.0/0",
      });
    }
    this.connections = new Connections(this, resource.id, allowAllOutbound);
  }
}
