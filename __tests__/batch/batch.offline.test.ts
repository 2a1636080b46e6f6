import { TerraformPlanJson } from "../../src/terraform";
import { offlinePlan } from "../offline/offline-plans";
import { ALARM_TOPIC, SCHEDULED_JOBS_OFFLINE_STACK } from "./offline-stack";

/**
 * The scheduled-task and batch modules against the real hashicorp/aws provider: terraform validate
 * and an offline plan of one stack holding every feature of both (one plan keeps the suite fast).
 */
describe("Scheduled tasks and Batch against the real provider", () => {
  let plan: TerraformPlanJson;

  beforeAll(async () => {
    plan = await offlinePlan(SCHEDULED_JOBS_OFFLINE_STACK);
  });

  const created = (type: string) =>
    (plan.resource_changes ?? []).filter((c) => c.type === type && c.change.actions.join() === "create").map((c) => c.change.after as any);
  const named = (type: string, name: string) => created(type).find((r) => r.name === name);

  test("plans the nightly Fargate Spot task on Scheduler in Paris time with a time window, retries and a dead-letter queue", () => {
    const schedule = named("aws_scheduler_schedule", "acme-sj-nightly-report");
    expect(schedule).toMatchObject({
      group_name: "default",
      schedule_expression: "cron(0 2 * * ? *)",
      schedule_expression_timezone: "Europe/Paris",
      start_date: "2030-01-01T00:00:00Z",
      state: "ENABLED",
      flexible_time_window: [{ mode: "FLEXIBLE", maximum_window_in_minutes: 15 }],
    });
    expect(schedule.target[0]).toMatchObject({
      retry_policy: [{ maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3600 }],
      ecs_parameters: [
        {
          task_count: 1,
          capacity_provider_strategy: [{ capacity_provider: "FARGATE_SPOT", weight: 1 }],
          network_configuration: [{ assign_public_ip: false }],
          group: "scheduled:acme-sj-nightly-report",
          propagate_tags: "TASK_DEFINITION",
          platform_version: "LATEST",
        },
      ],
    });
    expect(JSON.parse(schedule.target[0].input)).toEqual({
      containerOverrides: [{ name: "report", command: ["report", "--nightly"], environment: [{ name: "MODE", value: "full" }] }],
    });
    expect(named("aws_sqs_queue", "acme-sj-nightly-report-dlq")).toMatchObject({
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1209600,
    });
    expect(created("aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === "acme-sj-nightly-report-dlq-not-empty")).toMatchObject({
      alarm_actions: [ALARM_TOPIC],
      metric_name: "ApproximateNumberOfMessagesVisible",
    });
  });

  test("plans the classic EventBridge rule trigger with an ECS target on Fargate", () => {
    expect(named("aws_cloudwatch_event_rule", "acme-sj-weekday-export")).toMatchObject({
      schedule_expression: "cron(30 6 ? * MON-FRI *)",
      state: "ENABLED",
    });
    const target = created("aws_cloudwatch_event_target").find((t) => t.target_id === "run-task");
    expect(target.ecs_target[0]).toMatchObject({
      task_count: 2,
      capacity_provider_strategy: [{ capacity_provider: "FARGATE", base: 1, weight: 1 }],
    });
    expect(target.retry_policy).toEqual([{ maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3600 }]);
    const failureRules = created("aws_cloudwatch_event_rule").filter((r) => r.name.endsWith("-failed"));
    expect(failureRules.map((r) => r.name).sort()).toEqual([
      "acme-sj-nightly-reindex-failed",
      "acme-sj-nightly-report-failed",
      "acme-sj-weekday-export-failed",
    ]);
  });

  test("plans the Fargate Spot → Fargate queue over name-prefixed, create-before-destroy compute environments", () => {
    const environments = created("aws_batch_compute_environment");
    expect(environments.map((e) => e.compute_environment_name_prefix).sort()).toEqual([
      "acme-sj-ec2-spot-",
      "acme-sj-fargate-",
      "acme-sj-fargate-spot-",
    ]);
    const spot = environments.find((e) => e.compute_environment_name_prefix === "acme-sj-fargate-spot-");
    expect(spot).toMatchObject({ type: "MANAGED", state: "ENABLED", compute_resources: [{ type: "FARGATE_SPOT", max_vcpus: 64 }] });
    const queue = named("aws_batch_job_queue", "acme-sj-jobs");
    expect(queue).toMatchObject({ priority: 10, state: "ENABLED" });
    expect(queue.job_state_time_limit_action).toHaveLength(3);
    const names = (plan.resource_changes ?? [])
      .filter((c) => c.type === "aws_batch_compute_environment")
      .map((c) => (c.change.after_unknown as any).compute_environment_name);
    expect(names).toEqual([true, true, true]);
  });

  test("plans the Fargate job definition with a read-only root, secrets, retries and a timeout, and its array-job schedule", () => {
    const definition = named("aws_batch_job_definition", "acme-sj-reindex");
    expect(definition).toMatchObject({
      type: "container",
      platform_capabilities: ["FARGATE"],
      propagate_tags: true,
      timeout: [{ attempt_duration_seconds: 21600 }],
      retry_strategy: [{ attempts: 3 }],
      parameters: { day: "today" },
    });
    expect(named("aws_scheduler_schedule", "acme-sj-nightly-reindex").target[0].arn).toBe("arn:aws:scheduler:::aws-sdk:batch:submitJob");
    expect(
      created("aws_cloudwatch_log_group")
        .map((g) => g.name)
        .sort(),
    ).toEqual(["/aws/batch/acme-sj-reindex", "/aws/batch/acme-sj-simulate"]);
  });

  test("plans the Spot EC2 environment with IMDSv2, an encrypted root volume, an instance profile, and a fair-share queue", () => {
    const template = created("aws_launch_template").find((t) => t.name_prefix === "acme-sj-ec2-spot-");
    expect(template.metadata_options[0]).toMatchObject({
      http_tokens: "required",
      http_put_response_hop_limit: 1,
      instance_metadata_tags: "disabled",
    });
    expect(template.block_device_mappings[0]).toMatchObject({
      device_name: "/dev/xvda",
      ebs: [{ encrypted: "true", volume_type: "gp3", volume_size: 30 }],
    });
    const ec2 = created("aws_batch_compute_environment").find((e) => e.compute_environment_name_prefix === "acme-sj-ec2-spot-");
    expect(ec2.compute_resources[0]).toMatchObject({
      type: "SPOT",
      allocation_strategy: "SPOT_PRICE_CAPACITY_OPTIMIZED",
      instance_type: ["c7g", "m7g"],
    });
    expect(named("aws_iam_instance_profile", "acme-sj-ec2-spot-batch-instance")).toBeDefined();
    expect(named("aws_batch_scheduling_policy", "acme-sj-graviton").fair_share_policy[0]).toMatchObject({ share_decay_seconds: 3600 });
  });
});
