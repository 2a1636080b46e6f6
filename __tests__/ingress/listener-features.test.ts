import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { ApplicationLoadBalancer, ApplicationLoadBalancerProps } from "../../src/ingress/application-load-balancer";
import { ApplicationTargetGroup } from "../../src/ingress/application-target-group";
import { AuthenticateCognitoAction, AuthenticateOidcAction, ListenerAction } from "../../src/ingress/listener-actions";
import { AddRuleOptions, ApplicationListener } from "../../src/ingress/application-listener";
import { TrustStore } from "../../src/ingress/trust-store";
import { expectedMessage, testRejections } from "../helpers";
import { CERT, network } from "./fixtures";

function secret(scope: Construct): string {
  return new TerraformVariable(scope, "ClientSecret", { type: "string", sensitive: true }).stringValue;
}
function oidc(scope: Construct, overrides: Partial<AuthenticateOidcAction> = {}): AuthenticateOidcAction {
  return {
    type: "authenticate-oidc",
    issuer: "https://idp.example.com",
    authorizationEndpoint: "https://idp.example.com/authorize",
    tokenEndpoint: "https://idp.example.com/token",
    userInfoEndpoint: "https://idp.example.com/userinfo",
    clientId: "web",
    clientSecret: secret(scope),
    then: { type: "fixed-response", statusCode: 200 },
    ...overrides,
  };
}
const COGNITO: AuthenticateCognitoAction = {
  type: "authenticate-cognito",
  userPoolArn: "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123",
  userPoolClientId: "client",
  userPoolDomain: "acme-auth",
  then: { type: "fixed-response", statusCode: 200 },
};
function alb(scope: Construct, props: Partial<ApplicationLoadBalancerProps> = {}): ApplicationLoadBalancer {
  return new ApplicationLoadBalancer(scope, "Alb", { name: "acme-dev-web", network, certificateArn: CERT, ...props });
}
function group(scope: Construct, id: string, port = 8080): ApplicationTargetGroup {
  return new ApplicationTargetGroup(scope, id, { name: `acme-dev-${id.toLowerCase()}`, network, port });
}
function synth(build: (stack: TerraformStack) => void): Record<string, Record<string, any>> {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  build(stack);
  return JSON.parse(Testing.synth(stack)).resource;
}
const rules = (r: Record<string, Record<string, any>>) => Object.values(r.aws_lb_listener_rule ?? {});

