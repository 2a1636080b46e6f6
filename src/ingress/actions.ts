import { LbListenerDefaultAction } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRuleAction } from "@cdktf/provider-aws/lib/lb-listener-rule";

/**
 * The platform's fixed listener actions as the provider takes them (actions users give: listener-actions.ts).
 * Terraform is tested without synthesizing a stack.
 */

/** What a listener answers when no rule matches: a plain 404, so nothing is served by accident. */
export function renderNotFound(): LbListenerDefaultAction {
  return { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not Found" } };
}

/** A permanent redirect to HTTPS on `port`, keeping host, path and query. */
export function renderRedirectToHttps(port: number): LbListenerDefaultAction {
  return {
    type: "redirect",
    redirect: { protocol: "HTTPS", port: String(port), host: "#{host}", path: "/#{path}", query: "#{query}", statusCode: "HTTP_301" },
  };
}

/** Forwards every request or connection to one target group. */
export function renderForward(targetGroupArn: string): LbListenerDefaultAction & LbListenerRuleAction {
  return { type: "forward", targetGroupArn };
}
