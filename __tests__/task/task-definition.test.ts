import { Testing, TerraformStack, Token } from "cdktf";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { ContainerImage, ContainerOptions, Secret, TaskDefinition, TaskDefinitionProps } from "../../src/task";
import { Queue } from "../../src/queue/queue";
import { resourceAt, resourcesOf, synth } from "../helpers";

const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/db-AbCdEf";
const PARAM = "arn:aws:ssm:eu-west-1:123456789012:parameter/acme/api-key";
const REPO = "arn:aws:ecr:eu-west-1:123456789012:repository/acme/web";
const web: ContainerOptions = { image: ContainerImage.fromRegistry("nginx:1.27"), portMappings: [{ containerPort: 8080, name: "http" }] };
const base: TaskDefinitionProps = { name: "acme-test-web", containers: { web } };

const containersOf = (s: ReturnType<typeof synth>) =>
  JSON.parse(resourceAt(s, "aws_ecs_task_definition", "Task/Resource").container_definitions);
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
      expect(JSON.parse(resourceAt(s, "aws_iam_role", path).assume_role_policy).Statement[0].Principal.Service).toBe(
        "ecs-tasks.amazonaws.com",
      );
    }
    expect(resourceAt(s, "aws_iam_role", "Task/ExecutionRole").name).toBe("acme-test-web-execution");
    expect(resourceAt(s, "aws_iam_role", "Task/TaskRole").name).toBe("acme-test-web-task");
  });

  test("the task role is empty by default: no policy at all", () => {
    const s = synth((stack) => new TaskDefinition(stack, "Task", base));
    expect(Object.keys(resourcesOf(s, "aws_iam_role_policy")).filter((k) => k.includes("TaskRole"))).toEqual([]);
  });

  test("the execution role reads exactly the referenced secrets, parameters, keys and ECR repository, and its own log group", () => {
    const kms = "arn:aws:kms:eu-west-1:123456789012:key/00000007-0000-4000-8000-000000000007";
    const s = synth(
      (stack) =>
        new TaskDefinition(stack, "Task", {
          ...base,
          containers: {
            web: {
              ...web,
              image: ContainerImage.fromEcrRepository(REPO, "1.0.0"),
              secrets: {
                DB_PASSWORD: Secret.fromSecretsManager(SECRET, "password", { kmsKeyArn: kms }),
                API_KEY: Secret.fromSsmParameter(PARAM),
              },
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

  test("is a grantee: a queue's grantConsume and a secret's grantRead land on the task role, not the execution role", () => {
    const s = synth((stack) => {
      const task = new TaskDefinition(stack, "Task", base);
      new Queue(stack, "Jobs", { name: "acme-test-jobs" }).grantConsume(task);
      Secret.fromSecretsManager(SECRET).grantRead(task);
    });
    const statements = policyOf(s, "Task/TaskRole/Policy").Statement;
    expect(statements).toEqual([
      {
        Effect: "Allow",
        Action: ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
        Resource: "${aws_sqs_queue.Jobs.arn}",
      },
      { Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: SECRET },
    ]);
    expect(JSON.stringify(policyOf(s, "Task/ExecutionRole/Policy"))).not.toContain("sqs:");
  });

  test("EFS volumes: transit encryption and IAM auth on, access point, and ClientMount/ClientWrite on exactly the file system", () => {
    const fsArn = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-12345678";
    const s = synth(
      (stack) =>
        new TaskDefinition(stack, "Task", {
          ...base,
          efsVolumes: { data: { fileSystemId: "fs-12345678", fileSystemArn: fsArn, accessPointId: "fsap-1234" } },
          scratchVolumes: ["tmp"],
          containers: {
            web: {
              ...web,
              mountPoints: [
                { volume: "data", containerPath: "/data" },
                { volume: "tmp", containerPath: "/tmp" },
              ],
            },
          },
        }),
    );
    const td = resourceAt(s, "aws_ecs_task_definition", "Task/Resource");
    expect(td.volume).toEqual([
      {
        name: "data",
        efs_volume_configuration: {
          file_system_id: "fs-12345678",
          transit_encryption: "ENABLED",
          authorization_config: { iam: "ENABLED", access_point_id: "fsap-1234" },
        },
      },
      { name: "tmp" },
    ]);
    expect(policyOf(s, "Task/TaskRole/Policy").Statement[0]).toMatchObject({
      Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
      Resource: fsArn,
    });
  });

  test("ARM64, ephemeral storage, log KMS key and custom retention reach Terraform", () => {
    const s = synth(
      (stack) =>
        new TaskDefinition(stack, "Task", {
          ...base,
          cpu: 1024,
          memoryMiB: 3072,
          runtimePlatform: { cpuArchitecture: "ARM64" },
          ephemeralStorageGiB: 50,
          logRetentionDays: 90,
          logKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/00000006-0000-4000-8000-000000000006",
        }),
    );
    expect(resourceAt(s, "aws_ecs_task_definition", "Task/Resource")).toMatchObject({
      cpu: "1024",
      memory: "3072",
      runtime_platform: { cpu_architecture: "ARM64" },
      ephemeral_storage: { size_in_gib: 50 },
    });
    expect(resourceAt(s, "aws_cloudwatch_log_group", "Task/LogGroup")).toMatchObject({
      retention_in_days: 90,
      kms_key_id: "arn:aws:kms:eu-west-1:123456789012:key/00000006-0000-4000-8000-000000000006",
    });
  });

  test("EC2 compatibility allows bridge mode and non-Fargate sizes", () => {
    const s = synth(
      (stack) => new TaskDefinition(stack, "Task", { ...base, compatibility: "EC2", networkMode: "bridge", cpu: 384, memoryMiB: 700 }),
    );
    expect(resourceAt(s, "aws_ecs_task_definition", "Task/Resource")).toMatchObject({
      requires_compatibilities: ["EC2"],
      network_mode: "bridge",
      cpu: "384",
    });
  });

  test("exposes containers and ports, picks the first container with a port as the default, and selects ports by name", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "t");
    const task = new TaskDefinition(stack, "Task", {
      ...base,
      containers: {
        "log-router": { image: ContainerImage.fromRegistry("fluent-bit:3"), firelens: { type: "fluentbit" } },
        web: {
          ...web,
          portMappings: [
            { containerPort: 8080, name: "http" },
            { containerPort: 9090, name: "metrics" },
          ],
        },
      },
    });
    expect(task.defaultContainerName).toBe("web");
    expect(task.containers.map((c) => c.name)).toEqual(["log-router", "web"]);
    expect(task.selectPort(task, "lb", { portName: "metrics" })).toEqual({
      containerName: "web",
      containerPort: 9090,
      protocol: "tcp",
      name: "metrics",
      appProtocol: undefined,
    });
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

describe("TaskDefinition input checks", () => {
  test("unresolved tokens pass validation untouched", () => {
    const s = synth(
      (stack) =>
        new TaskDefinition(stack, "Task", {
          ...base,
          containers: { web: { ...web, secrets: { DB: Secret.fromSecretsManager(Token.asString({ Ref: "secret" })) } } },
        }),
    );
    expect(resourcesOf(s, "aws_ecs_task_definition")).not.toEqual({});
  });
});
