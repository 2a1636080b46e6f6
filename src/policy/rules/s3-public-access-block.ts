import { everywhere, Rule } from "../types";
import { isTrue } from "../inspect/values";

const SETTINGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] as const;

/** S3-002: every bucket blocks all four kinds of public access. */
export const s3PublicAccessBlock: Rule = {
  id: "S3-002",
  title: "S3 buckets block all public access",
  rationale:
    "One public ACL or policy on a state bucket publishes every environment's state; the bucket-level block refuses them whatever the account settings are.",
  severity: everywhere("error"),
  appliesTo: ["aws_s3_bucket"],
  references: ["CKV2_AWS_6", "AVD-AWS-0086..0094", "AwsSolutions-S1/S2", "Security Hub S3.8"],
  check(resource, context) {
    const blocks = context.resourcesOfType("aws_s3_bucket_public_access_block").filter((b) => context.refersTo(b.config.bucket, resource));
    if (blocks.length === 0) {
      return [
        {
          message: "no aws_s3_bucket_public_access_block refers to this bucket",
          fix: "Add aws_s3_bucket_public_access_block with all four settings true (StateBucket does).",
        },
      ];
    }
    const off = SETTINGS.filter((s) => !blocks.some((b) => isTrue(b.config[s])));
    if (off.length === 0) return [];
    return [{ message: `the public access block leaves ${off.join(", ")} off`, fix: `Set ${off.join(", ")} = true.` }];
  },
};
