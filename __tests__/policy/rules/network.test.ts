import { TerraformStack } from "cdktf";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ApplicationLoadBalancer } from "../../../src/ingress";
import { sgOpenIngress, vpcDefaultSecurityGroup, vpcFlowLogs, vpcMultiAz, vpcNatPerAz } from "../../../src/policy";
import { network } from "../fixtures";
import { brief, findingsOf } from "../helpers";

describe("NET-001 VPC flow logs", () => {
  test("reports a VPC without flow logs", () => {
    expect(brief(findingsOf(vpcFlowLogs, (s) => network(s, { flowLogs: { enabled: false } })))).toEqual([
      "error NET-001 @ Network/Resource: no aws_flow_log records this VPC",
    ]);
  });

  test("passes a VPC with flow logs", () => {
    expect(findingsOf(vpcFlowLogs, (s) => network(s))).toEqual([]);
  });
});

describe("NET-002 default security group", () => {
  test("reports a VPC whose default security group is not managed, and a default group with rules", () => {
    const findings = findingsOf(vpcDefaultSecurityGroup, (s) => {
      new Vpc(s, "Bare", { cidrBlock: "10.1.0.0/16" });
      const open = new Vpc(s, "Open", { cidrBlock: "10.2.0.0/16" });
      new DefaultSecurityGroup(s, "OpenDefault", {
        vpcId: open.id,
        ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, selfAttribute: true }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
      });
    });
    expect(brief(findings)).toEqual([
      "error NET-002 @ Bare: the VPC's default security group is not managed, so it keeps AWS's allow-all rules",
      "error NET-002 @ OpenDefault: the default security group has 2 rule(s) (ingress, egress)",
    ]);
  });

  test("passes the Network's empty default security group", () => {
    expect(findingsOf(vpcDefaultSecurityGroup, (s) => network(s))).toEqual([]);
  });
});

describe("NET-003 ingress from anywhere", () => {
  test("reports world-open ports other than 80/443 on a public load balancer, and anything world-open elsewhere", () => {
    const findings = findingsOf(sgOpenIngress, (s) => {
      new SecurityGroup(s, "Bastion", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });
      const publicLb = new SecurityGroup(s, "PublicLb", {});
      new Lb(s, "Public", { name: "public", securityGroups: [publicLb.id] });
      new SecurityGroupRule(s, "PublicAdmin", {
        type: "ingress",
        securityGroupId: publicLb.id,
        protocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
        ipv6CidrBlocks: ["::/0"],
      });
      const internalLb = new SecurityGroup(s, "InternalLb", {});
      new Lb(s, "Internal", { name: "internal", internal: true, securityGroups: [internalLb.id] });
      new VpcSecurityGroupIngressRule(s, "InternalHttps", {
        securityGroupId: internalLb.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
      });
      new VpcSecurityGroupIngressRule(s, "AllTraffic", { securityGroupId: publicLb.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" });
    });
    expect(brief(findings)).toEqual([
      "error NET-003 @ AllTraffic: the rule allows all ports from 0.0.0.0/0",
      "error NET-003 @ Bastion: ingress #1 allows tcp port 22 from 0.0.0.0/0 on a group that is not on an internet-facing load balancer",
      "error NET-003 @ InternalHttps: the rule allows tcp port 443 from 0.0.0.0/0 on a group that is not on an internet-facing load balancer",
      "error NET-003 @ PublicAdmin: the rule allows tcp port 8080 from ::/0",
    ]);
  });

  test("treats any /0, however the address is written, as the whole internet (IPv6 as open as IPv4)", () => {
    const findings = findingsOf(sgOpenIngress, (s) => {
      const group = new SecurityGroup(s, "Workers", {});
      ["0::/0", "::0/0", "0:0:0:0:0:0:0:0/0"].forEach(
        (cidrIpv6, i) =>
          new VpcSecurityGroupIngressRule(s, `Ssh${i}`, {
            securityGroupId: group.id,
            ipProtocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrIpv6,
          }),
      );
      new VpcSecurityGroupIngressRule(s, "Office", {
        securityGroupId: group.id,
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrIpv6: "2001:db8::/32",
      });
    });
    expect(brief(findings)).toEqual([
      "error NET-003 @ Ssh0: the rule allows tcp port 22 from 0::/0 on a group that is not on an internet-facing load balancer",
      "error NET-003 @ Ssh1: the rule allows tcp port 22 from ::0/0 on a group that is not on an internet-facing load balancer",
      "error NET-003 @ Ssh2: the rule allows tcp port 22 from 0:0:0:0:0:0:0:0/0 on a group that is not on an internet-facing load balancer",
    ]);
  });

  test("passes a dual-stack network's internet-facing dual-stack load balancer: HTTP(S) from ::/0 and 0.0.0.0/0", () => {
    const findings = findingsOf(sgOpenIngress, (s) => {
      const net = network(s, { dualStack: true });
      new ApplicationLoadBalancer(s, "Alb", { name: "acme-test-web", network: net, ipAddressType: "dualstack" });
    });
    expect(findings).toEqual([]);
  });

  test("passes 80 and 443 from anywhere on a public load balancer, and rules from known networks", () => {
    const findings = findingsOf(sgOpenIngress, (s) => {
      const lbGroup = new SecurityGroup(s, "Lb", {
        ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
      });
      new Lb(s, "Public", { name: "public", securityGroups: [lbGroup.id] });
      new VpcSecurityGroupIngressRule(s, "Http", {
        securityGroupId: lbGroup.id,
        ipProtocol: "tcp",
        fromPort: 80,
        toPort: 80,
        cidrIpv6: "::/0",
      });
      new VpcSecurityGroupIngressRule(s, "Office", {
        securityGroupId: lbGroup.id,
        ipProtocol: "tcp",
        fromPort: 8443,
        toPort: 8443,
        cidrIpv4: "203.0.113.0/24",
      });
    });
    expect(findings).toEqual([]);
  });
});

describe("NET-004 multi-AZ production", () => {
  // Network refuses fewer than two zones, so a single-zone VPC is built from provider resources.
  const oneZone = (s: TerraformStack) => {
    const vpc = new Vpc(s, "Vpc", { cidrBlock: "10.0.0.0/16" });
    new Subnet(s, "A", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", availabilityZone: "eu-west-1a" });
    new Subnet(s, "B", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-1a" });
  };

  test("reports a production VPC in one availability zone", () => {
    expect(brief(findingsOf(vpcMultiAz, oneZone, { environmentClass: "production" }))).toEqual([
      "error NET-004 @ Vpc: all 2 subnet(s) are in eu-west-1a",
    ]);
  });

  test("passes two zones in production, and one zone outside production", () => {
    expect(findingsOf(vpcMultiAz, (s) => network(s), { environmentClass: "production" })).toEqual([]);
    expect(findingsOf(vpcMultiAz, oneZone)).toEqual([]);
  });
});

describe("NET-005 NAT gateway per availability zone in production", () => {
  test("reports production subnets routing through another zone's NAT gateway", () => {
    expect(brief(findingsOf(vpcNatPerAz, (s) => network(s, { natGateways: "single" }), { environmentClass: "production" }))).toEqual([
      "error NET-005 @ Network/Resource: subnets route through a NAT gateway in another availability zone (eu-west-1b -> eu-west-1a)",
    ]);
  });

  test("passes a NAT gateway per zone in production, and a single NAT gateway outside production", () => {
    expect(findingsOf(vpcNatPerAz, (s) => network(s), { environmentClass: "production" })).toEqual([]);
    expect(findingsOf(vpcNatPerAz, (s) => network(s, { natGateways: "single" }))).toEqual([]);
  });
});
