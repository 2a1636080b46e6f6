import { Fn } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import type { ICluster } from "../cluster/types";
import type { JobQueue } from "../batch/job-queue";
import { fail } from "../core/errors";
import { checkName, NameRule, safeName } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import type { Service } from "../service/service";
import {
  alarmPattern,
  batchFailurePattern,
  deploymentFailurePattern,
  estimatedPatternLength,
  EVENT_PATTERN_MAX_LENGTH,
  MESSAGES,
  MessageTemplate,
  ServiceScope,
  serviceActionPattern,
  taskFailurePattern,
} from "./patterns";
import type { INotificationTopic } from "./topic";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Which kinds of events are sent; each is on unless turned off. */
export interface NotificationEvents {
  /** Failed deployments and circuit breaker rollbacks (`ECS Deployment State Change`). @default true */
  readonly deployments?: boolean;
  /** Service warnings and errors such as tasks that cannot be placed (`ECS Service Action`). @default true */
  readonly serviceActions?: boolean;
  /** Service tasks stopped by failing health checks, failing to start, or an essential container exiting non-zero (`ECS Task State Change`). @default true */
  readonly taskFailures?: boolean;
  /** Failed Batch jobs on the `jobQueues` (`Batch Job State Change`). @default true */
  readonly batchJobFailures?: boolean;
  /** The services' CloudWatch alarms (and `alarmNames`) going into ALARM (`CloudWatch Alarm State Change`). @default true */
  readonly alarms?: boolean;
  /** Also send an alarm's return from ALARM to OK. @default true */
  readonly alarmRecoveries?: boolean;
}

/** Props of {@link OperationalNotifications}. */
export interface OperationalNotificationsProps {
  /** Prefix of the rule names, e.g. `acme-dev`; rules are `<name>-<kind>` (shortened with a hash past 64 characters). */
  readonly name: string;
  /** Where the messages go: a {@link NotificationTopic} or `NotificationTopic.fromTopicArn(...)`. */
  readonly topic: INotificationTopic;
  /** Send the events of every service of these clusters. Give `clusters` or `services`, not both. @default - none */
  readonly clusters?: readonly ICluster[];
  /** Send the events of these services only (a team's own services). Give `clusters` or `services`, not both. @default - none */
  readonly services?: readonly Service[];
  /** Send failed jobs of these Batch job queues. @default - none */
  readonly jobQueues?: readonly JobQueue[];
  /** More CloudWatch alarms to send, by name, besides the `services`' own alarms. @default - none */
  readonly alarmNames?: readonly string[];
  /** Which kinds of events to send. @default - all */
  readonly events?: NotificationEvents;
  /** Tags for the rules. @default - none */
  readonly tags?: Record<string, string>;
}

/** EventBridge rule names. */
const RULE_NAME: NameRule = { maxLength: 64, pattern: /^[.\-_A-Za-z0-9]+$/, describe: "letters, digits and ._-" };
const NAME_PREFIX: NameRule = { maxLength: 40, pattern: /^[.\-_A-Za-z0-9]+$/, describe: "letters, digits and ._-" };

/**
 * EventBridge rules that send what an on-call engineer needs to an SNS topic, one readable line per
 * event: failed deployments and rollbacks, service actions (placement failures, capacity
 * unavailable), service tasks stopped by health checks or failing essential containers, failed
 * Batch jobs, and the services' CloudWatch alarms. Filtered to the given clusters or services, so a
 * team gets its own events only.
 */
export class OperationalNotifications extends Construct {
  /** The rules created, by kind (`deployments`, `serviceActions`, `taskFailures`, `batchJobFailures`, `alarms`). */
  public readonly rules: Readonly<Record<string, CloudwatchEventRule>>;

