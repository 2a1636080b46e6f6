/**
 * Pure renderers: which events an on-call engineer needs, as EventBridge event patterns, and input
 * transformers that turn each event into one readable line. Values may be cdktf tokens (ARNs).
 */

/** Which events of a set of services a rule matches. */
export type ServiceScope =
  /** Every service of these clusters (by cluster ARN). */
  | { readonly kind: "clusters"; readonly clusterArns: readonly string[] }
  /** Only these services: their ARNs, names and the ARNs of their clusters. */
  | {
      readonly kind: "services";
      readonly serviceArns: readonly string[];
      readonly serviceNames: readonly string[];
      readonly clusterArns: readonly string[];
    };

/** An EventBridge input transformer: values picked from the event, and the message they fill in. */
export interface MessageTemplate {
  readonly inputPaths: Record<string, string>;
  /** A JSON string literal, so SNS delivers plain text. */
  readonly inputTemplate: string;
}

/** How EventBridge compares a value: exact strings, or a prefix. */
type Matcher = string | { readonly prefix: string };

function serviceResources(scope: ServiceScope, servicePrefixes: readonly string[]): Matcher[] {
  return scope.kind === "services" ? [...scope.serviceArns] : servicePrefixes.map((prefix) => ({ prefix }));
}

/** `ECS Deployment State Change`: deployments that failed, and circuit breaker rollbacks starting. */
export function deploymentFailurePattern(scope: ServiceScope, servicePrefixes: readonly string[]): object {
  return {
    source: ["aws.ecs"],
    "detail-type": ["ECS Deployment State Change"],
    resources: serviceResources(scope, servicePrefixes),
    detail: {
      $or: [
        { eventName: ["SERVICE_DEPLOYMENT_FAILED"] },
        // A rollback is an IN_PROGRESS event whose reason names the circuit breaker rolling back.
        { eventName: ["SERVICE_DEPLOYMENT_IN_PROGRESS"], reason: [{ prefix: "ECS deployment circuit breaker: rolling back" }] },
      ],
    },
  };
}

/** `ECS Service Action` warnings and errors: tasks that cannot be placed, capacity unavailable, throttling, impaired starts. */
export function serviceActionPattern(scope: ServiceScope, servicePrefixes: readonly string[]): object {
  return {
    source: ["aws.ecs"],
    "detail-type": ["ECS Service Action"],
    resources: serviceResources(scope, servicePrefixes),
    detail: { eventType: ["WARN", "ERROR"] },
  };
}

/** `ECS Task State Change` of service tasks stopped by failing health checks, failing to start, or an essential container exiting non-zero. */
export function taskFailurePattern(scope: ServiceScope): object {
  const group: Matcher[] = scope.kind === "services" ? scope.serviceNames.map((name) => `service:${name}`) : [{ prefix: "service:" }];
  return {
    source: ["aws.ecs"],
    "detail-type": ["ECS Task State Change"],
    detail: {
      clusterArn: [...scope.clusterArns],
      group,
      lastStatus: ["STOPPED"],
      $or: [
        { stopCode: ["TaskFailedToStart"] },
        { stoppedReason: [{ prefix: "Task failed ELB health checks" }, { prefix: "Task failed container health checks" }] },
        { stoppedReason: [{ prefix: "Essential container in task exited" }], containers: { exitCode: [{ "anything-but": 0 }] } },
      ],
    },
  };
}

/** `Batch Job State Change` to `FAILED` on these job queues. */
export function batchFailurePattern(jobQueueArns: readonly string[]): object {
  return {
    source: ["aws.batch"],
    "detail-type": ["Batch Job State Change"],
    detail: { status: ["FAILED"], jobQueue: [...jobQueueArns] },
  };
}

/** `CloudWatch Alarm State Change` of these alarms into ALARM, and (with `recoveries`) from ALARM back to OK. */
export function alarmPattern(alarmNames: readonly string[], recoveries: boolean): object {
  const alarm = { state: { value: ["ALARM"] } };
  return {
    source: ["aws.cloudwatch"],
    "detail-type": ["CloudWatch Alarm State Change"],
    detail: {
      alarmName: [...alarmNames],
      ...(recoveries ? { $or: [alarm, { state: { value: ["OK"] }, previousState: { value: ["ALARM"] } }] } : alarm),
    },
  };
}

/** A JSON string literal message (SNS then delivers plain text) with `<name>` placeholders. */
function message(text: string, inputPaths: Record<string, string>): MessageTemplate {
  return { inputPaths: { time: "$.time", account: "$.account", region: "$.region", ...inputPaths }, inputTemplate: JSON.stringify(text) };
}

/** The readable line each kind of event becomes. */
export const MESSAGES = {
  deployment: message("[<account>/<region>] ECS deployment <event> for <service> at <time>: <reason>", {
    event: "$.detail.eventName",
    service: "$.resources[0]",
    reason: "$.detail.reason",
  }),
  serviceAction: message("[<account>/<region>] ECS <severity> <event> on <service> at <time>: <reason>", {
    severity: "$.detail.eventType",
    event: "$.detail.eventName",
    service: "$.resources[0]",
    reason: "$.detail.reason",
  }),
  task: message("[<account>/<region>] ECS task of <group> stopped at <time> (<code>): <reason>. Task <task>", {
    group: "$.detail.group",
    code: "$.detail.stopCode",
    reason: "$.detail.stoppedReason",
    task: "$.detail.taskArn",
  }),
  batch: message("[<account>/<region>] Batch job <job> (<jobId>) failed at <time>: <reason>. Queue <queue>", {
    job: "$.detail.jobName",
    jobId: "$.detail.jobId",
    reason: "$.detail.statusReason",
    queue: "$.detail.jobQueue",
  }),
  alarm: message("[<account>/<region>] CloudWatch alarm <alarm> is <state> at <time>: <reason>", {
    alarm: "$.detail.alarmName",
    state: "$.detail.state.value",
    reason: "$.detail.state.reason",
  }),
} as const satisfies Record<string, MessageTemplate>;

/**
 * EventBridge's default limit on an event pattern, in characters (adjustable to 4096 by a quota
 * request). The pattern length is estimated at synth with every unresolved token counted as
 * {@link TOKEN_LENGTH_ESTIMATE} characters, the length of a long ECS ARN.
 */
export const EVENT_PATTERN_MAX_LENGTH = 2048;
/** Characters an unresolved ARN token is assumed to take in a pattern. */
export const TOKEN_LENGTH_ESTIMATE = 120;

/** The pattern's length once tokens resolve, estimated as described at {@link EVENT_PATTERN_MAX_LENGTH}. */
export function estimatedPatternLength(pattern: object): number {
  return JSON.stringify(pattern).replace(/\$\{TfToken\[[^\]]*\]\}/g, "x".repeat(TOKEN_LENGTH_ESTIMATE)).length;
}
