import { ContainerImage, Secret } from "../../src/task";
import { DEFAULT_STOP_TIMEOUT_SECONDS, renderContainerDefinition } from "../../src/task/container";
import type { PolicyStatement } from "../../src/core/iam";

const ctx = { networkMode: "awsvpc" as const, logGroupName: "/ecs/acme-web", region: "eu-west-1" };
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/db-AbCdEf";
const PARAM = "arn:aws:ssm:eu-west-1:123456789012:parameter/acme/api-key";

describe("renderContainerDefinition", () => {
  test("applies the secure defaults: essential, read-only root, 120 s stop timeout, awslogs into the task's group", () => {
    const def = renderContainerDefinition("web", { image: ContainerImage.fromRegistry("nginx:1.27") }, ctx);
    expect(def).toEqual({
      name: "web",
      image: "nginx:1.27",
      essential: true,
      readonlyRootFilesystem: true,
      stopTimeout: DEFAULT_STOP_TIMEOUT_SECONDS,
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": "/ecs/acme-web", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web" },
      },
    });
    expect(DEFAULT_STOP_TIMEOUT_SECONDS).toBe(120);
    expect(def).not.toHaveProperty("privileged");
  });

  test("renders ports with names, host port equal to container port under awsvpc, sorted environment and secrets", () => {
    const def = renderContainerDefinition(
      "api",
      {
        image: ContainerImage.fromRegistry("nginx:1.27"),
        portMappings: [{ containerPort: 8080, name: "http", appProtocol: "http" }],
        environment: { ZED: "1", ALPHA: "2" },
        secrets: { DB_PASSWORD: Secret.fromSecretsManager(SECRET, "password"), API_KEY: Secret.fromSsmParameter(PARAM) },
      },
      ctx,
    );
    expect(def.portMappings).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: "tcp", name: "http", appProtocol: "http" }]);
    expect(def.environment).toEqual([
      { name: "ALPHA", value: "2" },
      { name: "ZED", value: "1" },
    ]);
    expect(def.secrets).toEqual([
      { name: "API_KEY", valueFrom: PARAM },
      { name: "DB_PASSWORD", valueFrom: `${SECRET}:password::` },
    ]);
  });

  test("writes out every health check timing so AWS's defaults cause no drift", () => {
    const def = renderContainerDefinition(
      "web",
      { image: ContainerImage.fromRegistry("x:1"), healthCheck: { command: ["CMD", "/health"], retries: 5 } },
      ctx,
    );
    expect(def.healthCheck).toEqual({ command: ["CMD", "/health"], interval: 30, timeout: 5, retries: 5, startPeriod: 0 });
  });

  test("renders hard and soft memory, ulimits, dependsOn, mounts, init process, user and command", () => {
    const def = renderContainerDefinition(
      "app",
      {
        image: ContainerImage.fromRegistry("x:1"),
        memoryLimitMiB: 512,
        memoryReservationMiB: 256,
        ulimits: [{ name: "nofile", softLimit: 1024, hardLimit: 4096 }],
        dependsOn: [{ containerName: "log-router", condition: "START" }],
        mountPoints: [{ volume: "tmp", containerPath: "/tmp" }],
        initProcessEnabled: true,
        user: "1000:1000",
        command: ["serve"],
        entryPoint: ["/bin/app"],
        stopTimeoutSeconds: 30,
        readonlyRootFilesystem: false,
      },
      ctx,
    );
    expect(def).toMatchObject({
      memory: 512,
      memoryReservation: 256,
      ulimits: [{ name: "nofile", softLimit: 1024, hardLimit: 4096 }],
      dependsOn: [{ containerName: "log-router", condition: "START" }],
      mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }],
      linuxParameters: { initProcessEnabled: true },
      user: "1000:1000",
      command: ["serve"],
      entryPoint: ["/bin/app"],
      stopTimeout: 30,
      readonlyRootFilesystem: false,
    });
  });

  test("FireLens: the router carries firelensConfiguration, an app logs through awsfirelens, and 'none' drops logging", () => {
    const router = renderContainerDefinition(
      "log-router",
      { image: ContainerImage.fromRegistry("fluent-bit:3"), firelens: { type: "fluentbit" } },
      ctx,
    );
    expect(router.firelensConfiguration).toEqual({ type: "fluentbit" });
    const app = renderContainerDefinition(
      "app",
      { image: ContainerImage.fromRegistry("x:1"), logging: { driver: "awsfirelens", options: { Name: "cloudwatch" } } },
      ctx,
    );
    expect(app.logConfiguration).toEqual({ logDriver: "awsfirelens", options: { Name: "cloudwatch" } });
    const silent = renderContainerDefinition("app", { image: ContainerImage.fromRegistry("x:1"), logging: { driver: "none" } }, ctx);
    expect(silent).not.toHaveProperty("logConfiguration");
  });

  test("bridge mode keeps the given host port (0 = dynamic)", () => {
    const def = renderContainerDefinition(
      "web",
      { image: ContainerImage.fromRegistry("x:1"), portMappings: [{ containerPort: 80, hostPort: 0 }] },
      { ...ctx, networkMode: "bridge" },
    );
    expect(def.portMappings).toEqual([{ containerPort: 80, hostPort: 0, protocol: "tcp" }]);
  });
});

