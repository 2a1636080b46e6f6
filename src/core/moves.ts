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
  let moved = 0;
  for (const child of scope.node.findAll()) {
    if (!(child instanceof TerraformResource)) continue;
    // getLogicalId accepts a Node: one shaped like the resource's, with the renamed scope's id swapped
    // back, yields the address cdktf gave the resource under its old id (same hashing scheme).
    const scopes = child.node.scopes.map((s, i) => (i === depth ? { node: { id: oldId } } : s));
    const oldAddress = `${child.terraformResourceType}.${stack.getLogicalId({ scopes } as unknown as Node)}`;
    child.moveFromId(oldAddress);
    moved++;
  }
  return moved;
}
