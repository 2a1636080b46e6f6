import { everywhere, Rule } from "../types";
import { CONTAINER_RESOURCE_TYPES, containersOf } from "../inspect/containers";
import { isTrue } from "../inspect/values";

/** ECS-003: no container runs privileged. */
export const ecsPrivilegedContainer: Rule = {
  id: "ECS-003",
  title: "Containers are not privileged",
  rationale:
    "A privileged container has every Linux capability and the host's devices: escaping to the host (and every other task on it) is trivial.",
  severity: everywhere("error"),
  appliesTo: CONTAINER_RESOURCE_TYPES,
  // checkov CKV_AWS_334 reads the key `privilege`, not `privileged`, so it misses this; the rule reads the ECS key.
  references: ["CKV_AWS_334", "CKV_AWS_210", "Security Hub ECS.4", "CT.ECS.PR.11"],
  check(resource) {
    return containersOf(resource)
      .filter((c) => isTrue(c.definition.privileged))
      .map((c) => ({
        message: `${c.label} sets privileged: true`,
        fix: "Remove privileged; add only the Linux capabilities the process needs (linuxParameters.capabilities.add).",
      }));
  },
};
