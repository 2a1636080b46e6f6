import { ITerraformDependable } from "cdktf";
import { warn } from "../core/warnings";
import { Construct } from "constructs";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { checkArn } from "../core/arn";
import { fail, isToken } from "../core/errors";
import { checkName, NameRules, safeName } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange, checkMinMax, checkNotEmpty, checkOneOf, checkUnique } from "../core/validate";
import {
  renderAutoScalingGroupTags,
  renderInstancesDistribution,
  renderManagedScaling,
  ResolvedManagedScaling,
  SPOT_ALLOCATION_STRATEGIES,
  SpotAllocationStrategy,
  usesMixedInstancesPolicy,
} from "./ec2-capacity-render";
import {
  AMI_VARIANT_ARCHITECTURE,
  amiVariantFor,
  architectureOf,
  ecsAmiImageId,
  EcsAmiVariant,
  isGpuInstanceType,
  isInstanceTypeName,
} from "./instance-types";
import {
  checkAmiRelease,
  checkInstanceRefresh,
  checkWarmPool,
  InstanceRefreshOptions,
  pinnedEcsAmiImageId,
  renderInstanceRefresh,
  renderWarmPool,
  WarmPoolOptions,
} from "./ec2-instance-lifecycle";
import {
  HOST_METADATA_HOP_LIMIT_RANGE,
  HOST_ROOT_DEVICE_NAME,
  MAX_HOST_ROOT_VOLUME_GIB,
  MIN_HOST_ROOT_VOLUME_GIB,
  renderHostMetadataOptions,
  renderHostRootVolume,
  renderHostVolume,
} from "./host-hardening";
import {
  AMI_FAMILIES,
  AmiFamily,
  BOTTLEROCKET_AMI_VARIANTS,
  bottlerocketAmiImageId,
  checkBottlerocketOptions,
  checkBottlerocketRelease,
  checkImageIdFamily,
  encodeBottlerocketUserData,
} from "./bottlerocket";
import { encodeUserData, MANAGED_AGENT_SETTINGS } from "./user-data";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** ECS managed scaling of the group (ECS owns a target tracking policy on it). */
export interface ManagedScalingOptions {
  /** Let ECS scale the group to fit the tasks placed on it; off, the group stays at the size Auto Scaling gives it. @default true */
  readonly enabled?: boolean;
  /** How full ECS keeps the instances, 1–100 percent; below 100 leaves spare room for fast task starts. @default 100 */
  readonly targetCapacityPercent?: number;
  /** Fewest instances added or removed in one step, 1–10000. @default 1 */
  readonly minimumScalingStepSize?: number;
  /** Most instances added or removed in one step, 1–10000. @default 10000 */
  readonly maximumScalingStepSize?: number;
  /** Seconds before a new instance counts in the scaling metric, 0–10000. @default 300 */
  readonly instanceWarmupPeriodSeconds?: number;
}

