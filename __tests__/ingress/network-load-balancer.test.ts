import { Construct } from "constructs";
import { NetworkLoadBalancer, NetworkLoadBalancerProps, NetworkTargetGroup, NetworkTargetGroupProps } from "../../src/ingress/network-load-balancer";
import { NetworkListenerOptions } from "../../src/ingress/network-listener";
import { Port } from "../../src/network/connections";
import { INetwork, Network } from "../../src/network/network";
import { SecurityGroup } from "../../src/network/security-group";
import { errorOf, resourceAt, resourcesOf, synth } from "../helpers";

const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";

const network: INetwork = Network.fromAttributes({
  vpcId: "vpc-0abc",
  vpcCidr: "10.1.0.0/16",
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  publicSubnetIds: ["subnet-pub-a", "subnet-pub-b"],
  privateSubnetIds: ["subnet-priv-a", "subnet-priv-b"],
});

function nlb(scope: Construct, props: Partial<NetworkLoadBalancerProps> = {}): NetworkLoadBalancer {
  return new NetworkLoadBalancer(scope, "Nlb", { name: "acme-dev-mqtt", network, ...props });
}

function targetGroup(scope: Construct, id = "Mqtt", props: Partial<NetworkTargetGroupProps> = {}): NetworkTargetGroup {
  return new NetworkTargetGroup(scope, id, { name: `acme-dev-${id.toLowerCase()}`, network, port: 1883, ...props });
}

const ingressOf = (s: ReturnType<typeof synth>) =>
  Object.values(resourcesOf(s, "aws_vpc_security_group_ingress_rule")).map((r: any) => `${r.cidr_ipv4}:${r.ip_protocol}/${r.from_port}`).sort();

