import { ERROR_IN_PRODUCTION, Rule } from "../types";
import { CONTAINER_RESOURCE_TYPES, containersOf } from "../inspect/containers";

/**
 * The tag of an image reference: a string, `null` when the reference has none, `undefined` when it
 * cannot be known at synth (the tag, or the whole reference, is a `${...}` expression) or is pinned by digest.
 */
export function imageTag(image: string): string | null | undefined {
  if (image.includes("@")) return undefined;
  // Drop expressions so `${aws_ecr_repository.x.repository_url}:1.4` is read as `:1.4`.
  if (/\$\{[^}]*\}$/.test(image)) return undefined;
  const lastSegment =
    image
      .replace(/\$\{[^}]*\}/g, "x")
      .split("/")
      .pop() ?? "";
  const colon = lastSegment.lastIndexOf(":");
  return colon === -1 ? null : lastSegment.slice(colon + 1);
}

/** ECS-007: images are pinned to a version tag or a digest, never `latest` or no tag. */
export const ecsImageTag: Rule = {
  id: "ECS-007",
  title: "Images are pinned, not latest",
  rationale:
    "`latest` (or no tag, which means latest) changes under a running service: a scale-out or a task replacement silently deploys a different image than the one reviewed and rollbacks cannot go back.",
  severity: ERROR_IN_PRODUCTION,
  appliesTo: CONTAINER_RESOURCE_TYPES,
  references: ["CKV_DOCKER_7 (Dockerfile analogue)", "hadolint DL3007 (Dockerfile analogue)"],
  check(resource) {
    return containersOf(resource).flatMap((c) => {
      const image = c.definition.image;
      if (typeof image !== "string") return [];
      const tag = imageTag(image);
      if (tag !== null && tag?.toLowerCase() !== "latest") return [];
      return [
        {
          message: `${c.label} uses image "${image}" ${tag === null ? "with no tag (which means latest)" : "tagged latest"}`,
          fix: "Pin the image to an immutable version tag (e.g. a release or commit SHA) or a digest (@sha256:...).",
        },
      ];
    });
  },
};
