import { Construct } from "constructs";
import { BatchComputeEnvironment } from "@cdktf/provider-aws/lib/batch-compute-environment";
import { architectureOf, isInstanceFamily, isInstanceTypeName } from "../cluster/instance-types";
import { checkArn } from "../core/arn";
import { fail, isToken } from "../core/errors";
import { checkName, NameRule } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange, checkMinMax, checkNotEmpty, checkOneOf } from "../core/validate";
import { Connections, IConnectable } from "../network/connections";
import type { INetwork } from "../network/network";
import { SecurityGroup } from "../network/security-group";
import { checkRoleOptions, RoleOptions } from "../core/role";
import { HOST_METADATA_HOP_LIMIT_RANGE, MAX_HOST_ROOT_VOLUME_GIB, MIN_HOST_ROOT_VOLUME_GIB } from "../cluster/host-hardening";
import { InstanceLaunchTemplate } from "./launch-template";
import { InstanceRole } from "./instance-role";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Managed compute environment types: AWS-run Fargate capacity, or EC2 instances Batch launches. */
export type ComputeEnvironmentType = "FARGATE" | "FARGATE_SPOT" | "EC2" | "SPOT";

/** How Batch picks instance types; the `SPOT_*` strategies are for `SPOT` environments only. */
export type AllocationStrategy = "BEST_FIT_PROGRESSIVE" | "SPOT_CAPACITY_OPTIMIZED" | "SPOT_PRICE_CAPACITY_OPTIMIZED";

/** ECS-optimized AMIs Batch can launch (`ec2_configuration.image_type`). */
export type BatchImageType = "ECS_AL2023" | "ECS_AL2023_NVIDIA";

/** What a job queue needs from a compute environment. */
export interface IComputeEnvironment {
  /** ARN of the compute environment, which a job queue lists in its `compute_environment_order`. */
  readonly computeEnvironmentArn: string;
  /** Capacity type; a job queue cannot mix Fargate and EC2 environments, so it checks this. */
  readonly type: ComputeEnvironmentType;
  /** `x86_64` or `arm64`, when known (EC2/Spot environments with named instance types or families). */
  readonly architecture?: "x86_64" | "arm64";
}

/** Props of a {@link ComputeEnvironment}. */
export interface ComputeEnvironmentProps {
  /**
   * Name prefix, e.g. `acme-dev-jobs-spot`; Terraform appends a unique suffix so a replacement can
   * be created before the old environment is destroyed. At most 101 characters.
   */
  readonly name: string;
  /** Capacity the environment runs jobs on: Fargate, Fargate Spot, On-Demand EC2 or Spot EC2. */
  readonly type: ComputeEnvironmentType;
  /** The VPC the environment's security group is created in; its private subnets are the default. */
  readonly network: INetwork;
  /** Subnets jobs (or instances) run in; keep them private, Fargate jobs get no public IP. @default - the network's workload (private) subnets */
  readonly subnetIds?: readonly string[];
  /** At most 5. @default - a new group with no ingress and all outbound traffic */
  readonly securityGroups?: readonly SecurityGroup[];
  /** Most vCPUs the environment runs at once. @default 256 */
  readonly maxVcpus?: number;
  /** EC2/SPOT: vCPUs kept running when idle. @default 0 */
  readonly minVcpus?: number;
  /** EC2/SPOT: instance types (`m6i.large`) or families (`m6i`), one CPU architecture. @default ["m6i", "c6i", "r6i"] */
  readonly instanceTypes?: readonly string[];
  /** EC2/SPOT. @default - "BEST_FIT_PROGRESSIVE" for EC2, "SPOT_PRICE_CAPACITY_OPTIMIZED" for SPOT */
  readonly allocationStrategy?: AllocationStrategy;
  /** SPOT: highest Spot price as a percentage of On-Demand, 1 to 100. @default - up to the On-Demand price */
  readonly spotBidPercentage?: number;
  /** EC2/SPOT: AMI family. @default "ECS_AL2023" */
  readonly imageType?: BatchImageType;
  /** EC2/SPOT: encrypted gp3 root volume size in GiB, 30 to 16384. @default 30 */
  readonly rootVolumeGiB?: number;
  /** EC2/SPOT: KMS key of the root volume. @default - the account's default EBS key */
  readonly rootVolumeKmsKeyArn?: string;
  /** EC2/SPOT: IMDSv2 hop limit, 1 to 64; 2 lets bridge-mode containers reach instance metadata. @default 1 */
  readonly metadataHopLimit?: number;
  /** A custom Batch service role. @default - the AWSServiceRoleForBatch service-linked role */
  readonly serviceRoleArn?: string;
  /** Whether the environment accepts jobs from its queues (`state` ENABLED or DISABLED). @default true */
  readonly enabled?: boolean;
  /** Tags for the environment, its security group, instance role and launch template (and EC2 instances). @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Permissions boundary and path of the IAM roles this construct creates (EC2/SPOT: the instance role; Batch's own service and Spot roles are service-linked (AWS creates them, they take no boundary)).
   * @default - the stack's `RoleDefaults` (none unless the stack declares them)
   */
  readonly roleOptions?: RoleOptions;
}

