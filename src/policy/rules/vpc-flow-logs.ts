import { everywhere, Rule } from "../types";

/** NET-001: every VPC records its traffic. */
export const vpcFlowLogs: Rule = {
  id: "NET-001",
  title: "VPCs have flow logs",
  rationale: "Flow logs are the only record of which addresses talked to which inside a VPC; without them an incident cannot be scoped.",
  severity: everywhere("error"),
  appliesTo: ["aws_vpc"],
  references: ["CKV2_AWS_11", "AVD-AWS-0178", "AwsSolutions-VPC7", "Security Hub EC2.6"],
  check(resource, context) {
    if (context.resourcesOfType("aws_flow_log").some((f) => context.refersTo(f.config.vpc_id, resource))) return [];
    return [
      {
        message: "no aws_flow_log records this VPC",
        fix: "Add an aws_flow_log with vpc_id set to this VPC (Network does this unless flowLogs.enabled is false).",
      },
    ];
  },
};
