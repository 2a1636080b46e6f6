import { Construct } from "constructs";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import type { ICluster } from "../cluster/types";
import { fail } from "../core/errors";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";
import { checkName, NameRules } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange, checkOneOf } from "../core/validate";
import type { TaskDefinition } from "../task/task-definition";
import { warnCircuitBreakerOff } from "./circuit-breaker-warning";
import type { PropagateTags } from "./service";

/** Properties of an {@link ExternalService}. */
export interface ExternalServiceProps {
  /** Service name, e.g. `acme-dev-edge-agent`. */
  readonly name: string;
  /** The cluster its ECS Anywhere instances are registered with (see `ExternalInstances`). */
  readonly cluster: ICluster;
  /** An `EXTERNAL` task definition (bridge or host networking). */
  readonly taskDefinition: TaskDefinition;
  /** Tasks to run across the registered instances. @default 1 */
  readonly desiredCount?: number;
  /**
   * Running tasks kept during a deployment, as a percent of the desired count, 0 to 100. On fixed
   * on-premises capacity a new task often needs the old one's ports or memory, hence 0 (AWS CDK's
   * default for external services too); raise it when the hosts have room for both.
   * @default 0
   */
  readonly minHealthyPercent?: number;
  /** Tasks allowed during a deployment, as a percent of the desired count, 100 to 200. @default 100 */
  readonly maxPercent?: number;
  /** Stop and roll back a deployment whose tasks keep failing. @default true */
  readonly circuitBreaker?: boolean;
  /** Which tags ECS copies onto tasks. @default "SERVICE" */
  readonly propagateTags?: PropagateTags;
  /** Tags for the service. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * What ECS Anywhere does not offer, by the `Service` prop a user might reach for. An `ExternalService`
 * has none of them, and one given anyway (a JavaScript or JSON config) fails with this reason.
 */
export const EXTERNAL_UNSUPPORTED_OPTIONS: Readonly<Record<string, string>> = {
  loadBalancer: "load balancers cannot target external instances",
  networkLoadBalancer: "load balancers cannot target external instances",
  serviceConnect: "Service Connect is not supported on external instances",
  cloudMapDiscovery: "service discovery is not supported on external instances",
  capacityProviderStrategy: "capacity providers are not supported on external instances (the service uses launch type EXTERNAL)",
  subnetTier: "external instances are not in the VPC (no awsvpc networking)",
  assignPublicIp: "external instances are not in the VPC (no awsvpc networking)",
  ebsVolume: "EBS volumes are not attached to tasks on external instances",
};

/**
 * An ECS service on the cluster's ECS Anywhere (external) instances: launch type `EXTERNAL`, no
 * network configuration, no load balancer, with the deployment circuit breaker and rollback on.
 * Tasks are placed on any registered instance with room; its ports are the host's.
 */
export class ExternalService extends Construct {
  /** Tasks when none is given. */
  public static readonly DEFAULT_DESIRED_COUNT = 1;

  /** The ECS service name. */
  public readonly serviceName: string;
  /** The service ARN (the provider's `id`). */
  public readonly serviceArn: string;
  /** The service resource, for escape hatches. */
  public readonly resource: EcsService;

  constructor(scope: Construct, id: string, props: ExternalServiceProps) {
    super(scope, id);
    checkRequiredProps(this, "ExternalServiceProps", props, {
      name: K.string,
      cluster: K.reference("an ICluster such as a Cluster", "clusterArn", "clusterName"),
      taskDefinition: K.reference("a TaskDefinition", "taskDefinitionArn", "family"),
    });
    const td = props.taskDefinition;
    const desiredCount = props.desiredCount ?? ExternalService.DEFAULT_DESIRED_COUNT;
    const minHealthyPercent = props.minHealthyPercent ?? 0;
    const maxPercent = props.maxPercent ?? 100;
    const circuitBreaker = props.circuitBreaker ?? true;
    const propagateTags = props.propagateTags ?? "SERVICE";

    for (const [option, reason] of Object.entries(EXTERNAL_UNSUPPORTED_OPTIONS)) {
      if ((props as unknown as Record<string, unknown>)[option] !== undefined) {
        fail(this, { code: "EXTERNAL_UNSUPPORTED", property: option, value: "set", allowed: `nothing: ${reason}` });
      }
    }
    checkName(this, "SERVICE_NAME", "name", props.name, NameRules.ecs);
    checkTags(this, "tags", props.tags);
    if (td.compatibility !== "EXTERNAL") {
      fail(this, {
        code: "EXTERNAL_SERVICE_TASK",
        property: "taskDefinition.compatibility",
        value: td.compatibility,
        allowed: '"EXTERNAL" (a FARGATE or EC2 task definition runs in a Service)',
      });
    }
    checkIntegerRange(this, "SERVICE_DESIRED_COUNT", "desiredCount", desiredCount, 0, 5000);
    checkIntegerRange(this, "SERVICE_DEPLOYMENT_PERCENT", "minHealthyPercent", minHealthyPercent, 0, 100, "percent");
    checkIntegerRange(this, "SERVICE_DEPLOYMENT_PERCENT", "maxPercent", maxPercent, 100, 200, "percent");
    if (minHealthyPercent >= maxPercent) {
      fail(this, {
        code: "SERVICE_DEPLOYMENT_NO_ROOM",
        property: "minHealthyPercent",
        value: minHealthyPercent,
        allowed: `less than maxPercent (${maxPercent}), or no task can be replaced`,
      });
    }
    checkOneOf(this, "SERVICE_PROPAGATE_TAGS", "propagateTags", propagateTags, ["SERVICE", "TASK_DEFINITION", "NONE"]);
    if (!circuitBreaker) {
      warnCircuitBreakerOff(this);
    }

    this.resource = new EcsService(this, "Resource", {
      name: props.name,
      cluster: props.cluster.clusterArn,
      taskDefinition: td.taskDefinitionArn,
      desiredCount,
      // Written out so a capacity provider default on the cluster never applies to these tasks.
      launchType: "EXTERNAL",
      deploymentMinimumHealthyPercent: minHealthyPercent,
      deploymentMaximumPercent: maxPercent,
      deploymentCircuitBreaker: { enable: circuitBreaker, rollback: circuitBreaker },
      propagateTags,
      enableEcsManagedTags: true,
      tags: withName(props.name, props.tags),
      // Tasks started before their roles' policies exist fail to pull images or write logs.
      dependsOn: td.rolePermissions,
    });
    this.serviceName = props.name;
    this.serviceArn = this.resource.id;
  }
}
