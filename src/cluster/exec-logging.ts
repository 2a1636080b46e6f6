import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { EcsClusterConfigurationExecuteCommandConfiguration } from "@cdktf/provider-aws/lib/ecs-cluster";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
import { fail, isToken } from "../core/errors";
import { arnPart } from "../core/arn";
import type { ExecAuditAttributes } from "../core/exec-audit";
import { LOG_RETENTION_DAYS } from "../core/log-retention";
import { checkIntegerRange, checkOneOf } from "../core/validate";
import { withName } from "../core/tags";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";
import { accountAdministersKeyStatement } from "../core/iam";

/** How ECS Exec sessions of a cluster are audited. */
export interface ExecAuditOptions {
  /**
   * Audit exec sessions. Turning it off leaves the cluster's exec configuration to AWS defaults
   * (session output goes wherever each task's log driver sends it, unencrypted by a cluster key).
   * @default true
   */
  readonly enabled?: boolean;
  /** Send session output to a CloudWatch log group created here, encrypted with the session key. @default true */
  readonly cloudWatch?: boolean;
  /** Days the log group keeps session records; one of the values CloudWatch Logs accepts. @default 90 */
  readonly retentionDays?: number;
  /** Also (or, with `cloudWatch: false`, only) upload session output to this existing bucket. @default - no S3 upload */
  readonly s3BucketName?: string;
  /** Key prefix for S3 uploads, e.g. `exec/`. @default - the bucket root */
  readonly s3KeyPrefix?: string;
  /** Days KMS waits before deleting the session key once it is destroyed, 7 to 30. @default 30 */
  readonly keyDeletionWindowDays?: number;
}

export interface ExecAuditLoggingProps extends ExecAuditOptions {
  /** The cluster name; the log group is `/ecs/<clusterName>/exec` and the key alias `alias/<clusterName>-ecs-exec`. */
  readonly clusterName: string;
  /** Tags for the key and log group; each also gets `Name` `<clusterName>-ecs-exec`. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * The exec session key, its policy, and the session log group. The key policy names the account and
 * region, which a provider-free module does not know; they are read from the key's own ARN, so the
 * policy is a separate `aws_kms_key_policy` (a policy inside `aws_kms_key` cannot refer to its key).
 */
export class ExecAuditLogging extends Construct {
  /** Days session logs are kept: 90 covers a quarterly access review without keeping shell output forever. */
  public static readonly DEFAULT_RETENTION_DAYS = 90;
  /** Days before a destroyed session key is deleted: the KMS maximum, the longest window to undo a mistake. */
  public static readonly DEFAULT_KEY_DELETION_WINDOW_DAYS = 30;

  /** The KMS key (rotated yearly) that encrypts exec sessions and the session log group. */
  public readonly key: KmsKey;
  /** The session log group `/ecs/<clusterName>/exec`, when CloudWatch logging is on. */
  public readonly logGroup?: CloudwatchLogGroup;
  /** What task roles need to be granted (see `execAuditStatements`). */
  public readonly attributes: ExecAuditAttributes;

  constructor(scope: Construct, id: string, props: ExecAuditLoggingProps) {
    super(scope, id);
    checkRequiredProps(this, "ExecAuditLoggingProps", props, { clusterName: K.string });
    const cloudWatch = props.cloudWatch ?? true;
    const retentionDays = props.retentionDays ?? ExecAuditLogging.DEFAULT_RETENTION_DAYS;
    const deletionWindowDays = props.keyDeletionWindowDays ?? ExecAuditLogging.DEFAULT_KEY_DELETION_WINDOW_DAYS;
    checkOneOf(this, "CLUSTER_EXEC_RETENTION", "execAudit.retentionDays", retentionDays, LOG_RETENTION_DAYS);
    checkIntegerRange(this, "CLUSTER_EXEC_KEY_DELETION_WINDOW", "execAudit.keyDeletionWindowDays", deletionWindowDays, 7, 30, "days");
    if (!cloudWatch && props.s3BucketName === undefined) {
      fail(this, {
        code: "CLUSTER_EXEC_NO_DESTINATION",
        property: "execAudit",
        value: { cloudWatch, s3BucketName: props.s3BucketName },
        allowed: "cloudWatch: true, an s3BucketName, or both (or enabled: false to turn auditing off)",
      });
    }
    if (
      props.s3BucketName !== undefined &&
      !isToken(props.s3BucketName) &&
      !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.s3BucketName)
    ) {
      fail(this, {
        code: "CLUSTER_EXEC_S3_BUCKET",
        property: "execAudit.s3BucketName",
        value: props.s3BucketName,
        allowed: "an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens",
      });
    }
    const tags = withName(`${props.clusterName}-ecs-exec`, props.tags);
    const logGroupName = `/ecs/${props.clusterName}/exec`;