/** One EC2 capacity provider: a launch template, an Auto Scaling group and the ECS capacity provider. */
export interface Ec2CapacityProviderOptions {
  /**
   * Instance types, all of one architecture (the family decides: `m7g`, `c7gn`, `t4g` are arm64).
   * One type without Spot launches from the template; several types or any Spot use a mixed
   * instances policy, on-demand capacity taking the types in the order given.
   */
  readonly instanceTypes: readonly string[];
  /** Most instances in the group. */
  readonly maxSize: number;
  /** Fewest instances in the group. @default 0 */
  readonly minSize?: number;
  /**
   * The instances' operating system: the ECS-optimized Amazon Linux 2023 AMI (a shell script appends the
   * agent settings to `/etc/ecs/ecs.config`) or the ECS-optimized Bottlerocket AMI (`aws-ecs-2`, or
   * `aws-ecs-2-nvidia` for the `gpu` variant; TOML user data; a separate data volume for containers).
   * Bottlerocket refuses `containerInstanceTags`, `ecsAgentSettings`, `warmPool`, `rootVolumeSizeGiB`
   * and the `neuron` variant.
   * @default "al2023"
   */
  readonly amiFamily?: AmiFamily;
  /**
   * ECS-optimized AMI variant (of the AMI family); must match the instance types' architecture.
   * @default - from the instance types: "arm64" for Graviton, "gpu" when every type is a GPU type, "neuron" for Inferentia/Trainium, else "x86_64"
   */
  readonly amiVariant?: EcsAmiVariant;
  /**
   * The AMI, for a custom image: an AMI id or a `resolve:ssm:` parameter reference. Excludes `amiRelease`.
   * @default - `resolve:ssm:` of the variant's public parameter, resolved at each launch
   */
  readonly imageId?: string;
  /**
   * Pin one ECS-optimized AL2023 AMI release by its name (e.g. `amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64`)
   * instead of the recommended one: it still resolves through AWS's per-release SSM parameter at launch
   * (no API call at plan time), and promoting a release from staging to prod is a config change.
   * With `amiFamily: "bottlerocket"` the release is a Bottlerocket version (`1.40.0`), resolved through
   * `/aws/service/bottlerocket/<variant>/<arch>/<version>/image_id`.
   * @default - the recommended release, resolved at each launch
   */
  readonly amiRelease?: string;
  /**
   * Replace running instances when the launch template changes (user data, instance type, AMI pin),
   * in rolling batches; ECS drains each instance's tasks first. @default - off: only new instances get the change
   */
  readonly instanceRefresh?: InstanceRefreshOptions;
  /** A warm pool of pre-initialised instances for faster scale-out (one on-demand instance type only). @default - none */
  readonly warmPool?: WarmPoolOptions;
  /** Instances always bought on demand before Spot applies. @default 0 */
  readonly onDemandBaseCapacity?: number;
  /** Percent (0–100) of the capacity above the on-demand base that runs on Spot. @default 0 */
  readonly spotPercentage?: number;
  /** How EC2 Auto Scaling picks Spot pools; price-capacity-optimized balances price and interruption risk. @default "price-capacity-optimized" */
  readonly spotAllocationStrategy?: SpotAllocationStrategy;
  /** Launch a replacement when EC2 signals a Spot instance is at elevated risk of interruption. @default - true when spotPercentage > 0 */
  readonly capacityRebalance?: boolean;
  /** ECS managed scaling of the group's desired capacity. @default - enabled, target 100 %, steps 1 to 10000, warm-up 300 s */
  readonly managedScaling?: ManagedScalingOptions;
  /**
   * ECS keeps instances running tasks from being terminated on scale-in. Needs managed scaling and
   * the group's scale-in protection, which this sets to match.
   * @default true
   */
  readonly managedTerminationProtection?: boolean;
  /** The group's new-instance scale-in protection. @default - same as managedTerminationProtection */
  readonly protectFromScaleIn?: boolean;
  /** ECS drains tasks off instances the group terminates (scale-in, rebalancing, instance refresh). @default true */
  readonly managedDraining?: boolean;
  /** The agent drains tasks when EC2 sends a Spot interruption notice. @default true */
  readonly spotInstanceDraining?: boolean;
  /** Keep `awsvpc` tasks away from the instance metadata service and the instance role. @default true */
  readonly blockTaskMetadataAccess?: boolean;
  /** Tags ECS puts on each container instance when it registers. @default - none */
  readonly containerInstanceTags?: Record<string, string>;
  /** Further ECS agent settings (`ECS_*` keys of `/etc/ecs/ecs.config`). @default - none */
  readonly ecsAgentSettings?: Record<string, string>;
  /** Root volume size; the AMI's snapshot is 30 GiB, so 30–16384 (AL2023 only). @default 30 */
  readonly rootVolumeSizeGiB?: number;
  /**
   * Bottlerocket's data volume (`/dev/xvdb`: container images, container and task data), 20–16384 GiB
   * (Bottlerocket only; its OS root volume keeps the AMI's size).
   * @default 30 (the AL2023 root volume's default, where AL2023 keeps the same data)
   */
  readonly dataVolumeSizeGiB?: number;
  /** KMS key for the root volume (and Bottlerocket's data volume). @default - the account's default EBS key (aws/ebs) */
  readonly rootVolumeKmsKeyArn?: string;
  /** IMDSv2 response hop limit, 1–64; 1 keeps bridge-mode containers from the instance credentials. @default 1 */
  readonly metadataHopLimit?: number;
  /** Subnets the group launches in. @default - the network's workload (private) subnets */
  readonly subnetIds?: readonly string[];
  /**
   * Capacity provider name, also used for the Auto Scaling group and launch template; 1–255 letters,
   * digits, hyphens and underscores, not starting with `aws`, `ecs` or `fargate`.
   * @default - `<cluster name>-<key>`
   */
  readonly capacityProviderName?: string;
  /** Tags for this provider's resources, on top of the cluster's. @default - none */
  readonly tags?: Record<string, string>;
}

