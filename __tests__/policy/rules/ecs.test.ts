import { TerraformStack } from "cdktf";
import { BatchComputeEnvironment } from "@cdktf/provider-aws/lib/batch-compute-environment";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import {
  ecsContainerInsights,
  ecsDeploymentCircuitBreaker,
  ecsEbsEncryption,
  ecsExecAuditLogging,
  ecsImageTag,
  ecsNoPublicIp,
  ecsPlaintextSecrets,
  ecsPrivilegedContainer,
  ecsReadOnlyRootFilesystem,
  ecsSeparateTaskRoles,
} from "../../../src/policy";
import { imageTag } from "../../../src/policy/rules/ecs-image-tag";
import { looksLikeSecretName } from "../../../src/policy/rules/ecs-plaintext-secrets";
import { cluster, container, network, role, service, taskDefinition } from "../fixtures";
import { brief, findingsOf, messages } from "../helpers";

describe("ECS-001 Container Insights", () => {
  test("reports a cluster without the containerInsights setting, as an error in production", () => {
    const findings = findingsOf(ecsContainerInsights, (s) => cluster(s, { setting: [] }), { environmentClass: "production" });
    expect(brief(findings)).toEqual(["error ECS-001 @ Cluster: the cluster has no containerInsights setting"]);
  });

  test("reports containerInsights disabled, as a warning outside production", () => {
    const findings = findingsOf(ecsContainerInsights, (s) => cluster(s, { setting: [{ name: "containerInsights", value: "disabled" }] }));
    expect(brief(findings)).toEqual(['warning ECS-001 @ Cluster: containerInsights is "disabled"']);
  });

  test("passes enabled and enhanced", () => {
    expect(findingsOf(ecsContainerInsights, (s) => cluster(s))).toEqual([]);
    expect(findingsOf(ecsContainerInsights, (s) => cluster(s, { setting: [{ name: "containerInsights", value: "enhanced" }] }))).toEqual(
      [],
    );
  });
});

describe("ECS-002 ECS Exec audit logging", () => {
  test("reports a service with ECS Exec on a cluster that logs sessions nowhere", () => {
    const findings = findingsOf(ecsExecAuditLogging, (s) => {
      const c = cluster(s, { configuration: { executeCommandConfiguration: { logging: "NONE" } } });
      new EcsService(s, "Service", { name: "web", cluster: c.id, enableExecuteCommand: true });
    });
    expect(brief(findings)).toEqual([
      'error ECS-002 @ Service: enable_execute_command is on but cluster aws_ecs_cluster.Cluster sets execute_command_configuration.logging = "NONE"',
    ]);
  });

  test("reports DEFAULT logging, OVERRIDE without a destination, and a missing configuration", () => {
    const messages = [{ logging: "DEFAULT" }, { logging: "OVERRIDE" }, undefined].map((exec) =>
      findingsOf(ecsExecAuditLogging, (s) => {
        const c = cluster(s, { configuration: exec ? { executeCommandConfiguration: exec } : undefined });
        new EcsService(s, "Service", { name: "web", cluster: c.arn, enableExecuteCommand: true });
      }).map((f) => f.message),
    );
    expect(messages[0]).toEqual([expect.stringContaining('uses logging = "DEFAULT"')]);
    expect(messages[1]).toEqual([expect.stringContaining('uses logging = "OVERRIDE" without a CloudWatch log group or S3 bucket')]);
    expect(messages[2]).toEqual([expect.stringContaining("has no execute_command_configuration")]);
  });

  test("reports ECS Exec on a cluster outside the stack, which cannot be verified", () => {
    const findings = findingsOf(ecsExecAuditLogging, (s) => {
      new EcsService(s, "Service", {
        name: "web",
        cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/shared",
        enableExecuteCommand: true,
      });
    });
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('the cluster "arn:aws:ecs:eu-west-1:123456789012:cluster/shared" is not in this stack'),
    ]);
  });

  test("passes ECS Exec on a cluster logging to CloudWatch, and services without ECS Exec", () => {
    expect(
      findingsOf(ecsExecAuditLogging, (s) => {
        new EcsService(s, "Service", { name: "web", cluster: cluster(s).arn, enableExecuteCommand: true });
        new EcsService(s, "Other", { name: "other", cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/shared" });
      }),
    ).toEqual([]);
  });
});

