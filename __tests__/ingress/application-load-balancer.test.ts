import { Token } from "cdktf";
import { Construct } from "constructs";
import { ApplicationLoadBalancer, ApplicationLoadBalancerProps, ApplicationTargetGroup, ApplicationTargetGroupProps } from "../../src/ingress/application-load-balancer";
import { Port } from "../../src/network/connections";
import { INetwork, Network } from "../../src/network/network";
import { SecurityGroup } from "../../src/network/security-group";
import { errorOf, resourceAt, resourcesOf, synth } from "../helpers";

const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
const CERT2 = "arn:aws:acm:eu-west-1:123456789012:certificate/66666666-7777-8888-9999-000000000000";

/** A network given by attributes: literal ids, so names and subnets can be asserted exactly. */
const network: INetwork = Network.fromAttributes({
  vpcId: "vpc-0abc",
  vpcCidr: "10.1.0.0/16",
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  publicSubnetIds: ["subnet-pub-a", "subnet-pub-b"],
  privateSubnetIds: ["subnet-priv-a", "subnet-priv-b"],
});

function alb(scope: Construct, props: Partial<ApplicationLoadBalancerProps> = {}): ApplicationLoadBalancer {
  return new ApplicationLoadBalancer(scope, "Alb", { name: "acme-dev-web", network, certificateArn: CERT, ...props });
}

function targetGroup(scope: Construct, id = "Web", props: Partial<ApplicationTargetGroupProps> = {}): ApplicationTargetGroup {
  return new ApplicationTargetGroup(scope, id, { name: `acme-dev-${id.toLowerCase()}`, network, port: 8080, ...props });
}

const ingressOf = (s: ReturnType<typeof synth>) =>
  Object.values(resourcesOf(s, "aws_vpc_security_group_ingress_rule")).map((r: any) => `${r.cidr_ipv4}:${r.ip_protocol}/${r.from_port}-${r.to_port}`).sort();