/**
 * A managed AWS Batch compute environment in private subnets with a no-ingress security group. EC2
 * and Spot environments get an instance role and profile and a launch template with IMDSv2 and an
 * encrypted root volume.
 *
 * Replacement safety: changing an argument AWS cannot update in place replaces the environment, and
 * deleting one that a job queue still lists fails ("Cannot delete, found existing JobQueue
 * relationship", hashicorp/terraform-provider-aws#2044). So the name is a prefix plus a generated
 * suffix and the resource is `create_before_destroy`: Terraform creates the new environment, points
 * the queue at it, then deletes the old one.
 */
export class ComputeEnvironment extends Construct implements IComputeEnvironment, IConnectable {
  /** Default ceiling on vCPUs running at once: enough for a team's jobs, small enough to cap a runaway bill. */
  public static readonly DEFAULT_MAX_VCPUS = 256;
  /** Default EC2/Spot instance families (general, compute, memory optimized, x86_64): several families widen Spot capacity. */
  public static readonly DEFAULT_INSTANCE_TYPES: readonly string[] = ["m6i", "c6i", "r6i"];
  /** Default root volume size in GiB: 30 is the smallest the ECS-optimized Amazon Linux 2023 AMI accepts. */
  public static readonly DEFAULT_ROOT_VOLUME_GIB = 30;
  /** Batch accepts at most 5 security groups per compute environment. */
  public static readonly MAX_SECURITY_GROUPS = 5;
  /** Batch names are at most 128 characters; Terraform's unique suffix takes 26 and the dash 1. */
  public static readonly NAME_RULE: NameRule = {
    maxLength: 101,
    pattern: /^[a-zA-Z0-9_-]+$/,
    describe: "letters, digits, hyphens and underscores",
  };

  /** ARN of the compute environment (a token). */
  public readonly computeEnvironmentArn: string;
  /** The generated name (a token). */
  public readonly computeEnvironmentName: string;
  /** Capacity type, as given in the props. */
  public readonly type: ComputeEnvironmentType;
  /** CPU architecture of the EC2/Spot instance types; undefined for Fargate or unknown instance types. */
  public readonly architecture?: "x86_64" | "arm64";
  /** Traffic rules of the environment's (first) security group, e.g. to let jobs reach a database. */
  public readonly connections: Connections;
  /** The created security group, when none was given. */
  public readonly securityGroup?: SecurityGroup;
  /** EC2/SPOT only. */
  public readonly instanceRole?: InstanceRole;
  /** EC2/SPOT only. */
  public readonly launchTemplate?: InstanceLaunchTemplate;
  /** The resource, for escape hatches. */
  public readonly resource: BatchComputeEnvironment;

