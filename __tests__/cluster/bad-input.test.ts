import { Construct } from "constructs";
import { Cluster, ClusterProps } from "../../src/cluster/cluster";
import { Ec2CapacityProviderOptions } from "../../src/cluster/ec2-capacity-provider";
import { Network } from "../../src/network/network";
import { LOG_RETENTION_DAYS } from "../../src/network/flow-logs";
import { errorOf } from "../helpers";

const network = Network.fromAttributes({
  vpcId: "vpc-0123",
  vpcCidr: "10.0.0.0/16",
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  privateSubnetIds: ["subnet-a", "subnet-b"],
});
const base: ClusterProps = { name: "acme-test", network };
const general: Ec2CapacityProviderOptions = { instanceTypes: ["m7i.large"], maxSize: 4 };

/** Builds a Cluster with these props (on top of a valid one). */
function cluster(props: Partial<ClusterProps>): (scope: Construct) => void {
  return (scope) => new Cluster(scope, "Cluster", { ...base, ...props });
}

/** Builds a Cluster with one EC2 provider `general` with these options (on top of a valid one). */
function provider(options: Partial<Ec2CapacityProviderOptions>, props: Partial<ClusterProps> = {}): (scope: Construct) => void {
  return cluster({ ...props, ec2CapacityProviders: { general: { ...general, ...options } } });
}

