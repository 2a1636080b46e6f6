import { Testing, TerraformStack, Token } from "cdktf";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { ContainerImage, ContainerOptions, Secret, TaskDefinition, TaskDefinitionProps } from "../../src/task";
import { errorOf, resourceAt, resourcesOf, synth } from "../helpers";

const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/db-AbCdEf";
const PARAM = "arn:aws:ssm:eu-west-1:123456789012:parameter/acme/api-key";
const REPO = "arn:aws:ecr:eu-west-1:123456789012:repository/acme/web";
const web: ContainerOptions = { image: ContainerImage.fromRegistry("nginx:1.27"), portMappings: [{ containerPort: 8080, name: "http" }] };
const base: TaskDefinitionProps = { name: "acme-test-web", containers: { web } };

const containersOf = (s: ReturnType<typeof synth>) => JSON.parse(resourceAt(s, "aws_ecs_task_definition", "Task/Resource").container_definitions);
const policyOf = (s: ReturnType<typeof synth>, path: string) => JSON.parse(resourceAt(s, "aws_iam_role_policy", path).policy);

describe("TaskDefinition", () => {
  test("defaults to a Fargate awsvpc task of 256 CPU / 512 MiB on X86_64 with a log group kept 30 days", () => {
    const s = synth((stack) => new TaskDefinition(stack, "Task", base));
    expect(s.json).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: "acme-test-web",
      requires_compatibilities: ["FARGATE"],
      network_mode: "awsvpc",
      cpu: "256",
      memory: "512",
      runtime_platform: { cpu_architecture: "X86_64", operating_system_family: "LINUX" },
    });
    expect(resourceAt(s, "aws_cloudwatch_log_group", "Task/LogGroup")).toMatchObject({ name: "/ecs/acme-test-web", retention_in_days: 30 });
    const [container] = containersOf(s);
    expect(container.logConfiguration.options["awslogs-group"]).toMatch(/aws_cloudwatch_log_group\..*\.name/);
    expect(container.logConfiguration.options["awslogs-region"]).toMatch(/data\.aws_region\..*\.name/);
  });

  test("uses two different roles: execution and task, both trusted by ecs-tasks only", () => {
    const s = synth((stack) => new TaskDefinition(stack, "Task", base));
    const td = resourceAt(s, "aws_ecs_task_definition", "Task/Resource");
    expect(td.execution_role_arn).toMatch(/aws_iam_role\.Task_ExecutionRole_.*\.arn/);
    expect(td.task_role_arn).toMatch(/aws_iam_role\.Task_TaskRole_.*\.arn/);
    for (const path of ["Task/ExecutionRole", "Task/TaskRole"]) {
      expect(JSON.parse(resourceAt(s, "aws_iam_role", path).assume_role_policy).Statement[0].Principal.Service).toBe("ecs-tasks.amazonaws.com");
    }
    expect(resourceAt(s, "aws_iam_role", "Task/ExecutionRole").name).toBe("acme-test-web-execution");
    expect(resourceAt(s, "aws_iam_role", "Task/TaskRole").name).toBe("acme-test-web-task");
  });

  test("the task role is empty by default: no policy at all", () => {
    const s = synth((stack) => new TaskDefinition(stack, "Task", base));
    expect(Object.keys(resourcesOf(s, "aws_iam_role_policy")).filter((k) => k.includes("TaskRole"))).toEqual([]);
  });

  test("the execution role reads exactly the referenced secrets, parameters, keys and ECR repository, and its own log group", () => {
    const kms = "arn:aws:kms:eu-west-1:123456789012:key/abcd-1234";
    const s = synth((stack) =>
      new TaskDefinition(stack, "Task", {
        ...base,
        containers: {
          web: {
            ...web,
            image: ContainerImage.fromEcrRepository(REPO, "1.0.0"),
            secrets: { DB_PASSWORD: Secret.fromSecretsManager(SECRET, "password", { kmsKeyArn: kms }), API_KEY: Secret.fromSsmParameter(PARAM) },
          },
        },
      }),
    );
    const statements = policyOf(s, "Task/ExecutionRole/Policy").Statement;
    const bySid = Object.fromEntries(statements.map((x: any) => [x.Sid, x]));
    expect(bySid.EcrPull.Resource).toBe(REPO);
    expect(bySid.EcrAuthToken.Resource).toBe("*");
    expect(bySid.Secrets).toMatchObject({ Action: "secretsmanager:GetSecretValue", Resource: SECRET });
    expect(bySid.Parameters).toMatchObject({ Action: "ssm:GetParameters", Resource: PARAM });
    expect(bySid.DecryptSecrets).toMatchObject({ Action: "kms:Decrypt", Resource: kms });
    expect(bySid.Logs.Resource).toMatch(/^\$\{aws_cloudwatch_log_group\..*\.arn\}:log-stream:\*$/);
    expect(containersOf(s)[0].secrets).toEqual([
      { name: "API_KEY", valueFrom: PARAM },
      { name: "DB_PASSWORD", valueFrom: `${SECRET}:password::` },
    ]);
  });

  test("grant() adds exact ARNs to the task role; enableExec() adds the Session Manager channels once", () => {
    const s = synth((stack) => {
      const task = new TaskDefinition(stack, "Task", base);
      task.grant(["sqs:ReceiveMessage", "sqs:DeleteMessage"], ["arn:aws:sqs:eu-west-1:123456789012:jobs"], "Queue");
      task.enableExec();
      task.enableExec();
    });
    const statements = policyOf(s, "Task/TaskRole/Policy").Statement;
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatchObject({ Sid: "Queue", Resource: "arn:aws:sqs:eu-west-1:123456789012:jobs" });
    expect(statements[1].Action).toContain("ssmmessages:OpenDataChannel");
  });

  test("EFS volumes: transit encryption and IAM auth on, access point, and ClientMount/ClientWrite on exactly the file system", () => {
    const fsArn = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-12345678";
    const s = synth((stack) =>
      new TaskDefinition(stack, "Task", {
        ...base,
        efsVolumes: { data: { fileSystemId: "fs-12345678", fileSystemArn: fsArn, accessPointId: "fsap-1234" } },
        scratchVolumes: ["tmp"],
        containers: { web: { ...web, mountPoints: [{ volume: "data", containerPath: "/data" }, { volume: "tmp", containerPath: "/tmp" }] } },
      }),
    );
    const td = resourceAt(s, "aws_ecs_task_definition", "Task/Resource");
    expect(td.volume).toEqual([
      {
        name: "data",
        efs_volume_configuration: { file_system_id: "fs-12345678", transit_encryption: "ENABLED", authorization_config: { iam: "ENABLED", access_point_id: "fsap-1234" } },
      },
      { name: "tmp" },
    ]);
    expect(policyOf(s, "Task/TaskRole/Policy").Statement[0]).toMatchObject({
      Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
      Resource: fsArn,
    });
  });

  test("ARM64, ephemeral storage, log KMS key and custom retention reach Terraform", () => {
    const s = synth((stack) =>
      new TaskDefinition(stack, "Task", {
        ...base,
        cpu: 1024,
        memoryMiB: 3072,
        runtimePlatform: { cpuArchitecture: "ARM64" },
        ephemeralStorageGiB: 50,
        logRetentionDays: 90,
        logKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/abcd",
      }),
    );
    expect(resourceAt(s, "aws_ecs_task_definition", "Task/Resource")).toMatchObject({
      cpu: "1024",
      memory: "3072",
      runtime_platform: { cpu_architecture: "ARM64" },
      ephemeral_storage: { size_in_gib: 50 },
    });
    expect(resourceAt(s, "aws_cloudwatch_log_group", "Task/LogGroup")).toMatchObject({ retention_in_days: 90, kms_key_id: "arn:aws:kms:eu-west-1:123456789012:key/abcd" });
  });

  test("EC2 compatibility allows bridge mode and non-Fargate sizes", () => {
    const s = synth((stack) => new TaskDefinition(stack, "Task", { ...base, compatibility: "EC2", networkMode: "bridge", cpu: 384, memoryMiB: 700 }));
    expect(resourceAt(s, "aws_ecs_task_definition", "Task/Resource")).toMatchObject({ requires_compatibilities: ["EC2"], network_mode: "bridge", cpu: "384" });
  });

  test("exposes containers and ports, picks the first container with a port as the default, and selects ports by name", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "t");
    const task = new TaskDefinition(stack, "Task", {
      ...base,
      containers: { "log-router": { image: ContainerImage.fromRegistry("fluent-bit:3"), firelens: { type: "fluentbit" } }, web: { ...web, portMappings: [{ containerPort: 8080, name: "http" }, { containerPort: 9090, name: "metrics" }] } },
    });
    expect(task.defaultContainerName).toBe("web");
    expect(task.containers.map((c) => c.name)).toEqual(["log-router", "web"]);
    expect(task.selectPort(task, "lb", { portName: "metrics" })).toEqual({ containerName: "web", containerPort: 9090, protocol: "tcp", name: "metrics", appProtocol: undefined });
    expect(task.selectPort(task, "lb").containerPort).toBe(8080);
  });

  test("shortens role names longer than IAM's 64 characters with a stable hash", () => {
    const name = `acme-${"x".repeat(60)}`;
    const s = synth((stack) => new TaskDefinition(stack, "Task", { ...base, name }));
    const roleName = resourceAt(s, "aws_iam_role", "Task/ExecutionRole").name;
    expect(roleName.length).toBeLessThanOrEqual(64);
    expect(roleName).toMatch(/^acme-x+-[0-9a-f]{8}$/);
  });
});

