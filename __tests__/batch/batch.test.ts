import { Construct } from "constructs";
import { BatchComputeEnvironment } from "@cdktf/provider-aws/lib/batch-compute-environment";
import { BatchJobQueue } from "@cdktf/provider-aws/lib/batch-job-queue";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import {
  BatchJobSchedule,
  BatchJobScheduleProps,
  ComputeEnvironment,
  ComputeEnvironmentProps,
  JobDefinition,
  JobDefinitionProps,
  JobQueue,
  JobQueueProps,
} from "../../src/batch";
import { ContainerImage } from "../../src/task/image";
import { Secret } from "../../src/task/secret";
import { errorOf, resourceAt, resourcesOf, synth } from "../helpers";
import { testNetwork } from "../scheduled-task/fixtures";

const network = testNetwork();
const ce = (scope: Construct, id: string, props: Partial<ComputeEnvironmentProps> = {}) =>
  new ComputeEnvironment(scope, id, { name: `acme-test-${id.toLowerCase()}`, type: "FARGATE_SPOT", network, ...props });

function fargateQueue(scope: Construct, props: Partial<JobQueueProps> = {}): JobQueue {
  const spot = ce(scope, "Spot");
  const onDemand = ce(scope, "OnDemand", { type: "FARGATE" });
  return new JobQueue(scope, "Queue", {
    name: "acme-test-jobs",
    computeEnvironments: [
      { computeEnvironment: spot, order: 1 },
      { computeEnvironment: onDemand, order: 2 },
    ],
    ...props,
  });
}

const image = ContainerImage.fromRegistry("111122223333.dkr.ecr.eu-west-1.amazonaws.com/acme/reindex:1.4.2");
const job = (scope: Construct, props: Partial<JobDefinitionProps> = {}) => new JobDefinition(scope, "Job", { name: "acme-test-reindex", image, ...props });
const policyOf = (s: ReturnType<typeof synth>, path: string) => JSON.parse(resourceAt(s, "aws_iam_role_policy", path).policy);

