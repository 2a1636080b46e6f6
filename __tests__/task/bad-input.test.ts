import { Token } from "cdktf";
import { Construct } from "constructs";
import { ContainerImage, ContainerOptions, Secret, TaskDefinition, TaskDefinitionProps } from "../../src/task";
import { expectedMessage, Rejection, testRejections } from "../helpers";
import { BOUNDARY_ALLOWED, PATH_ALLOWED } from "../core/role-messages";

const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/db-AbCdEf";
const PARAM = "arn:aws:ssm:eu-west-1:123456789012:parameter/acme/api-key";
const FS_ARN = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-00000001";
const web: ContainerOptions = { image: ContainerImage.fromRegistry("nginx:1.27"), portMappings: [{ containerPort: 8080, name: "http" }] };
const sidecar: ContainerOptions = { image: ContainerImage.fromRegistry("busybox:1.36") };
const base: TaskDefinitionProps = { name: "acme-test-web", containers: { web } };
const ec2: Partial<TaskDefinitionProps> = { compatibility: "EC2" };

/** A TaskDefinition with `props` over a valid Fargate web task. */
const task = (props: Partial<TaskDefinitionProps>) => (scope: Construct) => new TaskDefinition(scope, "Task", { ...base, ...props });
/** The `web` container with `options` over its valid settings. */
const webWith = (options: Partial<ContainerOptions>, more: Partial<TaskDefinitionProps> = {}) =>
  task({ containers: { web: { ...web, ...options } }, ...more });
const manyTags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));

/**
 * Every input the task module's constructs reject: [what is wrong, how to build it, the full message].
 * Each message has the library's one shape: `<path>: invalid <property> <value>: expected <allowed> [<CODE>]`.
 */