/** The whole message, as a regex anchored on both ends. */
function exactly(message: string): RegExp {
  return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/** Every message has the library's one shape: `<path>: invalid <property> <value>: expected <allowed> [<CODE>]`. */
const SHAPE = /^test(\/[\w-]+)*: invalid \S+ .+: expected .+ \[[A-Z0-9_]+\]$/s;

const providerNamePrefix =
  'expected a name not starting with "aws", "ecs" or "fargate" (reserved by ECS); set capacityProviderName when the cluster name starts with one [CLUSTER_CAPACITY_PROVIDER_NAME_PREFIX]';
const agentSetting =
  "expected an ECS_* agent setting other than the ones set from props (ECS_CLUSTER, ECS_ENABLE_SPOT_INSTANCE_DRAINING, ECS_AWSVPC_BLOCK_IMDS, ECS_ENABLE_GPU_SUPPORT, ECS_CONTAINER_INSTANCE_TAGS) [CLUSTER_AGENT_SETTING]";
const longProviderName = `acme-${"x".repeat(251)}`;

const cases: Array<[string, (scope: Construct) => void, string]> = [
  // Cluster
  [
    "a name that is not a valid prefix",
    cluster({ name: "Acme_Dev" }),
    'test/Cluster: invalid name "Acme_Dev": expected 1 to 40 characters of lowercase letters, digits and inner hyphens [CLUSTER_NAME]',
  ],
  [
    "a name over 40 characters",
    cluster({ name: "a".repeat(41) }),
    `test/Cluster: invalid name "${"a".repeat(41)}": expected 1 to 40 characters of lowercase letters, digits and inner hyphens [CLUSTER_NAME]`,
  ],
  [
    "Container Insights other than enhanced, enabled or disabled",
    cluster({ containerInsights: "on" as never }),
    'test/Cluster: invalid containerInsights "on": expected one of "enhanced", "enabled", "disabled" [CLUSTER_CONTAINER_INSIGHTS]',
  ],
  [
    "an EC2 provider key that cannot be part of a name",
    cluster({ ec2CapacityProviders: { General_Pool: general } }),
    'test/Cluster: invalid ec2CapacityProviders.General_Pool "General_Pool": expected a key of 1 to 32 lowercase letters, digits and inner hyphens (it becomes part of resource names) [CLUSTER_CAPACITY_PROVIDER_KEY]',
  ],
  [
    "a default strategy naming a provider the cluster lacks",
    cluster({ fargateSpot: false, defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT" }] }),
    'test/Cluster: invalid defaultCapacityProviderStrategy[0].capacityProvider "FARGATE_SPOT": expected a capacity provider of the cluster: "FARGATE" [CLUSTER_STRATEGY_UNKNOWN_PROVIDER]',
  ],
  [
    "a default strategy naming a provider twice",
    cluster({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE" }, { capacityProvider: "FARGATE", weight: 2 }] }),
    'test/Cluster: invalid defaultCapacityProviderStrategy[1].capacityProvider "FARGATE": expected each capacity provider at most once [CLUSTER_STRATEGY_DUPLICATE]',
  ],
  [
    "a default strategy with a base on more than one provider",
    cluster({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", base: 1 }, { capacityProvider: "FARGATE_SPOT", base: 1 }] }),
    'test/Cluster: invalid defaultCapacityProviderStrategy ["FARGATE (base 1)","FARGATE_SPOT (base 1)"]: expected a base on at most one capacity provider [CLUSTER_STRATEGY_MULTIPLE_BASES]',
  ],
  [
    "a default strategy whose weights are all zero",
    cluster({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 0 }] }),
    'test/Cluster: invalid defaultCapacityProviderStrategy ["FARGATE (weight 0)"]: expected at least one capacity provider with a weight above 0 (ECS places no task on weight-0 providers) [CLUSTER_STRATEGY_ZERO_WEIGHTS]',
  ],
  [
    "a default strategy base below 0",
    cluster({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", base: -1 }] }),
    "test/Cluster: invalid defaultCapacityProviderStrategy[0].base -1: expected an integer from 0 to 100000 [CLUSTER_STRATEGY_BASE]",
  ],
  [
    "a default strategy weight above 1000",
    cluster({ defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 2000 }] }),
    "test/Cluster: invalid defaultCapacityProviderStrategy[0].weight 2000: expected an integer from 0 to 1000 [CLUSTER_STRATEGY_WEIGHT]",
  ],
  [
    "a default strategy mixing Fargate and EC2 providers",
    cluster({ ec2CapacityProviders: { general }, defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE" }, { capacityProvider: "acme-test-general" }] }),
    'test/Cluster: invalid defaultCapacityProviderStrategy ["FARGATE","acme-test-general"]: expected either Fargate providers (FARGATE, FARGATE_SPOT) or EC2 capacity providers in one strategy, not both [CLUSTER_STRATEGY_MIXED_KINDS]',
  ],
  [
    "two EC2 providers with the same name",
    cluster({ ec2CapacityProviders: { general, other: { ...general, capacityProviderName: "acme-test-general" } } }),
    'test/Cluster: invalid ec2CapacityProviders[*].capacityProviderName "acme-test-general": expected unique values (this one appears more than once) [CLUSTER_CAPACITY_PROVIDER_NAME_DUPLICATE]',
  ],
  [
    "a tag key with the reserved aws: prefix",
    cluster({ tags: { "aws:owner": "x" } }),
    'test/Cluster: invalid tags.aws:owner "aws:owner": expected a key of 1 to 128 characters not starting with "aws:" [TAG_KEY_INVALID]',
  ],
  [
    "a tag key over 128 characters",
    cluster({ tags: { ["k".repeat(129)]: "x" } }),
    `test/Cluster: invalid tags.${"k".repeat(129)} "${"k".repeat(129)}": expected a key of 1 to 128 characters not starting with "aws:" [TAG_KEY_INVALID]`,
  ],
  [
    "a tag value over 256 characters",
    cluster({ tags: { Team: "v".repeat(257) } }),
    `test/Cluster: invalid tags.Team "${"v".repeat(196)}...: expected a value of at most 256 characters [TAG_VALUE_TOO_LONG]`,
  ],
  [
    "more than 50 tags",
    cluster({ tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`tag${i}`, "x"])) }),
    "test/Cluster: invalid tags 51: expected at most 50 tags [TAGS_TOO_MANY]",
  ],
  // ExecAuditLogging
  [
    "an exec log retention CloudWatch Logs does not accept",
    cluster({ execAudit: { retentionDays: 100 } }),
    `test/Cluster/ExecAudit: invalid execAudit.retentionDays 100: expected one of ${LOG_RETENTION_DAYS.join(", ")} [CLUSTER_EXEC_RETENTION]`,
  ],
  [
    "exec sessions logged nowhere",
    cluster({ execAudit: { cloudWatch: false } }),
    'test/Cluster/ExecAudit: invalid execAudit {"cloudWatch":false}: expected cloudWatch: true, an s3BucketName, or both (or enabled: false to turn auditing off) [CLUSTER_EXEC_NO_DESTINATION]',
  ],
  [
    "an exec S3 bucket name that is not a bucket name",
    cluster({ execAudit: { s3BucketName: "Audit_Bucket" } }),
    'test/Cluster/ExecAudit: invalid execAudit.s3BucketName "Audit_Bucket": expected an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens [CLUSTER_EXEC_S3_BUCKET]',
  ],
  [
    "an exec key deletion window under 7 days",
    cluster({ execAudit: { keyDeletionWindowDays: 3 } }),
    "test/Cluster/ExecAudit: invalid execAudit.keyDeletionWindowDays 3: expected an integer from 7 to 30 days [CLUSTER_EXEC_KEY_DELETION_WINDOW]",
  ],
  // ClusterNamespace
  [
    "a private DNS namespace name with a space",
    cluster({ namespace: { type: "DNS_PRIVATE", name: "acme test" } }),
    'test/Cluster/Namespace: invalid namespace.name "acme test": expected 1 to 253 characters of dot-separated labels of letters, digits and inner hyphens, each at most 63 characters [CLUSTER_NAMESPACE_NAME]',
  ],
  [
    "a private DNS namespace name with a leading hyphen",
    cluster({ namespace: { type: "DNS_PRIVATE", name: "-acme.internal" } }),
    'test/Cluster/Namespace: invalid namespace.name "-acme.internal": expected 1 to 253 characters of dot-separated labels of letters, digits and inner hyphens, each at most 63 characters [CLUSTER_NAMESPACE_NAME]',
  ],
  [
    "an HTTP namespace name with a space",
    cluster({ namespace: { type: "HTTP", name: "acme apps" } }),
    'test/Cluster/Namespace: invalid namespace.name "acme apps": expected 1 to 1024 characters of printable ASCII characters without spaces [CLUSTER_NAMESPACE_NAME]',
  ],
  [
    "an unknown namespace type",
    cluster({ namespace: { type: "DNS_PUBLIC" as never, name: "acme.example" } }),
    'test/Cluster/Namespace: invalid namespace.type "DNS_PUBLIC": expected one of "DNS_PRIVATE", "HTTP" [CLUSTER_NAMESPACE_TYPE]',
  ],
  [
    "a namespace description over Cloud Map's 1024 characters",
    cluster({ namespace: { type: "HTTP", name: "acme-apps", description: "d".repeat(1025) } }),
    `test/Cluster/Namespace: invalid namespace.description "${"d".repeat(196)}...: expected at most 1024 characters [CLUSTER_NAMESPACE_DESCRIPTION]`,
  ],
  // Ec2CapacityProvider
  [
    "managed termination protection without scale-in protection",
    provider({ protectFromScaleIn: false }),
    "test/Cluster/general: invalid protectFromScaleIn false: expected protectFromScaleIn: true (or unset) while managedTerminationProtection is on: ECS requires the group's scale-in protection [CLUSTER_TERMINATION_PROTECTION_NEEDS_SCALE_IN_PROTECTION]",
  ],
  [
    "managed termination protection without managed scaling",
    provider({ managedScaling: { enabled: false } }),
    "test/Cluster/general: invalid managedTerminationProtection true: expected managed termination protection only with managed scaling enabled (ECS requires both), or managedTerminationProtection: false [CLUSTER_TERMINATION_PROTECTION_NEEDS_SCALING]",
  ],
  [
    "a Spot percentage above 100",
    provider({ spotPercentage: 120 }),
    "test/Cluster/general: invalid spotPercentage 120: expected an integer from 0 to 100 percent [CLUSTER_SPOT_PERCENTAGE]",
  ],
  [
    "a Spot percentage below 0",
    provider({ spotPercentage: -5 }),
    "test/Cluster/general: invalid spotPercentage -5: expected an integer from 0 to 100 percent [CLUSTER_SPOT_PERCENTAGE]",
  ],
  [
    "instance types of two architectures",
    provider({ instanceTypes: ["m7g.large", "m7i.large"] }),
    'test/Cluster/general: invalid instanceTypes ["m7g.large (arm64)","m7i.large (x86_64)"]: expected instance types of one architecture (one AMI serves the group): all x86_64 or all arm64 (Graviton) [CLUSTER_INSTANCE_ARCHITECTURE_MIX]',
  ],
  [
    "an x86_64 AMI variant for Graviton types",
    provider({ instanceTypes: ["c7gn.large"], amiVariant: "x86_64" }),
    'test/Cluster/general: invalid amiVariant "x86_64": expected an AMI variant for arm64 instances (c7gn.large): "arm64" [CLUSTER_AMI_ARCHITECTURE]',
  ],
  [
    "the (x86_64) GPU AMI variant for Graviton GPU types",
    provider({ instanceTypes: ["g5g.xlarge"], amiVariant: "gpu" }),
    'test/Cluster/general: invalid amiVariant "gpu": expected an AMI variant for arm64 instances (g5g.xlarge): "arm64" [CLUSTER_AMI_ARCHITECTURE]',
  ],
  [
    "an unknown AMI variant",
    provider({ amiVariant: "bottlerocket" as never }),
    'test/Cluster/general: invalid amiVariant "bottlerocket": expected one of "x86_64", "arm64", "gpu", "neuron" [CLUSTER_AMI_VARIANT]',
  ],
  ["a minimum size above the maximum", provider({ minSize: 5, maxSize: 2 }), "test/Cluster/general: invalid minSize 5: expected a value no greater than maxSize (2) [CLUSTER_ASG_MIN_MAX]"],
  ["a negative size", provider({ maxSize: -1, minSize: -2 }), "test/Cluster/general: invalid minSize -2: expected an integer from 0 to 10000 [CLUSTER_ASG_SIZE]"],
  ["a maximum size above 10000", provider({ maxSize: 10001 }), "test/Cluster/general: invalid maxSize 10001: expected an integer from 0 to 10000 [CLUSTER_ASG_SIZE]"],
  [
    "a capacity provider name over 255 characters",
    provider({ capacityProviderName: longProviderName }),
    `test/Cluster/general: invalid capacityProviderName "${longProviderName.slice(0, 196)}...: expected 1 to 255 characters of letters, digits, hyphens and underscores [CLUSTER_CAPACITY_PROVIDER_NAME]`,
  ],
  [
    "a capacity provider name with characters ECS rejects",
    provider({ capacityProviderName: "acme.general" }),
    'test/Cluster/general: invalid capacityProviderName "acme.general": expected 1 to 255 characters of letters, digits, hyphens and underscores [CLUSTER_CAPACITY_PROVIDER_NAME]',
  ],
  ["a default provider name starting with ecs (from an ecs- cluster)", provider({}, { name: "ecs-dev" }), `test/Cluster/general: invalid capacityProviderName "ecs-dev-general": ${providerNamePrefix}`],
  ["a provider name starting with Fargate", provider({ capacityProviderName: "Fargate-pool" }), `test/Cluster/general: invalid capacityProviderName "Fargate-pool": ${providerNamePrefix}`],
  ["a provider name starting with aws", provider({ capacityProviderName: "awsome" }), `test/Cluster/general: invalid capacityProviderName "awsome": ${providerNamePrefix}`],
  [
    "a managed scaling target of 0 percent",
    provider({ managedScaling: { targetCapacityPercent: 0 } }),
    "test/Cluster/general: invalid managedScaling.targetCapacityPercent 0: expected an integer from 1 to 100 percent [CLUSTER_TARGET_CAPACITY]",
  ],
  [
    "a managed scaling target above 100 percent",
    provider({ managedScaling: { targetCapacityPercent: 101 } }),
    "test/Cluster/general: invalid managedScaling.targetCapacityPercent 101: expected an integer from 1 to 100 percent [CLUSTER_TARGET_CAPACITY]",
  ],
  [
    "a maximum scaling step above 10000",
    provider({ managedScaling: { maximumScalingStepSize: 10001 } }),
    "test/Cluster/general: invalid managedScaling.maximumScalingStepSize 10001: expected an integer from 1 to 10000 [CLUSTER_SCALING_STEP]",
  ],
  [
    "a minimum scaling step above the maximum",
    provider({ managedScaling: { minimumScalingStepSize: 5, maximumScalingStepSize: 2 } }),
    "test/Cluster/general: invalid managedScaling.minimumScalingStepSize 5: expected a value no greater than managedScaling.maximumScalingStepSize (2) [CLUSTER_SCALING_STEP]",
  ],
  [
    "an instance warm-up above 10000 seconds",
    provider({ managedScaling: { instanceWarmupPeriodSeconds: 20000 } }),
    "test/Cluster/general: invalid managedScaling.instanceWarmupPeriodSeconds 20000: expected an integer from 0 to 10000 seconds [CLUSTER_INSTANCE_WARMUP]",
  ],
  ["no instance type", provider({ instanceTypes: [] }), "test/Cluster/general: invalid instanceTypes []: expected at least one item [CLUSTER_INSTANCE_TYPES_EMPTY]"],
  [
    "more than 40 instance types",
    provider({ instanceTypes: Array.from({ length: 41 }, (_, i) => `m${i + 1}.large`) }),
    "test/Cluster/general: invalid instanceTypes 41: expected at most 40 instance types [CLUSTER_INSTANCE_TYPES_TOO_MANY]",
  ],
  [
    "a malformed instance type",
    provider({ instanceTypes: ["m7i.large", "large"] }),
    'test/Cluster/general: invalid instanceTypes[1] "large": expected an EC2 instance type such as m7g.large [CLUSTER_INSTANCE_TYPE]',
  ],
  [
    "a duplicate instance type",
    provider({ instanceTypes: ["m7i.large", "m7i.large"] }),
    'test/Cluster/general: invalid instanceTypes "m7i.large": expected unique values (this one appears more than once) [CLUSTER_INSTANCE_TYPE_DUPLICATE]',
  ],
  [
    "an unknown Spot allocation strategy",
    provider({ spotAllocationStrategy: "cheapest" as never }),
    'test/Cluster/general: invalid spotAllocationStrategy "cheapest": expected one of "price-capacity-optimized", "capacity-optimized", "capacity-optimized-prioritized", "lowest-price" [CLUSTER_SPOT_ALLOCATION_STRATEGY]',
  ],
  ["a negative on-demand base", provider({ onDemandBaseCapacity: -1 }), "test/Cluster/general: invalid onDemandBaseCapacity -1: expected an integer from 0 to 10000 [CLUSTER_ON_DEMAND_BASE]"],
  [
    "a root volume smaller than the AMI's 30 GiB snapshot",
    provider({ rootVolumeSizeGiB: 20 }),
    "test/Cluster/general: invalid rootVolumeSizeGiB 20: expected an integer from 30 to 16384 GiB [CLUSTER_ROOT_VOLUME_SIZE]",
  ],
  ["a metadata hop limit of 0", provider({ metadataHopLimit: 0 }), "test/Cluster/general: invalid metadataHopLimit 0: expected an integer from 1 to 64 [CLUSTER_METADATA_HOP_LIMIT]"],
  ["an agent setting that is not ECS_*", provider({ ecsAgentSettings: { LOGLEVEL: "debug" } }), `test/Cluster/general: invalid ecsAgentSettings.LOGLEVEL "LOGLEVEL": ${agentSetting}`],
  ["an agent setting that replaces one set from props", provider({ ecsAgentSettings: { ECS_CLUSTER: "other" } }), `test/Cluster/general: invalid ecsAgentSettings.ECS_CLUSTER "ECS_CLUSTER": ${agentSetting}`],
  [
    "an agent setting value spanning lines",
    provider({ ecsAgentSettings: { ECS_LOGLEVEL: "debug\nECS_CLUSTER=x" } }),
    'test/Cluster/general: invalid ecsAgentSettings.ECS_LOGLEVEL "debug\\nECS_CLUSTER=x": expected a value on one line [CLUSTER_AGENT_SETTING]',
  ],
  ["no subnets to launch in", provider({ subnetIds: [] }), "test/Cluster/general: invalid subnetIds []: expected at least one item [CLUSTER_SUBNETS_EMPTY]"],
  [
    "a provider tag key with the reserved aws: prefix",
    provider({ tags: { "aws:team": "x" } }),
    'test/Cluster/general: invalid tags.aws:team "aws:team": expected a key of 1 to 128 characters not starting with "aws:" [TAG_KEY_INVALID]',
  ],
  [
    "a container instance tag key with the reserved aws: prefix",
    provider({ containerInstanceTags: { "aws:pool": "x" } }),
    'test/Cluster/general: invalid containerInstanceTags.aws:pool "aws:pool": expected a key of 1 to 128 characters not starting with "aws:" [TAG_KEY_INVALID]',
  ],
];

describe("cluster module: bad input", () => {
  // errorOf fails the test unless the error is a ValidationError.
  test.each(cases)("rejects %s with a ValidationError naming path, property, value and what is allowed", (_, build, message) => {
    expect(errorOf(build)).toMatch(exactly(message));
    expect(message).toMatch(SHAPE);
  });
});