describe("ContainerImage", () => {
  test("derives the image URI from an ECR repository ARN, with @ for digests", () => {
    const tagged = ContainerImage.fromEcrRepository("arn:aws:ecr:eu-west-1:123456789012:repository/acme/web", "1.4.2");
    expect(tagged.imageName).toBe("123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/web:1.4.2");
    expect(tagged.ecrRepositoryArn).toBe("arn:aws:ecr:eu-west-1:123456789012:repository/acme/web");
    const sha = `sha256:${"0123456789abcdef".repeat(4)}`;
    const digest = ContainerImage.fromEcrRepository("arn:aws:ecr:eu-west-1:123456789012:repository/acme/web", sha);
    expect(digest.imageName).toBe(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/web@${sha}`);
  });

  test("recognises a private ECR image URI given by name, and leaves public images alone", () => {
    expect(ContainerImage.fromRegistry("123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/api:7").ecrRepositoryArn).toBe(
      "arn:aws:ecr:eu-west-1:123456789012:repository/acme/api",
    );
    expect(ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:1.27").ecrRepositoryArn).toBeUndefined();
  });
});

describe("Secret", () => {
  test("knows the ARN to grant for each source", () => {
    const sm = Secret.fromSecretsManager(SECRET, "password", {
      kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/00000004-0000-4000-8000-000000000004",
    });
    expect([sm.arn, sm.kmsKeyArn]).toEqual([SECRET, "arn:aws:kms:eu-west-1:123456789012:key/00000004-0000-4000-8000-000000000004"]);
    const ssm = Secret.fromSsmParameter(PARAM);
    expect([ssm.arn, ssm.valueFrom]).toEqual([PARAM, PARAM]);
  });

  test("grantRead gives the grantee exactly the secret (and its key) or exactly the parameter", () => {
    const statements: PolicyStatement[] = [];
    const grantee = { addToPrincipalPolicy: (statement: PolicyStatement) => statements.push(statement) };
    Secret.fromSecretsManager(SECRET, "password", {
      kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/00000004-0000-4000-8000-000000000004",
    }).grantRead(grantee);
    Secret.fromSsmParameter(PARAM).grantRead(grantee);
    expect(statements).toEqual([
      { actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], resources: [SECRET] },
      { actions: ["kms:Decrypt"], resources: ["arn:aws:kms:eu-west-1:123456789012:key/00000004-0000-4000-8000-000000000004"] },
      { actions: ["ssm:GetParameter", "ssm:GetParameters"], resources: [PARAM] },
    ]);
  });
});