describe("ECS-003 privileged containers", () => {
  test("reports a privileged container in a task definition and in a Batch job definition", () => {
    const findings = findingsOf(ecsPrivilegedContainer, (s) => {
      taskDefinition(s, [container(), container({ name: "sidecar", privileged: true })]);
      new BatchJobDefinition(s, "Job", {
        name: "acme-job",
        type: "container",
        containerProperties: JSON.stringify({ image: "busybox:1.36", privileged: true }),
      });
    });
    expect(brief(findings)).toEqual([
      "error ECS-003 @ Job: the job container sets privileged: true",
      'error ECS-003 @ TaskDefinition: container "sidecar" sets privileged: true',
    ]);
  });

  test("reports a container adding ALL or SYS_ADMIN, which amounts to privileged", () => {
    const findings = findingsOf(ecsPrivilegedContainer, (s) =>
      taskDefinition(s, [
        container({ linuxParameters: { capabilities: { add: ["SYS_ADMIN", "NET_ADMIN"] } } }),
        container({ name: "agent", linuxParameters: { capabilities: { add: ["ALL"] } } }),
      ]),
    );
    expect(brief(findings)).toEqual([
      'error ECS-003 @ TaskDefinition: container "agent" adds the Linux capability ALL, which amounts to privileged',
      'error ECS-003 @ TaskDefinition: container "web" adds the Linux capability SYS_ADMIN, which amounts to privileged',
    ]);
  });

  test("passes containers that are not privileged and add only narrow capabilities (or drop ALL)", () => {
    expect(findingsOf(ecsPrivilegedContainer, (s) => taskDefinition(s, [container({ privileged: false })]))).toEqual([]);
    expect(
      findingsOf(ecsPrivilegedContainer, (s) =>
        taskDefinition(s, [container({ linuxParameters: { capabilities: { add: ["SYS_PTRACE", "NET_BIND_SERVICE"], drop: ["ALL"] } } })]),
      ),
    ).toEqual([]);
  });
});

describe("ECS-004 read-only root filesystem", () => {
  test("reports containers whose root filesystem is writable or unset", () => {
    const findings = findingsOf(ecsReadOnlyRootFilesystem, (s) =>
      taskDefinition(s, [container({ readonlyRootFilesystem: false }), container({ name: "init", readonlyRootFilesystem: undefined })]),
    );
    expect(brief(findings)).toEqual([
      'error ECS-004 @ TaskDefinition: container "init" has a writable root filesystem (readonlyRootFilesystem is "unset")',
      'error ECS-004 @ TaskDefinition: container "web" has a writable root filesystem (readonlyRootFilesystem is false)',
    ]);
  });

  test("passes read-only containers", () => {
    expect(findingsOf(ecsReadOnlyRootFilesystem, (s) => taskDefinition(s))).toEqual([]);
  });
});

