import { Token } from "cdktf";
import { Construct } from "constructs";
import { ApplicationLoadBalancer, ApplicationLoadBalancerProps } from "../../src/ingress/application-load-balancer";
import { ApplicationTargetGroup, ApplicationTargetGroupProps } from "../../src/ingress/application-target-group";
import { Port } from "../../src/network/connections";
import { Network } from "../../src/network/network";
import { SecurityGroup } from "../../src/network/security-group";
import { annotationsUnder, resourceAt, resourcesOf, synth } from "../helpers";
import { CERT, CERT2, network, ingressOf } from "./fixtures";

function alb(scope: Construct, props: Partial<ApplicationLoadBalancerProps> = {}): ApplicationLoadBalancer {
  return new ApplicationLoadBalancer(scope, "Alb", { name: "acme-dev-web", network, certificateArn: CERT, ...props });
}

function targetGroup(scope: Construct, id = "Web", props: Partial<ApplicationTargetGroupProps> = {}): ApplicationTargetGroup {
  return new ApplicationTargetGroup(scope, id, { name: `acme-dev-${id.toLowerCase()}`, network, port: 8080, ...props });
}

describe("ApplicationLoadBalancer", () => {
  test("is internet-facing in the public subnets, hardened, with its own security group", () => {
    const s = synth((stack) => alb(stack, { tags: { Team: "web" } }));
    expect(resourceAt(s, "aws_lb", "Alb")).toMatchObject({
      name: "acme-dev-web",
      load_balancer_type: "application",
      internal: false,
      ip_address_type: "ipv4",
      subnets: ["subnet-pub-a", "subnet-pub-b"],
      drop_invalid_header_fields: true,
      desync_mitigation_mode: "defensive",
      enable_http2: true,
      enable_deletion_protection: false,
      idle_timeout: 60,
      tags: { Name: "acme-dev-web", Team: "web" },
    });
    expect(resourceAt(s, "aws_lb", "Alb").security_groups).toEqual([
      expect.stringMatching(/^\$\{aws_security_group\.Alb_SecurityGroup_.*\.id\}$/),
    ]);
    expect(resourceAt(s, "aws_security_group", "Alb/SecurityGroup")).toMatchObject({
      name_prefix: "acme-dev-web-alb-",
      vpc_id: "vpc-0abc",
    });
  });

  test("internet-facing: waits for the network's internet gateway and public routes; a network from attributes adds no wait", () => {
    const own = synth((stack) => {
      const net = new Network(stack, "Network", { name: "acme-dev", cidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] });
      new ApplicationLoadBalancer(stack, "Alb", { name: "acme-dev-web", network: net, certificateArn: CERT });
    });
    const dependsOn: string[] = resourceAt(own, "aws_lb", "Alb").depends_on;
    expect(dependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_internet_gateway\.Network_InternetGateway_/),
        expect.stringMatching(/^aws_route\.Network_PublicDefaultRoute_/),
        expect.stringMatching(/^aws_route_table_association\.Network_PublicSubnet1RouteTableAssociation_/),
      ]),
    );
    expect(
      resourceAt(
        synth((stack) => alb(stack)),
        "aws_lb",
        "Alb",
      ).depends_on,
    ).toBeUndefined();
  });

  test("with a certificate: HTTPS:443 with a TLS 1.2+ policy answering 404, and HTTP:80 redirecting to it", () => {
    const s = synth((stack) => alb(stack));
    expect(resourceAt(s, "aws_lb_listener", "Alb/HttpsListener")).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      certificate_arn: CERT,
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      default_action: [{ type: "fixed-response", fixed_response: { status_code: "404", content_type: "text/plain" } }],
    });
    expect(resourceAt(s, "aws_lb_listener", "Alb/HttpListener")).toMatchObject({
      port: 80,
      protocol: "HTTP",
      default_action: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }],
    });
    expect(resourceAt(s, "aws_lb_listener", "Alb/HttpListener").ssl_policy).toBeUndefined();
  });

  test("opens only the listener ports, from anywhere when internet-facing, and no egress until targets are allowed", () => {
    const s = synth((stack) => alb(stack));
    expect(ingressOf(s)).toEqual(["0.0.0.0/0:tcp/443-443", "0.0.0.0/0:tcp/80-80"]);
    expect(resourcesOf(s, "aws_vpc_security_group_egress_rule")).toEqual({});
  });

  test("a service allowing the load balancer gets ingress from its group, and the load balancer gets the matching egress", () => {
    const s = synth((stack) => {
      const lb = alb(stack);
      const service = new SecurityGroup(stack, "Service", { vpcId: network.vpcId, name: "svc", description: "svc" });
      service.connections.allowFrom(lb, Port.tcp(8080));
    });
    const egress = Object.values(resourcesOf(s, "aws_vpc_security_group_egress_rule")).filter((r: any) => r.referenced_security_group_id);
    expect(egress).toEqual([
      expect.objectContaining({ from_port: 8080, to_port: 8080, security_group_id: expect.stringContaining("Alb_SecurityGroup") }),
    ]);
  });

  test("without a certificate: plain HTTP:80 answering 404, and a warning", () => {
    let lb!: ApplicationLoadBalancer;
    const s = synth((stack) => {
      lb = alb(stack, { certificateArn: undefined });
    });
    expect(resourceAt(s, "aws_lb_listener", "Alb/HttpListener")).toMatchObject({
      port: 80,
      protocol: "HTTP",
      default_action: [{ type: "fixed-response" }],
    });
    expect(Object.keys(resourcesOf(s, "aws_lb_listener"))).toHaveLength(1);
    expect(lb.listener.protocol).toBe("HTTP");
    expect(annotationsUnder(lb)).toEqual([expect.stringContaining("serves plain HTTP on port 80")]);
  });

  test("internal: in the workload subnets, reachable from the VPC only", () => {
    const s = synth((stack) => alb(stack, { internetFacing: false, certificateArn: undefined }));
    expect(resourceAt(s, "aws_lb", "Alb")).toMatchObject({ internal: true, subnets: ["subnet-priv-a", "subnet-priv-b"] });
    expect(ingressOf(s)).toEqual(["10.1.0.0/16:tcp/80-80"]);
  });

  test("redirectHttpToHttps: false leaves port 80 closed", () => {
    let lb!: ApplicationLoadBalancer;
    const s = synth((stack) => {
      lb = alb(stack, { redirectHttpToHttps: false });
    });
    expect(Object.values(resourcesOf(s, "aws_lb_listener")).map((l: any) => l.port)).toEqual([443]);
    expect(ingressOf(s)).toEqual(["0.0.0.0/0:tcp/443-443"]);
    expect(lb.redirectListener).toBeUndefined();
  });

  test("ingressCidrs replace the default sources on every listener port", () => {
    const s = synth((stack) => alb(stack, { ingressCidrs: ["192.0.2.0/24", "198.51.100.0/24"] }));
    expect(ingressOf(s)).toEqual([
      "192.0.2.0/24:tcp/443-443",
      "192.0.2.0/24:tcp/80-80",
      "198.51.100.0/24:tcp/443-443",
      "198.51.100.0/24:tcp/80-80",
    ]);
  });

  test("a CIDR that is a token passes through and gets a stable rule id", () => {
    const s = synth((stack) => alb(stack, { ingressCidrs: [Token.asString({ Ref: "cidr" })], redirectHttpToHttps: false }));
    expect(Object.keys(resourcesOf(s, "aws_vpc_security_group_ingress_rule"))).toHaveLength(1);
  });

  test("additional certificates are attached to the HTTPS listener, one resource each", () => {
    const s = synth((stack) => alb(stack, { additionalCertificateArns: [CERT2] }));
    const certs = Object.values(resourcesOf(s, "aws_lb_listener_certificate"));
    expect(certs).toEqual([{ certificate_arn: CERT2, listener_arn: expect.stringContaining("Alb_HttpsListener") }]);
  });

  test("deletion protection, idle timeout, access logs and a custom TLS policy reach the resources", () => {
    const s = synth((stack) =>
      alb(stack, {
        deletionProtection: true,
        idleTimeoutSeconds: 300,
        accessLogs: { bucket: "acme-lb-logs", prefix: "dev/web" },
        sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06",
        dropInvalidHeaderFields: false,
      }),
    );
    expect(resourceAt(s, "aws_lb", "Alb")).toMatchObject({
      enable_deletion_protection: true,
      idle_timeout: 300,
      drop_invalid_header_fields: false,
      access_logs: { bucket: "acme-lb-logs", prefix: "dev/web", enabled: true },
    });
    expect(resourceAt(s, "aws_lb_listener", "Alb/HttpsListener").ssl_policy).toBe("ELBSecurityPolicy-TLS13-1-3-2021-06");
  });

  test("warns about a TLS policy that accepts TLS 1.0", () => {
    synth((stack) => {
      const lb = alb(stack, { sslPolicy: "ELBSecurityPolicy-2016-08" });
      expect(annotationsUnder(lb.listener)).toEqual([expect.stringContaining("may accept TLS 1.0/1.1")]);
    });
  });

  test("shortens names over 32 characters deterministically", () => {
    const s = synth((stack) => {
      const lb = alb(stack, { name: "acme-production-customer-facing-web" });
      expect(lb.loadBalancerName).toBe("acme-production-custome-70330bc8");
    });
    expect(resourceAt(s, "aws_lb", "Alb").name).toBe("acme-production-custome-70330bc8");
  });

  test("a test listener has the traffic listener's protocol and certificate, answers 404 and is opened", () => {
    const s = synth((stack) => {
      const lb = alb(stack);
      const test = lb.addTestListener(8443);
      expect(test.port).toBe(8443);
      expect(test.protocol).toBe("HTTPS");
    });
    expect(resourceAt(s, "aws_lb_listener", "Alb/TestListener8443")).toMatchObject({
      port: 8443,
      protocol: "HTTPS",
      certificate_arn: CERT,
      default_action: [{ type: "fixed-response" }],
    });
    expect(ingressOf(s)).toContain("0.0.0.0/0:tcp/8443-8443");
  });

  test("a certificate ARN that is a token passes through", () => {
    const s = synth((stack) => alb(stack, { certificateArn: Token.asString({ Ref: "cert" }) }));
    expect(resourceAt(s, "aws_lb_listener", "Alb/HttpsListener").certificate_arn).toBeDefined();
  });
});

