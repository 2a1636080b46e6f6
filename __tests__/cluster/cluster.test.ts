import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { ServiceDiscoveryHttpNamespace } from "@cdktf/provider-aws/lib/service-discovery-http-namespace";
import { ServiceDiscoveryPrivateDnsNamespace } from "@cdktf/provider-aws/lib/service-discovery-private-dns-namespace";
import { Cluster, ClusterProps } from "../../src/cluster/cluster";
import { Ec2CapacityProviderOptions } from "../../src/cluster/ec2-capacity-provider";
import { Network } from "../../src/network/network";
import { Port } from "../../src/network/connections";
import { errorOf, resourceAt, resourcesOf, synth, Synthesized } from "../helpers";

const network = Network.fromAttributes({
  vpcId: "vpc-0123",
  vpcCidr: "10.0.0.0/16",
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  privateSubnetIds: ["subnet-a", "subnet-b"],
});
const base: ClusterProps = { name: "acme-test", network };
const general: Ec2CapacityProviderOptions = { instanceTypes: ["m7i.large"], maxSize: 4 };

/** Synthesizes one Cluster and returns it with the stack JSON. */
function synthCluster(props: Partial<ClusterProps> = {}): { s: Synthesized; cluster: Cluster } {
  let cluster: Cluster | undefined;
  const s = synth((stack) => {
    cluster = new Cluster(stack, "Cluster", { ...base, ...props });
  });
  return { s, cluster: cluster as Cluster };
}

/** The message of the ValidationError building a Cluster with these props throws. */
function clusterError(props: Partial<ClusterProps>): string {
  return errorOf((scope) => new Cluster(scope, "Cluster", { ...base, ...props }));
}

/** The message for one EC2 provider `general` with these options (on top of a valid one). */
function providerError(options: Partial<Ec2CapacityProviderOptions>, props: Partial<ClusterProps> = {}): string {
  return clusterError({ ...props, ec2CapacityProviders: { general: { ...general, ...options } } });
}

