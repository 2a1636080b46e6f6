import {
  DEFAULT_RETRY_RULES,
  FARGATE_JOB_VCPUS,
  fargateJobSizeProblem,
  renderContainerProperties,
  renderRetryStrategy,
} from "../../src/batch/job-container";
import { renderComputeEnvironmentOrder, renderRunnableTimeLimits, JobQueue } from "../../src/batch/job-queue";
import { jobFailurePattern, renderSubmitJobInput, submitJobStatements } from "../../src/batch/job-schedule";
import { Secret } from "../../src/task/secret";

describe("Fargate job sizes", () => {
  test("vCPU values are the ECS Fargate CPU values in vCPUs", () => {
    expect(FARGATE_JOB_VCPUS).toEqual([0.25, 0.5, 1, 2, 4, 8, 16]);
  });

  test.each([
    [0.25, 512],
    [0.25, 2048],
    [0.5, 4096],
    [1, 2048],
    [4, 30720],
    [8, 61440],
    [16, 122880],
  ])("accepts %s vCPU with %s MiB", (vcpus, memory) => {
    expect(fargateJobSizeProblem(vcpus, memory)).toBeUndefined();
  });

  test.each<[number, number, string]>([
    [0.25, 4096, "memoryMiB one of 512, 1024, 2048 with 0.25 vCPU on Fargate"],
    [1, 1024, "memoryMiB from 2048 to 8192 in steps of 1024 with 1 vCPU on Fargate"],
    [8, 18432, "memoryMiB from 16384 to 61440 in steps of 4096 with 8 vCPU on Fargate"],
    [3, 8192, "vcpus one of 0.25, 0.5, 1, 2, 4, 8, 16 on Fargate"],
  ])("rejects %s vCPU with %s MiB", (vcpus, memory, allowed) => {
    expect(fargateJobSizeProblem(vcpus, memory)).toBe(allowed);
  });
});

describe("retry strategy", () => {
  test("by default retries Spot reclaims (EC2 and Fargate) and exits on anything else", () => {
    expect(renderRetryStrategy(3, DEFAULT_RETRY_RULES)).toEqual({
      attempts: 3,
      evaluateOnExit: [
        { action: "RETRY", onStatusReason: "Host EC2*", onExitCode: undefined, onReason: undefined },
        { action: "RETRY", onStatusReason: "Your Spot Task was interrupted*", onExitCode: undefined, onReason: undefined },
        { action: "EXIT", onReason: "*", onExitCode: undefined, onStatusReason: undefined },
      ],
    });
  });

  test("no rules means every failure is retried", () => {
    expect(renderRetryStrategy(2, [])).toEqual({ attempts: 2, evaluateOnExit: undefined });
  });
});

describe("renderContainerProperties", () => {
  const base = {
    image: "public.ecr.aws/docker/library/busybox:1.36",
    vcpus: 0.5,
    memoryMiB: 1024,
    command: ["reindex", "Ref::day"],
    environment: { MODE: "full" },
    secrets: { DB_PASSWORD: Secret.fromSecretsManager("arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf", "password") },
    readonlyRootFilesystem: true,
    executionRoleArn: "arn:exec",
    jobRoleArn: "arn:job",
    logGroupName: "/aws/batch/acme-reindex",
    logStreamPrefix: "acme-reindex",
    cpuArchitecture: "ARM64" as const,
  };

  test("Fargate: resources, secrets by valueFrom, awslogs, no public IP, platform and architecture", () => {
    expect(JSON.parse(renderContainerProperties({ ...base, platform: "FARGATE", ephemeralStorageGiB: 50 }))).toEqual({
      image: base.image,
      command: ["reindex", "Ref::day"],
      jobRoleArn: "arn:job",
      executionRoleArn: "arn:exec",
      resourceRequirements: [
        { type: "VCPU", value: "0.5" },
        { type: "MEMORY", value: "1024" },
      ],
      environment: [{ name: "MODE", value: "full" }],
      secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf:password::" }],
      readonlyRootFilesystem: true,
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": "/aws/batch/acme-reindex", "awslogs-stream-prefix": "acme-reindex" },
      },
      networkConfiguration: { assignPublicIp: "DISABLED" },
      fargatePlatformConfiguration: { platformVersion: "LATEST" },
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" },
      ephemeralStorage: { sizeInGiB: 50 },
    });
  });

  test("EC2: GPUs as a resource requirement and no Fargate-only settings", () => {
    const properties = JSON.parse(renderContainerProperties({ ...base, platform: "EC2", vcpus: 4, memoryMiB: 16000, gpus: 1 }));
    expect(properties.resourceRequirements).toEqual([
      { type: "VCPU", value: "4" },
      { type: "MEMORY", value: "16000" },
      { type: "GPU", value: "1" },
    ]);
    for (const key of ["networkConfiguration", "fargatePlatformConfiguration", "runtimePlatform", "ephemeralStorage"])
      expect(properties[key]).toBeUndefined();
  });
});

