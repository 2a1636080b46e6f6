import { everywhere, Rule } from "../types";
import { block, blocks } from "../inspect/values";

/** S3-001: buckets (state buckets above all) have default encryption written in the configuration. */
export const s3Encryption: Rule = {
  id: "S3-001",
  title: "S3 buckets have default encryption configured",
  rationale:
    "Terraform state holds every secret and ARN of the stacks in clear; the bucket's encryption must be declared (SSE-S3 or SSE-KMS), so a review sees it and nothing can silently turn it off.",
  severity: everywhere("error"),
  appliesTo: ["aws_s3_bucket"],
  references: ["CKV_AWS_145", "AVD-AWS-0088", "AwsSolutions-S10 (TLS, with S3-001's companion policy)"],
  check(resource, context) {
    const configured = context
      .resourcesOfType("aws_s3_bucket_server_side_encryption_configuration")
      .filter((c) => context.refersTo(c.config.bucket, resource))
      .some((c) => blocks(c.config.rule).some((r) => typeof block(r.apply_server_side_encryption_by_default)?.sse_algorithm === "string"));
    if (configured) return [];
    return [
      {
        message: "no aws_s3_bucket_server_side_encryption_configuration with a default algorithm refers to this bucket",
        fix: 'Add aws_s3_bucket_server_side_encryption_configuration with apply_server_side_encryption_by_default { sse_algorithm = "AES256" or "aws:kms" } (StateBucket does).',
      },
    ];
  },
};
