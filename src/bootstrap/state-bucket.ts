import { Construct } from "constructs";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { fail, isToken } from "../core/errors";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange, checkOneOf } from "../core/validate";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** How state objects are encrypted at rest. */
export type StateEncryption = "SSE-S3" | "SSE-KMS";

/** Properties of a {@link StateBucket}. */
export interface StateBucketProps {
  /** Bucket name (globally unique): 3 to 63 lowercase letters, digits, '.' and '-'. */
  readonly bucketName: string;
  /** How state objects are encrypted. @default "SSE-S3" */
  readonly encryption?: StateEncryption;
  /** KMS key for `SSE-KMS`. @default - a key this construct creates, with rotation, aliased `kmsKeyAlias` */
  readonly kmsKeyArn?: string;
  /** Alias of the key this construct creates for `SSE-KMS` (backends name it in `kms_key_id`). @default - no alias */
  readonly kmsKeyAlias?: string;
  /** Days a replaced state version is kept before it expires (the window to recover a broken state). @default StateBucket.DEFAULT_NONCURRENT_VERSION_DAYS */
  readonly noncurrentVersionDays?: number;
  /**
   * A DynamoDB lock table, for Terraform before 1.10 or backends configured with `dynamodb_table`.
   * Terraform 1.10+ locks with a lock file in the bucket (`use_lockfile`), which needs nothing here.
   * @default - none
   */
  readonly lockTableName?: string;
  /** Tags; a `Name` tag is added. @default - none */
  readonly tags?: Record<string, string>;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function bucketNameProblem(name: string): boolean {
  return (
    !BUCKET_NAME.test(name) ||
    name.includes("..") ||
    /^\d+\.\d+\.\d+\.\d+$/.test(name) ||
    /^(xn--|sthree-|amzn-s3-demo-)/.test(name) ||
    /(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(name)
  );
}

/**
 * The S3 bucket Terraform state lives in: versioned, encrypted (SSE-S3 or SSE-KMS), all four public
 * access blocks, bucket-owner-enforced ownership (no ACLs), a policy refusing requests without TLS,
 * replaced state versions expired after a grace period, and `prevent_destroy` on the bucket, its key
 * and its lock table (losing them loses every environment's state).
 */
export class StateBucket extends Construct {
  /** 90 days: long enough to notice and recover a bad apply, short enough that old versions do not pile up. */
  public static readonly DEFAULT_NONCURRENT_VERSION_DAYS = 90;

  /** The bucket name, for backend configurations. */
  public readonly bucketName: string;
  /** The bucket ARN, for role policies. */
  public readonly bucketArn: string;
  /** The KMS key state is encrypted with, for `SSE-KMS`. */
  public readonly kmsKeyArn?: string;
  /** The DynamoDB lock table's name, when there is one. */
  public readonly lockTableName?: string;
  /** The DynamoDB lock table's ARN, when there is one. */
  public readonly lockTableArn?: string;
  /** The `aws_s3_bucket`. */
  public readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    checkRequiredProps(this, "StateBucketProps", props, { bucketName: K.string });
    if (!isToken(props.bucketName) && bucketNameProblem(props.bucketName)) {
      fail(this, {
        code: "STATE_BUCKET_NAME",
        property: "bucketName",
        value: props.bucketName,
        allowed: "3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit, no '..', not an IP address",
      });
    }
    checkOneOf(this, "STATE_BUCKET_ENCRYPTION", "encryption", props.encryption, ["SSE-S3", "SSE-KMS"]);
    const encryption = props.encryption ?? "SSE-S3";
    if (encryption === "SSE-S3" && (props.kmsKeyArn !== undefined || props.kmsKeyAlias !== undefined)) {
      fail(this, {
        code: "STATE_BUCKET_KMS",
        property: props.kmsKeyArn !== undefined ? "kmsKeyArn" : "kmsKeyAlias",
        value: props.kmsKeyArn ?? props.kmsKeyAlias,
        allowed: 'no KMS key unless encryption is "SSE-KMS"',
      });
    }
    if (props.kmsKeyAlias !== undefined && !/^alias\/[a-zA-Z0-9/_-]{1,250}$/.test(props.kmsKeyAlias)) {
      fail(this, {
        code: "STATE_BUCKET_KMS_ALIAS",
        property: "kmsKeyAlias",
        value: props.kmsKeyAlias,
        allowed: "alias/<name> of letters, digits, '/', '_' and '-'",
      });
    }
    const days = props.noncurrentVersionDays ?? StateBucket.DEFAULT_NONCURRENT_VERSION_DAYS;
    checkIntegerRange(this, "STATE_BUCKET_NONCURRENT_DAYS", "noncurrentVersionDays", days, 1, 36500, "days");
    checkTags(this, "tags", props.tags);
    const keep = { preventDestroy: true };

    this.bucket = new S3Bucket(this, "Resource", {
      bucket: props.bucketName,
      tags: withName(props.bucketName, props.tags),
      lifecycle: keep,
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;

    if (encryption === "SSE-KMS" && props.kmsKeyArn === undefined) {
      const key = new KmsKey(this, "Key", {
        description: `Terraform state in ${props.bucketName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        tags: withName(props.bucketName, props.tags),
        lifecycle: keep,
      });
      if (props.kmsKeyAlias) new KmsAlias(this, "KeyAlias", { name: props.kmsKeyAlias, targetKeyId: key.keyId });
      this.kmsKeyArn = key.arn;
    } else {
      this.kmsKeyArn = props.kmsKeyArn;
    }

    new S3BucketVersioningA(this, "Versioning", { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault:
            encryption === "SSE-KMS" ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.kmsKeyArn } : { sseAlgorithm: "AES256" },
          bucketKeyEnabled: encryption === "SSE-KMS" ? true : undefined,
        },
      ],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "PublicAccessBlock", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "Ownership", { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketPolicy(this, "Policy", {
      bucket: this.bucket.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
      // S3 rejects a bucket policy while the public access block is being written.
      dependsOn: [publicAccess],
    });
    new S3BucketLifecycleConfiguration(this, "Lifecycle", {
      bucket: this.bucket.id,
      rule: [
        {
          id: "expire-replaced-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: days }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });

    if (props.lockTableName !== undefined) {
      if (!isToken(props.lockTableName) && !/^[a-zA-Z0-9_.-]{3,255}$/.test(props.lockTableName)) {
        fail(this, {
          code: "STATE_LOCK_TABLE_NAME",
          property: "lockTableName",
          value: props.lockTableName,
          allowed: "3 to 255 letters, digits, '_', '.' and '-'",
        });
      }
      const table = new DynamodbTable(this, "LockTable", {
        name: props.lockTableName,
        billingMode: "PAY_PER_REQUEST",
        hashKey: "LockID",
        attribute: [{ name: "LockID", type: "S" }],
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true, kmsKeyArn: this.kmsKeyArn },
        deletionProtectionEnabled: true,
        tags: withName(props.lockTableName, props.tags),
        lifecycle: keep,
      });
      this.lockTableName = table.name;
      this.lockTableArn = table.arn;
    }
  }
}
