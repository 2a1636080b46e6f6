import { everywhere, Rule } from "../types";
import { CONTAINER_RESOURCE_TYPES, containersOf } from "../inspect/containers";
import { isTrue } from "../inspect/values";

/** ECS-004: container root filesystems are read-only unless a suppression says why not. */
export const ecsReadOnlyRootFilesystem: Rule = {
  id: "ECS-004",
  title: "Container root filesystems are read-only",
  rationale:
    "A writable root filesystem lets an attacker who gets code execution drop tools and persist changes; most services only need a writable scratch volume.",
  severity: everywhere("error"),
  appliesTo: CONTAINER_RESOURCE_TYPES,
  references: ["CKV_AWS_336", "Security Hub ECS.5", "CT.ECS.PR.6"],
  check(resource) {
    return containersOf(resource)
      .filter((c) => !isTrue(c.definition.readonlyRootFilesystem))
      .map((c) => ({
        message: `${c.label} has a writable root filesystem (readonlyRootFilesystem is ${JSON.stringify(c.definition.readonlyRootFilesystem ?? "unset")})`,
        fix: "Set readonlyRootFilesystem: true and mount a volume for the paths the process writes; if the image cannot run read-only (e.g. ECS Exec's agent needs to write), suppress ECS-004 with the reason.",
      }));
  },
};
