import { ITerraformDependable } from "cdktf";
import { warn } from "../core/warnings";
import { Construct } from "constructs";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { fail } from "../core/errors";
import { checkName, NameRules } from "../core/naming";
import { checkRoleOptions, RoleOptions } from "../core/role";
import { checkTags, withName } from "../core/tags";
import { checkOneOf, checkUnique } from "../core/validate";
import type { ExecAuditAttributes } from "../core/exec-audit";
import { Connections } from "../network/connections";
import { INetwork } from "../network/network";
import { checkCapacityProviderStrategy, defaultCapacityProviderStrategy, renderCapacityProviderStrategy } from "./capacity-strategy";
import { ClusterAttributes, ImportedCluster } from "./cluster-attributes";
import { ContainerInstances } from "./container-instances";
import { Ec2CapacityProvider, Ec2CapacityProviderOptions } from "./ec2-capacity-provider";
import { FargateStorageEncryption, FargateStorageEncryptionOptions } from "./fargate-storage-encryption";
import { ExecAuditLogging, ExecAuditOptions, renderExecuteCommandConfiguration } from "./exec-logging";
import { ClusterNamespace, NamespaceOptions } from "./namespace";
import { CapacityProviderStrategyItem, FARGATE, FARGATE_SPOT, ICluster, INamespace } from "./types";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** CloudWatch Container Insights: `enhanced` adds task- and container-level metrics (and costs more). */
export type ContainerInsights = "enhanced" | "enabled" | "disabled";

/** Settings of a {@link Cluster}: its name, network, capacity providers, default strategy, exec auditing and namespace. */
export interface ClusterProps {
  /** Name prefix, e.g. `acme-dev`; the cluster is named exactly this. Lowercase, digits and hyphens, at most 40 characters. */
  readonly name: string;
  /** The network the cluster's instances run in (private subnets) and its DNS namespace lives in. */
  readonly network: INetwork;
  /** CloudWatch Container Insights metrics for the cluster; `enhanced` adds task- and container-level detail at extra cost. @default "enabled" */
  readonly containerInsights?: ContainerInsights;
  /** ECS Exec session auditing. @default - on: a KMS key with rotation, a log group kept 90 days, logging OVERRIDE */
  readonly execAudit?: ExecAuditOptions;
  /** Associate the `FARGATE` capacity provider. @default true */
  readonly fargate?: boolean;
  /** Associate the `FARGATE_SPOT` capacity provider. @default true */
  readonly fargateSpot?: boolean;
  /**
   * EC2 capacity providers by key. Keys become construct ids and part of the names
   * (`<name>-<key>`): lowercase letters, digits and inner hyphens, at most 32 characters.
   * @default - none
   */
  readonly ec2CapacityProviders?: Record<string, Ec2CapacityProviderOptions>;
  /**
   * The strategy for services and tasks that do not set one.
   * @default - with both Fargate providers, FARGATE base 1 weight 1 + FARGATE_SPOT weight 3; with one,
   * that provider; without Fargate, every EC2 provider with weight 1
   */
  readonly defaultCapacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /** A Cloud Map namespace set as the cluster's Service Connect default. @default - none */
  readonly namespace?: NamespaceOptions;
  /** Tags for every resource; each also gets a `Name`. @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Permissions boundary and path of the IAM roles this construct creates (the EC2 container instance role).
   * @default - the stack's `RoleDefaults` (none unless the stack declares them)
   */
  readonly roleOptions?: RoleOptions;
  /**
   * Encrypt Fargate tasks' ephemeral storage with a customer managed key the cluster creates (with the
   * key policy Fargate needs), instead of the AWS owned key Fargate uses otherwise.
   * @default - AWS owned key (still encrypted)
   */
  readonly fargateStorageEncryption?: FargateStorageEncryptionOptions;
}

/** EC2 provider keys: they end up in resource names and construct ids. */
const PROVIDER_KEY = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

/**
 * An ECS cluster with Container Insights, audited ECS Exec, Fargate and EC2 capacity providers,
 * a default capacity provider strategy and an optional Service Connect namespace.
 *
 * Destroy order (Terraform reverses the dependencies): services (which should depend on
 * `capacityProviderAssociation`) → the association → EC2 capacity providers → Auto Scaling groups
 * (force-deleted, waiting for their instances to terminate) → launch templates → the cluster.
 */
