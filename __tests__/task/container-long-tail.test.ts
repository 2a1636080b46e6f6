import { ContainerImage, Secret, TaskDefinition } from "../../src/task";
import { renderContainerDefinition } from "../../src/task/container";
import { resourceAt, synth } from "../helpers";

const ctx = { networkMode: "awsvpc" as const, logGroupName: "/ecs/acme-web", region: "eu-west-1" };
const REGISTRY_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/registry-AbCdEf";
const TOKEN_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/splunk-XyZ123";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ENV_FILE = "arn:aws:s3:::acme-config/web/production.env";

describe("the container long tail", () => {
  test("linux parameters, restart policy, labels, env files, kernel parameters and terminal settings reach the container JSON", () => {
    const def = renderContainerDefinition(
      "agent",
      {
        image: ContainerImage.fromRegistry("registry.example.com/acme/agent:3.1"),
        initProcessEnabled: true,
        linuxParameters: {
          capabilities: { add: ["NET_ADMIN"], drop: ["ALL"] },
          tmpfs: [{ containerPath: "/run", sizeMiB: 64, mountOptions: ["noexec"] }],
          sharedMemorySizeMiB: 256,
          devices: [{ hostPath: "/dev/fuse", permissions: ["read", "write"] }],
          maxSwapMiB: 512,
          swappiness: 10,
        },
        restartPolicy: { ignoredExitCodes: [0], restartAttemptPeriodSeconds: 120 },
        repositoryCredentials: Secret.fromSecretsManager(REGISTRY_SECRET),
        dockerLabels: { "com.datadoghq.ad.check_names": '["agent"]', app: "agent" },
        environmentFiles: [ENV_FILE],
        systemControls: { "net.core.somaxconn": "1024", "kernel.shmmax": "68719476736" },
        startTimeoutSeconds: 120,
        versionConsistency: "disabled",
        pseudoTerminal: true,
        interactive: true,
        logging: {
          driver: "splunk",
          options: { "splunk-url": "https://splunk:8088" },
          secretOptions: { "splunk-token": Secret.fromSecretsManager(TOKEN_SECRET) },
        },
      },
      ctx,
    );
    expect(def).toMatchObject({
      linuxParameters: {
        initProcessEnabled: true,
        capabilities: { add: ["NET_ADMIN"], drop: ["ALL"] },
        tmpfs: [{ containerPath: "/run", size: 64, mountOptions: ["noexec"] }],
        sharedMemorySize: 256,
        devices: [{ hostPath: "/dev/fuse", containerPath: "/dev/fuse", permissions: ["read", "write"] }],
        maxSwap: 512,
        swappiness: 10,
      },
      restartPolicy: { enabled: true, ignoredExitCodes: [0], restartAttemptPeriod: 120 },
      repositoryCredentials: { credentialsParameter: REGISTRY_SECRET },
      dockerLabels: { app: "agent", "com.datadoghq.ad.check_names": '["agent"]' },
      environmentFiles: [{ value: ENV_FILE, type: "s3" }],
      systemControls: [
        { namespace: "kernel.shmmax", value: "68719476736" },
        { namespace: "net.core.somaxconn", value: "1024" },
      ],
      startTimeout: 120,
      versionConsistency: "disabled",
      pseudoTerminal: true,
      interactive: true,
      logConfiguration: {
        logDriver: "splunk",
        options: { "splunk-url": "https://splunk:8088" },
        secretOptions: [{ name: "splunk-token", valueFrom: TOKEN_SECRET }],
      },
    });
  });

  test("nothing of it appears unless set", () => {
    const def = renderContainerDefinition("web", { image: ContainerImage.fromRegistry("nginx:1.27") }, ctx);
    for (const key of [
      "linuxParameters",
      "restartPolicy",
      "repositoryCredentials",
      "dockerLabels",
      "environmentFiles",
      "systemControls",
      "startTimeout",
    ]) {
      expect(def).not.toHaveProperty(key);
    }
  });

  test("the execution role may read exactly the registry secret, the log secret, the env file and its bucket, and the secrets' key", () => {
    const s = synth(
      (stack) =>
        new TaskDefinition(stack, "Task", {
          name: "acme-test-web",
          containers: {
            web: {
              image: ContainerImage.fromRegistry("registry.example.com/acme/web:1.0"),
              repositoryCredentials: Secret.fromSecretsManager(REGISTRY_SECRET, undefined, { kmsKeyArn: KEY }),
              environmentFiles: [ENV_FILE],
              logging: {
                driver: "awsfirelens",
                options: { Name: "http" },
                secretOptions: { http_passwd: Secret.fromSecretsManager(TOKEN_SECRET) },
              },
            },
            router: {
              image: ContainerImage.fromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"),
              firelens: { type: "fluentbit" },
              readonlyRootFilesystem: false,
            },
          },
        }),
    );
    const statements = JSON.parse(resourceAt(s, "aws_iam_role_policy", "Task/ExecutionRole/Policy").policy).Statement;
    const bySid = Object.fromEntries(statements.map((x: any) => [x.Sid, x]));
    expect(bySid.Secrets).toMatchObject({ Action: "secretsmanager:GetSecretValue", Resource: [REGISTRY_SECRET, TOKEN_SECRET] });
    expect(bySid.DecryptSecrets).toMatchObject({ Action: "kms:Decrypt", Resource: KEY });
    expect(bySid.EnvironmentFiles).toMatchObject({ Action: "s3:GetObject", Resource: ENV_FILE });
    expect(bySid.EnvironmentFileBuckets).toMatchObject({ Action: "s3:GetBucketLocation", Resource: "arn:aws:s3:::acme-config" });
    const containers = JSON.parse(resourceAt(s, "aws_ecs_task_definition", "Task").container_definitions);
    expect(containers[0].logConfiguration.secretOptions).toEqual([{ name: "http_passwd", valueFrom: TOKEN_SECRET }]);
  });

  test("a GPU container reserves its GPUs on EC2", () => {
    const def = renderContainerDefinition(
      "trainer",
      { image: ContainerImage.fromRegistry("nvcr.io/nvidia/pytorch:24.01-py3"), gpuCount: 2 },
      ctx,
    );
    expect(def.resourceRequirements).toEqual([{ type: "GPU", value: "2" }]);
  });
});
