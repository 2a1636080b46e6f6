import { Token } from "cdktf";
import { Construct } from "constructs";
import { LaunchTemplate as LaunchTemplateResource } from "@cdktf/provider-aws/lib/launch-template";
import {
  HOST_METADATA_HOP_LIMIT_RANGE,
  MAX_HOST_ROOT_VOLUME_GIB,
  MIN_HOST_ROOT_VOLUME_GIB,
  renderHostMetadataOptions,
  renderHostRootVolume,
} from "../cluster/host-hardening";
import { checkName } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange } from "../core/validate";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Props of an {@link InstanceLaunchTemplate}. */
export interface InstanceLaunchTemplateProps {
  /** Launch template name prefix. */
  readonly namePrefix: string;
  /** Root volume size in GiB. */
  readonly rootVolumeGiB: number;
  /** KMS key that encrypts the root volume (it is encrypted either way). @default - the account's default EBS key */
  readonly rootVolumeKmsKeyArn?: string;
  /** IMDS hop limit: 1 keeps containers (bridge network mode) from reaching the instance role. */
  readonly metadataHopLimit: number;
  /** Tags for the launch template. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * The launch template Batch starts EC2/Spot instances from, with the cluster's host hardening
 * (`cluster/host-hardening.ts`): IMDSv2 only, and an encrypted gp3 root volume (`/dev/xvda`, the root
 * device of the ECS-optimized Amazon Linux 2023 AMI Batch uses).
 * Batch picks the AMI itself (`ec2_configuration.image_type`), so the template names none.
 */
export class InstanceLaunchTemplate extends Construct {
  /** ID of the launch template (a token), referenced by the compute environment. */
  public readonly launchTemplateId: string;
  /** The latest version, so a change to the template reaches the compute environment. */
  public readonly version: string;

  constructor(scope: Construct, id: string, props: InstanceLaunchTemplateProps) {
    super(scope, id);
    checkRequiredProps(this, "InstanceLaunchTemplateProps", props, {
      namePrefix: K.string,
      rootVolumeGiB: K.number,
      metadataHopLimit: K.number,
    });
    // Launch template names are at most 128 characters; Terraform's unique suffix takes 26 and the dash 1.
    checkName(this, "BATCH_LAUNCH_TEMPLATE_NAME", "namePrefix", props.namePrefix, {
      maxLength: 101,
      pattern: /^[a-zA-Z0-9()./_-]+$/,
      describe: "letters, digits and ()./_-",
    });
    checkTags(this, "tags", props.tags);
    checkIntegerRange(
      this,
      "BATCH_ROOT_VOLUME",
      "rootVolumeGiB",
      props.rootVolumeGiB,
      MIN_HOST_ROOT_VOLUME_GIB,
      MAX_HOST_ROOT_VOLUME_GIB,
      "GiB",
    );
    const hop = HOST_METADATA_HOP_LIMIT_RANGE;
    checkIntegerRange(this, "BATCH_METADATA_HOP_LIMIT", "metadataHopLimit", props.metadataHopLimit, hop.min, hop.max);
    const hardening = {
      metadataHopLimit: props.metadataHopLimit,
      rootVolumeSizeGiB: props.rootVolumeGiB,
      rootVolumeKmsKeyArn: props.rootVolumeKmsKeyArn,
    };
    const template = new LaunchTemplateResource(this, "Resource", {
      namePrefix: `${props.namePrefix}-`,
      updateDefaultVersion: true,
      metadataOptions: renderHostMetadataOptions(hardening),
      blockDeviceMappings: [renderHostRootVolume(hardening)],
      tags: withName(props.namePrefix, props.tags),
    });
    this.launchTemplateId = template.id;
    this.version = Token.asString(template.latestVersion);
  }
}
