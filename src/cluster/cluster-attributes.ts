import { Construct } from "constructs";
import { checkArn } from "../core/arn";
import { fail, isToken } from "../core/errors";
import { checkName, NameRules } from "../core/naming";
import { checkOneOf, checkUnique } from "../core/validate";
import type { ExecAuditAttributes } from "../core/exec-audit";
import { INetwork } from "../network/network";
import { checkCapacityProviderStrategy, defaultCapacityProviderStrategy, isFargateProvider } from "./capacity-strategy";
import { CapacityProviderStrategyItem, FARGATE, FARGATE_SPOT, ICluster, INamespace } from "./types";

/**
 * Attributes of an ECS cluster another stack owns, for `Cluster.fromAttributes`: typically the
 * platform stack's outputs (`cluster_name`, `cluster_arn`, ...), read by an application team's stack.
 */
export interface ClusterAttributes {
  /** Name of the existing cluster. */
  readonly clusterName: string;
  /** ARN of the existing cluster, `arn:<partition>:ecs:<region>:<account>:cluster/<name>`. */
  readonly clusterArn: string;
  /** The network the cluster's tasks run in (see `Network.fromAttributes`). */
  readonly network: INetwork;
  /**
   * Capacity providers associated with the cluster that services and tasks of this stack may use.
   * @default ["FARGATE", "FARGATE_SPOT"]
   */
  readonly capacityProviderNames?: readonly string[];
  /**
   * The strategy services and tasks of this stack use when they set none. Services write it out in
   * full, so it need not equal the owning stack's cluster default.
   * @default - as a new `Cluster` derives it from `capacityProviderNames`: with both Fargate
   * providers FARGATE base 1 weight 1 + FARGATE_SPOT weight 3; with one, that provider; without
   * Fargate, every other provider with weight 1
   */
  readonly defaultCapacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /**
   * The cluster's default Cloud Map namespace, for Service Connect and Cloud Map discovery.
   * @default - none: Service Connect and Cloud Map discovery then need an explicit namespace
   */
  readonly defaultNamespace?: INamespace;
  /**
   * Where the cluster records ECS Exec sessions (its exec KMS key and log group or bucket), so
   * exec-enabled task roles get exactly the audit permissions they need.
   * @default - none: exec-enabled tasks get the Session Manager channels only
   */
  readonly execAudit?: ExecAuditAttributes;
}

/**
 * A cluster created elsewhere, seen through {@link ICluster}: it creates no resources. It has no
 * capacity provider association in this stack, so services here cannot order their destroy
 * before the owning stack dissociates providers; destroy application stacks first.
 */
export class ImportedCluster extends Construct implements ICluster {
  public readonly clusterName: string;
  public readonly clusterArn: string;
  public readonly network: INetwork;
  public readonly capacityProviderNames: readonly string[];
  public readonly defaultCapacityProviderStrategy: readonly CapacityProviderStrategyItem[];
  public readonly defaultNamespace?: INamespace;
  public readonly execAudit?: ExecAuditAttributes;

  constructor(scope: Construct, id: string, attrs: ClusterAttributes) {
    super(scope, id);
    const capacityProviderNames = attrs.capacityProviderNames ?? [FARGATE, FARGATE_SPOT];
    this.checkNameAndArn(attrs.clusterName, attrs.clusterArn);
    if (!attrs.network) {
      fail(this, { code: "CLUSTER_ATTRIBUTES_NETWORK", property: "network", value: attrs.network, allowed: "an INetwork" });
    }
    if (!isToken(capacityProviderNames)) {
      capacityProviderNames.forEach((name, i) =>
        checkName(this, "CLUSTER_ATTRIBUTES_CAPACITY_PROVIDER", `capacityProviderNames[${i}]`, name, NameRules.ecs),
      );
      checkUnique(this, "CLUSTER_ATTRIBUTES_CAPACITY_PROVIDER_DUPLICATE", "capacityProviderNames", capacityProviderNames);
    }
    const strategy =
      attrs.defaultCapacityProviderStrategy ??
      defaultCapacityProviderStrategy({
        fargate: capacityProviderNames.includes(FARGATE),
        fargateSpot: capacityProviderNames.includes(FARGATE_SPOT),
        ec2CapacityProviderNames: capacityProviderNames.filter((name) => !isFargateProvider(name)),
      });
    checkCapacityProviderStrategy(this, "defaultCapacityProviderStrategy", strategy, capacityProviderNames);
    if (attrs.defaultNamespace) {
      checkOneOf(this, "CLUSTER_ATTRIBUTES_NAMESPACE_TYPE", "defaultNamespace.namespaceType", attrs.defaultNamespace.namespaceType, [
        "DNS_PRIVATE",
        "HTTP",
      ]);
    }

    this.clusterName = attrs.clusterName;
    this.clusterArn = attrs.clusterArn;
    this.network = attrs.network;
    this.capacityProviderNames = capacityProviderNames;
    this.defaultCapacityProviderStrategy = strategy;
    this.defaultNamespace = attrs.defaultNamespace;
    this.execAudit = attrs.execAudit;
  }

  private checkNameAndArn(name: string, arn: string): void {
    if (name === undefined) {
      fail(this, { code: "CLUSTER_ATTRIBUTES_NAME", property: "clusterName", value: name, allowed: "the name of an existing cluster" });
    }
    checkName(this, "CLUSTER_ATTRIBUTES_NAME", "clusterName", name, NameRules.ecs);
    if (arn === undefined) {
      fail(this, { code: "CLUSTER_ATTRIBUTES_ARN", property: "clusterArn", value: arn, allowed: "the ARN of an existing cluster" });
    }
    checkArn(this, "CLUSTER_ATTRIBUTES_ARN", "clusterArn", arn, "ecsCluster");
    const arnName = isToken(arn) ? undefined : arn.slice(arn.indexOf(":cluster/") + ":cluster/".length);
    if (arnName !== undefined && !isToken(name) && arnName !== name) {
      fail(this, {
        code: "CLUSTER_ATTRIBUTES_ARN_NAME",
        property: "clusterArn",
        value: arn,
        allowed: `the ARN of cluster ${JSON.stringify(name)} (the clusterName given)`,
      });
    }
  }
}
