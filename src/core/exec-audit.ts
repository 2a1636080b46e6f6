/*
 * The contract between a cluster that audits ECS Exec sessions and the task definitions whose roles
 * run them. The cluster (which records sessions) and the task (whose role needs access) are peers in
 * one layer, so what both use lives here, below them (docs/architecture.md, "Layers").
 */
import { arnPart } from "./arn";
import type { PolicyStatement } from "./iam";

/** Where a cluster records ECS Exec sessions; task roles need access to these to run audited sessions. */
export interface ExecAuditAttributes {
  /** KMS key that encrypts the session data channel (and the session log group). */
  readonly kmsKeyArn: string;
  /** Log group receiving session output, when CloudWatch logging is on. */
  readonly logGroupName?: string;
  /** ARN of that log group (without the trailing `:*`). */
  readonly logGroupArn?: string;
  /** Existing S3 bucket receiving session output, when set. */
  readonly s3BucketName?: string;
  /** Key prefix inside the bucket. */
  readonly s3KeyPrefix?: string;
}

/**
 * What a task role needs for audited exec sessions on the cluster, on top of the Session Manager
 * channel permissions: decrypt with the session key, write the session log group and/or bucket.
 * `logs:DescribeLogGroups` has no resource-level permissions, so it takes `*`.
 */
export function execAuditStatements(audit: ExecAuditAttributes): PolicyStatement[] {
  const statements: PolicyStatement[] = [{ sid: "ExecSessionKey", actions: ["kms:Decrypt"], resources: [audit.kmsKeyArn] }];
  if (audit.logGroupArn !== undefined) {
    statements.push({ sid: "ExecDescribeLogGroups", actions: ["logs:DescribeLogGroups"], resources: ["*"] });
    statements.push({
      sid: "ExecSessionLogs",
      actions: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
      resources: [`${audit.logGroupArn}:*`],
    });
  }
  if (audit.s3BucketName !== undefined) {
    const partition = arnPart(audit.kmsKeyArn, 1);
    const bucketArn = `arn:${partition}:s3:::${audit.s3BucketName}`;
    statements.push({ sid: "ExecSessionBucketEncryption", actions: ["s3:GetEncryptionConfiguration"], resources: [bucketArn] });
    statements.push({ sid: "ExecSessionUploads", actions: ["s3:PutObject"], resources: [`${bucketArn}/${audit.s3KeyPrefix ?? ""}*`] });
  }
  return statements;
}