  constructor(scope: Construct, id: string, props: ComputeEnvironmentProps) {
    super(scope, id);
    checkRequiredProps(this, "ComputeEnvironmentProps", props, {
      name: K.string,
      type: K.string,
      network: K.reference("an INetwork such as a Network", "vpcId", "workloadSubnetIds"),
    });
    const ec2 = props.type === "EC2" || props.type === "SPOT";
    const subnetIds = props.subnetIds ?? props.network.workloadSubnetIds;
    const maxVcpus = props.maxVcpus ?? ComputeEnvironment.DEFAULT_MAX_VCPUS;
    const minVcpus = props.minVcpus ?? 0;
    const instanceTypes = props.instanceTypes ?? ComputeEnvironment.DEFAULT_INSTANCE_TYPES;
    const allocationStrategy =
      props.allocationStrategy ?? (props.type === "SPOT" ? "SPOT_PRICE_CAPACITY_OPTIMIZED" : "BEST_FIT_PROGRESSIVE");
    const rootVolumeGiB = props.rootVolumeGiB ?? ComputeEnvironment.DEFAULT_ROOT_VOLUME_GIB;
    const metadataHopLimit = props.metadataHopLimit ?? 1;
    const imageType = props.imageType ?? "ECS_AL2023";
    const enabled = props.enabled ?? true;
    this.type = props.type;

    checkName(this, "BATCH_COMPUTE_ENVIRONMENT_NAME", "name", props.name, ComputeEnvironment.NAME_RULE);
    checkTags(this, "tags", props.tags);
    checkRoleOptions(this, "roleOptions", props.roleOptions);
    checkArn(this, "COMPUTE_SERVICE_ROLE", "serviceRoleArn", props.serviceRoleArn, "iamRole");
    checkArn(this, "COMPUTE_ROOT_VOLUME_KMS_KEY", "rootVolumeKmsKeyArn", props.rootVolumeKmsKeyArn, "kmsKey");
    checkOneOf(this, "BATCH_COMPUTE_ENVIRONMENT_TYPE", "type", props.type, ["FARGATE", "FARGATE_SPOT", "EC2", "SPOT"]);
    checkIntegerRange(this, "BATCH_MAX_VCPUS", "maxVcpus", maxVcpus, 1, 1_000_000);
    checkNotEmpty(this, "BATCH_SUBNETS", "subnetIds", subnetIds);
    const groups = props.securityGroups;
    if (groups !== undefined && (groups.length === 0 || groups.length > ComputeEnvironment.MAX_SECURITY_GROUPS)) {
      fail(this, {
        code: "BATCH_SECURITY_GROUPS",
        property: "securityGroups",
        value: groups.length,
        allowed: `1 to ${ComputeEnvironment.MAX_SECURITY_GROUPS} security groups (leave it out to get a new one)`,
      });
    }
    if (ec2) {
      this.architecture = this.checkEc2(
        props,
        minVcpus,
        maxVcpus,
        instanceTypes,
        allocationStrategy,
        rootVolumeGiB,
        metadataHopLimit,
        imageType,
      );
    } else {
      this.checkFargate(props);
    }

    if (groups === undefined) {
      this.securityGroup = new SecurityGroup(this, "SecurityGroup", {
        vpcId: props.network.vpcId,
        name: `${props.name}-batch`,
        description: `Batch compute environment ${props.name}: no ingress`,
        tags: props.tags,
      });
    }
    const securityGroups = groups ?? [this.securityGroup!];
    this.connections = securityGroups[0].connections;

    if (ec2) {
      this.instanceRole = new InstanceRole(this, "InstanceRole", {
        roleName: `${props.name}-batch-instance`,
        tags: props.tags,
        ...props.roleOptions,
      });
      this.launchTemplate = new InstanceLaunchTemplate(this, "LaunchTemplate", {
        namePrefix: props.name,
        rootVolumeGiB,
        rootVolumeKmsKeyArn: props.rootVolumeKmsKeyArn,
        metadataHopLimit,
        tags: props.tags,
      });
    }

    this.resource = new BatchComputeEnvironment(this, "Resource", {
      computeEnvironmentNamePrefix: `${props.name}-`,
      type: "MANAGED",
      state: enabled ? "ENABLED" : "DISABLED",
      serviceRole: props.serviceRoleArn,
      computeResources: {
        type: props.type,
        maxVcpus,
        subnets: [...subnetIds],
        securityGroupIds: securityGroups.map((g) => g.securityGroupId),
        ...(ec2
          ? {
              minVcpus,
              instanceType: [...instanceTypes],
              allocationStrategy,
              bidPercentage: props.spotBidPercentage,
              instanceRole: this.instanceRole!.instanceProfileArn,
              launchTemplate: { launchTemplateId: this.launchTemplate!.launchTemplateId, version: this.launchTemplate!.version },
              ec2Configuration: [{ imageType }],
              tags: withName(props.name, props.tags),
            }
          : {}),
      },
      tags: withName(props.name, props.tags),
      lifecycle: {
        createBeforeDestroy: true,
        // Batch scales desired vCPUs itself; without this every plan would try to reset them.
        ignoreChanges: ec2 ? ["compute_resources[0].desired_vcpus"] : undefined,
      },
    });
    this.computeEnvironmentArn = this.resource.arn;
    this.computeEnvironmentName = this.resource.computeEnvironmentName;
  }

