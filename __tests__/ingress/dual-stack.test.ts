import { ApplicationLoadBalancer } from "../../src/ingress/application-load-balancer";
import { NetworkLoadBalancer } from "../../src/ingress/network-load-balancer";
import { NetworkTargetGroup } from "../../src/ingress/network-target-group";
import { Network } from "../../src/network/network";
import { errorOf, resourceAt, resourcesOf, synth } from "../helpers";
import { CERT, network as ipv4Network } from "./fixtures";

/** The ipv4Network fixture, dual-stack: an existing VPC with an IPv6 block on it and its subnets. */
const dualStackNetwork = Network.fromAttributes({
  vpcId: "vpc-0abc",
  vpcCidr: "10.1.0.0/16",
  ipv6CidrBlock: "2001:db8:1234:5600::/56",
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  publicSubnetIds: ["subnet-pub-a", "subnet-pub-b"],
  privateSubnetIds: ["subnet-priv-a", "subnet-priv-b"],
});

const ingressOf = (s: ReturnType<typeof synth>) =>
  Object.values(resourcesOf(s, "aws_vpc_security_group_ingress_rule"))
    .map((r: any) => `${r.cidr_ipv4 ?? r.cidr_ipv6}:${r.ip_protocol}/${r.from_port}`)
    .sort();

describe("dual-stack load balancers", () => {
  test("an internet-facing dual-stack ALB answers on IPv6 and opens its listener ports to ::/0 as well as 0.0.0.0/0", () => {
    const s = synth(
      (stack) =>
        new ApplicationLoadBalancer(stack, "Alb", {
          name: "acme-dev-web",
          network: dualStackNetwork,
          certificateArn: CERT,
          ipAddressType: "dualstack",
        }),
    );
    expect(resourceAt(s, "aws_lb", "Alb")).toMatchObject({ ip_address_type: "dualstack", internal: false });
    expect(ingressOf(s)).toEqual(["0.0.0.0/0:tcp/443", "0.0.0.0/0:tcp/80", "::/0:tcp/443", "::/0:tcp/80"]);
  });

  test("an internal dual-stack ALB opens to the VPC's IPv6 block, even while it is a token of a VPC in the same stack", () => {
    const s = synth((stack) => {
      const network = new Network(stack, "Network", {
        name: "acme-dev",
        cidr: "10.1.0.0/16",
        availabilityZones: ["eu-west-1a", "eu-west-1b"],
        dualStack: true,
      });
      new ApplicationLoadBalancer(stack, "Alb", { name: "acme-dev-api", network, internetFacing: false, ipAddressType: "dualstack" });
    });
    expect(resourceAt(s, "aws_lb", "Alb")).toMatchObject({ ip_address_type: "dualstack", internal: true });
    const rules = Object.entries(resourcesOf(s, "aws_vpc_security_group_ingress_rule")).filter(([address]) => address.startsWith("Alb_"));
    expect(rules.map(([, r]: [string, any]) => r.cidr_ipv4 ?? r.cidr_ipv6).sort()).toEqual([
      expect.stringMatching(/^\$\{aws_vpc\.Network_[0-9A-F]{8}\.ipv6_cidr_block\}$/),
      "10.1.0.0/16",
    ]);
  });

  test("ingressIpv6Cidrs replaces the IPv6 default; the IPv4 list is untouched", () => {
    const s = synth(
      (stack) =>
        new ApplicationLoadBalancer(stack, "Alb", {
          name: "acme-dev-web",
          network: dualStackNetwork,
          ipAddressType: "dualstack",
          ingressCidrs: ["203.0.113.0/24"],
          ingressIpv6Cidrs: ["2001:db8:ffff::/48"],
        }),
    );
    expect(ingressOf(s)).toEqual(["2001:db8:ffff::/48:tcp/80", "203.0.113.0/24:tcp/80"]);
  });

  test("a dual-stack NLB opens each listener port to both families", () => {
    const s = synth((stack) => {
      const nlb = new NetworkLoadBalancer(stack, "Nlb", {
        name: "acme-dev-mqtt",
        network: dualStackNetwork,
        internetFacing: true,
        ipAddressType: "dualstack",
      });
      const targets = new NetworkTargetGroup(stack, "Targets", { name: "acme-dev-mqtt", network: dualStackNetwork, port: 1883 });
      nlb.addListener("Mqtt", { port: 1883, targetGroup: targets });
    });
    expect(resourceAt(s, "aws_lb", "Nlb")).toMatchObject({ ip_address_type: "dualstack", load_balancer_type: "network" });
    expect(ingressOf(s)).toEqual(["0.0.0.0/0:tcp/1883", "::/0:tcp/1883"]);
  });

  test("an IPv4 load balancer stays ipv4 with no IPv6 rule, in a dual-stack network too", () => {
    const s = synth((stack) => new ApplicationLoadBalancer(stack, "Alb", { name: "acme-dev-web", network: dualStackNetwork }));
    expect(resourceAt(s, "aws_lb", "Alb").ip_address_type).toBe("ipv4");
    expect(ingressOf(s)).toEqual(["0.0.0.0/0:tcp/80"]);
  });
});

