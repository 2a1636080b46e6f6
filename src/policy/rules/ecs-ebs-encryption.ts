import { ERROR_IN_PRODUCTION, Rule } from "../types";
import { block, blocks, isTrue } from "../inspect/values";

/** ECS-010: the EBS volumes ECS creates for a service's tasks at launch are encrypted. */
export const ecsEbsEncryption: Rule = {
  id: "ECS-010",
  title: "Managed EBS volumes of services are encrypted",
  rationale:
    "A service's managed EBS volume holds the task's data (databases, journals, caches); unencrypted, that data and every snapshot taken of it sit in clear at rest. ECS encrypts a managed volume only when encrypted = true or the account's EBS encryption by default is on, which the configuration cannot show.",
  severity: ERROR_IN_PRODUCTION,
  appliesTo: ["aws_ecs_service"],
  references: ["ECS API ServiceManagedEBSVolumeConfiguration (encrypted)"],
  check(resource) {
    return blocks(resource.config.volume_configuration)
      .map((v) => ({ name: String(v.name ?? "(unnamed)"), ebs: block(v.managed_ebs_volume) }))
      .filter((v) => v.ebs !== undefined && !isTrue(v.ebs.encrypted))
      .map((v) => ({
        message: `the managed EBS volume ${v.name} is not encrypted (encrypted is ${JSON.stringify(v.ebs?.encrypted ?? "unset")})`,
        fix: "Set volume_configuration.managed_ebs_volume.encrypted = true (ebsVolume.encrypted; kmsKeyArn for a customer managed key).",
      }));
  },
};
