import { PolicyContext, PolicyResource, PRODUCTION_ONLY, Rule } from "../types";
import { routesOf, subnetsOf } from "../inspect/network";
import { isExpression } from "../inspect/values";

function zoneOf(subnet: PolicyResource | undefined): string | undefined {
  const zone = subnet?.config.availability_zone ?? subnet?.config.availability_zone_id;
  return typeof zone === "string" && !isExpression(zone) ? zone : undefined;
}

/** The zone of the NAT gateway each subnet of the VPC routes through, for subnets that use one. */
function natZonesBySubnet(vpc: PolicyResource, context: PolicyContext): { subnet: PolicyResource; subnetZone: string; natZone: string }[] {
  const found: { subnet: PolicyResource; subnetZone: string; natZone: string }[] = [];
  for (const subnet of subnetsOf(vpc, context)) {
    const subnetZone = zoneOf(subnet);
    if (!subnetZone) continue;
    const tables = context
      .resourcesOfType("aws_route_table_association")
      .filter((a) => context.refersTo(a.config.subnet_id, subnet))
      .flatMap((a) => context.referencedBy(a.config.route_table_id));
    for (const table of tables) {
      for (const route of routesOf(table, context)) {
        for (const nat of context.referencedBy(route.nat_gateway_id).filter((r) => r.type === "aws_nat_gateway")) {
          const natZone = zoneOf(context.referencedBy(nat.config.subnet_id).find((s) => s.type === "aws_subnet"));
          if (natZone) found.push({ subnet, subnetZone, natZone });
        }
      }
    }
  }
  return found;
}

/** NET-005: in production, private subnets use a NAT gateway in their own availability zone. */
export const vpcNatPerAz: Rule = {
  id: "NET-005",
  title: "Production subnets use a NAT gateway in their own availability zone",
  rationale:
    "With one NAT gateway for every zone, losing that gateway's zone cuts outbound access (image pulls, AWS APIs without endpoints) for tasks in the zones that are still up, and cross-zone traffic is billed.",
  severity: PRODUCTION_ONLY,
  appliesTo: ["aws_vpc"],
  references: ["AWS NAT gateway docs (zone-independent architecture)", "AWS Well-Architected REL10-BP01"],
  check(resource, context) {
    const crossZone = natZonesBySubnet(resource, context).filter((x) => x.subnetZone !== x.natZone);
    if (crossZone.length === 0) return [];
    const zones = [...new Set(crossZone.map((x) => `${x.subnetZone} -> ${x.natZone}`))];
    return [
      {
        message: `subnets route through a NAT gateway in another availability zone (${zones.join(", ")})`,
        fix: 'Create one NAT gateway per availability zone and route each zone\'s private subnets through its own (Network: natGateways = "perAz").',
      },
    ];
  },
};
