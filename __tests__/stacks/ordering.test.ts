import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { OFFLINE_STACKS } from "../offline/registry";
import { DependencyGraph, routingOf } from "./dependency-graph";

/**
 * The orders AWS needs and no reference implies, checked on the dependency graph Terraform builds
 * from every synthesized stack (environments, examples, module stacks): internet-facing load
 * balancers after the internet gateway and their subnets' public routes; services after their
 * roles' policies and their subnets' routes and endpoints. Destroy runs the same edges backwards.
 */
const outdir = mkdtempSync(join(tmpdir(), "ordering-"));
const app = new App({ outdir });
const stackIds = OFFLINE_STACKS.flatMap((build) => build(app)).map((s) => s.node.id);
app.synth();
const graphs = Object.fromEntries(
  stackIds.map((id) => [id, new DependencyGraph(JSON.parse(readFileSync(join(outdir, "stacks", id, "cdk.tf.json"), "utf8")))]),
);
rmSync(outdir, { recursive: true, force: true });

const subnetsOf = (graph: DependencyGraph, address: string, attribute: string) =>
  graph.referencedBy(address, attribute).filter((a) => a.startsWith("aws_subnet."));
const missing = (graph: DependencyGraph, from: string, required: readonly string[]) => {
  const reached = graph.reachable(from);
  return required.filter((r) => !reached.has(r));
};

/** Internet-facing load balancers in subnets of this stack, with what each must wait for. */
function loadBalancerNeeds(graph: DependencyGraph): Array<[string, string[]]> {
  return graph
    .ofType("aws_lb")
    .filter((lb) => graph.nodes.get(lb).internal === false)
    .map((lb): [string, string[]] => {
      const subnets = subnetsOf(graph, lb, "subnets");
      const vpcs = new Set(subnets.flatMap((s) => graph.referencedBy(s, "vpc_id")));
      const gateways = graph.ofType("aws_internet_gateway").filter((igw) => graph.referencedBy(igw, "vpc_id").some((v) => vpcs.has(v)));
      return [lb, subnets.length > 0 ? [...gateways, ...routingOf(graph, subnets)] : []];
    })
    .filter(([, needs]) => needs.length > 0);
}

/** Services, with their roles' policies and their subnets' routing and endpoints. */
function serviceNeeds(graph: DependencyGraph): Array<[string, { policies: string[]; routing: string[] }]> {
  return graph.ofType("aws_ecs_service").map((service) => {
    const taskDefinitions = graph.referencedBy(service, "task_definition").filter((a) => a.startsWith("aws_ecs_task_definition."));
    const roles = taskDefinitions.flatMap((td) => [
      ...graph.referencedBy(td, "execution_role_arn"),
      ...graph.referencedBy(td, "task_role_arn"),
    ]);
    const policies = roles.flatMap((role) => [
      ...graph.referencing("aws_iam_role_policy", "role", role),
      ...graph.referencing("aws_iam_role_policy_attachment", "role", role),
    ]);
    const subnets = subnetsOf(graph, service, "network_configuration");
    const routing = routingOf(graph, subnets);
    const tables = new Set(
      routing.filter((a) => a.startsWith("aws_route_table_association.")).flatMap((a) => graph.referencedBy(a, "route_table_id")),
    );
    const endpoints = graph.ofType("aws_vpc_endpoint").filter((endpoint) => {
      const node = graph.nodes.get(endpoint);
      return node.vpc_endpoint_type === "Interface"
        ? graph.referencedBy(endpoint, "subnet_ids").some((s) => subnets.includes(s))
        : graph.referencedBy(endpoint, "route_table_ids").some((t) => tables.has(t));
    });
    return [service, { policies, routing: [...routing, ...endpoints] }];
  });
}

describe("ordering AWS requires, on the synthesized dependency graph", () => {
  test("covers every environment, with load balancers and services to check", () => {
    for (const env of ["dev", "staging", "prod"]) {
      expect(loadBalancerNeeds(graphs[env]).length).toBeGreaterThan(0);
      expect(serviceNeeds(graphs[env]).length).toBeGreaterThan(1);
    }
  });

  test.each(stackIds)("%s: internet-facing load balancers wait for the internet gateway and their subnets' public routes", (id) => {
    const graph = graphs[id];
    for (const [lb, needs] of loadBalancerNeeds(graph)) {
      expect({ lb, missing: missing(graph, lb, needs) }).toEqual({ lb, missing: [] });
      expect(needs.some((n) => n.startsWith("aws_internet_gateway."))).toBe(true);
      expect(needs.some((n) => n.startsWith("aws_route.") && graph.nodes.get(n).destination_cidr_block === "0.0.0.0/0")).toBe(true);
    }
  });

  test.each(stackIds)("%s: services wait for their roles' policies and their subnets' routes and endpoints", (id) => {
    const graph = graphs[id];
    for (const [service, { policies, routing }] of serviceNeeds(graph)) {
      expect({ service, missing: missing(graph, service, [...policies, ...routing]) }).toEqual({ service, missing: [] });
    }
  });

  test("the environments' services wait for NAT routes and execution-role policies (the checks have something to find)", () => {
    const needs = serviceNeeds(graphs.prod);
    expect(needs.every(([, n]) => n.policies.some((p) => p.includes("ExecutionRole")))).toBe(true);
    expect(needs.every(([, n]) => n.routing.some((r) => graphs.prod.nodes.get(r)?.nat_gateway_id !== undefined))).toBe(true);
  });
});
