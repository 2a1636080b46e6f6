import { LbListenerRuleAction } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { fail, isToken } from "../core/errors";
import type { ApplicationProtocol, ApplicationTargetGroup } from "./application-target-group";

/** A target group of a forward action and its share of requests. */
export interface WeightedTargetGroup {
  /** The group requests are forwarded to. */
  readonly targetGroup: ApplicationTargetGroup;
  /** Relative share of requests, 0 to 999; 0 sends none (e.g. the idle side of a cutover). @default 1 */
  readonly weight?: number;
}

/** Forward requests to one target group, or split them by weight between up to 5. */
export interface ForwardAction {
  /** Discriminator: forward to target groups. */
  readonly type: "forward";
  /** 1 to 5 distinct groups with their weights; at least one weight above 0. */
  readonly targetGroups: readonly WeightedTargetGroup[];
  /**
   * Keep a client on the group it was first sent to for this many seconds (1 to 604800), so a
   * weighted split does not move a session between versions. @default - no group stickiness
   */
  readonly stickinessSeconds?: number;
}

/** Content types a fixed response may have (AWS's closed set). */
export type FixedResponseContentType = "text/plain" | "text/css" | "text/html" | "application/javascript" | "application/json";

/** Answer with a fixed status, content type and body; no target is involved. */
export interface FixedResponseAction {
  /** Discriminator: answer without a target. */
  readonly type: "fixed-response";
  /** HTTP status code: 2XX, 4XX or 5XX (AWS allows no 3XX here; use a redirect). */
  readonly statusCode: number;
  /** Content type of the body. @default "text/plain" */
  readonly contentType?: FixedResponseContentType;
  /** Body, at most 1024 characters. @default - empty */
  readonly messageBody?: string;
}

/** Redirect to another URL; each part not given keeps the request's own (`#{host}`, `#{path}`, ...). */
export interface RedirectAction {
  /** Discriminator: redirect the client. */
  readonly type: "redirect";
  /** Protocol of the new URL. @default - the request's protocol ("#{protocol}") */
  readonly protocol?: "HTTP" | "HTTPS";
  /** Port 1 to 65535. @default - the request's port */
  readonly port?: number;
  /** Host name, may use `#{host}`. @default - the request's host */
  readonly host?: string;
  /** Absolute path starting with "/", may use `#{path}`. @default - the request's path */
  readonly path?: string;
  /** Query without the leading "?", may use `#{query}`. @default - the request's query */
  readonly query?: string;
  /** 301 (permanent) or 302 (temporary). @default 301 */
  readonly statusCode?: 301 | 302;
}

/** What AWS does with a request that has no valid session. */
export type UnauthenticatedRequestBehaviour = "authenticate" | "deny" | "allow";

/** What OIDC and Cognito authentication share. */
export interface AuthenticationOptions {
  /** What happens after a successful login: forward, fixed response or redirect. */
  readonly then: ForwardAction | FixedResponseAction | RedirectAction;
  /** Scopes requested from the identity provider, space separated. @default "openid" */
  readonly scope?: string;
  /** Name of the session cookie. @default "AWSELBAuthSessionCookie" */
  readonly sessionCookieName?: string;
  /** Seconds a session lasts, 1 to 604800. @default 604800 (7 days, AWS's default) */
  readonly sessionTimeoutSeconds?: number;
  /**
   * Requests without a session: `authenticate` redirects to the login, `deny` answers 401 (APIs),
   * `allow` lets them through unauthenticated (the policy pack flags it, an error in production).
   * @default "authenticate"
   */
  readonly onUnauthenticatedRequest?: UnauthenticatedRequestBehaviour;
  /** Up to 10 extra query parameters for the authorization request. @default - none */
  readonly extraParams?: Readonly<Record<string, string>>;
}

/** Log users in with an OpenID Connect identity provider before `then` runs (HTTPS listeners only). */
export interface AuthenticateOidcAction extends AuthenticationOptions {
  /** Discriminator: log in with OpenID Connect. */
  readonly type: "authenticate-oidc";
  /** The provider's issuer, an https:// URL. */
  readonly issuer: string;
  /** The provider's authorization endpoint, an https:// URL. */
  readonly authorizationEndpoint: string;
  /** The provider's token endpoint, an https:// URL. */
  readonly tokenEndpoint: string;
  /** The provider's user info endpoint, an https:// URL. */
  readonly userInfoEndpoint: string;
  /** The OAuth 2.0 client id. */
  readonly clientId: string;
  /**
   * The OAuth 2.0 client secret, as a token resolving at plan time: a sensitive `TerraformVariable`'s
   * value or a secret read from Secrets Manager. A literal fails synth, because it would be written
   * into `cdk.tf.json` in plain text; the provider marks the argument sensitive in plans.
   */
  readonly clientSecret: string;
}