/** Settings of an {@link Ec2CapacityProvider}: its options plus what the cluster supplies. */
export interface Ec2CapacityProviderProps extends Ec2CapacityProviderOptions {
  /** The cluster instances join. */
  readonly clusterName: string;
  /** The cluster resource: the group depends on it, so destroy removes the instances first. */
  readonly cluster: ITerraformDependable;
  /** Default for `capacityProviderName`. */
  readonly defaultName: string;
  /** Subnets the group launches instances in; at least one. */
  readonly subnetIds: readonly string[];
  /** Security group of the instances' network interface (the cluster's container instances group). */
  readonly securityGroupId: string;
  /** Instance profile the launch template attaches (the cluster's container instance role). */
  readonly instanceProfileArn: string;
  /** What must exist before instances launch (the instance role's policy attachments). */
  readonly instanceDependencies: readonly ITerraformDependable[];
}

/** AWS rule for capacity provider names (API `CreateCapacityProvider`); checked case-insensitively to be safe. */
const RESERVED_PROVIDER_PREFIX = /^(aws|ecs|fargate)/i;
const MAX_INSTANCE_TYPES = 40;
const AGENT_SETTING_KEY = /^ECS_[A-Z0-9_]+$/;

/**
 * An Auto Scaling group of ECS container instances registered as a capacity provider: the
 * ECS-optimized AL2023 (or Bottlerocket) AMI resolved at launch, IMDSv2 only, encrypted volumes, no public IP.
 */
export class Ec2CapacityProvider extends Construct {
  /** Managed scaling on, instances kept 100 % used (ECS adds one when a task does not fit), steps 1–10000, 300 s warm-up. */
  public static readonly DEFAULT_MANAGED_SCALING: Required<ManagedScalingOptions> = {
    enabled: true,
    targetCapacityPercent: 100,
    minimumScalingStepSize: 1,
    maximumScalingStepSize: 10000,
    instanceWarmupPeriodSeconds: 300,
  };
  /** AWS's recommended Spot strategy: the cheapest pools among those least likely to be interrupted. */
  public static readonly DEFAULT_SPOT_ALLOCATION_STRATEGY: SpotAllocationStrategy = "price-capacity-optimized";
  /** Root volume size in GiB: the size of the ECS-optimized AL2023 AMI snapshot, the smallest allowed. */
  public static readonly DEFAULT_ROOT_VOLUME_SIZE_GIB = MIN_HOST_ROOT_VOLUME_GIB;
  /** The root device of the ECS-optimized AL2023 AMIs. */
  public static readonly ROOT_DEVICE_NAME = HOST_ROOT_DEVICE_NAME;
  /** Bottlerocket's data device, where it keeps container images and container data. */
  public static readonly BOTTLEROCKET_DATA_DEVICE_NAME = "/dev/xvdb";
  /** Bottlerocket data volume size in GiB: the same room for images and containers as the AL2023 default root volume. */
  public static readonly DEFAULT_DATA_VOLUME_SIZE_GIB = 30;
  /**
   * Smallest Bottlerocket data volume in GiB: the 20 GiB data volume the Bottlerocket AMIs map (as
   * Karpenter's Bottlerocket defaults give it); a smaller volume than the AMI's snapshot fails at launch.
   */
  public static readonly MIN_DATA_VOLUME_SIZE_GIB = 20;

