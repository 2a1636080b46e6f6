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

  test("plans three load balancers with the hardened defaults", () => {
    const lbs = created("aws_lb");
    expect(lbs.map((lb) => [lb.name, lb.load_balancer_type, lb.internal]).sort()).toEqual([
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
    const listeners = created("aws_lb_listener");
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
    expect(rules.map((r) => r.priority).sort((a, b) => a - b)).toEqual([1, 10, 100, 100]);
    const api = rules.find((r) => r.priority === 10)!;
    expect(api.condition).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ host_header: [{ values: ["api.example.com"] }] }),
        expect.objectContaining({ path_pattern: [{ values: ["/v1/*"] }] }),
      ]),
    );
  });

  test("plans ip target groups with hashed names, short deregistration and fast health checks", () => {
    const groups = created("aws_lb_target_group");
    expect(groups).toHaveLength(4);
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
      "0.0.0.0/0:tcp/80",
      "0.0.0.0/0:tcp/8443",
      "10.20.0.0/16:tcp/1883",
      "10.20.0.0/16:tcp/80",
    ]);
    expect(created("aws_vpc_security_group_egress_rule")).toEqual([]);
  });
});
