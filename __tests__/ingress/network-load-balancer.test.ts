import { Construct } from "constructs";
import { NetworkLoadBalancer, NetworkLoadBalancerProps } from "../../src/ingress/network-load-balancer";
import { NetworkTargetGroup, NetworkTargetGroupProps } from "../../src/ingress/network-target-group";
import { Port } from "../../src/network/connections";
import { SecurityGroup } from "../../src/network/security-group";
import { resourceAt, resourcesOf, synth } from "../helpers";
import { CERT, ingressOf, network } from "./fixtures";

function nlb(scope: Construct, props: Partial<NetworkLoadBalancerProps> = {}): NetworkLoadBalancer {
  return new NetworkLoadBalancer(scope, "Nlb", { name: "acme-dev-mqtt", network, ...props });
}

function targetGroup(scope: Construct, id = "Mqtt", props: Partial<NetworkTargetGroupProps> = {}): NetworkTargetGroup {
  return new NetworkTargetGroup(scope, id, { name: `acme-dev-${id.toLowerCase()}`, network, port: 1883, ...props });
}

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
    expect(resourceAt(s, "aws_security_group", "Nlb/SecurityGroup")).toMatchObject({ name_prefix: "acme-dev-mqtt-nlb-" });
    expect(resourcesOf(s, "aws_vpc_security_group_egress_rule")).toEqual({});
  });

  test("internet-facing goes in the public subnets and opens listeners to anyone", () => {
    const s = synth((stack) => nlb(stack, { internetFacing: true }).addListener("Mqtt", { port: 1883, targetGroup: targetGroup(stack) }));
    expect(resourceAt(s, "aws_lb", "Nlb")).toMatchObject({ internal: false, subnets: ["subnet-pub-a", "subnet-pub-b"] });
    expect(ingressOf(s)).toEqual(["0.0.0.0/0:tcp/1883-1883"]);
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
    expect(ingressOf(s)).toEqual(["10.1.0.0/16:tcp/1883-1883"]);
  });

  test("a TLS listener terminates TLS with the certificate and a TLS 1.2+ policy", () => {
    const s = synth((stack) =>
      nlb(stack).addListener("Mqtts", { port: 8883, protocol: "TLS", certificateArn: CERT, targetGroup: targetGroup(stack) }),
    );
    expect(resourceAt(s, "aws_lb_listener", "Nlb/Mqtts")).toMatchObject({
      protocol: "TLS",
      certificate_arn: CERT,
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    });
  });

  test("a TCP_UDP listener opens both transports; TCP and UDP listeners may share a port", () => {
    const s = synth((stack) => {
      const lb = nlb(stack, { ingressCidrs: ["10.9.0.0/16"] });
      lb.addListener("Dns", { port: 53, protocol: "TCP_UDP", targetGroup: targetGroup(stack, "Dns", { port: 53, protocol: "TCP_UDP" }) });
      lb.addListener("Syslog", { port: 514, protocol: "UDP", targetGroup: targetGroup(stack, "Syslog", { port: 514, protocol: "UDP" }) });
      lb.addListener("SyslogTcp", { port: 514, protocol: "TCP", targetGroup: targetGroup(stack, "SyslogTcp", { port: 514 }) });
    });
    expect(ingressOf(s)).toEqual(["10.9.0.0/16:tcp/514-514", "10.9.0.0/16:tcp/53-53", "10.9.0.0/16:udp/514-514", "10.9.0.0/16:udp/53-53"]);
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
      health_check: {
        enabled: true,
        protocol: "TCP",
        interval: 10,
        timeout: 5,
        healthy_threshold: 2,
        unhealthy_threshold: 3,
        port: "traffic-port",
      },
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

  test("UDP groups keep AWS's client IP default; an HTTP health check gets a path and matcher", () => {
    const s = synth((stack) =>
      targetGroup(stack, "Syslog", { protocol: "UDP", port: 514, healthCheck: { protocol: "HTTP", port: "8080", path: "/health" } }),
    );
    const tg = resourceAt(s, "aws_lb_target_group", "Syslog");
    expect(tg.preserve_client_ip).toBeUndefined();
    expect(tg.health_check).toMatchObject({ protocol: "HTTP", port: "8080", path: "/health", matcher: "200-399" });
  });

  test("options reach the resource", () => {
    const s = synth((stack) =>
      targetGroup(stack, "Mqtt", {
        preserveClientIp: true,
        connectionTermination: true,
        proxyProtocolV2: true,
        deregistrationDelaySeconds: 0,
      }),
    );
    expect(resourceAt(s, "aws_lb_target_group", "Mqtt")).toMatchObject({
      preserve_client_ip: "true",
      connection_termination: true,
      proxy_protocol_v2: true,
      deregistration_delay: "0",
    });
  });
});
