import { everywhere, Rule } from "../types";
import { block } from "../inspect/values";

/** EC2-001: instances (ECS and Batch container hosts) only answer IMDSv2 requests. */
export const ec2Imdsv2: Rule = {
  id: "EC2-001",
  title: "Launch templates require IMDSv2",
  rationale:
    "IMDSv1 answers any GET request, so a server-side request forgery in any container on the host can read the instance role's credentials; IMDSv2's session token blocks that.",
  severity: everywhere("error"),
  appliesTo: ["aws_launch_template", "aws_instance"],
  references: ["CKV_AWS_79", "AVD-AWS-0130", "NIST.800.53.R5-EC2IMDSv2Enabled", "Security Hub EC2.8", "Security Hub EC2.170"],
  check(resource) {
    const options = block(resource.config.metadata_options);
    if (options?.http_endpoint === "disabled" || options?.http_tokens === "required") return [];
    return [
      {
        message: options?.http_tokens
          ? `metadata_options.http_tokens is "${String(options.http_tokens)}"`
          : "metadata_options.http_tokens is not set (IMDSv1 stays enabled)",
        fix: 'Set metadata_options { http_endpoint = "enabled", http_tokens = "required" }.',
      },
    ];
  },
};
