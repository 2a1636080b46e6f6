import { LbListenerDefaultAction } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRuleAction, LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";

/**
 * Listener actions and rule conditions as the provider takes them. Pure functions, so what reaches
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

/** One condition per kind of match; AWS ORs the values within a condition and ANDs the conditions. */
export function renderRuleConditions(
  hostHeaders: readonly string[] | undefined,
  pathPatterns: readonly string[] | undefined,
): LbListenerRuleCondition[] {
  const conditions: LbListenerRuleCondition[] = [];
  if (hostHeaders && hostHeaders.length > 0) conditions.push({ hostHeader: { values: [...hostHeaders] } });
  if (pathPatterns && pathPatterns.length > 0) conditions.push({ pathPattern: { values: [...pathPatterns] } });
  return conditions;
}
