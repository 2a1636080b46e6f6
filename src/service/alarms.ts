import { Construct, IConstruct } from "constructs";
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { checkArn } from "../core/arn";
import { safeName } from "../core/naming";
import { checkIntegerRange, checkNumberRange } from "../core/validate";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Thresholds and notification of a service's CloudWatch alarms. */
export interface ServiceAlarmOptions {
  /** Create the alarms. Turning them off is an explicit opt-out. @default true */
  readonly enabled?: boolean;
  /** SNS topic notified on alarm and on recovery. @default - no notification (alarms only change state) */
  readonly topicArn?: string;
  /** Average CPU above this percent alarms. @default 80 */
  readonly cpuPercent?: number;
  /** Average memory above this percent alarms. @default 80 */
  readonly memoryPercent?: number;
  /** Target 5xx responses per minute above this alarm (load balanced services only). @default 10 */
  readonly http5xxPerMinute?: number;
  /** Minutes a condition must hold before alarming, 1 to 60. @default 5 */
  readonly evaluationMinutes?: number;
}

/** The target group metrics come from, when the service is load balanced. */
export interface AlarmLoadBalancer {
  /** ALB (`AWS/ApplicationELB`, with 5xx alarm) or NLB (`AWS/NetworkELB`) metrics. */
  readonly kind: "application" | "network";
  /** The load balancer's ARN suffix (`app/<name>/<id>`), the `LoadBalancer` metric dimension. */
  readonly loadBalancerArnSuffix: string;
  /** The target group's ARN suffix (`targetgroup/<name>/<id>`), the `TargetGroup` metric dimension. */
  readonly targetGroupArnSuffix: string;
}

/** Properties of {@link ServiceAlarms}. */
export interface ServiceAlarmsProps extends ServiceAlarmOptions {
  /** Alarm name prefix, e.g. the service name. */
  readonly name: string;
  /** The `ClusterName` dimension of the `AWS/ECS` and Container Insights metrics. */
  readonly clusterName: string;
  /** The `ServiceName` dimension of the `AWS/ECS` and Container Insights metrics. */
  readonly serviceName: string;
  /** The target group to alarm on for unhealthy targets (and 5xx on an ALB). @default - no load balancer alarms */
  readonly loadBalancer?: AlarmLoadBalancer;
  /** Tags for every alarm. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * CloudWatch alarms for one service: CPU and memory high, fewer running tasks than desired (from
 * Container Insights), and for load balanced services target 5xx and unhealthy targets.
 */
export class ServiceAlarms extends Construct {
  /** Average CPU percent that alarms: leaves headroom for a spike before tasks are starved. */
  public static readonly DEFAULT_CPU_PERCENT = 80;
  /** Average memory percent that alarms: warns before tasks are killed at their memory limit. */
  public static readonly DEFAULT_MEMORY_PERCENT = 80;
  /** Target 5xx responses per minute that alarm: above background noise, below an outage. */
  public static readonly DEFAULT_HTTP_5XX_PER_MINUTE = 10;
  /** Minutes a condition must hold: long enough to ride out a deployment's blip. */
  public static readonly DEFAULT_EVALUATION_MINUTES = 5;

  /** Names of every alarm created (for deployment rollback). */
  public readonly alarmNames: string[] = [];
  /** ARNs of every alarm created, in the order of {@link alarmNames}. */
  public get alarmArns(): string[] {
    // Read on demand: each attribute read is a new token with its own stack trace, and most
    // services never read the ARNs (only a blue/green deployment does).
    this.arns ??= this.alarms.map((alarm) => alarm.arn);
    return this.arns;
  }
  private readonly alarms: CloudwatchMetricAlarm[] = [];
  private arns?: string[];
  /**
   * The alarms that say a release is broken (5xx, unhealthy targets, tasks below desired), which roll
   * back a rolling deployment; CPU and memory alarms say the service is busy, not broken.
   */
  public readonly deploymentAlarmNames: string[] = [];
  /** The resources of {@link deploymentAlarmNames}, which a service that rolls back on them depends on. */
  public readonly deploymentAlarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    checkRequiredProps(this, "ServiceAlarmsProps", props, { name: K.string, clusterName: K.string, serviceName: K.string });
    const cpuPercent = props.cpuPercent ?? ServiceAlarms.DEFAULT_CPU_PERCENT;
    const memoryPercent = props.memoryPercent ?? ServiceAlarms.DEFAULT_MEMORY_PERCENT;
    const http5xx = props.http5xxPerMinute ?? ServiceAlarms.DEFAULT_HTTP_5XX_PER_MINUTE;
    const minutes = props.evaluationMinutes ?? ServiceAlarms.DEFAULT_EVALUATION_MINUTES;
    checkServiceAlarms(this, "alarms", props);