  /** Name of the capacity provider (and of its Auto Scaling group), as strategies refer to it. */
  public readonly capacityProviderName: string;
  /** The ECS-optimized AMI variant the instances launch from; undefined with a custom `imageId`. */
  public readonly amiVariant?: EcsAmiVariant;
  /** The instances' operating system. */
  public readonly amiFamily: AmiFamily;
  /** The launch template: AMI, user data, IMDSv2 only, encrypted gp3 root volume, no public IP. */
  public readonly launchTemplate: LaunchTemplate;
  /** The Auto Scaling group of container instances, force-deleted on destroy. */
  public readonly autoScalingGroup: AutoscalingGroup;
  /** The `aws_ecs_capacity_provider`, for escape hatches. */
  public readonly resource: EcsCapacityProvider;

  constructor(scope: Construct, id: string, props: Ec2CapacityProviderProps) {
    super(scope, id);
    checkRequiredProps(this, "Ec2CapacityProviderProps", props, {
      clusterName: K.string,
      cluster: K.reference("the cluster resource", "fqn"),
      defaultName: K.string,
      subnetIds: K.strings,
      securityGroupId: K.string,
      instanceProfileArn: K.string,
      instanceDependencies: K.list("resources"),
      instanceTypes: K.strings,
      maxSize: K.number,
    });
    const name = props.capacityProviderName ?? props.defaultName;
    const minSize = props.minSize ?? 0;
    const onDemandBaseCapacity = props.onDemandBaseCapacity ?? 0;
    const spotPercentage = props.spotPercentage ?? 0;
    const spotAllocationStrategy = props.spotAllocationStrategy ?? Ec2CapacityProvider.DEFAULT_SPOT_ALLOCATION_STRATEGY;
    const capacityRebalance = props.capacityRebalance ?? spotPercentage > 0;
    const scaling: ResolvedManagedScaling = { ...Ec2CapacityProvider.DEFAULT_MANAGED_SCALING, ...definedOnly(props.managedScaling) };
    const managedTerminationProtection = props.managedTerminationProtection ?? true;
    const protectFromScaleIn = props.protectFromScaleIn ?? managedTerminationProtection;
    const managedDraining = props.managedDraining ?? true;
    const spotInstanceDraining = props.spotInstanceDraining ?? true;
    const blockTaskMetadataAccess = props.blockTaskMetadataAccess ?? true;
    const amiFamily = props.amiFamily ?? "al2023";
    const rootVolumeSizeGiB = props.rootVolumeSizeGiB ?? Ec2CapacityProvider.DEFAULT_ROOT_VOLUME_SIZE_GIB;
    const metadataHopLimit = props.metadataHopLimit ?? 1;
    const tags = props.tags;

    this.checkName(name);
    checkOneOf(this, "CLUSTER_AMI_FAMILY", "amiFamily", amiFamily, AMI_FAMILIES);
    this.amiFamily = amiFamily;
    this.amiVariant = this.checkInstanceTypes(props.instanceTypes, props.amiVariant, props.imageId);
    const dataVolumeSizeGiB = this.checkAmiFamily(props);
    checkIntegerRange(this, "CLUSTER_ASG_SIZE", "minSize", minSize, 0, 10000);
    checkIntegerRange(this, "CLUSTER_ASG_SIZE", "maxSize", props.maxSize, 0, 10000);
    checkMinMax(this, "CLUSTER_ASG_MIN_MAX", "minSize", minSize, "maxSize", props.maxSize);
    checkIntegerRange(this, "CLUSTER_ON_DEMAND_BASE", "onDemandBaseCapacity", onDemandBaseCapacity, 0, 10000);
    checkIntegerRange(this, "CLUSTER_SPOT_PERCENTAGE", "spotPercentage", spotPercentage, 0, 100, "percent");
    checkOneOf(this, "CLUSTER_SPOT_ALLOCATION_STRATEGY", "spotAllocationStrategy", spotAllocationStrategy, SPOT_ALLOCATION_STRATEGIES);
    this.checkManagedScaling(scaling, managedTerminationProtection, protectFromScaleIn);
    checkIntegerRange(
      this,
      "CLUSTER_ROOT_VOLUME_SIZE",
      "rootVolumeSizeGiB",
      rootVolumeSizeGiB,
      MIN_HOST_ROOT_VOLUME_GIB,
      MAX_HOST_ROOT_VOLUME_GIB,
      "GiB",
    );
    const hop = HOST_METADATA_HOP_LIMIT_RANGE;
    checkIntegerRange(this, "CLUSTER_METADATA_HOP_LIMIT", "metadataHopLimit", metadataHopLimit, hop.min, hop.max);
    if (metadataHopLimit > 1) {
      warn(
        this,
        "CLUSTER_IMDS_REACHABLE",
        `metadataHopLimit ${metadataHopLimit}: containers in bridge mode can reach the instance role's credentials.`,
      );
    }
    checkNotEmpty(this, "CLUSTER_SUBNETS_EMPTY", "subnetIds", props.subnetIds);
    checkTags(this, "tags", tags);
    checkTags(this, "containerInstanceTags", props.containerInstanceTags);
    checkArn(this, "EC2_ROOT_VOLUME_KMS_KEY", "rootVolumeKmsKeyArn", props.rootVolumeKmsKeyArn, "kmsKey");
    this.checkAgentSettings(props.ecsAgentSettings ?? {});

    this.capacityProviderName = name;
    const purchase = { instanceTypes: props.instanceTypes, onDemandBaseCapacity, spotPercentage, spotAllocationStrategy };
    const mixed = usesMixedInstancesPolicy(purchase);
    if (props.amiRelease !== undefined) {
      if (props.imageId !== undefined) {
        fail(this, {
          code: "CLUSTER_AMI_RELEASE",
          property: "amiRelease",
          value: props.amiRelease,
          allowed: "either amiRelease (an ECS-optimized AMI release) or imageId (a custom image), not both",
        });
      }
      if (amiFamily === "bottlerocket") checkBottlerocketRelease(this, props.amiRelease, this.amiVariant ?? "x86_64");
      else checkAmiRelease(this, props.amiRelease, this.amiVariant ?? "x86_64");
    }
    if (props.instanceRefresh) checkInstanceRefresh(this, props.instanceRefresh);
    if (props.warmPool) checkWarmPool(this, props.warmPool, { maxSize: props.maxSize, mixedInstancesPolicy: mixed, spotPercentage });
    const variant = this.amiVariant ?? "x86_64";
    const imageId =
      props.imageId ??
      (amiFamily === "bottlerocket"
        ? bottlerocketAmiImageId(variant, props.amiRelease)
        : props.amiRelease !== undefined
          ? pinnedEcsAmiImageId(variant, props.amiRelease)
          : ecsAmiImageId(variant));

    const hardening = { metadataHopLimit, rootVolumeSizeGiB, rootVolumeKmsKeyArn: props.rootVolumeKmsKeyArn };
    const agent = { clusterName: props.clusterName, spotInstanceDraining, blockTaskMetadataAccess };
    this.launchTemplate = new LaunchTemplate(this, "LaunchTemplate", {
      name: safeName(name, 128),
      description: `ECS container instances of capacity provider ${name}`,
      imageId,
      instanceType: mixed ? undefined : props.instanceTypes[0],
      userData:
        amiFamily === "bottlerocket"
          ? encodeBottlerocketUserData(agent)
          : encodeUserData({
              ...agent,
              gpuSupport: this.amiVariant === "gpu",
              containerInstanceTags: props.containerInstanceTags,
              warmPoolsCheck: props.warmPool !== undefined,
              extraSettings: props.ecsAgentSettings,
            }),
      iamInstanceProfile: { arn: props.instanceProfileArn },
      metadataOptions: renderHostMetadataOptions(hardening),
      networkInterfaces: [
        { deviceIndex: 0, associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [props.securityGroupId] },
      ],
      // Bottlerocket: the OS volume keeps the AMI's size (it holds only the OS partitions), encrypted like
      // every host volume; containers live on the data volume.
      blockDeviceMappings:
        dataVolumeSizeGiB === undefined
          ? [renderHostRootVolume(hardening)]
          : [
              renderHostVolume(HOST_ROOT_DEVICE_NAME, undefined, props.rootVolumeKmsKeyArn),
              renderHostVolume(Ec2CapacityProvider.BOTTLEROCKET_DATA_DEVICE_NAME, dataVolumeSizeGiB, props.rootVolumeKmsKeyArn),
            ],
      tagSpecifications: [
        { resourceType: "volume", tags: withName(name, tags) },
        { resourceType: "network-interface", tags: withName(name, tags) },
      ],
      updateDefaultVersion: true,
      tags: withName(name, tags),
    });

    // "$Latest" never changes, so a template edit would reach no running instance; with an instance
    // refresh the group names the template's latest version, and its change starts the refresh.
    const templateVersion = props.instanceRefresh ? this.launchTemplate.latestVersion.toString() : "$Latest";
    this.autoScalingGroup = new AutoscalingGroup(this, "AutoScalingGroup", {
      name,
      minSize,
      maxSize: props.maxSize,
      vpcZoneIdentifier: [...props.subnetIds],
      healthCheckType: "EC2",
      protectFromScaleIn,
      capacityRebalance,
      // On delete, terminate the instances without waiting for a drain. By then the services are
      // gone (they depend on the cluster's capacity provider association), and with managed
      // termination protection a plain delete would wait on instances that stay protected until
      // the delete times out (hashicorp/terraform-provider-aws#18849, aws/aws-cdk#18179). Terraform
      // still waits for the group to be gone, i.e. for the instances to terminate and deregister,
      // before it deletes the cluster.
      forceDelete: true,
      launchTemplate: mixed ? undefined : { id: this.launchTemplate.id, version: templateVersion },
      mixedInstancesPolicy: mixed
        ? {
            instancesDistribution: renderInstancesDistribution(purchase),
            launchTemplate: {
              launchTemplateSpecification: { launchTemplateId: this.launchTemplate.id, version: templateVersion },
              override: props.instanceTypes.map((instanceType) => ({ instanceType })),
            },
          }
        : undefined,
      tag: renderAutoScalingGroupTags(name, tags),
      instanceRefresh: props.instanceRefresh && renderInstanceRefresh(props.instanceRefresh),
      warmPool: props.warmPool && renderWarmPool(props.warmPool),
      // ECS managed scaling sets the desired capacity; Terraform must not reset it on every apply.
      lifecycle: { ignoreChanges: ["desired_capacity"] },
      // The cluster: `terraform destroy` then deletes the group (and waits for its instances to
      // terminate) before the cluster, which ECS refuses to delete while instances are registered.
      // The role's policies: instances must be able to register with ECS as soon as they boot.
      dependsOn: [props.cluster, ...props.instanceDependencies],
    });

    this.resource = new EcsCapacityProvider(this, "Resource", {
      name,
      autoScalingGroupProvider: {
        autoScalingGroupArn: this.autoScalingGroup.arn,
        managedTerminationProtection: managedTerminationProtection ? "ENABLED" : "DISABLED",
        managedDraining: managedDraining ? "ENABLED" : "DISABLED",
        managedScaling: renderManagedScaling(scaling),
      },
      tags: withName(name, tags),
    });
  }

