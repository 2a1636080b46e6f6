import { everywhere, Rule } from "../types";
import { isTrue } from "../inspect/values";

/** ELB-002: application load balancers drop malformed HTTP headers. */
export const elbDropInvalidHeaders: Rule = {
  id: "ELB-002",
  title: "Application load balancers drop invalid header fields",
  rationale:
    "Headers that are not valid HTTP are a request-smuggling and header-injection vector; the ALB can drop them before they reach the service.",
  severity: everywhere("error"),
  appliesTo: ["aws_lb", "aws_alb"],
  references: ["CKV_AWS_131", "AVD-AWS-0052", "Security Hub ELB.4", "HIPAA.Security-ALBHttpDropInvalidHeaderEnabled"],
  check(resource) {
    const type = resource.config.load_balancer_type ?? "application";
    if (type !== "application" || isTrue(resource.config.drop_invalid_header_fields)) return [];
    return [{ message: "drop_invalid_header_fields is not true", fix: "Set drop_invalid_header_fields = true." }];
  },
};