export class Cluster extends Construct implements ICluster {
  /** Container Insights on by default: cluster- and service-level CPU, memory and task metrics, without the cost of `enhanced`. */
  public static readonly DEFAULT_CONTAINER_INSIGHTS: ContainerInsights = "enabled";

  /**
   * A cluster another stack owns (typically the platform stack), so this stack can run services,
   * scheduled tasks and patterns in it. Creates no resources; checks the attributes now.
   */
  public static fromAttributes(scope: Construct, id: string, attrs: ClusterAttributes): ICluster {
    return new ImportedCluster(scope, id, attrs);
  }

  public readonly clusterName: string;
  public readonly clusterArn: string;
  public readonly network: INetwork;
  public readonly capacityProviderNames: readonly string[];
  /** Names of the EC2 (Auto Scaling group) capacity providers only. */
  public readonly ec2CapacityProviderNames: readonly string[];
  public readonly defaultCapacityProviderStrategy: readonly CapacityProviderStrategyItem[];
  public readonly defaultNamespace?: INamespace;
  /** Traffic rules of the EC2 container instances, when the cluster has EC2 capacity. */
  public readonly instanceConnections?: Connections;
  /** True when ECS Exec sessions are audited (KMS + session logging) on this cluster. */
  public readonly execAuditLogging: boolean;
  public readonly execAudit?: ExecAuditAttributes;
  public readonly capacityProviderAssociation?: ITerraformDependable;
  /** EC2 capacity providers by key. */
  public readonly ec2CapacityProviders: Readonly<Record<string, Ec2CapacityProvider>>;
  /** Security group and instance profile shared by the EC2 container instances, when there are any. */
  public readonly containerInstances?: ContainerInstances;
  /** The cluster resource, for escape hatches. */
  public readonly resource: EcsCluster;
  /** The key of the Fargate tasks' ephemeral storage, with `fargateStorageEncryption`. */
  public readonly fargateStorageKey?: KmsKey;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    checkRequiredProps(this, "ClusterProps", props, {
      name: K.string,
      network: K.reference("an INetwork such as a Network", "vpcId", "workloadSubnetIds"),
    });
    const containerInsights = props.containerInsights ?? Cluster.DEFAULT_CONTAINER_INSIGHTS;
    const execAuditEnabled = props.execAudit?.enabled ?? true;
    const fargate = props.fargate ?? true;
    const fargateSpot = props.fargateSpot ?? true;
    const ec2Options = props.ec2CapacityProviders ?? {};
    const tags = props.tags;

    checkName(this, "CLUSTER_NAME", "name", props.name, NameRules.prefix);
    checkTags(this, "tags", tags);
    checkRoleOptions(this, "roleOptions", props.roleOptions);
    checkOneOf(this, "CLUSTER_CONTAINER_INSIGHTS", "containerInsights", containerInsights, ["enhanced", "enabled", "disabled"]);
    for (const key of Object.keys(ec2Options)) {
      if (!PROVIDER_KEY.test(key)) {
        fail(this, {
          code: "CLUSTER_CAPACITY_PROVIDER_KEY",
          property: `ec2CapacityProviders.${key}`,
          value: key,
          allowed: "a key of 1 to 32 lowercase letters, digits and inner hyphens (it becomes part of resource names)",
        });
      }
    }
    this.network = props.network;
    this.execAuditLogging = execAuditEnabled;

    const audit = execAuditEnabled
      ? new ExecAuditLogging(this, "ExecAudit", { ...props.execAudit, clusterName: props.name, tags })
      : undefined;
    if (!audit) {
      warn(
        this,
        "CLUSTER_EXEC_AUDIT_OFF",
        "ECS Exec auditing is off: exec sessions are neither encrypted with a cluster key nor recorded by the cluster.",
      );
    }
    this.execAudit = audit?.attributes;

    const namespace = props.namespace
      ? new ClusterNamespace(this, "Namespace", { ...props.namespace, vpcId: props.network.vpcId, clusterName: props.name, tags })
      : undefined;
    this.defaultNamespace = namespace;