describe("job queue rendering", () => {
  test("orders compute environments by order, whatever order they were given in", () => {
    const ce = (arn: string) => ({ computeEnvironmentArn: arn, type: "FARGATE" as const });
    expect(
      renderComputeEnvironmentOrder([
        { computeEnvironment: ce("b"), order: 2 },
        { computeEnvironment: ce("a"), order: 1 },
      ]),
    ).toEqual([
      { computeEnvironment: "a", order: 1 },
      { computeEnvironment: "b", order: 2 },
    ]);
  });

  test("the default time limits cancel misconfigured jobs after 10 minutes and capacity waits after 4 hours", () => {
    expect(renderRunnableTimeLimits(JobQueue.DEFAULT_RUNNABLE_TIME_LIMITS)).toEqual([
      { action: "CANCEL", state: "RUNNABLE", reason: "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE", maxTimeSeconds: 600 },
      { action: "CANCEL", state: "RUNNABLE", reason: "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT", maxTimeSeconds: 600 },
      { action: "CANCEL", state: "RUNNABLE", reason: "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", maxTimeSeconds: 14400 },
    ]);
  });
});

describe("job schedule rendering", () => {
  test("the SubmitJob request carries queue, definition, array size, overrides, parameters and share", () => {
    const input = renderSubmitJobInput({
      jobName: "acme-reindex",
      jobQueueArn: "arn:q",
      jobDefinitionArn: "arn:jd:3",
      arraySize: 10,
      command: ["reindex", "--all"],
      environment: { MODE: "full" },
      parameters: { day: "yesterday" },
      shareIdentifier: "reports",
    });
    expect(JSON.parse(input)).toEqual({
      JobName: "acme-reindex",
      JobQueue: "arn:q",
      JobDefinition: "arn:jd:3",
      ArrayProperties: { Size: 10 },
      ContainerOverrides: { Command: ["reindex", "--all"], Environment: [{ Name: "MODE", Value: "full" }] },
      Parameters: { day: "yesterday" },
      ShareIdentifier: "reports",
    });
    expect(JSON.parse(renderSubmitJobInput({ jobName: "j", jobQueueArn: "q", jobDefinitionArn: "d" }))).toEqual({
      JobName: "j",
      JobQueue: "q",
      JobDefinition: "d",
    });
  });

  test("SubmitJob is allowed on the queue and every revision of the definition only", () => {
    expect(submitJobStatements("arn:q", "arn:aws:batch:eu-west-1:111122223333:job-definition/acme-reindex")).toEqual([
      {
        sid: "SubmitJob",
        actions: ["batch:SubmitJob"],
        resources: ["arn:q", "arn:aws:batch:eu-west-1:111122223333:job-definition/acme-reindex:*"],
      },
    ]);
  });

  test("failed runs are FAILED state changes of this job name in this queue", () => {
    expect(jobFailurePattern("arn:q", "acme-reindex")).toEqual({
      source: ["aws.batch"],
      "detail-type": ["Batch Job State Change"],
      detail: { status: ["FAILED"], jobQueue: ["arn:q"], jobName: ["acme-reindex"] },
    });
  });
});