  private checkName(name: string): void {
    checkName(this, "CLUSTER_CAPACITY_PROVIDER_NAME", "capacityProviderName", name, NameRules.ecs);
    if (!isToken(name) && RESERVED_PROVIDER_PREFIX.test(name)) {
      fail(this, {
        code: "CLUSTER_CAPACITY_PROVIDER_NAME_PREFIX",
        property: "capacityProviderName",
        value: name,
        allowed:
          'a name not starting with "aws", "ecs" or "fargate" (reserved by ECS); set capacityProviderName when the cluster name starts with one',
      });
    }
  }

  /** One architecture across the types, matching the AMI variant; returns the variant (undefined with a custom image). */
  private checkInstanceTypes(
    types: readonly string[],
    variant: EcsAmiVariant | undefined,
    imageId: string | undefined,
  ): EcsAmiVariant | undefined {
    checkNotEmpty(this, "CLUSTER_INSTANCE_TYPES_EMPTY", "instanceTypes", types);
    if (types.length > MAX_INSTANCE_TYPES) {
      fail(this, {
        code: "CLUSTER_INSTANCE_TYPES_TOO_MANY",
        property: "instanceTypes",
        value: types.length,
        allowed: `at most ${MAX_INSTANCE_TYPES} instance types`,
      });
    }
    types.forEach((type, i) => {
      if (!isToken(type) && !isInstanceTypeName(type)) {
        fail(this, {
          code: "CLUSTER_INSTANCE_TYPE",
          property: `instanceTypes[${i}]`,
          value: type,
          allowed: "an EC2 instance type that exists (a known family and size), such as m7g.large",
        });
      }
    });
    checkUnique(this, "CLUSTER_INSTANCE_TYPE_DUPLICATE", "instanceTypes", types);
    const known = types.filter((t) => !isToken(t));
    const architectures = [...new Set(known.map(architectureOf))];
    if (architectures.length > 1) {
      fail(this, {
        code: "CLUSTER_INSTANCE_ARCHITECTURE_MIX",
        property: "instanceTypes",
        value: known.map((t) => `${t} (${architectureOf(t)})`),
        allowed: "instance types of one architecture (one AMI serves the group): all x86_64 or all arm64 (Graviton)",
      });
    }
    checkOneOf(this, "CLUSTER_AMI_VARIANT", "amiVariant", variant, Object.keys(AMI_VARIANT_ARCHITECTURE) as EcsAmiVariant[]);
    if (variant !== undefined && architectures.length === 1 && AMI_VARIANT_ARCHITECTURE[variant] !== architectures[0]) {
      fail(this, {
        code: "CLUSTER_AMI_ARCHITECTURE",
        property: "amiVariant",
        value: variant,
        allowed: `an AMI variant for ${architectures[0]} instances (${known.join(", ")}): ${Object.entries(AMI_VARIANT_ARCHITECTURE)
          .filter(([, arch]) => arch === architectures[0])
          .map(([v]) => JSON.stringify(v))
          .join(", ")}`,
      });
    }
    if (imageId !== undefined) return undefined;
    const resolved = variant ?? amiVariantFor(known);
    if (resolved !== "gpu" && known.some(isGpuInstanceType)) {
      warn(
        this,
        "CLUSTER_GPU_WITHOUT_GPU_AMI",
        `GPU instance types on the "${resolved}" AMI have no NVIDIA driver; set amiVariant: "gpu" to run GPU tasks.`,
      );
    }
    return resolved;
  }

