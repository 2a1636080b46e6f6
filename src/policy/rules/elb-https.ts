import { ERROR_IN_PRODUCTION, Rule } from "../types";
import { block, blocks } from "../inspect/values";

/** ELB-001: HTTP listeners only redirect to HTTPS. */
export const elbHttps: Rule = {
  id: "ELB-001",
  title: "Load balancers serve HTTPS; HTTP only redirects",
  rationale:
    "A listener that forwards plain HTTP sends credentials and session cookies unencrypted; HTTP is only acceptable as a redirect to HTTPS.",
  severity: ERROR_IN_PRODUCTION,
  appliesTo: ["aws_lb_listener", "aws_alb_listener"],
  references: ["CKV_AWS_2", "CKV2_AWS_20", "AVD-AWS-0054", "NIST.800.53.R5-ALBHttpToHttpsRedirection", "Security Hub ELB.1"],
  check(resource) {
    if (resource.config.protocol !== "HTTP") return [];
    const actions = blocks(resource.config.default_action);
    const redirectsToHttps = actions.length > 0 && actions.every((a) => a.type === "redirect" && block(a.redirect)?.protocol === "HTTPS");
    if (redirectsToHttps) return [];
    return [
      {
        message: `the listener serves plain HTTP on port ${String(resource.config.port ?? "(default)")} with default action ${JSON.stringify(actions.map((a) => a.type))}`,
        fix: 'Serve traffic on an HTTPS listener with an ACM certificate and make the HTTP listener\'s default action a redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" }.',
      },
    ];
  },
};
