import { Construct, IConstruct } from "constructs";
import type { CapacityProviderStrategyItem, ICluster } from "../cluster/types";
import { checkRequiredProps, PropKinds as K, type PropKind } from "../core/required-props";
import type { Connections, IConnectable } from "../network/connections";
import type { ServiceAlarmOptions } from "../service/alarms";
import { Service, type ServiceProps, type TaskDefinitionChanges } from "../service/service";
import type { ServiceConnectOptions } from "../service/service-connect";
import type { TaskDefinition } from "../task/task-definition";

/** The props both service patterns take and hand to their ECS service as they are. */
export interface ServicePatternOptions {
  /** The cluster the service runs in (a `Cluster`, or `Cluster.fromAttributes` for one another stack owns). */
  readonly cluster: ICluster;
  /**
   * Who rolls out new task definition revisions: `terraform` (this stack) or `ignore` (a CI pipeline
   * registers revisions and updates the service; Terraform leaves them alone).
   * @default "terraform"
   */
  readonly taskDefinitionChanges?: TaskDefinitionChanges;
  /**
   * ECS Exec into the tasks, audited through the cluster's exec-audit settings.
   * @default false
   */
  readonly enableExec?: boolean;
  /** Tags for everything the service creates. @default - none */
  readonly tags?: Record<string, string>;
}

/** What a pattern's props give its service besides {@link ServicePatternOptions} (each pattern documents them for its case). */
interface PatternServiceProps extends ServicePatternOptions {
  readonly name: string;
  readonly taskDefinition: TaskDefinition;
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  readonly serviceConnect?: ServiceConnectOptions;
  readonly alarms?: ServiceAlarmOptions;
}

/** The service settings a pattern decides itself (scaling, load balancer, capacity). */
export type PatternServiceSettings = Omit<ServiceProps, keyof PatternServiceProps> & Pick<ServiceProps, "capacityProviderStrategy">;

/**
 * What the service patterns share: the required props (`name`, `cluster`, `taskDefinition` and the
 * pattern's own), the ECS service as the `Default` child, which cdktf leaves out of Terraform
 * addresses (so a pattern has exactly the addresses of a `Service` with the same id and settings),
 * and its `connections`.
 */
export abstract class ServicePattern extends Construct implements IConnectable {
  /** The ECS service, for what the pattern does not expose (e.g. `service.allowFrom(peer)`). */
  public readonly service: Service;
  public readonly connections: Connections;

  /**
   * @param propsName the props interface's name, for the required-props errors
   * @param required the pattern's own required props, checked with the shared ones
   * @param settings checks the pattern's own props and returns the service settings it decides
   */
  protected constructor(
    scope: Construct,
    id: string,
    propsName: string,
    props: PatternServiceProps,
    required: Record<string, PropKind>,
    settings: (scope: IConstruct) => PatternServiceSettings,
  ) {
    super(scope, id);
    checkRequiredProps(this, propsName, props, {
      name: K.string,
      cluster: K.reference("an ICluster such as a Cluster", "clusterArn", "clusterName", "network"),
      taskDefinition: K.reference("a TaskDefinition", "taskDefinitionArn", "family"),
      ...required,
    });
    const own = settings(this);
    this.service = new Service(this, "Default", {
      name: props.name,
      cluster: props.cluster,
      taskDefinition: props.taskDefinition,
      taskDefinitionChanges: props.taskDefinitionChanges,
      enableExec: props.enableExec,
      capacityProviderStrategy: props.capacityProviderStrategy,
      serviceConnect: props.serviceConnect,
      alarms: props.alarms,
      tags: props.tags,
      ...own,
    });
    this.connections = this.service.connections;
  }
}