describe("ECS-005 secrets in plain environment variables and log options", () => {
  test("reports secret-looking names, AWS keys, private keys and interpolated secret values", () => {
    const findings = findingsOf(ecsPlaintextSecrets, (s) => {
      const version = new SecretsmanagerSecretVersion(s, "DbPassword", { secretId: "db", secretString: "hunter2" });
      taskDefinition(s, [
        container({
          environment: [
            { name: "DB_PASSWORD", value: "hunter2" },
            { name: "stripeApiKey", value: "sk_live" },
            { name: "UPSTREAM", value: "AKIAABCDEFGHIJKLMNOP" },
            { name: "TLS", value: "-----BEGIN RSA PRIVATE KEY-----\nabc" },
            { name: "DSN", value: `postgres://app:${version.secretString}@db` },
          ],
        }),
      ]);
    });
    expect(findings.map((f) => f.message)).toEqual([
      'container "web" has environment variable "DB_PASSWORD" in plain text: its name looks like a secret',
      'container "web" has environment variable "DSN" in plain text: its value interpolates aws_secretsmanager_secret_version.DbPassword, writing the secret into the task definition',
      'container "web" has environment variable "stripeApiKey" in plain text: its name looks like a secret',
      'container "web" has environment variable "TLS" in plain text: its value is a private key',
      'container "web" has environment variable "UPSTREAM" in plain text: its value is an AWS access key id',
    ]);
  });

  test("reports log driver options holding a token or password, or interpolating a secret", () => {
    const findings = findingsOf(ecsPlaintextSecrets, (s) => {
      const version = new SecretsmanagerSecretVersion(s, "HecToken", { secretId: "hec", secretString: "t0ken" });
      taskDefinition(s, [
        container({
          logConfiguration: {
            logDriver: "splunk",
            options: { "splunk-url": "https://splunk:8088", "splunk-token": "t0ken", "splunk-format": "json" },
          },
        }),
        container({
          name: "app",
          logConfiguration: {
            logDriver: "awsfirelens",
            options: { Name: "http", http_passwd: "hunter2", Header: `X-Key ${version.secretString}` },
          },
        }),
      ]);
    });
    expect(findings.map((f) => f.message)).toEqual([
      'container "app" has log option "Header" in plain text: its value interpolates aws_secretsmanager_secret_version.HecToken, writing the secret into the task definition',
      'container "app" has log option "http_passwd" in plain text: its name looks like a secret',
      'container "web" has log option "splunk-token" in plain text: its name looks like a secret',
    ]);
    expect(findings[0].fix).toContain("secretOptions");
  });

  test("passes ordinary log options and log secrets passed through secretOptions", () => {
    const findings = findingsOf(ecsPlaintextSecrets, (s) =>
      taskDefinition(s, [
        container({
          logConfiguration: {
            logDriver: "splunk",
            options: { "splunk-url": "https://splunk:8088", "splunk-format": "json" },
            secretOptions: [{ name: "splunk-token", valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hec-AbCdEf" }],
          },
        }),
      ]),
    );
    expect(findings).toEqual([]);
  });

  test("passes ordinary variables and secrets passed through `secrets`", () => {
    const findings = findingsOf(ecsPlaintextSecrets, (s) =>
      taskDefinition(s, [
        container({
          environment: [
            { name: "KMS_KEY_ID", value: "alias/app" },
            { name: "TOKEN_TYPE", value: "bearer" },
            { name: "PORT", value: "8080" },
          ],
        }),
      ]),
    );
    expect(findings).toEqual([]);
  });

  test("reads names word by word", () => {
    expect(
      ["PASSWORD", "db_password", "githubToken", "JWT_SECRET", "SIGNING_KEY", "APIKEY", "AWS_ACCESS_KEY_ID", "CREDENTIALS"].filter(
        looksLikeSecretName,
      ),
    ).toHaveLength(8);
    expect(
      ["MONKEY", "KEYCLOAK_URL", "KMS_KEY_ARN", "PUBLIC_KEY", "TOKEN_ENDPOINT", "SECRET_NAME", "PWD", "HOSTNAME"].filter(
        looksLikeSecretName,
      ),
    ).toEqual([]);
  });
});

describe("ECS-006 separate task and execution roles", () => {
  test("reports a task definition using one role for both", () => {
    const findings = findingsOf(ecsSeparateTaskRoles, (s) => {
      const shared = role(s, "Shared");
      taskDefinition(s, undefined, { executionRoleArn: shared.arn, taskRoleArn: shared.arn });
    });
    expect(findings.map((f) => f.message)).toEqual(["execution_role_arn and task_role_arn are the same role (${aws_iam_role.Shared.arn})"]);
  });

  test("passes separate roles, and a task definition without a task role", () => {
    expect(findingsOf(ecsSeparateTaskRoles, (s) => taskDefinition(s))).toEqual([]);
    expect(findingsOf(ecsSeparateTaskRoles, (s) => taskDefinition(s, undefined, { taskRoleArn: undefined }))).toEqual([]);
  });
});

describe("ECS-007 image tags", () => {
  const images = (...list: string[]) => list.map((image, i) => container({ name: `c${i}`, image }));

  test("reports latest and untagged images: a warning outside production, an error in production", () => {
    const build = (s: TerraformStack) => taskDefinition(s, images("nginx", "public.ecr.aws/nginx/nginx:latest", "localhost:5000/app"));
    expect(brief(findingsOf(ecsImageTag, build))).toEqual([
      'warning ECS-007 @ TaskDefinition: container "c0" uses image "nginx" with no tag (which means latest)',
      'warning ECS-007 @ TaskDefinition: container "c1" uses image "public.ecr.aws/nginx/nginx:latest" tagged latest',
      'warning ECS-007 @ TaskDefinition: container "c2" uses image "localhost:5000/app" with no tag (which means latest)',
    ]);
    expect(findingsOf(ecsImageTag, build, { environmentClass: "production" }).map((f) => f.severity)).toEqual(["error", "error", "error"]);
  });

  test("passes version tags, digests and tags only known at apply", () => {
    expect(
      findingsOf(ecsImageTag, (s) =>
        taskDefinition(
          s,
          images(
            "nginx:1.27",
            "nginx@sha256:0123456789abcdef",
            "${aws_ecr_repository.app.repository_url}:v3",
            "repo:${var.tag}",
            "${var.image}",
          ),
        ),
      ),
    ).toEqual([]);
  });

  test("imageTag reads the tag of the last path segment", () => {
    expect(imageTag("registry:5000/team/app:2.0")).toBe("2.0");
    expect(imageTag("registry:5000/team/app")).toBeNull();
    expect(imageTag("app@sha256:abc")).toBeUndefined();
  });
});

describe("ECS-008 deployment circuit breaker", () => {
  test("reports a rolling-update service without the circuit breaker, or without rollback", () => {
    const findings = findingsOf(
      ecsDeploymentCircuitBreaker,
      (s) => {
        new EcsService(s, "NoBreaker", { name: "a" });
        new EcsService(s, "NoRollback", { name: "b", deploymentCircuitBreaker: { enable: true, rollback: false } });
      },
      { environmentClass: "production" },
    );
    expect(brief(findings)).toEqual([
      "error ECS-008 @ NoBreaker: the service has no deployment_circuit_breaker",
      "error ECS-008 @ NoRollback: deployment_circuit_breaker has enable = true, rollback = false",
    ]);
  });

  test("passes the circuit breaker with rollback, and services deployed by CodeDeploy", () => {
    const findings = findingsOf(ecsDeploymentCircuitBreaker, (s) => {
      new EcsService(s, "Rolling", { name: "a", deploymentCircuitBreaker: { enable: true, rollback: true } });
      new EcsService(s, "BlueGreen", { name: "b", deploymentController: { type: "CODE_DEPLOY" } });
    });
    expect(findings).toEqual([]);
  });
});

describe("ECS-010 managed EBS volume encryption", () => {
  const volume = (name: string, encrypted?: boolean) => ({
    name,
    managedEbsVolume: { roleArn: "arn:aws:iam::123456789012:role/ecs", encrypted },
  });

  test("reports a service whose managed volume is unencrypted or leaves encryption unset, as an error in production", () => {
    const findings = findingsOf(
      ecsEbsEncryption,
      (s) => {
        new EcsService(s, "Off", { name: "a", volumeConfiguration: volume("ledger", false) });
        new EcsService(s, "Unset", { name: "b", volumeConfiguration: volume("journal") });
      },
      { environmentClass: "production" },
    );
    expect(brief(findings)).toEqual([
      "error ECS-010 @ Off: the managed EBS volume ledger is not encrypted (encrypted is false)",
      'error ECS-010 @ Unset: the managed EBS volume journal is not encrypted (encrypted is "unset")',
    ]);
  });

  test("a warning outside production; an encrypted volume and a service without volumes pass", () => {
    const findings = findingsOf(ecsEbsEncryption, (s) => {
      new EcsService(s, "Off", { name: "a", volumeConfiguration: volume("ledger", false) });
      new EcsService(s, "On", { name: "b", volumeConfiguration: volume("ledger", true) });
      new EcsService(s, "None", { name: "c" });
    });
    expect(brief(findings)).toEqual(["warning ECS-010 @ Off: the managed EBS volume ledger is not encrypted (encrypted is false)"]);
  });
});

describe("ECS-009 public IPs and public subnets", () => {
  test("reports a service with a public IP in public subnets", () => {
    const findings = findingsOf(ecsNoPublicIp, (s) => {
      const net = network(s);
      service(s, net, { networkConfiguration: { subnets: [net.publicSubnetIds[0]], assignPublicIp: true } });
    });
    expect(brief(findings)).toEqual([
      "error ECS-009 @ Service: assign_public_ip is on: every task gets a public IP address",
      "error ECS-009 @ Service: tasks run in public subnet aws_subnet.Network_PublicSubnet1 (its route table aws_route_table.Network_PublicRouteTable routes to an internet gateway)",
    ]);
  });

  test("reports a subnet that maps public IPs on launch", () => {
    const found = findingsOf(ecsNoPublicIp, (s) => {
      const net = network(s, { tiers: { isolated: { prefixLength: 20 } }, natGateways: "none" });
      (net.node.findChild("IsolatedSubnet1") as Subnet).addOverride("map_public_ip_on_launch", true);
      service(s, net, { networkConfiguration: { subnets: [...net.workloadSubnetIds] } });
    });
    expect(messages(found)).toEqual(["tasks run in public subnet aws_subnet.Network_IsolatedSubnet1 (it sets map_public_ip_on_launch)"]);
  });

  test("reports scheduled tasks and Batch jobs with public IPs or in public subnets", () => {
    const found = findingsOf(ecsNoPublicIp, (s) => {
      const net = network(s);
      const pub = [net.publicSubnetIds[0]];
      const ecsParameters = {
        taskDefinitionArn: "arn:aws:ecs:eu-west-1:123456789012:task-definition/job:1",
        networkConfiguration: { subnets: [...net.privateSubnetIds], assignPublicIp: true },
      };
      new SchedulerSchedule(s, "Schedule", {
        flexibleTimeWindow: { mode: "OFF" },
        scheduleExpression: "rate(1 day)",
        target: { arn: "arn:cluster", roleArn: "arn:role", ecsParameters },
      });
      new CloudwatchEventTarget(s, "Target", {
        rule: "r",
        arn: "arn:cluster",
        ecsTarget: { taskDefinitionArn: "arn:td", networkConfiguration: { subnets: pub } },
      });
      new BatchComputeEnvironment(s, "Compute", { type: "MANAGED", computeResources: { type: "FARGATE", maxVcpus: 4, subnets: pub } });
      new BatchJobDefinition(s, "Job", {
        name: "job",
        type: "container",
        containerProperties: JSON.stringify({ image: "busybox:1.36", networkConfiguration: { assignPublicIp: "ENABLED" } }),
      });
    });
    expect(brief(found)).toEqual([
      "error ECS-009 @ Compute: tasks run in public subnet aws_subnet.Network_PublicSubnet1 (its route table aws_route_table.Network_PublicRouteTable routes to an internet gateway)",
      'error ECS-009 @ Job: the job container sets networkConfiguration.assignPublicIp = "ENABLED"',
      "error ECS-009 @ Schedule: assign_public_ip is on: every task gets a public IP address",
      "error ECS-009 @ Target: tasks run in public subnet aws_subnet.Network_PublicSubnet1 (its route table aws_route_table.Network_PublicRouteTable routes to an internet gateway)",
    ]);
  });

  test("passes a service in private subnets without a public IP", () => {
    expect(findingsOf(ecsNoPublicIp, (s) => service(s, network(s)))).toEqual([]);
  });

  test("passes subnets outside the stack (nothing to inspect)", () => {
    expect(
      findingsOf(ecsNoPublicIp, (s) => new EcsService(s, "Service", { name: "web", networkConfiguration: { subnets: ["subnet-0abc"] } })),
    ).toEqual([]);
  });
});