describe("TaskDefinition bad input", () => {
  const make = (props: Partial<TaskDefinitionProps>) => errorOf((scope) => new TaskDefinition(scope, "Task", { ...base, ...props }));

  test("throws when the Fargate CPU/memory pair is not in the AWS table", () => {
    expect(make({ cpu: 256, memoryMiB: 4096 })).toBe(
      'test/Task: invalid memoryMiB {"cpu":256,"memoryMiB":4096}: expected a Fargate size: memoryMiB one of 512, 1024, 2048 with cpu 256 [FARGATE_SIZE]',
    );
  });

  test("throws when the CPU is not a Fargate value", () => {
    expect(make({ cpu: 300, memoryMiB: 1024 })).toMatch(/invalid memoryMiB .*expected a Fargate size: cpu one of 256, 512, 1024, 2048, 4096, 8192, 16384 \[FARGATE_SIZE\]/);
  });

  test("throws when a container's memory is above the task's", () => {
    expect(make({ containers: { web: { ...web, memoryLimitMiB: 1024 } } })).toBe(
      "test/Task: invalid containers.web.memoryLimitMiB 1024: expected an integer from 6 to 512 MiB (the task's memoryMiB) [CONTAINER_MEMORY_ABOVE_TASK]",
    );
  });

  test("throws when the containers' memory reservations add up to more than the task's", () => {
    const c = { ...web, portMappings: [], memoryReservationMiB: 300 };
    expect(make({ containers: { a: c, b: c } })).toBe(
      "test/Task: invalid containers.*.memoryReservationMiB 600: expected a total of at most the task's memoryMiB (512) [CONTAINER_MEMORY_ABOVE_TASK]",
    );
  });

  test("throws when a soft reservation is above the hard limit", () => {
    expect(make({ containers: { web: { ...web, memoryLimitMiB: 256, memoryReservationMiB: 300 } } })).toMatch(/containers.web.memoryReservationMiB 300: expected at most memoryLimitMiB \(256\) \[CONTAINER_RESERVATION_ABOVE_LIMIT\]/);
  });

  test("throws when a port name is used twice in the task", () => {
    expect(make({ containers: { web, sidecar: { ...web, portMappings: [{ containerPort: 9000, name: "http" }] } } })).toBe(
      'test/Task: invalid containers.*.portMappings.name "http": expected unique values (this one appears more than once) [PORT_NAME_DUPLICATE]',
    );
  });

  test("throws when two containers bind the same port in awsvpc mode", () => {
    expect(make({ containers: { web, sidecar: { ...web, portMappings: [{ containerPort: 8080 }] } } })).toMatch(/"8080\/tcp".*\[CONTAINER_PORT_DUPLICATE\]/);
  });

  test("throws when a port name has characters ECS refuses", () => {
    expect(make({ containers: { web: { ...web, portMappings: [{ containerPort: 80, name: "HTTP port" }] } } })).toMatch(/containers.web.portMappings\[0\].name "HTTP port".*\[PORT_NAME_INVALID\]/);
  });

  test("throws when a container name has characters ECS refuses", () => {
    expect(make({ containers: { "web app": web } })).toMatch(/invalid containers.web app "web app": expected 1 to 255 letters.*\[CONTAINER_NAME_INVALID\]/);
  });

  test("throws when a secret ARN is not a Secrets Manager ARN", () => {
    expect(make({ containers: { web: { ...web, secrets: { DB: Secret.fromSecretsManager("arn:aws:s3:::bucket/key") } } } })).toBe(
      'test/Task: invalid containers.web.secrets.DB "arn:aws:s3:::bucket/key": expected a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix>) [SECRET_ARN_INVALID]',
    );
  });

  test("throws when a parameter ARN is not an SSM parameter ARN", () => {
    expect(make({ containers: { web: { ...web, secrets: { KEY: Secret.fromSsmParameter("/acme/api-key") } } } })).toMatch(
      /containers.web.secrets.KEY "\/acme\/api-key": expected an SSM parameter ARN .*\[SECRET_ARN_INVALID\]/,
    );
  });

  test("throws when a secret's KMS key is an alias", () => {
    expect(make({ containers: { web: { ...web, secrets: { DB: Secret.fromSecretsManager(SECRET, undefined, { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/db" }) } } } })).toMatch(
      /containers.web.secrets.DB.kmsKeyArn .*not an alias \[SECRET_KMS_KEY_INVALID\]/,
    );
  });

  test("throws when a secret and a plain variable share a name", () => {
    expect(make({ containers: { web: { ...web, environment: { DB: "x" }, secrets: { DB: Secret.fromSsmParameter(PARAM) } } } })).toMatch(/\[SECRET_SHADOWS_ENVIRONMENT\]/);
  });

  test("throws when the stop timeout is above Fargate's 120 seconds", () => {
    expect(make({ containers: { web: { ...web, stopTimeoutSeconds: 300 } } })).toBe(
      "test/Task: invalid containers.web.stopTimeoutSeconds 300: expected an integer from 2 to 120 seconds [STOP_TIMEOUT]",
    );
  });

  test("throws when a container depends on one that does not exist", () => {
    expect(make({ containers: { web: { ...web, dependsOn: [{ containerName: "proxy", condition: "START" }] } } })).toBe(
      'test/Task: invalid containers.web.dependsOn[0].containerName "proxy": expected another container of this task: (none) [DEPENDS_ON_UNKNOWN_CONTAINER]',
    );
  });

  test("throws when HEALTHY is awaited on a container without a health check", () => {
    const sidecar = { image: ContainerImage.fromRegistry("x:1") };
    expect(make({ containers: { web: { ...web, dependsOn: [{ containerName: "sidecar", condition: "HEALTHY" }] }, sidecar } })).toMatch(/container sidecar has no health check \[DEPENDS_ON_NO_HEALTH_CHECK\]/);
  });

  test("throws when a health check command does not start with CMD or CMD-SHELL", () => {
    expect(make({ containers: { web: { ...web, healthCheck: { command: ["curl", "localhost"] } } } })).toMatch(/containers.web.healthCheck.command \["curl","localhost"\].*\[HEALTH_CHECK_COMMAND\]/);
  });

  test("throws when a health check interval is out of range", () => {
    expect(make({ containers: { web: { ...web, healthCheck: { command: ["CMD", "x"], intervalSeconds: 1 } } } })).toMatch(/healthCheck.intervalSeconds 1: expected an integer from 5 to 300 seconds \[HEALTH_CHECK_INTERVAL\]/);
  });

  test("throws when a mount point names an undeclared volume", () => {
    expect(make({ containers: { web: { ...web, mountPoints: [{ volume: "data", containerPath: "/data" }] } } })).toBe(
      'test/Task: invalid containers.web.mountPoints[0].volume "data": expected a volume of this task: (none declared) [MOUNT_UNKNOWN_VOLUME]',
    );
  });

  test("throws when a container logs through FireLens without a router", () => {
    expect(make({ containers: { web: { ...web, logging: { driver: "awsfirelens" } } } })).toMatch(/\[FIRELENS_NO_ROUTER\]/);
  });

  test("throws when a ulimit's soft limit is above its hard limit", () => {
    expect(make({ containers: { web: { ...web, ulimits: [{ name: "nofile", softLimit: 10, hardLimit: 5 }] } } })).toMatch(/ulimits\[0\].softLimit 10: expected at most the hard limit \(5\) \[ULIMIT_SOFT_ABOVE_HARD\]/);
  });

  test("throws when no container is essential", () => {
    expect(make({ containers: { web: { ...web, essential: false } } })).toMatch(/\[NO_ESSENTIAL_CONTAINER\]/);
  });

  test("throws when there are no containers", () => {
    expect(make({ containers: {} })).toMatch(/invalid containers \{\}: expected at least one container \[NO_CONTAINERS\]/);
  });

  test("throws when Fargate is asked for the bridge network mode", () => {
    expect(make({ networkMode: "bridge" })).toBe('test/Task: invalid networkMode "bridge": expected one of "awsvpc" [TASK_NETWORK_MODE]');
  });

  test("throws when ephemeral storage is outside 21 to 200 GiB", () => {
    expect(make({ ephemeralStorageGiB: 10 })).toBe("test/Task: invalid ephemeralStorageGiB 10: expected an integer from 21 to 200 GiB [EPHEMERAL_STORAGE]");
  });

  test("throws when log retention is not a value CloudWatch accepts", () => {
    expect(make({ logRetentionDays: 10 })).toMatch(/invalid logRetentionDays 10: expected one of 1, 3, 5, 7.*\[LOG_RETENTION\]/);
  });

  test("throws when an EFS volume has both an access point and a root directory", () => {
    expect(make({ efsVolumes: { data: { fileSystemId: "fs-1", fileSystemArn: "arn:aws:elasticfilesystem:eu-west-1:1:file-system/fs-1", accessPointId: "fsap-1", rootDirectory: "/x" } } })).toMatch(
      /efsVolumes.data.rootDirectory "\/x".*\[EFS_ROOT_WITH_ACCESS_POINT\]/,
    );
  });

  test("throws when the family name has characters ECS refuses", () => {
    expect(make({ name: "acme web" })).toMatch(/invalid name "acme web": expected 1 to 255 characters of letters, digits, hyphens and underscores \[TASK_FAMILY\]/);
  });

  test("throws when the default container does not exist", () => {
    expect(make({ defaultContainerName: "api" })).toBe('test/Task: invalid defaultContainerName "api": expected one of web [UNKNOWN_CONTAINER]');
  });

  test("throws when an ECR repository ARN is a token without a repository URL", () => {
    expect(make({ containers: { web: { ...web, image: ContainerImage.fromEcrRepository(Token.asString({ Ref: "x" }), "1") } } })).toMatch(/\[IMAGE_REPOSITORY_URL_MISSING\]/);
  });

  test("grant() refuses a wildcard resource", () => {
    expect(
      errorOf((scope) => new TaskDefinition(scope, "Task", base).grant(["s3:GetObject"], ["*"])),
    ).toMatch(/invalid resourceArns \["\*"\]: expected one or more ARNs, no "\*".*\[GRANT_RESOURCE_NOT_ARN\]/);
  });

  test("selectPort names the caller, the property and the ports that exist", () => {
    expect(errorOf((scope) => new TaskDefinition(scope, "Task", base).selectPort(scope.node.root as any, "loadBalancer", { portName: "grpc" }))).toMatch(
      /invalid loadBalancer.portName "grpc": expected a port name of container web: http \[UNKNOWN_PORT_NAME\]/,
    );
  });

  test("unresolved tokens pass validation untouched", () => {
    const s = synth((stack) =>
      new TaskDefinition(stack, "Task", { ...base, containers: { web: { ...web, secrets: { DB: Secret.fromSecretsManager(Token.asString({ Ref: "secret" })) } } } }),
    );
    expect(resourcesOf(s, "aws_ecs_task_definition")).not.toEqual({});
  });
});
