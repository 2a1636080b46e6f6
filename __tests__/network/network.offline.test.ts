import { TerraformPlanJson } from "../../src/terraform";
import { changesOf, offlinePlan } from "../offline/offline-plans";
import { NETWORK_OFFLINE_STACK } from "./offline-stack";

/** The dual-stack network, its load balancers and a service, through the real hashicorp/aws provider. */
describe("dual-stack network against the real provider", () => {
  let plan: TerraformPlanJson;
  beforeAll(async () => {
    plan = await offlinePlan(NETWORK_OFFLINE_STACK);
  });
  const after = (type: string) => changesOf(plan, type).map((c) => c.change.after as Record<string, any>);
  const unknown = (type: string) => changesOf(plan, type).map((c) => c.change.after_unknown as Record<string, any>);

  test("plans an Amazon IPv6 block on the VPC and an IPv6 block (known at apply) on each of the 9 subnets", () => {
    expect(after("aws_vpc")).toEqual([expect.objectContaining({ assign_generated_ipv6_cidr_block: true })]);
    const subnets = after("aws_subnet");
    expect(subnets).toHaveLength(9);
    expect(unknown("aws_subnet").every((u) => u.ipv6_cidr_block === true)).toBe(true);
    expect(
      subnets
        .filter((s) => s.assign_ipv6_address_on_creation)
        .map((s) => s.tags.Tier)
        .sort(),
    ).toEqual(["isolated", "isolated", "isolated", "private", "private", "private"]);
  });

  test("plans one egress-only gateway and ::/0 routes: one public to the internet gateway, one per private table", () => {
    expect(after("aws_egress_only_internet_gateway")).toHaveLength(1);
    const ipv6Routes = after("aws_route").filter((r) => r.destination_ipv6_cidr_block === "::/0");
    expect(ipv6Routes).toHaveLength(4);
  });

  test("plans the three load balancers dual-stack, with IPv6 listener rules", () => {
    expect(
      after("aws_lb")
        .map((lb) => [lb.name, lb.ip_address_type])
        .sort(),
    ).toEqual([
      ["acme-ipv6-api", "dualstack"],
      ["acme-ipv6-mqtt", "dualstack"],
      ["acme-ipv6-web", "dualstack"],
    ]);
    const ipv6Ingress = after("aws_vpc_security_group_ingress_rule").filter((r) => r.cidr_ipv6 === "::/0");
    expect(ipv6Ingress.map((r) => r.from_port).sort()).toEqual([80]);
    expect(after("aws_vpc_security_group_egress_rule").filter((r) => r.cidr_ipv6 === "::/0")).toHaveLength(1);
  });
});
