import { PolicyContext, PolicyResource } from "../types";
import { blocks, isTrue, strings } from "./values";

/**
 * True for a block covering every address of its family: any `/0`, however the address is written
 * (`0.0.0.0/0`, `::/0`, `0::/0`, `::0/0`). All of IPv6 is as open as all of IPv4.
 */
export function isWorldCidr(cidr: string): boolean {
  return /^\s*[0-9a-fA-F.:]+\/0+\s*$/.test(cidr);
}

/** Route tables associated with `subnet` through `aws_route_table_association`. */
export function routeTablesOf(subnet: PolicyResource, context: PolicyContext): PolicyResource[] {
  return context
    .resourcesOfType("aws_route_table_association")
    .filter((a) => context.refersTo(a.config.subnet_id, subnet))
    .flatMap((a) => context.referencedBy(a.config.route_table_id))
    .filter((t) => t.type === "aws_route_table");
}

/** Routes of a route table: its inline `route` blocks and the `aws_route` resources pointing at it. */
export function routesOf(table: PolicyResource, context: PolicyContext): Record<string, unknown>[] {
  const separate = context.resourcesOfType("aws_route").filter((r) => context.refersTo(r.config.route_table_id, table));
  return [...blocks(table.config.route), ...separate.map((r) => r.config)];
}

function targetsInternetGateway(route: Record<string, unknown>, context: PolicyContext): boolean {
  const gateway = route.gateway_id;
  if (typeof gateway !== "string") return false;
  if (gateway.startsWith("igw-")) return true;
  return context.referencedBy(gateway).some((g) => g.type === "aws_internet_gateway");
}

/**
 * Why `subnet` is public, or `undefined` if it is not: it gives instances public IPs on launch, or
 * its route table sends traffic to an internet gateway.
 */
export function publicSubnetReason(subnet: PolicyResource, context: PolicyContext): string | undefined {
  if (isTrue(subnet.config.map_public_ip_on_launch)) return "it sets map_public_ip_on_launch";
  for (const table of routeTablesOf(subnet, context)) {
    if (routesOf(table, context).some((route) => targetsInternetGateway(route, context))) {
      return `its route table ${table.address} routes to an internet gateway`;
    }
  }
  return undefined;
}

/** The in-stack subnets among `subnetIds` that are public, each with the reason. */
export function publicSubnets(subnetIds: unknown, context: PolicyContext): { subnet: PolicyResource; reason: string }[] {
  return context
    .referencedBy(strings(subnetIds))
    .filter((s) => s.type === "aws_subnet")
    .map((subnet) => ({ subnet, reason: publicSubnetReason(subnet, context) }))
    .filter((x): x is { subnet: PolicyResource; reason: string } => x.reason !== undefined);
}

/** Subnets of a VPC (those whose `vpc_id` refers to it). */
export function subnetsOf(vpc: PolicyResource, context: PolicyContext): PolicyResource[] {
  return context.resourcesOfType("aws_subnet").filter((s) => context.refersTo(s.config.vpc_id, vpc));
}