describe("NetworkLoadBalancer", () => {
  test("is internal by default, in the workload subnets, cross-zone, with its own security group", () => {
    const s = synth((stack) => nlb(stack, { tags: { Team: "iot" } }));
    expect(resourceAt(s, "aws_lb", "Nlb")).toMatchObject({
      name: "acme-dev-mqtt",
      load_balancer_type: "network",
      internal: true,
      subnets: ["subnet-priv-a", "subnet-priv-b"],
      enable_cross_zone_load_balancing: true,
      enable_deletion_protection: false,
      security_groups: [expect.stringContaining("aws_security_group.Nlb_SecurityGroup")],
      tags: { Name: "acme-dev-mqtt", Team: "iot" },
    });
    expect(resourceAt(s, "aws_security_group", "Nlb/SecurityGroup")).toMatchObject({ name: "acme-dev-mqtt-nlb" });
    expect(resourcesOf(s, "aws_vpc_security_group_egress_rule")).toEqual({});
  });

  test("internet-facing goes in the public subnets and opens listeners to anyone", () => {
    const s = synth((stack) => nlb(stack, { internetFacing: true }).addListener("Mqtt", { port: 1883, targetGroup: targetGroup(stack) }));
    expect(resourceAt(s, "aws_lb", "Nlb")).toMatchObject({ internal: false, subnets: ["subnet-pub-a", "subnet-pub-b"] });
    expect(ingressOf(s)).toEqual(["0.0.0.0/0:tcp/1883"]);
  });

  test("a TCP listener forwards every connection to its target group and opens its port to the VPC", () => {
    const s = synth((stack) => {
      const listener = nlb(stack).addListener("Mqtt", { port: 1883, targetGroup: targetGroup(stack) });
      expect(listener.protocol).toBe("TCP");
    });
    expect(resourceAt(s, "aws_lb_listener", "Nlb/Mqtt")).toMatchObject({
      port: 1883,
      protocol: "TCP",
      default_action: [{ type: "forward", target_group_arn: expect.stringContaining("aws_lb_target_group.Mqtt") }],
    });
    expect(resourceAt(s, "aws_lb_listener", "Nlb/Mqtt").ssl_policy).toBeUndefined();
    expect(ingressOf(s)).toEqual(["10.1.0.0/16:tcp/1883"]);
  });

  test("a TLS listener terminates TLS with the certificate and a TLS 1.2+ policy", () => {
    const s = synth((stack) => nlb(stack).addListener("Mqtts", { port: 8883, protocol: "TLS", certificateArn: CERT, targetGroup: targetGroup(stack) }));
    expect(resourceAt(s, "aws_lb_listener", "Nlb/Mqtts")).toMatchObject({ protocol: "TLS", certificate_arn: CERT, ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
  });

  test("a TCP_UDP listener opens both transports; TCP and UDP listeners may share a port", () => {
    const s = synth((stack) => {
      const lb = nlb(stack, { ingressCidrs: ["10.9.0.0/16"] });
      lb.addListener("Dns", { port: 53, protocol: "TCP_UDP", targetGroup: targetGroup(stack, "Dns", { port: 53, protocol: "TCP_UDP" }) });
      lb.addListener("Syslog", { port: 514, protocol: "UDP", targetGroup: targetGroup(stack, "Syslog", { port: 514, protocol: "UDP" }) });
      lb.addListener("SyslogTcp", { port: 514, protocol: "TCP", targetGroup: targetGroup(stack, "SyslogTcp", { port: 514 }) });
    });
    expect(ingressOf(s)).toEqual(["10.9.0.0/16:tcp/514", "10.9.0.0/16:tcp/53", "10.9.0.0/16:udp/514", "10.9.0.0/16:udp/53"]);
  });

  test("a service allowing the load balancer gets ingress from its group and the load balancer the egress", () => {
    const s = synth((stack) => {
      const lb = nlb(stack);
      const service = new SecurityGroup(stack, "Service", { vpcId: network.vpcId, name: "svc", description: "svc" });
      service.connections.allowFrom(lb, Port.tcp(1883));
    });
    expect(Object.values(resourcesOf(s, "aws_vpc_security_group_egress_rule")).filter((r: any) => r.referenced_security_group_id)).toEqual([
      expect.objectContaining({ from_port: 1883, security_group_id: expect.stringContaining("Nlb_SecurityGroup") }),
    ]);
  });

  test("cross-zone and deletion protection can be set", () => {
    const s = synth((stack) => nlb(stack, { crossZone: false, deletionProtection: true, accessLogs: { bucket: "acme-lb-logs" } }));
    expect(resourceAt(s, "aws_lb", "Nlb")).toMatchObject({
      enable_cross_zone_load_balancing: false,
      enable_deletion_protection: true,
      access_logs: { bucket: "acme-lb-logs", enabled: true },
    });
  });

  describe("bad input", () => {
    test.each<[string, Partial<NetworkLoadBalancerProps>, string]>([
      ["a name with characters that cannot be fixed", { name: "acme dev" }, 'Nlb: invalid name "acme dev": expected a name of letters, digits and inner hyphens (longer names are shortened) [NLB_NAME]'],
      ["an ingress CIDR that is not one", { ingressCidrs: ["10.0.0.300/16"] }, 'Nlb: invalid ingressCidrs "10.0.0.300/16": expected IPv4 CIDR blocks such as 10.0.0.0/16 [NLB_INGRESS_CIDRS]'],
    ])("throws for %s", (_, props, message) => {
      expect(errorOf((scope) => nlb(scope, props))).toBe(`test/${message}`);
    });

    test("throws when two listeners take one port for the same transport, naming both", () => {
      const message = errorOf((scope) => {
        const lb = nlb(scope);
        lb.addListener("Mqtt", { port: 1883, targetGroup: targetGroup(scope, "Mqtt") });
        lb.addListener("Other", { port: 1883, protocol: "TCP_UDP", targetGroup: targetGroup(scope, "Other", { protocol: "TCP_UDP" }) });
      });
      expect(message).toBe(
        "test/Nlb/Other: invalid port 1883: expected a port no other listener uses for the same transport (test/Nlb/Mqtt has it) [NLB_LISTENER_PORT_DUPLICATE]",
      );
    });
  });
});

describe("NetworkListener", () => {
  const listen = (scope: Construct, options: Partial<NetworkListenerOptions>, tg: Partial<NetworkTargetGroupProps> = {}) =>
    nlb(scope).addListener("Mqtt", { port: 1883, targetGroup: targetGroup(scope, "Mqtt", tg), ...options });

  test.each<[string, Partial<NetworkListenerOptions>, Partial<NetworkTargetGroupProps>, string]>([
    ["port 0", { port: 0 }, {}, "invalid port 0: expected an integer from 1 to 65535 [LISTENER_PORT]"],
    ["port 65536", { port: 65536 }, {}, "invalid port 65536: expected an integer from 1 to 65535 [LISTENER_PORT]"],
    ["an ALB protocol", { protocol: "HTTP" as never }, {}, 'invalid protocol "HTTP": expected one of "TCP", "TLS", "UDP", "TCP_UDP" [LISTENER_PROTOCOL]'],
    ["TLS without a certificate", { protocol: "TLS" }, {}, "invalid certificateArn (missing): expected a certificate ARN for a TLS listener [LISTENER_CERTIFICATE_MISSING]"],
    ["a certificate on a TCP listener", { certificateArn: CERT }, {}, `invalid certificateArn "${CERT}": expected no certificate or TLS policy on a TCP listener [LISTENER_TLS_ON_PLAIN]`],
    ["a TLS policy on a UDP listener", { protocol: "UDP", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }, { protocol: "UDP" }, 'invalid sslPolicy "ELBSecurityPolicy-TLS13-1-2-2021-06": expected no certificate or TLS policy on a UDP listener [LISTENER_TLS_ON_PLAIN]'],
    ["a certificate that is not an ARN", { protocol: "TLS", certificateArn: "cert" }, {}, 'invalid certificateArn "cert": expected an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) or an IAM server certificate ARN [LISTENER_CERTIFICATE_ARN]'],
    ["a UDP listener in front of a TCP group", { protocol: "UDP" }, { protocol: "TCP" }, 'invalid targetGroup.protocol "TCP": expected a target group protocol a UDP listener can forward to: UDP or TCP_UDP [LISTENER_TARGET_PROTOCOL]'],
    ["a TCP_UDP listener in front of a TCP group", { protocol: "TCP_UDP" }, { protocol: "TCP" }, 'invalid targetGroup.protocol "TCP": expected a target group protocol a TCP_UDP listener can forward to: TCP_UDP [LISTENER_TARGET_PROTOCOL]'],
  ])("throws for %s", (_, options, tg, message) => {
    expect(errorOf((scope) => listen(scope, options, tg))).toBe(`test/Nlb/Mqtt: ${message}`);
  });
});

describe("NetworkTargetGroup", () => {
  test("targets IPs over TCP without client IP preservation, with a TCP health check and create-before-destroy", () => {
    const s = synth((stack) => {
      const tg = targetGroup(stack);
      expect(tg.targetGroupName).toMatch(/^acme-dev-mqtt-[0-9a-f]{6}$/);
    });
    const tg = resourceAt(s, "aws_lb_target_group", "Mqtt");
    expect(tg).toMatchObject({
      target_type: "ip",
      protocol: "TCP",
      port: 1883,
      deregistration_delay: "30",
      preserve_client_ip: "false",
      connection_termination: false,
      proxy_protocol_v2: false,
      health_check: { enabled: true, protocol: "TCP", interval: 10, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, port: "traffic-port" },
      lifecycle: { create_before_destroy: true },
    });
    expect(tg.health_check.path).toBeUndefined();
  });

  test("lists the listeners a service must depend on", () => {
    synth((stack) => {
      const tg = targetGroup(stack);
      nlb(stack).addListener("Mqtt", { port: 1883, targetGroup: tg });
      expect(tg.attachments.map((l) => l.node.path)).toEqual(["test/Nlb/Mqtt/Resource"]);
    });
  });

  test("throws when attached to a second load balancer", () => {
    const message = errorOf((scope) => {
      const tg = targetGroup(scope);
      nlb(scope).addListener("Mqtt", { port: 1883, targetGroup: tg });
      new NetworkLoadBalancer(scope, "Other", { name: "acme-dev-other", network }).addListener("Mqtt", { port: 1883, targetGroup: tg });
    });
    expect(message).toBe(
      'test/Other/Mqtt: invalid targetGroup "test/Mqtt": expected a target group not already used by another load balancer (it is used by test/Nlb) [TARGET_GROUP_SHARED]',
    );
  });

  test("UDP groups keep AWS's client IP default; an HTTP health check gets a path and matcher", () => {
    const s = synth((stack) => targetGroup(stack, "Syslog", { protocol: "UDP", port: 514, healthCheck: { protocol: "HTTP", port: "8080", path: "/health" } }));
    const tg = resourceAt(s, "aws_lb_target_group", "Syslog");
    expect(tg.preserve_client_ip).toBeUndefined();
    expect(tg.health_check).toMatchObject({ protocol: "HTTP", port: "8080", path: "/health", matcher: "200-399" });
  });

  test("options reach the resource", () => {
    const s = synth((stack) => targetGroup(stack, "Mqtt", { preserveClientIp: true, connectionTermination: true, proxyProtocolV2: true, deregistrationDelaySeconds: 0 }));
    expect(resourceAt(s, "aws_lb_target_group", "Mqtt")).toMatchObject({ preserve_client_ip: "true", connection_termination: true, proxy_protocol_v2: true, deregistration_delay: "0" });
  });

  test.each<[string, Partial<NetworkTargetGroupProps>, string]>([
    ["port 70000", { port: 70000 }, "invalid port 70000: expected an integer from 1 to 65535 [TARGET_GROUP_PORT]"],
    ["an ALB protocol", { protocol: "HTTP" as never }, 'invalid protocol "HTTP": expected one of "TCP", "TLS", "UDP", "TCP_UDP" [TARGET_GROUP_PROTOCOL]'],
    ["a UDP health check", { healthCheck: { protocol: "UDP" as never } }, 'invalid healthCheck.protocol "UDP": expected one of "TCP", "HTTP", "HTTPS" [TARGET_GROUP_HEALTH_CHECK]'],
    ["a path on a TCP health check", { healthCheck: { path: "/health" } }, 'invalid healthCheck.path "/health": expected no path or matcher for a TCP health check (set healthCheck.protocol to "HTTP" or "HTTPS") [TARGET_GROUP_HEALTH_CHECK]'],
    ["a matcher on a TCP health check", { healthCheck: { matcher: "200" } }, 'invalid healthCheck.matcher "200": expected no path or matcher for a TCP health check (set healthCheck.protocol to "HTTP" or "HTTPS") [TARGET_GROUP_HEALTH_CHECK]'],
    ["an interval over 300", { healthCheck: { intervalSeconds: 301 } }, "invalid healthCheck.intervalSeconds 301: expected an integer from 5 to 300 seconds [TARGET_GROUP_HEALTH_CHECK]"],
    ["a timeout longer than the interval", { healthCheck: { intervalSeconds: 5, timeoutSeconds: 6 } }, "invalid healthCheck.timeoutSeconds 6: expected a timeout shorter than the interval (5 seconds) [TARGET_GROUP_HEALTH_CHECK]"],
    ["a healthy threshold of 11", { healthCheck: { healthyThreshold: 11 } }, "invalid healthCheck.healthyThreshold 11: expected an integer from 2 to 10 [TARGET_GROUP_HEALTH_CHECK]"],
    ["an unhealthy threshold of 1", { healthCheck: { unhealthyThreshold: 1 } }, "invalid healthCheck.unhealthyThreshold 1: expected an integer from 2 to 10 [TARGET_GROUP_HEALTH_CHECK]"],
    ["a deregistration delay over 3600", { deregistrationDelaySeconds: 4000 }, "invalid deregistrationDelaySeconds 4000: expected an integer from 0 to 3600 seconds [TARGET_GROUP_DEREGISTRATION_DELAY]"],
    ["a name starting with a hyphen", { name: "-mqtt" }, 'invalid name "-mqtt": expected a name of letters, digits and inner hyphens (longer names are shortened) [TARGET_GROUP_NAME]'],
  ])("throws for %s", (_, props, message) => {
    expect(errorOf((scope) => targetGroup(scope, "Mqtt", props))).toBe(`test/Mqtt: ${message}`);
  });
});
