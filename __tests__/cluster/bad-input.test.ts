import { Construct } from "constructs";
import { Cluster, ClusterProps } from "../../src/cluster/cluster";
import { Ec2CapacityProviderOptions } from "../../src/cluster/ec2-capacity-provider";
import { LOG_RETENTION_DAYS } from "../../src/core/log-retention";
import { BOUNDARY_ALLOWED } from "../core/role-messages";
import { expectedMessage, Rejection, testRejections } from "../helpers";
import { base, general, imported, platformNamespace as namespace } from "./fixtures";

/** Builds a Cluster with these props (on top of a valid one). */
function cluster(props: Partial<ClusterProps>): (scope: Construct) => void {
  return (scope) => new Cluster(scope, "Cluster", { ...base, ...props });
}

/** Builds a Cluster with one EC2 provider `general` with these options (on top of a valid one). */
function provider(options: Partial<Ec2CapacityProviderOptions>, props: Partial<ClusterProps> = {}): (scope: Construct) => void {
  return cluster({ ...props, ec2CapacityProviders: { general: { ...general, ...options } } });
}

const providerNamePrefix =
  'a name not starting with "aws", "ecs" or "fargate" (reserved by ECS); set capacityProviderName when the cluster name starts with one';
const agentSetting =
  "an ECS_* agent setting other than the ones set from props (ECS_CLUSTER, ECS_ENABLE_SPOT_INSTANCE_DRAINING, ECS_AWSVPC_BLOCK_IMDS, ECS_ENABLE_GPU_SUPPORT, ECS_CONTAINER_INSTANCE_TAGS, ECS_WARM_POOLS_CHECK)";
const longProviderName = `acme-${"x".repeat(251)}`;

