import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SecurityGroup } from "../../src/network/security-group";
import { ScheduledTask, ScheduledTaskProps } from "../../src/scheduled-task";
import { errorOf, resourceAt, resourcesOf, synth } from "../helpers";
import { testCluster, testNetwork, testTaskDefinition } from "./fixtures";

type Build = Omit<ScheduledTaskProps, "cluster" | "taskDefinition"> & { compatibility?: "FARGATE" | "EC2"; networkMode?: "awsvpc" | "bridge"; providers?: string[] };

function nightly(scope: Construct, extra: Partial<Build> = {}): ScheduledTask {
  const { compatibility, networkMode, providers, ...props } = extra;
  const cluster = testCluster(scope, testNetwork(), providers);
  const taskDefinition = testTaskDefinition(scope, compatibility, networkMode);
  return new ScheduledTask(scope, "Nightly", { name: "acme-test-nightly-report", schedule: "cron(0 2 * * ? *)", cluster, taskDefinition, ...props });
}

const policyOf = (s: ReturnType<typeof synth>, path: string) => JSON.parse(resourceAt(s, "aws_iam_role_policy", path).policy);

describe("ScheduledTask", () => {
  test("creates a Scheduler schedule running the task on Fargate Spot in private subnets without a public IP", () => {
    const s = synth((stack) => nightly(stack, { timeZone: "Europe/Paris" }));
    expect(s.json).toHaveResourceWithProperties(SchedulerSchedule, {
      name: "acme-test-nightly-report",
      group_name: "default",
      schedule_expression: "cron(0 2 * * ? *)",
      schedule_expression_timezone: "Europe/Paris",
      state: "ENABLED",
      flexible_time_window: { mode: "OFF" },
    });
    const target = resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule").target;
    expect(target.arn).toMatch(/^\$\{aws_ecs_cluster\.EcsCluster\.arn\}$/);
    expect(target.ecs_parameters).toMatchObject({
      task_definition_arn: "${aws_ecs_task_definition.EcsTaskDefinition.arn}",
      task_count: 1,
      capacity_provider_strategy: [{ capacity_provider: "FARGATE_SPOT", weight: 1 }],
      platform_version: "LATEST",
      group: "scheduled:acme-test-nightly-report",
      propagate_tags: "TASK_DEFINITION",
      enable_ecs_managed_tags: true,
      network_configuration: { assign_public_ip: false, subnets: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"] },
    });
    expect(target.ecs_parameters.launch_type).toBeUndefined();
    expect(target.ecs_parameters.network_configuration.security_groups).toEqual([expect.stringMatching(/aws_security_group\.Nightly_SecurityGroup_.*\.id/)]);
  });

  test("the task security group has no ingress and is named after the schedule", () => {
    const s = synth((stack) => nightly(stack));
    expect(resourceAt(s, "aws_security_group", "Nightly/SecurityGroup")).toMatchObject({ name: "acme-test-nightly-report-task", vpc_id: "vpc-0123456789abcdef0" });
    expect(resourcesOf(s, "aws_vpc_security_group_ingress_rule")).toEqual({});
  });

  test("the scheduler role may run only this family in this cluster and pass only its two roles", () => {
    const s = synth((stack) => nightly(stack));
    const trust = JSON.parse(resourceAt(s, "aws_iam_role", "Nightly/Schedule/Role").assume_role_policy);
    expect(trust.Statement[0]).toMatchObject({
      Principal: { Service: "scheduler.amazonaws.com" },
      Condition: { ArnLike: { "aws:SourceArn": ["arn:*:scheduler:*:*:schedule-group/default", "arn:*:scheduler:*:*:schedule/default/acme-test-nightly-report"] } },
    });
    const policy = policyOf(s, "Nightly/Schedule/Role/Policy");
    const bySid = Object.fromEntries(policy.Statement.map((st: any) => [st.Sid, st]));
    expect(bySid.RunTaskInCluster).toEqual({
      Sid: "RunTaskInCluster",
      Effect: "Allow",
      Action: "ecs:RunTask",
      Resource: expect.stringMatching(/^\$\{local\.Nightly_TaskFamilyArn_[0-9A-F]{8}\}$/),
      Condition: { ArnEquals: { "ecs:cluster": "${aws_ecs_cluster.EcsCluster.arn}" } },
    });
    expect(bySid.PassTaskRoles.Resource).toEqual(["${aws_iam_role.TaskRole.arn}", "${aws_iam_role.ExecutionRole.arn}"]);
    expect(bySid.PassTaskRoles.Condition).toEqual({ StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } });
    expect(bySid.SendFailedInvocations.Resource).toMatch(/aws_sqs_queue\.Nightly_Schedule_FailureQueue_.*\.arn/);
    expect(JSON.stringify(policy)).not.toContain('"*"');
    const locals = Object.values(s.parsed.locals ?? {});
    expect(locals).toContain('${replace(aws_ecs_task_definition.EcsTaskDefinition.arn, "/:[0-9]+$/", ":*")}');
    expect(locals).toContain('${replace(aws_ecs_cluster.EcsCluster.arn, ":cluster/", ":task/")}/*');
  });

  test("retries a few times within an hour, then dead-letters to an encrypted queue kept 14 days", () => {
    const s = synth((stack) => nightly(stack));
    const target = resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule").target;
    expect(target.retry_policy).toEqual({ maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3600 });
    expect(target.dead_letter_config.arn).toMatch(/aws_sqs_queue\.Nightly_Schedule_FailureQueue_.*\.arn/);
    expect(resourceAt(s, "aws_sqs_queue", "Nightly/Schedule/FailureQueue")).toMatchObject({
      name: "acme-test-nightly-report-dlq",
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1209600,
    });
  });

  test("failed runs (non-zero exit, failed start) of this schedule go to the same queue through a rule the queue policy names", () => {
    const s = synth((stack) => nightly(stack));
    const rule = resourceAt(s, "aws_cloudwatch_event_rule", "Nightly/Schedule/FailureRule");
    expect(rule.name).toBe("acme-test-nightly-report-failed");
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern.detail).toMatchObject({ group: ["scheduled:acme-test-nightly-report"], lastStatus: ["STOPPED"], clusterArn: ["${aws_ecs_cluster.EcsCluster.arn}"] });
    expect(resourceAt(s, "aws_cloudwatch_event_target", "Nightly/Schedule/FailureRule/Target").arn).toMatch(/aws_sqs_queue\.Nightly_Schedule_FailureQueue_.*\.arn/);
    const queuePolicy = JSON.parse(resourceAt(s, "aws_sqs_queue_policy", "Nightly/Schedule/FailureQueue/Policy").policy);
    expect(queuePolicy.Statement[0]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(queuePolicy.Statement[1]).toMatchObject({
      Principal: { Service: "events.amazonaws.com" },
      Action: "sqs:SendMessage",
      Condition: { ArnEquals: { "aws:SourceArn": expect.stringMatching(/aws_cloudwatch_event_rule\.Nightly_Schedule_FailureRule_.*\.arn/) } },
    });
  });

  test("an alarm fires while the failure queue holds a message, notifying the SNS topic when given", () => {
    const topic = "arn:aws:sns:eu-west-1:111122223333:oncall";
    const s = synth((stack) => nightly(stack, { alarmTopicArn: topic }));
    expect(resourceAt(s, "aws_cloudwatch_metric_alarm", "Nightly/Schedule/FailureQueue/Alarm")).toMatchObject({
      alarm_name: "acme-test-nightly-report-dlq-not-empty",
      namespace: "AWS/SQS",
      metric_name: "ApproximateNumberOfMessagesVisible",
      threshold: 1,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      treat_missing_data: "notBreaching",
      alarm_actions: [topic],
      ok_actions: [topic],
    });
  });

  test("time window, dates, state, group and retry settings reach the schedule", () => {
    const s = synth((stack) =>
      nightly(stack, {
        flexibleTimeWindowMinutes: 15,
        startDate: "2030-01-01T00:00:00Z",
        endDate: "2031-01-01T00:00:00Z",
        enabled: false,
        scheduleGroupName: "acme-jobs",
        retryAttempts: 0,
        maxEventAgeSeconds: 600,
      }),
    );
    expect(resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule")).toMatchObject({
      flexible_time_window: { mode: "FLEXIBLE", maximum_window_in_minutes: 15 },
      start_date: "2030-01-01T00:00:00Z",
      end_date: "2031-01-01T00:00:00Z",
      state: "DISABLED",
      group_name: "acme-jobs",
      schedule_expression_timezone: "UTC",
      target: { retry_policy: { maximum_retry_attempts: 0, maximum_event_age_in_seconds: 600 } },
    });
  });

  test("container overrides become the target input", () => {
    const s = synth((stack) => nightly(stack, { containerOverrides: { report: { command: ["report", "--full"], environment: { MODE: "nightly" } } } }));
    const input = JSON.parse(resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule").target.input);
    expect(input).toEqual({ containerOverrides: [{ name: "report", command: ["report", "--full"], environment: [{ name: "MODE", value: "nightly" }] }] });
  });

  test("an explicit strategy, launch type, subnets and security groups are used as given", () => {
    const s = synth((stack) => {
      const sg = new SecurityGroup(stack, "Shared", { vpcId: "vpc-1", name: "shared", description: "shared" });
      nightly(stack, { capacityProviderStrategy: [{ capacityProvider: "FARGATE", base: 1, weight: 1 }], subnetIds: ["subnet-x"], securityGroups: [sg] });
      new ScheduledTask(stack, "OnDemand", {
        name: "acme-test-on-demand",
        schedule: "rate(1 hour)",
        cluster: testClusterOf(stack),
        taskDefinition: testTaskDefinitionOf(stack),
        launchType: "FARGATE",
      });
    });
    const params = resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule").target.ecs_parameters;
    expect(params.capacity_provider_strategy).toEqual([{ capacity_provider: "FARGATE", base: 1, weight: 1 }]);
    expect(params.network_configuration.subnets).toEqual(["subnet-x"]);
    expect(params.network_configuration.security_groups).toEqual([expect.stringMatching(/aws_security_group\.Shared/)]);
    expect(Object.keys(resourcesOf(s, "aws_security_group"))).toHaveLength(2);
    const onDemand = resourceAt(s, "aws_scheduler_schedule", "OnDemand/Schedule").target.ecs_parameters;
    expect(onDemand.launch_type).toBe("FARGATE");
    expect(onDemand.capacity_provider_strategy).toBeUndefined();
  });

  test("an EC2 bridge-mode task uses the cluster default strategy and no network configuration or security group", () => {
    const s = synth((stack) => nightly(stack, { compatibility: "EC2", networkMode: "bridge", providers: ["acme-test-ec2"] }));
    const params = resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule").target.ecs_parameters;
    expect(params.network_configuration).toBeUndefined();
    expect(params.capacity_provider_strategy).toBeUndefined();
    expect(params.platform_version).toBeUndefined();
    expect(resourcesOf(s, "aws_security_group")).toEqual({});
  });

  test("opting out of tags drops ecs:TagResource; opting out of the failure queue drops the queue, rule and alarm", () => {
    const s = synth((stack) => nightly(stack, { propagateTags: false, enableEcsManagedTags: false, failureQueue: { enabled: false } }));
    const policy = policyOf(s, "Nightly/Schedule/Role/Policy");
    expect(policy.Statement.map((st: any) => st.Sid)).toEqual(["RunTaskInCluster", "PassTaskRoles"]);
    expect(resourcesOf(s, "aws_sqs_queue")).toEqual({});
    expect(resourcesOf(s, "aws_cloudwatch_event_rule")).toEqual({});
    expect(resourcesOf(s, "aws_cloudwatch_metric_alarm")).toEqual({});
    expect(resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule").target.dead_letter_config).toBeUndefined();
  });

  test("a customer managed key encrypts the queue and the role may use it", () => {
    const key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const s = synth((stack) => nightly(stack, { failureQueue: { kmsKeyArn: key, retentionDays: 4 } }));
    const queue = resourceAt(s, "aws_sqs_queue", "Nightly/Schedule/FailureQueue");
    expect(queue).toMatchObject({ kms_master_key_id: key, message_retention_seconds: 345600 });
    expect(queue.sqs_managed_sse_enabled).toBeUndefined();
    const policy = policyOf(s, "Nightly/Schedule/Role/Policy");
    expect(policy.Statement.find((st: any) => st.Sid === "EncryptFailedInvocations")).toMatchObject({ Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: key });
  });

  test("the eventbridge-rule trigger creates a rule and an ECS target with the same role scope, retries and failure queue", () => {
    const s = synth((stack) => nightly(stack, { trigger: "eventbridge-rule", schedule: "cron(0 2 ? * MON-FRI *)" }));
    expect(resourcesOf(s, "aws_scheduler_schedule")).toEqual({});
    expect(resourceAt(s, "aws_cloudwatch_event_rule", "Nightly/Rule")).toMatchObject({ name: "acme-test-nightly-report", schedule_expression: "cron(0 2 ? * MON-FRI *)", state: "ENABLED" });
    const target = resourceAt(s, "aws_cloudwatch_event_target", "Nightly/Rule/Target");
    expect(target).toMatchObject({
      arn: "${aws_ecs_cluster.EcsCluster.arn}",
      retry_policy: { maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3600 },
      ecs_target: {
        capacity_provider_strategy: [{ capacity_provider: "FARGATE_SPOT", weight: 1 }],
        network_configuration: { assign_public_ip: false },
        group: "scheduled:acme-test-nightly-report",
      },
    });
    const trust = JSON.parse(resourceAt(s, "aws_iam_role", "Nightly/Rule/Role").assume_role_policy);
    expect(trust.Statement[0].Principal.Service).toBe("events.amazonaws.com");
    expect(trust.Statement[0].Condition.ArnLike["aws:SourceArn"]).toMatch(/aws_cloudwatch_event_rule\.Nightly_Rule_.*\.arn/);
    const queuePolicy = JSON.parse(resourceAt(s, "aws_sqs_queue_policy", "Nightly/Rule/FailureQueue/Policy").policy);
    expect(queuePolicy.Statement[1].Condition.ArnEquals["aws:SourceArn"]).toHaveLength(2);
    expect(policyOf(s, "Nightly/Rule/Role/Policy").Statement.map((st: any) => st.Sid)).toEqual(["RunTaskInCluster", "PassTaskRoles", "TagTasksOnLaunch"]);
  });

  test("exposes the task security group's connections", () => {
    synth((stack) => {
      const task = nightly(stack);
      expect(task.connections).toBe(task.securityGroup!.connections);
      expect(task.group).toBe("scheduled:acme-test-nightly-report");
    });
  });
});

function testClusterOf(scope: Construct) {
  const inner = new Construct(scope, "Second");
  return testCluster(inner);
}
function testTaskDefinitionOf(scope: Construct) {
  return testTaskDefinition(new Construct(scope, "SecondTd"));
}

describe("ScheduledTask bad input", () => {
  test.each<[string, Partial<Build>, RegExp]>([
    ["a cron minute out of range", { schedule: "cron(61 2 * * ? *)" }, /^test\/Nightly: invalid schedule "cron\(61 2 \* \* \? \*\)": expected 61 is out of range 0-59 in the minutes field \("61"\); it takes 0-59 with , - \* \/ \[SCHEDULE_CRON_FIELD\]$/],
    ["cron with both day fields set", { schedule: "cron(0 2 * * MON *)" }, /invalid schedule "cron\(0 2 \* \* MON \*\)": expected exactly one of day-of-month \("\*"\) and day-of-week \("MON"\) to be "\?" \[SCHEDULE_CRON_DAY_FIELDS\]/],
    ["cron with five fields", { schedule: "cron(0 2 * * ?)" }, /expected 6 space-separated fields .* \[SCHEDULE_CRON_FIELDS\]/],
    ["a rate with a plural unit for 1", { schedule: "rate(1 hours)" }, /invalid schedule "rate\(1 hours\)": expected the singular unit "hour" for a rate of 1 \[SCHEDULE_RATE_UNIT\]/],
    ["a rate of zero", { schedule: "rate(0 minutes)" }, /\[SCHEDULE_RATE_VALUE\]/],
    ["not an expression", { schedule: "every night" }, /invalid schedule "every night": expected an expression of the form cron\(\.\.\.\), rate\(\.\.\.\) or at\(\.\.\.\) \[SCHEDULE_EXPRESSION_FORM\]/],
    ["an at() that does not exist", { schedule: "at(2030-02-30T02:00:00)" }, /\[SCHEDULE_AT\]/],
    ["a time zone that is not IANA", { timeZone: "CET+1" }, /invalid timeZone "CET\+1": expected an IANA time zone name such as "Europe\/Paris", "America\/New_York" or "UTC" \[SCHEDULE_TIME_ZONE\]/],
    ["a flexible window over a day", { flexibleTimeWindowMinutes: 1441 }, /invalid flexibleTimeWindowMinutes 1441: expected an integer from 1 to 1440 minutes \[SCHEDULE_FLEXIBLE_WINDOW\]/],
    ["too many retries", { retryAttempts: 186 }, /invalid retryAttempts 186: expected an integer from 0 to 185 \[SCHEDULE_RETRY_ATTEMPTS\]/],
    ["an event age under a minute", { maxEventAgeSeconds: 30 }, /\[SCHEDULE_MAX_EVENT_AGE\]/],
    ["a start date without an offset", { startDate: "2030-01-01T00:00:00" }, /invalid startDate "2030-01-01T00:00:00": expected an RFC 3339 date-time with an offset.*\[SCHEDULE_DATE\]/],
    ["an end date before the start", { startDate: "2030-01-02T00:00:00Z", endDate: "2030-01-01T00:00:00Z" }, /invalid endDate "2030-01-01T00:00:00Z": expected a date after startDate \(2030-01-02T00:00:00Z\) \[SCHEDULE_DATES\]/],
    ["failure retention over 14 days", { failureQueue: { retentionDays: 15 } }, /invalid failureQueue\.retentionDays 15: expected an integer from 1 to 14 days/],
    ["a name over 64 characters", { name: "a".repeat(65) }, /invalid name "a{65}": expected 1 to 64 characters of letters, digits and \._- \[SCHEDULED_TASK_NAME\]/],
    ["a name with spaces", { name: "nightly report" }, /\[SCHEDULED_TASK_NAME\]/],
    ["more than 10 tasks", { taskCount: 11 }, /invalid taskCount 11: expected an integer from 1 to 10 \[SCHEDULED_TASK_COUNT\]/],
    ["both a launch type and a strategy", { launchType: "FARGATE", capacityProviderStrategy: [{ capacityProvider: "FARGATE" }] }, /invalid launchType "FARGATE": expected either launchType or capacityProviderStrategy, not both \[SCHEDULED_TASK_PLACEMENT\]/],
    ["the EC2 launch type for a Fargate task", { launchType: "EC2" }, /invalid launchType "EC2": expected one of "FARGATE" \[SCHEDULED_TASK_LAUNCH_TYPE\]/],
    ["a provider the cluster lacks", { capacityProviderStrategy: [{ capacityProvider: "acme-ec2" }] }, /invalid capacityProviderStrategy\[0\]\.capacityProvider "acme-ec2": expected a capacity provider of the cluster: "FARGATE", "FARGATE_SPOT" \[CLUSTER_STRATEGY_UNKNOWN_PROVIDER\]/],
    ["an EC2 provider for a Fargate task", { providers: ["FARGATE_SPOT", "acme-ec2"], capacityProviderStrategy: [{ capacityProvider: "acme-ec2" }] }, /invalid capacityProviderStrategy\[0\]\.capacityProvider "acme-ec2": expected FARGATE or FARGATE_SPOT for a Fargate task definition \[SCHEDULED_TASK_STRATEGY_COMPATIBILITY\]/],
    ["the Spot default on a cluster without Fargate Spot", { providers: ["FARGATE"] }, /invalid capacityProviderStrategy \(missing\): expected a capacityProviderStrategy or launchType, because cluster .* has no FARGATE_SPOT provider \(the default for scheduled jobs\) \[SCHEDULED_TASK_NO_FARGATE_SPOT\]/],
    ["security groups on a bridge-mode task", { compatibility: "EC2", networkMode: "bridge", providers: ["acme-ec2"], subnetIds: ["subnet-1"] }, /invalid subnetIds \["subnet-1"\]: expected no subnetIds for a task definition in bridge network mode .*\[SCHEDULED_TASK_NETWORK_MODE\]/],
    ["no subnets", { subnetIds: [] }, /invalid subnetIds \[\]: expected at least one item \[SCHEDULED_TASK_SUBNETS\]/],
    ["an override for an unknown container", { containerOverrides: { web: { command: ["x"] } } }, /invalid containerOverrides\.web "web": expected a container of task family acme-test-report: report, sidecar \[SCHEDULED_TASK_OVERRIDE_CONTAINER\]/],
    ["an empty command override", { containerOverrides: { report: { command: [] } } }, /\[SCHEDULED_TASK_OVERRIDE_COMMAND\]/],
    ["a bad environment name", { containerOverrides: { report: { environment: { "MY-VAR": "1" } } } }, /invalid containerOverrides\.report\.environment "MY-VAR".*\[SCHEDULED_TASK_OVERRIDE_ENVIRONMENT\]/],
    ["overrides over 8192 characters", { containerOverrides: { report: { command: ["x".repeat(8200)] } } }, /invalid containerOverrides "8\d{3} characters": expected at most 8192 characters .*\[SCHEDULED_TASK_OVERRIDES_TOO_LONG\]/],
    ["at() with the eventbridge-rule trigger", { trigger: "eventbridge-rule", schedule: "at(2030-01-01T00:00:00)" }, /invalid schedule "at\(2030-01-01T00:00:00\)": expected an expression of the form cron\(\.\.\.\) or rate\(\.\.\.\) \(EventBridge rules do not take at\(\)\) \[SCHEDULE_AT_NOT_SUPPORTED\]/],
    ["a time zone with the eventbridge-rule trigger", { trigger: "eventbridge-rule", timeZone: "Europe/Paris" }, /invalid timeZone "Europe\/Paris": expected no value with trigger "eventbridge-rule" .*\[SCHEDULE_NOT_SUPPORTED_BY_RULE\]/],
    ["a flexible window with the eventbridge-rule trigger", { trigger: "eventbridge-rule", flexibleTimeWindowMinutes: 5 }, /invalid flexibleTimeWindowMinutes 5: .*\[SCHEDULE_NOT_SUPPORTED_BY_RULE\]/],
    ["an unknown trigger", { trigger: "cron" as any }, /invalid trigger "cron": expected one of "scheduler", "eventbridge-rule" \[SCHEDULED_TASK_TRIGGER\]/],
  ])("throws on %s", (_name, extra, message) => {
    expect(errorOf((scope) => nightly(scope, extra))).toMatch(message);
  });

  test("throws when asked for connections of a task without a security group", () => {
    expect(
      errorOf((scope) => nightly(scope, { compatibility: "EC2", networkMode: "bridge", providers: ["acme-ec2"] }).connections),
    ).toMatch(/^test\/Nightly: invalid connections \(missing\): expected an awsvpc task definition .*\[SCHEDULED_TASK_NO_SECURITY_GROUP\]$/);
  });

  test("passes unresolved tokens through", () => {
    const s = synth((stack: TerraformStack) => {
      const tz = new TerraformVariable(stack, "tz", { type: "string" });
      const start = new TerraformVariable(stack, "start", { type: "string" });
      nightly(stack, { timeZone: tz.stringValue, startDate: start.stringValue, schedule: new TerraformVariable(stack, "expr", { type: "string" }).stringValue });
    });
    expect(resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule")).toMatchObject({ schedule_expression_timezone: "${var.tz}", schedule_expression: "${var.expr}" });
  });
});
