import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { ServiceDiscoveryHttpNamespace } from "@cdktf/provider-aws/lib/service-discovery-http-namespace";
import { ServiceDiscoveryPrivateDnsNamespace } from "@cdktf/provider-aws/lib/service-discovery-private-dns-namespace";
import { Cluster, ClusterProps } from "../../src/cluster/cluster";
import { Port } from "../../src/network/connections";
import { annotationsUnder, resourceAt, resourcesOf, synth, Synthesized } from "../helpers";
import { base, general, network } from "./fixtures";

/** Synthesizes one Cluster and returns it with the stack JSON. */
function synthCluster(props: Partial<ClusterProps> = {}): { s: Synthesized; cluster: Cluster } {
  let cluster: Cluster | undefined;
  const s = synth((stack) => {
    cluster = new Cluster(stack, "Cluster", { ...base, ...props });
  });
  return { s, cluster: cluster as Cluster };
}

/** A Terraform reference to the resource of `type` at construct path `path` (ids joined by `_`). */
function ref(type: string, path: string, attribute: string): unknown {
  return expect.stringMatching(new RegExp(`^\\$\\{${type}\\.${path}_[0-9A-F]{8}\\.${attribute}\\}$`));
}

function userDataOf(s: Synthesized, path: string): string {
  return Buffer.from(resourceAt(s, "aws_launch_template", path).user_data, "base64").toString("utf8");
}

