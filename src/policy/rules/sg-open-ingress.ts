import { everywhere, PolicyContext, PolicyResource, Rule, Violation } from "../types";
import { isWorldCidr } from "../inspect/network";
import { blocks, isTrue, numberOf, strings } from "../inspect/values";

/** Ports the internet may reach, and only on an internet-facing load balancer's security group. */
export const PUBLIC_LOAD_BALANCER_PORTS: readonly number[] = [80, 443];

interface IngressRule {
  readonly label: string;
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly openTo: readonly string[];
}

function openCidrs(...lists: unknown[]): string[] {
  return lists.flatMap((l) => strings(l)).filter(isWorldCidr);
}

/** The ingress rules a resource declares, with the world-open CIDRs of each, and the groups they belong to. */
function ingressOf(resource: PolicyResource, context: PolicyContext): { rules: IngressRule[]; groups: PolicyResource[] } {
  const c = resource.config;
  const referencedGroups = () => context.referencedBy(c.security_group_id).filter((g) => g.type === "aws_security_group");
  switch (resource.type) {
    case "aws_security_group":
      return {
        groups: [resource],
        rules: blocks(c.ingress).map((r, i) => ({
          label: `ingress #${i + 1}`,
          protocol: String(r.protocol),
          fromPort: numberOf(r.from_port),
          toPort: numberOf(r.to_port),
          openTo: openCidrs(r.cidr_blocks, r.ipv6_cidr_blocks),
        })),
      };
    case "aws_security_group_rule":
      if (c.type !== "ingress") return { rules: [], groups: [] };
      return {
        groups: referencedGroups(),
        rules: [
          {
            label: "the rule",
            protocol: String(c.protocol),
            fromPort: numberOf(c.from_port),
            toPort: numberOf(c.to_port),
            openTo: openCidrs(c.cidr_blocks, c.ipv6_cidr_blocks),
          },
        ],
      };
    default:
      return {
        groups: referencedGroups(),
        rules: [
          {
            label: "the rule",
            protocol: String(c.ip_protocol),
            fromPort: numberOf(c.from_port),
            toPort: numberOf(c.to_port),
            openTo: openCidrs(c.cidr_ipv4, c.cidr_ipv6),
          },
        ],
      };
  }
}

function allPorts(rule: IngressRule): boolean {
  return rule.protocol === "-1" || rule.protocol.toLowerCase() === "all";
}

function describePorts(rule: IngressRule): string {
  if (allPorts(rule)) return "all ports";
  return rule.fromPort === rule.toPort
    ? `${rule.protocol} port ${String(rule.fromPort)}`
    : `${rule.protocol} ports ${String(rule.fromPort)}-${String(rule.toPort)}`;
}

/** True when one of the security groups is attached to an internet-facing load balancer in the stack. */
function onPublicLoadBalancer(groups: readonly PolicyResource[], context: PolicyContext): boolean {
  return [...context.resourcesOfType("aws_lb"), ...context.resourcesOfType("aws_alb")].some(
    (lb) => !isTrue(lb.config.internal) && groups.some((g) => context.refersTo(lb.config.security_groups, g)),
  );
}

function isWebPort(rule: IngressRule): boolean {
  const tcp = rule.protocol === "tcp" || rule.protocol === "6";
  return tcp && rule.fromPort !== undefined && rule.fromPort === rule.toPort && PUBLIC_LOAD_BALANCER_PORTS.includes(rule.fromPort);
}

/** NET-003: nothing is open to the internet except HTTP(S) on an internet-facing load balancer. */
export const sgOpenIngress: Rule = {
  id: "NET-003",
  title: "No ingress from 0.0.0.0/0 or ::/0 except 80/443 on a public load balancer",
  rationale:
    "A port open to the whole internet is scanned within minutes; only the load balancer's HTTP and HTTPS listeners are meant to be public, everything else is reached through it or from known networks.",
  severity: everywhere("error"),
  appliesTo: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
  references: [
    "CKV_AWS_24",
    "CKV_AWS_25",
    "CKV_AWS_260",
    "CKV_AWS_277",
    "AVD-AWS-0107",
    "AwsSolutions-EC23",
    "Security Hub EC2.18",
    "Security Hub EC2.19",
  ],
  check(resource, context): Violation[] {
    const { rules, groups } = ingressOf(resource, context);
    const open = rules.filter((r) => r.openTo.length > 0);
    if (open.length === 0) return [];
    const publicLb = onPublicLoadBalancer(groups, context);
    return open
      .filter((r) => !(publicLb && isWebPort(r)))
      .map((r) => ({
        message: `${r.label} allows ${describePorts(r)} from ${r.openTo.join(" and ")}${publicLb ? "" : " on a group that is not on an internet-facing load balancer"}`,
        fix: publicLb
          ? "Open only tcp 80 and 443 to the internet; reach other ports from the load balancer's or a known network's security group."
          : "Allow the source security group (e.g. the load balancer's) or a known CIDR instead of the whole internet.",
      }));
  },
};