describe("ApplicationListener", () => {
  test("addTargetGroup creates a rule forwarding matching requests to the group", () => {
    const s = synth((stack) => {
      const lb = alb(stack);
      lb.listener.addTargetGroup("Web", {
        targetGroup: targetGroup(stack),
        priority: 10,
        hostHeaders: ["www.example.com"],
        pathPatterns: ["/app/*"],
      });
    });
    const rule = resourceAt(s, "aws_lb_listener_rule", "Alb/HttpsListener/Web");
    expect(rule).toMatchObject({
      priority: 10,
      listener_arn: expect.stringContaining("aws_lb_listener.Alb_HttpsListener"),
      action: [{ type: "forward", target_group_arn: expect.stringContaining("aws_lb_target_group.Web") }],
      condition: [{ host_header: { values: ["www.example.com"] } }, { path_pattern: { values: ["/app/*"] } }],
    });
  });

  test("the target group lists the rules a service must depend on", () => {
    synth((stack) => {
      const lb = alb(stack);
      const tg = targetGroup(stack);
      lb.listener.addTargetGroup("Web", { targetGroup: tg, priority: 10, pathPatterns: ["/*"] });
      lb.addTestListener(8443).addTargetGroup("Web", { targetGroup: tg, priority: 10, pathPatterns: ["/*"] });
      expect(tg.attachments.map((r) => r.node.path)).toEqual(["test/Alb/HttpsListener/Web", "test/Alb/TestListener8443/Web"]);
    });
  });

  test("an HTTP2 target group can be used behind HTTPS", () => {
    const s = synth((stack) => {
      alb(stack).listener.addTargetGroup("Api", {
        targetGroup: targetGroup(stack, "Api", { protocolVersion: "HTTP2" }),
        priority: 5,
        pathPatterns: ["/api/*"],
      });
    });
    expect(Object.keys(resourcesOf(s, "aws_lb_listener_rule"))).toHaveLength(1);
  });
});

