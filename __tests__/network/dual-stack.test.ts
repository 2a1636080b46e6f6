import { Route } from "@cdktf/provider-aws/lib/route";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { isToken } from "../../src/core/errors";
import { Network, Peer, Port, SecurityGroup } from "../../src/network";
import { ipv6SubnetNumber } from "../../src/network/subnet-plan";
import { resourceAt, resourcesOf, synth } from "../helpers";

const base = { name: "acme-test", cidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] };
const allTiers = { public: {}, private: {}, isolated: {} };

/** The subnet number of a synthesized `cidrsubnet(<vpc>.ipv6_cidr_block, 8, n)`, checking the rest of the expression. */
function ipv6Number(subnet: any): number {
  const match = /^\$\{cidrsubnet\(aws_vpc\.Network_[0-9A-F]{8}\.ipv6_cidr_block, 8, (\d+)\)\}$/.exec(subnet.ipv6_cidr_block);
  if (!match) throw new Error(`not a cidrsubnet of the VPC's IPv6 block: ${subnet.ipv6_cidr_block}`);
  return Number(match[1]);
}

describe("Network: dual-stack", () => {
  test("is off by default: no IPv6 block, no IPv6 subnet settings, no egress-only gateway, no IPv6 routes", () => {
    const s = synth((stack) => {
      const network = new Network(stack, "Network", { ...base, tiers: allTiers });
      expect(network.ipv6CidrBlock).toBeUndefined();
      expect(network.dualStack).toBe(false);
    });
    expect(resourceAt(s, "aws_vpc", "Network")).not.toHaveProperty("assign_generated_ipv6_cidr_block");
    for (const subnet of Object.values(resourcesOf(s, "aws_subnet"))) {
      expect(subnet).not.toHaveProperty("ipv6_cidr_block");
      expect(subnet).not.toHaveProperty("assign_ipv6_address_on_creation");
    }
    expect(resourcesOf(s, "aws_egress_only_internet_gateway")).toEqual({});
    expect(Object.values(resourcesOf(s, "aws_route")).filter((r: any) => r.destination_ipv6_cidr_block)).toEqual([]);
  });

  test("asks for an Amazon IPv6 /56 and carves each subnet's /64 by its tier's fixed zone slots", () => {
    let network!: Network;
    const s = synth((stack) => {
      network = new Network(stack, "Network", { ...base, tiers: allTiers, dualStack: true });
    });
    expect(s.json).toHaveResourceWithProperties(Vpc, { cidr_block: "10.0.0.0/16", assign_generated_ipv6_cidr_block: true });
    expect(isToken(network.ipv6CidrBlock)).toBe(true);
    const subnets = Object.values(resourcesOf(s, "aws_subnet")).map((x: any) => [
      x.tags.Tier,
      x.availability_zone,
      ipv6Number(x),
      x.assign_ipv6_address_on_creation,
    ]);
    expect(subnets.sort((a, b) => a[2] - b[2])).toEqual([
      // Public subnets get an IPv6 block but hand out no addresses: those would be reachable from the internet.
      ["public", "eu-west-1a", 0, false],
      ["public", "eu-west-1b", 1, false],
      ["private", "eu-west-1a", 16, true],
      ["private", "eu-west-1b", 17, true],
      ["isolated", "eu-west-1a", 32, true],
      ["isolated", "eu-west-1b", 33, true],
    ]);
    expect(network.ipv6SubnetNumbers).toEqual({ public: [0, 1], private: [16, 17], isolated: [32, 33] });
  });

  test("routes ::/0 from public subnets to the internet gateway and from each private table to one egress-only gateway; isolated gets none", () => {
    let network!: Network;
    const s = synth((stack) => {
      network = new Network(stack, "Network", { ...base, tiers: allTiers, dualStack: true });
    });
    const eigws = Object.keys(resourcesOf(s, "aws_egress_only_internet_gateway"));
    expect(eigws).toHaveLength(1);
    expect(resourceAt(s, "aws_egress_only_internet_gateway", "EgressOnlyInternetGateway")).toMatchObject({
      vpc_id: expect.stringMatching(/^\$\{aws_vpc\.Network_[0-9A-F]{8}\.id\}$/),
      tags: { Name: "acme-test" },
    });
    const ipv6Routes = Object.entries(resourcesOf(s, "aws_route"))
      .filter(([, r]: [string, any]) => r.destination_ipv6_cidr_block !== undefined)
      .map(([address, r]: [string, any]) => [
        address.replace(/_[0-9A-F]{8}$/, ""),
        r.destination_ipv6_cidr_block,
        r.gateway_id ?? r.egress_only_gateway_id,
      ]);
    expect(ipv6Routes.sort()).toEqual([
      ["Network_PrivateDefaultRouteIpv61", "::/0", `\${aws_egress_only_internet_gateway.${eigws[0]}.id}`],
      ["Network_PrivateDefaultRouteIpv62", "::/0", `\${aws_egress_only_internet_gateway.${eigws[0]}.id}`],
      [
        "Network_PublicDefaultRouteIpv6",
        "::/0",
        expect.stringMatching(/^\$\{aws_internet_gateway\.Network_InternetGateway_[0-9A-F]{8}\.id\}$/),
      ],
    ]);
    // Load balancers wait for the IPv6 internet route too; private workloads for their IPv6 egress.
    expect(network.internetConnectivity).toHaveLength(5);
    const ipv6RouteIds = (deps: readonly unknown[]) =>
      deps.filter((d): d is Route => d instanceof Route && d.node.id.includes("Ipv6")).map((r) => r.node.id);
    expect(ipv6RouteIds(network.internetConnectivity)).toEqual(["PublicDefaultRouteIpv6"]);
    expect(ipv6RouteIds(network.subnetConnectivity.private)).toEqual(["PrivateDefaultRouteIpv61", "PrivateDefaultRouteIpv62"]);
  });

  test("adding a zone to a dual-stack network moves no IPv6 block: existing subnets are unchanged, the new zone takes the next slot", () => {
    const subnetsOf = (azs: string[]) =>
      Object.fromEntries(
        Object.entries(
          resourcesOf(
            synth((stack) => new Network(stack, "Network", { ...base, tiers: allTiers, availabilityZones: azs, dualStack: true })),
            "aws_subnet",
          ),
        ).map(([address, subnet]: [string, any]) => [address, subnet]),
      );
    const two = subnetsOf(["eu-west-1a", "eu-west-1b"]);
    const three = subnetsOf(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    for (const [address, subnet] of Object.entries(two)) expect(JSON.stringify(three[address])).toBe(JSON.stringify(subnet));
    const added = Object.keys(three).filter((a) => !(a in two));
    expect(added.map((a) => [a.replace(/_[0-9A-F]{8}$/, ""), ipv6Number(three[a])]).sort()).toEqual([
      ["Network_IsolatedSubnet3", 34],
      ["Network_PrivateSubnet3", 18],
      ["Network_PublicSubnet3", 2],
    ]);
  });

  test("the IPv6 layout depends on neither reservedAzs nor the IPv4 tier sizes", () => {
    const numbersOf = (props: object) => {
      let network!: Network;
      synth((stack) => {
        network = new Network(stack, "Network", { ...base, dualStack: true, ...props });
      });
      return network.ipv6SubnetNumbers;
    };
    const reference = numbersOf({});
    expect(numbersOf({ reservedAzs: 3 })).toEqual(reference);
    expect(numbersOf({ tiers: { public: { prefixLength: 24 }, private: { prefixLength: 20 } } })).toEqual(reference);
    expect(ipv6SubnetNumber("private", 5)).toBe(21);
  });

  test("without NAT, private subnets still reach the internet over IPv6, and the warning says so", () => {
    let network!: Network;
    const s = synth((stack) => {
      network = new Network(stack, "Network", { ...base, natGateways: "none", dualStack: true });
    });
    expect(Object.keys(resourcesOf(s, "aws_nat_gateway"))).toEqual([]);
    expect(Object.values(resourcesOf(s, "aws_route")).filter((r: any) => r.egress_only_gateway_id)).toHaveLength(2);
    const warnings = network.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data as string);
    expect(warnings).toEqual([expect.stringContaining("reach the internet over IPv6 only (the egress-only gateway)")]);
  });

  test("a dual-stack network without a private tier has no egress-only gateway", () => {
    const s = synth((stack) => new Network(stack, "Network", { ...base, tiers: { public: {}, isolated: {} }, dualStack: true }));
    expect(resourcesOf(s, "aws_egress_only_internet_gateway")).toEqual({});
  });

  test("fromAttributes carries an existing VPC's IPv6 block", () => {
    const network = Network.fromAttributes({
      vpcId: "vpc-1",
      vpcCidr: "10.0.0.0/16",
      ipv6CidrBlock: "2001:db8:1234:5600::/56",
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      privateSubnetIds: ["subnet-1", "subnet-2"],
    });
    expect(network.ipv6CidrBlock).toBe("2001:db8:1234:5600::/56");
  });
});

