import { Cluster } from "../../src/cluster/cluster";
import { FargateStorageEncryption, fargateStorageKeyPolicy } from "../../src/cluster/fargate-storage-encryption";
import { resourceAt, synth } from "../helpers";
import { base, general } from "./fixtures";

const RELEASE = "amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64";
const userData = (lt: any) => Buffer.from(lt.user_data, "base64").toString("utf8");

describe("EC2 capacity lifecycle", () => {
  test("instance refresh: rolling, protected instances refreshed, and the group follows the template's latest version", () => {
    const s = synth(
      (stack) =>
        new Cluster(stack, "Cluster", {
          ...base,
          ec2CapacityProviders: {
            general: { ...general, instanceRefresh: { checkpointPercentages: [25, 100], instanceWarmupSeconds: 120 } },
          },
        }),
    );
    const asg = resourceAt(s, "aws_autoscaling_group", "Cluster/general/AutoScalingGroup");
    expect(asg.instance_refresh).toEqual({
      strategy: "Rolling",
      preferences: {
        min_healthy_percentage: 90,
        instance_warmup: "120",
        checkpoint_percentages: [25, 100],
        checkpoint_delay: "3600",
        skip_matching: true,
        auto_rollback: true,
        scale_in_protected_instances: "Refresh",
        standby_instances: "Terminate",
      },
    });
    expect(asg.launch_template.version).toMatch(/aws_launch_template\.Cluster_general_LaunchTemplate_.*\.latest_version/);
  });

  test("without instance refresh the group keeps $Latest (only new instances see a template change)", () => {
    const s = synth((stack) => new Cluster(stack, "Cluster", { ...base, ec2CapacityProviders: { general } }));
    const asg = resourceAt(s, "aws_autoscaling_group", "Cluster/general/AutoScalingGroup");
    expect(asg.launch_template.version).toBe("$Latest");
    expect(asg.instance_refresh).toBeUndefined();
    expect(userData(resourceAt(s, "aws_launch_template", "Cluster/general/LaunchTemplate"))).not.toContain("ECS_WARM_POOLS_CHECK");
  });

  test("a warm pool: stopped instances, and the agent waits for InService before it registers", () => {
    const s = synth(
      (stack) =>
        new Cluster(stack, "Cluster", {
          ...base,
          ec2CapacityProviders: { general: { ...general, warmPool: { minSize: 1, reuseOnScaleIn: true } } },
        }),
    );
    expect(resourceAt(s, "aws_autoscaling_group", "Cluster/general/AutoScalingGroup").warm_pool).toEqual({
      min_size: 1,
      pool_state: "Stopped",
      instance_reuse_policy: { reuse_on_scale_in: true },
    });
    expect(userData(resourceAt(s, "aws_launch_template", "Cluster/general/LaunchTemplate"))).toContain("ECS_WARM_POOLS_CHECK=true\n");
  });

  test("an AMI release pin resolves through the release's own public parameter", () => {
    const s = synth(
      (stack) => new Cluster(stack, "Cluster", { ...base, ec2CapacityProviders: { general: { ...general, amiRelease: RELEASE } } }),
    );
    expect(resourceAt(s, "aws_launch_template", "Cluster/general/LaunchTemplate").image_id).toBe(
      `resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/${RELEASE}/image_id`,
    );
    const arm = synth(
      (stack) =>
        new Cluster(stack, "Cluster", {
          ...base,
          ec2CapacityProviders: { general: { instanceTypes: ["m7g.large"], maxSize: 2, amiRelease: RELEASE.replace("x86_64", "arm64") } },
        }),
    );
    expect(resourceAt(arm, "aws_launch_template", "Cluster/general/LaunchTemplate").image_id).toBe(
      `resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/${RELEASE.replace("x86_64", "arm64")}/image_id`,
    );
  });
});

describe("Fargate ephemeral storage encryption", () => {
  test("a rotating key whose policy lets Fargate generate data keys and Decrypt grants for this cluster only; the cluster uses it", () => {
    const s = synth((stack) => new Cluster(stack, "Cluster", { ...base, fargateStorageEncryption: {} }));
    expect(resourceAt(s, "aws_kms_key", "Cluster/FargateStorage/Key")).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: FargateStorageEncryption.DEFAULT_KEY_DELETION_WINDOW_DAYS,
    });
    // The synthesized policy reads partition and account from the key's ARN (Terraform expressions); the pure function shows its shape.
    expect(resourceAt(s, "aws_kms_key_policy", "Cluster/FargateStorage/KeyPolicy").policy).toContain('"Service":"fargate.amazonaws.com"');
    const policy = JSON.parse(fargateStorageKeyPolicy({ partition: "aws", account: "123456789012", clusterName: base.name }));
    expect(policy.Statement[0]).toMatchObject({ Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*" });
    const fargate = policy.Statement.filter((x: any) => x.Principal.Service === "fargate.amazonaws.com");
    expect(fargate.map((x: any) => x.Action)).toEqual(["kms:GenerateDataKeyWithoutPlaintext", "kms:CreateGrant"]);
    for (const statement of fargate) {
      expect(statement.Condition.StringEquals).toEqual({
        "kms:EncryptionContext:aws:ecs:clusterAccount": ["123456789012"],
        "kms:EncryptionContext:aws:ecs:clusterName": [base.name],
      });
    }
    expect(fargate[1].Condition["ForAllValues:StringEquals"]).toEqual({ "kms:GrantOperations": ["Decrypt"] });
    const cluster = resourceAt(s, "aws_ecs_cluster", "Cluster");
    expect(cluster.configuration.managed_storage_configuration.fargate_ephemeral_storage_kms_key_id).toMatch(
      /aws_kms_key\.Cluster_FargateStorage_Key_.*\.arn/,
    );
    expect(cluster.depends_on).toEqual([expect.stringMatching(/^aws_kms_key_policy\.Cluster_FargateStorage_KeyPolicy_/)]);
  });
});