  private checkEc2(
    props: ComputeEnvironmentProps,
    minVcpus: number,
    maxVcpus: number,
    instanceTypes: readonly string[],
    allocationStrategy: AllocationStrategy,
    rootVolumeGiB: number,
    metadataHopLimit: number,
    imageType: BatchImageType,
  ): "x86_64" | "arm64" | undefined {
    checkIntegerRange(this, "BATCH_MIN_VCPUS", "minVcpus", minVcpus, 0, 1_000_000);
    checkMinMax(this, "BATCH_MIN_VCPUS", "minVcpus", minVcpus, "maxVcpus", maxVcpus);
    checkOneOf(
      this,
      "BATCH_ALLOCATION_STRATEGY",
      "allocationStrategy",
      allocationStrategy,
      props.type === "SPOT"
        ? ["BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED", "SPOT_PRICE_CAPACITY_OPTIMIZED"]
        : ["BEST_FIT_PROGRESSIVE"],
    );
    checkOneOf(this, "BATCH_IMAGE_TYPE", "imageType", imageType, ["ECS_AL2023", "ECS_AL2023_NVIDIA"]);
    checkIntegerRange(this, "BATCH_ROOT_VOLUME", "rootVolumeGiB", rootVolumeGiB, MIN_HOST_ROOT_VOLUME_GIB, MAX_HOST_ROOT_VOLUME_GIB, "GiB");
    const hop = HOST_METADATA_HOP_LIMIT_RANGE;
    checkIntegerRange(this, "BATCH_METADATA_HOP_LIMIT", "metadataHopLimit", metadataHopLimit, hop.min, hop.max);
    if (props.type !== "SPOT" && props.spotBidPercentage !== undefined) {
      fail(this, {
        code: "BATCH_SPOT_ONLY",
        property: "spotBidPercentage",
        value: props.spotBidPercentage,
        allowed: 'no spotBidPercentage unless type is "SPOT"',
      });
    }
    checkIntegerRange(this, "BATCH_SPOT_BID", "spotBidPercentage", props.spotBidPercentage, 1, 100, "percent");
    checkNotEmpty(this, "BATCH_INSTANCE_TYPES", "instanceTypes", instanceTypes);
    const architectures = new Map<string, string>();
    instanceTypes.forEach((t, i) => {
      if (isToken(t) || t === "optimal") return;
      if (!(t.includes(".") ? isInstanceTypeName(t) : isInstanceFamily(t))) {
        fail(this, {
          code: "BATCH_INSTANCE_TYPE",
          property: `instanceTypes[${i}]`,
          value: t,
          allowed: 'an instance type that exists ("m6i.large"), a family ("m6i") or "optimal"',
        });
      }
      architectures.set(architectureOf(t.includes(".") ? t : `${t}.large`), t);
    });
    if (architectures.size > 1) {
      fail(this, {
        code: "BATCH_MIXED_ARCHITECTURES",
        property: "instanceTypes",
        value: [...instanceTypes],
        allowed: `instance types of one CPU architecture (${[...architectures].map(([a, t]) => `${t} is ${a}`).join(", ")})`,
      });
    }
    const [architecture] = [...architectures.keys()] as Array<"x86_64" | "arm64">;
    // The NVIDIA AMI is built for x86_64 only: Graviton instances would never join the environment.
    if (imageType === "ECS_AL2023_NVIDIA" && architecture === "arm64") {
      fail(this, {
        code: "BATCH_IMAGE_ARCHITECTURE",
        property: "imageType",
        value: imageType,
        allowed: `"ECS_AL2023" with Graviton instance types (${architectures.get("arm64")}); the NVIDIA AMI is x86_64 only`,
      });
    }
    return architecture;
  }

  /** Fargate capacity has no instances: instance settings would be silently meaningless. */
  private checkFargate(props: ComputeEnvironmentProps): void {
    const ec2Only: Array<keyof ComputeEnvironmentProps> = [
      "minVcpus",
      "instanceTypes",
      "allocationStrategy",
      "spotBidPercentage",
      "imageType",
      "rootVolumeGiB",
      "rootVolumeKmsKeyArn",
      "metadataHopLimit",
    ];
    for (const property of ec2Only) {
      if (props[property] !== undefined) {
        fail(this, {
          code: "BATCH_EC2_ONLY",
          property,
          value: props[property],
          allowed: `no ${property} for a ${props.type} compute environment (it applies to EC2 and SPOT only)`,
        });
      }
    }
  }
}
