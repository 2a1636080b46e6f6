/**
 * The dependency graph Terraform builds from a synthesized stack: an edge from each resource to every
 * resource or data source its arguments reference (`${aws_x.name.attr}`) and to each `depends_on`
 * entry. Create order follows the edges backwards, destroy order forwards, so "A reaches B" means
 * B is created before A and destroyed after it.
 */
export type Json = any;

const REFERENCE = /\$\{[^}]*\}/g;
const ADDRESS = /\b((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)/g;

/** Every address (`type.name`, `data.type.name`) referenced inside `${...}` anywhere in `value`. */
export function referencesIn(value: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      for (const expression of v.match(REFERENCE) ?? []) for (const m of expression.matchAll(ADDRESS)) found.add(m[1]);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(value);
  return found;
}

/** A stack's resources and data sources by address, with their outgoing edges. */
export class DependencyGraph {
  public readonly nodes = new Map<string, Json>();
  private readonly edges = new Map<string, Set<string>>();

  constructor(stack: Json) {
    for (const [prefix, blocks] of [
      ["", stack.resource ?? {}],
      ["data.", stack.data ?? {}],
    ] as const) {
      for (const [type, byName] of Object.entries(blocks as Record<string, Record<string, Json>>)) {
        for (const [name, body] of Object.entries(byName)) {
          const address = `${prefix}${type}.${name}`;
          this.nodes.set(address, body);
          const { depends_on: dependsOn, lifecycle, ...args } = body;
          const out = referencesIn(args);
          for (const d of (dependsOn ?? []) as string[]) out.add(d);
          out.delete(address);
          this.edges.set(address, out);
        }
      }
    }
  }

  /** Addresses of one resource type. */
  public ofType(type: string): string[] {
    return [...this.nodes.keys()].filter((a) => a.startsWith(`${type}.`));
  }

  /** Everything `from` waits for on create, directly or through other resources. */
  public reachable(from: string): Set<string> {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      for (const next of this.edges.get(stack.pop()!) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return seen;
  }

  /** Resources of `type` whose `attribute` references `target` (e.g. the associations of a subnet). */
  public referencing(type: string, attribute: string, target: string): string[] {
    return this.ofType(type).filter((a) => referencesIn(this.nodes.get(a)[attribute]).has(target));
  }

  /** The addresses an argument of `address` references. */
  public referencedBy(address: string, attribute: string): string[] {
    return [...referencesIn(this.nodes.get(address)?.[attribute])];
  }
}

/**
 * What a workload in `subnets` needs routed before it starts: each subnet's route table association
 * and the routes of that table.
 */
export function routingOf(graph: DependencyGraph, subnets: readonly string[]): string[] {
  return subnets.flatMap((subnet) =>
    graph
      .referencing("aws_route_table_association", "subnet_id", subnet)
      .flatMap((association) => [
        association,
        ...graph.referencedBy(association, "route_table_id").flatMap((table) => graph.referencing("aws_route", "route_table_id", table)),
      ]),
  );
}