    const storage = props.fargateStorageEncryption
      ? new FargateStorageEncryption(this, "FargateStorage", { ...props.fargateStorageEncryption, clusterName: props.name, tags })
      : undefined;
    this.fargateStorageKey = storage?.key;

    this.resource = new EcsCluster(this, "Resource", {
      name: props.name,
      setting: [{ name: "containerInsights", value: containerInsights }],
      configuration:
        audit || storage
          ? {
              executeCommandConfiguration: audit ? renderExecuteCommandConfiguration(audit.attributes) : undefined,
              managedStorageConfiguration: storage ? { fargateEphemeralStorageKmsKeyId: storage.key.arn } : undefined,
            }
          : undefined,
      // ECS checks that Fargate may use the key when the configuration is set.
      dependsOn: storage ? [storage.keyPolicy] : undefined,
      serviceConnectDefaults: namespace ? { namespace: namespace.namespaceArn } : undefined,
      tags: withName(props.name, tags),
    });
    this.clusterName = this.resource.name;
    this.clusterArn = this.resource.arn;

    if (Object.keys(ec2Options).length > 0) {
      this.containerInstances = new ContainerInstances(this, "ContainerInstances", {
        clusterName: props.name,
        vpcId: props.network.vpcId,
        tags,
        roleOptions: props.roleOptions,
      });
      this.instanceConnections = this.containerInstances.connections;
    }
    this.ec2CapacityProviders = this.buildEc2CapacityProviders(props.name, props.network, ec2Options, tags);
    const ec2Providers = Object.values(this.ec2CapacityProviders);
    this.ec2CapacityProviderNames = ec2Providers.map((provider) => provider.capacityProviderName);
    checkUnique(
      this,
      "CLUSTER_CAPACITY_PROVIDER_NAME_DUPLICATE",
      "ec2CapacityProviders[*].capacityProviderName",
      this.ec2CapacityProviderNames,
    );
    const fargateNames = [...(fargate ? [FARGATE] : []), ...(fargateSpot ? [FARGATE_SPOT] : [])];
    this.capacityProviderNames = [...fargateNames, ...this.ec2CapacityProviderNames];

    this.defaultCapacityProviderStrategy =
      props.defaultCapacityProviderStrategy ??
      defaultCapacityProviderStrategy({ fargate, fargateSpot, ec2CapacityProviderNames: this.ec2CapacityProviderNames });
    checkCapacityProviderStrategy(
      this,
      "defaultCapacityProviderStrategy",
      this.defaultCapacityProviderStrategy,
      this.capacityProviderNames,
    );

    if (this.capacityProviderNames.length > 0) {
      // The association is its own resource (not inline in aws_ecs_cluster): it depends on the
      // cluster and on each EC2 capacity provider, so Terraform creates it last and destroys it
      // first, and a capacity provider is never deleted while still associated.
      this.capacityProviderAssociation = new EcsClusterCapacityProviders(this, "CapacityProviders", {
        clusterName: this.resource.name,
        // Names of EC2 providers are references, so the association depends on those resources.
        capacityProviders: [...fargateNames, ...ec2Providers.map((provider) => provider.resource.name)],
        defaultCapacityProviderStrategy: renderCapacityProviderStrategy(this.defaultCapacityProviderStrategy),
      });
    }
  }

  private buildEc2CapacityProviders(
    clusterName: string,
    network: INetwork,
    options: Record<string, Ec2CapacityProviderOptions>,
    tags: Record<string, string> | undefined,
  ): Record<string, Ec2CapacityProvider> {
    const providers: Record<string, Ec2CapacityProvider> = {};
    const instances = this.containerInstances;
    if (!instances) return providers;
    for (const [key, provider] of Object.entries(options)) {
      providers[key] = new Ec2CapacityProvider(this, key, {
        ...provider,
        tags: { ...(tags ?? {}), ...(provider.tags ?? {}) },
        clusterName,
        cluster: this.resource,
        defaultName: `${clusterName}-${key}`,
        subnetIds: provider.subnetIds ?? network.workloadSubnetIds,
        securityGroupId: instances.securityGroup.securityGroupId,
        instanceProfileArn: instances.instanceProfile.arn,
        instanceDependencies: instances.policyAttachments,
      });
    }
    return providers;
  }
}
