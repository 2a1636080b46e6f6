import { TerraformResource, TerraformStack } from "cdktf";
import { IConstruct, Node } from "constructs";
import { fail } from "./errors";

/**
 * Declares that `scope` was called `oldId` before: every resource under it gets a Terraform `moved`
 * block from the address it had under the old id to the one it has now, so renaming a construct id
 * (a config key) plans as a move instead of a destroy and a create.
 *
 * Only the address moves. Keep the physical names (service, role, queue names) what they were, or
 * the resources are replaced anyway. Keep the call until every state has been applied past it;
 * removing it later is harmless (Terraform ignores a `moved` block whose source no longer exists).
 *
 * @param scope the renamed construct, already under its new id
 * @param oldId the construct id it had before, in the same parent
 * @returns the number of resources moved
 */
export function moveFrom(scope: IConstruct, oldId: string): number {
  if (typeof oldId !== "string" || !/^[A-Za-z0-9_-]+$/.test(oldId) || oldId === scope.node.id) {
    fail(scope, {
      code: "MOVE_FROM_ID",
      property: "oldId",
      value: oldId,
      allowed: `the construct id ${scope.node.path} had before: letters, digits, hyphens and underscores, not its current id`,
    });
  }
  const stack = TerraformStack.of(scope);
  const depth = scope.node.scopes.length - 1;
  if (scope.node.scope?.node.tryFindChild(oldId)) {
    fail(scope, {
      code: "MOVE_FROM_ID",
      property: "oldId",
      value: oldId,
      allowed: "an id no sibling construct still has (the old construct must be gone, or both would claim its state)",
    });
  }
  const parentPath = scope.node.scope?.node.path ?? "";
  const rename: PathRename = { to: pathKey(scope.node.path), from: pathKey(parentPath ? `${parentPath}/${oldId}` : oldId) };
  renamesOf(stack).push(rename);
  let moved = 0;
  for (const child of scope.node.findAll()) {
    if (!(child instanceof TerraformResource)) continue;
    // getLogicalId accepts a Node: one shaped like the resource's, with the renamed scope's id swapped
    // back, yields the address cdktf gave the resource under its old id (same hashing scheme).
    const scopes = child.node.scopes.map((s, i) => (i === depth ? { node: { id: oldId } } : s));
    const keyed = pathKeyed.get(child);
    const former = keyed && formerKey(keyed.key, rename);
    if (former !== undefined) scopes[scopes.length - 1] = { node: { id: keyed!.idForKey(former) } };
    child.moveFromId(`${child.terraformResourceType}.${stack.getLogicalId({ scopes } as unknown as Node)}`);
    moved++;
  }
  // Resources elsewhere whose ids come from a path under the renamed construct (a load balancer's
  // egress rule to a renamed service) get their old id back the same way.
  for (const [resource, keyed] of registered(stack)) {
    if (resource.node.scopes.includes(scope)) continue;
    if (moveKeyed(stack, resource, keyed, rename)) moved++;
  }
  return moved;
}

/** A construct path without `Default` segments, as cdktf leaves them out of addresses. */
export function pathKey(path: string): string {
  return path
    .split("/")
    .filter((segment) => segment !== "Default")
    .join("/");
}

/** One `moveFrom`: the path key the construct had (`from`) and has (`to`). */
interface PathRename {
  readonly from: string;
  readonly to: string;
}

/** How a path-keyed resource's construct id is made from the key. */
interface PathKeyed {
  readonly key: string;
  readonly idForKey: (key: string) => string;
}

const renames = new WeakMap<TerraformStack, PathRename[]>();
const pathKeyed = new WeakMap<TerraformResource, PathKeyed>();
const byStack = new WeakMap<TerraformStack, Map<TerraformResource, PathKeyed>>();

function renamesOf(stack: TerraformStack): PathRename[] {
  const list = renames.get(stack) ?? [];
  renames.set(stack, list);
  return list;
}

function registered(stack: TerraformStack): Map<TerraformResource, PathKeyed> {
  const map = byStack.get(stack) ?? new Map<TerraformResource, PathKeyed>();
  byStack.set(stack, map);
  return map;
}

/** `key` as it was before `rename`, when the key names the renamed construct or something under it. */
function formerKey(key: string, rename: PathRename): string | undefined {
  if (key === rename.to) return rename.from;
  return key.startsWith(`${rename.to}/`) ? `${rename.from}${key.slice(rename.to.length)}` : undefined;
}

function moveKeyed(stack: TerraformStack, resource: TerraformResource, keyed: PathKeyed, rename: PathRename): boolean {
  const former = formerKey(keyed.key, rename);
  if (former === undefined) return false;
  const scopes = [...resource.node.scopes.slice(0, -1), { node: { id: keyed.idForKey(former) } }];
  resource.moveFromId(`${resource.terraformResourceType}.${stack.getLogicalId({ scopes } as unknown as Node)}`);
  return true;
}

/**
 * Records that `resource`'s construct id is `idForKey(key)`, where `key` is another construct's
 * {@link pathKey} (a security group rule is named after its peer's path). When that construct is
 * renamed with {@link moveFrom}, before or after this call, the resource's id changes with it, so it
 * gets a `moved` block from the id the old path gave it too, instead of being destroyed and created.
 * @internal used by `Connections`; not part of the public API
 */
export function keyedByPath(resource: TerraformResource, key: string, idForKey: (key: string) => string): void {
  const stack = TerraformStack.of(resource);
  const keyed = { key, idForKey };
  pathKeyed.set(resource, keyed);
  registered(stack).set(resource, keyed);
  // A rename declared before the resource was made; one under a renamed construct moves with it in moveFrom.
  for (const rename of renamesOf(stack)) {
    if (resource.node.scopes.some((s) => pathKey(s.node.path) === rename.to)) continue;
    if (moveKeyed(stack, resource, keyed, rename)) break;
  }
}