  /**
   * What the AMI family allows: the Bottlerocket variants, options only the AL2023 script honours, an
   * image of the other family; returns the Bottlerocket data volume size (undefined on AL2023).
   */
  private checkAmiFamily(props: Ec2CapacityProviderOptions): number | undefined {
    const family = this.amiFamily;
    checkImageIdFamily(this, props.imageId, family);
    if (family !== "bottlerocket") {
      if (props.dataVolumeSizeGiB !== undefined) {
        fail(this, {
          code: "CLUSTER_DATA_VOLUME_SIZE",
          property: "dataVolumeSizeGiB",
          value: props.dataVolumeSizeGiB,
          allowed: 'a data volume only with amiFamily "bottlerocket" (AL2023 keeps container data on the root volume: rootVolumeSizeGiB)',
        });
      }
      return undefined;
    }
    checkBottlerocketOptions(this, props);
    if (this.amiVariant !== undefined && !BOTTLEROCKET_AMI_VARIANTS.includes(this.amiVariant)) {
      fail(this, {
        code: "CLUSTER_BOTTLEROCKET_VARIANT",
        property: "amiVariant",
        value: this.amiVariant,
        allowed: `a variant Bottlerocket publishes for ECS (${BOTTLEROCKET_AMI_VARIANTS.map((v) => JSON.stringify(v)).join(", ")}; no Neuron variant), or amiFamily "al2023"`,
      });
    }
    const size = props.dataVolumeSizeGiB ?? Ec2CapacityProvider.DEFAULT_DATA_VOLUME_SIZE_GIB;
    checkIntegerRange(
      this,
      "CLUSTER_DATA_VOLUME_SIZE",
      "dataVolumeSizeGiB",
      size,
      Ec2CapacityProvider.MIN_DATA_VOLUME_SIZE_GIB,
      MAX_HOST_ROOT_VOLUME_GIB,
      "GiB",
    );
    return size;
  }