const cases: Rejection[] = [
  // Cluster
  [
    "an instance role boundary that is a role ARN",
    cluster({ roleOptions: { permissionsBoundaryArn: "arn:aws:iam::123456789012:role/boundary" } }),
    expectedMessage(
      "test/Cluster",
      "roleOptions.permissionsBoundaryArn",
      "arn:aws:iam::123456789012:role/boundary",
      BOUNDARY_ALLOWED,
      "ROLE_PERMISSIONS_BOUNDARY",
    ),
  ],
  [
    "a name that is not a valid prefix",
    cluster({ name: "Acme_Dev" }),
    expectedMessage(
      "test/Cluster",
      "name",
      "Acme_Dev",
      "1 to 40 characters of lowercase letters, digits and inner hyphens",
      "CLUSTER_NAME",
    ),
  ],
  [
    "a name over 40 characters",
    cluster({ name: "a".repeat(41) }),
    expectedMessage(
      "test/Cluster",
      "name",
      "a".repeat(41),
      "1 to 40 characters of lowercase letters, digits and inner hyphens",
      "CLUSTER_NAME",
    ),
  ],
  [
    "Container Insights other than enhanced, enabled or disabled",
    cluster({ containerInsights: "on" as never }),
    expectedMessage("test/Cluster", "containerInsights", "on", 'one of "enhanced", "enabled", "disabled"', "CLUSTER_CONTAINER_INSIGHTS"),
  ],
  [
    "an EC2 provider key that cannot be part of a name",
    cluster({ ec2CapacityProviders: { General_Pool: general } }),
    expectedMessage(
      "test/Cluster",
      "ec2CapacityProviders.General_Pool",
      "General_Pool",
      "a key of 1 to 32 lowercase letters, digits and inner hyphens (it becomes part of resource names)",
      "CLUSTER_CAPACITY_PROVIDER_KEY",
    ),
  ],
  [
    "a default strategy naming a provider the cluster lacks",
    cluster({ fargateSpot: false, defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT" }] }),
    expectedMessage(
      "test/Cluster",
      "defaultCapacityProviderStrategy[0].capacityProvider",
      "FARGATE_SPOT",
      'a capacity provider of the cluster: "FARGATE"',
      "CLUSTER_STRATEGY_UNKNOWN_PROVIDER",
    ),
  ],
  [
    "a default strategy naming a provider twice",
    cluster({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE" }, { capacityProvider: "FARGATE", weight: 2 }] }),
    expectedMessage(
      "test/Cluster",
      "defaultCapacityProviderStrategy[1].capacityProvider",
      "FARGATE",
      "each capacity provider at most once",
      "CLUSTER_STRATEGY_DUPLICATE",
    ),
  ],
  [
    "a default strategy with a base on more than one provider",
    cluster({
      defaultCapacityProviderStrategy: [
        { capacityProvider: "FARGATE", base: 1 },
        { capacityProvider: "FARGATE_SPOT", base: 1 },
      ],
    }),
    expectedMessage(
      "test/Cluster",
      "defaultCapacityProviderStrategy",
      ["FARGATE (base 1)", "FARGATE_SPOT (base 1)"],
      "a base on at most one capacity provider",
      "CLUSTER_STRATEGY_MULTIPLE_BASES",
    ),
  ],
  [
    "a default strategy whose weights are all zero",
    cluster({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 0 }] }),
    expectedMessage(
      "test/Cluster",
      "defaultCapacityProviderStrategy",
      ["FARGATE (weight 0)"],
      "at least one capacity provider with a weight above 0 (ECS places no task on weight-0 providers)",
      "CLUSTER_STRATEGY_ZERO_WEIGHTS",
    ),
  ],
  [
    "a default strategy base below 0",
    cluster({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", base: -1 }] }),
    expectedMessage("test/Cluster", "defaultCapacityProviderStrategy[0].base", -1, "an integer from 0 to 100000", "CLUSTER_STRATEGY_BASE"),
  ],
  [
    "a default strategy weight above 1000",
    cluster({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 2000 }] }),
    expectedMessage(
      "test/Cluster",
      "defaultCapacityProviderStrategy[0].weight",
      2000,
      "an integer from 0 to 1000",
      "CLUSTER_STRATEGY_WEIGHT",
    ),
  ],
  [
    "a default strategy mixing Fargate and EC2 providers",
    cluster({
      ec2CapacityProviders: { general },
      defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE" }, { capacityProvider: "acme-test-general" }],
    }),
    expectedMessage(
      "test/Cluster",
      "defaultCapacityProviderStrategy",
      ["FARGATE", "acme-test-general"],
      "either Fargate providers (FARGATE, FARGATE_SPOT) or EC2 capacity providers in one strategy, not both",
      "CLUSTER_STRATEGY_MIXED_KINDS",
    ),
  ],
  [
    "two EC2 providers with the same name",
    cluster({ ec2CapacityProviders: { general, other: { ...general, capacityProviderName: "acme-test-general" } } }),
    expectedMessage(
      "test/Cluster",
      "ec2CapacityProviders[*].capacityProviderName",
      "acme-test-general",
      "unique values (this one appears more than once)",
      "CLUSTER_CAPACITY_PROVIDER_NAME_DUPLICATE",
    ),
  ],
  [
    "a tag key with the reserved aws: prefix",
    cluster({ tags: { "aws:owner": "x" } }),
    expectedMessage(
      "test/Cluster",
      "tags.aws:owner",
      "aws:owner",
      'a key of 1 to 128 characters not starting with "aws:"',
      "TAG_KEY_INVALID",
    ),
  ],
  [
    "a tag key over 128 characters",
    cluster({ tags: { ["k".repeat(129)]: "x" } }),
    expectedMessage(
      "test/Cluster",
      `tags.${"k".repeat(129)}`,
      "k".repeat(129),
      'a key of 1 to 128 characters not starting with "aws:"',
      "TAG_KEY_INVALID",
    ),
  ],
  [
    "a tag value over 256 characters",
    cluster({ tags: { Team: "v".repeat(257) } }),
    expectedMessage("test/Cluster", "tags.Team", "v".repeat(257), "a value of at most 256 characters", "TAG_VALUE_TOO_LONG"),
  ],
  [
    "more than 50 tags",
    cluster({ tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`tag${i}`, "x"])) }),
    expectedMessage("test/Cluster", "tags", 51, "at most 50 tags", "TAGS_TOO_MANY"),
  ],
  // ExecAuditLogging
  [
    "an exec log retention CloudWatch Logs does not accept",
    cluster({ execAudit: { retentionDays: 100 } }),
    expectedMessage(
      "test/Cluster/ExecAudit",
      "execAudit.retentionDays",
      100,
      `one of ${LOG_RETENTION_DAYS.join(", ")}`,
      "CLUSTER_EXEC_RETENTION",
    ),
  ],
  [
    "exec sessions logged nowhere",
    cluster({ execAudit: { cloudWatch: false } }),
    expectedMessage(
      "test/Cluster/ExecAudit",
      "execAudit",
      { cloudWatch: false },
      "cloudWatch: true, an s3BucketName, or both (or enabled: false to turn auditing off)",
      "CLUSTER_EXEC_NO_DESTINATION",
    ),
  ],
  [
    "an exec S3 bucket name that is not a bucket name",
    cluster({ execAudit: { s3BucketName: "Audit_Bucket" } }),
    expectedMessage(
      "test/Cluster/ExecAudit",
      "execAudit.s3BucketName",
      "Audit_Bucket",
      "an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens",
      "CLUSTER_EXEC_S3_BUCKET",
    ),
  ],
  [
    "an exec key deletion window under 7 days",
    cluster({ execAudit: { keyDeletionWindowDays: 3 } }),
    expectedMessage(
      "test/Cluster/ExecAudit",
      "execAudit.keyDeletionWindowDays",
      3,
      "an integer from 7 to 30 days",
      "CLUSTER_EXEC_KEY_DELETION_WINDOW",
    ),
  ],
  // ClusterNamespace
  [
    "a private DNS namespace name with a space",
    cluster({ namespace: { type: "DNS_PRIVATE", name: "acme test" } }),
    expectedMessage(
      "test/Cluster/Namespace",
      "namespace.name",
      "acme test",
      "1 to 253 characters of dot-separated labels of letters, digits and inner hyphens, each at most 63 characters",
      "CLUSTER_NAMESPACE_NAME",
    ),
  ],
  [
    "a private DNS namespace name with a leading hyphen",
    cluster({ namespace: { type: "DNS_PRIVATE", name: "-acme.internal" } }),
    expectedMessage(
      "test/Cluster/Namespace",
      "namespace.name",
      "-acme.internal",
      "1 to 253 characters of dot-separated labels of letters, digits and inner hyphens, each at most 63 characters",
      "CLUSTER_NAMESPACE_NAME",
    ),
  ],
  [
    "an HTTP namespace name with a space",
    cluster({ namespace: { type: "HTTP", name: "acme apps" } }),
    expectedMessage(
      "test/Cluster/Namespace",
      "namespace.name",
      "acme apps",
      "1 to 1024 characters of printable ASCII characters without spaces",
      "CLUSTER_NAMESPACE_NAME",
    ),
  ],
  [
    "an unknown namespace type",
    cluster({ namespace: { type: "DNS_PUBLIC" as never, name: "acme.example" } }),
    expectedMessage("test/Cluster/Namespace", "namespace.type", "DNS_PUBLIC", 'one of "DNS_PRIVATE", "HTTP"', "CLUSTER_NAMESPACE_TYPE"),
  ],
  [
    "a namespace description over Cloud Map's 1024 characters",
    cluster({ namespace: { type: "HTTP", name: "acme-apps", description: "d".repeat(1025) } }),
    expectedMessage(
      "test/Cluster/Namespace",
      "namespace.description",
      "d".repeat(1025),
      "at most 1024 characters",
      "CLUSTER_NAMESPACE_DESCRIPTION",
    ),
  ],
  // Ec2CapacityProvider
  [
    "managed termination protection without scale-in protection",
    provider({ protectFromScaleIn: false }),
    expectedMessage(
      "test/Cluster/general",
      "protectFromScaleIn",
      false,
      "protectFromScaleIn: true (or unset) while managedTerminationProtection is on: ECS requires the group's scale-in protection",
      "CLUSTER_TERMINATION_PROTECTION_NEEDS_SCALE_IN_PROTECTION",
    ),
  ],
  [
    "managed termination protection without managed scaling",
    provider({ managedScaling: { enabled: false } }),
    expectedMessage(
      "test/Cluster/general",
      "managedTerminationProtection",
      true,
      "managed termination protection only with managed scaling enabled (ECS requires both), or managedTerminationProtection: false",
      "CLUSTER_TERMINATION_PROTECTION_NEEDS_SCALING",
    ),
  ],
  [
    "a Spot percentage above 100",
    provider({ spotPercentage: 120 }),
    expectedMessage("test/Cluster/general", "spotPercentage", 120, "an integer from 0 to 100 percent", "CLUSTER_SPOT_PERCENTAGE"),
  ],
  [
    "a Spot percentage below 0",
    provider({ spotPercentage: -5 }),
    expectedMessage("test/Cluster/general", "spotPercentage", -5, "an integer from 0 to 100 percent", "CLUSTER_SPOT_PERCENTAGE"),
  ],
  [
    "instance types of two architectures",
    provider({ instanceTypes: ["m7g.large", "m7i.large"] }),
    expectedMessage(
      "test/Cluster/general",
      "instanceTypes",
      ["m7g.large (arm64)", "m7i.large (x86_64)"],
      "instance types of one architecture (one AMI serves the group): all x86_64 or all arm64 (Graviton)",
      "CLUSTER_INSTANCE_ARCHITECTURE_MIX",
    ),
  ],
  [
    "an x86_64 AMI variant for Graviton types",
    provider({ instanceTypes: ["c7gn.large"], amiVariant: "x86_64" }),
    expectedMessage(
      "test/Cluster/general",
      "amiVariant",
      "x86_64",
      'an AMI variant for arm64 instances (c7gn.large): "arm64"',
      "CLUSTER_AMI_ARCHITECTURE",
    ),
  ],
  [
    "the (x86_64) GPU AMI variant for Graviton GPU types",
    provider({ instanceTypes: ["g5g.xlarge"], amiVariant: "gpu" }),
    expectedMessage(
      "test/Cluster/general",
      "amiVariant",
      "gpu",
      'an AMI variant for arm64 instances (g5g.xlarge): "arm64"',
      "CLUSTER_AMI_ARCHITECTURE",
    ),
  ],
  [
    "an unknown AMI variant",
    provider({ amiVariant: "bottlerocket" as never }),
    expectedMessage(
      "test/Cluster/general",
      "amiVariant",
      "bottlerocket",
      'one of "x86_64", "arm64", "gpu", "neuron"',
      "CLUSTER_AMI_VARIANT",
    ),
  ],
  [
    "a minimum size above the maximum",
    provider({ minSize: 5, maxSize: 2 }),
    expectedMessage("test/Cluster/general", "minSize", 5, "a value no greater than maxSize (2)", "CLUSTER_ASG_MIN_MAX"),
  ],
  [
    "a negative size",
    provider({ maxSize: -1, minSize: -2 }),
    expectedMessage("test/Cluster/general", "minSize", -2, "an integer from 0 to 10000", "CLUSTER_ASG_SIZE"),
  ],
  [
    "a maximum size above 10000",
    provider({ maxSize: 10001 }),
    expectedMessage("test/Cluster/general", "maxSize", 10001, "an integer from 0 to 10000", "CLUSTER_ASG_SIZE"),
  ],
  [
    "a capacity provider name over 255 characters",
    provider({ capacityProviderName: longProviderName }),
    expectedMessage(
      "test/Cluster/general",
      "capacityProviderName",
      longProviderName,
      "1 to 255 characters of letters, digits, hyphens and underscores",
      "CLUSTER_CAPACITY_PROVIDER_NAME",
    ),
  ],
  [
    "a capacity provider name with characters ECS rejects",
    provider({ capacityProviderName: "acme.general" }),
    expectedMessage(
      "test/Cluster/general",
      "capacityProviderName",
      "acme.general",
      "1 to 255 characters of letters, digits, hyphens and underscores",
      "CLUSTER_CAPACITY_PROVIDER_NAME",
    ),
  ],
  [
    "a default provider name starting with ecs (from an ecs- cluster)",
    provider({}, { name: "ecs-dev" }),
    expectedMessage(
      "test/Cluster/general",
      "capacityProviderName",
      "ecs-dev-general",
      providerNamePrefix,
      "CLUSTER_CAPACITY_PROVIDER_NAME_PREFIX",
    ),
  ],
  [
    "a provider name starting with Fargate",
    provider({ capacityProviderName: "Fargate-pool" }),
    expectedMessage(
      "test/Cluster/general",
      "capacityProviderName",
      "Fargate-pool",
      providerNamePrefix,
      "CLUSTER_CAPACITY_PROVIDER_NAME_PREFIX",
    ),
  ],
  [
    "a provider name starting with aws",
    provider({ capacityProviderName: "awsome" }),
    expectedMessage("test/Cluster/general", "capacityProviderName", "awsome", providerNamePrefix, "CLUSTER_CAPACITY_PROVIDER_NAME_PREFIX"),
  ],
  [
    "a managed scaling target of 0 percent",
    provider({ managedScaling: { targetCapacityPercent: 0 } }),
    expectedMessage(
      "test/Cluster/general",
      "managedScaling.targetCapacityPercent",
      0,
      "an integer from 1 to 100 percent",
      "CLUSTER_TARGET_CAPACITY",
    ),
  ],
  [
    "a managed scaling target above 100 percent",
    provider({ managedScaling: { targetCapacityPercent: 101 } }),
    expectedMessage(
      "test/Cluster/general",
      "managedScaling.targetCapacityPercent",
      101,
      "an integer from 1 to 100 percent",
      "CLUSTER_TARGET_CAPACITY",
    ),
  ],
  [
    "a maximum scaling step above 10000",
    provider({ managedScaling: { maximumScalingStepSize: 10001 } }),
    expectedMessage(
      "test/Cluster/general",
      "managedScaling.maximumScalingStepSize",
      10001,
      "an integer from 1 to 10000",
      "CLUSTER_SCALING_STEP",
    ),
  ],
  [
    "a minimum scaling step above the maximum",
    provider({ managedScaling: { minimumScalingStepSize: 5, maximumScalingStepSize: 2 } }),
    expectedMessage(
      "test/Cluster/general",
      "managedScaling.minimumScalingStepSize",
      5,
      "a value no greater than managedScaling.maximumScalingStepSize (2)",
      "CLUSTER_SCALING_STEP",
    ),
  ],
  [
    "an instance warm-up above 10000 seconds",
    provider({ managedScaling: { instanceWarmupPeriodSeconds: 20000 } }),
    expectedMessage(
      "test/Cluster/general",
      "managedScaling.instanceWarmupPeriodSeconds",
      20000,
      "an integer from 0 to 10000 seconds",
      "CLUSTER_INSTANCE_WARMUP",
    ),
  ],
  [
    "no instance type",
    provider({ instanceTypes: [] }),
    expectedMessage("test/Cluster/general", "instanceTypes", [], "at least one item", "CLUSTER_INSTANCE_TYPES_EMPTY"),
  ],
  [
    "more than 40 instance types",
    provider({ instanceTypes: Array.from({ length: 41 }, (_, i) => `m${i + 1}.large`) }),
    expectedMessage("test/Cluster/general", "instanceTypes", 41, "at most 40 instance types", "CLUSTER_INSTANCE_TYPES_TOO_MANY"),
  ],
  [
    "a malformed instance type",
    provider({ instanceTypes: ["m7i.large", "large"] }),
    expectedMessage(
      "test/Cluster/general",
      "instanceTypes[1]",
      "large",
      "an EC2 instance type that exists (a known family and size), such as m7g.large",
      "CLUSTER_INSTANCE_TYPE",
    ),
  ],
  [
    "an instance family that does not exist (a typo)",
    provider({ instanceTypes: ["m7.large"] }),
    expectedMessage(
      "test/Cluster/general",
      "instanceTypes[0]",
      "m7.large",
      "an EC2 instance type that exists (a known family and size), such as m7g.large",
      "CLUSTER_INSTANCE_TYPE",
    ),
  ],
  [
    "an instance size that does not exist",
    provider({ instanceTypes: ["m7g.5xlarge"] }),
    expectedMessage(
      "test/Cluster/general",
      "instanceTypes[0]",
      "m7g.5xlarge",
      "an EC2 instance type that exists (a known family and size), such as m7g.large",
      "CLUSTER_INSTANCE_TYPE",
    ),
  ],
  [
    "an instance size misspelt",
    provider({ instanceTypes: ["c7g.xlarg"] }),
    expectedMessage(
      "test/Cluster/general",
      "instanceTypes[0]",
      "c7g.xlarg",
      "an EC2 instance type that exists (a known family and size), such as m7g.large",
      "CLUSTER_INSTANCE_TYPE",
    ),
  ],
  [
    "a duplicate instance type",
    provider({ instanceTypes: ["m7i.large", "m7i.large"] }),
    expectedMessage(
      "test/Cluster/general",
      "instanceTypes",
      "m7i.large",
      "unique values (this one appears more than once)",
      "CLUSTER_INSTANCE_TYPE_DUPLICATE",
    ),
  ],
  [
    "an unknown Spot allocation strategy",
    provider({ spotAllocationStrategy: "cheapest" as never }),
    expectedMessage(
      "test/Cluster/general",
      "spotAllocationStrategy",
      "cheapest",
      'one of "price-capacity-optimized", "capacity-optimized", "capacity-optimized-prioritized", "lowest-price"',
      "CLUSTER_SPOT_ALLOCATION_STRATEGY",
    ),
  ],
  [
    "a negative on-demand base",
    provider({ onDemandBaseCapacity: -1 }),
    expectedMessage("test/Cluster/general", "onDemandBaseCapacity", -1, "an integer from 0 to 10000", "CLUSTER_ON_DEMAND_BASE"),
  ],
  [
    "a root volume smaller than the AMI's 30 GiB snapshot",
    provider({ rootVolumeSizeGiB: 20 }),
    expectedMessage("test/Cluster/general", "rootVolumeSizeGiB", 20, "an integer from 30 to 16384 GiB", "CLUSTER_ROOT_VOLUME_SIZE"),
  ],
  [
    "a metadata hop limit of 0",
    provider({ metadataHopLimit: 0 }),
    expectedMessage("test/Cluster/general", "metadataHopLimit", 0, "an integer from 1 to 64", "CLUSTER_METADATA_HOP_LIMIT"),
  ],
  [
    "an agent setting that is not ECS_*",
    provider({ ecsAgentSettings: { LOGLEVEL: "debug" } }),
    expectedMessage("test/Cluster/general", "ecsAgentSettings.LOGLEVEL", "LOGLEVEL", agentSetting, "CLUSTER_AGENT_SETTING"),
  ],
  [
    "an agent setting that replaces one set from props",
    provider({ ecsAgentSettings: { ECS_CLUSTER: "other" } }),
    expectedMessage("test/Cluster/general", "ecsAgentSettings.ECS_CLUSTER", "ECS_CLUSTER", agentSetting, "CLUSTER_AGENT_SETTING"),
  ],
  [
    "an agent setting value spanning lines",
    provider({ ecsAgentSettings: { ECS_LOGLEVEL: "debug\nECS_CLUSTER=x" } }),
    expectedMessage(
      "test/Cluster/general",
      "ecsAgentSettings.ECS_LOGLEVEL",
      "debug\nECS_CLUSTER=x",
      "a value on one line",
      "CLUSTER_AGENT_SETTING",
    ),
  ],
  [
    "no subnets to launch in",
    provider({ subnetIds: [] }),
    expectedMessage("test/Cluster/general", "subnetIds", [], "at least one item", "CLUSTER_SUBNETS_EMPTY"),
  ],
  [
    "a provider tag key with the reserved aws: prefix",
    provider({ tags: { "aws:team": "x" } }),
    expectedMessage(
      "test/Cluster/general",
      "tags.aws:team",
      "aws:team",
      'a key of 1 to 128 characters not starting with "aws:"',
      "TAG_KEY_INVALID",
    ),
  ],
  [
    "a container instance tag key with the reserved aws: prefix",
    provider({ containerInstanceTags: { "aws:pool": "x" } }),
    expectedMessage(
      "test/Cluster/general",
      "containerInstanceTags.aws:pool",
      "aws:pool",
      'a key of 1 to 128 characters not starting with "aws:"',
      "TAG_KEY_INVALID",
    ),
  ],
  // Cluster.fromAttributes
  [
    "a cluster name ECS does not allow",
    imported({ clusterName: "acme dev" }),
    expectedMessage(
      "test/Platform",
      "clusterName",
      "acme dev",
      "1 to 255 characters of letters, digits, hyphens and underscores",
      "CLUSTER_ATTRIBUTES_NAME",
    ),
  ],
  [
    "a missing cluster name (plain JavaScript)",
    imported({ clusterName: undefined as never }),
    expectedMessage("test/Platform", "clusterName", undefined, "the name of an existing cluster", "CLUSTER_ATTRIBUTES_NAME"),
  ],
  [
    "a missing cluster ARN (plain JavaScript)",
    imported({ clusterArn: undefined as never }),
    expectedMessage("test/Platform", "clusterArn", undefined, "the ARN of an existing cluster", "CLUSTER_ATTRIBUTES_ARN"),
  ],
  [
    "an ARN that is not an ECS cluster ARN",
    imported({ clusterArn: "arn:aws:ecs:eu-west-1:123456789012:service/acme-dev/api" }),
    expectedMessage(
      "test/Platform",
      "clusterArn",
      "arn:aws:ecs:eu-west-1:123456789012:service/acme-dev/api",
      "an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>)",
      "CLUSTER_ATTRIBUTES_ARN",
    ),
  ],
  [
    "an ARN of another cluster than the name",
    imported({ clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/acme-prod" }),
    expectedMessage(
      "test/Platform",
      "clusterArn",
      "arn:aws:ecs:eu-west-1:123456789012:cluster/acme-prod",
      'the ARN of cluster "acme-dev" (the clusterName given)',
      "CLUSTER_ATTRIBUTES_ARN_NAME",
    ),
  ],
  [
    "a missing network (plain JavaScript)",
    imported({ network: undefined as never }),
    expectedMessage("test/Platform", "network", undefined, "an INetwork", "CLUSTER_ATTRIBUTES_NETWORK"),
  ],
  [
    "a capacity provider name ECS does not allow",
    imported({ capacityProviderNames: ["FARGATE", "general pool"] }),
    expectedMessage(
      "test/Platform",
      "capacityProviderNames[1]",
      "general pool",
      "1 to 255 characters of letters, digits, hyphens and underscores",
      "CLUSTER_ATTRIBUTES_CAPACITY_PROVIDER",
    ),
  ],
  [
    "a capacity provider listed twice",
    imported({ capacityProviderNames: ["FARGATE", "FARGATE"] }),
    expectedMessage(
      "test/Platform",
      "capacityProviderNames",
      "FARGATE",
      "unique values (this one appears more than once)",
      "CLUSTER_ATTRIBUTES_CAPACITY_PROVIDER_DUPLICATE",
    ),
  ],
  [
    "a default strategy naming a provider not in capacityProviderNames",
    imported({ capacityProviderNames: ["FARGATE"], defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT" }] }),
    expectedMessage(
      "test/Platform",
      "defaultCapacityProviderStrategy[0].capacityProvider",
      "FARGATE_SPOT",
      'a capacity provider of the cluster: "FARGATE"',
      "CLUSTER_STRATEGY_UNKNOWN_PROVIDER",
    ),
  ],
  [
    "a namespace type Cloud Map does not have",
    imported({ defaultNamespace: { ...namespace, namespaceType: "DNS_PUBLIC" as never } }),
    expectedMessage(
      "test/Platform",
      "defaultNamespace.namespaceType",
      "DNS_PUBLIC",
      'one of "DNS_PRIVATE", "HTTP"',
      "CLUSTER_ATTRIBUTES_NAMESPACE_TYPE",
    ),
  ],
  // Instance refresh, warm pools, the AMI pin, Fargate storage encryption
  [
    "an instance refresh keeping more than 100 percent healthy",
    provider({ instanceRefresh: { minHealthyPercentage: 101 } }),
    expectedMessage(
      "test/Cluster/general",
      "instanceRefresh.minHealthyPercentage",
      101,
      "an integer from 0 to 100 percent",
      "CLUSTER_REFRESH_HEALTHY",
    ),
  ],
  [
    "an instance refresh more than 100 above its minimum",
    provider({ instanceRefresh: { minHealthyPercentage: 50, maxHealthyPercentage: 200 } }),
    expectedMessage(
      "test/Cluster/general",
      "instanceRefresh.maxHealthyPercentage",
      200,
      "at most 100 above minHealthyPercentage (50), as EC2 Auto Scaling requires",
      "CLUSTER_REFRESH_HEALTHY",
    ),
  ],
  [
    "an instance refresh with a negative warm-up",
    provider({ instanceRefresh: { instanceWarmupSeconds: -1 } }),
    expectedMessage(
      "test/Cluster/general",
      "instanceRefresh.instanceWarmupSeconds",
      -1,
      "an integer from 0 to 2147483647 seconds",
      "CLUSTER_REFRESH_WARMUP",
    ),
  ],
  [
    "a root volume key given by alias",
    provider({ rootVolumeKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/ebs" }),
    expectedMessage(
      "test/Cluster/general",
      "rootVolumeKmsKeyArn",
      "arn:aws:kms:eu-west-1:123456789012:alias/ebs",
      "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>), not an alias",
      "EC2_ROOT_VOLUME_KMS_KEY",
    ),
  ],
  [
    "instance refresh checkpoints that do not ascend",
    provider({ instanceRefresh: { checkpointPercentages: [50, 20, 100] } }),
    expectedMessage(
      "test/Cluster/general",
      "instanceRefresh.checkpointPercentages[1]",
      20,
      "a percentage above the one before (50): checkpoints ascend",
      "CLUSTER_REFRESH_CHECKPOINT",
    ),
  ],
  [
    "a checkpoint delay without checkpoints",
    provider({ instanceRefresh: { checkpointDelaySeconds: 600 } }),
    expectedMessage(
      "test/Cluster/general",
      "instanceRefresh.checkpointDelaySeconds",
      600,
      "a checkpoint delay only with checkpointPercentages",
      "CLUSTER_REFRESH_CHECKPOINT",
    ),
  ],
  [
    "a warm pool on a Spot group",
    provider({ spotPercentage: 50, warmPool: {} }),
    expectedMessage(
      "test/Cluster/general",
      "warmPool",
      "set",
      "a warm pool only on a group of one on-demand instance type (EC2 Auto Scaling refuses it with a mixed instances policy or Spot)",
      "CLUSTER_WARM_POOL_MIXED",
    ),
  ],
  [
    "a warm pool larger than the group",
    provider({ warmPool: { minSize: 5 } }),
    expectedMessage("test/Cluster/general", "warmPool.minSize", 5, "an integer from 0 to 4", "CLUSTER_WARM_POOL_SIZE"),
  ],
  [
    "a hibernated warm pool (from JSON)",
    provider({ warmPool: { poolState: "Hibernated" as never } }),
    expectedMessage("test/Cluster/general", "warmPool.poolState", "Hibernated", 'one of "Stopped", "Running"', "CLUSTER_WARM_POOL_STATE"),
  ],
  [
    "an AMI release of the other architecture",
    provider({ amiRelease: "amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-arm64" }),
    expectedMessage(
      "test/Cluster/general",
      "amiRelease",
      "amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-arm64",
      'an ECS-optimized AL2023 AMI name of the "x86_64" variant, e.g. amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64 (aws ssm get-parameters-by-path --path /aws/service/ecs/optimized-ami/amazon-linux-2023)',
      "CLUSTER_AMI_RELEASE",
    ),
  ],
  [
    "an AMI release and a custom image",
    provider({ amiRelease: "amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64", imageId: "ami-0123456789abcdef0" }),
    expectedMessage(
      "test/Cluster/general",
      "amiRelease",
      "amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64",
      "either amiRelease (an ECS-optimized AMI release) or imageId (a custom image), not both",
      "CLUSTER_AMI_RELEASE",
    ),
  ],
  [
    "an AMI family that does not exist (from JSON)",
    provider({ amiFamily: "ubuntu" as never }),
    expectedMessage("test/Cluster/general", "amiFamily", "ubuntu", 'one of "al2023", "bottlerocket"', "CLUSTER_AMI_FAMILY"),
  ],
  [
    "a warm pool on Bottlerocket (no ECS_WARM_POOLS_CHECK equivalent)",
    provider({ amiFamily: "bottlerocket", warmPool: {} }),
    expectedMessage(
      "test/Cluster/general",
      "warmPool",
      "set",
      'no warmPool with amiFamily "bottlerocket" (a warm pool needs ECS_WARM_POOLS_CHECK so warming instances do not register; Bottlerocket\'s ECS settings have no equivalent), or amiFamily "al2023"',
      "CLUSTER_BOTTLEROCKET_OPTION",
    ),
  ],
  [
    "ECS agent settings on Bottlerocket",
    provider({ amiFamily: "bottlerocket", ecsAgentSettings: { ECS_ENABLE_CONTAINER_METADATA: "true" } }),
    expectedMessage(
      "test/Cluster/general",
      "ecsAgentSettings",
      "set",
      'no ecsAgentSettings with amiFamily "bottlerocket" (ECS_* agent settings are ecs.config lines; Bottlerocket reads TOML settings.ecs keys), or amiFamily "al2023"',
      "CLUSTER_BOTTLEROCKET_OPTION",
    ),
  ],
  [
    "container instance tags on Bottlerocket",
    provider({ amiFamily: "bottlerocket", containerInstanceTags: { Pool: "general" } }),
    expectedMessage(
      "test/Cluster/general",
      "containerInstanceTags",
      "set",
      'no containerInstanceTags with amiFamily "bottlerocket" (container instance tags are an ecs.config setting Bottlerocket has no equivalent for), or amiFamily "al2023"',
      "CLUSTER_BOTTLEROCKET_OPTION",
    ),
  ],
  [
    "a root volume size on Bottlerocket",
    provider({ amiFamily: "bottlerocket", rootVolumeSizeGiB: 50 }),
    expectedMessage(
      "test/Cluster/general",
      "rootVolumeSizeGiB",
      50,
      'no rootVolumeSizeGiB with amiFamily "bottlerocket" (Bottlerocket\'s root volume holds only the OS; size container storage with dataVolumeSizeGiB), or amiFamily "al2023"',
      "CLUSTER_BOTTLEROCKET_OPTION",
    ),
  ],
  [
    "a data volume on AL2023",
    provider({ dataVolumeSizeGiB: 50 }),
    expectedMessage(
      "test/Cluster/general",
      "dataVolumeSizeGiB",
      50,
      'a data volume only with amiFamily "bottlerocket" (AL2023 keeps container data on the root volume: rootVolumeSizeGiB)',
      "CLUSTER_DATA_VOLUME_SIZE",
    ),
  ],
  [
    "a Bottlerocket data volume smaller than the AMI's",
    provider({ amiFamily: "bottlerocket", dataVolumeSizeGiB: 10 }),
    expectedMessage("test/Cluster/general", "dataVolumeSizeGiB", 10, "an integer from 20 to 16384 GiB", "CLUSTER_DATA_VOLUME_SIZE"),
  ],
  [
    "Inferentia instances on Bottlerocket (no Neuron variant)",
    provider({ amiFamily: "bottlerocket", instanceTypes: ["inf2.xlarge"] }),
    expectedMessage(
      "test/Cluster/general",
      "amiVariant",
      "neuron",
      'a variant Bottlerocket publishes for ECS ("x86_64", "arm64", "gpu"; no Neuron variant), or amiFamily "al2023"',
      "CLUSTER_BOTTLEROCKET_VARIANT",
    ),
  ],
  [
    "a Bottlerocket variant of the other architecture",
    provider({ amiFamily: "bottlerocket", instanceTypes: ["m7g.large"], amiVariant: "x86_64" }),
    expectedMessage(
      "test/Cluster/general",
      "amiVariant",
      "x86_64",
      'an AMI variant for arm64 instances (m7g.large): "arm64"',
      "CLUSTER_AMI_ARCHITECTURE",
    ),
  ],
  [
    "an AL2023 release pin on Bottlerocket",
    provider({ amiFamily: "bottlerocket", amiRelease: "amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64" }),
    expectedMessage(
      "test/Cluster/general",
      "amiRelease",
      "amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64",
      'a Bottlerocket version such as 1.40.0 (amiFamily "bottlerocket"; aws ssm get-parameters-by-path --path /aws/service/bottlerocket/aws-ecs-2/x86_64)',
      "CLUSTER_AMI_RELEASE",
    ),
  ],
  [
    "a Bottlerocket version pinned on AL2023",
    provider({ amiRelease: "1.40.0" }),
    expectedMessage(
      "test/Cluster/general",
      "amiRelease",
      "1.40.0",
      'an ECS-optimized AL2023 AMI name of the "x86_64" variant, e.g. amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64 (aws ssm get-parameters-by-path --path /aws/service/ecs/optimized-ami/amazon-linux-2023)',
      "CLUSTER_AMI_RELEASE",
    ),
  ],
  [
    "an AL2023 parameter as the image of a Bottlerocket provider",
    provider({ amiFamily: "bottlerocket", imageId: "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id" }),
    expectedMessage(
      "test/Cluster/general",
      "imageId",
      "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
      'a Bottlerocket ECS image (an AMI id, or resolve:ssm:/aws/service/bottlerocket/aws-ecs-2[-nvidia]/<arch>/<version>/image_id) with amiFamily "bottlerocket"',
      "CLUSTER_IMAGE_FAMILY",
    ),
  ],
  [
    "a Bottlerocket Kubernetes variant as the image of a Bottlerocket provider",
    provider({ amiFamily: "bottlerocket", imageId: "resolve:ssm:/aws/service/bottlerocket/aws-k8s-1.30/x86_64/latest/image_id" }),
    expectedMessage(
      "test/Cluster/general",
      "imageId",
      "resolve:ssm:/aws/service/bottlerocket/aws-k8s-1.30/x86_64/latest/image_id",
      'a Bottlerocket ECS image (an AMI id, or resolve:ssm:/aws/service/bottlerocket/aws-ecs-2[-nvidia]/<arch>/<version>/image_id) with amiFamily "bottlerocket"',
      "CLUSTER_IMAGE_FAMILY",
    ),
  ],
  [
    "a Bottlerocket parameter as the image of an AL2023 provider (the shell user data would not run)",
    provider({ imageId: "resolve:ssm:/aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id" }),
    expectedMessage(
      "test/Cluster/general",
      "imageId",
      "resolve:ssm:/aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id",
      'an Amazon Linux image with amiFamily "al2023" (the default); set amiFamily: "bottlerocket" for a Bottlerocket AMI',
      "CLUSTER_IMAGE_FAMILY",
    ),
  ],
  [
    "a Fargate storage key deletion window under 7 days",
    cluster({ fargateStorageEncryption: { keyDeletionWindowDays: 3 } }),
    expectedMessage(
      "test/Cluster/FargateStorage",
      "fargateStorageEncryption.keyDeletionWindowDays",
      3,
      "an integer from 7 to 30 days",
      "CLUSTER_STORAGE_KEY_DELETION_WINDOW",
    ),
  ],
];

describe("cluster module: bad input", () => {
  testRejections(cases);
});

describe("cluster module: required props from a JSON config", () => {
  testRejections([
    [
      "a Cluster without network",
      (scope) => new Cluster(scope, "Cluster", JSON.parse('{"name":"acme-test"}')),
      expectedMessage(
        "test/Cluster",
        "network",
        undefined,
        "an INetwork such as a Network (an object with vpcId, workloadSubnetIds) (required)",
        "PROP_REQUIRED",
      ),
    ],
    [
      "a Cluster name as a number",
      (scope) => new Cluster(scope, "Cluster", { ...base, ...JSON.parse('{"name":42}') }),
      expectedMessage("test/Cluster", "name", 42, "a string", "PROP_TYPE"),
    ],
  ]);
});