    const actions = props.topicArn === undefined ? {} : { alarmActions: [props.topicArn], okActions: [props.topicArn] };
    const common = { evaluationPeriods: minutes, period: 60, ...actions, tags: props.tags };
    const ecs = { namespace: "AWS/ECS", dimensions: { ClusterName: props.clusterName, ServiceName: props.serviceName } };
    const subject = `${props.clusterName}/${props.serviceName}`;

    this.add("CpuHigh", false, {
      ...common,
      ...ecs,
      alarmName: `${props.name}-cpu-high`,
      alarmDescription: `Average CPU of ${subject} above ${cpuPercent}% for ${minutes} minutes`,
      metricName: "CPUUtilization",
      statistic: "Average",
      threshold: cpuPercent,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "missing",
    });
    this.add("MemoryHigh", false, {
      ...common,
      ...ecs,
      alarmName: `${props.name}-memory-high`,
      alarmDescription: `Average memory of ${subject} above ${memoryPercent}% for ${minutes} minutes`,
      metricName: "MemoryUtilization",
      statistic: "Average",
      threshold: memoryPercent,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "missing",
    });
    // Container Insights publishes both counts; the alarm fires while desired - running stays above 0.
    const insights = (id: string, metricName: string) => ({
      id,
      metric: { namespace: "ECS/ContainerInsights", metricName, dimensions: ecs.dimensions, period: 60, stat: "Average" },
    });
    this.add("TasksBelowDesired", true, {
      ...common,
      alarmName: `${props.name}-tasks-below-desired`,
      alarmDescription: `${subject} runs fewer tasks than desired for ${minutes} minutes (needs Container Insights)`,
      metricQuery: [
        insights("running", "RunningTaskCount"),
        insights("desired", "DesiredTaskCount"),
        { id: "missing", expression: "desired - running", label: "Tasks missing", returnData: true },
      ],
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: minutes,
      period: undefined,
      treatMissingData: "missing",
    });

    const lb = props.loadBalancer;
    if (lb) {
      const namespace = lb.kind === "application" ? "AWS/ApplicationELB" : "AWS/NetworkELB";
      const dimensions = { LoadBalancer: lb.loadBalancerArnSuffix, TargetGroup: lb.targetGroupArnSuffix };
      this.add("UnhealthyTargets", true, {
        ...common,
        alarmName: `${props.name}-unhealthy-targets`,
        alarmDescription: `${subject} has unhealthy load balancer targets for ${minutes} minutes`,
        namespace,
        dimensions,
        metricName: "UnHealthyHostCount",
        statistic: "Maximum",
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
      });
      if (lb.kind === "application") {
        this.add("Http5xx", true, {
          ...common,
          alarmName: `${props.name}-5xx`,
          alarmDescription: `${subject} answers more than ${http5xx} 5xx responses a minute for ${minutes} minutes`,
          namespace,
          dimensions,
          metricName: "HTTPCode_Target_5XX_Count",
          statistic: "Sum",
          threshold: http5xx,
          comparisonOperator: "GreaterThanThreshold",
          // No requests means no 5xx, not an unknown state.
          treatMissingData: "notBreaching",
        });
      }
    }
  }

  private add(id: string, rollsBackDeployments: boolean, config: CloudwatchMetricAlarmConfig): void {
    // Alarm names are limited to 255 characters; long service names are shortened with a hash.
    const alarmName = safeName(config.alarmName, 255);
    const alarm = new CloudwatchMetricAlarm(this, id, { ...config, alarmName });
    this.alarmNames.push(alarmName);
    this.alarms.push(alarm);
    this.arns = undefined;
    if (rollsBackDeployments) {
      this.deploymentAlarmNames.push(alarmName);
      this.deploymentAlarms.push(alarm);
    }
  }
}

/** Checks thresholds, the evaluation window and the topic ARN. */
export function checkServiceAlarms(scope: IConstruct, property: string, options: ServiceAlarmOptions): void {
  checkNumberRange(scope, "ALARM_THRESHOLD", `${property}.cpuPercent`, options.cpuPercent, 1, 100);
  checkNumberRange(scope, "ALARM_THRESHOLD", `${property}.memoryPercent`, options.memoryPercent, 1, 100);
  checkIntegerRange(scope, "ALARM_THRESHOLD", `${property}.http5xxPerMinute`, options.http5xxPerMinute, 0, 1000000);
  checkIntegerRange(scope, "ALARM_EVALUATION", `${property}.evaluationMinutes`, options.evaluationMinutes, 1, 60, "minutes");
  checkArn(scope, "ALARM_TOPIC_ARN", `${property}.topicArn`, options.topicArn, "snsTopic");
}