describe("dual-stack load balancers: bad input", () => {
  test.each<[string, () => (scope: any) => unknown, RegExp]>([
    [
      "a dual-stack ALB on an IPv4-only network",
      () => (s) => new ApplicationLoadBalancer(s, "Alb", { name: "acme-dev-web", network: ipv4Network, ipAddressType: "dualstack" }),
      /^test\/Alb: invalid ipAddressType "dualstack": expected "ipv4" unless the network is dual-stack \(Network dualStack: true, or ipv6CidrBlock in Network\.fromAttributes\): its subnets need IPv6 blocks \[ALB_DUALSTACK_NETWORK\]$/,
    ],
    [
      "a dual-stack NLB on an IPv4-only network",
      () => (s) => new NetworkLoadBalancer(s, "Nlb", { name: "acme-dev-mqtt", network: ipv4Network, ipAddressType: "dualstack" }),
      /^test\/Nlb: invalid ipAddressType "dualstack": .* \[NLB_DUALSTACK_NETWORK\]$/,
    ],
    [
      "an address type ELB does not offer here",
      () => (s) => new ApplicationLoadBalancer(s, "Alb", { name: "acme-dev-web", network: dualStackNetwork, ipAddressType: "ipv6" as any }),
      /^test\/Alb: invalid ipAddressType "ipv6": expected "ipv4" or "dualstack" \[ALB_IP_ADDRESS_TYPE\]$/,
    ],
    [
      "IPv6 ingress on an IPv4 load balancer",
      () => (s) => new ApplicationLoadBalancer(s, "Alb", { name: "acme-dev-web", network: dualStackNetwork, ingressIpv6Cidrs: ["::/0"] }),
      /^test\/Alb: invalid ingressIpv6Cidrs \["::\/0"\]: expected no IPv6 ingress unless ipAddressType is "dualstack" .* \[ALB_IPV6_INGRESS_WITHOUT_DUALSTACK\]$/,
    ],
    [
      "an IPv4 block in ingressIpv6Cidrs",
      () => (s) =>
        new ApplicationLoadBalancer(s, "Alb", {
          name: "acme-dev-web",
          network: dualStackNetwork,
          ipAddressType: "dualstack",
          ingressIpv6Cidrs: ["10.0.0.0/8"],
        }),
      /^test\/Alb: invalid ingressIpv6Cidrs\[0\] "10\.0\.0\.0\/8": expected an IPv6 CIDR block whose address is the start of its range, such as 2001:db8::\/32 or ::\/0 \[ALB_INGRESS_IPV6_CIDRS\]$/,
    ],
    [
      "an IPv6 block with host bits set",
      () => (s) =>
        new NetworkLoadBalancer(s, "Nlb", {
          name: "acme-dev-mqtt",
          network: dualStackNetwork,
          ipAddressType: "dualstack",
          ingressIpv6Cidrs: ["2001:db8::1/64"],
        }),
      /^test\/Nlb: invalid ingressIpv6Cidrs\[0\] "2001:db8::1\/64": .* \[NLB_INGRESS_IPV6_CIDRS\]$/,
    ],
  ])("throws on %s", (_name, build, message) => {
    expect(errorOf(build())).toMatch(message);
  });
});