  private checkManagedScaling(scaling: ResolvedManagedScaling, terminationProtection: boolean, protectFromScaleIn: boolean): void {
    checkIntegerRange(
      this,
      "CLUSTER_TARGET_CAPACITY",
      "managedScaling.targetCapacityPercent",
      scaling.targetCapacityPercent,
      1,
      100,
      "percent",
    );
    checkIntegerRange(this, "CLUSTER_SCALING_STEP", "managedScaling.minimumScalingStepSize", scaling.minimumScalingStepSize, 1, 10000);
    checkIntegerRange(this, "CLUSTER_SCALING_STEP", "managedScaling.maximumScalingStepSize", scaling.maximumScalingStepSize, 1, 10000);
    checkMinMax(
      this,
      "CLUSTER_SCALING_STEP",
      "managedScaling.minimumScalingStepSize",
      scaling.minimumScalingStepSize,
      "managedScaling.maximumScalingStepSize",
      scaling.maximumScalingStepSize,
    );
    checkIntegerRange(
      this,
      "CLUSTER_INSTANCE_WARMUP",
      "managedScaling.instanceWarmupPeriodSeconds",
      scaling.instanceWarmupPeriodSeconds,
      0,
      10000,
      "seconds",
    );
    if (terminationProtection && !scaling.enabled) {
      fail(this, {
        code: "CLUSTER_TERMINATION_PROTECTION_NEEDS_SCALING",
        property: "managedTerminationProtection",
        value: true,
        allowed:
          "managed termination protection only with managed scaling enabled (ECS requires both), or managedTerminationProtection: false",
      });
    }
    if (terminationProtection && !protectFromScaleIn) {
      fail(this, {
        code: "CLUSTER_TERMINATION_PROTECTION_NEEDS_SCALE_IN_PROTECTION",
        property: "protectFromScaleIn",
        value: false,
        allowed:
          "protectFromScaleIn: true (or unset) while managedTerminationProtection is on: ECS requires the group's scale-in protection",
      });
    }
    if (protectFromScaleIn && !terminationProtection) {
      warn(
        this,
        "CLUSTER_SCALE_IN_PROTECTION_STUCK",
        "protectFromScaleIn without managed termination protection: ECS never lifts the protection, so the group cannot scale in.",
      );
    }
  }

  private checkAgentSettings(settings: Record<string, string>): void {
    for (const [key, value] of Object.entries(settings)) {
      if (!AGENT_SETTING_KEY.test(key) || MANAGED_AGENT_SETTINGS.includes(key)) {
        fail(this, {
          code: "CLUSTER_AGENT_SETTING",
          property: `ecsAgentSettings.${key}`,
          value: key,
          allowed: `an ECS_* agent setting other than the ones set from props (${MANAGED_AGENT_SETTINGS.join(", ")})`,
        });
      }
      if (/[\r\n]/.test(value)) {
        fail(this, { code: "CLUSTER_AGENT_SETTING", property: `ecsAgentSettings.${key}`, value, allowed: "a value on one line" });
      }
    }
  }
}

/** `{ ...defaults, ...definedOnly(options) }` keeps defaults for keys set to `undefined`. */
function definedOnly<T extends object>(options: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
