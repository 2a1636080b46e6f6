import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
import { arnPart } from "../core/arn";
import { checkIntegerRange } from "../core/validate";
import { withName } from "../core/tags";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";
import { accountAdministersKeyStatement } from "../core/iam";

/** Encrypt the ephemeral storage of the cluster's Fargate tasks with a customer managed key. */
export interface FargateStorageEncryptionOptions {
  /** Days a deleted key waits before it is gone, 7 to 30. @default 30 */
  readonly keyDeletionWindowDays?: number;
}

/** Properties of {@link FargateStorageEncryption}. */
export interface FargateStorageEncryptionProps extends FargateStorageEncryptionOptions {
  /** The cluster's name: Fargate may use the key for this cluster's tasks only. */
  readonly clusterName: string;
  /** Tags for the key. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A rotating KMS key for Fargate ephemeral storage (`managed_storage_configuration`) with the key
 * policy Fargate needs: the account administers it through IAM; `fargate.amazonaws.com` may generate
 * data keys and create Decrypt-only grants, both only for this cluster in this account.
 */
export class FargateStorageEncryption extends Construct {
  /** Days a deleted key waits: the longest KMS allows, time to notice a mistake. */
  public static readonly DEFAULT_KEY_DELETION_WINDOW_DAYS = 30;

  /** The key, for the cluster's `fargate_ephemeral_storage_kms_key_id`. */
  public readonly key: KmsKey;
  /** The key policy; the cluster depends on it so Fargate may use the key when the first task starts. */
  public readonly keyPolicy: KmsKeyPolicy;

  constructor(scope: Construct, id: string, props: FargateStorageEncryptionProps) {
    super(scope, id);
    checkRequiredProps(this, "FargateStorageEncryptionProps", props, { clusterName: K.string });
    const deletionWindowDays = props.keyDeletionWindowDays ?? FargateStorageEncryption.DEFAULT_KEY_DELETION_WINDOW_DAYS;
    checkIntegerRange(
      this,
      "CLUSTER_STORAGE_KEY_DELETION_WINDOW",
      "fargateStorageEncryption.keyDeletionWindowDays",
      deletionWindowDays,
      7,
      30,
      "days",
    );
    this.key = new KmsKey(this, "Key", {
      description: `Encrypts the ephemeral storage of Fargate tasks in cluster ${props.clusterName}`,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      tags: withName(`${props.clusterName}-fargate-storage`, props.tags),
    });
    new KmsAlias(this, "KeyAlias", { name: `alias/${props.clusterName}-fargate-storage`, targetKeyId: this.key.keyId });
    this.keyPolicy = new KmsKeyPolicy(this, "KeyPolicy", {
      keyId: this.key.keyId,
      policy: fargateStorageKeyPolicy({
        partition: arnPart(this.key.arn, 1),
        account: arnPart(this.key.arn, 4),
        clusterName: props.clusterName,
      }),
    });
  }
}

/** The key policy of a Fargate ephemeral storage key (from the ECS guide's "Customer managed keys for Fargate ephemeral storage"). */
export function fargateStorageKeyPolicy(input: { partition: string; account: string; clusterName: string }): string {
  const context = {
    "kms:EncryptionContext:aws:ecs:clusterAccount": [input.account],
    "kms:EncryptionContext:aws:ecs:clusterName": [input.clusterName],
  };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      accountAdministersKeyStatement(input.partition, input.account),
      {
        Sid: "FargateGeneratesDataKeys",
        Effect: "Allow",
        Principal: { Service: "fargate.amazonaws.com" },
        Action: "kms:GenerateDataKeyWithoutPlaintext",
        Resource: "*",
        Condition: { StringEquals: context },
      },
      {
        Sid: "FargateCreatesDecryptGrants",
        Effect: "Allow",
        Principal: { Service: "fargate.amazonaws.com" },
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: { StringEquals: context, "ForAllValues:StringEquals": { "kms:GrantOperations": ["Decrypt"] } },
      },
    ],
  });
}