/** Log users in with an Amazon Cognito user pool before `then` runs (HTTPS listeners only). */
export interface AuthenticateCognitoAction extends AuthenticationOptions {
  /** Discriminator: log in with a Cognito user pool. */
  readonly type: "authenticate-cognito";
  /** ARN of the user pool (`arn:aws:cognito-idp:<region>:<account>:userpool/<id>`). */
  readonly userPoolArn: string;
  /** Id of the user pool's app client (it needs a client secret and the ALB's callback URL). */
  readonly userPoolClientId: string;
  /** The user pool's domain prefix or custom domain. */
  readonly userPoolDomain: string;
}

/** What a listener or rule does with a request. */
export type ListenerAction = ForwardAction | FixedResponseAction | RedirectAction | AuthenticateOidcAction | AuthenticateCognitoAction;

/** AWS's limits on listener actions. */
export const LISTENER_ACTION_LIMITS = {
  maxTargetGroups: 5,
  maxWeight: 999,
  maxStickinessSeconds: 604800,
  maxSessionTimeoutSeconds: 604800,
  maxMessageBodyLength: 1024,
  maxExtraParams: 10,
} as const;

const CONTENT_TYPES: readonly FixedResponseContentType[] = [
  "text/plain",
  "text/css",
  "text/html",
  "application/javascript",
  "application/json",
];
const ACTION_TYPES = ["forward", "fixed-response", "redirect", "authenticate-oidc", "authenticate-cognito"];

/** True when the action logs users in (and so needs an HTTPS listener and outbound HTTPS to the identity provider). */
export function isAuthentication(action: ListenerAction): action is AuthenticateOidcAction | AuthenticateCognitoAction {
  return action.type === "authenticate-oidc" || action.type === "authenticate-cognito";
}

/** The target groups an action forwards to (after authentication, if any). */
export function forwardedTargetGroups(action: ListenerAction): ApplicationTargetGroup[] {
  const final = isAuthentication(action) ? action.then : action;
  return final.type === "forward" ? final.targetGroups.map((t) => t.targetGroup) : [];
}

/**
 * Checks an action against AWS's rules: the limits above, status codes, URLs, and that
 * authentication runs on an HTTPS listener only. `scope` is the listener or rule path.
 */
export function checkListenerAction(scope: string, property: string, action: ListenerAction, listenerProtocol: ApplicationProtocol): void {
  const f = (code: string, prop: string, value: unknown, allowed: string): never =>
    fail(scope, { code, property: `${property}${prop}`, value, allowed });
  if (action === undefined || action === null || !ACTION_TYPES.includes(action.type)) {
    f("LISTENER_ACTION_TYPE", ".type", action?.type, `one of ${ACTION_TYPES.map((t) => JSON.stringify(t)).join(", ")}`);
  }
  if (isAuthentication(action)) {
    if (listenerProtocol !== "HTTPS") {
      f(
        "LISTENER_AUTH_ON_HTTP",
        ".type",
        action.type,
        "authentication on an HTTPS listener only (AWS refuses it on HTTP: the session cookie would travel in clear)",
      );
    }
    checkAuthentication(action, f);
    if (action.then === undefined || isAuthentication(action.then as ListenerAction)) {
      f("LISTENER_AUTH_THEN", ".then", action.then?.type, "a forward, fixed-response or redirect action to run after login");
    }
    checkListenerAction(scope, `${property}.then`, action.then, listenerProtocol);
    return;
  }
  switch (action.type) {
    case "forward":
      return checkForward(action, listenerProtocol, f);
    case "fixed-response":
      return checkFixedResponse(action, f);
    case "redirect":
      return checkRedirect(action, f);
  }
}

type Fail = (code: string, prop: string, value: unknown, allowed: string) => never;

