import { TerraformPlanJson } from "../../src/terraform";
import { offlinePlan } from "../offline/offline-plans";
import { CERT, CERT2 } from "./fixtures";
import { INGRESS_OFFLINE_STACK } from "./offline-stack";

/**
 * One stack with every ingress feature, through the real hashicorp/aws provider: terraform
 * validate and an offline plan.
 */
describe("ingress stack against the real provider", () => {
  let plan: TerraformPlanJson;

  beforeAll(async () => {
    plan = await offlinePlan(INGRESS_OFFLINE_STACK);
  });

  const created = (type: string) =>
    (plan.resource_changes ?? [])
      .filter((c) => c.type === type && c.change.actions.join() === "create")
      .map((c) => c.change.after as Record<string, any>);

  test("plans four load balancers with the hardened defaults", () => {
    const lbs = created("aws_lb");
    expect(lbs.map((lb) => [lb.name, lb.load_balancer_type, lb.internal]).sort()).toEqual([
      ["acme-test-edge", "application", false],
      ["acme-test-internal-serv-5bed073d", "application", true],
      ["acme-test-mqtt", "network", true],
      ["acme-test-web", "application", false],
    ]);
    for (const alb of lbs.filter((lb) => lb.load_balancer_type === "application")) {
      expect(alb).toMatchObject({
        drop_invalid_header_fields: true,
        desync_mitigation_mode: "defensive",
        enable_http2: true,
        idle_timeout: 60,
      });
    }
    expect(lbs.find((lb) => lb.name === "acme-test-web")?.access_logs).toEqual([
      { bucket: "acme-test-lb-logs", prefix: "web", enabled: true },
    ]);
    expect(lbs.find((lb) => lb.name === "acme-test-mqtt")?.enable_cross_zone_load_balancing).toBe(true);
  });

  test("plans HTTPS with a modern policy, an HTTP redirect, a test listener and 404 defaults", () => {
    const edge = plan.resource_changes!.filter((c) => c.address.startsWith("aws_lb_listener.EdgeAlb_")).map((c) => c.change.after);
    const listeners = created("aws_lb_listener").filter((l) => !edge.includes(l));
    const byPort = (port: number, protocol: string) => listeners.filter((l) => l.port === port && l.protocol === protocol);
    expect(byPort(443, "HTTPS")).toEqual([
      expect.objectContaining({ certificate_arn: CERT, ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }),
    ]);
    expect(byPort(443, "HTTPS")[0].default_action[0]).toMatchObject({
      type: "fixed-response",
      fixed_response: [expect.objectContaining({ status_code: "404" })],
    });
    expect(
      byPort(80, "HTTP")
        .map((l) => l.default_action[0].type)
        .sort(),
    ).toEqual(["fixed-response", "redirect"]);
    expect(byPort(8443, "HTTPS")).toHaveLength(1);
    expect(byPort(1883, "TCP")).toEqual([expect.objectContaining({ default_action: [expect.objectContaining({ type: "forward" })] })]);
    expect(created("aws_lb_listener_certificate")).toEqual([expect.objectContaining({ certificate_arn: CERT2 })]);
  });

  test("plans the rules with their priorities and conditions", () => {
    const rules = created("aws_lb_listener_rule");
    expect(rules.map((r) => r.priority).sort((a, b) => a - b)).toEqual([1, 5, 10, 10, 20, 100, 100]);
    const api = rules.find((r) => r.priority === 10 && r.action[0].type === "forward")!;
    expect(api.condition).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ host_header: [{ values: ["api.example.com"] }] }),
        expect.objectContaining({ path_pattern: [{ values: ["/v1/*"] }] }),
      ]),
    );
  });

  test("plans ip target groups with hashed names, short deregistration and fast health checks", () => {
    const groups = created("aws_lb_target_group");
    expect(groups).toHaveLength(6);
    for (const tg of groups) {
      expect(tg.name).toMatch(/^acme-test-[a-z]+-[0-9a-f]{6}$/);
      expect(tg).toMatchObject({ target_type: "ip", deregistration_delay: "30" });
      expect(tg.health_check[0]).toMatchObject({ interval: 10, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3 });
    }
    expect(groups.find((tg) => tg.port === 9090)).toMatchObject({ protocol_version: "HTTP2", slow_start: 60 });
    expect(groups.find((tg) => tg.port === 1883)).toMatchObject({ protocol: "TCP", preserve_client_ip: "false" });
  });

  test("plans security groups that open only the listener ports", () => {
    const ingress = created("aws_vpc_security_group_ingress_rule").map((r) => `${r.cidr_ipv4}:${r.ip_protocol}/${r.from_port}`);
    expect(ingress.sort()).toEqual([
      "0.0.0.0/0:tcp/443",
      "0.0.0.0/0:tcp/443",
      "0.0.0.0/0:tcp/80",
      "0.0.0.0/0:tcp/80",
      "0.0.0.0/0:tcp/8443",
      "10.20.0.0/16:tcp/1883",
      "10.20.0.0/16:tcp/80",
    ]);
    // Only the load balancer with logins reaches out: to the identity provider's endpoints.
    expect(created("aws_vpc_security_group_egress_rule").map((r) => `${r.cidr_ipv4}:${r.ip_protocol}/${r.from_port}`)).toEqual([
      "0.0.0.0/0:tcp/443",
    ]);
  });

  describe("listener features (the edge load balancer)", () => {
    const change = (address: string) => plan.resource_changes!.find((c) => c.address.startsWith(address))!.change;
    const rule = (name: string) => change(`aws_lb_listener_rule.EdgeAlb_HttpsListener_${name}_`).after as Record<string, any>;
    const kinds = (conditions: Array<Record<string, unknown[]>>) =>
      conditions
        .map((c) => Object.keys(c).filter((k) => c[k].length > 0))
        .flat()
        .sort();

    test("logs users in with OIDC, then splits 90/10 with stickiness; the client secret is sensitive in the plan", () => {
      const https = change("aws_lb_listener.EdgeAlb_HttpsListener_");
      const [login, split] = (https.after as Record<string, any>).default_action;
      expect(login).toMatchObject({
        type: "authenticate-oidc",
        order: 1,
        authenticate_oidc: [expect.objectContaining({ client_id: "acme-edge", scope: "openid email", session_timeout: 28800 })],
      });
      expect(split).toMatchObject({ type: "forward", order: 2, forward: [{ stickiness: [{ duration: 3600, enabled: true }] }] });
      expect(split.forward[0].target_group.map((g: { weight: number }) => g.weight).sort()).toEqual([10, 90]);
      expect((https.after_sensitive as Record<string, any>).default_action[0].authenticate_oidc[0].client_secret).toBe(true);
    });

    test("verifies client certificates against a trust store from the S3 bundle", () => {
      expect(change("aws_lb_listener.EdgeAlb_HttpsListener_").after).toMatchObject({
        mutual_authentication: [{ mode: "verify", ignore_client_certificate_expiry: false, advertise_trust_store_ca_names: "on" }],
      });
      expect(change("aws_lb_trust_store.PartnerCas_").after).toMatchObject({
        name: "acme-test-partners",
        ca_certificates_bundle_s3_bucket: "acme-test-pki",
        ca_certificates_bundle_s3_key: "partners/ca-bundle.pem",
      });
    });

    test("plans header, method, query-string and source-IP conditions with fixed responses, redirects and a Cognito login", () => {
      expect(kinds(rule("Maintenance").condition)).toEqual(["http_header", "http_request_method", "path_pattern"]);
      expect(rule("Maintenance").action[0].fixed_response).toEqual([
        { content_type: "application/json", message_body: '{"status":"maintenance"}', status_code: "503" },
      ]);
      expect(kinds(rule("Moved").condition)).toEqual(["host_header", "query_string"]);
      expect(rule("Moved").action[0].redirect).toEqual([
        expect.objectContaining({ host: "www.example.com", path: "/en/#{path}", status_code: "HTTP_302" }),
      ]);
      expect(rule("Partners").condition[0].source_ip[0].values.sort()).toEqual(["2001:db8::/32", "203.0.113.0/24"]);
      expect(rule("Partners").action.map((a: { type: string; order: number }) => [a.order, a.type])).toEqual([
        [1, "authenticate-cognito"],
        [2, "forward"],
      ]);
      expect(rule("Partners").action[0].authenticate_cognito[0]).toMatchObject({ on_unauthenticated_request: "deny" });
    });
  });
});
