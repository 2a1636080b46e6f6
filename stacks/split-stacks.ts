import { LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  ApplicationLoadBalancer,
  applyPolicies,
  Cluster,
  type ICluster,
  type INetwork,
  type NatMode,
  Network,
  useAwsAccount,
  useAwsProviderRange,
} from "../src";
import type { EnvironmentClass } from "../src/policy";

/**
 * An environment split into one platform stack and service-group stacks, so hundreds of services are
 * not one Terraform state: each group plans, locks and deploys on its own, and a bad apply of one
 * group cannot touch another's resources. See docs/performance.md, "Beyond one stack".
 *
 * The groups reach the platform through cdktf cross-stack references: a group is built from the
 * platform stack's own constructs (`Cluster.fromAttributes` / `Network.fromAttributes` over their
 * tokens), and cdktf writes the outputs into the platform stack and a `terraform_remote_state` into
 * each group, and records the dependency `cdktf deploy` orders stacks by.
 */
export interface SplitStackProps {
  /** Name prefix, e.g. `acme-dev`. */
  readonly name: string;
  readonly region: string;
  readonly availabilityZones: readonly string[];
  /**
   * The AWS account every stack of the split deploys to: the providers refuse any other
   * (`allowed_account_ids`), trust policies name it, and the plan review's CI matrix
   * (`scripts/list-stacks.ts`) picks each stack's plan role by it.
   * @default - no account check (such stacks cannot get a CI plan job)
   */
  readonly accountId?: string;
  /** Guardrail level for the policy pack of every stack of the split. @default "non-production" */
  readonly environmentClass?: EnvironmentClass;
  /**
   * Configures a stack's state backend. Every stack needs its own state (key); groups read the
   * platform's state through the backend cdktf derives from the platform stack's.
   * @default - a local backend `terraform.<stack id>.tfstate`
   */
  readonly backend?: (stack: TerraformStack) => void;
}

/** Provider, backend and guardrails every stack of a split owns. */
function ownStack(stack: TerraformStack, props: SplitStackProps): void {
  // Context first: constructs only take it before their first child.
  if (props.accountId !== undefined) useAwsAccount(stack, props.accountId);
  new AwsProvider(stack, "aws", { region: props.region, allowedAccountIds: props.accountId === undefined ? undefined : [props.accountId] });
  useAwsProviderRange(stack);
  if (props.backend) props.backend(stack);
  else new LocalBackend(stack, { path: `terraform.${stack.node.id}.tfstate` });
  applyPolicies(stack, { environmentClass: props.environmentClass ?? "non-production", printSummary: false });
}

/** Settings of the platform stack. */
export interface PlatformStackProps extends SplitStackProps {
  /** The VPC's CIDR block. */
  readonly cidr: string;
  /** @default "single" */
  readonly natGateways?: NatMode;
}

/** The shared part of a split environment: the network and the ECS cluster with its namespace. */
export class PlatformStack extends TerraformStack {
  public readonly network: Network;
  public readonly cluster: Cluster;
  public readonly props: SplitStackProps;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    this.props = props;
    ownStack(this, props);
    this.network = new Network(this, "Network", {
      name: props.name,
      cidr: props.cidr,
      availabilityZones: props.availabilityZones,
      natGateways: props.natGateways ?? "single",
    });
    this.cluster = new Cluster(this, "Cluster", {
      name: props.name,
      network: this.network,
      namespace: { type: "DNS_PRIVATE", name: `${props.name}.internal` },
    });
  }
}

/** Settings of a service-group stack. */
export interface ServiceGroupStackProps {
  /** The platform stack whose network and cluster the group's services run in. */
  readonly platform: PlatformStack;
  /** Name of the group, part of its load balancer's name (`<platform name>-<group>`). */
  readonly group: string;
  /** ACM certificate of the group's HTTPS listener. @default - HTTP only */
  readonly certificateArn?: string;
}

/**
 * One group of services: its own state, its own public load balancer (an ALB listener takes at most
 * 100 rules, so large platforms need several anyway), and the platform's network and cluster by
 * reference. Add services with `cluster` and `loadBalancer.listener`.
 */
export class ServiceGroupStack extends TerraformStack {
  public readonly network: INetwork;
  public readonly cluster: ICluster;
  public readonly loadBalancer: ApplicationLoadBalancer;

  constructor(scope: Construct, id: string, props: ServiceGroupStackProps) {
    super(scope, id);
    const { platform } = props;
    ownStack(this, platform.props);
    const source = platform.network;
    this.network = Network.fromAttributes({
      vpcId: source.vpcId,
      vpcCidr: source.vpcCidr,
      availabilityZones: source.availabilityZones,
      publicSubnetIds: source.publicSubnetIds,
      privateSubnetIds: source.privateSubnetIds,
    });
    const cluster = platform.cluster;
    this.cluster = Cluster.fromAttributes(this, "Cluster", {
      clusterName: cluster.clusterName,
      clusterArn: cluster.clusterArn,
      network: this.network,
      capacityProviderNames: cluster.capacityProviderNames,
      defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy,
      defaultNamespace: cluster.defaultNamespace,
      execAudit: cluster.execAudit,
    });
    this.loadBalancer = new ApplicationLoadBalancer(this, "LoadBalancer", {
      name: `${platform.props.name}-${props.group}`,
      network: this.network,
      certificateArn: props.certificateArn,
    });
  }
}
