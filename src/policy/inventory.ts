import { TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { EnvironmentClass, PolicyContext, PolicyResource } from "./types";

/** A resource of the stack together with the construct that produces it. */
export interface InventoryEntry extends PolicyResource {
  /** The resource or data source construct; findings are annotated on it and suppressions looked up from it. */
  readonly construct: IConstruct;
}

/** Resources and provider blocks, as rules see a stack. */
export interface ResourceSet<R extends PolicyResource = PolicyResource> {
  /** Every resource and data source of the stack, with its synthesized arguments. */
  readonly resources: readonly R[];
  /** The synthesized `provider` block: provider name to its configurations (one per alias). */
  readonly providers: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

/** A synthesized stack's resources, each with the construct that produces it. */
export type Inventory = ResourceSet<InventoryEntry>;

type TerraformJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  provider?: Record<string, Record<string, unknown>[]>;
};

/**
 * Reads every resource and data source of `stack` with the values cdktf will write: the whole stack
 * is rendered with `toTerraform()`, so resource-level and stack-level `addOverride`s are included and
 * every token is resolved to its final `${...}` string. Pass `rendered` when the caller already has
 * that rendering.
 */
export function collectInventory(stack: TerraformStack, rendered?: Record<string, unknown>): Inventory {
  const json = (rendered ?? stack.toTerraform()) as TerraformJson;
  const resources: InventoryEntry[] = [];
  for (const node of stack.node.findAll()) {
    const isResource = TerraformResource.isTerraformResource(node);
    if (!isResource && !TerraformDataSource.isTerraformDataSource(node)) continue;
    const element = node as TerraformResource | TerraformDataSource;
    const name = element.friendlyUniqueId;
    const tfType = element.terraformResourceType;
    const raw = (isResource ? json.resource : json.data)?.[tfType]?.[name];
    // A resource moved away (`moveTo`) is not rendered under its old name; nothing to check there.
    if (!raw) continue;
    const { ["//"]: _metadata, ...config } = raw;
    const type = isResource ? tfType : `data.${tfType}`;
    resources.push({
      type,
      address: `${type}.${name}`,
      constructPath: node.node.path,
      config,
      // Generated provider classes expose `tagsInput` exactly when the schema has a `tags` argument.
      taggable: isResource && "tagsInput" in element,
      construct: node,
    });
  }
  return { resources, providers: json.provider ?? {} };
}

const INTERPOLATION = /\$\{([^}]*)\}/g;
const REFERENCE = /(?:^|[^A-Za-z0-9_.])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)/g;

/** Addresses (`type.name`, `data.type.name`) referenced by `${...}` expressions anywhere in `value`. */
export function referencedAddresses(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === "string") {
      for (const [, expression] of v.matchAll(INTERPOLATION)) {
        for (const [, address] of expression.matchAll(REFERENCE)) found.add(address);
      }
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (v !== null && typeof v === "object") {
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return [...found];
}

/** The {@link PolicyContext} over a {@link ResourceSet} (a stack's inventory, or resources built by hand in tests). */
export class StackIndex<R extends PolicyResource = PolicyResource> implements PolicyContext {
  public readonly resources: readonly R[];
  private readonly byAddress = new Map<string, R>();
  private readonly byType = new Map<string, R[]>();

  constructor(
    private readonly inventory: ResourceSet<R>,
    public readonly environmentClass: EnvironmentClass,
    public readonly requiredTags: readonly string[] = [],
    public readonly permissionsBoundaryArn?: string,
  ) {
    this.resources = inventory.resources;
    for (const resource of inventory.resources) {
      this.byAddress.set(resource.address, resource);
      this.byType.set(resource.type, [...(this.byType.get(resource.type) ?? []), resource]);
    }
  }

  public resourcesOfType(type: string): readonly R[] {
    return this.byType.get(type) ?? [];
  }

  public resourceAt(address: string): R | undefined {
    return this.byAddress.get(address);
  }

  public referencedBy(value: unknown): readonly R[] {
    return referencedAddresses(value)
      .map((address) => this.byAddress.get(address))
      .filter((r): r is R => r !== undefined);
  }

  public refersTo(value: unknown, resource: PolicyResource): boolean {
    return referencedAddresses(value).includes(resource.address);
  }

  public providerDefaultTags(resource: PolicyResource): Readonly<Record<string, unknown>> | undefined {
    const [providerName, alias] = providerOf(resource);
    const configs = this.inventory.providers[providerName] ?? [];
    const config = configs.find((c) => (c.alias ?? undefined) === alias);
    if (!config) return {};
    const defaultTags = config.default_tags;
    if (defaultTags === undefined) return {};
    if (!Array.isArray(defaultTags)) return undefined;
    const merged: Record<string, unknown> = {};
    for (const block of defaultTags) {
      const tags = (block as { tags?: unknown }).tags;
      if (tags === undefined) continue;
      if (typeof tags !== "object" || tags === null || Array.isArray(tags)) return undefined;
      Object.assign(merged, tags);
    }
    return merged;
  }
}

/** `["aws", undefined]` for the default aws provider, `["aws", "us"]` for `provider = aws.us`. */
function providerOf(resource: PolicyResource): [string, string | undefined] {
  const explicit = resource.config.provider;
  if (typeof explicit === "string" && explicit.includes(".")) {
    const [name, alias] = explicit.split(".", 2);
    return [name, alias];
  }
  if (typeof explicit === "string") return [explicit, undefined];
  const bareType = resource.type.replace(/^data\./, "");
  return [bareType.split("_")[0], undefined];
}
