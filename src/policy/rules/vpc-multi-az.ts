import { PRODUCTION_ONLY, Rule } from "../types";
import { subnetsOf } from "../inspect/network";
import { isExpression } from "../inspect/values";

/** NET-004: production VPCs span at least two availability zones. */
export const vpcMultiAz: Rule = {
  id: "NET-004",
  title: "Production VPCs span at least two availability zones",
  rationale: "With every subnet in one availability zone, a single AZ outage takes the whole production environment down.",
  severity: PRODUCTION_ONLY,
  appliesTo: ["aws_vpc"],
  references: ["AWS Well-Architected REL10-BP01", "Security Hub ELB.13 (load balancer analogue)"],
  check(resource, context) {
    const zones = subnetsOf(resource, context).map((s) => s.config.availability_zone ?? s.config.availability_zone_id);
    if (zones.length === 0 || zones.some((z) => z === undefined || isExpression(z))) return [];
    const distinct = [...new Set(zones.map(String))];
    if (distinct.length >= 2) return [];
    return [
      {
        message: `all ${zones.length} subnet(s) are in ${distinct[0]}`,
        fix: "Give the VPC subnets in at least two (preferably three) availability zones.",
      },
    ];
  },
};
