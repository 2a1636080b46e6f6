import { TerraformStack } from "cdktf";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SchedulerSchedule, SchedulerScheduleTarget } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { policyDocument } from "../../../src/core/iam";
import { requiredTags, scheduleDeadLetterRetry } from "../../../src/policy";
import { logGroup } from "../fixtures";
import { brief, findingsOf } from "../helpers";

const ecsParameters = {
  taskDefinitionArn: "arn:aws:ecs:eu-west-1:123456789012:task-definition/job:1",
  launchType: "FARGATE",
  networkConfiguration: { subnets: ["subnet-0abc"] },
};
const schedule = (target: Partial<SchedulerScheduleTarget>) => ({
  flexibleTimeWindow: { mode: "OFF" },
  scheduleExpression: "cron(0 3 * * ? *)",
  target: { arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/jobs", roleArn: "arn:aws:iam::123456789012:role/scheduler", ...target },
});

describe("SCH-001 dead-letter queue and retry policy", () => {
  test("reports scheduled ECS tasks without a dead-letter queue or retry policy, or with retries disabled", () => {
    const findings = findingsOf(
      scheduleDeadLetterRetry,
      (s) => {
        new SchedulerSchedule(s, "Nightly", schedule({ ecsParameters }));
        new CloudwatchEventTarget(s, "Hourly", {
          rule: "hourly",
          arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/jobs",
          roleArn: "arn:aws:iam::123456789012:role/events",
          ecsTarget: { taskDefinitionArn: ecsParameters.taskDefinitionArn, launchType: "FARGATE" },
          deadLetterConfig: { arn: "arn:aws:sqs:eu-west-1:123456789012:dlq" },
          retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 3600 },
        });
      },
      { environmentClass: "production" },
    );
    expect(brief(findings)).toEqual([
      "error SCH-001 @ Hourly: retry_policy.maximum_retry_attempts is 0, so a transient RunTask failure skips the run",
      "error SCH-001 @ Nightly: the ECS task target has no dead_letter_config, so invocations that fail are dropped without a trace",
      "error SCH-001 @ Nightly: the ECS task target has no retry_policy, so the default applies (185 attempts over 24 hours)",
    ]);
  });

  test("passes a dead-letter queue with an explicit retry policy, and targets that are not ECS tasks", () => {
    const findings = findingsOf(scheduleDeadLetterRetry, (s) => {
      const dlq = new SqsQueue(s, "Dlq", { name: "jobs-dlq", sqsManagedSseEnabled: true });
      new SchedulerSchedule(
        s,
        "Nightly",
        schedule({
          ecsParameters,
          deadLetterConfig: { arn: dlq.arn },
          retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        }),
      );
      new SchedulerSchedule(s, "Ping", schedule({ arn: dlq.arn }));
    });
    expect(findings).toEqual([]);
  });
});

describe("TAG-001 required tags", () => {
  test("reports taggable resources missing a required tag, counting the provider's default tags", () => {
    const findings = findingsOf(
      requiredTags,
      (s) => {
        new CloudwatchLogGroup(s, "Untagged", { name: "/untagged", retentionInDays: 7 });
        new CloudwatchLogGroup(s, "Partly", { name: "/partly", retentionInDays: 7, tags: { Owner: "team-a" } });
      },
      { requiredTags: ["Owner", "CostCenter", "Environment"], defaultTags: { Environment: "dev" } },
    );
    expect(brief(findings)).toEqual([
      'error TAG-001 @ Partly: missing required tag(s) "CostCenter"',
      'error TAG-001 @ Untagged: missing required tag(s) "Owner", "CostCenter"',
    ]);
  });

  test("passes tags from default_tags and the resource, ignores resources that take no tags, and checks nothing without required tags", () => {
    const build = (s: TerraformStack) => {
      logGroup(s).addOverride("tags", { Owner: "team-a" });
      new IamRolePolicy(s, "Policy", {
        role: "r",
        policy: policyDocument([{ actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:eu-west-1:123456789012:q"] }]),
      });
    };
    expect(findingsOf(requiredTags, build, { requiredTags: ["Owner", "CostCenter"], defaultTags: { CostCenter: "cc-1" } })).toEqual([]);
    expect(findingsOf(requiredTags, build)).toEqual([]);
  });

  test("skips tags only known at apply", () => {
    const findings = findingsOf(requiredTags, (s) => logGroup(s).addOverride("tags", "${var.tags}"), { requiredTags: ["Owner"] });
    expect(findings).toEqual([]);
  });
});
