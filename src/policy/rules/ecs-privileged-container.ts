import { everywhere, Rule } from "../types";
import { CONTAINER_RESOURCE_TYPES, containersOf } from "../inspect/containers";
import { isTrue } from "../inspect/values";

/** Added capabilities that give a container what `privileged` would: every capability, or SYS_ADMIN (mounts, namespaces, most of the kernel's admin surface). */
const PRIVILEGED_CAPABILITIES: readonly string[] = ["ALL", "SYS_ADMIN"];

/** The privileged-equivalent capabilities a container definition adds through `linuxParameters.capabilities.add`. */
function privilegedCapabilities(definition: Record<string, unknown>): string[] {
  const linux = definition.linuxParameters as { capabilities?: { add?: unknown } } | undefined;
  const add = linux?.capabilities?.add;
  return Array.isArray(add) ? add.filter((c): c is string => typeof c === "string" && PRIVILEGED_CAPABILITIES.includes(c)) : [];
}

/** ECS-003: no container runs privileged, or adds a capability that amounts to it. */
export const ecsPrivilegedContainer: Rule = {
  id: "ECS-003",
  title: "Containers are not privileged",
  rationale:
    "A privileged container has every Linux capability and the host's devices: escaping to the host (and every other task on it) is trivial. Adding ALL or SYS_ADMIN through linuxParameters.capabilities.add comes to the same.",
  severity: everywhere("error"),
  appliesTo: CONTAINER_RESOURCE_TYPES,
  // checkov CKV_AWS_334 reads the key `privilege`, not `privileged`, so it misses this; the rule reads the ECS key.
  references: ["CKV_AWS_334", "CKV_AWS_210", "Security Hub ECS.4", "CT.ECS.PR.11"],
  check(resource) {
    return containersOf(resource).flatMap((c) => [
      ...(isTrue(c.definition.privileged)
        ? [
            {
              message: `${c.label} sets privileged: true`,
              fix: "Remove privileged; add only the Linux capabilities the process needs (linuxParameters.capabilities.add).",
            },
          ]
        : []),
      ...privilegedCapabilities(c.definition).map((capability) => ({
        message: `${c.label} adds the Linux capability ${capability}, which amounts to privileged`,
        fix: "Add only the narrow capabilities the process needs (e.g. NET_BIND_SERVICE, SYS_PTRACE), never ALL or SYS_ADMIN.",
      })),
    ]);
  },
};