describe("ApplicationTargetGroup", () => {
  test("targets IPs over HTTP/1.1 with a 30 s deregistration delay, fast health checks and create-before-destroy", () => {
    const s = synth((stack) => targetGroup(stack, "Web", { tags: { Team: "web" } }));
    const tg = resourceAt(s, "aws_lb_target_group", "Web");
    expect(tg).toMatchObject({
      vpc_id: "vpc-0abc",
      target_type: "ip",
      port: 8080,
      protocol: "HTTP",
      protocol_version: "HTTP1",
      deregistration_delay: "30",
      slow_start: 0,
      health_check: {
        enabled: true,
        protocol: "HTTP",
        path: "/",
        matcher: "200",
        interval: 10,
        timeout: 5,
        healthy_threshold: 2,
        unhealthy_threshold: 3,
        port: "traffic-port",
      },
      lifecycle: { create_before_destroy: true },
      tags: { Name: "acme-dev-web", Team: "web" },
    });
  });

  test("the name is the given one plus a hash of the settings that force replacement", () => {
    synth((stack) => {
      const a = targetGroup(stack, "A", { name: "acme-dev-web" });
      const b = targetGroup(stack, "B", { name: "acme-dev-web", port: 9090 });
      const c = targetGroup(stack, "C", { name: "acme-dev-web", healthCheck: { path: "/healthz" } });
      expect(a.targetGroupName).toMatch(/^acme-dev-web-[0-9a-f]{6}$/);
      expect(b.targetGroupName).not.toBe(a.targetGroupName);
      expect(c.targetGroupName).toBe(a.targetGroupName);
    });
  });

  test("long names are shortened so the hash still fits in 32 characters", () => {
    synth((stack) => {
      const tg = targetGroup(stack, "Web", { name: "acme-production-customer-facing-web" });
      expect(tg.targetGroupName.length).toBeLessThanOrEqual(32);
      expect(tg.targetGroupName).toMatch(/^acme-production-[0-9a-f]{8}-[0-9a-f]{6}$/);
    });
  });

  test("with a VPC in the same stack, the name hashes the VPC's Terraform reference at synth", () => {
    const s = synth((stack) => {
      const net = new Network(stack, "Network", { name: "acme-dev", cidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] });
      new ApplicationTargetGroup(stack, "Web", { name: "acme-dev-web", network: net, port: 8080 });
    });
    expect(resourceAt(s, "aws_lb_target_group", "Web").name).toMatch(/^acme-dev-web-[0-9a-f]{6}$/);
  });

  test("HTTPS with gRPC checks the gRPC health path over HTTPS; slow start and delay are passed", () => {
    const s = synth((stack) =>
      targetGroup(stack, "Grpc", { protocol: "HTTPS", protocolVersion: "GRPC", slowStartSeconds: 30, deregistrationDelaySeconds: 0 }),
    );
    expect(resourceAt(s, "aws_lb_target_group", "Grpc")).toMatchObject({
      protocol: "HTTPS",
      protocol_version: "GRPC",
      slow_start: 30,
      deregistration_delay: "0",
      health_check: { protocol: "HTTPS", path: "/AWS.ALB/healthcheck", matcher: "12" },
    });
  });
});