function checkForward(action: ForwardAction, listenerProtocol: ApplicationProtocol, f: Fail): void {
  const { maxTargetGroups, maxWeight, maxStickinessSeconds } = LISTENER_ACTION_LIMITS;
  const groups = action.targetGroups;
  if (!Array.isArray(groups) || groups.length === 0 || groups.length > maxTargetGroups) {
    f(
      "LISTENER_FORWARD_TARGET_GROUPS",
      ".targetGroups",
      Array.isArray(groups) ? groups.length : groups,
      `1 to ${maxTargetGroups} target groups`,
    );
  }
  const seen = new Set<ApplicationTargetGroup>();
  groups.forEach(({ targetGroup, weight }, i) => {
    if (seen.has(targetGroup)) {
      f("LISTENER_FORWARD_TARGET_GROUPS", `.targetGroups[${i}]`, targetGroup.node.path, "each target group once per action");
    }
    seen.add(targetGroup);
    if (weight !== undefined && !isToken(weight) && (!Number.isInteger(weight) || weight < 0 || weight > maxWeight)) {
      f("LISTENER_FORWARD_WEIGHT", `.targetGroups[${i}].weight`, weight, `an integer from 0 to ${maxWeight}`);
    }
    if (listenerProtocol === "HTTP" && targetGroup.protocolVersion !== "HTTP1") {
      f(
        "LISTENER_RULE_PROTOCOL_VERSION",
        `.targetGroups[${i}].targetGroup.protocolVersion`,
        targetGroup.protocolVersion,
        "HTTP1 on an HTTP listener (HTTP2 and GRPC target groups need an HTTPS listener)",
      );
    }
  });
  const weights = groups.map((g) => g.weight ?? 1);
  if (!weights.some(isToken) && weights.every((w) => w === 0)) {
    f("LISTENER_FORWARD_WEIGHT", ".targetGroups", weights, "at least one weight above 0 (with all at 0 no request is served)");
  }
  const s = action.stickinessSeconds;
  if (s !== undefined && !isToken(s) && (!Number.isInteger(s) || s < 1 || s > maxStickinessSeconds)) {
    f("LISTENER_FORWARD_STICKINESS", ".stickinessSeconds", s, `an integer from 1 to ${maxStickinessSeconds} seconds`);
  }
}

function checkFixedResponse(action: FixedResponseAction, f: Fail): void {
  const code = action.statusCode;
  if (!isToken(code) && (!Number.isInteger(code) || code < 200 || code > 599 || (code >= 300 && code < 400))) {
    f("LISTENER_FIXED_RESPONSE_STATUS", ".statusCode", code, "an HTTP status code 2XX, 4XX or 5XX (for 3XX use a redirect action)");
  }
  if (action.contentType !== undefined && !CONTENT_TYPES.includes(action.contentType)) {
    f("LISTENER_FIXED_RESPONSE_CONTENT_TYPE", ".contentType", action.contentType, `one of ${CONTENT_TYPES.join(", ")}`);
  }
  const body = action.messageBody;
  if (body !== undefined && !isToken(body) && body.length > LISTENER_ACTION_LIMITS.maxMessageBodyLength) {
    f("LISTENER_FIXED_RESPONSE_BODY", ".messageBody", `${body.slice(0, 40)}... (${body.length} characters)`, "at most 1024 characters");
  }
}

function checkRedirect(action: RedirectAction, f: Fail): void {
  if (action.statusCode !== undefined && action.statusCode !== 301 && action.statusCode !== 302) {
    f("LISTENER_REDIRECT_STATUS", ".statusCode", action.statusCode, "301 (permanent) or 302 (temporary)");
  }
  if (action.protocol !== undefined && action.protocol !== "HTTP" && action.protocol !== "HTTPS") {
    f("LISTENER_REDIRECT_PROTOCOL", ".protocol", action.protocol, '"HTTP" or "HTTPS" (unset keeps the request\'s protocol)');
  }
  const port = action.port;
  if (port !== undefined && !isToken(port) && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    f("LISTENER_REDIRECT_PORT", ".port", port, "an integer from 1 to 65535");
  }
  if (action.path !== undefined && !isToken(action.path) && !action.path.startsWith("/")) {
    f("LISTENER_REDIRECT_PATH", ".path", action.path, 'an absolute path starting with "/"');
  }
  if (action.query !== undefined && !isToken(action.query) && action.query.startsWith("?")) {
    f("LISTENER_REDIRECT_QUERY", ".query", action.query, 'a query without the leading "?"');
  }
  if ([action.protocol, action.port, action.host, action.path, action.query].every((part) => part === undefined)) {
    f(
      "LISTENER_REDIRECT_LOOP",
      "",
      "(no protocol, port, host, path or query)",
      "at least one part to change (a redirect to the same URL loops, and AWS refuses it)",
    );
  }
}

