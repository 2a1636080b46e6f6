import { ITerraformDependable } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { fail, isToken } from "../core/errors";
import { safeName } from "../core/naming";
import { checkIntegerRange, checkMinMax, checkNumberRange } from "../core/validate";
import { parseScheduleExpression } from "../schedule/expression";
import { checkAtNotPast, checkTimeZone } from "../schedule/options";
import { checkStepScaling, renderStepScaling, RenderedStepDirection, StepScalingOptions } from "./step-scaling";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Longest policy, scheduled action and alarm name this module writes (alarms allow 255). */
const MAX_NAME_LENGTH = 255;

/** ECS's limit on tasks per service. */
export const MAX_TASKS_PER_SERVICE = 5000;

/** Target tracking policies: Application Auto Scaling keeps each metric near its target value. */
export interface TargetTrackingOptions {
  /** Keep the service's average CPU near this percent, 1 to 100. @default - no CPU tracking */
  readonly cpuPercent?: number;
  /** Keep the service's average memory near this percent, 1 to 100. @default - no memory tracking */
  readonly memoryPercent?: number;
  /** Keep ALB requests per task per minute near this, 1 to 100000; needs an application load balancer. @default - none */
  readonly requestsPerTarget?: number;
  /** Seconds after a scale-in before another. @default 300 */
  readonly scaleInCooldownSeconds?: number;
  /** Seconds after a scale-out before another. @default 60 */
  readonly scaleOutCooldownSeconds?: number;
  /** Only ever scale out from these policies (scale in by schedule or by hand). @default false */
  readonly disableScaleIn?: boolean;
}

/** A scheduled change of the capacity range, e.g. scale dev to zero at night. */
export interface ScheduledScalingOptions {
  /** `cron(0 20 ? * MON-FRI *)`, `rate(1 day)` or `at(2030-01-01T00:00:00)`. */
  readonly schedule: string;
  /** New minimum task count from the scheduled time, 0 to 5000. @default - unchanged */
  readonly minCapacity?: number;
  /** New maximum task count from the scheduled time, 0 to 5000. @default - unchanged */
  readonly maxCapacity?: number;
  /** IANA time zone the schedule is in. @default "UTC" */
  readonly timezone?: string;
}

/** Auto scaling of a service's desired count between `minCapacity` and `maxCapacity`. */
export interface AutoScalingOptions {
  /** 0 to 5000; 0 lets schedules scale the service to zero. */
  readonly minCapacity: number;
  /** 1 to 5000, at least `minCapacity`. */
  readonly maxCapacity: number;
  /** Target tracking on CPU, memory or ALB requests per task. @default - none */
  readonly targetTracking?: TargetTrackingOptions;
  /** Step scaling policies by key (the key names the policy and alarm). @default {} */
  readonly stepScaling?: Record<string, StepScalingOptions>;
  /** Scheduled actions by key (the key names the action). @default {} */
  readonly scheduled?: Record<string, ScheduledScalingOptions>;
}

/** Properties of {@link ServiceAutoScaling}. */
export interface ServiceAutoScalingProps extends AutoScalingOptions {
  /** Prefix for policy, alarm and action names, e.g. the service name. */
  readonly name: string;
  /** Cluster of the service; part of the scalable target's `service/<cluster>/<service>` resource id. */
  readonly clusterName: string;
  /** The service scaled; part of the scalable target's resource id. */
  readonly serviceName: string;
  /** `<alb arn suffix>/<target group arn suffix>`, for request-count tracking. @default - none */
  readonly albResourceLabel?: string;
  /** Tags for the scalable target and step scaling alarms. @default - none */
  readonly tags?: Record<string, string>;
}

const KEY = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Application Auto Scaling for one ECS service: the scalable target, target tracking on CPU, memory
 * and ALB requests, step scaling with its alarms, and scheduled actions. Policies and actions are
 * created one after another: Application Auto Scaling rejects concurrent changes to one target.
 */
export class ServiceAutoScaling extends Construct {
  /** Seconds between scale-ins: slow, so a brief lull does not drop capacity a returning load needs. */
  public static readonly DEFAULT_SCALE_IN_COOLDOWN_SECONDS = 300;
  /** Seconds between scale-outs: fast, so a rising load gets tasks within minutes. */
  public static readonly DEFAULT_SCALE_OUT_COOLDOWN_SECONDS = 60;

  /** The scalable target (the service's desired count), for escape hatches. */
  public readonly target: AppautoscalingTarget;
  private last: ITerraformDependable;

