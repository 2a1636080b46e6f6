import { Construct } from "constructs";
import {
  BatchJobSchedule,
  BatchJobScheduleProps,
  ComputeEnvironment,
  ComputeEnvironmentProps,
  FairSharePolicy,
  InstanceLaunchTemplate,
  InstanceRole,
  JobDefinition,
  JobDefinitionProps,
  JobQueue,
  JobQueueProps,
} from "../../src/batch";
import { LOG_RETENTION_DAYS } from "../../src/core/log-retention";
import { SecurityGroup } from "../../src/network/security-group";
import { ContainerImage } from "../../src/task/image";
import { Secret } from "../../src/task/secret";
import { BOUNDARY_ALLOWED, PATH_ALLOWED } from "../core/role-messages";
import { attributesNetwork, expectedMessage, testRejections, validationErrorOf } from "../helpers";
import { scheduleOptionRejections } from "../schedule/option-rejections";

/**
 * Every bad input the batch constructs reject, each with the library's one message shape:
 * `<construct path>: invalid <property> <value>: expected <allowed> [<CODE>]`.
 */

const network = attributesNetwork();
const image = ContainerImage.fromRegistry("111122223333.dkr.ecr.eu-west-1.amazonaws.com/acme/reindex:1.4.2");
const ssmSecret = Secret.fromSsmParameter("arn:aws:ssm:eu-west-1:111122223333:parameter/acme/token");
const NAME_CHARS = "letters, digits, hyphens and underscores";
const RETRY_REASON_CHARS = "letters, digits, periods, colons and spaces, optionally ending in *";
const ENV_NAME = "a variable name of letters, digits and underscores, not starting with a digit or AWS_BATCH (reserved by Batch)";
const RESERVED_TAG_KEY = 'a key of 1 to 128 characters not starting with "aws:"';

const ce = (scope: Construct, id: string, props: Partial<ComputeEnvironmentProps> = {}) =>
  new ComputeEnvironment(scope, id, { name: `acme-test-${id.toLowerCase()}`, type: "FARGATE_SPOT", network, ...props });
const env = (props: Partial<ComputeEnvironmentProps>) => (scope: Construct) => ce(scope, "Env", props);

type Kinds = Array<[ComputeEnvironmentProps["type"], number]>;
const queue =
  (kinds: Kinds, props: Partial<JobQueueProps> = {}) =>
  (scope: Construct) =>
    new JobQueue(scope, "Queue", {
      name: "acme-test-jobs",
      computeEnvironments: kinds.map(([type, order], i) => ({ computeEnvironment: ce(scope, `Ce${i}`, { type }), order })),
      ...props,
    });
const fargateQueue = (props: Partial<JobQueueProps> = {}) =>
  queue(
    [
      ["FARGATE_SPOT", 1],
      ["FARGATE", 2],
    ],
    props,
  );

const newJob = (scope: Construct, props: Partial<JobDefinitionProps> = {}) =>
  new JobDefinition(scope, "Job", { name: "acme-test-reindex", image, ...props });
const job = (props: Partial<JobDefinitionProps>) => (scope: Construct) => newJob(scope, props);

const schedule =
  (props: Partial<BatchJobScheduleProps>, queueProps: Partial<JobQueueProps> = {}) =>
  (scope: Construct) =>
    new BatchJobSchedule(scope, "Nightly", {
      name: "acme-test-nightly-reindex",
      schedule: "cron(30 1 * * ? *)",
      jobQueue: fargateQueue(queueProps)(scope),
      jobDefinition: newJob(scope),
      ...props,
    });