  constructor(scope: Construct, id: string, props: OperationalNotificationsProps) {
    super(scope, id);
    checkRequiredProps(this, "OperationalNotificationsProps", props, {
      name: K.string,
      topic: K.reference("an INotificationTopic such as a NotificationTopic", "topicArn"),
    });
    checkName(this, "NOTIFY_NAME", "name", props.name, NAME_PREFIX);
    checkTags(this, "tags", props.tags);
    const events = props.events ?? {};
    const clusters = props.clusters ?? [];
    const services = props.services ?? [];
    const jobQueues = props.jobQueues ?? [];
    if (clusters.length > 0 && services.length > 0) {
      fail(this, {
        code: "NOTIFY_SCOPE",
        property: "services",
        value: services.map((s) => s.serviceName),
        allowed: "either clusters (all their services) or services (only those), not both",
      });
    }
    const alarmNames = [...services.flatMap((s) => s.alarms?.alarmNames ?? []), ...(props.alarmNames ?? [])];
    if (clusters.length === 0 && services.length === 0 && jobQueues.length === 0 && alarmNames.length === 0) {
      fail(this, {
        code: "NOTIFY_NOTHING",
        property: "clusters",
        value: [],
        allowed: "at least one of clusters, services, jobQueues or alarmNames to watch",
      });
    }

    const rules: Record<string, CloudwatchEventRule> = {};
    const add = (kind: string, id: string, description: string, pattern: object, template: MessageTemplate) => {
      rules[kind] = this.rule(id, `${props.name}-${kebab(kind)}`, description, pattern, template, props);
    };
    const serviceScope = scopeOf(clusters, services);
    if (serviceScope) {
      // `arn:...:cluster/<name>` → `arn:...:service/<name>/`: the prefix of every service ARN of the cluster.
      const prefixes = clusters.map((c) => `${Fn.replace(c.clusterArn, ":cluster/", ":service/")}/`);
      const whose = serviceScope.kind === "services" ? "the listed services" : "every service of the listed clusters";
      if (events.deployments ?? true) {
        add(
          "deployments",
          "Deployments",
          `Failed deployments and rollbacks of ${whose}`,
          deploymentFailurePattern(serviceScope, prefixes),
          MESSAGES.deployment,
        );
      }
      if (events.serviceActions ?? true) {
        add(
          "serviceActions",
          "ServiceActions",
          `Warnings and errors of ${whose}`,
          serviceActionPattern(serviceScope, prefixes),
          MESSAGES.serviceAction,
        );
      }
      if (events.taskFailures ?? true) {
        add("taskFailures", "TaskFailures", `Tasks of ${whose} stopped by failures`, taskFailurePattern(serviceScope), MESSAGES.task);
      }
    }
    if (jobQueues.length > 0 && (events.batchJobFailures ?? true)) {
      add(
        "batchJobFailures",
        "BatchJobFailures",
        "Failed jobs of the listed Batch job queues",
        batchFailurePattern(jobQueues.map((q) => q.jobQueueArn)),
        MESSAGES.batch,
      );
    }
    if (alarmNames.length > 0 && (events.alarms ?? true)) {
      add(
        "alarms",
        "Alarms",
        "State changes of the services' CloudWatch alarms",
        alarmPattern(alarmNames, events.alarmRecoveries ?? true),
        MESSAGES.alarm,
      );
    }
    this.rules = rules;
  }

  private rule(
    id: string,
    ruleName: string,
    description: string,
    pattern: object,
    template: MessageTemplate,
    props: OperationalNotificationsProps,
  ): CloudwatchEventRule {
    const length = estimatedPatternLength(pattern);
    if (length > EVENT_PATTERN_MAX_LENGTH) {
      fail(this, {
        code: "NOTIFY_PATTERN_TOO_LONG",
        property: id === "Alarms" ? "alarmNames" : id === "BatchJobFailures" ? "jobQueues" : "services",
        value: length,
        allowed: `an event pattern of at most ${EVENT_PATTERN_MAX_LENGTH} characters (EventBridge's default quota): split the list over several OperationalNotifications`,
      });
    }
    const name = safeName(ruleName, RULE_NAME.maxLength);
    const rule = new CloudwatchEventRule(this, id, {
      name,
      description,
      eventPattern: JSON.stringify(pattern),
      tags: withName(name, props.tags),
    });
    new CloudwatchEventTarget(this, `${id}Target`, {
      rule: rule.name,
      targetId: "notification-topic",
      arn: props.topic.topicArn,
      inputTransformer: { inputPaths: template.inputPaths, inputTemplate: template.inputTemplate },
      // Notifications are only useful while fresh: retry for an hour, then give up.
      retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 185 },
    });
    props.topic.allowPublish({ servicePrincipal: "events.amazonaws.com", sourceArns: [rule.arn] });
    return rule;
  }
}

function kebab(kind: string): string {
  return kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function scopeOf(clusters: readonly ICluster[], services: readonly Service[]): ServiceScope | undefined {
  if (clusters.length > 0) return { kind: "clusters", clusterArns: clusters.map((c) => c.clusterArn) };
  if (services.length > 0) {
    return {
      kind: "services",
      serviceArns: services.map((s) => s.serviceArn),
      serviceNames: services.map((s) => s.serviceName),
      clusterArns: [...new Set(services.map((s) => s.cluster.clusterArn))],
    };
  }
  return undefined;
}
