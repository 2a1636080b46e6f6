import { ERROR_IN_PRODUCTION, Rule, Violation } from "../types";
import { block, blocks, isTrue } from "../inspect/values";

/** ELB-004: listener actions do not downgrade to HTTP, let unauthenticated users through, or accept expired client certificates. */
export const elbSecureActions: Rule = {
  id: "ELB-004",
  title: "Listener actions keep requests encrypted and authenticated",
  rationale:
    "A redirect to http:// sends the client's next request, cookies included, in clear; a login action with on_unauthenticated_request = allow serves anonymous users the pages it was meant to protect; a mutual TLS listener that ignores certificate expiry accepts credentials that were meant to stop working.",
  severity: ERROR_IN_PRODUCTION,
  appliesTo: ["aws_lb_listener", "aws_alb_listener", "aws_lb_listener_rule", "aws_alb_listener_rule"],
  references: ["CKV_AWS_2 (redirect target)", "AWS ELB user guide: authenticate users, mutual TLS"],
  check(resource) {
    const listener = resource.type.endsWith("_listener");
    const actions = blocks(listener ? resource.config.default_action : resource.config.action);
    const where = listener ? "default action" : "action";
    const violations: Violation[] = [];
    for (const action of actions) {
      const redirect = block(action.redirect);
      if (action.type === "redirect" && redirect?.protocol === "HTTP") {
        violations.push({
          message: `the ${where} redirects to plain HTTP (protocol = "HTTP")`,
          fix: 'Redirect to protocol "HTTPS" (or leave protocol unset to keep the request\'s own).',
        });
      }
      const login = block(action.authenticate_oidc) ?? block(action.authenticate_cognito);
      if (login?.on_unauthenticated_request === "allow") {
        violations.push({
          message: `the ${where} ${String(action.type)} lets requests without a session through (on_unauthenticated_request = "allow")`,
          fix: 'Use "authenticate" (redirect to the login) for browsers or "deny" (401) for APIs; serve public paths from a rule without login.',
        });
      }
    }
    if (listener && isTrue(block(resource.config.mutual_authentication)?.ignore_client_certificate_expiry)) {
      violations.push({
        message: "mutual TLS accepts expired client certificates (ignore_client_certificate_expiry = true)",
        fix: "Set ignore_client_certificate_expiry = false and renew the client certificates.",
      });
    }
    return violations;
  },
};
