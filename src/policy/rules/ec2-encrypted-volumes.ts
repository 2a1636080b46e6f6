import { everywhere, PolicyResource, Rule, Violation } from "../types";
import { block, blocks, isTrue } from "../inspect/values";

function unencrypted(devices: { label: string; ebs: Record<string, unknown> | undefined }[]): Violation[] {
  return devices
    .filter((d) => d.ebs !== undefined && !isTrue(d.ebs.encrypted))
    .map((d) => ({
      message: `${d.label} is not encrypted (encrypted is ${JSON.stringify(d.ebs?.encrypted ?? "unset")})`,
      fix: "Set encrypted = true (and kms_key_id for a customer-managed key) on every EBS volume.",
    }));
}

function check(resource: PolicyResource): Violation[] {
  const config = resource.config;
  if (resource.type === "aws_launch_template") {
    return unencrypted(
      blocks(config.block_device_mappings).map((m) => ({
        label: `block device ${String(m.device_name ?? "(unnamed)")}`,
        ebs: block(m.ebs),
      })),
    );
  }
  return unencrypted([
    ...blocks(config.root_block_device).map((d) => ({ label: "the root block device", ebs: d })),
    ...blocks(config.ebs_block_device).map((d) => ({ label: `EBS device ${String(d.device_name ?? "(unnamed)")}`, ebs: d })),
  ]);
}

/** EC2-002: EBS volumes declared for container hosts are encrypted. */
export const ec2EncryptedVolumes: Rule = {
  id: "EC2-002",
  title: "Launch template volumes are encrypted",
  rationale:
    "Container hosts cache images, logs and task scratch data on their volumes; unencrypted EBS volumes and their snapshots expose that data at rest.",
  severity: everywhere("error"),
  appliesTo: ["aws_launch_template", "aws_instance"],
  references: ["AVD-AWS-0008", "CKV_AWS_8", "AwsSolutions-EC26", "Security Hub EC2.7"],
  check,
};
