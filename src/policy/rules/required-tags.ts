import { everywhere, Rule } from "../types";

/** TAG-001: every taggable resource carries the required tags, counting the provider's default tags. */
export const requiredTags: Rule = {
  id: "TAG-001",
  title: "Taggable resources carry the required tags",
  rationale:
    "Cost allocation, ownership and data-classification reports rely on tags; tags the provider's default_tags add count, since Terraform applies them to every taggable resource.",
  severity: everywhere("error"),
  appliesTo: ["*"],
  references: ["tflint aws_resource_missing_tags", "tflint aws_provider_missing_default_tags", "AWS Config required-tags"],
  check(resource, context) {
    if (!resource.taggable || context.requiredTags.length === 0) return [];
    const defaults = context.providerDefaultTags(resource);
    const own = resource.config.tags;
    // Tags only known at apply (a variable, a merge() expression) cannot be checked at synth.
    if (defaults === undefined || (own !== undefined && (typeof own !== "object" || own === null))) return [];
    const present = new Set([...Object.keys(defaults), ...Object.keys((own as Record<string, unknown> | undefined) ?? {})]);
    const missing = context.requiredTags.filter((t) => !present.has(t));
    if (missing.length === 0) return [];
    return [
      {
        message: `missing required tag(s) ${missing.map((t) => `"${t}"`).join(", ")}`,
        fix: "Add them to the provider's default_tags (preferred: every resource gets them) or to this resource's tags.",
      },
    ];
  },
};
