import type { ITerraformDependable } from "cdktf";
import type { ExecAuditAttributes } from "../core/exec-audit";
import type { INetwork } from "../network/network";

/** The Fargate capacity provider AWS runs for every cluster that enables it: on-demand serverless capacity. */
export const FARGATE = "FARGATE";
/** The Fargate Spot capacity provider: spare capacity at a discount, tasks stopped with 2 minutes' notice. */
export const FARGATE_SPOT = "FARGATE_SPOT";

/** One entry of a capacity provider strategy, as ECS takes it. */
export interface CapacityProviderStrategyItem {
  /** `FARGATE`, `FARGATE_SPOT` or the name of one of the cluster's EC2 capacity providers. */
  readonly capacityProvider: string;
  /** Tasks placed on this provider before weights apply; at most one item may set it. @default 0 */
  readonly base?: number;
  /** Relative share of tasks after the base. @default 1 */
  readonly weight?: number;
}

/** A Cloud Map namespace services can register in (Service Connect or DNS discovery). */
export interface INamespace {
  /** ARN of the namespace, as Service Connect configurations refer to it. */
  readonly namespaceArn: string;
  /** Cloud Map id of the namespace (`ns-...`), as service discovery services refer to it. */
  readonly namespaceId: string;
  /** Name of the namespace, e.g. `acme-dev.internal`; DNS names of services end with it. */
  readonly namespaceName: string;
  /** `DNS_PRIVATE` namespaces support DNS discovery and Service Connect; `HTTP` only Service Connect. */
  readonly namespaceType: "DNS_PRIVATE" | "HTTP";
}

/**
 * What services, scheduled tasks and patterns need from a cluster: a {@link Cluster} of this stack,
 * or one another stack owns (`Cluster.fromAttributes`).
 */
export interface ICluster {
  /** Name of the ECS cluster, as services and the ECS agent refer to it. */
  readonly clusterName: string;
  /** ARN of the ECS cluster, for IAM conditions and scheduled task targets. */
  readonly clusterArn: string;
  /** The network the cluster's tasks and instances run in. */
  readonly network: INetwork;
  /** The capacity providers services and tasks may name in a strategy (FARGATE, FARGATE_SPOT and EC2 ones). */
  readonly capacityProviderNames: readonly string[];
  /** The strategy services and tasks use when they set none. */
  readonly defaultCapacityProviderStrategy: readonly CapacityProviderStrategyItem[];
  /** The cluster's default Service Connect / Cloud Map namespace, when it has one. */
  readonly defaultNamespace?: INamespace;
  /** Where exec sessions are recorded, when the cluster audits ECS Exec (see `execAuditStatements`). */
  readonly execAudit?: ExecAuditAttributes;
  /**
   * The resource associating the capacity providers with the cluster, when it is in this stack.
   * Services and scheduled tasks that use a capacity provider strategy should `dependsOn` it, so
   * `terraform destroy` removes them before it dissociates the providers (ECS refuses to
   * dissociate a provider a service still uses).
   */
  readonly capacityProviderAssociation?: ITerraformDependable;
}
