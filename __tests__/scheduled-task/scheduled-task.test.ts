import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SecurityGroup } from "../../src/network/security-group";
import { ScheduledTask } from "../../src/scheduled-task";
import { resourceAt, resourcesOf, synth } from "../helpers";
import { nightly, testCluster, testTaskDefinition } from "./fixtures";

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
    expect(target.ecs_parameters.network_configuration.security_groups).toEqual([
      expect.stringMatching(/aws_security_group\.Nightly_SecurityGroup_.*\.id/),
    ]);
  });

  test("the task security group has no ingress and is named after the schedule", () => {
    const s = synth((stack) => nightly(stack));
    expect(resourceAt(s, "aws_security_group", "Nightly/SecurityGroup")).toMatchObject({
      name_prefix: "acme-test-nightly-report-task-",
      vpc_id: "vpc-0123456789abcdef0",
    });
    expect(resourcesOf(s, "aws_vpc_security_group_ingress_rule")).toEqual({});
  });

  test("the scheduler role may run only this family in this cluster and pass only its two roles", () => {
    const s = synth((stack) => nightly(stack));
    const trust = JSON.parse(resourceAt(s, "aws_iam_role", "Nightly/Schedule/Role").assume_role_policy);
    expect(trust.Statement[0]).toMatchObject({
      Principal: { Service: "scheduler.amazonaws.com" },
      Condition: {
        ArnLike: {
          "aws:SourceArn": ["arn:*:scheduler:*:*:schedule-group/default", "arn:*:scheduler:*:*:schedule/default/acme-test-nightly-report"],
        },
      },
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
    expect(pattern.detail).toMatchObject({
      group: ["scheduled:acme-test-nightly-report"],
      lastStatus: ["STOPPED"],
      clusterArn: ["${aws_ecs_cluster.EcsCluster.arn}"],
    });
    expect(resourceAt(s, "aws_cloudwatch_event_target", "Nightly/Schedule/FailureRule/Target").arn).toMatch(
      /aws_sqs_queue\.Nightly_Schedule_FailureQueue_.*\.arn/,
    );
    const queuePolicy = JSON.parse(resourceAt(s, "aws_sqs_queue_policy", "Nightly/Schedule/FailureQueue/Policy").policy);
    expect(queuePolicy.Statement[0]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(queuePolicy.Statement[1]).toMatchObject({
      Principal: { Service: "events.amazonaws.com" },
      Action: "sqs:SendMessage",
      Condition: {
        ArnEquals: { "aws:SourceArn": expect.stringMatching(/aws_cloudwatch_event_rule\.Nightly_Schedule_FailureRule_.*\.arn/) },
      },
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
    const s = synth((stack) =>
      nightly(stack, { containerOverrides: { report: { command: ["report", "--full"], environment: { MODE: "nightly" } } } }),
    );
    const input = JSON.parse(resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule").target.input);
    expect(input).toEqual({
      containerOverrides: [{ name: "report", command: ["report", "--full"], environment: [{ name: "MODE", value: "nightly" }] }],
    });
  });

  test("an explicit strategy, launch type, subnets and security groups are used as given", () => {
    const s = synth((stack) => {
      const sg = new SecurityGroup(stack, "Shared", { vpcId: "vpc-1", name: "shared", description: "shared" });
      nightly(stack, {
        capacityProviderStrategy: [{ capacityProvider: "FARGATE", base: 1, weight: 1 }],
        subnetIds: ["subnet-x"],
        securityGroups: [sg],
      });
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
    expect(policy.Statement.find((st: any) => st.Sid === "EncryptFailedInvocations")).toMatchObject({
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: key,
    });
  });

  test("the eventbridge-rule trigger creates a rule and an ECS target with the same role scope, retries and failure queue", () => {
    const s = synth((stack) => nightly(stack, { trigger: "eventbridge-rule", schedule: "cron(0 2 ? * MON-FRI *)" }));
    expect(resourcesOf(s, "aws_scheduler_schedule")).toEqual({});
    expect(resourceAt(s, "aws_cloudwatch_event_rule", "Nightly/Rule")).toMatchObject({
      name: "acme-test-nightly-report",
      schedule_expression: "cron(0 2 ? * MON-FRI *)",
      state: "ENABLED",
    });
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
    expect(policyOf(s, "Nightly/Rule/Role/Policy").Statement.map((st: any) => st.Sid)).toEqual([
      "RunTaskInCluster",
      "PassTaskRoles",
      "TagTasksOnLaunch",
    ]);
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

describe("ScheduledTask tokens", () => {
  test("passes unresolved tokens through", () => {
    const s = synth((stack: TerraformStack) => {
      const tz = new TerraformVariable(stack, "tz", { type: "string" });
      const start = new TerraformVariable(stack, "start", { type: "string" });
      nightly(stack, {
        timeZone: tz.stringValue,
        startDate: start.stringValue,
        schedule: new TerraformVariable(stack, "expr", { type: "string" }).stringValue,
      });
    });
    expect(resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule")).toMatchObject({
      schedule_expression_timezone: "${var.tz}",
      schedule_expression: "${var.expr}",
    });
  });
});
