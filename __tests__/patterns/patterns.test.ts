import { TerraformStack } from "cdktf";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { LoadBalancedWebService, LoadBalancedWebServiceProps } from "../../src/patterns/load-balanced-web-service";
import { QueueProcessingService, QueueProcessingServiceProps } from "../../src/patterns/queue-processing-service";
import { Service } from "../../src/service/service";
import { resourceAt, resourcesOf, synth, Synthesized } from "../helpers";
import { platform, webTask, workerTaskAndQueue } from "./fixtures";

/** Every Terraform address of a synthesized stack. */
function addresses(s: Synthesized): string[] {
  return Object.entries(s.parsed.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();
}

/** Terraform JSON without cdktf's `//` metadata (construct paths), to compare what Terraform sees. */
function terraformOnly(s: Synthesized): unknown {
  return JSON.parse(s.json, (key, value) => (key === "//" ? undefined : value));
}

function synthWeb(props: Partial<LoadBalancedWebServiceProps> = {}): Synthesized {
  return synth((stack) => {
    const { cluster, alb } = platform(stack);
    new LoadBalancedWebService(stack, "Web", {
      name: "acme-test-web",
      cluster,
      taskDefinition: webTask(stack),
      loadBalancer: { listener: alb.listener, priority: 10, pathPatterns: ["/*"], healthCheck: { path: "/health" } },
      ...props,
    });
  });
}

function synthWorker(props: Partial<QueueProcessingServiceProps> = {}): Synthesized {
  return synth((stack) => {
    const { cluster } = platform(stack);
    const { queue, task } = workerTaskAndQueue(stack);
    new QueueProcessingService(stack, "Worker", { name: "acme-test-worker", cluster, taskDefinition: task, queue, ...props });
  });
}

describe("LoadBalancedWebService", () => {
  test("puts the service behind the listener with the health check, two to four tasks and CPU tracking at 60%", () => {
    const s = synthWeb();
    expect(s.json).toHaveResourceWithProperties(EcsService, { name: "acme-test-web", health_check_grace_period_seconds: 60 });
    expect(resourceAt(s, "aws_lb_target_group", "Web/TargetGroup")).toMatchObject({
      port: 8080,
      health_check: expect.objectContaining({ path: "/health" }),
    });
    const rules = Object.values(resourcesOf(s, "aws_lb_listener_rule"));
    expect(rules.length).toBeGreaterThan(0);
    expect(rules[0]).toMatchObject({ priority: 10 });
    expect(s.json).toHaveResourceWithProperties(AppautoscalingTarget, { min_capacity: 2, max_capacity: 4 });
    expect(s.json).toHaveResourceWithProperties(AppautoscalingPolicy, {
      policy_type: "TargetTrackingScaling",
      target_tracking_scaling_policy_configuration: expect.objectContaining({
        target_value: 60,
        predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageCPUUtilization" },
      }),
    });
    expect(resourcesOf(s, "aws_appautoscaling_scheduled_action")).toEqual({});
  });

  test("scales to zero on the stop schedule and back to its range on the start schedule", () => {
    const s = synthWeb({
      minCapacity: 1,
      maxCapacity: 3,
      scaleToZero: { stopSchedule: "cron(0 20 ? * MON-FRI *)", startSchedule: "cron(0 7 ? * MON-FRI *)", timezone: "Europe/Paris" },
    });
    expect(s.json).toHaveResourceWithProperties(AppautoscalingScheduledAction, {
      schedule: "cron(0 20 ? * MON-FRI *)",
      timezone: "Europe/Paris",
      scalable_target_action: { min_capacity: "0", max_capacity: "0" },
    });
    expect(s.json).toHaveResourceWithProperties(AppautoscalingScheduledAction, {
      schedule: "cron(0 7 ? * MON-FRI *)",
      scalable_target_action: { min_capacity: "1", max_capacity: "3" },
    });
  });

  test("has exactly the Terraform of a Service with the same id and settings (wrapping one moves nothing)", () => {
    const scaleToZero = { stopSchedule: "cron(0 20 ? * MON-FRI *)", startSchedule: "cron(0 7 ? * MON-FRI *)" };
    const build = (usePattern: boolean) =>
      synth((stack: TerraformStack) => {
        const { cluster, alb } = platform(stack);
        const taskDefinition = webTask(stack);
        const loadBalancer = { listener: alb.listener, priority: 10, pathPatterns: ["/*"] };
        if (usePattern) {
          new LoadBalancedWebService(stack, "Web", { name: "acme-test-web", cluster, taskDefinition, loadBalancer, scaleToZero });
        } else {
          new Service(stack, "Web", {
            name: "acme-test-web",
            cluster,
            taskDefinition,
            loadBalancer,
            autoScaling: {
              minCapacity: 2,
              maxCapacity: 4,
              targetTracking: { cpuPercent: 60 },
              scheduled: {
                evening: { schedule: scaleToZero.stopSchedule, minCapacity: 0, maxCapacity: 0 },
                morning: { schedule: scaleToZero.startSchedule, minCapacity: 2, maxCapacity: 4 },
              },
            },
          });
        }
      });
    const [pattern, plain] = [build(true), build(false)];
    expect(addresses(pattern)).toEqual(addresses(plain));
    expect(terraformOnly(pattern)).toEqual(terraformOnly(plain));
  });
});

describe("QueueProcessingService", () => {
  test("runs on Fargate Spot, scales from zero to four on queue depth and consumes exactly its queue", () => {
    const s = synthWorker();
    expect(s.json).toHaveResourceWithProperties(EcsService, {
      name: "acme-test-worker",
      desired_count: 0,
      capacity_provider_strategy: [{ capacity_provider: "FARGATE_SPOT", weight: 1 }],
    });
    expect(s.json).toHaveResourceWithProperties(AppautoscalingTarget, { min_capacity: 0, max_capacity: 4 });
    const alarm = resourceAt(s, "aws_cloudwatch_metric_alarm", "Worker/AutoScaling/queue-depth/ScaleOutAlarm");
    expect(alarm).toMatchObject({
      namespace: "AWS/SQS",
      metric_name: "ApproximateNumberOfMessagesVisible",
      statistic: "Maximum",
      dimensions: { QueueName: "${aws_sqs_queue.Jobs.name}" },
      threshold: 1,
    });
    const out = resourceAt(s, "aws_appautoscaling_policy", "Worker/AutoScaling/queue-depth/ScaleOutPolicy");
    expect(out.step_scaling_policy_configuration.step_adjustment).toHaveLength(2);
    const policy = JSON.parse(resourceAt(s, "aws_iam_role_policy", "WorkerTask/TaskRole/Policy").policy);
    expect(policy.Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
        Resource: "${aws_sqs_queue.Jobs.arn}",
      },
    ]);
  });

  test("takes its own steps, range and strategy", () => {
    const s = synthWorker({
      minCapacity: 1,
      maxCapacity: 20,
      scaleOutSteps: [
        { from: 10, change: 2 },
        { from: 1000, change: 10 },
      ],
      capacityProviderStrategy: [
        { capacityProvider: "FARGATE", base: 1, weight: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 4 },
      ],
    });
    expect(s.json).toHaveResourceWithProperties(AppautoscalingTarget, { min_capacity: 1, max_capacity: 20 });
    expect(resourceAt(s, "aws_cloudwatch_metric_alarm", "Worker/AutoScaling/queue-depth/ScaleOutAlarm").threshold).toBe(10);
    expect(resourceAt(s, "aws_ecs_service", "Worker").capacity_provider_strategy).toHaveLength(2);
  });
});