describe("Cluster", () => {
  test("names the cluster after the prefix, with Container Insights enabled and a Name tag", () => {
    const { s } = synthCluster({ tags: { Team: "platform" } });
    expect(s.json).toHaveResourceWithProperties(EcsCluster, {
      name: "acme-test",
      setting: [{ name: "containerInsights", value: "enabled" }],
      tags: { Name: "acme-test", Team: "platform" },
    });
  });

  test("selects enhanced or disabled Container Insights", () => {
    expect(synthCluster({ containerInsights: "enhanced" }).s.json).toHaveResourceWithProperties(EcsCluster, {
      setting: [{ name: "containerInsights", value: "enhanced" }],
    });
    expect(synthCluster({ containerInsights: "disabled" }).s.json).toHaveResourceWithProperties(EcsCluster, {
      setting: [{ name: "containerInsights", value: "disabled" }],
    });
  });

  test("associates FARGATE and FARGATE_SPOT with the default strategy FARGATE base 1 weight 1 + FARGATE_SPOT weight 3", () => {
    const { s, cluster } = synthCluster();
    expect(resourceAt(s, "aws_ecs_cluster_capacity_providers", "Cluster/CapacityProviders")).toMatchObject({
      cluster_name: ref("aws_ecs_cluster", "Cluster", "name"),
      capacity_providers: ["FARGATE", "FARGATE_SPOT"],
      default_capacity_provider_strategy: [
        { capacity_provider: "FARGATE", base: 1, weight: 1 },
        { capacity_provider: "FARGATE_SPOT", weight: 3 },
      ],
    });
    expect(cluster.capacityProviderNames).toEqual(["FARGATE", "FARGATE_SPOT"]);
    expect(cluster.ec2CapacityProviderNames).toEqual([]);
    expect(cluster.capacityProviderAssociation).toBeDefined();
    expect(cluster.instanceConnections).toBeUndefined();
    expect(resourcesOf(s, "aws_autoscaling_group")).toEqual({});
  });

  test("takes an explicit default strategy", () => {
    const { s } = synthCluster({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", base: 2, weight: 5 }] });
    expect(s.json).toHaveResourceWithProperties(EcsClusterCapacityProviders, {
      default_capacity_provider_strategy: [{ capacity_provider: "FARGATE_SPOT", base: 2, weight: 5 }],
    });
  });

  test("derives the default strategy from the providers it has: one Fargate provider, or the EC2 providers", () => {
    expect(synthCluster({ fargateSpot: false }).cluster.defaultCapacityProviderStrategy).toEqual([
      { capacityProvider: "FARGATE", weight: 1 },
    ]);
    const { s, cluster } = synthCluster({ fargate: false, fargateSpot: false, ec2CapacityProviders: { general } });
    expect(cluster.capacityProviderNames).toEqual(["acme-test-general"]);
    expect(resourceAt(s, "aws_ecs_cluster_capacity_providers", "Cluster/CapacityProviders")).toMatchObject({
      capacity_providers: [ref("aws_ecs_capacity_provider", "Cluster_general", "name")],
      default_capacity_provider_strategy: [{ capacity_provider: "acme-test-general", weight: 1 }],
    });
  });

  test("creates no capacity provider association when the cluster has no capacity providers", () => {
    const { s, cluster } = synthCluster({ fargate: false, fargateSpot: false });
    expect(resourcesOf(s, "aws_ecs_cluster_capacity_providers")).toEqual({});
    expect(cluster.defaultCapacityProviderStrategy).toEqual([]);
    expect(cluster.capacityProviderAssociation).toBeUndefined();
  });

  test("sets a private DNS namespace in the VPC as the Service Connect default", () => {
    const { s, cluster } = synthCluster({ namespace: { type: "DNS_PRIVATE", name: "acme-test.internal" } });
    expect(s.json).toHaveResourceWithProperties(ServiceDiscoveryPrivateDnsNamespace, {
      name: "acme-test.internal",
      vpc: "vpc-0123",
      description: "Default namespace of ECS cluster acme-test",
    });
    expect(resourceAt(s, "aws_ecs_cluster", "Cluster").service_connect_defaults).toEqual({
      namespace: ref("aws_service_discovery_private_dns_namespace", "Cluster_Namespace", "arn"),
    });
    expect(cluster.defaultNamespace?.namespaceType).toBe("DNS_PRIVATE");
  });

  test("sets an HTTP namespace as the Service Connect default", () => {
    const { s, cluster } = synthCluster({ namespace: { type: "HTTP", name: "acme-test", description: "apps" } });
    expect(s.json).toHaveResourceWithProperties(ServiceDiscoveryHttpNamespace, { name: "acme-test", description: "apps" });
    expect(resourceAt(s, "aws_ecs_cluster", "Cluster").service_connect_defaults).toEqual({
      namespace: ref("aws_service_discovery_http_namespace", "Cluster_Namespace", "arn"),
    });
    expect(cluster.defaultNamespace?.namespaceType).toBe("HTTP");
    expect(resourcesOf(s, "aws_service_discovery_private_dns_namespace")).toEqual({});
  });

  test("exposes the cluster's name and ARN, EC2 providers' names, the instance security group and the association", () => {
    let cluster: Cluster | undefined;
    const s = synth((stack) => {
      cluster = new Cluster(stack, "Cluster", {
        ...base,
        ec2CapacityProviders: { general, batch: { ...general, capacityProviderName: "batch-pool" } },
      });
      // Outputs show what each attribute resolves to in Terraform.
      new TerraformOutput(stack, "name", { value: cluster.clusterName });
      new TerraformOutput(stack, "arn", { value: cluster.clusterArn });
      new TerraformOutput(stack, "sg", { value: cluster.instanceConnections?.securityGroupId });
    });
    const c = cluster as Cluster;
    expect(s.parsed.output).toEqual({
      name: { value: ref("aws_ecs_cluster", "Cluster", "name") },
      arn: { value: ref("aws_ecs_cluster", "Cluster", "arn") },
      sg: { value: ref("aws_security_group", "Cluster_ContainerInstances_SecurityGroup", "id") },
    });
    expect(c.capacityProviderNames).toEqual(["FARGATE", "FARGATE_SPOT", "acme-test-general", "batch-pool"]);
    expect(c.ec2CapacityProviderNames).toEqual(["acme-test-general", "batch-pool"]);
    expect(c.ec2CapacityProviders.general.capacityProviderName).toBe("acme-test-general");
    expect(c.network).toBe(network);
    expect(c.capacityProviderAssociation).toBeInstanceOf(EcsClusterCapacityProviders);
    expect(Object.keys(resourcesOf(s, "aws_ecs_capacity_provider"))).toHaveLength(2);
  });

  test("lets a service open the container instances' security group through instanceConnections", () => {
    const s = synth((stack) => {
      const cluster = new Cluster(stack, "Cluster", { ...base, ec2CapacityProviders: { general } });
      cluster.instanceConnections?.allowFrom(
        { uniqueKey: "ipv4:10.0.0.0/16", label: "vpc", cidrIpv4: "10.0.0.0/16" },
        Port.tcpRange(32768, 65535),
      );
    });
    const rules = Object.values(resourcesOf(s, "aws_vpc_security_group_ingress_rule"));
    expect(rules).toEqual([expect.objectContaining({ from_port: 32768, to_port: 65535, cidr_ipv4: "10.0.0.0/16", ip_protocol: "tcp" })]);
  });
});

describe("ExecAuditLogging", () => {
  test("audits exec by default: a rotating KMS key, an encrypted log group kept 90 days, logging OVERRIDE", () => {
    const { s, cluster } = synthCluster();
    expect(s.json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(resourceAt(s, "aws_kms_alias", "Cluster/ExecAudit/KeyAlias")).toMatchObject({ name: "alias/acme-test-ecs-exec" });
    expect(resourceAt(s, "aws_cloudwatch_log_group", "Cluster/ExecAudit/LogGroup")).toMatchObject({
      name: "/ecs/acme-test/exec",
      retention_in_days: 90,
      kms_key_id: ref("aws_kms_key", "Cluster_ExecAudit_Key", "arn"),
      depends_on: [expect.stringMatching(/^aws_kms_key_policy\.Cluster_ExecAudit_KeyPolicy_[0-9A-F]{8}$/)],
    });
    expect(resourceAt(s, "aws_ecs_cluster", "Cluster").configuration).toEqual({
      execute_command_configuration: {
        kms_key_id: ref("aws_kms_key", "Cluster_ExecAudit_Key", "arn"),
        logging: "OVERRIDE",
        log_configuration: {
          cloud_watch_log_group_name: ref("aws_cloudwatch_log_group", "Cluster_ExecAudit_LogGroup", "name"),
          cloud_watch_encryption_enabled: true,
        },
      },
    });
    expect(cluster.execAuditLogging).toBe(true);
    expect(cluster.execAudit?.logGroupName).toBeDefined();
  });

  test("scopes the key policy to the account and to CloudWatch Logs for this log group, read from the key's own ARN", () => {
    const { s } = synthCluster();
    // The policy holds Terraform expressions (element(split(":", ...))), so it is JSON only once Terraform renders it.
    const policy: string = resourceAt(s, "aws_kms_key_policy", "Cluster/ExecAudit/KeyPolicy").policy;
    const keyArn = /aws_kms_key\.Cluster_ExecAudit_Key_[0-9A-F]{8}\.arn/.source;
    const part = (i: number) => `\\$\\{element\\(split\\(":", ${keyArn}\\), ${i}\\)\\}`;
    expect(policy).toMatch(
      new RegExp(
        `"Sid":"AccountAdministersThroughIam","Effect":"Allow","Principal":\\{"AWS":"arn:${part(1)}:iam::${part(4)}:root"\\},"Action":"kms:\\*","Resource":"\\*"`,
      ),
    );
    expect(policy).toMatch(new RegExp(`"Principal":\\{"Service":"logs\\.${part(3)}\\.amazonaws\\.com"\\}`));
    expect(policy).toMatch(
      new RegExp(`"kms:EncryptionContext:aws:logs:arn":"arn:${part(1)}:logs:${part(3)}:${part(4)}:log-group:/ecs/acme-test/exec"`),
    );
  });

  test("logs to S3 only, with a prefix, retention and deletion window of choice", () => {
    const { s, cluster } = synthCluster({
      execAudit: { cloudWatch: false, s3BucketName: "acme-audit", s3KeyPrefix: "exec/", keyDeletionWindowDays: 7 },
    });
    expect(resourcesOf(s, "aws_cloudwatch_log_group")).toEqual({});
    expect(s.json).toHaveResourceWithProperties(KmsKey, { deletion_window_in_days: 7 });
    expect(resourceAt(s, "aws_ecs_cluster", "Cluster").configuration.execute_command_configuration).toMatchObject({
      logging: "OVERRIDE",
      log_configuration: { s3_bucket_name: "acme-audit", s3_key_prefix: "exec/", s3_bucket_encryption_enabled: true },
    });
    expect(resourceAt(s, "aws_kms_key_policy", "Cluster/ExecAudit/KeyPolicy").policy).not.toMatch(/logs\./);
    expect(cluster.execAudit).toMatchObject({ s3BucketName: "acme-audit", s3KeyPrefix: "exec/", logGroupName: undefined });
  });

  test("keeps session logs as long as asked", () => {
    const { s } = synthCluster({ execAudit: { retentionDays: 365 } });
    expect(resourceAt(s, "aws_cloudwatch_log_group", "Cluster/ExecAudit/LogGroup").retention_in_days).toBe(365);
  });

  test("can be turned off explicitly, with a warning", () => {
    let cluster: Cluster | undefined;
    const s = synth((stack) => {
      cluster = new Cluster(stack, "Cluster", { ...base, execAudit: { enabled: false } });
    });
    expect(resourcesOf(s, "aws_kms_key")).toEqual({});
    expect(resourceAt(s, "aws_ecs_cluster", "Cluster").configuration).toBeUndefined();
    expect(cluster?.execAuditLogging).toBe(false);
    expect(cluster?.execAudit).toBeUndefined();
    expect(annotationsUnder(cluster as Cluster)).toEqual([expect.stringMatching(/ECS Exec auditing is off/)]);
  });
});

describe("ContainerInstances", () => {
  test("shares one security group with no ingress, and a role with only the ECS and SSM managed policies", () => {
    const { s } = synthCluster({ ec2CapacityProviders: { general, spot: { ...general, spotPercentage: 100 } } });
    expect(resourceAt(s, "aws_security_group", "Cluster/ContainerInstances/SecurityGroup")).toMatchObject({
      name_prefix: "acme-test-ecs-instances-",
      vpc_id: "vpc-0123",
    });
    expect(resourcesOf(s, "aws_vpc_security_group_ingress_rule")).toEqual({});
    const role = resourceAt(s, "aws_iam_role", "Cluster/ContainerInstances/Role");
    expect(role.name).toBe("acme-test-ecs-instance");
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal.Service).toBe("ec2.amazonaws.com");
    const attached = Object.values(resourcesOf(s, "aws_iam_role_policy_attachment"))
      .map((a: any) => a.policy_arn)
      .sort();
    expect(attached).toEqual([
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
    ]);
    expect(Object.values(resourcesOf(s, "aws_iam_role_policy_attachment")).map((a: any) => a.role)).toEqual([
      ref("aws_iam_role", "Cluster_ContainerInstances_Role", "name"),
      ref("aws_iam_role", "Cluster_ContainerInstances_Role", "name"),
    ]);
    expect(resourcesOf(s, "aws_iam_role_policy")).toEqual({});
    expect(Object.keys(resourcesOf(s, "aws_iam_instance_profile"))).toHaveLength(1);
    expect(Object.keys(resourcesOf(s, "aws_security_group"))).toHaveLength(1);
  });
});

describe("Ec2CapacityProvider", () => {
  test("launches one on-demand type from a template: AL2023 ECS AMI via SSM, IMDSv2, encrypted root volume, no public IP", () => {
    const { s } = synthCluster({ ec2CapacityProviders: { general } });
    expect(resourceAt(s, "aws_launch_template", "Cluster/general/LaunchTemplate")).toMatchObject({
      name: "acme-test-general",
      image_id: "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
      instance_type: "m7i.large",
      metadata_options: {
        http_endpoint: "enabled",
        http_tokens: "required",
        http_put_response_hop_limit: 1,
        instance_metadata_tags: "disabled",
      },
      block_device_mappings: [
        { device_name: "/dev/xvda", ebs: { encrypted: "true", volume_type: "gp3", volume_size: 30, delete_on_termination: "true" } },
      ],
      network_interfaces: [
        {
          associate_public_ip_address: "false",
          security_groups: [ref("aws_security_group", "Cluster_ContainerInstances_SecurityGroup", "id")],
        },
      ],
      iam_instance_profile: { arn: ref("aws_iam_instance_profile", "Cluster_ContainerInstances_InstanceProfile", "arn") },
    });
    const group = resourceAt(s, "aws_autoscaling_group", "Cluster/general/AutoScalingGroup");
    expect(group).toMatchObject({
      name: "acme-test-general",
      min_size: 0,
      max_size: 4,
      vpc_zone_identifier: ["subnet-a", "subnet-b"],
      launch_template: { id: ref("aws_launch_template", "Cluster_general_LaunchTemplate", "id"), version: "$Latest" },
      capacity_rebalance: false,
    });
    expect(group.mixed_instances_policy).toBeUndefined();
  });

  test("joins the cluster through user data, with Spot draining and task metadata blocked", () => {
    const { s } = synthCluster({ ec2CapacityProviders: { general } });
    expect(userDataOf(s, "Cluster/general/LaunchTemplate")).toContain(
      "ECS_CLUSTER=acme-test\nECS_ENABLE_SPOT_INSTANCE_DRAINING=true\nECS_AWSVPC_BLOCK_IMDS=true\n",
    );
  });

  test("sets container instance tags and extra agent settings in the user data", () => {
    const { s } = synthCluster({
      ec2CapacityProviders: {
        general: {
          ...general,
          containerInstanceTags: { Pool: "general" },
          ecsAgentSettings: { ECS_IMAGE_PULL_BEHAVIOR: "once" },
          spotInstanceDraining: false,
          blockTaskMetadataAccess: false,
        },
      },
    });
    const userData = userDataOf(s, "Cluster/general/LaunchTemplate");
    expect(userData).toContain('ECS_CONTAINER_INSTANCE_TAGS={"Pool":"general"}\n');
    expect(userData).toContain("ECS_IMAGE_PULL_BEHAVIOR=once\n");
    expect(userData).toContain("ECS_ENABLE_SPOT_INSTANCE_DRAINING=false\nECS_AWSVPC_BLOCK_IMDS=false\n");
  });

  test("defaults to managed scaling, managed termination protection with matching scale-in protection, and managed draining", () => {
    const { s } = synthCluster({ ec2CapacityProviders: { general } });
    expect(resourceAt(s, "aws_ecs_capacity_provider", "Cluster/general")).toEqual({
      name: "acme-test-general",
      tags: { Name: "acme-test-general" },
      auto_scaling_group_provider: {
        auto_scaling_group_arn: ref("aws_autoscaling_group", "Cluster_general_AutoScalingGroup", "arn"),
        managed_termination_protection: "ENABLED",
        managed_draining: "ENABLED",
        managed_scaling: {
          status: "ENABLED",
          target_capacity: 100,
          minimum_scaling_step_size: 1,
          maximum_scaling_step_size: 10000,
          instance_warmup_period: 300,
        },
      },
    });
    expect(s.json).toHaveResourceWithProperties(AutoscalingGroup, { protect_from_scale_in: true });
  });

  test("ignores desired capacity drift, carries the AmazonECSManaged tag and can be destroyed", () => {
    const { s } = synthCluster({ ec2CapacityProviders: { general }, tags: { Team: "platform" } });
    const group = resourceAt(s, "aws_autoscaling_group", "Cluster/general/AutoScalingGroup");
    expect(group.lifecycle).toEqual({ ignore_changes: ["desired_capacity"] });
    expect(group.force_delete).toBe(true);
    expect(group.depends_on).toEqual([
      expect.stringMatching(/^aws_ecs_cluster\.Cluster_[0-9A-F]{8}$/),
      expect.stringMatching(/^aws_iam_role_policy_attachment\.Cluster_ContainerInstances_EcsPolicy_[0-9A-F]{8}$/),
      expect.stringMatching(/^aws_iam_role_policy_attachment\.Cluster_ContainerInstances_SsmPolicy_[0-9A-F]{8}$/),
    ]);
    expect(group.tag).toEqual([
      { key: "AmazonECSManaged", value: "true", propagate_at_launch: true },
      { key: "Name", value: "acme-test-general", propagate_at_launch: true },
      { key: "Team", value: "platform", propagate_at_launch: true },
    ]);
  });

  test("runs several types on a Spot/on-demand mix with price-capacity-optimized Spot and capacity rebalance", () => {
    const { s } = synthCluster({
      ec2CapacityProviders: {
        mixed: { instanceTypes: ["m7i.large", "m6i.large", "m7a.large"], maxSize: 10, onDemandBaseCapacity: 2, spotPercentage: 60 },
      },
    });
    const group = resourceAt(s, "aws_autoscaling_group", "Cluster/mixed/AutoScalingGroup");
    expect(group.launch_template).toBeUndefined();
    expect(group.capacity_rebalance).toBe(true);
    expect(group.mixed_instances_policy).toEqual({
      instances_distribution: {
        on_demand_base_capacity: 2,
        on_demand_percentage_above_base_capacity: 40,
        on_demand_allocation_strategy: "prioritized",
        spot_allocation_strategy: "price-capacity-optimized",
      },
      launch_template: {
        launch_template_specification: {
          launch_template_id: ref("aws_launch_template", "Cluster_mixed_LaunchTemplate", "id"),
          version: "$Latest",
        },
        override: [{ instance_type: "m7i.large" }, { instance_type: "m6i.large" }, { instance_type: "m7a.large" }],
      },
    });
    expect(resourceAt(s, "aws_launch_template", "Cluster/mixed/LaunchTemplate").instance_type).toBeUndefined();
  });

  test("runs all-Spot on one type with another allocation strategy and no rebalance when asked", () => {
    const { s } = synthCluster({
      ec2CapacityProviders: {
        spot: { ...general, spotPercentage: 100, spotAllocationStrategy: "capacity-optimized", capacityRebalance: false },
      },
    });
    const group = resourceAt(s, "aws_autoscaling_group", "Cluster/spot/AutoScalingGroup");
    expect(group.capacity_rebalance).toBe(false);
    expect(group.mixed_instances_policy.instances_distribution).toMatchObject({
      on_demand_percentage_above_base_capacity: 0,
      spot_allocation_strategy: "capacity-optimized",
    });
  });

  test("picks the arm64 AMI for Graviton, the GPU AMI (with GPU support) for GPU types, and the Neuron AMI", () => {
    const { s } = synthCluster({
      ec2CapacityProviders: {
        arm: { instanceTypes: ["m7g.large", "c7gn.large", "t4g.large"], maxSize: 2 },
        gpu: { instanceTypes: ["g5.xlarge", "g6.xlarge"], maxSize: 2 },
        neuron: { instanceTypes: ["inf2.xlarge"], maxSize: 1 },
      },
    });
    expect(resourceAt(s, "aws_launch_template", "Cluster/arm/LaunchTemplate").image_id).toBe(
      "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
    );
    expect(resourceAt(s, "aws_launch_template", "Cluster/gpu/LaunchTemplate").image_id).toBe(
      "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id",
    );
    expect(userDataOf(s, "Cluster/gpu/LaunchTemplate")).toContain("ECS_ENABLE_GPU_SUPPORT=true\n");
    expect(userDataOf(s, "Cluster/arm/LaunchTemplate")).not.toContain("ECS_ENABLE_GPU_SUPPORT");
    expect(resourceAt(s, "aws_launch_template", "Cluster/neuron/LaunchTemplate").image_id).toBe(
      "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/neuron/recommended/image_id",
    );
  });

  test("takes a custom image, subnets, root volume size and key, hop limit and a provider name", () => {
    const { s } = synthCluster({
      ec2CapacityProviders: {
        general: {
          ...general,
          imageId: "ami-0abc",
          subnetIds: ["subnet-z"],
          rootVolumeSizeGiB: 100,
          rootVolumeKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/00000008-0000-4000-8000-000000000008",
          metadataHopLimit: 2,
          capacityProviderName: "acme-general-pool",
          tags: { Pool: "general" },
        },
      },
    });
    expect(resourceAt(s, "aws_launch_template", "Cluster/general/LaunchTemplate")).toMatchObject({
      name: "acme-general-pool",
      image_id: "ami-0abc",
      metadata_options: { http_put_response_hop_limit: 2 },
      block_device_mappings: [
        {
          ebs: {
            volume_size: 100,
            kms_key_id: "arn:aws:kms:eu-west-1:123456789012:key/00000008-0000-4000-8000-000000000008",
            encrypted: "true",
          },
        },
      ],
      tags: { Name: "acme-general-pool", Pool: "general" },
    });
    expect(s.json).toHaveResourceWithProperties(AutoscalingGroup, { name: "acme-general-pool", vpc_zone_identifier: ["subnet-z"] });
    expect(s.json).toHaveResourceWithProperties(EcsCapacityProvider, { name: "acme-general-pool" });
  });

  test("turns off termination protection (and scale-in protection with it), managed scaling and draining when asked", () => {
    const { s } = synthCluster({
      ec2CapacityProviders: {
        general: {
          ...general,
          managedTerminationProtection: false,
          managedScaling: { enabled: false },
          managedDraining: false,
          minSize: 1,
        },
      },
    });
    expect(resourceAt(s, "aws_ecs_capacity_provider", "Cluster/general").auto_scaling_group_provider).toMatchObject({
      managed_termination_protection: "DISABLED",
      managed_draining: "DISABLED",
      managed_scaling: { status: "DISABLED" },
    });
    expect(s.json).toHaveResourceWithProperties(AutoscalingGroup, { protect_from_scale_in: false, min_size: 1 });
  });

  test("tunes managed scaling", () => {
    const { s } = synthCluster({
      ec2CapacityProviders: {
        general: {
          ...general,
          managedScaling: {
            targetCapacityPercent: 75,
            minimumScalingStepSize: 2,
            maximumScalingStepSize: 4,
            instanceWarmupPeriodSeconds: 90,
          },
        },
      },
    });
    expect(resourceAt(s, "aws_ecs_capacity_provider", "Cluster/general").auto_scaling_group_provider.managed_scaling).toEqual({
      status: "ENABLED",
      target_capacity: 75,
      minimum_scaling_step_size: 2,
      maximum_scaling_step_size: 4,
      instance_warmup_period: 90,
    });
  });

  test("warns about GPU types on a non-GPU AMI, scale-in protection ECS never lifts, and a hop limit above 1", () => {
    let cluster: Cluster | undefined;
    synth((stack: TerraformStack) => {
      cluster = new Cluster(stack as Construct, "Cluster", {
        ...base,
        ec2CapacityProviders: {
          general: {
            instanceTypes: ["m7i.large", "g5.xlarge"],
            maxSize: 2,
            managedTerminationProtection: false,
            protectFromScaleIn: true,
            metadataHopLimit: 2,
          },
        },
      });
    });
    const warnings = annotationsUnder(cluster as Cluster);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/GPU instance types on the "x86_64" AMI have no NVIDIA driver/),
        expect.stringMatching(/protectFromScaleIn without managed termination protection/),
        expect.stringMatching(/metadataHopLimit 2/),
      ]),
    );
  });
});