  constructor(scope: Construct, id: string, props: ServiceAutoScalingProps) {
    super(scope, id);
    checkRequiredProps(this, "ServiceAutoScalingProps", props, {
      name: K.string,
      clusterName: K.string,
      serviceName: K.string,
      minCapacity: K.number,
      maxCapacity: K.number,
    });
    const tracking = props.targetTracking ?? {};
    const scaleInCooldown = tracking.scaleInCooldownSeconds ?? ServiceAutoScaling.DEFAULT_SCALE_IN_COOLDOWN_SECONDS;
    const scaleOutCooldown = tracking.scaleOutCooldownSeconds ?? ServiceAutoScaling.DEFAULT_SCALE_OUT_COOLDOWN_SECONDS;
    const stepScaling = props.stepScaling ?? {};
    const scheduled = props.scheduled ?? {};
    checkAutoScaling(this, "autoScaling", props, props.albResourceLabel !== undefined);

    const resourceId = `service/${props.clusterName}/${props.serviceName}`;
    const dimension = { resourceId, scalableDimension: "ecs:service:DesiredCount", serviceNamespace: "ecs" };
    // No role: Application Auto Scaling uses its ECS service-linked role.
    this.target = new AppautoscalingTarget(this, "Target", {
      ...dimension,
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
      tags: props.tags,
    });
    this.last = this.target;

    const predefined: Array<[string, string, number | undefined, string | undefined]> = [
      ["Cpu", "ECSServiceAverageCPUUtilization", tracking.cpuPercent, undefined],
      ["Memory", "ECSServiceAverageMemoryUtilization", tracking.memoryPercent, undefined],
      ["Requests", "ALBRequestCountPerTarget", tracking.requestsPerTarget, props.albResourceLabel],
    ];
    for (const [idPrefix, metricType, targetValue, resourceLabel] of predefined) {
      if (targetValue === undefined) continue;
      this.chain(
        new AppautoscalingPolicy(this, `${idPrefix}Tracking`, {
          ...dimension,
          name: safeName(`${props.name}-${idPrefix.toLowerCase()}-tracking`, MAX_NAME_LENGTH),
          policyType: "TargetTrackingScaling",
          targetTrackingScalingPolicyConfiguration: {
            targetValue,
            scaleInCooldown,
            scaleOutCooldown,
            disableScaleIn: tracking.disableScaleIn ?? false,
            predefinedMetricSpecification: { predefinedMetricType: metricType, resourceLabel },
          },
          dependsOn: [this.last],
        }),
      );
    }

    for (const [key, options] of Object.entries(stepScaling)) {
      const group = new Construct(this, key);
      const rendered = renderStepScaling(options);
      if (rendered.scaleOut)
        this.addStepPolicy(
          group,
          "ScaleOut",
          safeName(`${props.name}-${key}-out`, MAX_NAME_LENGTH),
          dimension,
          options,
          rendered.scaleOut,
          props.tags,
        );
      if (rendered.scaleIn)
        this.addStepPolicy(
          group,
          "ScaleIn",
          safeName(`${props.name}-${key}-in`, MAX_NAME_LENGTH),
          dimension,
          options,
          rendered.scaleIn,
          props.tags,
        );
    }

    for (const [key, action] of Object.entries(scheduled)) {
      this.chain(
        new AppautoscalingScheduledAction(this, key, {
          ...dimension,
          name: safeName(`${props.name}-${key}`, MAX_NAME_LENGTH),
          schedule: action.schedule,
          timezone: action.timezone ?? "UTC",
          scalableTargetAction: {
            minCapacity: action.minCapacity === undefined ? undefined : String(action.minCapacity),
            maxCapacity: action.maxCapacity === undefined ? undefined : String(action.maxCapacity),
          },
          dependsOn: [this.last],
        }),
      );
    }
  }

  private addStepPolicy(
    group: Construct,
    direction: "ScaleOut" | "ScaleIn",
    name: string,
    dimension: { resourceId: string; scalableDimension: string; serviceNamespace: string },
    options: StepScalingOptions,
    rendered: RenderedStepDirection,
    tags: Record<string, string> | undefined,
  ): void {
    const policy = new AppautoscalingPolicy(group, `${direction}Policy`, {
      ...dimension,
      name,
      policyType: "StepScaling",
      stepScalingPolicyConfiguration: {
        adjustmentType: options.adjustmentType ?? "ChangeInCapacity",
        cooldown: options.cooldownSeconds ?? 60,
        // The alarm evaluates the statistic already; each breach is one data point.
        metricAggregationType: "Average",
        stepAdjustment: rendered.adjustments.map((a) => ({
          metricIntervalLowerBound: a.lowerBound === undefined ? undefined : String(a.lowerBound),
          metricIntervalUpperBound: a.upperBound === undefined ? undefined : String(a.upperBound),
          scalingAdjustment: a.change,
        })),
      },
      dependsOn: [this.last],
    });
    this.chain(policy);
    new CloudwatchMetricAlarm(group, `${direction}Alarm`, {
      alarmName: name,
      alarmDescription: `${direction === "ScaleOut" ? "Adds" : "Removes"} tasks of ${dimension.resourceId} on ${options.metric.metricName}`,
      namespace: options.metric.namespace,
      metricName: options.metric.metricName,
      dimensions: options.metric.dimensions,
      statistic: options.metric.statistic ?? "Average",
      period: options.metric.periodSeconds ?? 60,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      threshold: rendered.threshold,
      comparisonOperator: rendered.comparisonOperator,
      // No data (an idle queue's metric can be missing) must not block scaling in.
      treatMissingData: direction === "ScaleIn" ? "breaching" : "notBreaching",
      alarmActions: [policy.arn],
      tags,
    });
  }