describe("ApplicationListener rules", () => {
  test("splits requests by weight with group stickiness", () => {
    const resources = synth((stack) => {
      const lb = alb(stack);
      lb.listener.addRule("Canary", {
        priority: 5,
        pathPatterns: ["/api/*"],
        action: {
          type: "forward",
          targetGroups: [
            { targetGroup: group(stack, "Blue"), weight: 90 },
            { targetGroup: group(stack, "Green", 8081), weight: 10 },
          ],
          stickinessSeconds: 3600,
        },
      });
    });
    const [rule] = rules(resources);
    expect(rule.action).toEqual([
      {
        type: "forward",
        forward: {
          target_group: [
            { arn: expect.stringMatching(/^\$\{aws_lb_target_group\.Blue_[0-9A-F]{8}\.arn\}$/), weight: 90 },
            { arn: expect.stringMatching(/^\$\{aws_lb_target_group\.Green_[0-9A-F]{8}\.arn\}$/), weight: 10 },
          ],
          stickiness: { enabled: true, duration: 3600 },
        },
      },
    ]);
  });

  test("keeps the short forward form for one group, so existing rules plan no change", () => {
    const resources = synth((stack) =>
      alb(stack).listener.addTargetGroup("Web", { targetGroup: group(stack, "Web"), priority: 1, pathPatterns: ["/*"] }),
    );
    const [rule] = rules(resources);
    expect(rule.action).toEqual([{ type: "forward", target_group_arn: expect.stringContaining("aws_lb_target_group.Web") }]);
    expect(rule.condition).toEqual([{ path_pattern: { values: ["/*"] } }]);
  });

  test("renders every condition kind", () => {
    const resources = synth((stack) =>
      alb(stack).listener.addRule("Admin", {
        priority: 7,
        hostHeaders: ["admin.example.com"],
        httpHeaders: { "X-Team": ["ops"] },
        queryStrings: [{ key: "debug", value: "1" }],
        sourceIps: ["203.0.113.0/24"],
        httpRequestMethods: ["GET"],
        action: { type: "fixed-response", statusCode: 503, contentType: "application/json", messageBody: '{"maintenance":true}' },
      }),
    );
    const [rule] = rules(resources);
    expect(rule.condition).toEqual([
      { host_header: { values: ["admin.example.com"] } },
      { http_header: { http_header_name: "X-Team", values: ["ops"] } },
      { query_string: [{ key: "debug", value: "1" }] },
      { source_ip: { values: ["203.0.113.0/24"] } },
      { http_request_method: { values: ["GET"] } },
    ]);
    expect(rule.action).toEqual([
      {
        type: "fixed-response",
        fixed_response: { status_code: "503", content_type: "application/json", message_body: '{"maintenance":true}' },
      },
    ]);
  });

  test("redirects keep the parts not given and default to 301", () => {
    const resources = synth((stack) =>
      alb(stack).listener.addRule("Old", {
        priority: 2,
        hostHeaders: ["old.example.com"],
        action: { type: "redirect", host: "new.example.com" },
      }),
    );
    expect(rules(resources)[0].action[0].redirect).toEqual({
      protocol: "#{protocol}",
      port: "#{port}",
      host: "new.example.com",
      path: "/#{path}",
      query: "#{query}",
      status_code: "HTTP_301",
    });
  });

  test("an OIDC login runs first (order 1), the final action second, the secret stays a variable reference", () => {
    const resources = synth((stack) =>
      alb(stack).listener.addRule("Login", {
        priority: 3,
        pathPatterns: ["/app/*"],
        action: oidc(stack, {
          onUnauthenticatedRequest: "deny",
          sessionTimeoutSeconds: 3600,
          then: { type: "forward", targetGroups: [{ targetGroup: group(stack, "App") }] },
        }),
      }),
    );
    const [auth, forward] = rules(resources)[0].action;
    expect(auth).toMatchObject({
      type: "authenticate-oidc",
      order: 1,
      authenticate_oidc: {
        client_id: "web",
        client_secret: "${var.ClientSecret}",
        on_unauthenticated_request: "deny",
        session_timeout: 3600,
      },
    });
    expect(forward).toMatchObject({ type: "forward", order: 2 });
  });

  test("a login opens outbound HTTPS from the load balancer to the identity provider", () => {
    const resources = synth((stack) => {
      const lb = alb(stack);
      lb.listener.addRule("Login", { priority: 3, pathPatterns: ["/*"], action: COGNITO });
    });
    expect(Object.values(resources.aws_vpc_security_group_egress_rule)).toEqual([
      expect.objectContaining({ cidr_ipv4: "0.0.0.0/0", from_port: 443, to_port: 443, ip_protocol: "tcp" }),
    ]);
    expect(rules(resources)[0].action[0].authenticate_cognito).toMatchObject({
      user_pool_domain: "acme-auth",
      user_pool_client_id: "client",
    });
  });

  test("a default action replaces the 404 and registers the listener with its target group", () => {
    let web: ApplicationTargetGroup | undefined;
    const resources = synth((stack) => {
      web = group(stack, "Web");
      alb(stack, { defaultAction: { type: "forward", targetGroups: [{ targetGroup: web }] } });
    });
    const https = Object.values(resources.aws_lb_listener).find((l) => l.port === 443);
    expect(https.default_action).toEqual([{ type: "forward", target_group_arn: expect.stringContaining("aws_lb_target_group.Web") }]);
    expect(web!.attachments).toHaveLength(1);
  });

  test("mutual TLS verifies against a trust store replaced before it is destroyed", () => {
    const resources = synth((stack) => {
      const trustStore = new TrustStore(stack, "Clients", {
        name: "acme-clients",
        caCertificatesBundle: { bucket: "acme-pki", key: "ca.pem" },
      });
      alb(stack, { mutualAuthentication: { mode: "verify", trustStore } });
    });
    expect(Object.values(resources.aws_lb_trust_store)).toEqual([
      expect.objectContaining({
        name: "acme-clients",
        ca_certificates_bundle_s3_bucket: "acme-pki",
        ca_certificates_bundle_s3_key: "ca.pem",
        lifecycle: { create_before_destroy: true },
      }),
    ]);
    const https = Object.values(resources.aws_lb_listener).find((l) => l.port === 443);
    expect(https.mutual_authentication).toEqual({
      mode: "verify",
      trust_store_arn: expect.stringMatching(/^\$\{aws_lb_trust_store\.Clients_[0-9A-F]{8}\.arn\}$/),
      ignore_client_certificate_expiry: false,
      advertise_trust_store_ca_names: "off",
    });
  });

  test("mutual TLS passthrough sends the mode alone", () => {
    const resources = synth((stack) => alb(stack, { mutualAuthentication: { mode: "passthrough" } }));
    const https = Object.values(resources.aws_lb_listener).find((l) => l.port === 443);
    expect(https.mutual_authentication).toEqual({ mode: "passthrough" });
  });
});