function checkAuthentication(action: AuthenticateOidcAction | AuthenticateCognitoAction, f: Fail): void {
  const { maxSessionTimeoutSeconds, maxExtraParams } = LISTENER_ACTION_LIMITS;
  const t = action.sessionTimeoutSeconds;
  if (t !== undefined && !isToken(t) && (!Number.isInteger(t) || t < 1 || t > maxSessionTimeoutSeconds)) {
    f("LISTENER_AUTH_SESSION_TIMEOUT", ".sessionTimeoutSeconds", t, `an integer from 1 to ${maxSessionTimeoutSeconds} seconds`);
  }
  const behaviours: readonly string[] = ["authenticate", "deny", "allow"];
  if (action.onUnauthenticatedRequest !== undefined && !behaviours.includes(action.onUnauthenticatedRequest)) {
    f("LISTENER_AUTH_UNAUTHENTICATED", ".onUnauthenticatedRequest", action.onUnauthenticatedRequest, '"authenticate", "deny" or "allow"');
  }
  if (Object.keys(action.extraParams ?? {}).length > maxExtraParams) {
    f("LISTENER_AUTH_EXTRA_PARAMS", ".extraParams", Object.keys(action.extraParams ?? {}), `at most ${maxExtraParams} parameters`);
  }
  if (action.type === "authenticate-oidc") {
    for (const key of ["issuer", "authorizationEndpoint", "tokenEndpoint", "userInfoEndpoint"] as const) {
      const url = action[key];
      if (!isToken(url) && (typeof url !== "string" || !/^https:\/\/[^\s/]+/.test(url))) {
        f("LISTENER_AUTH_OIDC_URL", `.${key}`, url, "an https:// URL (AWS reaches the identity provider over HTTPS only)");
      }
    }
    if (typeof action.clientId !== "string" || action.clientId.length === 0) {
      f("LISTENER_AUTH_OIDC_CLIENT_ID", ".clientId", action.clientId, "the OAuth 2.0 client id");
    }
    if (!isToken(action.clientSecret)) {
      // Never echo the value: it is a secret.
      f(
        "LISTENER_AUTH_CLIENT_SECRET_LITERAL",
        ".clientSecret",
        action.clientSecret === undefined ? undefined : "(a literal string, not shown)",
        "a token resolving at plan time (a sensitive TerraformVariable or a Secrets Manager secret), so the secret is not written into cdk.tf.json",
      );
    }
  } else {
    if (!isToken(action.userPoolArn) && !/^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+$/.test(action.userPoolArn ?? "")) {
      f(
        "LISTENER_AUTH_COGNITO_POOL",
        ".userPoolArn",
        action.userPoolArn,
        "a user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<id>)",
      );
    }
    for (const key of ["userPoolClientId", "userPoolDomain"] as const) {
      if (typeof action[key] !== "string" || action[key].length === 0)
        f("LISTENER_AUTH_COGNITO_CLIENT", `.${key}`, action[key], "a non-empty string");
    }
  }
}

/**
 * The provider's action list: an authentication action (order 1) then the final action (order 2),
 * or the final action alone. Explicit orders, so the provider plans no order change.
 */
export function renderListenerAction(action: ListenerAction): LbListenerRuleAction[] {
  if (!isAuthentication(action)) return [renderFinal(action)];
  const common = {
    onUnauthenticatedRequest: action.onUnauthenticatedRequest,
    scope: action.scope,
    sessionCookieName: action.sessionCookieName,
    sessionTimeout: action.sessionTimeoutSeconds,
    authenticationRequestExtraParams: action.extraParams === undefined ? undefined : { ...action.extraParams },
  };
  const auth: LbListenerRuleAction =
    action.type === "authenticate-oidc"
      ? {
          type: "authenticate-oidc",
          order: 1,
          authenticateOidc: {
            ...common,
            issuer: action.issuer,
            authorizationEndpoint: action.authorizationEndpoint,
            tokenEndpoint: action.tokenEndpoint,
            userInfoEndpoint: action.userInfoEndpoint,
            clientId: action.clientId,
            clientSecret: action.clientSecret,
          },
        }
      : {
          type: "authenticate-cognito",
          order: 1,
          authenticateCognito: {
            ...common,
            userPoolArn: action.userPoolArn,
            userPoolClientId: action.userPoolClientId,
            userPoolDomain: action.userPoolDomain,
          },
        };
  return [auth, { ...renderFinal(action.then), order: 2 }];
}

function renderFinal(action: ForwardAction | FixedResponseAction | RedirectAction): LbListenerRuleAction {
  switch (action.type) {
    case "forward": {
      const [only, ...more] = action.targetGroups;
      // One group without stickiness keeps the short form (target_group_arn), as rules had before weights existed.
      if (more.length === 0 && action.stickinessSeconds === undefined && only.weight === undefined) {
        return { type: "forward", targetGroupArn: only.targetGroup.targetGroupArn };
      }
      return {
        type: "forward",
        forward: {
          targetGroup: action.targetGroups.map((t) => ({ arn: t.targetGroup.targetGroupArn, weight: t.weight ?? 1 })),
          stickiness: action.stickinessSeconds === undefined ? undefined : { enabled: true, duration: action.stickinessSeconds },
        },
      };
    }
    case "fixed-response":
      return {
        type: "fixed-response",
        fixedResponse: {
          statusCode: String(action.statusCode),
          contentType: action.contentType ?? "text/plain",
          messageBody: action.messageBody,
        },
      };
    case "redirect":
      return {
        type: "redirect",
        redirect: {
          protocol: action.protocol ?? "#{protocol}",
          port: action.port === undefined ? "#{port}" : String(action.port),
          host: action.host ?? "#{host}",
          path: action.path ?? "/#{path}",
          query: action.query ?? "#{query}",
          statusCode: `HTTP_${action.statusCode ?? 301}`,
        },
      };
  }
}
