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
import { Queue } from "../../src/queue/queue";
import { TaskDefinition } from "../../src/task/task-definition";
import { attributesNetwork, resourceAt, resourcesOf, synth } from "../helpers";

const network = attributesNetwork();
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
const job = (scope: Construct, props: Partial<JobDefinitionProps> = {}) =>
  new JobDefinition(scope, "Job", { name: "acme-test-reindex", image, ...props });
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
    expect(resource.compute_resources).toMatchObject({
      type: "FARGATE_SPOT",
      max_vcpus: 256,
      subnets: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
    });
    expect(resource.service_role).toBeUndefined();
    expect(resource.compute_resources.instance_role).toBeUndefined();
    expect(resource.compute_resources.security_group_ids).toEqual([expect.stringMatching(/aws_security_group\.Spot_SecurityGroup_/)]);
    expect(resourceAt(s, "aws_security_group", "Spot/SecurityGroup").name_prefix).toBe("acme-test-spot-batch-");
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
      launch_template: {
        launch_template_id: expect.stringMatching(/aws_launch_template\./),
        version: expect.stringMatching(/latest_version/),
      },
    });
    expect(resource.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ["compute_resources[0].desired_vcpus"] });
    const trust = JSON.parse(resourceAt(s, "aws_iam_role", "Ec2Spot/InstanceRole").assume_role_policy);
    expect(trust.Statement[0].Principal.Service).toBe("ec2.amazonaws.com");
    const attached = Object.values(resourcesOf(s, "aws_iam_role_policy_attachment")).map((a: any) => a.policy_arn);
    expect(attached.sort()).toEqual([
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
    ]);
  });

  test("EC2 instances launch with IMDSv2 only (hop limit 1, no instance tags in the metadata) and an encrypted gp3 root volume", () => {
    const key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const s = synth((stack) => ce(stack, "Ec2", { type: "EC2", rootVolumeGiB: 100, rootVolumeKmsKeyArn: key }));
    expect(s.json).toHaveResourceWithProperties(LaunchTemplate, { name_prefix: "acme-test-ec2-" });
    // The same host hardening as the cluster's capacity providers (cluster/host-hardening.ts).
    expect(resourceAt(s, "aws_launch_template", "Ec2/LaunchTemplate").metadata_options).toEqual({
      http_endpoint: "enabled",
      http_tokens: "required",
      http_put_response_hop_limit: 1,
      instance_metadata_tags: "disabled",
    });
    expect(resourceAt(s, "aws_launch_template", "Ec2/LaunchTemplate").block_device_mappings).toEqual([
      {
        device_name: "/dev/xvda",
        ebs: { encrypted: "true", kms_key_id: key, volume_size: 100, volume_type: "gp3", delete_on_termination: "true" },
      },
    ]);
    expect(resourceAt(s, "aws_batch_compute_environment", "Ec2").compute_resources.allocation_strategy).toBe("BEST_FIT_PROGRESSIVE");
  });

  test("a custom service role, disabled state, given subnets and groups are used as given", () => {
    const s = synth((stack) => {
      const first = ce(stack, "First");
      ce(stack, "Second", {
        serviceRoleArn: "arn:aws:iam::111122223333:role/batch",
        enabled: false,
        subnetIds: ["subnet-x"],
        securityGroups: [first.securityGroup!],
      });
    });
    const second = resourceAt(s, "aws_batch_compute_environment", "Second");
    expect(second).toMatchObject({
      service_role: "arn:aws:iam::111122223333:role/batch",
      state: "DISABLED",
      compute_resources: { subnets: ["subnet-x"] },
    });
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
    expect(queue.job_state_time_limit_action[0]).toEqual({
      action: "CANCEL",
      state: "RUNNABLE",
      reason: "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE",
      max_time_seconds: 600,
    });
    expect(queue.scheduling_policy_arn).toBeUndefined();
  });

  test("a fair-share policy with share identifiers and weights is attached", () => {
    const s = synth((stack) => {
      const queue = fargateQueue(stack, {
        fairShare: { shares: { reports: 1, backfill: 4 }, shareDecaySeconds: 3600, computeReservation: 10 },
        priority: 10,
      });
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
    expect(resourceAt(s, "aws_batch_job_queue", "Queue")).toMatchObject({
      priority: 10,
      scheduling_policy_arn: expect.stringMatching(/aws_batch_scheduling_policy/),
    });
  });

  test("runnable time limits can be changed or turned off, and the queue disabled", () => {
    const s = synth((stack) => fargateQueue(stack, { runnableTimeLimits: [], enabled: false }));
    const queue = resourceAt(s, "aws_batch_job_queue", "Queue");
    expect(queue.job_state_time_limit_action).toBeUndefined();
    expect(queue.state).toBe("DISABLED");
  });

  test("grantSubmit allows batch:SubmitJob on exactly the queue and every revision of the given job definitions", () => {
    const s = synth((stack) => {
      const queue = fargateQueue(stack);
      const submitter = new TaskDefinition(stack, "Submitter", {
        name: "acme-test-submitter",
        containers: { app: { image: ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:1.27") } },
      });
      queue.grantSubmit(submitter, [job(stack)]);
    });
    const [statement] = policyOf(s, "Submitter/TaskRole/Policy").Statement;
    expect(statement).toEqual({
      Effect: "Allow",
      Action: "batch:SubmitJob",
      Resource: [
        expect.stringMatching(/^\$\{aws_batch_job_queue\.Queue_[0-9A-F]{8}\.arn\}$/),
        expect.stringMatching(/^\$\{aws_batch_job_definition\.Job_[0-9A-F]{8}\.arn_prefix\}:\*$/),
      ],
    });
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
      retry_strategy: {
        attempts: 3,
        evaluate_on_exit: [
          { action: "RETRY", on_status_reason: "Host EC2*" },
          { action: "RETRY", on_status_reason: "Your Spot Task was interrupted*" },
          { action: "EXIT", on_reason: "*" },
        ],
      },
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
    expect(resourceAt(s, "aws_cloudwatch_log_group", "Job/LogGroup")).toMatchObject({
      name: "/aws/batch/acme-test-reindex",
      retention_in_days: 30,
    });
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
    expect(policyOf(s, "Job/JobRole/Policy").Statement).toEqual([
      { Sid: "ReadData", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-data/*" },
    ]);
  });

  test("is a grantee: a queue's grantSend lands on the job role", () => {
    const s = synth((stack) => new Queue(stack, "Results", { name: "acme-test-results" }).grantSend(job(stack)));
    expect(policyOf(s, "Job/JobRole/Policy").Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
        Resource: "${aws_sqs_queue.Results.arn}",
      },
    ]);
  });

  test("an EC2 job with GPUs, an existing job role and custom retries", () => {
    const s = synth((stack) =>
      job(stack, {
        platform: "EC2",
        vcpus: 4,
        memoryMiB: 15000,
        gpus: 1,
        jobRoleArn: "arn:aws:iam::111122223333:role/existing",
        retryAttempts: 5,
        retryRules: [{ action: "RETRY", onExitCode: "137" }],
        timeoutSeconds: 600,
      }),
    );
    const definition = resourceAt(s, "aws_batch_job_definition", "Job");
    expect(definition).toMatchObject({
      platform_capabilities: ["EC2"],
      retry_strategy: { attempts: 5, evaluate_on_exit: [{ action: "RETRY", on_exit_code: "137" }] },
      timeout: { attempt_duration_seconds: 600 },
    });
    expect(JSON.parse(definition.container_properties).jobRoleArn).toBe("arn:aws:iam::111122223333:role/existing");
    expect(Object.keys(resourcesOf(s, "aws_iam_role"))).toHaveLength(1);
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
    expect(resource).toMatchObject({
      name: "acme-test-nightly-reindex",
      schedule_expression: "cron(30 1 * * ? *)",
      schedule_expression_timezone: "Europe/Paris",
    });
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
      Resource: [
        expect.stringMatching(/^\$\{aws_batch_job_queue\.Queue_[0-9A-F]{8}\.arn\}$/),
        expect.stringMatching(/^\$\{aws_batch_job_definition\.Job_[0-9A-F]{8}\.arn_prefix\}:\*$/),
      ],
    });
  });

  test("failed jobs of this schedule reach the failure queue, which alarms", () => {
    const s = synth((stack) => schedule(stack));
    const pattern = JSON.parse(resourceAt(s, "aws_cloudwatch_event_rule", "Nightly/Schedule/FailureRule").event_pattern);
    expect(pattern).toEqual({
      source: ["aws.batch"],
      "detail-type": ["Batch Job State Change"],
      detail: {
        status: ["FAILED"],
        jobQueue: [expect.stringMatching(/^\$\{aws_batch_job_queue\.Queue_[0-9A-F]{8}\.arn\}$/)],
        jobName: ["acme-test-nightly-reindex"],
      },
    });
    expect(resourceAt(s, "aws_sqs_queue", "Nightly/Schedule/FailureQueue").name).toBe("acme-test-nightly-reindex-dlq");
    expect(resourceAt(s, "aws_cloudwatch_metric_alarm", "Nightly/Schedule/FailureQueue/Alarm").alarm_name).toBe(
      "acme-test-nightly-reindex-dlq-not-empty",
    );
  });

  test("a fair-share queue gets the share identifier", () => {
    const s = synth((stack) => schedule(stack, { shareIdentifier: "reports" }, { fairShare: { shares: { reports: 1 } } }));
    expect(JSON.parse(resourceAt(s, "aws_scheduler_schedule", "Nightly/Schedule").target.input).ShareIdentifier).toBe("reports");
  });
});
