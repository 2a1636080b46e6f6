import { everywhere, Rule } from "../types";
import { blocks } from "../inspect/values";

/** NET-002: the default security group of each VPC is managed and allows nothing. */
export const vpcDefaultSecurityGroup: Rule = {
  id: "NET-002",
  title: "Default security groups allow no traffic",
  rationale:
    "Anything launched without an explicit security group lands in the VPC's default group, which AWS creates allowing all traffic between its members and all egress; managing it with no rules closes that door.",
  severity: everywhere("error"),
  appliesTo: ["aws_vpc", "aws_default_security_group"],
  references: ["CKV2_AWS_12", "AVD-AWS-0173", "NIST.800.53.R5-VPCDefaultSecurityGroupClosed", "Security Hub EC2.2"],
  check(resource, context) {
    if (resource.type === "aws_vpc") {
      const managed = context.resourcesOfType("aws_default_security_group").some((g) => context.refersTo(g.config.vpc_id, resource));
      if (managed) return [];
      return [
        {
          message: "the VPC's default security group is not managed, so it keeps AWS's allow-all rules",
          fix: "Add an aws_default_security_group for this VPC with no ingress or egress blocks (Network does this).",
        },
      ];
    }
    const rules = [...blocks(resource.config.ingress).map(() => "ingress"), ...blocks(resource.config.egress).map(() => "egress")];
    if (rules.length === 0) return [];
    return [
      {
        message: `the default security group has ${rules.length} rule(s) (${[...new Set(rules)].join(", ")})`,
        fix: "Remove every ingress and egress block; give resources their own security groups.",
      },
    ];
  },
};