    this.key = new KmsKey(this, "Key", {
      description: `Encrypts ECS Exec sessions and their logs in cluster ${props.clusterName}`,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      tags,
    });
    new KmsAlias(this, "KeyAlias", { name: `alias/${props.clusterName}-ecs-exec`, targetKeyId: this.key.keyId });
    const partition = arnPart(this.key.arn, 1);
    const region = arnPart(this.key.arn, 3);
    const account = arnPart(this.key.arn, 4);
    const keyPolicy = new KmsKeyPolicy(this, "KeyPolicy", {
      keyId: this.key.keyId,
      policy: execKeyPolicy({ partition, region, account, logGroupName: cloudWatch ? logGroupName : undefined }),
    });

    if (cloudWatch) {
      this.logGroup = new CloudwatchLogGroup(this, "LogGroup", {
        name: logGroupName,
        retentionInDays: retentionDays,
        kmsKeyId: this.key.arn,
        tags,
        // CloudWatch Logs checks the key policy when the group is associated with the key.
        dependsOn: [keyPolicy],
      });
    }
    this.attributes = {
      kmsKeyArn: this.key.arn,
      logGroupName: this.logGroup?.name,
      logGroupArn: this.logGroup?.arn,
      s3BucketName: props.s3BucketName,
      s3KeyPrefix: props.s3KeyPrefix,
    };
  }
}

/** Where the exec session key lives, as {@link execKeyPolicy} needs it; each part may be a token. */
export interface ExecKeyPolicyInput {
  /** The AWS partition, e.g. `aws`. */
  readonly partition: string;
  /** The key's region; CloudWatch Logs of this region may use the key. */
  readonly region: string;
  /** The key's account, whose IAM policies administer the key. */
  readonly account: string;
  /** When set, CloudWatch Logs may use the key for this log group only. */
  readonly logGroupName?: string;
}

/**
 * The session key's policy: the account administers the key through IAM (the AWS default), and
 * CloudWatch Logs in the key's region may use it for the session log group and nothing else.
 */
export function execKeyPolicy(input: ExecKeyPolicyInput): string {
  const statements: object[] = [accountAdministersKeyStatement(input.partition, input.account)];
  if (input.logGroupName !== undefined) {
    statements.push({
      Sid: "CloudWatchLogsEncryptsSessionLogs",
      Effect: "Allow",
      Principal: { Service: `logs.${input.region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: {
        ArnEquals: {
          "kms:EncryptionContext:aws:logs:arn": `arn:${input.partition}:logs:${input.region}:${input.account}:log-group:${input.logGroupName}`,
        },
      },
    });
  }
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * The cluster's `execute_command_configuration`: sessions encrypted with the key and logged with
 * `OVERRIDE` to the log group and/or bucket, each destination marked encrypted.
 */
export function renderExecuteCommandConfiguration(audit: ExecAuditAttributes): EcsClusterConfigurationExecuteCommandConfiguration {
  return {
    kmsKeyId: audit.kmsKeyArn,
    logging: "OVERRIDE",
    logConfiguration: {
      ...(audit.logGroupName !== undefined ? { cloudWatchLogGroupName: audit.logGroupName, cloudWatchEncryptionEnabled: true } : {}),
      ...(audit.s3BucketName !== undefined
        ? {
            s3BucketName: audit.s3BucketName,
            s3BucketEncryptionEnabled: true,
            ...(audit.s3KeyPrefix !== undefined ? { s3KeyPrefix: audit.s3KeyPrefix } : {}),
          }
        : {}),
    },
  };
}