  private chain(resource: ITerraformDependable): void {
    this.last = resource;
  }
}

/** Checks capacity bounds, target values, step policies and schedules. */
export function checkAutoScaling(scope: IConstruct, property: string, options: AutoScalingOptions, hasAlb: boolean): void {
  checkIntegerRange(scope, "AUTOSCALING_MIN", `${property}.minCapacity`, options.minCapacity, 0, MAX_TASKS_PER_SERVICE);
  checkIntegerRange(scope, "AUTOSCALING_MAX", `${property}.maxCapacity`, options.maxCapacity, 1, MAX_TASKS_PER_SERVICE);
  checkMinMax(
    scope,
    "AUTOSCALING_MIN_ABOVE_MAX",
    `${property}.minCapacity`,
    options.minCapacity,
    `${property}.maxCapacity`,
    options.maxCapacity,
  );
  const tracking = options.targetTracking;
  if (tracking) {
    checkNumberRange(scope, "AUTOSCALING_TARGET_VALUE", `${property}.targetTracking.cpuPercent`, tracking.cpuPercent, 1, 100);
    checkNumberRange(scope, "AUTOSCALING_TARGET_VALUE", `${property}.targetTracking.memoryPercent`, tracking.memoryPercent, 1, 100);
    checkIntegerRange(
      scope,
      "AUTOSCALING_TARGET_VALUE",
      `${property}.targetTracking.requestsPerTarget`,
      tracking.requestsPerTarget,
      1,
      100000,
    );
    checkIntegerRange(
      scope,
      "AUTOSCALING_COOLDOWN",
      `${property}.targetTracking.scaleInCooldownSeconds`,
      tracking.scaleInCooldownSeconds,
      0,
      3600,
      "seconds",
    );
    checkIntegerRange(
      scope,
      "AUTOSCALING_COOLDOWN",
      `${property}.targetTracking.scaleOutCooldownSeconds`,
      tracking.scaleOutCooldownSeconds,
      0,
      3600,
      "seconds",
    );
    if (tracking.requestsPerTarget !== undefined && !hasAlb) {
      fail(scope, {
        code: "AUTOSCALING_REQUESTS_NEED_ALB",
        property: `${property}.targetTracking.requestsPerTarget`,
        value: tracking.requestsPerTarget,
        allowed: "requestsPerTarget only on a service behind an application load balancer (loadBalancer)",
      });
    }
  }
  for (const [key, step] of Object.entries(options.stepScaling ?? {})) {
    checkKey(scope, `${property}.stepScaling`, key);
    checkStepScaling(scope, `${property}.stepScaling.${key}`, step);
  }
  for (const [key, action] of Object.entries(options.scheduled ?? {})) {
    const at = `${property}.scheduled.${key}`;
    checkKey(scope, `${property}.scheduled`, key);
    // The same parser as scheduled tasks: Application Auto Scaling takes the same cron/rate/at grammar.
    if (!isToken(action.schedule)) {
      const parsed = parseScheduleExpression(action.schedule);
      if (!parsed.ok)
        fail(scope, { code: "AUTOSCALING_SCHEDULE", property: `${at}.schedule`, value: action.schedule, allowed: parsed.problem.allowed });
      checkAtNotPast(scope, "AUTOSCALING_SCHEDULE_PAST", `${at}.schedule`, action.schedule);
    }
    checkTimeZone(scope, `${at}.timezone`, action.timezone);
    if (action.minCapacity === undefined && action.maxCapacity === undefined) {
      fail(scope, { code: "AUTOSCALING_SCHEDULE_EMPTY", property: at, value: action, allowed: "minCapacity, maxCapacity or both" });
    }
    checkIntegerRange(scope, "AUTOSCALING_MIN", `${at}.minCapacity`, action.minCapacity, 0, MAX_TASKS_PER_SERVICE);
    checkIntegerRange(scope, "AUTOSCALING_MAX", `${at}.maxCapacity`, action.maxCapacity, 0, MAX_TASKS_PER_SERVICE);
    checkMinMax(scope, "AUTOSCALING_MIN_ABOVE_MAX", `${at}.minCapacity`, action.minCapacity, `${at}.maxCapacity`, action.maxCapacity);
  }
}

function checkKey(scope: IConstruct, property: string, key: string): void {
  if (!KEY.test(key))
    fail(scope, { code: "AUTOSCALING_KEY", property, value: key, allowed: "a key of 1 to 64 letters, digits and hyphens" });
}