type Build = (scope: Construct) => void;
/** A rule on the HTTPS listener (or the HTTP one with `http`), matching `/*` at priority 10 unless overridden. */
const withRule =
  (options: Partial<AddRuleOptions>, http = false): Build =>
  (scope) =>
    alb(scope, http ? { certificateArn: undefined } : {}).listener.addRule("Rule", {
      priority: 10,
      pathPatterns: ["/*"],
      action: { type: "fixed-response", statusCode: 200 },
      ...options,
    });
const withAction =
  (action: (scope: Construct) => ListenerAction, http = false): Build =>
  (scope) =>
    withRule({ action: action(scope) }, http)(scope);
const RULE = "test/Alb/HttpsListener/Rule";
const forward = (scope: Construct, weights: Array<number | undefined>): ListenerAction => ({
  type: "forward",
  targetGroups: weights.map((weight, i) => ({ targetGroup: group(scope, `G${i}`, 8000 + i), weight })),
});

describe("ApplicationListener rules: bad input", () => {
  testRejections([
    [
      "more than 3 values in one condition",
      withRule({ pathPatterns: ["/a", "/b", "/c", "/d"] }),
      expectedMessage(
        RULE,
        "pathPatterns",
        ["/a", "/b", "/c", "/d"],
        "at most 3 values in one condition (AWS limit; split them over several rules)",
        "LISTENER_RULE_TOO_MANY_VALUES",
      ),
    ],
    [
      "6 values over header, query, source IP and method conditions",
      withRule({
        pathPatterns: undefined,
        httpHeaders: { "X-A": ["1", "2"] },
        queryStrings: [{ value: "x" }],
        sourceIps: ["10.0.0.0/8", "192.168.0.0/16"],
        httpRequestMethods: ["GET"],
      }),
      expectedMessage(
        RULE,
        "httpHeaders.X-A/queryStrings/sourceIps/httpRequestMethods",
        ["1", "2", "x", "10.0.0.0/8", "192.168.0.0/16", "GET"],
        "at most 5 condition values per rule, counted over all its conditions (AWS limit; split them over several rules)",
        "LISTENER_RULE_TOO_MANY_VALUES",
      ),
    ],
    [
      "more than 5 wildcards in a rule",
      withRule({ hostHeaders: ["*.a.example.com", "*.b.example.com"], pathPatterns: ["/*/x/*", "/??"] }),
      expectedMessage(
        RULE,
        "hostHeaders/pathPatterns",
        6,
        "at most 5 wildcard characters (* and ?) per rule (AWS limit)",
        "LISTENER_RULE_TOO_MANY_WILDCARDS",
      ),
    ],
    [
      "an HTTP header name with a wildcard",
      withRule({ httpHeaders: { "X-*": ["1"] } }),
      expectedMessage(
        RULE,
        "httpHeaders",
        "X-*",
        "a header name of 1 to 40 RFC 7230 token characters without wildcards, not Host (use hostHeaders)",
        "LISTENER_RULE_HEADER_NAME",
      ),
    ],
    [
      "the Host header as an HTTP header condition",
      withRule({ httpHeaders: { host: ["a.example.com"] } }),
      expectedMessage(
        RULE,
        "httpHeaders",
        "host",
        "a header name of 1 to 40 RFC 7230 token characters without wildcards, not Host (use hostHeaders)",
        "LISTENER_RULE_HEADER_NAME",
      ),
    ],
    [
      "an HTTP header name over 40 characters",
      withRule({ httpHeaders: { ["X-" + "a".repeat(39)]: ["1"] } }),
      expectedMessage(
        RULE,
        "httpHeaders",
        "X-" + "a".repeat(39),
        "a header name of 1 to 40 RFC 7230 token characters without wildcards, not Host (use hostHeaders)",
        "LISTENER_RULE_HEADER_NAME",
      ),
    ],
    [
      "an HTTP header condition without values",
      withRule({ httpHeaders: { "X-Team": [] } }),
      expectedMessage(RULE, "httpHeaders.X-Team", [], "at least one value", "LISTENER_RULE_CONDITION_VALUE"),
    ],
    [
      "a query-string value over 128 characters",
      withRule({ queryStrings: [{ key: "q", value: "v".repeat(129) }] }),
      expectedMessage(RULE, "queryStrings[0].value", "v".repeat(129), "a value of 1 to 128 characters", "LISTENER_RULE_CONDITION_VALUE"),
    ],
    [
      "a source IP that is not a CIDR block",
      withRule({ sourceIps: ["10.0.0.1"] }),
      expectedMessage(
        RULE,
        "sourceIps[0]",
        "10.0.0.1",
        "an IPv4 or IPv6 CIDR block whose address starts its range, e.g. 203.0.113.0/24 or 2001:db8::/32",
        "LISTENER_RULE_SOURCE_IP",
      ),
    ],
    [
      "a lower-case HTTP method",
      withRule({ httpRequestMethods: ["get"] }),
      expectedMessage(
        RULE,
        "httpRequestMethods[0]",
        "get",
        'a method name of 1 to 40 upper case letters, "-" and "_" (e.g. GET, POST; AWS compares case-sensitively)',
        "LISTENER_RULE_HTTP_METHOD",
      ),
    ],
    [
      "a rule priority another rule of the listener has",
      (scope) => {
        withRule({})(scope);
        (scope.node.findChild("Alb") as ApplicationLoadBalancer).listener.addRule("Other", {
          priority: 10,
          pathPatterns: ["/x"],
          action: { type: "fixed-response", statusCode: 404 },
        });
      },
      expectedMessage(
        "test/Alb/HttpsListener/Other",
        "priority",
        10,
        `a priority not used by another rule of this listener (${RULE} has it)`,
        "LISTENER_RULE_PRIORITY_DUPLICATE",
      ),
    ],
    [
      "a fixed response with a 3XX status",
      withRule({ action: { type: "fixed-response", statusCode: 301 } }),
      expectedMessage(
        RULE,
        "action.statusCode",
        301,
        "an HTTP status code 2XX, 4XX or 5XX (for 3XX use a redirect action)",
        "LISTENER_FIXED_RESPONSE_STATUS",
      ),
    ],
    [
      "a fixed response with status 600",
      withRule({ action: { type: "fixed-response", statusCode: 600 } }),
      expectedMessage(
        RULE,
        "action.statusCode",
        600,
        "an HTTP status code 2XX, 4XX or 5XX (for 3XX use a redirect action)",
        "LISTENER_FIXED_RESPONSE_STATUS",
      ),
    ],
    [
      "a fixed response content type AWS does not offer",
      withRule({ action: { type: "fixed-response", statusCode: 200, contentType: "text/xml" as never } }),
      expectedMessage(
        RULE,
        "action.contentType",
        "text/xml",
        "one of text/plain, text/css, text/html, application/javascript, application/json",
        "LISTENER_FIXED_RESPONSE_CONTENT_TYPE",
      ),
    ],
    [
      "a fixed response body over 1024 characters",
      withRule({ action: { type: "fixed-response", statusCode: 200, messageBody: "x".repeat(1025) } }),
      expectedMessage(
        RULE,
        "action.messageBody",
        `${"x".repeat(40)}... (1025 characters)`,
        "at most 1024 characters",
        "LISTENER_FIXED_RESPONSE_BODY",
      ),
    ],
    [
      "a redirect with status 303",
      withRule({ action: { type: "redirect", host: "x.example.com", statusCode: 303 as never } }),
      expectedMessage(RULE, "action.statusCode", 303, "301 (permanent) or 302 (temporary)", "LISTENER_REDIRECT_STATUS"),
    ],
    [
      "a redirect that changes nothing",
      withRule({ action: { type: "redirect" } }),
      expectedMessage(
        RULE,
        "action",
        "(no protocol, port, host, path or query)",
        "at least one part to change (a redirect to the same URL loops, and AWS refuses it)",
        "LISTENER_REDIRECT_LOOP",
      ),
    ],
    [
      "a redirect path without a leading slash",
      withRule({ action: { type: "redirect", path: "new" } }),
      expectedMessage(RULE, "action.path", "new", 'an absolute path starting with "/"', "LISTENER_REDIRECT_PATH"),
    ],
    [
      "a redirect port of 0",
      withRule({ action: { type: "redirect", port: 0 } }),
      expectedMessage(RULE, "action.port", 0, "an integer from 1 to 65535", "LISTENER_REDIRECT_PORT"),
    ],
    [
      "a weight of 1000",
      withAction((scope) => forward(scope, [1000])),
      expectedMessage(RULE, "action.targetGroups[0].weight", 1000, "an integer from 0 to 999", "LISTENER_FORWARD_WEIGHT"),
    ],
    [
      "a negative weight",
      withAction((scope) => forward(scope, [-1, 1])),
      expectedMessage(RULE, "action.targetGroups[0].weight", -1, "an integer from 0 to 999", "LISTENER_FORWARD_WEIGHT"),
    ],
    [
      "weights that are all 0",
      withAction((scope) => forward(scope, [0, 0])),
      expectedMessage(
        RULE,
        "action.targetGroups",
        [0, 0],
        "at least one weight above 0 (with all at 0 no request is served)",
        "LISTENER_FORWARD_WEIGHT",
      ),
    ],
    [
      "a forward to 6 target groups",
      withAction((scope) => forward(scope, [1, 1, 1, 1, 1, 1])),
      expectedMessage(RULE, "action.targetGroups", 6, "1 to 5 target groups", "LISTENER_FORWARD_TARGET_GROUPS"),
    ],
    [
      "a forward to no target group",
      withAction(() => ({ type: "forward", targetGroups: [] })),
      expectedMessage(RULE, "action.targetGroups", 0, "1 to 5 target groups", "LISTENER_FORWARD_TARGET_GROUPS"),
    ],
    [
      "the same target group twice in one forward",
      withAction((scope) => {
        const g = group(scope, "Web");
        return { type: "forward", targetGroups: [{ targetGroup: g }, { targetGroup: g }] };
      }),
      expectedMessage(RULE, "action.targetGroups[1]", "test/Web", "each target group once per action", "LISTENER_FORWARD_TARGET_GROUPS"),
    ],
    [
      "stickiness over 7 days",
      withAction((scope) => ({ ...(forward(scope, [1, 1]) as object), stickinessSeconds: 604801 }) as ListenerAction),
      expectedMessage(RULE, "action.stickinessSeconds", 604801, "an integer from 1 to 604800 seconds", "LISTENER_FORWARD_STICKINESS"),
    ],
    [
      "an unknown action type",
      withRule({ action: { type: "drop" } as never }),
      expectedMessage(
        RULE,
        "action.type",
        "drop",
        'one of "forward", "fixed-response", "redirect", "authenticate-oidc", "authenticate-cognito"',
        "LISTENER_ACTION_TYPE",
      ),
    ],
    [
      "an OIDC login on an HTTP listener",
      withAction((scope) => oidc(scope), true),
      expectedMessage(
        "test/Alb/HttpListener/Rule",
        "action.type",
        "authenticate-oidc",
        "authentication on an HTTPS listener only (AWS refuses it on HTTP: the session cookie would travel in clear)",
        "LISTENER_AUTH_ON_HTTP",
      ),
    ],
    [
      "a Cognito login as the default action of an HTTP load balancer",
      (scope) => alb(scope, { certificateArn: undefined, defaultAction: COGNITO }),
      expectedMessage(
        "test/Alb/HttpListener",
        "defaultAction.type",
        "authenticate-cognito",
        "authentication on an HTTPS listener only (AWS refuses it on HTTP: the session cookie would travel in clear)",
        "LISTENER_AUTH_ON_HTTP",
      ),
    ],
    [
      "an OIDC client secret given as a literal (and the message does not show it)",
      withAction((scope) => oidc(scope, { clientSecret: "hunter2-super-secret" })),
      expectedMessage(
        RULE,
        "action.clientSecret",
        "(a literal string, not shown)",
        "a token resolving at plan time (a sensitive TerraformVariable or a Secrets Manager secret), so the secret is not written into cdk.tf.json",
        "LISTENER_AUTH_CLIENT_SECRET_LITERAL",
      ),
    ],
    [
      "an OIDC endpoint over plain HTTP",
      withAction((scope) => oidc(scope, { tokenEndpoint: "http://idp.example.com/token" })),
      expectedMessage(
        RULE,
        "action.tokenEndpoint",
        "http://idp.example.com/token",
        "an https:// URL (AWS reaches the identity provider over HTTPS only)",
        "LISTENER_AUTH_OIDC_URL",
      ),
    ],
    [
      "a session timeout over 7 days",
      withAction((scope) => oidc(scope, { sessionTimeoutSeconds: 604801 })),
      expectedMessage(RULE, "action.sessionTimeoutSeconds", 604801, "an integer from 1 to 604800 seconds", "LISTENER_AUTH_SESSION_TIMEOUT"),
    ],
    [
      "an unknown unauthenticated-request behaviour",
      withAction(() => ({ ...COGNITO, onUnauthenticatedRequest: "redirect" as never })),
      expectedMessage(
        RULE,
        "action.onUnauthenticatedRequest",
        "redirect",
        '"authenticate", "deny" or "allow"',
        "LISTENER_AUTH_UNAUTHENTICATED",
      ),
    ],
    [
      "a login followed by another login",
      withAction(() => ({ ...COGNITO, then: COGNITO as never })),
      expectedMessage(
        RULE,
        "action.then",
        "authenticate-cognito",
        "a forward, fixed-response or redirect action to run after login",
        "LISTENER_AUTH_THEN",
      ),
    ],
    [
      "a bad final action after a login",
      withAction(() => ({ ...COGNITO, then: { type: "fixed-response", statusCode: 302 } })),
      expectedMessage(
        RULE,
        "action.then.statusCode",
        302,
        "an HTTP status code 2XX, 4XX or 5XX (for 3XX use a redirect action)",
        "LISTENER_FIXED_RESPONSE_STATUS",
      ),
    ],
    [
      "a Cognito user pool given by id instead of ARN",
      withAction(() => ({ ...COGNITO, userPoolArn: "eu-west-1_AbCdEf123" })),
      expectedMessage(
        RULE,
        "action.userPoolArn",
        "eu-west-1_AbCdEf123",
        "a user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<id>)",
        "LISTENER_AUTH_COGNITO_POOL",
      ),
    ],
    [
      "a default action beside the redirect to HTTPS",
      (scope) => {
        const lb = alb(scope);
        new ApplicationListener(scope, "Extra", {
          loadBalancer: lb,
          port: 8080,
          protocol: "HTTP",
          redirectToHttpsPort: 443,
          defaultAction: { type: "fixed-response", statusCode: 200 },
        });
      },
      expectedMessage(
        "test/Extra",
        "defaultAction",
        "fixed-response",
        "either defaultAction or redirectToHttpsPort, not both",
        "LISTENER_DEFAULT_ACTION_CONFLICT",
      ),
    ],
    // Mutual TLS and trust stores
    [
      "mutual TLS on an HTTP load balancer",
      (scope) => alb(scope, { certificateArn: undefined, mutualAuthentication: { mode: "passthrough" } }),
      expectedMessage(
        "test/Alb/HttpListener",
        "mutualAuthentication",
        "passthrough",
        "mutual TLS on an HTTPS listener only (there is no TLS handshake on HTTP)",
        "LISTENER_MTLS_ON_HTTP",
      ),
    ],
    [
      "mutual TLS verify without a trust store",
      (scope) => alb(scope, { mutualAuthentication: { mode: "verify" } }),
      expectedMessage(
        "test/Alb/HttpsListener",
        "mutualAuthentication.trustStore",
        undefined,
        "a TrustStore with mode verify (the CA certificates to verify against)",
        "LISTENER_MTLS_TRUST_STORE",
      ),
    ],
    [
      "mutual TLS passthrough with an expiry override",
      (scope) => alb(scope, { mutualAuthentication: { mode: "passthrough", ignoreClientCertificateExpiry: true } }),
      expectedMessage(
        "test/Alb/HttpsListener",
        "mutualAuthentication.ignoreClientCertificateExpiry",
        true,
        'nothing with mode passthrough (the targets verify); use mode "verify"',
        "LISTENER_MTLS_TRUST_STORE",
      ),
    ],
    [
      "an unknown mutual TLS mode",
      (scope) => alb(scope, { mutualAuthentication: { mode: "off" as never } }),
      expectedMessage("test/Alb/HttpsListener", "mutualAuthentication.mode", "off", '"verify" or "passthrough"', "LISTENER_MTLS_MODE"),
    ],
    [
      "a trust store name over 32 characters",
      (scope) => new TrustStore(scope, "Ts", { name: "a".repeat(33), caCertificatesBundle: { bucket: "acme-pki", key: "ca.pem" } }),
      expectedMessage("test/Ts", "name", "a".repeat(33), "1 to 32 letters, digits and inner hyphens", "TRUST_STORE_NAME"),
    ],
    [
      "a trust store bundle given by bucket ARN",
      (scope) => new TrustStore(scope, "Ts", { name: "clients", caCertificatesBundle: { bucket: "arn:aws:s3:::acme-pki", key: "ca.pem" } }),
      expectedMessage(
        "test/Ts",
        "caCertificatesBundle.bucket",
        "arn:aws:s3:::acme-pki",
        "an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens; not an ARN)",
        "TRUST_STORE_BUNDLE",
      ),
    ],
    [
      "a trust store bundle key with a leading slash",
      (scope) => new TrustStore(scope, "Ts", { name: "clients", caCertificatesBundle: { bucket: "acme-pki", key: "/ca.pem" } }),
      expectedMessage("test/Ts", "caCertificatesBundle.key", "/ca.pem", "an object key without a leading /", "TRUST_STORE_BUNDLE"),
    ],
  ]);
});