const warningsOf = (scope: Construct) => scope.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data as string);

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
    expect(resourceAt(s, "aws_lb", "Alb").security_groups).toEqual([expect.stringMatching(/^\$\{aws_security_group\.Alb_SecurityGroup_.*\.id\}$/)]);
    expect(resourceAt(s, "aws_security_group", "Alb/SecurityGroup")).toMatchObject({ name: "acme-dev-web-alb", vpc_id: "vpc-0abc" });
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
    expect(egress).toEqual([expect.objectContaining({ from_port: 8080, to_port: 8080, security_group_id: expect.stringContaining("Alb_SecurityGroup") })]);
  });

  test("without a certificate: plain HTTP:80 answering 404, and a warning", () => {
    let lb!: ApplicationLoadBalancer;
    const s = synth((stack) => {
      lb = alb(stack, { certificateArn: undefined });
    });
    expect(resourceAt(s, "aws_lb_listener", "Alb/HttpListener")).toMatchObject({ port: 80, protocol: "HTTP", default_action: [{ type: "fixed-response" }] });
    expect(Object.keys(resourcesOf(s, "aws_lb_listener"))).toHaveLength(1);
    expect(lb.listener.protocol).toBe("HTTP");
    expect(warningsOf(lb)).toEqual([expect.stringContaining("serves plain HTTP on port 80")]);
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
    expect(ingressOf(s)).toEqual(["192.0.2.0/24:tcp/443-443", "192.0.2.0/24:tcp/80-80", "198.51.100.0/24:tcp/443-443", "198.51.100.0/24:tcp/80-80"]);
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
      expect(warningsOf(lb.listener)).toEqual([expect.stringContaining("may accept TLS 1.0/1.1")]);
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

  describe("bad input", () => {
    const cases: Array<[string, Partial<ApplicationLoadBalancerProps>, string]> = [
      ["a name with characters that cannot be fixed", { name: "acme_dev_web" }, 'Alb: invalid name "acme_dev_web": expected a name of letters, digits and inner hyphens (longer names are shortened) [ALB_NAME]'],
      ["a name ending in a hyphen", { name: "acme-" }, 'Alb: invalid name "acme-": expected a name of letters, digits and inner hyphens (longer names are shortened) [ALB_NAME]'],
      ["a name starting with internal-", { name: "internal-web" }, 'Alb: invalid name "internal-web": expected a name not starting with "internal-" (AWS reserves it) [ALB_NAME]'],
      ["an idle timeout of 0", { idleTimeoutSeconds: 0 }, "Alb: invalid idleTimeoutSeconds 0: expected an integer from 1 to 4000 seconds [ALB_IDLE_TIMEOUT]"],
      ["an idle timeout over 4000", { idleTimeoutSeconds: 4001 }, "Alb: invalid idleTimeoutSeconds 4001: expected an integer from 1 to 4000 seconds [ALB_IDLE_TIMEOUT]"],
      ["an ingress CIDR that is not one", { ingressCidrs: ["10.0.0.0/33"] }, 'Alb: invalid ingressCidrs "10.0.0.0/33": expected IPv4 CIDR blocks such as 10.0.0.0/16 [ALB_INGRESS_CIDRS]'],
      ["no ingress CIDRs", { ingressCidrs: [] }, "Alb: invalid ingressCidrs []: expected at least one IPv4 CIDR block (nothing could reach the listeners) [ALB_INGRESS_CIDRS]"],
      ["ingress CIDRs as one list token", { ingressCidrs: Token.asList({ Ref: "cidrs" }) }, 'Alb: invalid ingressCidrs "(unresolved list token)": expected an explicit list, one security group rule per entry (entries may be tokens) [ALB_INGRESS_CIDRS]'],
      ["a redirect with no certificate", { certificateArn: undefined, redirectHttpToHttps: true }, "Alb: invalid redirectHttpToHttps true: expected false unless certificateArn is set (there is no HTTPS listener to redirect to) [ALB_REDIRECT_WITHOUT_HTTPS]"],
      ["a TLS policy with no certificate", { certificateArn: undefined, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }, "Alb: invalid certificateArn (missing): expected a certificate when additionalCertificateArns or sslPolicy is set [ALB_TLS_WITHOUT_CERTIFICATE]"],
      ["a certificate that is not an ACM or IAM ARN", { certificateArn: "my-cert" }, 'Alb/HttpsListener: invalid certificateArn "my-cert": expected an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) or an IAM server certificate ARN [LISTENER_CERTIFICATE_ARN]'],
      ["a bad additional certificate", { additionalCertificateArns: ["arn:aws:s3:::bucket"] }, 'Alb/HttpsListener: invalid additionalCertificateArns[0] "arn:aws:s3:::bucket": expected an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) or an IAM server certificate ARN [LISTENER_CERTIFICATE_ARN]'],
      ["an access log bucket given as an ARN", { accessLogs: { bucket: "arn:aws:s3:::acme-logs" } }, 'Alb: invalid accessLogs.bucket "arn:aws:s3:::acme-logs": expected an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens; not an ARN) [ALB_ACCESS_LOGS]'],
      ["an access log prefix with a trailing slash", { accessLogs: { bucket: "acme-logs", prefix: "web/" } }, 'Alb: invalid accessLogs.prefix "web/": expected a prefix without leading or trailing "/" that does not contain "AWSLogs" [ALB_ACCESS_LOGS]'],
      ["a reserved tag key", { tags: { "aws:owner": "x" } }, 'Alb: invalid tags.aws:owner "aws:owner": expected a key of 1 to 128 characters not starting with "aws:" [TAG_KEY_INVALID]'],
    ];
    test.each(cases)("throws for %s", (_, props, message) => {
      expect(errorOf((scope) => alb(scope, props))).toBe(`test/${message}`);
    });

    test("throws when internet-facing in a network without public subnets", () => {
      const privateOnly = Network.fromAttributes({ vpcId: "vpc-1", vpcCidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"], privateSubnetIds: ["a", "b"] });
      expect(errorOf((scope) => alb(scope, { network: privateOnly }))).toBe(
        "test/Alb: invalid network.publicSubnetIds 0: expected at least 2 public subnets in different availability zones (or internetFacing: false) [ALB_SUBNETS]",
      );
    });

    test("throws when a test listener takes a port already used", () => {
      expect(errorOf((scope) => alb(scope).addTestListener(80))).toBe(
        "test/Alb: invalid addTestListener.port 80: expected a port no other listener uses (test/Alb/HttpListener has it) [ALB_LISTENER_PORT_DUPLICATE]",
      );
    });

    test("throws when a test listener port is out of range", () => {
      expect(errorOf((scope) => alb(scope).addTestListener(70000))).toBe(
        "test/Alb/TestListener70000: invalid port 70000: expected an integer from 1 to 65535 [LISTENER_PORT]",
      );
    });
  });
});

describe("ApplicationListener", () => {
  test("addTargetGroup creates a rule forwarding matching requests to the group", () => {
    const s = synth((stack) => {
      const lb = alb(stack);
      lb.listener.addTargetGroup("Web", { targetGroup: targetGroup(stack), priority: 10, hostHeaders: ["www.example.com"], pathPatterns: ["/app/*"] });
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
      alb(stack).listener.addTargetGroup("Api", { targetGroup: targetGroup(stack, "Api", { protocolVersion: "HTTP2" }), priority: 5, pathPatterns: ["/api/*"] });
    });
    expect(Object.keys(resourcesOf(s, "aws_lb_listener_rule"))).toHaveLength(1);
  });

  describe("bad input", () => {
    const add = (scope: Construct, options: { priority?: number; hostHeaders?: string[]; pathPatterns?: string[] }) =>
      alb(scope).listener.addTargetGroup("Web", { targetGroup: targetGroup(scope), priority: 10, pathPatterns: ["/*"], ...options });

    test("throws when a priority is used twice, naming both rules", () => {
      const message = errorOf((scope) => {
        const lb = alb(scope);
        lb.listener.addTargetGroup("Web", { targetGroup: targetGroup(scope, "Web"), priority: 10, pathPatterns: ["/*"] });
        lb.listener.addTargetGroup("Api", { targetGroup: targetGroup(scope, "Api"), priority: 10, pathPatterns: ["/api/*"] });
      });
      expect(message).toBe(
        "test/Alb/HttpsListener/Api: invalid priority 10: expected a priority not used by another rule of this listener (test/Alb/HttpsListener/Web has it) [LISTENER_RULE_PRIORITY_DUPLICATE]",
      );
    });

    test.each([0, 50001, 1.5])("throws for priority %p", (priority) => {
      expect(errorOf((scope) => add(scope, { priority }))).toBe(
        `test/Alb/HttpsListener/Web: invalid priority ${priority}: expected an integer from 1 to 50000 [LISTENER_RULE_PRIORITY]`,
      );
    });

    test("throws for a rule with no condition", () => {
      expect(errorOf((scope) => add(scope, { pathPatterns: [] }))).toBe(
        "test/Alb/HttpsListener/Web: invalid hostHeaders/pathPatterns (missing): expected at least one host header or path pattern [LISTENER_RULE_NO_CONDITION]",
      );
    });

    test("throws for more than 5 condition values over host headers and paths", () => {
      expect(errorOf((scope) => add(scope, { hostHeaders: ["a", "b", "c"], pathPatterns: ["/1", "/2", "/3"] }))).toBe(
        'test/Alb/HttpsListener/Web: invalid hostHeaders/pathPatterns ["a","b","c","/1","/2","/3"]: expected at most 5 condition values per rule (AWS limit; split them over several rules) [LISTENER_RULE_TOO_MANY_VALUES]',
      );
    });

    test("throws for an HTTP2 target group behind an HTTP listener", () => {
      const message = errorOf((scope) =>
        alb(scope, { certificateArn: undefined }).listener.addTargetGroup("Grpc", {
          targetGroup: targetGroup(scope, "Grpc", { protocolVersion: "GRPC" }),
          priority: 1,
          pathPatterns: ["/*"],
        }),
      );
      expect(message).toBe(
        'test/Alb/HttpListener/Grpc: invalid targetGroup.protocolVersion "GRPC": expected HTTP1 on an HTTP listener (HTTP2 and GRPC target groups need an HTTPS listener) [LISTENER_RULE_PROTOCOL_VERSION]',
      );
    });

    test("throws when a target group is attached to a second load balancer", () => {
      const message = errorOf((scope) => {
        const tg = targetGroup(scope);
        alb(scope).listener.addTargetGroup("Web", { targetGroup: tg, priority: 1, pathPatterns: ["/*"] });
        new ApplicationLoadBalancer(scope, "Other", { name: "acme-dev-other", network }).listener.addTargetGroup("Web", { targetGroup: tg, priority: 1, pathPatterns: ["/*"] });
      });
      expect(message).toBe(
        'test/Other/HttpListener/Web: invalid targetGroup "test/Web": expected a target group not already used by another load balancer (it is used by test/Alb) [TARGET_GROUP_SHARED]',
      );
    });
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
      health_check: { enabled: true, protocol: "HTTP", path: "/", matcher: "200", interval: 10, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, port: "traffic-port" },
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
    const s = synth((stack) => targetGroup(stack, "Grpc", { protocol: "HTTPS", protocolVersion: "GRPC", slowStartSeconds: 30, deregistrationDelaySeconds: 0 }));
    expect(resourceAt(s, "aws_lb_target_group", "Grpc")).toMatchObject({
      protocol: "HTTPS",
      protocol_version: "GRPC",
      slow_start: 30,
      deregistration_delay: "0",
      health_check: { protocol: "HTTPS", path: "/AWS.ALB/healthcheck", matcher: "12" },
    });
  });

  describe("bad input", () => {
    const cases: Array<[string, Partial<ApplicationTargetGroupProps>, string]> = [
      ["port 0", { port: 0 }, "invalid port 0: expected an integer from 1 to 65535 [TARGET_GROUP_PORT]"],
      ["port 65536", { port: 65536 }, "invalid port 65536: expected an integer from 1 to 65535 [TARGET_GROUP_PORT]"],
      ["a protocol other than HTTP(S)", { protocol: "TCP" as never }, 'invalid protocol "TCP": expected one of "HTTP", "HTTPS" [TARGET_GROUP_PROTOCOL]'],
      ["an unknown protocol version", { protocolVersion: "HTTP3" as never }, 'invalid protocolVersion "HTTP3": expected one of "HTTP1", "HTTP2", "GRPC" [TARGET_GROUP_PROTOCOL_VERSION]'],
      ["an interval under 5", { healthCheck: { intervalSeconds: 4, timeoutSeconds: 2 } }, "invalid healthCheck.intervalSeconds 4: expected an integer from 5 to 300 seconds [TARGET_GROUP_HEALTH_CHECK]"],
      ["an interval over 300", { healthCheck: { intervalSeconds: 301 } }, "invalid healthCheck.intervalSeconds 301: expected an integer from 5 to 300 seconds [TARGET_GROUP_HEALTH_CHECK]"],
      ["a timeout under 2", { healthCheck: { timeoutSeconds: 1 } }, "invalid healthCheck.timeoutSeconds 1: expected an integer from 2 to 120 seconds [TARGET_GROUP_HEALTH_CHECK]"],
      ["a timeout over 120", { healthCheck: { timeoutSeconds: 121, intervalSeconds: 300 } }, "invalid healthCheck.timeoutSeconds 121: expected an integer from 2 to 120 seconds [TARGET_GROUP_HEALTH_CHECK]"],
      ["a timeout not shorter than the interval", { healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } }, "invalid healthCheck.timeoutSeconds 10: expected a timeout shorter than the interval (10 seconds) [TARGET_GROUP_HEALTH_CHECK]"],
      ["a healthy threshold of 1", { healthCheck: { healthyThreshold: 1 } }, "invalid healthCheck.healthyThreshold 1: expected an integer from 2 to 10 [TARGET_GROUP_HEALTH_CHECK]"],
      ["an unhealthy threshold of 11", { healthCheck: { unhealthyThreshold: 11 } }, "invalid healthCheck.unhealthyThreshold 11: expected an integer from 2 to 10 [TARGET_GROUP_HEALTH_CHECK]"],
      ["a health check port that is not a port", { healthCheck: { port: "http" } }, 'invalid healthCheck.port "http": expected "traffic-port" or a port from 1 to 65535 [TARGET_GROUP_HEALTH_CHECK]'],
      ["a health check path without a leading slash", { healthCheck: { path: "healthz" } }, 'invalid healthCheck.path "healthz": expected a path starting with "/", at most 1024 characters [TARGET_GROUP_HEALTH_CHECK]'],
      ["a matcher that is not status codes", { healthCheck: { matcher: "ok" } }, 'invalid healthCheck.matcher "ok": expected status codes such as "200", "200-299" or "200,302" [TARGET_GROUP_HEALTH_CHECK]'],
      ["a deregistration delay of -1", { deregistrationDelaySeconds: -1 }, "invalid deregistrationDelaySeconds -1: expected an integer from 0 to 3600 seconds [TARGET_GROUP_DEREGISTRATION_DELAY]"],
      ["a deregistration delay over 3600", { deregistrationDelaySeconds: 3601 }, "invalid deregistrationDelaySeconds 3601: expected an integer from 0 to 3600 seconds [TARGET_GROUP_DEREGISTRATION_DELAY]"],
      ["a slow start of 10", { slowStartSeconds: 10 }, "invalid slowStartSeconds 10: expected 0 (off) or an integer from 30 to 900 seconds [TARGET_GROUP_SLOW_START]"],
      ["a slow start over 900", { slowStartSeconds: 901 }, "invalid slowStartSeconds 901: expected 0 (off) or an integer from 30 to 900 seconds [TARGET_GROUP_SLOW_START]"],
      ["a name with characters that cannot be fixed", { name: "acme.web" }, 'invalid name "acme.web": expected a name of letters, digits and inner hyphens (longer names are shortened) [TARGET_GROUP_NAME]'],
      ["a name that is a token", { name: Token.asString({ Ref: "name" }) }, 'invalid name "(unresolved token)": expected a literal name, because the target group name is derived from it at synth time [TARGET_GROUP_NAME]'],
    ];
    test.each(cases)("throws for %s", (_, props, message) => {
      expect(errorOf((scope) => targetGroup(scope, "Web", props))).toBe(`test/Web: ${message}`);
    });
  });
});