function warningsOf(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data)));
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
    expect(synthCluster({ containerInsights: "enhanced" }).s.json).toHaveResourceWithProperties(EcsCluster, { setting: [{ name: "containerInsights", value: "enhanced" }] });
    expect(synthCluster({ containerInsights: "disabled" }).s.json).toHaveResourceWithProperties(EcsCluster, { setting: [{ name: "containerInsights", value: "disabled" }] });
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
    expect(synthCluster({ fargateSpot: false }).cluster.defaultCapacityProviderStrategy).toEqual([{ capacityProvider: "FARGATE", weight: 1 }]);
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
      cluster = new Cluster(stack, "Cluster", { ...base, ec2CapacityProviders: { general, batch: { ...general, capacityProviderName: "batch-pool" } } });
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
      cluster.instanceConnections?.allowFrom({ uniqueKey: "ipv4:10.0.0.0/16", label: "vpc", cidrIpv4: "10.0.0.0/16" }, Port.tcpRange(32768, 65535));
    });
    const rules = Object.values(resourcesOf(s, "aws_vpc_security_group_ingress_rule"));
    expect(rules).toEqual([expect.objectContaining({ from_port: 32768, to_port: 65535, cidr_ipv4: "10.0.0.0/16", ip_protocol: "tcp" })]);
  });

  test("throws when the name is not a valid prefix", () => {
    expect(clusterError({ name: "Acme_Dev" })).toBe(
      'test/Cluster: invalid name "Acme_Dev": expected 1 to 40 characters of lowercase letters, digits and inner hyphens [CLUSTER_NAME]',
    );
  });

  test("throws when Container Insights is not enhanced, enabled or disabled", () => {
    expect(clusterError({ containerInsights: "on" as never })).toBe(
      'test/Cluster: invalid containerInsights "on": expected one of "enhanced", "enabled", "disabled" [CLUSTER_CONTAINER_INSIGHTS]',
    );
  });

  test("throws when an EC2 provider key cannot be part of a name", () => {
    expect(clusterError({ ec2CapacityProviders: { General_Pool: general } })).toBe(
      'test/Cluster: invalid ec2CapacityProviders.General_Pool "General_Pool": expected a key of 1 to 32 lowercase letters, digits and inner hyphens (it becomes part of resource names) [CLUSTER_CAPACITY_PROVIDER_KEY]',
    );
  });

  test("throws when the default strategy names a capacity provider the cluster lacks", () => {
    expect(clusterError({ fargateSpot: false, defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT" }] })).toBe(
      'test/Cluster: invalid defaultCapacityProviderStrategy[0].capacityProvider "FARGATE_SPOT": expected a capacity provider of the cluster: "FARGATE" [CLUSTER_STRATEGY_UNKNOWN_PROVIDER]',
    );
  });

  test("throws when the default strategy gives more than one provider a base", () => {
    expect(clusterError({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", base: 1 }, { capacityProvider: "FARGATE_SPOT", base: 1 }] })).toBe(
      'test/Cluster: invalid defaultCapacityProviderStrategy ["FARGATE (base 1)","FARGATE_SPOT (base 1)"]: expected a base on at most one capacity provider [CLUSTER_STRATEGY_MULTIPLE_BASES]',
    );
  });

  test("throws when every weight of the default strategy is zero", () => {
    expect(clusterError({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 0 }] })).toBe(
      'test/Cluster: invalid defaultCapacityProviderStrategy ["FARGATE (weight 0)"]: expected at least one capacity provider with a weight above 0 (ECS places no task on weight-0 providers) [CLUSTER_STRATEGY_ZERO_WEIGHTS]',
    );
  });

  test("throws when a default strategy base or weight is out of range", () => {
    expect(clusterError({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", base: -1 }] })).toBe(
      "test/Cluster: invalid defaultCapacityProviderStrategy[0].base -1: expected an integer from 0 to 100000 [CLUSTER_STRATEGY_BASE]",
    );
    expect(clusterError({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 2000 }] })).toBe(
      "test/Cluster: invalid defaultCapacityProviderStrategy[0].weight 2000: expected an integer from 0 to 1000 [CLUSTER_STRATEGY_WEIGHT]",
    );
  });

  test("throws when the default strategy mixes Fargate and EC2 providers", () => {
    expect(
      clusterError({ ec2CapacityProviders: { general }, defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE" }, { capacityProvider: "acme-test-general" }] }),
    ).toBe(
      'test/Cluster: invalid defaultCapacityProviderStrategy ["FARGATE","acme-test-general"]: expected either Fargate providers (FARGATE, FARGATE_SPOT) or EC2 capacity providers in one strategy, not both [CLUSTER_STRATEGY_MIXED_KINDS]',
    );
  });

  test("throws when two EC2 providers end up with the same name", () => {
    expect(clusterError({ ec2CapacityProviders: { general, other: { ...general, capacityProviderName: "acme-test-general" } } })).toBe(
      'test/Cluster: invalid ec2CapacityProviders[*].capacityProviderName "acme-test-general": expected unique values (this one appears more than once) [CLUSTER_CAPACITY_PROVIDER_NAME_DUPLICATE]',
    );
  });

  test("throws when a tag uses the reserved aws: prefix", () => {
    expect(clusterError({ tags: { "aws:owner": "x" } })).toBe(
      'test/Cluster: invalid tags.aws:owner "aws:owner": expected a key of 1 to 128 characters not starting with "aws:" [TAG_KEY_INVALID]',
    );
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
        log_configuration: { cloud_watch_log_group_name: ref("aws_cloudwatch_log_group", "Cluster_ExecAudit_LogGroup", "name"), cloud_watch_encryption_enabled: true },
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
    expect(policy).toMatch(new RegExp(`"Sid":"AccountAdministersThroughIam","Effect":"Allow","Principal":\\{"AWS":"arn:${part(1)}:iam::${part(4)}:root"\\},"Action":"kms:\\*","Resource":"\\*"`));
    expect(policy).toMatch(new RegExp(`"Principal":\\{"Service":"logs\\.${part(3)}\\.amazonaws\\.com"\\}`));
    expect(policy).toMatch(new RegExp(`"kms:EncryptionContext:aws:logs:arn":"arn:${part(1)}:logs:${part(3)}:${part(4)}:log-group:/ecs/acme-test/exec"`));
  });

  test("logs to S3 only, with a prefix, retention and deletion window of choice", () => {
    const { s, cluster } = synthCluster({ execAudit: { cloudWatch: false, s3BucketName: "acme-audit", s3KeyPrefix: "exec/", keyDeletionWindowDays: 7 } });
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
    expect(warningsOf(cluster as Cluster)).toEqual([expect.stringMatching(/ECS Exec auditing is off/)]);
  });

  test("throws when the retention is not one CloudWatch Logs accepts", () => {
    expect(clusterError({ execAudit: { retentionDays: 100 } })).toMatch(
      /^test\/Cluster\/ExecAudit: invalid execAudit.retentionDays 100: expected one of 1, 3, 5, .*, 3653 \[CLUSTER_EXEC_RETENTION\]$/,
    );
  });

  test("throws when sessions would be logged nowhere", () => {
    expect(clusterError({ execAudit: { cloudWatch: false } })).toBe(
      'test/Cluster/ExecAudit: invalid execAudit {"cloudWatch":false}: expected cloudWatch: true, an s3BucketName, or both (or enabled: false to turn auditing off) [CLUSTER_EXEC_NO_DESTINATION]',
    );
  });

  test("throws when the S3 bucket name is not a bucket name", () => {
    expect(clusterError({ execAudit: { s3BucketName: "Audit_Bucket" } })).toBe(
      'test/Cluster/ExecAudit: invalid execAudit.s3BucketName "Audit_Bucket": expected an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens [CLUSTER_EXEC_S3_BUCKET]',
    );
  });

  test("throws when the key deletion window is outside 7 to 30 days", () => {
    expect(clusterError({ execAudit: { keyDeletionWindowDays: 3 } })).toBe(
      "test/Cluster/ExecAudit: invalid execAudit.keyDeletionWindowDays 3: expected an integer from 7 to 30 days [CLUSTER_EXEC_KEY_DELETION_WINDOW]",
    );
  });
});

describe("ClusterNamespace", () => {
  test("throws when a private DNS namespace name is not a domain name", () => {
    expect(clusterError({ namespace: { type: "DNS_PRIVATE", name: "acme test" } })).toBe(
      'test/Cluster/Namespace: invalid namespace.name "acme test": expected 1 to 253 characters of dot-separated labels of letters, digits and inner hyphens, each at most 63 characters [CLUSTER_NAMESPACE_NAME]',
    );
    expect(clusterError({ namespace: { type: "DNS_PRIVATE", name: "-acme.internal" } })).toMatch(/invalid namespace.name "-acme.internal"/);
  });

  test("throws when an HTTP namespace name has spaces", () => {
    expect(clusterError({ namespace: { type: "HTTP", name: "acme apps" } })).toBe(
      'test/Cluster/Namespace: invalid namespace.name "acme apps": expected 1 to 1024 characters of printable ASCII characters without spaces [CLUSTER_NAMESPACE_NAME]',
    );
  });

  test("throws when the namespace type is unknown", () => {
    expect(clusterError({ namespace: { type: "DNS_PUBLIC" as never, name: "acme.example" } })).toBe(
      'test/Cluster/Namespace: invalid namespace.type "DNS_PUBLIC": expected one of "DNS_PRIVATE", "HTTP" [CLUSTER_NAMESPACE_TYPE]',
    );
  });
});

describe("ContainerInstances", () => {
  test("shares one security group with no ingress, and a role with only the ECS and SSM managed policies", () => {
    const { s } = synthCluster({ ec2CapacityProviders: { general, spot: { ...general, spotPercentage: 100 } } });
    expect(resourceAt(s, "aws_security_group", "Cluster/ContainerInstances/SecurityGroup")).toMatchObject({
      name: "acme-test-ecs-instances",
      vpc_id: "vpc-0123",
    });
    expect(resourcesOf(s, "aws_vpc_security_group_ingress_rule")).toEqual({});
    const role = resourceAt(s, "aws_iam_role", "Cluster/ContainerInstances/Role");
    expect(role.name).toBe("acme-test-ecs-instance");
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal.Service).toBe("ec2.amazonaws.com");
    const attached = Object.values(resourcesOf(s, "aws_iam_role_policy_attachment")).map((a: any) => a.policy_arn).sort();
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
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
      block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "true", volume_type: "gp3", volume_size: 30, delete_on_termination: "true" } }],
      network_interfaces: [{ associate_public_ip_address: "false", security_groups: [ref("aws_security_group", "Cluster_ContainerInstances_SecurityGroup", "id")] }],
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
      ec2CapacityProviders: { general: { ...general, containerInstanceTags: { Pool: "general" }, ecsAgentSettings: { ECS_IMAGE_PULL_BEHAVIOR: "once" }, spotInstanceDraining: false, blockTaskMetadataAccess: false } },
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
        managed_scaling: { status: "ENABLED", target_capacity: 100, minimum_scaling_step_size: 1, maximum_scaling_step_size: 10000, instance_warmup_period: 300 },
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
      ec2CapacityProviders: { mixed: { instanceTypes: ["m7i.large", "m6i.large", "m7a.large"], maxSize: 10, onDemandBaseCapacity: 2, spotPercentage: 60 } },
    });
    const group = resourceAt(s, "aws_autoscaling_group", "Cluster/mixed/AutoScalingGroup");
    expect(group.launch_template).toBeUndefined();
    expect(group.capacity_rebalance).toBe(true);
    expect(group.mixed_instances_policy).toEqual({
      instances_distribution: { on_demand_base_capacity: 2, on_demand_percentage_above_base_capacity: 40, on_demand_allocation_strategy: "prioritized", spot_allocation_strategy: "price-capacity-optimized" },
      launch_template: {
        launch_template_specification: { launch_template_id: ref("aws_launch_template", "Cluster_mixed_LaunchTemplate", "id"), version: "$Latest" },
        override: [{ instance_type: "m7i.large" }, { instance_type: "m6i.large" }, { instance_type: "m7a.large" }],
      },
    });
    expect(resourceAt(s, "aws_launch_template", "Cluster/mixed/LaunchTemplate").instance_type).toBeUndefined();
  });

  test("runs all-Spot on one type with another allocation strategy and no rebalance when asked", () => {
    const { s } = synthCluster({
      ec2CapacityProviders: { spot: { ...general, spotPercentage: 100, spotAllocationStrategy: "capacity-optimized", capacityRebalance: false } },
    });
    const group = resourceAt(s, "aws_autoscaling_group", "Cluster/spot/AutoScalingGroup");
    expect(group.capacity_rebalance).toBe(false);
    expect(group.mixed_instances_policy.instances_distribution).toMatchObject({ on_demand_percentage_above_base_capacity: 0, spot_allocation_strategy: "capacity-optimized" });
  });

  test("picks the arm64 AMI for Graviton, the GPU AMI (with GPU support) for GPU types, and the Neuron AMI", () => {
    const { s } = synthCluster({
      ec2CapacityProviders: {
        arm: { instanceTypes: ["m7g.large", "c7gn.large", "t4g.large"], maxSize: 2 },
        gpu: { instanceTypes: ["g5.xlarge", "g6.xlarge"], maxSize: 2 },
        neuron: { instanceTypes: ["inf2.xlarge"], maxSize: 1 },
      },
    });
    expect(resourceAt(s, "aws_launch_template", "Cluster/arm/LaunchTemplate").image_id).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id");
    expect(resourceAt(s, "aws_launch_template", "Cluster/gpu/LaunchTemplate").image_id).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id");
    expect(userDataOf(s, "Cluster/gpu/LaunchTemplate")).toContain("ECS_ENABLE_GPU_SUPPORT=true\n");
    expect(userDataOf(s, "Cluster/arm/LaunchTemplate")).not.toContain("ECS_ENABLE_GPU_SUPPORT");
    expect(resourceAt(s, "aws_launch_template", "Cluster/neuron/LaunchTemplate").image_id).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/neuron/recommended/image_id");
  });

  test("takes a custom image, subnets, root volume size and key, hop limit and a provider name", () => {
    const { s } = synthCluster({
      ec2CapacityProviders: {
        general: {
          ...general,
          imageId: "ami-0abc",
          subnetIds: ["subnet-z"],
          rootVolumeSizeGiB: 100,
          rootVolumeKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/ebs",
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
      block_device_mappings: [{ ebs: { volume_size: 100, kms_key_id: "arn:aws:kms:eu-west-1:123456789012:key/ebs", encrypted: "true" } }],
      tags: { Name: "acme-general-pool", Pool: "general" },
    });
    expect(s.json).toHaveResourceWithProperties(AutoscalingGroup, { name: "acme-general-pool", vpc_zone_identifier: ["subnet-z"] });
    expect(s.json).toHaveResourceWithProperties(EcsCapacityProvider, { name: "acme-general-pool" });
  });

  test("turns off termination protection (and scale-in protection with it), managed scaling and draining when asked", () => {
    const { s } = synthCluster({
      ec2CapacityProviders: { general: { ...general, managedTerminationProtection: false, managedScaling: { enabled: false }, managedDraining: false, minSize: 1 } },
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
        general: { ...general, managedScaling: { targetCapacityPercent: 75, minimumScalingStepSize: 2, maximumScalingStepSize: 4, instanceWarmupPeriodSeconds: 90 } },
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
          general: { instanceTypes: ["m7i.large", "g5.xlarge"], maxSize: 2, managedTerminationProtection: false, protectFromScaleIn: true, metadataHopLimit: 2 },
        },
      });
    });
    const warnings = warningsOf(cluster as Cluster);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/GPU instance types on the "x86_64" AMI have no NVIDIA driver/),
        expect.stringMatching(/protectFromScaleIn without managed termination protection/),
        expect.stringMatching(/metadataHopLimit 2/),
      ]),
    );
  });

  test("throws when managed termination protection is on without scale-in protection", () => {
    expect(providerError({ protectFromScaleIn: false })).toBe(
      "test/Cluster/general: invalid protectFromScaleIn false: expected protectFromScaleIn: true (or unset) while managedTerminationProtection is on: ECS requires the group's scale-in protection [CLUSTER_TERMINATION_PROTECTION_NEEDS_SCALE_IN_PROTECTION]",
    );
  });

  test("throws when managed termination protection is on without managed scaling", () => {
    expect(providerError({ managedScaling: { enabled: false } })).toBe(
      "test/Cluster/general: invalid managedTerminationProtection true: expected managed termination protection only with managed scaling enabled (ECS requires both), or managedTerminationProtection: false [CLUSTER_TERMINATION_PROTECTION_NEEDS_SCALING]",
    );
  });

  test("throws when the Spot percentage is outside 0 to 100", () => {
    expect(providerError({ spotPercentage: 120 })).toBe(
      "test/Cluster/general: invalid spotPercentage 120: expected an integer from 0 to 100 percent [CLUSTER_SPOT_PERCENTAGE]",
    );
    expect(providerError({ spotPercentage: -5 })).toBe(
      "test/Cluster/general: invalid spotPercentage -5: expected an integer from 0 to 100 percent [CLUSTER_SPOT_PERCENTAGE]",
    );
  });

  test("throws when the instance types mix architectures", () => {
    expect(providerError({ instanceTypes: ["m7g.large", "m7i.large"] })).toBe(
      'test/Cluster/general: invalid instanceTypes ["m7g.large (arm64)","m7i.large (x86_64)"]: expected instance types of one architecture (one AMI serves the group): all x86_64 or all arm64 (Graviton) [CLUSTER_INSTANCE_ARCHITECTURE_MIX]',
    );
  });

  test("throws when the AMI variant does not match the instance types' architecture", () => {
    expect(providerError({ instanceTypes: ["c7gn.large"], amiVariant: "x86_64" })).toBe(
      'test/Cluster/general: invalid amiVariant "x86_64": expected an AMI variant for arm64 instances (c7gn.large): "arm64" [CLUSTER_AMI_ARCHITECTURE]',
    );
    expect(providerError({ instanceTypes: ["g5g.xlarge"], amiVariant: "gpu" })).toBe(
      'test/Cluster/general: invalid amiVariant "gpu": expected an AMI variant for arm64 instances (g5g.xlarge): "arm64" [CLUSTER_AMI_ARCHITECTURE]',
    );
  });

  test("throws when the AMI variant is unknown", () => {
    expect(providerError({ amiVariant: "bottlerocket" as never })).toBe(
      'test/Cluster/general: invalid amiVariant "bottlerocket": expected one of "x86_64", "arm64", "gpu", "neuron" [CLUSTER_AMI_VARIANT]',
    );
  });

  test("throws when the minimum size is above the maximum", () => {
    expect(providerError({ minSize: 5, maxSize: 2 })).toBe(
      "test/Cluster/general: invalid minSize 5: expected a value no greater than maxSize (2) [CLUSTER_ASG_MIN_MAX]",
    );
  });

  test("throws when a size is negative", () => {
    expect(providerError({ maxSize: -1, minSize: -2 })).toBe("test/Cluster/general: invalid minSize -2: expected an integer from 0 to 10000 [CLUSTER_ASG_SIZE]");
  });

  test("throws when the capacity provider name is longer than 255 characters", () => {
    const name = `acme-${"x".repeat(251)}`;
    expect(providerError({ capacityProviderName: name })).toBe(
      `test/Cluster/general: invalid capacityProviderName "${name.slice(0, 196)}...: expected 1 to 255 characters of letters, digits, hyphens and underscores [CLUSTER_CAPACITY_PROVIDER_NAME]`,
    );
  });

  test("throws when the capacity provider name has characters ECS rejects", () => {
    expect(providerError({ capacityProviderName: "acme.general" })).toBe(
      'test/Cluster/general: invalid capacityProviderName "acme.general": expected 1 to 255 characters of letters, digits, hyphens and underscores [CLUSTER_CAPACITY_PROVIDER_NAME]',
    );
  });

  test("throws when the capacity provider name starts with aws, ecs or fargate (the default name from an ecs- cluster included)", () => {
    const allowed =
      'expected a name not starting with "aws", "ecs" or "fargate" (reserved by ECS); set capacityProviderName when the cluster name starts with one [CLUSTER_CAPACITY_PROVIDER_NAME_PREFIX]';
    expect(providerError({}, { name: "ecs-dev" })).toBe(`test/Cluster/general: invalid capacityProviderName "ecs-dev-general": ${allowed}`);
    expect(providerError({ capacityProviderName: "Fargate-pool" })).toBe(`test/Cluster/general: invalid capacityProviderName "Fargate-pool": ${allowed}`);
    expect(providerError({ capacityProviderName: "awsome" })).toBe(`test/Cluster/general: invalid capacityProviderName "awsome": ${allowed}`);
  });

  test("throws when managed scaling's target capacity is outside 1 to 100", () => {
    expect(providerError({ managedScaling: { targetCapacityPercent: 0 } })).toBe(
      "test/Cluster/general: invalid managedScaling.targetCapacityPercent 0: expected an integer from 1 to 100 percent [CLUSTER_TARGET_CAPACITY]",
    );
    expect(providerError({ managedScaling: { targetCapacityPercent: 101 } })).toBe(
      "test/Cluster/general: invalid managedScaling.targetCapacityPercent 101: expected an integer from 1 to 100 percent [CLUSTER_TARGET_CAPACITY]",
    );
  });

  test("throws when scaling step sizes are out of range or reversed", () => {
    expect(providerError({ managedScaling: { maximumScalingStepSize: 10001 } })).toBe(
      "test/Cluster/general: invalid managedScaling.maximumScalingStepSize 10001: expected an integer from 1 to 10000 [CLUSTER_SCALING_STEP]",
    );
    expect(providerError({ managedScaling: { minimumScalingStepSize: 5, maximumScalingStepSize: 2 } })).toBe(
      "test/Cluster/general: invalid managedScaling.minimumScalingStepSize 5: expected a value no greater than managedScaling.maximumScalingStepSize (2) [CLUSTER_SCALING_STEP]",
    );
  });

  test("throws when the instance warm-up is outside 0 to 10000 seconds", () => {
    expect(providerError({ managedScaling: { instanceWarmupPeriodSeconds: 20000 } })).toBe(
      "test/Cluster/general: invalid managedScaling.instanceWarmupPeriodSeconds 20000: expected an integer from 0 to 10000 seconds [CLUSTER_INSTANCE_WARMUP]",
    );
  });

  test("throws when there is no instance type, too many, a malformed one or a duplicate", () => {
    expect(providerError({ instanceTypes: [] })).toBe("test/Cluster/general: invalid instanceTypes []: expected at least one item [CLUSTER_INSTANCE_TYPES_EMPTY]");
    const many = Array.from({ length: 41 }, (_, i) => `m${i + 1}.large`);
    expect(providerError({ instanceTypes: many })).toBe("test/Cluster/general: invalid instanceTypes 41: expected at most 40 instance types [CLUSTER_INSTANCE_TYPES_TOO_MANY]");
    expect(providerError({ instanceTypes: ["m7i.large", "large"] })).toBe(
      'test/Cluster/general: invalid instanceTypes[1] "large": expected an EC2 instance type such as m7g.large [CLUSTER_INSTANCE_TYPE]',
    );
    expect(providerError({ instanceTypes: ["m7i.large", "m7i.large"] })).toBe(
      'test/Cluster/general: invalid instanceTypes "m7i.large": expected unique values (this one appears more than once) [CLUSTER_INSTANCE_TYPE_DUPLICATE]',
    );
  });

  test("throws when the Spot allocation strategy or on-demand base is invalid", () => {
    expect(providerError({ spotAllocationStrategy: "cheapest" as never })).toBe(
      'test/Cluster/general: invalid spotAllocationStrategy "cheapest": expected one of "price-capacity-optimized", "capacity-optimized", "capacity-optimized-prioritized", "lowest-price" [CLUSTER_SPOT_ALLOCATION_STRATEGY]',
    );
    expect(providerError({ onDemandBaseCapacity: -1 })).toBe(
      "test/Cluster/general: invalid onDemandBaseCapacity -1: expected an integer from 0 to 10000 [CLUSTER_ON_DEMAND_BASE]",
    );
  });

  test("throws when the root volume is smaller than the AMI's 30 GiB snapshot", () => {
    expect(providerError({ rootVolumeSizeGiB: 20 })).toBe(
      "test/Cluster/general: invalid rootVolumeSizeGiB 20: expected an integer from 30 to 16384 GiB [CLUSTER_ROOT_VOLUME_SIZE]",
    );
  });

  test("throws when the metadata hop limit is outside 1 to 64", () => {
    expect(providerError({ metadataHopLimit: 0 })).toBe("test/Cluster/general: invalid metadataHopLimit 0: expected an integer from 1 to 64 [CLUSTER_METADATA_HOP_LIMIT]");
  });

  test("throws when an agent setting is not ECS_*, replaces one set from props, or spans lines", () => {
    const allowed =
      "expected an ECS_* agent setting other than the ones set from props (ECS_CLUSTER, ECS_ENABLE_SPOT_INSTANCE_DRAINING, ECS_AWSVPC_BLOCK_IMDS, ECS_ENABLE_GPU_SUPPORT, ECS_CONTAINER_INSTANCE_TAGS) [CLUSTER_AGENT_SETTING]";
    expect(providerError({ ecsAgentSettings: { LOGLEVEL: "debug" } })).toBe(`test/Cluster/general: invalid ecsAgentSettings.LOGLEVEL "LOGLEVEL": ${allowed}`);
    expect(providerError({ ecsAgentSettings: { ECS_CLUSTER: "other" } })).toBe(`test/Cluster/general: invalid ecsAgentSettings.ECS_CLUSTER "ECS_CLUSTER": ${allowed}`);
    expect(providerError({ ecsAgentSettings: { ECS_LOGLEVEL: "debug\nECS_CLUSTER=x" } })).toBe(
      'test/Cluster/general: invalid ecsAgentSettings.ECS_LOGLEVEL "debug\\nECS_CLUSTER=x": expected a value on one line [CLUSTER_AGENT_SETTING]',
    );
  });

  test("throws when there are no subnets to launch in", () => {
    expect(providerError({ subnetIds: [] })).toBe("test/Cluster/general: invalid subnetIds []: expected at least one item [CLUSTER_SUBNETS_EMPTY]");
  });

  test("throws when a container instance tag breaks AWS tag rules", () => {
    expect(providerError({ containerInstanceTags: { "aws:pool": "x" } })).toBe(
      'test/Cluster/general: invalid containerInstanceTags.aws:pool "aws:pool": expected a key of 1 to 128 characters not starting with "aws:" [TAG_KEY_INVALID]',
    );
  });
});
