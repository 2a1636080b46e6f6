import { everywhere, Rule } from "../types";

/** ECR-002: a tag always names the same image. */
export const ecrImmutableTags: Rule = {
  id: "ECR-002",
  title: "ECR repositories have immutable tags",
  rationale:
    "With mutable tags a push can change what a deployed tag runs: the next task started (a scale-out, a replaced task) runs an image nobody reviewed, and a rollback to the tag no longer goes back.",
  severity: everywhere("error"),
  appliesTo: ["aws_ecr_repository"],
  references: ["CKV_AWS_51", "AVD-AWS-0031", "Security Hub ECR.2"],
  check(resource) {
    const mutability = resource.config.image_tag_mutability;
    if (mutability === "IMMUTABLE" || mutability === "IMMUTABLE_WITH_EXCLUSION") return [];
    return [
      {
        message: `image_tag_mutability is ${mutability === undefined ? "unset (MUTABLE)" : JSON.stringify(mutability)}`,
        fix: 'Set image_tag_mutability = "IMMUTABLE" (Repository does by default) and tag images with the git SHA.',
      },
    ];
  },
};
