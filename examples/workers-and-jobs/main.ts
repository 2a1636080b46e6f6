/**
 * Workers and jobs: a queue worker that scales on queue depth (to zero when idle), a nightly
 * scheduled task on Fargate Spot, and a Batch queue (Fargate Spot first, Fargate as fallback)
 * with a job definition submitted every night.
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import {
  BatchJobSchedule,
  Cluster,
  ComputeEnvironment,
  ContainerImage,
  JobDefinition,
  JobQueue,
  Network,
  Queue,
  QueueProcessingService,
  ScheduledTask,
  ScheduleExpression,
  TaskDefinition,
} from "../../src";
import { AVAILABILITY_ZONES, ExampleStack } from "../common";

const REGISTRY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

export function buildWorkersAndJobs(app: App): TerraformStack {
  const stack = new ExampleStack(app, "example-workers-and-jobs");
  const network = new Network(stack, "Network", {
    name: "jobs",
    cidr: "10.2.0.0/16",
    availabilityZones: AVAILABILITY_ZONES,
    natGateways: "single",
  });
  const cluster = new Cluster(stack, "Cluster", { name: "jobs", network });

  // A dead-letter queue after 5 failed receives (with an alarm while it holds a message), SSE-SQS encryption.
  const queue = new Queue(stack, "Orders", { name: "jobs-orders" });
  const workerTask = new TaskDefinition(stack, "WorkerTask", {
    name: "jobs-worker",
    cpu: 256,
    memoryMiB: 512,
    containers: {
      worker: { image: ContainerImage.fromRegistry(`${REGISTRY}/jobs/worker:1.0.0`), environment: { QUEUE_URL: queue.queueUrl } },
    },
  });
  // Grants the task exactly what consuming the queue needs, runs on Fargate Spot, scales on the queue's depth (to zero when idle).
  new QueueProcessingService(stack, "Worker", {
    name: "jobs-worker",
    cluster,
    taskDefinition: workerTask,
    queue,
    maxCapacity: 10,
  });

  const reportTask = new TaskDefinition(stack, "ReportTask", {
    name: "jobs-report",
    cpu: 512,
    memoryMiB: 1024,
    containers: { report: { image: ContainerImage.fromRegistry(`${REGISTRY}/jobs/report:2.1.0`), command: ["report"] } },
  });
  new ScheduledTask(stack, "NightlyReport", {
    name: "jobs-nightly-report",
    cluster,
    taskDefinition: reportTask,
    schedule: ScheduleExpression.cron({ minute: 0, hour: 2 }),
    timeZone: "Europe/Dublin",
    flexibleTimeWindowMinutes: 15,
    containerOverrides: { report: { command: ["report", "--nightly"] } },
  });

  const spot = new ComputeEnvironment(stack, "FargateSpot", { name: "jobs-spot", type: "FARGATE_SPOT", network, maxVcpus: 32 });
  const onDemand = new ComputeEnvironment(stack, "Fargate", { name: "jobs-on-demand", type: "FARGATE", network, maxVcpus: 8 });
  const jobQueue = new JobQueue(stack, "JobQueue", {
    name: "jobs",
    computeEnvironments: [
      { computeEnvironment: spot, order: 1 },
      { computeEnvironment: onDemand, order: 2 },
    ],
  });
  const reindex = new JobDefinition(stack, "Reindex", {
    name: "jobs-reindex",
    image: ContainerImage.fromRegistry(`${REGISTRY}/jobs/reindex:1.4.2`),
    vcpus: 1,
    memoryMiB: 2048,
    command: ["reindex", "--day", "Ref::day"],
    parameters: { day: "today" },
  });
  new BatchJobSchedule(stack, "NightlyReindex", {
    name: "jobs-nightly-reindex",
    schedule: "cron(30 1 * * ? *)",
    timeZone: "Europe/Dublin",
    jobQueue,
    jobDefinition: reindex,
    parameters: { day: "yesterday" },
  });

  new TerraformOutput(stack, "job_queue_arn", { value: jobQueue.jobQueueArn });
  return stack;
}

if (require.main === module) {
  const app = new App();
  buildWorkersAndJobs(app);
  app.synth();
}
