import { LaunchTemplateBlockDeviceMappings, LaunchTemplateMetadataOptions } from "@cdktf/provider-aws/lib/launch-template";

/**
 * The hardening every launch template of ECS hosts shares, whether the cluster's capacity providers
 * or a Batch compute environment launch them: IMDSv2 only with a small hop limit and no instance tags
 * in the metadata, and an encrypted gp3 root volume deleted with the instance. One place, so the two never drift apart.
 */

/** The root device of the ECS-optimized Amazon Linux 2023 AMIs (and of the AMIs Batch picks). */
export const HOST_ROOT_DEVICE_NAME = "/dev/xvda";
/** Smallest root volume in GiB: the size of the ECS-optimized AL2023 AMI snapshot. */
export const MIN_HOST_ROOT_VOLUME_GIB = 30;
/** Largest gp3 volume in GiB. */
export const MAX_HOST_ROOT_VOLUME_GIB = 16384;
/** The IMDS response hop limit range EC2 accepts. */
export const HOST_METADATA_HOP_LIMIT_RANGE = { min: 1, max: 64 } as const;

/** What the hardened launch template settings are built from. */
export interface HostHardeningOptions {
  /** IMDSv2 response hop limit: 1 keeps containers (bridge network mode) from the instance role's credentials. */
  readonly metadataHopLimit: number;
  /** Root volume size in GiB. */
  readonly rootVolumeSizeGiB: number;
  /** KMS key for the root volume; it is encrypted either way. @default - the account's default EBS key (aws/ebs) */
  readonly rootVolumeKmsKeyArn?: string;
}

/**
 * IMDSv2 only (session tokens required), the endpoint on, the given hop limit, and the instance's
 * tags kept out of the metadata service. That is EC2's default; it is written out so the template
 * states it and a console change shows up as drift (anything reaching IMDS could read every tag).
 */
export function renderHostMetadataOptions(options: HostHardeningOptions): LaunchTemplateMetadataOptions {
  return {
    httpEndpoint: "enabled",
    httpTokens: "required",
    httpPutResponseHopLimit: options.metadataHopLimit,
    instanceMetadataTags: "disabled",
  };
}

/** The root volume: encrypted gp3 of the given size, deleted with the instance. */
export function renderHostRootVolume(options: HostHardeningOptions): LaunchTemplateBlockDeviceMappings {
  return renderHostVolume(HOST_ROOT_DEVICE_NAME, options.rootVolumeSizeGiB, options.rootVolumeKmsKeyArn);
}

/**
 * One EBS volume of a host: encrypted gp3 (with the key, or the account's default EBS key), deleted with
 * the instance. Without a size the volume takes the size of the AMI's snapshot for that device.
 */
export function renderHostVolume(
  deviceName: string,
  sizeGiB: number | undefined,
  kmsKeyArn: string | undefined,
): LaunchTemplateBlockDeviceMappings {
  return {
    deviceName,
    ebs: {
      volumeSize: sizeGiB,
      volumeType: "gp3",
      encrypted: "true",
      kmsKeyId: kmsKeyArn,
      deleteOnTermination: "true",
    },
  };
}
