import { PRODUCTION_ONLY, Rule } from "../types";
import { isTrue } from "../inspect/values";

/** ELB-003: production load balancers cannot be deleted by accident. */
export const elbDeletionProtection: Rule = {
  id: "ELB-003",
  title: "Production load balancers have deletion protection",
  rationale:
    "Deleting a production load balancer drops all traffic and loses its DNS name; deletion protection makes that a two-step, deliberate change.",
  severity: PRODUCTION_ONLY,
  appliesTo: ["aws_lb", "aws_alb"],
  references: ["CKV_AWS_150", "Security Hub ELB.6", "NIST.800.53.R5-ELBDeletionProtectionEnabled"],
  check(resource) {
    if (isTrue(resource.config.enable_deletion_protection)) return [];
    return [{ message: "enable_deletion_protection is not true", fix: "Set enable_deletion_protection = true." }];
  },
};