describe("SecurityGroup and Connections: IPv6", () => {
  test("allowAllIpv6Outbound adds an all-IPv6 egress rule next to the IPv4 one; it needs allowAllOutbound", () => {
    const s = synth((stack) => {
      new SecurityGroup(stack, "DualStack", { vpcId: "vpc-1", name: "dual", description: "d", allowAllIpv6Outbound: true });
      new SecurityGroup(stack, "Closed", {
        vpcId: "vpc-1",
        name: "closed",
        description: "c",
        allowAllOutbound: false,
        allowAllIpv6Outbound: true,
      });
      new SecurityGroup(stack, "Ipv4", { vpcId: "vpc-1", name: "ipv4", description: "i" });
    });
    const egress = Object.entries(resourcesOf(s, "aws_vpc_security_group_egress_rule")).map(([address, r]: [string, any]) => [
      address.replace(/_[0-9A-F]{8}$/, ""),
      r.cidr_ipv4 ?? r.cidr_ipv6,
      r.ip_protocol,
    ]);
    expect(egress.sort()).toEqual([
      ["DualStack_AllOutbound", "0.0.0.0/0", "-1"],
      ["DualStack_AllOutboundIpv6", "::/0", "-1"],
      ["Ipv4_AllOutbound", "0.0.0.0/0", "-1"],
    ]);
  });

  test("an IPv6 peer becomes a cidr_ipv6 rule", () => {
    const s = synth((stack) => {
      const group = new SecurityGroup(stack, "Group", { vpcId: "vpc-1", name: "g", description: "g" });
      group.connections.allowFrom(Peer.ipv6("2001:db8::/32"), Port.HTTPS);
    });
    expect(Object.values(resourcesOf(s, "aws_vpc_security_group_ingress_rule"))).toEqual([
      expect.objectContaining({ cidr_ipv6: "2001:db8::/32", from_port: 443, to_port: 443, ip_protocol: "tcp" }),
    ]);
  });
});
