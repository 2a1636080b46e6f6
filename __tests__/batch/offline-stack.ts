import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BatchJobSchedule, ComputeEnvironment, JobDefinition, JobQueue } from "../../src/batch";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { Network } from "../../src/network/network";
import { ScheduledTask } from "../../src/scheduled-task";
import { ScheduleExpression } from "../../src/schedule/expression";
import { ContainerImage } from "../../src/task/image";
import { Secret } from "../../src/task/secret";
import { testCluster, testTaskDefinition } from "../fixtures";

export const SCHEDULED_JOBS_OFFLINE_STACK = "scheduled-jobs";
export const ALARM_TOPIC = "arn:aws:sns:eu-west-1:111122223333:acme-oncall";

/**
 * One stack with every feature of the scheduled-task and batch modules, for the real provider:
 * a nightly Fargate Spot task on Scheduler and a weekday one on an EventBridge rule; a Fargate Spot →
 * Fargate queue with a job definition and its schedule; a fair-share Spot EC2 queue with a launch
 * template and instance profile.
 */
export function scheduledJobsOfflineStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, SCHEDULED_JOBS_OFFLINE_STACK);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  useAwsProviderRange(stack);
  const network = new Network(stack, "Network", {
    name: "acme-sj",
    cidr: "10.20.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    natGateways: "single",
    flowLogs: { enabled: false },
  });
  const cluster = testCluster(stack, network);
  const taskDefinition = testTaskDefinition(stack);

  new ScheduledTask(stack, "NightlyReport", {
    name: "acme-sj-nightly-report",
    cluster,
    taskDefinition,
    schedule: ScheduleExpression.cron({ minute: 0, hour: 2 }),
    timeZone: "Europe/Paris",
    flexibleTimeWindowMinutes: 15,
    startDate: "2030-01-01T00:00:00Z",
    containerOverrides: { report: { command: ["report", "--nightly"], environment: { MODE: "full" } } },
    alarmTopicArn: ALARM_TOPIC,
    tags: { Team: "data" },
  });
  new ScheduledTask(stack, "WeekdayExport", {
    name: "acme-sj-weekday-export",
    cluster,
    taskDefinition,
    trigger: "eventbridge-rule",
    schedule: "cron(30 6 ? * MON-FRI *)",
    capacityProviderStrategy: [{ capacityProvider: "FARGATE", base: 1, weight: 1 }],
    taskCount: 2,
  });

  const spot = new ComputeEnvironment(stack, "FargateSpot", { name: "acme-sj-fargate-spot", type: "FARGATE_SPOT", network, maxVcpus: 64 });
  const onDemand = new ComputeEnvironment(stack, "Fargate", {
    name: "acme-sj-fargate",
    type: "FARGATE",
    network,
    maxVcpus: 16,
    securityGroups: [spot.securityGroup!],
  });
  const queue = new JobQueue(stack, "Queue", {
    name: "acme-sj-jobs",
    priority: 10,
    computeEnvironments: [
      { computeEnvironment: spot, order: 1 },
      { computeEnvironment: onDemand, order: 2 },
    ],
  });
  const job = new JobDefinition(stack, "Reindex", {
    name: "acme-sj-reindex",
    image: ContainerImage.fromRegistry("111122223333.dkr.ecr.eu-west-1.amazonaws.com/acme/reindex:1.4.2"),
    vcpus: 0.5,
    memoryMiB: 1024,
    command: ["reindex", "--day", "Ref::day"],
    parameters: { day: "today" },
    environment: { LOG_LEVEL: "info" },
    secrets: { DB_PASSWORD: Secret.fromSecretsManager("arn:aws:secretsmanager:eu-west-1:111122223333:secret:acme/db-AbCdEf", "password") },
    cpuArchitecture: "ARM64",
  });
  job.grant(["s3:GetObject"], ["arn:aws:s3:::acme-sj-data/*"], "ReadData");
  new BatchJobSchedule(stack, "NightlyReindex", {
    name: "acme-sj-nightly-reindex",
    schedule: "cron(30 1 * * ? *)",
    timeZone: "Europe/Paris",
    jobQueue: queue,
    jobDefinition: job,
    arraySize: 4,
    parameters: { day: "yesterday" },
    alarmTopicArn: ALARM_TOPIC,
  });

  const ec2Spot = new ComputeEnvironment(stack, "Ec2Spot", {
    name: "acme-sj-ec2-spot",
    type: "SPOT",
    network,
    instanceTypes: ["c7g", "m7g"],
    maxVcpus: 128,
  });
  new JobQueue(stack, "GravitonQueue", {
    name: "acme-sj-graviton",
    computeEnvironments: [{ computeEnvironment: ec2Spot, order: 1 }],
    fairShare: { shares: { reports: 1, backfill: 4 }, shareDecaySeconds: 3600 },
    runnableTimeLimits: [{ reason: "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", maxTimeSeconds: 7200 }],
  });
  new JobDefinition(stack, "Simulate", {
    name: "acme-sj-simulate",
    platform: "EC2",
    image: ContainerImage.fromRegistry("public.ecr.aws/docker/library/busybox:1.36"),
    vcpus: 2,
    memoryMiB: 3500,
    retryRules: [
      { action: "RETRY", onStatusReason: "Host EC2*" },
      { action: "EXIT", onExitCode: "*" },
    ],
  });
  return stack;
}