describe("ComputeEnvironment", () => {
  test("Fargate Spot: managed, private subnets, a no-ingress group, the service-linked role, generated name, create-before-destroy", () => {
    const s = synth((stack) => ce(stack, "Spot"));
    expect(s.json).toHaveResourceWithProperties(BatchComputeEnvironment, {
      compute_environment_name_prefix: "acme-test-spot-",
      type: "MANAGED",
      state: "ENABLED",
      lifecycle: { create_before_destroy: true },
    });
    const resource = resourceAt(s, "aws_batch_compute_environment", "Spot");
    expect(resource.compute_resources).toMatchObject({ type: "FARGATE_SPOT", max_vcpus: 256, subnets: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"] });
    expect(resource.service_role).toBeUndefined();
    expect(resource.compute_resources.instance_role).toBeUndefined();
    expect(resource.compute_resources.security_group_ids).toEqual([expect.stringMatching(/aws_security_group\.Spot_SecurityGroup_/)]);
    expect(resourceAt(s, "aws_security_group", "Spot/SecurityGroup").name).toBe("acme-test-spot-batch");
    expect(resourcesOf(s, "aws_vpc_security_group_ingress_rule")).toEqual({});
    expect(resourcesOf(s, "aws_launch_template")).toEqual({});
  });

  test("Spot EC2: instance families, price-capacity-optimized, instance profile, ignores desired vCPUs", () => {
    const s = synth((stack) => ce(stack, "Ec2Spot", { type: "SPOT", maxVcpus: 64, spotBidPercentage: 80 }));
    const resource = resourceAt(s, "aws_batch_compute_environment", "Ec2Spot");
    expect(resource.compute_resources).toMatchObject({
      type: "SPOT",
      min_vcpus: 0,
      max_vcpus: 64,
      instance_type: ["m6i", "c6i", "r6i"],
      allocation_strategy: "SPOT_PRICE_CAPACITY_OPTIMIZED",
      bid_percentage: 80,
      ec2_configuration: [{ image_type: "ECS_AL2023" }],
      instance_role: expect.stringMatching(/aws_iam_instance_profile\.Ec2Spot_InstanceRole_InstanceProfile_.*\.arn/),
      launch_template: { launch_template_id: expect.stringMatching(/aws_launch_template\./), version: expect.stringMatching(/latest_version/) },
    });
    expect(resource.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ["compute_resources[0].desired_vcpus"] });
    const trust = JSON.parse(resourceAt(s, "aws_iam_role", "Ec2Spot/InstanceRole").assume_role_policy);
    expect(trust.Statement[0].Principal.Service).toBe("ec2.amazonaws.com");
    const attached = Object.values(resourcesOf(s, "aws_iam_role_policy_attachment")).map((a: any) => a.policy_arn);
    expect(attached.sort()).toEqual(["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"]);
  });

  test("EC2 instances launch with IMDSv2 only (hop limit 1) and an encrypted gp3 root volume", () => {
    const key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const s = synth((stack) => ce(stack, "Ec2", { type: "EC2", rootVolumeGiB: 100, rootVolumeKmsKeyArn: key }));
    expect(s.json).toHaveResourceWithProperties(LaunchTemplate, {
      name_prefix: "acme-test-ec2-",
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
    });
    expect(resourceAt(s, "aws_launch_template", "Ec2/LaunchTemplate").block_device_mappings).toEqual([
      { device_name: "/dev/xvda", ebs: { encrypted: "true", kms_key_id: key, volume_size: 100, volume_type: "gp3", delete_on_termination: "true" } },
    ]);
    expect(resourceAt(s, "aws_batch_compute_environment", "Ec2").compute_resources.allocation_strategy).toBe("BEST_FIT_PROGRESSIVE");
  });

  test("a custom service role, disabled state, given subnets and groups are used as given", () => {
    const s = synth((stack) => {
      const first = ce(stack, "First");
      ce(stack, "Second", { serviceRoleArn: "arn:aws:iam::111122223333:role/batch", enabled: false, subnetIds: ["subnet-x"], securityGroups: [first.securityGroup!] });
    });
    const second = resourceAt(s, "aws_batch_compute_environment", "Second");
    expect(second).toMatchObject({ service_role: "arn:aws:iam::111122223333:role/batch", state: "DISABLED", compute_resources: { subnets: ["subnet-x"] } });
    expect(second.compute_resources.security_group_ids).toEqual([expect.stringMatching(/First_SecurityGroup/)]);
    expect(Object.keys(resourcesOf(s, "aws_security_group"))).toHaveLength(1);
  });

  test("knows the CPU architecture of its instance types", () => {
    synth((stack) => {
      expect(ce(stack, "Graviton", { type: "EC2", instanceTypes: ["m7g", "c7g.large"] }).architecture).toBe("arm64");
      expect(ce(stack, "Intel", { type: "EC2" }).architecture).toBe("x86_64");
      expect(ce(stack, "Fargate").architecture).toBeUndefined();
    });
  });
});

describe("ComputeEnvironment bad input", () => {
  test.each<[string, Partial<ComputeEnvironmentProps>, RegExp]>([
    ["a name that leaves no room for the generated suffix", { name: "a".repeat(102) }, /^test\/Env: invalid name "a{102}": expected 1 to 101 characters of letters, digits, hyphens and underscores \[BATCH_COMPUTE_ENVIRONMENT_NAME\]$/],
    ["an unknown type", { type: "LAMBDA" as any }, /invalid type "LAMBDA": expected one of "FARGATE", "FARGATE_SPOT", "EC2", "SPOT" \[BATCH_COMPUTE_ENVIRONMENT_TYPE\]/],
    ["zero max vCPUs", { maxVcpus: 0 }, /invalid maxVcpus 0: .*\[BATCH_MAX_VCPUS\]/],
    ["instance types on Fargate", { instanceTypes: ["m6i"] }, /invalid instanceTypes \["m6i"\]: expected no instanceTypes for a FARGATE_SPOT compute environment \(it applies to EC2 and SPOT only\) \[BATCH_EC2_ONLY\]/],
    ["a Spot strategy on On-Demand EC2", { type: "EC2", allocationStrategy: "SPOT_CAPACITY_OPTIMIZED" }, /invalid allocationStrategy "SPOT_CAPACITY_OPTIMIZED": expected one of "BEST_FIT_PROGRESSIVE" \[BATCH_ALLOCATION_STRATEGY\]/],
    ["a bid percentage on On-Demand EC2", { type: "EC2", spotBidPercentage: 50 }, /\[BATCH_SPOT_ONLY\]/],
    ["a bid percentage over 100", { type: "SPOT", spotBidPercentage: 120 }, /invalid spotBidPercentage 120: expected an integer from 1 to 100 percent \[BATCH_SPOT_BID\]/],
    ["min above max vCPUs", { type: "EC2", minVcpus: 32, maxVcpus: 16 }, /invalid minVcpus 32: expected a value no greater than maxVcpus \(16\) \[BATCH_MIN_VCPUS\]/],
    ["mixed architectures", { type: "EC2", instanceTypes: ["m6i", "m7g.large"] }, /invalid instanceTypes \["m6i","m7g.large"\]: expected instance types of one CPU architecture \(m6i is x86_64, m7g.large is arm64\) \[BATCH_MIXED_ARCHITECTURES\]/],
    ["a malformed instance type", { type: "EC2", instanceTypes: ["M6I Large"] }, /invalid instanceTypes\[0\] "M6I Large".*\[BATCH_INSTANCE_TYPE\]/],
    ["a root volume under 30 GiB", { type: "EC2", rootVolumeGiB: 8 }, /\[BATCH_ROOT_VOLUME\]/],
    ["no subnets", { subnetIds: [] }, /invalid subnetIds \[\]: expected at least one item \[BATCH_SUBNETS\]/],
    ["no security groups", { securityGroups: [] }, /\[BATCH_SECURITY_GROUPS\]/],
  ])("throws on %s", (_name, props, message) => {
    expect(errorOf((scope) => new ComputeEnvironment(scope, "Env", { name: "acme-test-env", type: "FARGATE_SPOT", network, ...props }))).toMatch(message);
  });
});

describe("JobQueue", () => {
  test("lists Fargate Spot first and Fargate as fallback, with priority, state and runnable time limits", () => {
    const s = synth((stack) => fargateQueue(stack));
    expect(s.json).toHaveResourceWithProperties(BatchJobQueue, { name: "acme-test-jobs", priority: 1, state: "ENABLED" });
    const queue = resourceAt(s, "aws_batch_job_queue", "Queue");
    expect(queue.compute_environment_order).toEqual([
      { compute_environment: expect.stringMatching(/aws_batch_compute_environment\.Spot_[0-9A-F]{8}\.arn/), order: 1 },
      { compute_environment: expect.stringMatching(/aws_batch_compute_environment\.OnDemand_[0-9A-F]{8}\.arn/), order: 2 },
    ]);
    expect(queue.job_state_time_limit_action).toHaveLength(3);
    expect(queue.job_state_time_limit_action[0]).toEqual({ action: "CANCEL", state: "RUNNABLE", reason: "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE", max_time_seconds: 600 });
    expect(queue.scheduling_policy_arn).toBeUndefined();
  });

  test("a fair-share policy with share identifiers and weights is attached", () => {
    const s = synth((stack) => {
      const queue = fargateQueue(stack, { fairShare: { shares: { reports: 1, backfill: 4 }, shareDecaySeconds: 3600, computeReservation: 10 }, priority: 10 });
      expect(queue.fairShare).toBe(true);
    });
    expect(resourceAt(s, "aws_batch_scheduling_policy", "Queue/SchedulingPolicy")).toMatchObject({
      name: "acme-test-jobs",
      fair_share_policy: {
        share_decay_seconds: 3600,
        compute_reservation: 10,
        share_distribution: [
          { share_identifier: "reports", weight_factor: 1 },
          { share_identifier: "backfill", weight_factor: 4 },
        ],
      },
    });
    expect(resourceAt(s, "aws_batch_job_queue", "Queue")).toMatchObject({ priority: 10, scheduling_policy_arn: expect.stringMatching(/aws_batch_scheduling_policy/) });
  });

  test("runnable time limits can be changed or turned off, and the queue disabled", () => {
    const s = synth((stack) => fargateQueue(stack, { runnableTimeLimits: [], enabled: false }));
    const queue = resourceAt(s, "aws_batch_job_queue", "Queue");
    expect(queue.job_state_time_limit_action).toBeUndefined();
    expect(queue.state).toBe("DISABLED");
  });
});

describe("JobQueue bad input", () => {
  const build = (scope: Construct, kinds: Array<[ComputeEnvironmentProps["type"], number]>, extra: Partial<JobQueueProps> = {}) =>
    new JobQueue(scope, "Queue", {
      name: "acme-test-jobs",
      computeEnvironments: kinds.map(([type, order], i) => ({ computeEnvironment: ce(scope, `Ce${i}`, { type }), order })),
      ...extra,
    });

  test.each<[string, Array<[ComputeEnvironmentProps["type"], number]>, Partial<JobQueueProps>, RegExp]>([
    ["no compute environments", [], {}, /^test\/Queue: invalid computeEnvironments "0 compute environments": expected 1 to 3 compute environments \[BATCH_QUEUE_COMPUTE_ENVIRONMENT_COUNT\]$/],
    ["four compute environments", [["FARGATE", 1], ["FARGATE", 2], ["FARGATE_SPOT", 3], ["FARGATE_SPOT", 4]], {}, /invalid computeEnvironments "4 compute environments": expected 1 to 3 .*\[BATCH_QUEUE_COMPUTE_ENVIRONMENT_COUNT\]/],
    ["Fargate and EC2 in one queue", [["FARGATE_SPOT", 1], ["EC2", 2]], {}, /invalid computeEnvironments \["FARGATE_SPOT","EC2"\]: expected all Fargate \(FARGATE, FARGATE_SPOT\) or all EC2 \(EC2, SPOT\) compute environments; Batch does not mix them in a queue \[BATCH_QUEUE_MIXED_ENVIRONMENTS\]/],
    ["a duplicate order", [["FARGATE_SPOT", 1], ["FARGATE", 1]], {}, /invalid computeEnvironments\[1\]\.order 1: expected a different order for each compute environment \[BATCH_QUEUE_DUPLICATE_ORDER\]/],
    ["a negative order", [["FARGATE_SPOT", -1]], {}, /invalid computeEnvironments\[0\]\.order -1: .*\[BATCH_QUEUE_ORDER\]/],
    ["a priority over 1000", [["FARGATE", 1]], { priority: 1001 }, /invalid priority 1001: expected an integer from 0 to 1000 \[BATCH_JOB_QUEUE_PRIORITY\]/],
    ["a negative priority", [["FARGATE", 1]], { priority: -1 }, /\[BATCH_JOB_QUEUE_PRIORITY\]/],
    ["a time limit under 10 minutes", [["FARGATE", 1]], { runnableTimeLimits: [{ reason: "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", maxTimeSeconds: 60 }] }, /invalid runnableTimeLimits\[0\]\.maxTimeSeconds 60: expected an integer from 600 to 86400 seconds \[BATCH_QUEUE_TIME_LIMIT\]/],
    ["an unknown time limit reason", [["FARGATE", 1]], { runnableTimeLimits: [{ reason: "STUCK" as any, maxTimeSeconds: 600 }] }, /invalid runnableTimeLimits\[0\]\.reason "STUCK": expected one of .*\[BATCH_QUEUE_TIME_LIMIT_REASON\]/],
    ["a name with a dot", [["FARGATE", 1]], { name: "acme.jobs" }, /\[BATCH_JOB_QUEUE_NAME\]/],
    ["a fair-share weight of 0", [["FARGATE", 1]], { fairShare: { shares: { reports: 0 } } }, /^test\/Queue\/SchedulingPolicy: invalid fairShare\.shares\.reports 0: expected a number from 0\.0001 to 999\.9999 \[BATCH_FAIR_SHARE_WEIGHT\]$/],
    ["a bad share identifier", [["FARGATE", 1]], { fairShare: { shares: { "team-a": 1 } } }, /invalid fairShare\.shares\.team-a "team-a": .*\[BATCH_FAIR_SHARE_IDENTIFIER\]/],
    ["a compute reservation of 100", [["FARGATE", 1]], { fairShare: { computeReservation: 100 } }, /\[BATCH_FAIR_SHARE_RESERVATION\]/],
  ])("throws on %s", (_name, kinds, extra, message) => {
    expect(errorOf((scope) => build(scope, kinds, extra))).toMatch(message);
  });

  test("throws on the same compute environment twice", () => {
    expect(
      errorOf((scope) => {
        const env = ce(scope, "Spot");
        new JobQueue(scope, "Queue", { name: "q", computeEnvironments: [{ computeEnvironment: env, order: 1 }, { computeEnvironment: env, order: 2 }] });
      }),
    ).toMatch(/invalid computeEnvironments\[1\] "FARGATE_SPOT": expected each compute environment once \[BATCH_QUEUE_DUPLICATE_ENVIRONMENT\]/);
  });

  test("throws on environments of two CPU architectures", () => {
    expect(
      errorOf((scope) => {
        const intel = ce(scope, "Intel", { type: "EC2" });
        const graviton = ce(scope, "Graviton", { type: "SPOT", instanceTypes: ["c7g"] });
        new JobQueue(scope, "Queue", { name: "q", computeEnvironments: [{ computeEnvironment: intel, order: 1 }, { computeEnvironment: graviton, order: 2 }] });
      }),
    ).toMatch(/invalid computeEnvironments \["x86_64","arm64"\]: expected compute environments of one CPU architecture \[BATCH_QUEUE_MIXED_ARCHITECTURES\]/);
  });
});

describe("JobDefinition", () => {
  test("a Fargate container job with its own log group, roles, retries for Spot, a timeout and propagated tags", () => {
    const s = synth((stack) => job(stack, { vcpus: 0.5, memoryMiB: 1024, command: ["reindex", "Ref::day"], parameters: { day: "today" } }));
    const definition = resourceAt(s, "aws_batch_job_definition", "Job");
    expect(definition).toMatchObject({
      name: "acme-test-reindex",
      type: "container",
      platform_capabilities: ["FARGATE"],
      parameters: { day: "today" },
      propagate_tags: true,
      timeout: { attempt_duration_seconds: 21600 },
      retry_strategy: { attempts: 3, evaluate_on_exit: [{ action: "RETRY", on_status_reason: "Host EC2*" }, { action: "RETRY", on_status_reason: "Your Spot Task was interrupted*" }, { action: "EXIT", on_reason: "*" }] },
    });
    const properties = JSON.parse(definition.container_properties);
    expect(properties).toMatchObject({
      image: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/acme/reindex:1.4.2",
      resourceRequirements: [
        { type: "VCPU", value: "0.5" },
        { type: "MEMORY", value: "1024" },
      ],
      readonlyRootFilesystem: true,
      networkConfiguration: { assignPublicIp: "DISABLED" },
      logConfiguration: { logDriver: "awslogs", options: { "awslogs-stream-prefix": "acme-test-reindex" } },
    });
    expect(properties.executionRoleArn).toMatch(/aws_iam_role\.Job_ExecutionRole_.*\.arn/);
    expect(properties.jobRoleArn).toMatch(/aws_iam_role\.Job_JobRole_.*\.arn/);
    expect(resourceAt(s, "aws_cloudwatch_log_group", "Job/LogGroup")).toMatchObject({ name: "/aws/batch/acme-test-reindex", retention_in_days: 30 });
  });

  test("the execution role reads exactly the image repository, log group and secrets; the job role has no permissions", () => {
    const secret = Secret.fromSsmParameter("arn:aws:ssm:eu-west-1:111122223333:parameter/acme/token");
    const s = synth((stack) => job(stack, { secrets: { TOKEN: secret } }));
    const statements = policyOf(s, "Job/ExecutionRole/Policy").Statement;
    expect(statements.map((st: any) => st.Sid)).toEqual(["EcrAuthToken", "EcrPull", "Logs", "Parameters"]);
    expect(statements[1].Resource).toBe("arn:aws:ecr:eu-west-1:111122223333:repository/acme/reindex");
    expect(statements[3].Resource).toBe("arn:aws:ssm:eu-west-1:111122223333:parameter/acme/token");
    expect(Object.keys(resourcesOf(s, "aws_iam_role_policy"))).toHaveLength(1);
  });

  test("grant adds exact resources to the job role", () => {
    const s = synth((stack) => job(stack).grant(["s3:GetObject"], ["arn:aws:s3:::acme-data/*"], "ReadData"));
    expect(policyOf(s, "Job/JobRole/Policy").Statement).toEqual([{ Sid: "ReadData", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-data/*" }]);
  });

  test("an EC2 job with GPUs, an existing job role and custom retries", () => {
    const s = synth((stack) =>
      job(stack, { platform: "EC2", vcpus: 4, memoryMiB: 15000, gpus: 1, jobRoleArn: "arn:aws:iam::111122223333:role/existing", retryAttempts: 5, retryRules: [{ action: "RETRY", onExitCode: "137" }], timeoutSeconds: 600 }),
    );
    const definition = resourceAt(s, "aws_batch_job_definition", "Job");
    expect(definition).toMatchObject({ platform_capabilities: ["EC2"], retry_strategy: { attempts: 5, evaluate_on_exit: [{ action: "RETRY", on_exit_code: "137" }] }, timeout: { attempt_duration_seconds: 600 } });
    expect(JSON.parse(definition.container_properties).jobRoleArn).toBe("arn:aws:iam::111122223333:role/existing");
    expect(Object.keys(resourcesOf(s, "aws_iam_role"))).toHaveLength(1);
  });
});

describe("JobDefinition bad input", () => {
  test.each<[string, Partial<JobDefinitionProps>, RegExp]>([
    ["Fargate memory outside the table", { vcpus: 1, memoryMiB: 1024 }, /^test\/Job: invalid memoryMiB 1024: expected memoryMiB from 2048 to 8192 in steps of 1024 with 1 vCPU on Fargate \[BATCH_FARGATE_SIZE\]$/],
    ["a Fargate vCPU value that does not exist", { vcpus: 3, memoryMiB: 8192 }, /invalid vcpus 3: expected vcpus one of 0\.25, 0\.5, 1, 2, 4, 8, 16 on Fargate \[BATCH_FARGATE_SIZE\]/],
    ["0.25 vCPU with 4 GiB", { vcpus: 0.25, memoryMiB: 4096 }, /expected memoryMiB one of 512, 1024, 2048 with 0\.25 vCPU on Fargate/],
    ["GPUs on Fargate", { gpus: 1 }, /invalid gpus 1: expected no gpus on Fargate.*\[BATCH_EC2_ONLY\]/],
    ["fractional vCPUs on EC2", { platform: "EC2", vcpus: 0.5 }, /invalid vcpus 0\.5: expected an integer from 1 to 10000 \[BATCH_EC2_VCPUS\]/],
    ["ephemeral storage on EC2", { platform: "EC2", ephemeralStorageGiB: 50 }, /\[BATCH_FARGATE_ONLY\]/],
    ["ephemeral storage over 200 GiB", { ephemeralStorageGiB: 500 }, /\[BATCH_EPHEMERAL_STORAGE\]/],
    ["a reserved environment name", { environment: { AWS_BATCH_JOB_ID: "x" } }, /invalid environment\.AWS_BATCH_JOB_ID "AWS_BATCH_JOB_ID": .*reserved by Batch\) \[BATCH_ENVIRONMENT_NAME\]/],
    ["a name in both environment and secrets", { environment: { TOKEN: "x" }, secrets: { TOKEN: Secret.fromSsmParameter("arn:aws:ssm:eu-west-1:111122223333:parameter/t") } }, /\[BATCH_ENVIRONMENT_DUPLICATE\]/],
    ["a secret that is not an ARN", { secrets: { TOKEN: Secret.fromSsmParameter("/acme/token") } }, /invalid secrets\.TOKEN "\/acme\/token".*\[SECRET_ARN_INVALID\]/],
    ["11 attempts", { retryAttempts: 11 }, /invalid retryAttempts 11: expected an integer from 1 to 10 \[BATCH_RETRY_ATTEMPTS\]/],
    ["six retry rules", { retryRules: Array.from({ length: 6 }, () => ({ action: "EXIT" as const, onReason: "*" })) }, /invalid retryRules "6 rules": expected at most 5 rules \[BATCH_RETRY_RULES\]/],
    ["a retry rule without a condition", { retryRules: [{ action: "RETRY" }] }, /\[BATCH_RETRY_CONDITION\]/],
    ["an exit code pattern with letters", { retryRules: [{ action: "RETRY", onExitCode: "1x" }] }, /invalid retryRules\[0\]\.onExitCode "1x": expected 1 to 512 characters of digits, optionally ending in \* \[BATCH_RETRY_PATTERN\]/],
    ["a reason pattern with a star inside", { retryRules: [{ action: "RETRY", onStatusReason: "Host*EC2" }] }, /\[BATCH_RETRY_PATTERN\]/],
    ["a timeout under a minute", { timeoutSeconds: 30 }, /\[BATCH_TIMEOUT\]/],
    ["a log retention CloudWatch does not offer", { logRetentionDays: 10 }, /\[LOG_RETENTION\]/],
    ["an empty command", { command: [] }, /\[BATCH_COMMAND_EMPTY\]/],
    ["a name with spaces", { name: "nightly reindex" }, /\[BATCH_JOB_DEFINITION_NAME\]/],
  ])("throws on %s", (_name, props, message) => {
    expect(errorOf((scope) => job(scope, props))).toMatch(message);
  });

  test("throws when granting through a job definition that uses an existing role", () => {
    expect(errorOf((scope) => job(scope, { jobRoleArn: "arn:aws:iam::111122223333:role/x" }).grant(["s3:GetObject"], ["arn:aws:s3:::b/*"]))).toMatch(/\[BATCH_JOB_ROLE_EXTERNAL\]/);
  });
});

describe("BatchJobSchedule", () => {
  const schedule = (scope: Construct, props: Partial<BatchJobScheduleProps> = {}, queueProps: Partial<JobQueueProps> = {}) =>
    new BatchJobSchedule(scope, "Nightly", {
      name: "acme-test-nightly-reindex",
      schedule: "cron(30 1 * * ? *)",
      timeZone: "Europe/Paris",
      jobQueue: fargateQueue(scope, queueProps),
      jobDefinition: job(scope),
      ...props,
    });

  test("submits the job through the batch:SubmitJob universal target with a role scoped to the queue and definition", () => {
    const s = synth((stack) => schedule(stack, { arraySize: 4, parameters: { day: "yesterday" } }));
    const resource = resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule");
    expect(resource).toMatchObject({ name: "acme-test-nightly-reindex", schedule_expression: "cron(30 1 * * ? *)", schedule_expression_timezone: "Europe/Paris" });
    expect(resource.target.arn).toBe("arn:aws:scheduler:::aws-sdk:batch:submitJob");
    expect(JSON.parse(resource.target.input)).toEqual({
      JobName: "acme-test-nightly-reindex",
      JobQueue: expect.stringMatching(/aws_batch_job_queue\.Queue_[0-9A-F]{8}\.arn/),
      JobDefinition: expect.stringMatching(/aws_batch_job_definition\.Job_[0-9A-F]{8}\.arn/),
      ArrayProperties: { Size: 4 },
      Parameters: { day: "yesterday" },
    });
    const submit = policyOf(s, "Nightly/Schedule/Role/Policy").Statement[0];
    expect(submit).toEqual({
      Sid: "SubmitJob",
      Effect: "Allow",
      Action: "batch:SubmitJob",
      Resource: [expect.stringMatching(/^\$\{aws_batch_job_queue\.Queue_[0-9A-F]{8}\.arn\}$/), expect.stringMatching(/^\$\{aws_batch_job_definition\.Job_[0-9A-F]{8}\.arn_prefix\}:\*$/)],
    });
  });

  test("failed jobs of this schedule reach the failure queue, which alarms", () => {
    const s = synth((stack) => schedule(stack));
    const pattern = JSON.parse(resourceAt(s, "aws_cloudwatch_event_rule", "Nightly/Schedule/FailureRule").event_pattern);
    expect(pattern).toEqual({
      source: ["aws.batch"],
      "detail-type": ["Batch Job State Change"],
      detail: { status: ["FAILED"], jobQueue: [expect.stringMatching(/^\$\{aws_batch_job_queue\.Queue_[0-9A-F]{8}\.arn\}$/)], jobName: ["acme-test-nightly-reindex"] },
    });
    expect(resourceAt(s, "aws_sqs_queue", "Nightly/Schedule/FailureQueue").name).toBe("acme-test-nightly-reindex-dlq");
    expect(resourceAt(s, "aws_cloudwatch_metric_alarm", "Nightly/Schedule/FailureQueue/Alarm").alarm_name).toBe("acme-test-nightly-reindex-dlq-not-empty");
  });

  test("a fair-share queue gets the share identifier", () => {
    const s = synth((stack) => schedule(stack, { shareIdentifier: "reports" }, { fairShare: { shares: { reports: 1 } } }));
    expect(JSON.parse(resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule").target.input).ShareIdentifier).toBe("reports");
  });

  test.each<[string, Partial<BatchJobScheduleProps>, Partial<JobQueueProps>, RegExp]>([
    ["a fair-share queue without a share identifier", {}, { fairShare: {} }, /^test\/Nightly: invalid shareIdentifier \(missing\): expected a share identifier, because the job queue has a fair-share policy \[BATCH_SHARE_IDENTIFIER\]$/],
    ["an array of one", { arraySize: 1 }, {}, /invalid arraySize 1: expected an integer from 2 to 10000 \[BATCH_ARRAY_SIZE\]/],
    ["an invalid cron", { schedule: "cron(0 25 * * ? *)" }, {}, /invalid schedule "cron\(0 25 \* \* \? \*\)": expected 25 is out of range 0-23 in the hours field.*\[SCHEDULE_CRON_FIELD\]/],
    ["a time zone that is not IANA", { timeZone: "Paris" }, {}, /invalid timeZone "Paris".*\[SCHEDULE_TIME_ZONE\]/],
    ["a reserved environment override", { environment: { AWS_BATCH_CE_NAME: "x" } }, {}, /\[BATCH_ENVIRONMENT_NAME\]/],
    ["a name over 64 characters", { name: "n".repeat(65) }, {}, /\[BATCH_SCHEDULE_NAME\]/],
  ])("throws on %s", (_name, props, queueProps, message) => {
    expect(errorOf((scope) => schedule(scope, props, queueProps))).toMatch(message);
  });
});
