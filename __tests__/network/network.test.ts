import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Network, InterfaceEndpointPresets, SecurityGroup } from "../../src/network";
import { resourceAt, resourcesOf, synth } from "../helpers";

const base = { name: "acme-test", cidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] };

describe("Network", () => {
  test("creates a VPC with DNS on, a Name tag, user tags and one subnet per tier per AZ", () => {
    const s = synth((stack) => new Network(stack, "Network", { ...base, tags: { Team: "platform" } }));
    expect(s.json).toHaveResourceWithProperties(Vpc, {
      cidr_block: "10.0.0.0/16",
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: { Name: "acme-test", Team: "platform" },
    });
    const subnets = Object.values(resourcesOf(s, "aws_subnet"));
    expect(
      subnets
        .map((x: any) => [x.tags.Tier, x.availability_zone, x.cidr_block])
        .sort((a, b) => a[2].localeCompare(b[2], "en", { numeric: true })),
    ).toEqual([
      // Six zone slots per tier: a /20 each, zone i at slot i of its tier's region.
      ["public", "eu-west-1a", "10.0.0.0/20"],
      ["public", "eu-west-1b", "10.0.16.0/20"],
      ["private", "eu-west-1a", "10.0.96.0/20"],
      ["private", "eu-west-1b", "10.0.112.0/20"],
    ]);
    expect(subnets.every((x: any) => x.map_public_ip_on_launch === false)).toBe(true);
  });

  test("adding a zone adds that zone's subnets and changes no existing subnet", () => {
    const subnetsOf = (azs: string[]) =>
      Object.fromEntries(
        Object.entries(
          resourcesOf(
            synth((stack) => new Network(stack, "Network", { ...base, availabilityZones: azs })),
            "aws_subnet",
          ),
        ).map(([address, subnet]: [string, any]) => [address, JSON.stringify(subnet)]),
      );
    const two = subnetsOf(["eu-west-1a", "eu-west-1b"]);
    const three = subnetsOf(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    for (const [address, subnet] of Object.entries(two)) expect(three[address]).toBe(subnet);
    expect(Object.keys(three).filter((a) => !(a in two))).toEqual([
      expect.stringMatching(/^Network_PrivateSubnet3_/),
      expect.stringMatching(/^Network_PublicSubnet3_/),
    ]);
  });

  test("defaults to one NAT gateway per AZ with public and private tiers, each private route table using its own", () => {
    const s = synth((stack) => new Network(stack, "Network", base));
    expect(Object.keys(resourcesOf(s, "aws_nat_gateway"))).toHaveLength(2);
    expect(Object.keys(resourcesOf(s, "aws_eip"))).toHaveLength(2);
    const r1 = resourceAt(s, "aws_route", "Network/PrivateDefaultRoute1");
    const r2 = resourceAt(s, "aws_route", "Network/PrivateDefaultRoute2");
    expect(r1.nat_gateway_id).not.toEqual(r2.nat_gateway_id);
    expect(resourceAt(s, "aws_route", "Network/PublicDefaultRoute").gateway_id).toMatch(/aws_internet_gateway/);
  });

  test("single NAT: one gateway shared by every private route table", () => {
    const s = synth((stack) => new Network(stack, "Network", { ...base, natGateways: "single" }));
    expect(Object.keys(resourcesOf(s, "aws_nat_gateway"))).toHaveLength(1);
    const r1 = resourceAt(s, "aws_route", "Network/PrivateDefaultRoute1");
    const r2 = resourceAt(s, "aws_route", "Network/PrivateDefaultRoute2");
    expect(r1.nat_gateway_id).toEqual(r2.nat_gateway_id);
  });

  test("no public tier: no internet gateway, no NAT; isolated subnets have no default route", () => {
    const s = synth((stack) => new Network(stack, "Network", { ...base, tiers: { isolated: { prefixLength: 20 } } }));
    expect(resourcesOf(s, "aws_internet_gateway")).toEqual({});
    expect(resourcesOf(s, "aws_nat_gateway")).toEqual({});
    expect(resourcesOf(s, "aws_route")).toEqual({});
    expect(Object.keys(resourcesOf(s, "aws_subnet"))).toHaveLength(2);
  });

  test("locks down the default security group", () => {
    const s = synth((stack) => new Network(stack, "Network", base));
    const sg = resourceAt(s, "aws_default_security_group", "Network/DefaultSecurityGroup");
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
  });

  test("flow logs go to a CloudWatch log group with retention through a role scoped to that group", () => {
    const s = synth((stack) => new Network(stack, "Network", base));
    expect(resourceAt(s, "aws_cloudwatch_log_group", "FlowLog/LogGroup")).toMatchObject({
      name: "/vpc/acme-test/flow-logs",
      retention_in_days: 90,
    });
    expect(resourceAt(s, "aws_flow_log", "FlowLog/Resource")).toMatchObject({
      traffic_type: "ALL",
      log_destination_type: "cloud-watch-logs",
    });
    const policy = JSON.parse(resourceAt(s, "aws_iam_role_policy", "FlowLog/RolePolicy").policy);
    expect(policy.Statement[0].Resource).toMatch(/^\$\{aws_cloudwatch_log_group\..*\.arn\}:\*$/);
    const trust = JSON.parse(resourceAt(s, "aws_iam_role", "FlowLog/Role").assume_role_policy);
    expect(trust.Statement[0].Principal.Service).toBe("vpc-flow-logs.amazonaws.com");
  });

  test("flow logs to S3 need no role or log group", () => {
    const s = synth(
      (stack) => new Network(stack, "Network", { ...base, flowLogs: { destination: "s3", s3BucketArn: "arn:aws:s3:::acme-flow-logs" } }),
    );
    expect(resourceAt(s, "aws_flow_log", "FlowLog/Resource")).toMatchObject({
      log_destination_type: "s3",
      log_destination: "arn:aws:s3:::acme-flow-logs",
    });
    expect(resourcesOf(s, "aws_iam_role")).toEqual({});
  });

  test("flow logs can be turned off explicitly", () => {
    const s = synth((stack) => new Network(stack, "Network", { ...base, flowLogs: { enabled: false } }));
    expect(resourcesOf(s, "aws_flow_log")).toEqual({});
  });

  test("gateway endpoints for S3 and DynamoDB attach to private and isolated route tables", () => {
    const s = synth((stack) => new Network(stack, "Network", { ...base, tiers: { public: {}, private: {}, isolated: {} } }));
    const s3 = resourceAt(s, "aws_vpc_endpoint", "Network/S3GatewayEndpoint");
    expect(s3).toMatchObject({ service_name: "com.amazonaws.eu-west-1.s3", vpc_endpoint_type: "Gateway" });
    expect(s3.route_table_ids).toHaveLength(3);
    expect(resourceAt(s, "aws_vpc_endpoint", "Network/DynamodbGatewayEndpoint").service_name).toBe("com.amazonaws.eu-west-1.dynamodb");
  });

  test("the Fargate preset creates every interface endpoint with private DNS in the private subnets, behind a 443-from-VPC group", () => {
    const s = synth(
      (stack) => new Network(stack, "Network", { ...base, interfaceEndpoints: InterfaceEndpointPresets.FARGATE_WITHOUT_NAT }),
    );
    const endpoints = Object.values(resourcesOf(s, "aws_vpc_endpoint")).filter((e: any) => e.vpc_endpoint_type === "Interface");
    expect(endpoints.map((e: any) => e.service_name.replace("com.amazonaws.eu-west-1.", "")).sort()).toEqual(
      [...InterfaceEndpointPresets.FARGATE_WITHOUT_NAT].sort(),
    );
    for (const e of endpoints as any[]) {
      expect(e.private_dns_enabled).toBe(true);
      expect(e.subnet_ids).toEqual([expect.stringContaining("PrivateSubnet1"), expect.stringContaining("PrivateSubnet2")]);
    }
    const ingress = Object.values(resourcesOf(s, "aws_vpc_security_group_ingress_rule"));
    expect(ingress).toEqual([expect.objectContaining({ cidr_ipv4: "10.0.0.0/16", from_port: 443, to_port: 443, ip_protocol: "tcp" })]);
    expect(resourcesOf(s, "aws_vpc_security_group_egress_rule")).toEqual({});
  });

  test("endpoint policies are attached by service name", () => {
    const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }] });
    const s = synth((stack) => new Network(stack, "Network", { ...base, endpointPolicies: { s3: policy } }));
    expect(resourceAt(s, "aws_vpc_endpoint", "Network/S3GatewayEndpoint").policy).toBe(policy);
  });

  test("exposes typed attributes and picks private subnets for workloads", () => {
    synth((stack) => {
      const network = new Network(stack, "Network", { ...base, tiers: { public: {}, private: {}, isolated: {} } });
      expect(network.region).toBe("eu-west-1");
      expect(network.privateSubnetIds).toHaveLength(2);
      expect(network.isolatedSubnetIds).toHaveLength(2);
      expect(network.workloadSubnetIds).toBe(network.privateSubnetIds);
      expect(network.subnetCidrs.private).toEqual(["10.0.48.0/21", "10.0.56.0/21"]);
      expect(network.routeTableIds.private).toHaveLength(2);
    });
  });

  test("fromAttributes describes an existing network", () => {
    const network = Network.fromAttributes({
      vpcId: "vpc-1",
      vpcCidr: "10.0.0.0/16",
      availabilityZones: ["a", "b"],
      isolatedSubnetIds: ["s-1", "s-2"],
    });
    expect(network.workloadSubnetTier).toBe("isolated");
    expect(network.workloadSubnetIds).toEqual(["s-1", "s-2"]);
  });
});

describe("SecurityGroup", () => {
  test("is replacement-safe: a name prefix and create_before_destroy, so a replacement never waits on attached ENIs", () => {
    const s = synth((stack) => new SecurityGroup(stack, "Group", { vpcId: "vpc-1", name: "acme-dev-web", description: "web tasks" }));
    const group = resourceAt(s, "aws_security_group", "Group");
    expect(group).toMatchObject({
      name_prefix: "acme-dev-web-",
      description: "web tasks",
      tags: { Name: "acme-dev-web" },
      lifecycle: { create_before_destroy: true },
    });
    expect(group.name).toBeUndefined();
  });
});
