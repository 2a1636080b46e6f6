import type { Construct } from "constructs";
import type { CapacityProviderStrategyItem } from "../cluster/types";
import { fail, isToken } from "../core/errors";
import { PropKinds as K } from "../core/required-props";
import { checkIntegerRange, checkMinMax, checkNumberRange } from "../core/validate";
import type { ServiceAlarmOptions } from "../service/alarms";
import type { ScheduledScalingOptions } from "../service/autoscaling";
import type { ApplicationLoadBalancerTarget } from "../service/load-balancing";
import type { ServiceConnectOptions } from "../service/service-connect";
import type { TaskDefinition } from "../task/task-definition";
import { ServicePattern, type ServicePatternOptions } from "./service-pattern";

/** When a service stops every task and when it starts again (e.g. a dev environment at night). */
export interface ScaleToZeroSchedule {
  /** When the service scales to zero, e.g. `cron(0 20 ? * MON-FRI *)`. */
  readonly stopSchedule: string;
  /** When it returns to its normal range, e.g. `cron(0 7 ? * MON-FRI *)`. */
  readonly startSchedule: string;
  /** IANA time zone both schedules are in. @default "UTC" */
  readonly timezone?: string;
}

/** Properties of a {@link LoadBalancedWebService}. */
export interface LoadBalancedWebServiceProps extends ServicePatternOptions {
  /** Service name, e.g. `acme-dev-web`; also names its security group, target group, alarms and policies. */
  readonly name: string;
  /** An `awsvpc` task definition whose container maps the port the load balancer sends traffic to. */
  readonly taskDefinition: TaskDefinition;
  /** The listener rule (listener, priority, host and path conditions) and the target group's health check. */
  readonly loadBalancer: ApplicationLoadBalancerTarget;
  /** Fewest tasks while running, 1 to 5000. @default 2 (one per AZ survives an AZ loss) */
  readonly minCapacity?: number;
  /** Most tasks, at least `minCapacity`. @default 4 */
  readonly maxCapacity?: number;
  /** Average CPU the service is kept near by target tracking, 1 to 100 percent. @default 60 */
  readonly cpuTargetPercent?: number;
  /** ALB requests per task per minute kept near this by a second tracking policy. @default - no request tracking */
  readonly requestsPerTarget?: number;
  /** Stop every task on one schedule and start again on another. @default - always running */
  readonly scaleToZero?: ScaleToZeroSchedule;
  /** Service Connect, so other services reach this one by name. @default - off */
  readonly serviceConnect?: ServiceConnectOptions;
  /** Capacity providers and weights. @default - the cluster's default strategy */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /** The service's CloudWatch alarms. @default - the service module's alarms (CPU, memory, task count, 5xx, unhealthy targets) */
  readonly alarms?: ServiceAlarmOptions;
}

/**
 * A web service behind an application load balancer listener: a target group with a health check
 * and a listener rule, the service's security group open to the load balancer only, target
 * tracking on CPU (and optionally requests), and an optional scale-to-zero schedule.
 *
 * The service is this construct's `Default` child, which cdktf leaves out of Terraform addresses,
 * and its listener rule is named after this construct: `new LoadBalancedWebService(stack, "Web", ...)`
 * has exactly the addresses of `new Service(stack, "Web", ...)` with the same settings.
 */
export class LoadBalancedWebService extends ServicePattern {
  /** Two tasks, so one can fail or be replaced while the other serves. */
  public static readonly DEFAULT_MIN_CAPACITY = 2;
  /** Room to double the minimum under load. */
  public static readonly DEFAULT_MAX_CAPACITY = 4;
  /** CPU target: headroom for a burst while new tasks start (they take a minute or two). */
  public static readonly DEFAULT_CPU_TARGET_PERCENT = 60;
  /** The id of the scheduled action that scales to zero (part of its Terraform address). */
  public static readonly STOP_ACTION_ID = "evening";
  /** The id of the scheduled action that restores the range (part of its Terraform address). */
  public static readonly START_ACTION_ID = "morning";

  constructor(scope: Construct, id: string, props: LoadBalancedWebServiceProps) {
    const loadBalancerKind = K.object("an ApplicationLoadBalancerTarget", {
      listener: K.reference("an ApplicationListener", "listenerArn"),
    });
    super(scope, id, "LoadBalancedWebServiceProps", props, { loadBalancer: loadBalancerKind }, (self) => {
      const minCapacity = props.minCapacity ?? LoadBalancedWebService.DEFAULT_MIN_CAPACITY;
      const maxCapacity = props.maxCapacity ?? LoadBalancedWebService.DEFAULT_MAX_CAPACITY;
      const cpuPercent = props.cpuTargetPercent ?? LoadBalancedWebService.DEFAULT_CPU_TARGET_PERCENT;
      checkIntegerRange(self, "WEB_SERVICE_MAX_CAPACITY", "maxCapacity", maxCapacity, 1, 5000);
      checkMinMax(self, "WEB_SERVICE_MIN_ABOVE_MAX", "minCapacity", minCapacity, "maxCapacity", maxCapacity);
      checkNumberRange(self, "WEB_SERVICE_CPU_TARGET", "cpuTargetPercent", cpuPercent, 1, 100);
      if (!isToken(minCapacity) && minCapacity < 1) {
        fail(self, {
          code: "WEB_SERVICE_MIN_CAPACITY",
          property: "minCapacity",
          value: minCapacity,
          allowed: "at least 1 (target tracking cannot start a service from zero; use scaleToZero for scheduled zero)",
        });
      }
      return {
        loadBalancer: props.loadBalancer,
        autoScaling: {
          minCapacity,
          maxCapacity,
          targetTracking: { cpuPercent, requestsPerTarget: props.requestsPerTarget },
          scheduled: props.scaleToZero ? scaleToZeroActions(props.scaleToZero, minCapacity, maxCapacity) : undefined,
        },
      };
    });
  }
}

/** The two scheduled actions: to zero on `stopSchedule`, back to the range on `startSchedule`. */
function scaleToZeroActions(
  schedule: ScaleToZeroSchedule,
  minCapacity: number,
  maxCapacity: number,
): Record<string, ScheduledScalingOptions> {
  return {
    [LoadBalancedWebService.STOP_ACTION_ID]: {
      schedule: schedule.stopSchedule,
      minCapacity: 0,
      maxCapacity: 0,
      timezone: schedule.timezone,
    },
    [LoadBalancedWebService.START_ACTION_ID]: { schedule: schedule.startSchedule, minCapacity, maxCapacity, timezone: schedule.timezone },
  };
}