const cases: Rejection[] = [
  // TaskDefinition: names, tags and task-level settings
  [
    "a permissions boundary for the roles that is a role ARN",
    task({ roleOptions: { permissionsBoundaryArn: "arn:aws:iam::123456789012:role/boundary" } }),
    expectedMessage(
      "test/Task",
      "roleOptions.permissionsBoundaryArn",
      "arn:aws:iam::123456789012:role/boundary",
      BOUNDARY_ALLOWED,
      "ROLE_PERMISSIONS_BOUNDARY",
    ),
  ],
  [
    "a role path without slashes",
    task({ roleOptions: { path: "platform" } }),
    expectedMessage("test/Task", "roleOptions.path", "platform", PATH_ALLOWED, "ROLE_PATH"),
  ],
  [
    "the family name has characters ECS refuses",
    task({ name: "acme web" }),
    /^test\/Task: invalid name "acme web": expected 1 to 255 characters of letters, digits, hyphens and underscores \[TASK_FAMILY\]$/,
  ],
  [
    "the log group name has characters CloudWatch refuses",
    task({ logGroupName: "ecs logs" }),
    /^test\/Task: invalid logGroupName "ecs logs": expected 1 to 512 characters of letters, digits and _-\.\/# \[LOG_GROUP_NAME\]$/,
  ],
  ["more than 50 tags", task({ tags: manyTags }), /^test\/Task: invalid tags 51: expected at most 50 tags \[TAGS_TOO_MANY\]$/],
  [
    "a tag key in the reserved aws: prefix",
    task({ tags: { "aws:team": "x" } }),
    /^test\/Task: invalid tags\.aws:team "aws:team": expected a key of 1 to 128 characters not starting with "aws:" \[TAG_KEY_INVALID\]$/,
  ],
  [
    "a tag value over 256 characters",
    task({ tags: { team: "x".repeat(257) } }),
    /^test\/Task: invalid tags\.team "x{196}\.\.\.: expected a value of at most 256 characters \[TAG_VALUE_TOO_LONG\]$/,
  ],
  [
    "an unknown compatibility",
    task({ compatibility: "LAMBDA" as any }),
    /^test\/Task: invalid compatibility "LAMBDA": expected one of "FARGATE", "EC2", "EXTERNAL" \[TASK_COMPATIBILITY\]$/,
  ],
  [
    "Fargate with the bridge network mode",
    task({ networkMode: "bridge" }),
    /^test\/Task: invalid networkMode "bridge": expected one of "awsvpc" \[TASK_NETWORK_MODE\]$/,
  ],
  [
    "an unknown CPU architecture",
    task({ runtimePlatform: { cpuArchitecture: "RISCV" as any } }),
    /^test\/Task: invalid runtimePlatform\.cpuArchitecture "RISCV": expected one of "X86_64", "ARM64" \[TASK_CPU_ARCHITECTURE\]$/,
  ],
  [
    "a log retention CloudWatch does not offer",
    task({ logRetentionDays: 10 }),
    /^test\/Task: invalid logRetentionDays 10: expected one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 \[LOG_RETENTION\]$/,
  ],
  [
    "a Fargate CPU/memory pair not in the AWS table",
    task({ cpu: 256, memoryMiB: 4096 }),
    /^test\/Task: invalid memoryMiB \{"cpu":256,"memoryMiB":4096\}: expected a Fargate size: memoryMiB one of 512, 1024, 2048 with cpu 256 \[FARGATE_SIZE\]$/,
  ],
  [
    "a CPU value Fargate does not offer",
    task({ cpu: 300, memoryMiB: 1024 }),
    /^test\/Task: invalid memoryMiB \{"cpu":300,"memoryMiB":1024\}: expected a Fargate size: cpu one of 256, 512, 1024, 2048, 4096, 8192, 16384 \[FARGATE_SIZE\]$/,
  ],
  [
    "an EC2 task CPU below 128 units",
    task({ ...ec2, cpu: 100 }),
    /^test\/Task: invalid cpu 100: expected an integer from 128 to 196608 CPU units \[TASK_CPU\]$/,
  ],
  [
    "an EC2 task memory below 128 MiB",
    task({ ...ec2, memoryMiB: 100 }),
    /^test\/Task: invalid memoryMiB 100: expected an integer from 128 to 983040 MiB \[TASK_MEMORY\]$/,
  ],
  [
    "ephemeral storage on EC2",
    task({ ...ec2, ephemeralStorageGiB: 30 }),
    /^test\/Task: invalid ephemeralStorageGiB 30: expected no ephemeralStorageGiB on EC2 \(size the instance volume instead\) \[EPHEMERAL_STORAGE_FARGATE_ONLY\]$/,
  ],
  [
    "ephemeral storage outside 21 to 200 GiB",
    task({ ephemeralStorageGiB: 10 }),
    /^test\/Task: invalid ephemeralStorageGiB 10: expected an integer from 21 to 200 GiB \[EPHEMERAL_STORAGE\]$/,
  ],
  ["no containers", task({ containers: {} }), /^test\/Task: invalid containers \{\}: expected at least one container \[NO_CONTAINERS\]$/],
  [
    "more than 10 containers",
    task({ containers: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`c${i}`, sidecar])) }),
    /^test\/Task: invalid containers 11: expected at most 10 containers per task definition \[TOO_MANY_CONTAINERS\]$/,
  ],
  [
    "no essential container",
    webWith({ essential: false }),
    /^test\/Task: invalid containers \["web"\]: expected at least one essential container \[NO_ESSENTIAL_CONTAINER\]$/,
  ],
  [
    "a default container that does not exist",
    task({ defaultContainerName: "api" }),
    /^test\/Task: invalid defaultContainerName "api": expected one of web \[UNKNOWN_CONTAINER\]$/,
  ],
  [
    "a volume name used twice",
    task({ scratchVolumes: ["tmp", "tmp"] }),
    /^test\/Task: invalid scratchVolumes "tmp": expected unique values \(this one appears more than once\) \[VOLUME_NAME_DUPLICATE\]$/,
  ],
  [
    "an EFS volume with both an access point and a root directory",
    task({ efsVolumes: { data: { fileSystemId: "fs-1", fileSystemArn: FS_ARN, accessPointId: "fsap-1", rootDirectory: "/x" } } }),
    /^test\/Task: invalid efsVolumes\.data\.rootDirectory "\/x": expected no rootDirectory when accessPointId is set \(the access point defines the root\) \[EFS_ROOT_WITH_ACCESS_POINT\]$/,
  ],
  [
    "a number as an environment value (a config from JSON)",
    webWith({ environment: { PORT: 8080 as unknown as string } }),
    /^test\/Task: invalid containers\.web\.environment\.PORT 8080: expected a string \(quote numbers and booleans\) \[ENVIRONMENT_VALUE_INVALID\]$/,
  ],
  [
    "a relative working directory",
    webWith({ workingDirectory: "app" }),
    /^test\/Task: invalid containers\.web\.workingDirectory "app": expected an absolute path such as \/app \[WORKING_DIRECTORY_INVALID\]$/,
  ],
  [
    "an EFS file system id where its ARN is required",
    task({ efsVolumes: { data: { fileSystemId: "fs-1", fileSystemArn: "fs-0123abcd" } } }),
    /^test\/Task: invalid efsVolumes\.data\.fileSystemArn "fs-0123abcd": expected an EFS file system ARN \(arn:aws:elasticfilesystem:<region>:<account>:file-system\/fs-<id>\), not a file system id \[EFS_FILE_SYSTEM_ARN\]$/,
  ],
  [
    "a KMS alias where the log group key ARN is required",
    task({ logKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/logs" }),
    /^test\/Task: invalid logKmsKeyArn "arn:aws:kms:eu-west-1:123456789012:alias\/logs": expected a KMS key ARN .*, not an alias \[LOG_KMS_KEY\]$/,
  ],
  [
    "a Secrets Manager ARN without its 6-character suffix",
    webWith({ secrets: { DB: Secret.fromSecretsManager("arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/db") } }),
    /^test\/Task: invalid containers\.web\.secrets\.DB "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme\/db": expected a Secrets Manager secret ARN with its 6-character suffix .* \[SECRET_ARN_INVALID\]$/,
  ],
  [
    "an EFS root directory that is not absolute",
    task({ efsVolumes: { data: { fileSystemId: "fs-1", fileSystemArn: FS_ARN, rootDirectory: "data" } } }),
    /^test\/Task: invalid efsVolumes\.data\.rootDirectory "data": expected an absolute path \[EFS_ROOT_INVALID\]$/,
  ],
  [
    "an EFS transit encryption port above 65535",
    task({ efsVolumes: { data: { fileSystemId: "fs-1", fileSystemArn: FS_ARN, transitEncryptionPort: 70000 } } }),
    /^test\/Task: invalid efsVolumes\.data\.transitEncryptionPort 70000: expected an integer from 1 to 65535 \[EFS_TRANSIT_PORT\]$/,
  ],

  // Containers
  [
    "a container name with characters ECS refuses",
    task({ containers: { "web app": web } }),
    /^test\/Task: invalid containers\.web app "web app": expected 1 to 255 letters, digits, hyphens and underscores \[CONTAINER_NAME_INVALID\]$/,
  ],
  [
    "an image name with a space",
    webWith({ image: ContainerImage.fromRegistry("nginx 1.27") }),
    /^test\/Task: invalid containers\.web\.image "nginx 1\.27": expected an image reference \[registry\/\]repository\[:tag\]\[@sha256:<64 hex>\] \(the repository path component "nginx 1\.27" is not lowercase letters and digits joined by "\.", "_", "__" or "-"\) \[IMAGE_NAME_INVALID\]$/,
  ],
  [
    "an image name in upper case (Docker refuses it)",
    webWith({ image: ContainerImage.fromRegistry("ghcr.io/acme/Web:1.0") }),
    /^test\/Task: invalid containers\.web\.image "ghcr\.io\/acme\/Web:1\.0": expected an image reference .* \(the repository path component "Web" is not lowercase .*\) \[IMAGE_NAME_INVALID\]$/,
  ],
  [
    "an image reference with two tags",
    webWith({ image: ContainerImage.fromRegistry("nginx:1.27:latest") }),
    /^test\/Task: invalid containers\.web\.image "nginx:1\.27:latest": expected an image reference .* \(the tag "1\.27:latest" is not 1 to 128 of letters, digits, "_", "\." and "-" \(not starting with "\." or "-"\)\) \[IMAGE_NAME_INVALID\]$/,
  ],
  [
    "an image digest cut short",
    webWith({ image: ContainerImage.fromRegistry(`nginx@sha256:${"a".repeat(40)}`) }),
    /^test\/Task: invalid containers\.web\.image "nginx@sha256:a{40}": expected an image reference .* \(a sha256 digest is 64 lowercase hex digits, "sha256:a{40}" has 40\) \[IMAGE_NAME_INVALID\]$/,
  ],
  [
    "an ECR image whose digest is cut short",
    webWith({
      image: ContainerImage.fromEcrRepository("arn:aws:ecr:eu-west-1:123456789012:repository/acme/web", `sha256:${"b".repeat(63)}`),
    }),
    /^test\/Task: invalid containers\.web\.image "123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/acme\/web@sha256:b{63}": expected an image reference .* has 63\) \[IMAGE_NAME_INVALID\]$/,
  ],
  [
    "an ECR repository ARN that is not an ECR ARN",
    webWith({ image: ContainerImage.fromEcrRepository("arn:aws:s3:::acme", "1", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme") }),
    /^test\/Task: invalid containers\.web\.image "arn:aws:s3:::acme": expected an ECR repository ARN \(arn:aws:ecr:<region>:<account>:repository\/<name>\) \[IMAGE_REPOSITORY_ARN_INVALID\]$/,
  ],
  [
    "an ECR repository ARN token without a repository URL",
    webWith({ image: ContainerImage.fromEcrRepository(Token.asString({ Ref: "repo" }), "1") }),
    /^test\/Task: invalid containers\.web\.image "\$\{TfToken\[TOKEN\.\d+\]\}": expected a repositoryUrl as well when the repository ARN is a token \[IMAGE_REPOSITORY_URL_MISSING\]$/,
  ],
  [
    "a container CPU above the task's",
    webWith({ cpu: 512 }),
    /^test\/Task: invalid containers\.web\.cpu 512: expected an integer from 0 to 256 CPU units \(the task's CPU\) \[CONTAINER_CPU\]$/,
  ],
  [
    "a container CPU total above the task's",
    task({ containers: { web: { ...web, cpu: 200 }, log: { ...sidecar, cpu: 200 } } }),
    /^test\/Task: invalid containers\.\*\.cpu 400: expected a total of at most the task's cpu \(256\) \[CONTAINER_CPU_ABOVE_TASK\]$/,
  ],
  [
    "a container memory limit above the task's",
    webWith({ memoryLimitMiB: 1024 }),
    /^test\/Task: invalid containers\.web\.memoryLimitMiB 1024: expected an integer from 6 to 512 MiB \(the task's memoryMiB\) \[CONTAINER_MEMORY_ABOVE_TASK\]$/,
  ],
  [
    "a container memory reservation above the task's",
    webWith({ memoryReservationMiB: 1024 }),
    /^test\/Task: invalid containers\.web\.memoryReservationMiB 1024: expected an integer from 6 to 512 MiB \(the task's memoryMiB\) \[CONTAINER_MEMORY_ABOVE_TASK\]$/,
  ],
  [
    "container memory reservations adding up to more than the task's",
    task({ containers: { a: { ...sidecar, memoryReservationMiB: 300 }, b: { ...sidecar, memoryReservationMiB: 300 } } }),
    /^test\/Task: invalid containers\.\*\.memoryReservationMiB 600: expected a total of at most the task's memoryMiB \(512\) \[CONTAINER_MEMORY_ABOVE_TASK\]$/,
  ],
  [
    "a soft memory reservation above the hard limit",
    webWith({ memoryLimitMiB: 256, memoryReservationMiB: 300 }),
    /^test\/Task: invalid containers\.web\.memoryReservationMiB 300: expected at most memoryLimitMiB \(256\) \[CONTAINER_RESERVATION_ABOVE_LIMIT\]$/,
  ],
  [
    "a container port above 65535",
    webWith({ portMappings: [{ containerPort: 70000 }] }),
    /^test\/Task: invalid containers\.web\.portMappings\[0\]\.containerPort 70000: expected an integer from 1 to 65535 \[CONTAINER_PORT\]$/,
  ],
  [
    "a port name with characters ECS refuses",
    webWith({ portMappings: [{ containerPort: 80, name: "HTTP port" }] }),
    /^test\/Task: invalid containers\.web\.portMappings\[0\]\.name "HTTP port": expected 1 to 64 lowercase letters, digits, hyphens and underscores, starting and ending with a letter or digit \[PORT_NAME_INVALID\]$/,
  ],
  [
    "a host port above 65535 in bridge mode",
    webWith({ portMappings: [{ containerPort: 80, hostPort: 70000 }] }, { ...ec2, networkMode: "bridge" }),
    /^test\/Task: invalid containers\.web\.portMappings\[0\]\.hostPort 70000: expected an integer from 0 to 65535 \[CONTAINER_HOST_PORT\]$/,
  ],
  [
    "a host port other than the container port in awsvpc mode",
    webWith({ portMappings: [{ containerPort: 8080, hostPort: 80 }] }),
    /^test\/Task: invalid containers\.web\.portMappings\[0\]\.hostPort 80: expected the container port \(8080\) or nothing with the awsvpc network mode \[HOST_PORT_MISMATCH\]$/,
  ],
  [
    "an application protocol on a UDP port",
    webWith({ portMappings: [{ containerPort: 53, protocol: "udp", appProtocol: "http" }] }),
    /^test\/Task: invalid containers\.web\.portMappings\[0\]\.appProtocol "http": expected no appProtocol on a UDP port \[APP_PROTOCOL_NEEDS_TCP\]$/,
  ],
  [
    "a port name used twice in the task",
    task({ containers: { web, api: { ...sidecar, portMappings: [{ containerPort: 9000, name: "http" }] } } }),
    /^test\/Task: invalid containers\.\*\.portMappings\.name "http": expected unique values \(this one appears more than once\) \[PORT_NAME_DUPLICATE\]$/,
  ],
  [
    "two containers binding the same port in awsvpc mode",
    task({ containers: { web, api: { ...sidecar, portMappings: [{ containerPort: 8080 }] } } }),
    /^test\/Task: invalid containers\.\*\.portMappings\.containerPort "8080\/tcp": expected unique values \(this one appears more than once\) \[CONTAINER_PORT_DUPLICATE\]$/,
  ],
  [
    "an environment variable name starting with a digit",
    webWith({ environment: { "1DB": "x" } }),
    /^test\/Task: invalid containers\.web\.environment "1DB": expected a variable name of letters, digits and underscores, not starting with a digit \[ENVIRONMENT_NAME_INVALID\]$/,
  ],
  [
    "a secret variable name with a hyphen",
    webWith({ secrets: { "DB-URL": Secret.fromSsmParameter(PARAM) } }),
    /^test\/Task: invalid containers\.web\.secrets "DB-URL": expected a variable name of letters, digits and underscores, not starting with a digit \[ENVIRONMENT_NAME_INVALID\]$/,
  ],
  [
    "a secret and a plain variable sharing a name",
    webWith({ environment: { DB: "x" }, secrets: { DB: Secret.fromSsmParameter(PARAM) } }),
    /^test\/Task: invalid containers\.web\.secrets\.DB "DB": expected a name not also used in environment \[SECRET_SHADOWS_ENVIRONMENT\]$/,
  ],
  [
    "a secret ARN that is not a Secrets Manager ARN",
    webWith({ secrets: { DB: Secret.fromSecretsManager("arn:aws:s3:::bucket/key") } }),
    /^test\/Task: invalid containers\.web\.secrets\.DB "arn:aws:s3:::bucket\/key": expected a Secrets Manager secret ARN with its 6-character suffix \(arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix>\) \[SECRET_ARN_INVALID\]$/,
  ],
  [
    "a parameter that is not an SSM parameter ARN",
    webWith({ secrets: { KEY: Secret.fromSsmParameter("/acme/api-key") } }),
    /^test\/Task: invalid containers\.web\.secrets\.KEY "\/acme\/api-key": expected an SSM parameter ARN \(arn:aws:ssm:<region>:<account>:parameter\/<name>\) \[SECRET_ARN_INVALID\]$/,
  ],
  [
    "a secret JSON key with a colon",
    webWith({ secrets: { DB: Secret.fromSecretsManager(SECRET, "db:password") } }),
    /^test\/Task: invalid containers\.web\.secrets\.DB "db:password": expected a JSON key without colons or spaces \[SECRET_JSON_KEY_INVALID\]$/,
  ],
  [
    "a secret KMS key given as an alias",
    webWith({
      secrets: { DB: Secret.fromSecretsManager(SECRET, undefined, { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/db" }) },
    }),
    /^test\/Task: invalid containers\.web\.secrets\.DB\.kmsKeyArn "arn:aws:kms:eu-west-1:123456789012:alias\/db": expected a KMS key ARN \(arn:aws:kms:<region>:<account>:key\/<key-id>\), not an alias \[SECRET_KMS_KEY_INVALID\]$/,
  ],
  [
    "a health check command not starting with CMD or CMD-SHELL",
    webWith({ healthCheck: { command: ["curl", "localhost"] } }),
    /^test\/Task: invalid containers\.web\.healthCheck\.command \["curl","localhost"\]: expected \["CMD", <exe>, \.\.\.args\] or \["CMD-SHELL", <shell command>\] \[HEALTH_CHECK_COMMAND\]$/,
  ],
  [
    "a health check interval below 5 seconds",
    webWith({ healthCheck: { command: ["CMD", "x"], intervalSeconds: 1 } }),
    /^test\/Task: invalid containers\.web\.healthCheck\.intervalSeconds 1: expected an integer from 5 to 300 seconds \[HEALTH_CHECK_INTERVAL\]$/,
  ],
  [
    "a health check timeout above 60 seconds",
    webWith({ healthCheck: { command: ["CMD", "x"], timeoutSeconds: 61 } }),
    /^test\/Task: invalid containers\.web\.healthCheck\.timeoutSeconds 61: expected an integer from 2 to 60 seconds \[HEALTH_CHECK_TIMEOUT\]$/,
  ],
  [
    "health check retries above 10",
    webWith({ healthCheck: { command: ["CMD", "x"], retries: 11 } }),
    /^test\/Task: invalid containers\.web\.healthCheck\.retries 11: expected an integer from 1 to 10 \[HEALTH_CHECK_RETRIES\]$/,
  ],
  [
    "a health check start period above 300 seconds",
    webWith({ healthCheck: { command: ["CMD", "x"], startPeriodSeconds: 301 } }),
    /^test\/Task: invalid containers\.web\.healthCheck\.startPeriodSeconds 301: expected an integer from 0 to 300 seconds \[HEALTH_CHECK_START_PERIOD\]$/,
  ],
  [
    "a stop timeout above Fargate's 120 seconds",
    webWith({ stopTimeoutSeconds: 300 }),
    /^test\/Task: invalid containers\.web\.stopTimeoutSeconds 300: expected an integer from 2 to 120 seconds \[STOP_TIMEOUT\]$/,
  ],
  [
    "a stop timeout above EC2's 86400 seconds",
    webWith({ stopTimeoutSeconds: 86401 }, ec2),
    expectedMessage("test/Task", "containers.web.stopTimeoutSeconds", 86401, "an integer from 2 to 86400 seconds", "STOP_TIMEOUT"),
  ],
  [
    "a ulimit's soft limit above its hard limit",
    webWith({ ulimits: [{ name: "nofile", softLimit: 10, hardLimit: 5 }] }),
    /^test\/Task: invalid containers\.web\.ulimits\[0\]\.softLimit 10: expected at most the hard limit \(5\) \[ULIMIT_SOFT_ABOVE_HARD\]$/,
  ],
  [
    "the same ulimit twice",
    webWith({
      ulimits: [
        { name: "nofile", softLimit: 5, hardLimit: 5 },
        { name: "nofile", softLimit: 6, hardLimit: 6 },
      ],
    }),
    /^test\/Task: invalid containers\.web\.ulimits "nofile": expected unique values \(this one appears more than once\) \[ULIMIT_DUPLICATE\]$/,
  ],
  [
    "a dependency on a container that does not exist",
    webWith({ dependsOn: [{ containerName: "proxy", condition: "START" }] }),
    /^test\/Task: invalid containers\.web\.dependsOn\[0\]\.containerName "proxy": expected another container of this task: \(none\) \[DEPENDS_ON_UNKNOWN_CONTAINER\]$/,
  ],
  [
    "a dependency condition ECS does not know",
    task({ containers: { web: { ...web, dependsOn: [{ containerName: "log", condition: "READY" as any }] }, log: sidecar } }),
    /^test\/Task: invalid containers\.web\.dependsOn\[0\]\.condition "READY": expected one of "START", "COMPLETE", "SUCCESS", "HEALTHY" \[DEPENDS_ON_CONDITION\]$/,
  ],
  [
    "HEALTHY awaited on a container without a health check",
    task({ containers: { web: { ...web, dependsOn: [{ containerName: "log", condition: "HEALTHY" }] }, log: sidecar } }),
    /^test\/Task: invalid containers\.web\.dependsOn\[0\]\.condition "HEALTHY": expected START, COMPLETE or SUCCESS: container log has no health check \[DEPENDS_ON_NO_HEALTH_CHECK\]$/,
  ],
  [
    "a mount point naming an undeclared volume",
    webWith({ mountPoints: [{ volume: "data", containerPath: "/data" }] }),
    /^test\/Task: invalid containers\.web\.mountPoints\[0\]\.volume "data": expected a volume of this task: \(none declared\) \[MOUNT_UNKNOWN_VOLUME\]$/,
  ],
  [
    "a mount path that is not absolute",
    webWith({ mountPoints: [{ volume: "tmp", containerPath: "tmp" }] }, { scratchVolumes: ["tmp"] }),
    /^test\/Task: invalid containers\.web\.mountPoints\[0\]\.containerPath "tmp": expected an absolute path \[MOUNT_PATH_INVALID\]$/,
  ],
  [
    "logging through FireLens without a router",
    webWith({ logging: { driver: "awsfirelens" } }),
    /^test\/Task: invalid containers\.web\.logging\.driver "awsfirelens": expected awslogs, or a container with `firelens` set in the same task \[FIRELENS_NO_ROUTER\]$/,
  ],
  [
    "two FireLens routers",
    task({ containers: { web, a: { ...sidecar, firelens: { type: "fluentbit" } }, b: { ...sidecar, firelens: { type: "fluentbit" } } } }),
    /^test\/Task: invalid containers \["a","b"\]: expected at most one FireLens log router \[FIRELENS_MORE_THAN_ONE\]$/,
  ],

  // TaskDefinition methods
  [
    "grant() without actions",
    (scope) => new TaskDefinition(scope, "Task", base).grant([], ["arn:aws:s3:::acme/*"]),
    /^test\/Task: invalid actions \[\]: expected at least one action \[GRANT_NO_ACTIONS\]$/,
  ],
  [
    "grant() on a wildcard resource",
    (scope) => new TaskDefinition(scope, "Task", base).grant(["s3:GetObject"], ["*"]),
    /^test\/Task: invalid resourceArns \["\*"\]: expected one or more ARNs, no "\*" \(use addToPrincipalPolicy for actions without resource-level permissions\) \[GRANT_RESOURCE_NOT_ARN\]$/,
  ],
  [
    "selectPort() naming a container that does not exist",
    (scope) => {
      const td = new TaskDefinition(scope, "Task", base);
      td.selectPort(td, "loadBalancer", { containerName: "api" });
    },
    /^test\/Task: invalid loadBalancer\.containerName "api": expected a container of task acme-test-web: web \[UNKNOWN_CONTAINER\]$/,
  ],
  [
    "selectPort() naming a port that does not exist",
    (scope) => {
      const td = new TaskDefinition(scope, "Task", base);
      td.selectPort(td, "loadBalancer", { portName: "grpc" });
    },
    /^test\/Task: invalid loadBalancer\.portName "grpc": expected a port name of container web: http \[UNKNOWN_PORT_NAME\]$/,
  ],
  [
    "selectPort() naming a container port that is not mapped",
    (scope) => {
      const td = new TaskDefinition(scope, "Task", base);
      td.selectPort(td, "loadBalancer", { containerPort: 9090 });
    },
    /^test\/Task: invalid loadBalancer\.containerPort 9090: expected a port container web maps: 8080 \[UNKNOWN_CONTAINER_PORT\]$/,
  ],
  [
    "selectPort() on a container without ports",
    (scope) => {
      const td = new TaskDefinition(scope, "Task", { ...base, containers: { log: sidecar } });
      td.selectPort(td, "loadBalancer");
    },
    /^test\/Task: invalid loadBalancer\.containerName "log": expected a container with at least one port mapping \[CONTAINER_HAS_NO_PORT\]$/,
  ],

  // The container long tail: linux parameters, kernel parameters, restart policy, registries, env files, log drivers
  [
    "Fargate adding a capability other than SYS_PTRACE",
    webWith({ linuxParameters: { capabilities: { add: ["NET_ADMIN"] } } }),
    expectedMessage(
      "test/Task",
      "containers.web.linuxParameters.capabilities.add[0]",
      "NET_ADMIN",
      '"SYS_PTRACE", the only capability Fargate lets a container add',
      "LINUX_CAPABILITY_FARGATE",
    ),
  ],
  [
    "an unknown capability",
    webWith({ linuxParameters: { capabilities: { drop: ["NET_RAWR" as any] } } }, ec2),
    expectedMessage(
      "test/Task",
      "containers.web.linuxParameters.capabilities.drop[0]",
      "NET_RAWR",
      'one of "ALL", "AUDIT_CONTROL", "AUDIT_WRITE", "BLOCK_SUSPEND", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "SYSLOG", "WAKE_ALARM"',
      "LINUX_CAPABILITY",
    ),
  ],
  [
    "tmpfs on Fargate",
    webWith({ linuxParameters: { tmpfs: [{ containerPath: "/run", sizeMiB: 64 }] } }),
    expectedMessage(
      "test/Task",
      "containers.web.linuxParameters.tmpfs",
      [{ containerPath: "/run", sizeMiB: 64 }],
      "no tmpfs mounts on Fargate (EC2 task definitions only)",
      "LINUX_PARAMETER_FARGATE",
    ),
  ],
  [
    "a host device on Fargate",
    webWith({ linuxParameters: { devices: [{ hostPath: "/dev/fuse" }] } }),
    expectedMessage(
      "test/Task",
      "containers.web.linuxParameters.devices",
      [{ hostPath: "/dev/fuse" }],
      "no host devices on Fargate (EC2 task definitions only)",
      "LINUX_PARAMETER_FARGATE",
    ),
  ],
  [
    "swap on Fargate",
    webWith({ linuxParameters: { maxSwapMiB: 512 } }),
    expectedMessage(
      "test/Task",
      "containers.web.linuxParameters.maxSwapMiB",
      512,
      "no swap on Fargate (EC2 task definitions only)",
      "LINUX_PARAMETER_FARGATE",
    ),
  ],
  [
    "shared memory on Fargate",
    webWith({ linuxParameters: { sharedMemorySizeMiB: 256 } }),
    expectedMessage(
      "test/Task",
      "containers.web.linuxParameters.sharedMemorySizeMiB",
      256,
      "no sharedMemorySizeMiB on Fargate (EC2 task definitions only)",
      "LINUX_PARAMETER_FARGATE",
    ),
  ],
  [
    "a device outside /dev",
    webWith({ linuxParameters: { devices: [{ hostPath: "/etc/passwd" }] } }, ec2),
    expectedMessage(
      "test/Task",
      "containers.web.linuxParameters.devices[0].hostPath",
      "/etc/passwd",
      "a device path under /dev/",
      "DEVICE_PATH",
    ),
  ],
  [
    "swappiness without swap",
    webWith({ linuxParameters: { swappiness: 10 } }, ec2),
    expectedMessage(
      "test/Task",
      "containers.web.linuxParameters.swappiness",
      10,
      "swappiness only with maxSwapMiB (ECS ignores it otherwise)",
      "SWAPPINESS_WITHOUT_SWAP",
    ),
  ],
  [
    "swappiness above 100",
    webWith({ linuxParameters: { maxSwapMiB: 512, swappiness: 101 } }, ec2),
    expectedMessage("test/Task", "containers.web.linuxParameters.swappiness", 101, "an integer from 0 to 100", "SWAPPINESS"),
  ],
  [
    "a capability added twice",
    webWith({ linuxParameters: { capabilities: { add: ["NET_ADMIN", "NET_ADMIN"] } } }, ec2),
    expectedMessage(
      "test/Task",
      "containers.web.linuxParameters.capabilities.add",
      "NET_ADMIN",
      "unique values (this one appears more than once)",
      "LINUX_CAPABILITY_DUPLICATE",
    ),
  ],
  [
    "a capability dropped twice",
    webWith({ linuxParameters: { capabilities: { drop: ["ALL", "ALL"] } } }),
    expectedMessage(
      "test/Task",
      "containers.web.linuxParameters.capabilities.drop",
      "ALL",
      "unique values (this one appears more than once)",
      "LINUX_CAPABILITY_DUPLICATE",
    ),
  ],
  [
    "a relative tmpfs path",
    webWith({ linuxParameters: { tmpfs: [{ containerPath: "run", sizeMiB: 64 }] } }, ec2),
    expectedMessage("test/Task", "containers.web.linuxParameters.tmpfs[0].containerPath", "run", "an absolute path", "TMPFS_PATH"),
  ],
  [
    "an empty tmpfs",
    webWith({ linuxParameters: { tmpfs: [{ containerPath: "/run", sizeMiB: 0 }] } }, ec2),
    expectedMessage("test/Task", "containers.web.linuxParameters.tmpfs[0].sizeMiB", 0, "an integer from 1 to 2147483647 MiB", "TMPFS_SIZE"),
  ],
  [
    "no shared memory",
    webWith({ linuxParameters: { sharedMemorySizeMiB: 0 } }, ec2),
    expectedMessage(
      "test/Task",
      "containers.web.linuxParameters.sharedMemorySizeMiB",
      0,
      "an integer from 1 to 2147483647 MiB",
      "SHARED_MEMORY_SIZE",
    ),
  ],
  [
    "a negative swap size",
    webWith({ linuxParameters: { maxSwapMiB: -1 } }, ec2),
    expectedMessage("test/Task", "containers.web.linuxParameters.maxSwapMiB", -1, "an integer from 0 to 2147483647 MiB", "MAX_SWAP"),
  ],
  [
    "an empty Docker label key",
    webWith({ dockerLabels: { "": "x" } }),
    expectedMessage("test/Task", "containers.web.dockerLabels", "", "a label key of 1 to 255 characters", "DOCKER_LABEL"),
  ],
  [
    "a kernel parameter that is not namespaced",
    webWith({ systemControls: { "vm.swappiness": "1" } }, ec2),
    expectedMessage(
      "test/Task",
      "containers.web.systemControls.vm.swappiness",
      "vm.swappiness",
      "a namespaced kernel parameter: net.*, kernel.msg*/sem/shm*, fs.mqueue.*",
      "SYSTEM_CONTROL",
    ),
  ],
  [
    "an IPC kernel parameter on Fargate",
    webWith({ systemControls: { "kernel.shmmax": "68719476736" } }),
    expectedMessage(
      "test/Task",
      "containers.web.systemControls.kernel.shmmax",
      "kernel.shmmax",
      "a net.* kernel parameter on Fargate (the IPC ones need EC2)",
      "SYSTEM_CONTROL_FARGATE",
    ),
  ],
  [
    "a network kernel parameter with host networking",
    webWith({ systemControls: { "net.core.somaxconn": "1024" }, portMappings: [] }, { ...ec2, networkMode: "host" }),
    expectedMessage(
      "test/Task",
      "containers.web.systemControls.net.core.somaxconn",
      "net.core.somaxconn",
      "no net.* kernel parameter with the host network mode (it would change the instance's own)",
      "SYSTEM_CONTROL_HOST_NETWORK",
    ),
  ],
  [
    "a restart period under a minute",
    webWith({ restartPolicy: { restartAttemptPeriodSeconds: 30 } }),
    expectedMessage(
      "test/Task",
      "containers.web.restartPolicy.restartAttemptPeriodSeconds",
      30,
      "an integer from 60 to 1800 seconds",
      "RESTART_PERIOD",
    ),
  ],
  [
    "more than 50 ignored exit codes",
    webWith({ restartPolicy: { ignoredExitCodes: Array.from({ length: 51 }, (_, i) => i) } }),
    expectedMessage("test/Task", "containers.web.restartPolicy.ignoredExitCodes", 51, "at most 50 exit codes", "RESTART_EXIT_CODES"),
  ],
  [
    "an exit code listed twice",
    webWith({ restartPolicy: { ignoredExitCodes: [0, 0] } }),
    expectedMessage(
      "test/Task",
      "containers.web.restartPolicy.ignoredExitCodes",
      "0",
      "unique values (this one appears more than once)",
      "RESTART_EXIT_CODES",
    ),
  ],
  [
    "a start timeout above Fargate's 600 s",
    webWith({ startTimeoutSeconds: 900 }),
    expectedMessage("test/Task", "containers.web.startTimeoutSeconds", 900, "an integer from 2 to 600 seconds", "START_TIMEOUT"),
  ],
  [
    "a start timeout under 2 s on EC2",
    webWith({ startTimeoutSeconds: 1 }, ec2),
    expectedMessage("test/Task", "containers.web.startTimeoutSeconds", 1, "an integer from 2 to 2147483647 seconds", "START_TIMEOUT"),
  ],
  [
    "a version consistency that is not enabled/disabled (from JSON)",
    webWith({ versionConsistency: "on" as any }),
    expectedMessage("test/Task", "containers.web.versionConsistency", "on", 'one of "enabled", "disabled"', "VERSION_CONSISTENCY"),
  ],
  [
    "registry credentials from one JSON key",
    webWith({ repositoryCredentials: Secret.fromSecretsManager(SECRET, "password") }),
    expectedMessage(
      "test/Task",
      "containers.web.repositoryCredentials",
      SECRET + " (key password)",
      "a whole Secrets Manager secret (Secret.fromSecretsManager(arn) without a JSON key) holding username and password",
      "REPOSITORY_CREDENTIALS",
    ),
  ],
  [
    "registry credentials from SSM",
    webWith({ repositoryCredentials: Secret.fromSsmParameter(PARAM) }),
    expectedMessage(
      "test/Task",
      "containers.web.repositoryCredentials",
      PARAM,
      "a whole Secrets Manager secret (Secret.fromSecretsManager(arn) without a JSON key) holding username and password",
      "REPOSITORY_CREDENTIALS",
    ),
  ],
  [
    "registry credentials for an ECR image",
    webWith({
      image: ContainerImage.fromEcrRepository("arn:aws:ecr:eu-west-1:123456789012:repository/acme/web", "1.0.0"),
      repositoryCredentials: Secret.fromSecretsManager(SECRET),
    }),
    expectedMessage(
      "test/Task",
      "containers.web.repositoryCredentials",
      SECRET,
      "no registry credentials for an ECR image (the execution role pulls it)",
      "REPOSITORY_CREDENTIALS_ECR",
    ),
  ],
  [
    "an environment file that is not an S3 object ARN ending in .env",
    webWith({ environmentFiles: ["s3://acme-config/web.env"] }),
    expectedMessage(
      "test/Task",
      "containers.web.environmentFiles[0]",
      "s3://acme-config/web.env",
      "an S3 object ARN ending in .env (arn:aws:s3:::<bucket>/<key>.env)",
      "ENVIRONMENT_FILE_ARN",
    ),
  ],
  [
    "more than 10 environment files",
    webWith({ environmentFiles: Array.from({ length: 11 }, (_, i) => `arn:aws:s3:::acme-config/${i}.env`) }),
    expectedMessage("test/Task", "containers.web.environmentFiles", 11, "at most 10 files", "ENVIRONMENT_FILES"),
  ],
  [
    "a json-file log driver on Fargate",
    webWith({ logging: { driver: "json-file" } }),
    expectedMessage(
      "test/Task",
      "containers.web.logging.driver",
      "json-file",
      "awslogs, awsfirelens, splunk or none on Fargate (the others need EC2)",
      "LOG_DRIVER_FARGATE",
    ),
  ],
  [
    "an unknown log driver (from JSON)",
    webWith({ logging: { driver: "logstash" } as any }, ec2),
    expectedMessage(
      "test/Task",
      "containers.web.logging.driver",
      "logstash",
      'one of "awslogs", "awsfirelens", "none", "splunk", "fluentd", "gelf", "syslog", "json-file", "journald"',
      "LOG_DRIVER",
    ),
  ],
  [
    "a log secret option that shadows a plain option",
    webWith({
      logging: { driver: "splunk", options: { "splunk-token": "x" }, secretOptions: { "splunk-token": Secret.fromSecretsManager(SECRET) } },
    }),
    expectedMessage(
      "test/Task",
      "containers.web.logging.secretOptions.splunk-token",
      "splunk-token",
      "a name not also used in logging.options",
      "LOG_SECRET_SHADOWS_OPTION",
    ),
  ],
  [
    "GPUs on Fargate",
    webWith({ gpuCount: 1 }),
    expectedMessage(
      "test/Task",
      "containers.web.gpuCount",
      1,
      "no GPUs on Fargate (an EC2 task definition on a GPU capacity provider)",
      "GPU_ON_FARGATE",
    ),
  ],
  [
    "a GPU count of 0",
    webWith({ gpuCount: 0 }, ec2),
    expectedMessage("test/Task", "containers.web.gpuCount", 0, "an integer from 1 to 16 GPUs", "GPU_COUNT"),
  ],
];

describe("task module bad input", () => {
  // errorOf (in testRejections) returns the message of a ValidationError only; any other error fails the test.
  testRejections(cases);
});

describe("task module: required props from a JSON or plain-JavaScript config", () => {
  testRejections([
    [
      "a container without image",
      (scope) => new TaskDefinition(scope, "Task", JSON.parse('{"name":"acme-test-web","containers":{"web":{"cpu":256}}}')),
      expectedMessage(
        "test/Task",
        "containers.web.image",
        undefined,
        "a ContainerImage (an object with imageName) (required)",
        "PROP_REQUIRED",
      ),
    ],
    [
      "an image given as a plain string",
      (scope) => new TaskDefinition(scope, "Task", JSON.parse('{"name":"acme-test-web","containers":{"web":{"image":"nginx:1.27"}}}')),
      expectedMessage("test/Task", "containers.web.image", "nginx:1.27", "a ContainerImage (an object with imageName)", "PROP_TYPE"),
    ],
    [
      "containers given as a list",
      (scope) => new TaskDefinition(scope, "Task", { name: "acme-test-web", containers: [web] as any }),
      /^test\/Task: invalid containers \[.*\]: expected containers by name \[PROP_TYPE\]$/,
    ],
    [
      "a container that is not an object",
      (scope) => new TaskDefinition(scope, "Task", JSON.parse('{"name":"acme-test-web","containers":{"web":"nginx"}}')),
      expectedMessage("test/Task", "containers.web", "nginx", "an object", "PROP_TYPE"),
    ],
  ]);
});