describe("ComputeEnvironment bad input", () => {
  const at = "test/Env";
  testRejections([
    [
      "an instance role boundary that is a role ARN",
      env({ type: "EC2", roleOptions: { permissionsBoundaryArn: "arn:aws:iam::123456789012:role/boundary" } }),
      expectedMessage(
        at,
        "roleOptions.permissionsBoundaryArn",
        "arn:aws:iam::123456789012:role/boundary",
        BOUNDARY_ALLOWED,
        "ROLE_PERMISSIONS_BOUNDARY",
      ),
    ],
    [
      "a name that leaves no room for the generated suffix",
      env({ name: "a".repeat(102) }),
      expectedMessage(at, "name", "a".repeat(102), `1 to 101 characters of ${NAME_CHARS}`, "BATCH_COMPUTE_ENVIRONMENT_NAME"),
    ],
    [
      "a reserved tag key",
      env({ tags: { "aws:team": "x" } }),
      expectedMessage(at, "tags.aws:team", "aws:team", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
    [
      "a tag value over 256 characters",
      env({ tags: { team: "v".repeat(257) } }),
      expectedMessage(at, "tags.team", "v".repeat(257), "a value of at most 256 characters", "TAG_VALUE_TOO_LONG"),
    ],
    [
      "more than 50 tags",
      env({ tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }),
      expectedMessage(at, "tags", 51, "at most 50 tags", "TAGS_TOO_MANY"),
    ],
    [
      "an unknown type",
      env({ type: "LAMBDA" as any }),
      expectedMessage(at, "type", "LAMBDA", 'one of "FARGATE", "FARGATE_SPOT", "EC2", "SPOT"', "BATCH_COMPUTE_ENVIRONMENT_TYPE"),
    ],
    ["zero max vCPUs", env({ maxVcpus: 0 }), expectedMessage(at, "maxVcpus", 0, "an integer from 1 to 1000000", "BATCH_MAX_VCPUS")],
    ["no subnets", env({ subnetIds: [] }), expectedMessage(at, "subnetIds", [], "at least one item", "BATCH_SUBNETS")],
    [
      "an empty security group list",
      env({ securityGroups: [] }),
      expectedMessage(at, "securityGroups", 0, "1 to 5 security groups (leave it out to get a new one)", "BATCH_SECURITY_GROUPS"),
    ],
    [
      "six security groups",
      (scope) => {
        const groups = Array.from(
          { length: 6 },
          (_, i) => new SecurityGroup(scope, `Sg${i}`, { vpcId: network.vpcId, name: `acme-test-${i}`, description: "test" }),
        );
        ce(scope, "Env", { securityGroups: groups });
      },
      expectedMessage(at, "securityGroups", 6, "1 to 5 security groups (leave it out to get a new one)", "BATCH_SECURITY_GROUPS"),
    ],
    [
      "instance types on Fargate",
      env({ instanceTypes: ["m6i"] }),
      expectedMessage(
        at,
        "instanceTypes",
        ["m6i"],
        "no instanceTypes for a FARGATE_SPOT compute environment (it applies to EC2 and SPOT only)",
        "BATCH_EC2_ONLY",
      ),
    ],
    [
      "a root volume on Fargate",
      env({ type: "FARGATE", rootVolumeGiB: 50 }),
      expectedMessage(
        at,
        "rootVolumeGiB",
        50,
        "no rootVolumeGiB for a FARGATE compute environment (it applies to EC2 and SPOT only)",
        "BATCH_EC2_ONLY",
      ),
    ],
    [
      "a Spot strategy on On-Demand EC2",
      env({ type: "EC2", allocationStrategy: "SPOT_CAPACITY_OPTIMIZED" }),
      expectedMessage(at, "allocationStrategy", "SPOT_CAPACITY_OPTIMIZED", 'one of "BEST_FIT_PROGRESSIVE"', "BATCH_ALLOCATION_STRATEGY"),
    ],
    [
      "a bid percentage on On-Demand EC2",
      env({ type: "EC2", spotBidPercentage: 50 }),
      expectedMessage(at, "spotBidPercentage", 50, 'no spotBidPercentage unless type is "SPOT"', "BATCH_SPOT_ONLY"),
    ],
    [
      "a bid percentage over 100",
      env({ type: "SPOT", spotBidPercentage: 120 }),
      expectedMessage(at, "spotBidPercentage", 120, "an integer from 1 to 100 percent", "BATCH_SPOT_BID"),
    ],
    [
      "min above max vCPUs",
      env({ type: "EC2", minVcpus: 32, maxVcpus: 16 }),
      expectedMessage(at, "minVcpus", 32, "a value no greater than maxVcpus (16)", "BATCH_MIN_VCPUS"),
    ],
    [
      "negative min vCPUs",
      env({ type: "EC2", minVcpus: -1 }),
      expectedMessage(at, "minVcpus", -1, "an integer from 0 to 1000000", "BATCH_MIN_VCPUS"),
    ],
    [
      "an unknown image type",
      env({ type: "EC2", imageType: "ECS_AL2" as any }),
      expectedMessage(at, "imageType", "ECS_AL2", 'one of "ECS_AL2023", "ECS_AL2023_NVIDIA"', "BATCH_IMAGE_TYPE"),
    ],
    [
      "a root volume under 30 GiB",
      env({ type: "EC2", rootVolumeGiB: 8 }),
      expectedMessage(at, "rootVolumeGiB", 8, "an integer from 30 to 16384 GiB", "BATCH_ROOT_VOLUME"),
    ],
    [
      "a metadata hop limit of 0",
      env({ type: "EC2", metadataHopLimit: 0 }),
      expectedMessage(at, "metadataHopLimit", 0, "an integer from 1 to 64", "BATCH_METADATA_HOP_LIMIT"),
    ],
    [
      "no instance types",
      env({ type: "EC2", instanceTypes: [] }),
      expectedMessage(at, "instanceTypes", [], "at least one item", "BATCH_INSTANCE_TYPES"),
    ],
    [
      "a malformed instance type",
      env({ type: "EC2", instanceTypes: ["M6I Large"] }),
      expectedMessage(
        at,
        "instanceTypes[0]",
        "M6I Large",
        'an instance type that exists ("m6i.large"), a family ("m6i") or "optimal"',
        "BATCH_INSTANCE_TYPE",
      ),
    ],
    [
      "an instance type that does not exist (a typo)",
      env({ type: "EC2", instanceTypes: ["c6ig.large"] }),
      expectedMessage(
        at,
        "instanceTypes[0]",
        "c6ig.large",
        'an instance type that exists ("m6i.large"), a family ("m6i") or "optimal"',
        "BATCH_INSTANCE_TYPE",
      ),
    ],
    [
      "a family that does not exist",
      env({ type: "EC2", instanceTypes: ["m9z"] }),
      expectedMessage(
        at,
        "instanceTypes[0]",
        "m9z",
        'an instance type that exists ("m6i.large"), a family ("m6i") or "optimal"',
        "BATCH_INSTANCE_TYPE",
      ),
    ],
    [
      "the NVIDIA image with Graviton instance types",
      env({ type: "EC2", instanceTypes: ["g5g.xlarge"], imageType: "ECS_AL2023_NVIDIA" }),
      expectedMessage(
        at,
        "imageType",
        "ECS_AL2023_NVIDIA",
        '"ECS_AL2023" with Graviton instance types (g5g.xlarge); the NVIDIA AMI is x86_64 only',
        "BATCH_IMAGE_ARCHITECTURE",
      ),
    ],
    [
      "mixed architectures",
      env({ type: "EC2", instanceTypes: ["m6i", "m7g.large"] }),
      expectedMessage(
        at,
        "instanceTypes",
        ["m6i", "m7g.large"],
        "instance types of one CPU architecture (m6i is x86_64, m7g.large is arm64)",
        "BATCH_MIXED_ARCHITECTURES",
      ),
    ],
  ]);
});

describe("InstanceRole bad input", () => {
  testRejections([
    [
      "a role name with spaces",
      (scope) => new InstanceRole(scope, "Role", { roleName: "batch instance" }),
      expectedMessage("test/Role", "name", "batch instance", "1 to 64 characters of letters, digits and +=,.@_-", "INSTANCE_ROLE_NAME"),
    ],
    [
      "a reserved tag key",
      (scope) => new InstanceRole(scope, "Role", { roleName: "acme-batch", tags: { "aws:team": "x" } }),
      expectedMessage("test/Role", "tags.aws:team", "aws:team", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
  ]);
});

describe("InstanceLaunchTemplate bad input", () => {
  const template = (props: Partial<ConstructorParameters<typeof InstanceLaunchTemplate>[2]>) => (scope: Construct) =>
    new InstanceLaunchTemplate(scope, "Template", { namePrefix: "acme-batch", rootVolumeGiB: 30, metadataHopLimit: 1, ...props });
  const at = "test/Template";
  testRejections([
    [
      "a name prefix with spaces",
      template({ namePrefix: "acme batch" }),
      expectedMessage(at, "namePrefix", "acme batch", "1 to 101 characters of letters, digits and ()./_-", "BATCH_LAUNCH_TEMPLATE_NAME"),
    ],
    [
      "a root volume under 30 GiB",
      template({ rootVolumeGiB: 8 }),
      expectedMessage(at, "rootVolumeGiB", 8, "an integer from 30 to 16384 GiB", "BATCH_ROOT_VOLUME"),
    ],
    [
      "a hop limit over 64",
      template({ metadataHopLimit: 65 }),
      expectedMessage(at, "metadataHopLimit", 65, "an integer from 1 to 64", "BATCH_METADATA_HOP_LIMIT"),
    ],
    [
      "a reserved tag key",
      template({ tags: { "AWS:team": "x" } }),
      expectedMessage(at, "tags.AWS:team", "AWS:team", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
  ]);
});

describe("FairSharePolicy bad input", () => {
  const policyAt = "test/Queue/SchedulingPolicy";
  const IDENTIFIER = "a share identifier of letters, digits and underscores (up to 255), optionally ending in *";
  testRejections([
    [
      "a name with a dot",
      (scope) => new FairSharePolicy(scope, "Policy", { name: "acme.jobs" }),
      expectedMessage("test/Policy", "name", "acme.jobs", `1 to 128 characters of ${NAME_CHARS}`, "BATCH_SCHEDULING_POLICY_NAME"),
    ],
    [
      "a reserved tag key",
      (scope) => new FairSharePolicy(scope, "Policy", { name: "acme-jobs", tags: { "aws:team": "x" } }),
      expectedMessage("test/Policy", "tags.aws:team", "aws:team", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
    [
      "a weight of 0",
      fargateQueue({ fairShare: { shares: { reports: 0 } } }),
      expectedMessage(policyAt, "fairShare.shares.reports", 0, "a number from 0.0001 to 999.9999", "BATCH_FAIR_SHARE_WEIGHT"),
    ],
    [
      "a share identifier with a hyphen",
      fargateQueue({ fairShare: { shares: { "team-a": 1 } } }),
      expectedMessage(policyAt, "fairShare.shares.team-a", "team-a", IDENTIFIER, "BATCH_FAIR_SHARE_IDENTIFIER"),
    ],
    [
      "a compute reservation of 100",
      fargateQueue({ fairShare: { computeReservation: 100 } }),
      expectedMessage(policyAt, "fairShare.computeReservation", 100, "an integer from 0 to 99 percent", "BATCH_FAIR_SHARE_RESERVATION"),
    ],
    [
      "a share decay over a week",
      fargateQueue({ fairShare: { shareDecaySeconds: 604801 } }),
      expectedMessage(policyAt, "fairShare.shareDecaySeconds", 604801, "an integer from 0 to 604800 seconds", "BATCH_FAIR_SHARE_DECAY"),
    ],
    [
      "501 share identifiers",
      fargateQueue({ fairShare: { shares: Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`s${i}`, 1])) } }),
      expectedMessage(policyAt, "fairShare.shares", 501, "at most 500 share identifiers", "BATCH_FAIR_SHARE_COUNT"),
    ],
  ]);
});

describe("JobQueue bad input", () => {
  const at = "test/Queue";
  const REASONS =
    '"MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE", "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT", "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY"';
  testRejections([
    [
      "a submit grant without a job definition",
      (scope) => fargateQueue()(scope).grantSubmit(newJob(scope), []),
      expectedMessage(
        at,
        "jobDefinitions",
        [],
        "at least one job definition (SubmitJob is authorized on the queue and the definition)",
        "BATCH_GRANT_SUBMIT_NO_DEFINITIONS",
      ),
    ],
    [
      "no compute environments",
      queue([]),
      expectedMessage(
        at,
        "computeEnvironments",
        "0 compute environments",
        "1 to 3 compute environments",
        "BATCH_QUEUE_COMPUTE_ENVIRONMENT_COUNT",
      ),
    ],
    [
      "four compute environments",
      queue([
        ["FARGATE", 1],
        ["FARGATE", 2],
        ["FARGATE_SPOT", 3],
        ["FARGATE_SPOT", 4],
      ]),
      expectedMessage(
        at,
        "computeEnvironments",
        "4 compute environments",
        "1 to 3 compute environments",
        "BATCH_QUEUE_COMPUTE_ENVIRONMENT_COUNT",
      ),
    ],
    [
      "Fargate and EC2 in one queue",
      queue([
        ["FARGATE_SPOT", 1],
        ["EC2", 2],
      ]),
      expectedMessage(
        at,
        "computeEnvironments",
        ["FARGATE_SPOT", "EC2"],
        "all Fargate (FARGATE, FARGATE_SPOT) or all EC2 (EC2, SPOT) compute environments; Batch does not mix them in a queue",
        "BATCH_QUEUE_MIXED_ENVIRONMENTS",
      ),
    ],
    [
      "a duplicate order",
      queue([
        ["FARGATE_SPOT", 1],
        ["FARGATE", 1],
      ]),
      expectedMessage(
        at,
        "computeEnvironments[1].order",
        1,
        "a different order for each compute environment",
        "BATCH_QUEUE_DUPLICATE_ORDER",
      ),
    ],
    [
      "a negative order",
      queue([["FARGATE_SPOT", -1]]),
      expectedMessage(at, "computeEnvironments[0].order", -1, "an integer from 0 to 2147483647", "BATCH_QUEUE_ORDER"),
    ],
    [
      "a priority over 1000",
      queue([["FARGATE", 1]], { priority: 1001 }),
      expectedMessage(at, "priority", 1001, "an integer from 0 to 1000", "BATCH_JOB_QUEUE_PRIORITY"),
    ],
    [
      "a negative priority",
      queue([["FARGATE", 1]], { priority: -1 }),
      expectedMessage(at, "priority", -1, "an integer from 0 to 1000", "BATCH_JOB_QUEUE_PRIORITY"),
    ],
    [
      "a time limit under 10 minutes",
      queue([["FARGATE", 1]], { runnableTimeLimits: [{ reason: "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", maxTimeSeconds: 60 }] }),
      expectedMessage(at, "runnableTimeLimits[0].maxTimeSeconds", 60, "an integer from 600 to 86400 seconds", "BATCH_QUEUE_TIME_LIMIT"),
    ],
    [
      "an unknown time limit reason",
      queue([["FARGATE", 1]], { runnableTimeLimits: [{ reason: "STUCK" as any, maxTimeSeconds: 600 }] }),
      expectedMessage(at, "runnableTimeLimits[0].reason", "STUCK", `one of ${REASONS}`, "BATCH_QUEUE_TIME_LIMIT_REASON"),
    ],
    [
      "the same time limit reason twice",
      queue([["FARGATE", 1]], {
        runnableTimeLimits: [
          { reason: "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", maxTimeSeconds: 600 },
          { reason: "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", maxTimeSeconds: 900 },
        ],
      }),
      expectedMessage(
        at,
        "runnableTimeLimits[1].reason",
        "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
        "each reason once",
        "BATCH_QUEUE_TIME_LIMIT_REASON",
      ),
    ],
    [
      "a name with a dot",
      queue([["FARGATE", 1]], { name: "acme.jobs" }),
      expectedMessage(at, "name", "acme.jobs", `1 to 128 characters of ${NAME_CHARS}`, "BATCH_JOB_QUEUE_NAME"),
    ],
    [
      "a reserved tag key",
      queue([["FARGATE", 1]], { tags: { "aws:team": "x" } }),
      expectedMessage(at, "tags.aws:team", "aws:team", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
    [
      "the same compute environment twice",
      (scope) => {
        const spot = ce(scope, "Spot");
        new JobQueue(scope, "Queue", {
          name: "q",
          computeEnvironments: [
            { computeEnvironment: spot, order: 1 },
            { computeEnvironment: spot, order: 2 },
          ],
        });
      },
      expectedMessage(at, "computeEnvironments[1]", "FARGATE_SPOT", "each compute environment once", "BATCH_QUEUE_DUPLICATE_ENVIRONMENT"),
    ],
    [
      "environments of two CPU architectures",
      (scope) => {
        const intel = ce(scope, "Intel", { type: "EC2" });
        const graviton = ce(scope, "Graviton", { type: "SPOT", instanceTypes: ["c7g"] });
        new JobQueue(scope, "Queue", {
          name: "q",
          computeEnvironments: [
            { computeEnvironment: intel, order: 1 },
            { computeEnvironment: graviton, order: 2 },
          ],
        });
      },
      expectedMessage(
        at,
        "computeEnvironments",
        ["x86_64", "arm64"],
        "compute environments of one CPU architecture",
        "BATCH_QUEUE_MIXED_ARCHITECTURES",
      ),
    ],
  ]);
});

describe("JobDefinition bad input", () => {
  const at = "test/Job";
  testRejections([
    [
      "a role path without the trailing slash",
      job({ roleOptions: { path: "/jobs" } }),
      expectedMessage(at, "roleOptions.path", "/jobs", PATH_ALLOWED, "ROLE_PATH"),
    ],
    [
      "a name with spaces",
      job({ name: "nightly reindex" }),
      expectedMessage(at, "name", "nightly reindex", `1 to 128 characters of ${NAME_CHARS}`, "BATCH_JOB_DEFINITION_NAME"),
    ],
    [
      "a reserved tag key",
      job({ tags: { "aws:team": "x" } }),
      expectedMessage(at, "tags.aws:team", "aws:team", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
    [
      "an unknown platform",
      job({ platform: "LAMBDA" as any }),
      expectedMessage(at, "platform", "LAMBDA", 'one of "FARGATE", "EC2"', "BATCH_JOB_PLATFORM"),
    ],
    [
      "a log retention CloudWatch does not offer",
      job({ logRetentionDays: 10 }),
      expectedMessage(at, "logRetentionDays", 10, `one of ${LOG_RETENTION_DAYS.join(", ")}`, "LOG_RETENTION"),
    ],
    [
      "11 attempts",
      job({ retryAttempts: 11 }),
      expectedMessage(at, "retryAttempts", 11, "an integer from 1 to 10", "BATCH_RETRY_ATTEMPTS"),
    ],
    [
      "a timeout under a minute",
      job({ timeoutSeconds: 30 }),
      expectedMessage(at, "timeoutSeconds", 30, "an integer from 60 to 2147483647 seconds", "BATCH_TIMEOUT"),
    ],
    [
      "Fargate memory outside the table",
      job({ vcpus: 1, memoryMiB: 1024 }),
      expectedMessage(at, "memoryMiB", 1024, "memoryMiB from 2048 to 8192 in steps of 1024 with 1 vCPU on Fargate", "BATCH_FARGATE_SIZE"),
    ],
    [
      "a Fargate vCPU value that does not exist",
      job({ vcpus: 3, memoryMiB: 8192 }),
      expectedMessage(at, "vcpus", 3, "vcpus one of 0.25, 0.5, 1, 2, 4, 8, 16 on Fargate", "BATCH_FARGATE_SIZE"),
    ],
    [
      "0.25 vCPU with 4 GiB",
      job({ vcpus: 0.25, memoryMiB: 4096 }),
      expectedMessage(at, "memoryMiB", 4096, "memoryMiB one of 512, 1024, 2048 with 0.25 vCPU on Fargate", "BATCH_FARGATE_SIZE"),
    ],
    ["GPUs on Fargate", job({ gpus: 1 }), expectedMessage(at, "gpus", 1, 'no gpus on Fargate (use platform "EC2")', "BATCH_EC2_ONLY")],
    [
      "ephemeral storage over 200 GiB",
      job({ ephemeralStorageGiB: 500 }),
      expectedMessage(at, "ephemeralStorageGiB", 500, "an integer from 21 to 200 GiB", "BATCH_EPHEMERAL_STORAGE"),
    ],
    [
      "an unknown CPU architecture",
      job({ cpuArchitecture: "ARM" as any }),
      expectedMessage(at, "cpuArchitecture", "ARM", 'one of "X86_64", "ARM64"', "BATCH_CPU_ARCHITECTURE"),
    ],
    [
      "fractional vCPUs on EC2",
      job({ platform: "EC2", vcpus: 0.5 }),
      expectedMessage(at, "vcpus", 0.5, "an integer from 1 to 10000", "BATCH_EC2_VCPUS"),
    ],
    [
      "2 MiB of memory on EC2",
      job({ platform: "EC2", memoryMiB: 2 }),
      expectedMessage(at, "memoryMiB", 2, "an integer from 4 to 24576000 MiB", "BATCH_EC2_MEMORY"),
    ],
    ["zero GPUs on EC2", job({ platform: "EC2", gpus: 0 }), expectedMessage(at, "gpus", 0, "an integer from 1 to 64", "BATCH_GPUS")],
    [
      "ephemeral storage on EC2",
      job({ platform: "EC2", ephemeralStorageGiB: 50 }),
      expectedMessage(at, "ephemeralStorageGiB", 50, "no ephemeralStorageGiB on EC2 (the instance decides it)", "BATCH_FARGATE_ONLY"),
    ],
    [
      "a CPU architecture on EC2",
      job({ platform: "EC2", cpuArchitecture: "ARM64" }),
      expectedMessage(at, "cpuArchitecture", "ARM64", "no cpuArchitecture on EC2 (the instance decides it)", "BATCH_FARGATE_ONLY"),
    ],
    [
      "a reserved environment name",
      job({ environment: { AWS_BATCH_JOB_ID: "x" } }),
      expectedMessage(at, "environment.AWS_BATCH_JOB_ID", "AWS_BATCH_JOB_ID", ENV_NAME, "BATCH_ENVIRONMENT_NAME"),
    ],
    [
      "a secret name starting with a digit",
      job({ secrets: { "1TOKEN": ssmSecret } }),
      expectedMessage(at, "secrets.1TOKEN", "1TOKEN", ENV_NAME, "BATCH_ENVIRONMENT_NAME"),
    ],
    [
      "a name in both environment and secrets",
      job({ environment: { TOKEN: "x" }, secrets: { TOKEN: ssmSecret } }),
      expectedMessage(at, "secrets.TOKEN", "TOKEN", "a name not also set in environment", "BATCH_ENVIRONMENT_DUPLICATE"),
    ],
    [
      "a secret that is not an ARN",
      job({ secrets: { TOKEN: Secret.fromSsmParameter("/acme/token") } }),
      expectedMessage(
        at,
        "secrets.TOKEN",
        "/acme/token",
        "an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)",
        "SECRET_ARN_INVALID",
      ),
    ],
    [
      "an image reference with spaces",
      job({ image: ContainerImage.fromRegistry("acme/reindex latest") }),
      expectedMessage(
        at,
        "image",
        "acme/reindex latest",
        'an image reference [registry/]repository[:tag][@sha256:<64 hex>] (the repository path component "reindex latest" is not lowercase letters and digits joined by ".", "_", "__" or "-")',
        "IMAGE_NAME_INVALID",
      ),
    ],
    [
      "six retry rules",
      job({ retryRules: Array.from({ length: 6 }, () => ({ action: "EXIT" as const, onReason: "*" })) }),
      expectedMessage(at, "retryRules", "6 rules", "at most 5 rules", "BATCH_RETRY_RULES"),
    ],
    [
      "an unknown retry action",
      job({ retryRules: [{ action: "RESTART" as any, onReason: "*" }] }),
      expectedMessage(at, "retryRules[0].action", "RESTART", 'one of "RETRY", "EXIT"', "BATCH_RETRY_ACTION"),
    ],
    [
      "a retry rule without a condition",
      job({ retryRules: [{ action: "RETRY" }] }),
      expectedMessage(
        at,
        "retryRules[0]",
        { action: "RETRY" },
        "at least one of onExitCode, onReason, onStatusReason",
        "BATCH_RETRY_CONDITION",
      ),
    ],
    [
      "an exit code pattern with letters",
      job({ retryRules: [{ action: "RETRY", onExitCode: "1x" }] }),
      expectedMessage(at, "retryRules[0].onExitCode", "1x", "1 to 512 characters of digits, optionally ending in *", "BATCH_RETRY_PATTERN"),
    ],
    [
      "a status reason with a star inside",
      job({ retryRules: [{ action: "RETRY", onStatusReason: "Host*EC2" }] }),
      expectedMessage(
        at,
        "retryRules[0].onStatusReason",
        "Host*EC2",
        `1 to 512 characters of ${RETRY_REASON_CHARS}`,
        "BATCH_RETRY_PATTERN",
      ),
    ],
    [
      "an empty reason pattern",
      job({ retryRules: [{ action: "EXIT", onReason: "" }] }),
      expectedMessage(at, "retryRules[0].onReason", "", `1 to 512 characters of ${RETRY_REASON_CHARS}`, "BATCH_RETRY_PATTERN"),
    ],
    [
      "an empty command",
      job({ command: [] }),
      expectedMessage(at, "command", [], "at least one argument, or no command (the image's own)", "BATCH_COMMAND_EMPTY"),
    ],
    [
      "a grant through a job definition that uses an existing role",
      (scope) => newJob(scope, { jobRoleArn: "arn:aws:iam::111122223333:role/x" }).grant(["s3:GetObject"], ["arn:aws:s3:::b/*"]),
      expectedMessage(
        at,
        "jobRoleArn",
        "arn:aws:iam::111122223333:role/x",
        "no jobRoleArn when granting through the job definition (grant on your own role instead)",
        "BATCH_JOB_ROLE_EXTERNAL",
      ),
    ],
    [
      "a grant on every resource",
      (scope) => newJob(scope).grant(["s3:GetObject"], ["*"]),
      expectedMessage(at, "resourceArns", ["*"], 'at least one action and one or more ARNs, no "*"', "BATCH_GRANT"),
    ],
    [
      "a grant of no actions",
      (scope) => newJob(scope).grant([], ["arn:aws:s3:::b/*"]),
      expectedMessage(at, "resourceArns", ["arn:aws:s3:::b/*"], 'at least one action and one or more ARNs, no "*"', "BATCH_GRANT"),
    ],
  ]);
});

describe("BatchJobSchedule bad input", () => {
  const at = "test/Nightly";
  testRejections([
    [
      "a fair-share queue without a share identifier",
      schedule({}, { fairShare: {} }),
      expectedMessage(
        at,
        "shareIdentifier",
        undefined,
        "a share identifier, because the job queue has a fair-share policy",
        "BATCH_SHARE_IDENTIFIER",
      ),
    ],
    [
      "a share identifier with a hyphen",
      schedule({ shareIdentifier: "team-a" }),
      expectedMessage(at, "shareIdentifier", "team-a", "1 to 255 letters, digits and underscores", "BATCH_SHARE_IDENTIFIER"),
    ],
    [
      "a share identifier on a queue without a fair-share policy",
      schedule({ shareIdentifier: "team_a" }),
      expectedMessage(
        at,
        "shareIdentifier",
        "team_a",
        "no share identifier, because the job queue has no fair-share policy (give the queue fairShare to use one)",
        "BATCH_SHARE_IDENTIFIER",
      ),
    ],
    [
      "a partition that does not exist",
      schedule({ partition: "aws-us-east" }),
      expectedMessage(
        at,
        "partition",
        "aws-us-east",
        "an AWS partition: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc",
        "BATCH_PARTITION",
      ),
    ],
    ["an array of one", schedule({ arraySize: 1 }), expectedMessage(at, "arraySize", 1, "an integer from 2 to 10000", "BATCH_ARRAY_SIZE")],
    [
      "an empty command override",
      schedule({ command: [] }),
      expectedMessage(at, "command", [], "at least one argument, or no command override", "BATCH_COMMAND_EMPTY"),
    ],
    [
      "a reserved environment override",
      schedule({ environment: { AWS_BATCH_CE_NAME: "x" } }),
      expectedMessage(at, "environment.AWS_BATCH_CE_NAME", "AWS_BATCH_CE_NAME", ENV_NAME, "BATCH_ENVIRONMENT_NAME"),
    ],
    [
      "a name over 64 characters",
      schedule({ name: "n".repeat(65) }),
      expectedMessage(at, "name", "n".repeat(65), "1 to 64 characters of letters, digits and ._-", "BATCH_SCHEDULE_NAME"),
    ],
    [
      "a reserved tag key",
      schedule({ tags: { "aws:team": "x" } }),
      expectedMessage(at, "tags.aws:team", "aws:team", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
    ...scheduleOptionRejections(at, schedule),
  ]);
});

test("every rejection is a ValidationError carrying the code, property and value", () => {
  expect(validationErrorOf((scope) => newJob(scope, { retryAttempts: 0 }))).toMatchObject({
    code: "BATCH_RETRY_ATTEMPTS",
    property: "retryAttempts",
    value: 0,
    constructPath: "test/Job",
  });
});

describe("batch module: required props from a JSON or plain-JavaScript config", () => {
  testRejections([
    [
      "a JobDefinition without image",
      (scope) => new JobDefinition(scope, "Job", JSON.parse('{"name":"acme-report"}')),
      expectedMessage("test/Job", "image", undefined, "a ContainerImage (an object with imageName) (required)", "PROP_REQUIRED"),
    ],
    [
      "a JobQueue whose compute environments are one name",
      (scope) => new JobQueue(scope, "Queue", JSON.parse('{"name":"acme-jobs","computeEnvironments":"acme-fargate"}')),
      expectedMessage("test/Queue", "computeEnvironments", "acme-fargate", "a list of compute environments with their order", "PROP_TYPE"),
    ],
    [
      "a ComputeEnvironment without network",
      (scope) => new ComputeEnvironment(scope, "Compute", JSON.parse('{"name":"acme-fargate","type":"FARGATE"}')),
      expectedMessage(
        "test/Compute",
        "network",
        undefined,
        "an INetwork such as a Network (an object with vpcId, workloadSubnetIds) (required)",
        "PROP_REQUIRED",
      ),
    ],
  ]);
});
