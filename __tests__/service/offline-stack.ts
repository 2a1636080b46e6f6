import { App, TerraformStack } from "cdktf";
import { AcmpcaCertificateAuthority } from "@cdktf/provider-aws/lib/acmpca-certificate-authority";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { VpclatticeTargetGroup } from "@cdktf/provider-aws/lib/vpclattice-target-group";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { Queue } from "../../src/queue/queue";
import { NetworkLoadBalancer } from "../../src/ingress/network-load-balancer";
import { QueueProcessingService } from "../../src/patterns/queue-processing-service";
import { Service } from "../../src/service/service";
import { ContainerImage } from "../../src/task/image";
import { Secret } from "../../src/task/secret";
import { TaskDefinition } from "../../src/task/task-definition";
import { alb, platform } from "./fixtures";

const DB_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/test/db-AbCdEf";
const API_KEY = "arn:aws:ssm:eu-west-1:123456789012:parameter/acme/test/api-key";
const REPO = "arn:aws:ecr:eu-west-1:123456789012:repository/acme/web";
const REGISTRY_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/test/registry-AbCdEf";
const SPLUNK_TOKEN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/test/splunk-XyZ123";

/**
 * One stack with the four service patterns (and every task definition feature), checked against the
 * real hashicorp/aws provider: (a) a public web service on Fargate + Fargate Spot behind HTTPS with
 * auto scaling, (b) an internal API reached through Service Connect (and Cloud Map), (c) a queue
 * worker with step scaling on queue depth, (d) a blue/green service; plus a TCP service behind an NLB
 * (e) a stateful service with a managed EBS volume per task and (f) one whose io2 volumes start from a snapshot.
 */
function buildStack(stack: TerraformStack): void {
  const { cluster, network } = platform(stack);
  const lb = alb(stack, network);
  const topic = new SnsTopic(stack, "Alerts", { name: "acme-test-alerts" });
  const alarms = { topicArn: topic.arn };

  // (b) internal API: Service Connect server over TLS with timeouts, Cloud Map A records, EFS with an access point.
  const privateCa = new AcmpcaCertificateAuthority(stack, "PrivateCa", {
    type: "ROOT",
    usageMode: "SHORT_LIVED_CERTIFICATE",
    certificateAuthorityConfiguration: {
      keyAlgorithm: "EC_prime256v1",
      signingAlgorithm: "SHA256WITHECDSA",
      subject: { commonName: "acme.internal" },
    },
  });
  const key = new KmsKey(stack, "WorkloadKey", { description: "acme-test workload data", enableKeyRotation: true });
  const fileSystem = new EfsFileSystem(stack, "FileSystem", { encrypted: true });
  const accessPoint = new EfsAccessPoint(stack, "AccessPoint", { fileSystemId: fileSystem.id, posixUser: { uid: 1000, gid: 1000 } });
  const apiTask = new TaskDefinition(stack, "ApiTask", {
    name: "acme-test-api",
    cpu: 512,
    memoryMiB: 1024,
    runtimePlatform: { cpuArchitecture: "ARM64" },
    efsVolumes: { data: { fileSystemId: fileSystem.id, fileSystemArn: fileSystem.arn, accessPointId: accessPoint.id } },
    scratchVolumes: ["tmp"],
    containers: {
      api: {
        image: ContainerImage.fromEcrRepository("arn:aws:ecr:eu-west-1:123456789012:repository/acme/api", "2.3.1"),
        portMappings: [{ containerPort: 9000, name: "api", appProtocol: "http" }],
        secrets: { DB_PASSWORD: Secret.fromSecretsManager(DB_SECRET, "password") },
        healthCheck: { command: ["CMD-SHELL", "wget -q -O- http://localhost:9000/health || exit 1"], startPeriodSeconds: 30 },
        mountPoints: [
          { volume: "data", containerPath: "/data" },
          { volume: "tmp", containerPath: "/tmp" },
        ],
        user: "1000:1000",
        ulimits: [{ name: "nofile", softLimit: 65536, hardLimit: 65536 }],
      },
    },
  });
  const api = new Service(stack, "Api", {
    name: "acme-test-api",
    cluster,
    taskDefinition: apiTask,
    serviceConnect: {
      endpoints: [
        {
          portName: "api",
          discoveryName: "api",
          port: 80,
          idleTimeoutSeconds: 300,
          perRequestTimeoutSeconds: 60,
          tls: { certificateAuthorityArn: privateCa.arn, kmsKeyArn: key.arn },
        },
      ],
    },
    cloudMapDiscovery: { name: "api-dns" },
    alarms,
  });

  // (a) public web on FARGATE + FARGATE_SPOT behind HTTPS, auto scaling, Service Connect client, FireLens sidecar.
  const webTask = new TaskDefinition(stack, "WebTask", {
    name: "acme-test-web",
    cpu: 1024,
    memoryMiB: 2048,
    ephemeralStorageGiB: 30,
    scratchVolumes: ["tmp"],
    containers: {
      "log-router": {
        image: ContainerImage.fromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"),
        essential: true,
        firelens: { type: "fluentbit", options: { "enable-ecs-log-metadata": "true" } },
        memoryReservationMiB: 64,
        // Fluent Bit writes its generated configuration at start.
        readonlyRootFilesystem: false,
      },
      web: {
        image: ContainerImage.fromEcrRepository(REPO, "1.4.2"),
        memoryLimitMiB: 1536,
        memoryReservationMiB: 1024,
        portMappings: [{ containerPort: 8080, name: "http", appProtocol: "http" }],
        environment: { API_URL: "http://api:80", NODE_ENV: "production" },
        secrets: { API_KEY: Secret.fromSsmParameter(API_KEY) },
        dependsOn: [{ containerName: "log-router", condition: "START" }],
        logging: {
          driver: "awsfirelens",
          options: {
            Name: "cloudwatch_logs",
            region: "eu-west-1",
            log_group_name: "/ecs/acme-test-web/app",
            log_stream_prefix: "web-",
            auto_create_group: "false",
          },
        },
        mountPoints: [{ volume: "tmp", containerPath: "/tmp" }],
        initProcessEnabled: true,
      },
    },
  });
  const web = new Service(stack, "Web", {
    name: "acme-test-web",
    cluster,
    taskDefinition: webTask,
    capacityProviderStrategy: [
      { capacityProvider: "FARGATE", base: 2, weight: 1 },
      { capacityProvider: "FARGATE_SPOT", weight: 4 },
    ],
    loadBalancer: {
      listener: lb.listener,
      priority: 100,
      hostHeaders: ["www.example.com"],
      healthCheck: { path: "/health" },
      slowStartSeconds: 30,
    },
    serviceConnect: {},
    autoScaling: {
      minCapacity: 2,
      maxCapacity: 20,
      targetTracking: { cpuPercent: 60, memoryPercent: 75, requestsPerTarget: 1000 },
      scheduled: {
        night: { schedule: "cron(0 22 ? * * *)", maxCapacity: 4, timezone: "Europe/Dublin" },
        morning: { schedule: "cron(0 6 ? * * *)", maxCapacity: 20 },
      },
    },
    alarms,
  });
  api.allowFrom(web);

  // (c) queue worker: no port, step scaling on the queue's depth down to zero, ECS Exec.
  const queue = new Queue(stack, "Jobs", { name: "acme-test-jobs", deadLetterQueue: { maxReceiveCount: 3, alarmTopicArn: topic.arn } });
  const workerTask = new TaskDefinition(stack, "WorkerTask", {
    name: "acme-test-worker",
    cpu: 256,
    memoryMiB: 512,
    containers: {
      worker: {
        image: ContainerImage.fromRegistry("123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/worker:5.0.0"),
        command: ["worker", "--queue", "acme-test-jobs"],
        environment: { QUEUE_URL: queue.queueUrl },
        stopTimeoutSeconds: 120,
        readonlyRootFilesystem: false,
      },
    },
  });
  // The queue-worker pattern: exactly the Service, grant and step scaling this section used to write out.
  new QueueProcessingService(stack, "Worker", {
    name: "acme-test-worker",
    cluster,
    taskDefinition: workerTask,
    queue,
    enableExec: true,
    maxCapacity: 10,
    scaleOutSteps: [
      { from: 1, change: 1 },
      { from: 100, change: 3 },
      { from: 1000, change: 6 },
    ],
    alarms,
  });

  // (d) blue/green behind the same ALB, with a test listener and a canary.
  const adminTask = new TaskDefinition(stack, "AdminTask", {
    name: "acme-test-admin",
    containers: {
      admin: {
        image: ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:1.27"),
        portMappings: [{ containerPort: 8080, name: "http" }],
      },
    },
  });
  new Service(stack, "Admin", {
    name: "acme-test-admin",
    cluster,
    taskDefinition: adminTask,
    loadBalancer: { listener: lb.listener, priority: 200, hostHeaders: ["admin.example.com"], pathPatterns: ["/admin/*"] },
    deployment: {
      type: "blueGreen",
      testListenerPort: 8443,
      config: { type: "canary", percentage: 10, intervalMinutes: 5 },
      terminationWaitMinutes: 10,
    },
    alarms,
  });

  // A TCP service behind a network load balancer.
  const nlb = new NetworkLoadBalancer(stack, "Nlb", { name: "acme-test-tcp", network });
  const tcpTask = new TaskDefinition(stack, "TcpTask", {
    name: "acme-test-mqtt",
    containers: {
      broker: {
        image: ContainerImage.fromRegistry("registry.example.com/acme/mosquitto:2"),
        repositoryCredentials: Secret.fromSecretsManager(REGISTRY_SECRET),
        portMappings: [{ containerPort: 1883, name: "mqtt" }],
        // The container long tail, each setting Fargate allows.
        restartPolicy: { ignoredExitCodes: [0], restartAttemptPeriodSeconds: 120 },
        environmentFiles: ["arn:aws:s3:::acme-test-config/mqtt/production.env"],
        dockerLabels: { team: "payments" },
        linuxParameters: { capabilities: { add: ["SYS_PTRACE"], drop: ["ALL"] } },
        systemControls: { "net.ipv4.tcp_keepalive_time": "120" },
        startTimeoutSeconds: 60,
        versionConsistency: "disabled",
        logging: {
          driver: "splunk",
          options: { "splunk-url": "https://splunk.example.com:8088", "splunk-format": "json" },
          secretOptions: { "splunk-token": Secret.fromSecretsManager(SPLUNK_TOKEN) },
        },
      },
    },
  });
  new Service(stack, "Mqtt", {
    name: "acme-test-mqtt",
    cluster,
    taskDefinition: tcpTask,
    networkLoadBalancer: { loadBalancer: nlb, listenerPort: 1883 },
    serviceConnect: { endpoints: [{ portName: "mqtt", idleTimeoutSeconds: 3600, ingressPortOverride: 11883 }] },
    redeployOn: { brokerConfig: "2026-11-30" },
  });

  // (e) stateful: a gp3 volume per task from the workload key, mounted at /var/lib/ledger.
  const ledgerTask = new TaskDefinition(stack, "LedgerTask", {
    name: "acme-test-ledger",
    ebsVolumeName: "ledger",
    containers: {
      ledger: {
        image: ContainerImage.fromRegistry("public.ecr.aws/docker/library/postgres:16"),
        portMappings: [{ containerPort: 5432, name: "pg" }],
        mountPoints: [{ volume: "ledger", containerPath: "/var/lib/ledger" }],
        readonlyRootFilesystem: false,
      },
    },
  });
  // Reached by other VPCs' clients through VPC Lattice (TLS passthrough to Postgres).
  const ledgerLattice = new VpclatticeTargetGroup(stack, "LedgerLatticeTargets", {
    name: "acme-test-ledger",
    type: "IP",
    config: { port: 5432, protocol: "TCP", vpcIdentifier: network.vpcId },
  });
  new Service(stack, "Ledger", {
    name: "acme-test-ledger",
    cluster,
    taskDefinition: ledgerTask,
    desiredCount: 1,
    ebsVolume: { sizeGiB: 100, iops: 6000, throughputMiBps: 250, kmsKeyArn: key.arn },
    vpcLattice: { targets: { Clients: { targetGroupArn: ledgerLattice.arn, portName: "pg" } }, prefixListId: "pl-0a1b2c3d4e5f60718" },
    deployment: { type: "rolling", minHealthyPercent: 0, maxPercent: 100 },
    alarms,
  });

  // (f) replay: an io2 volume per task restored from a nightly snapshot (ext4, as the snapshot was), hydrated at
  // 200 MiB/s, under the account's default EBS key.
  const replayTask = new TaskDefinition(stack, "ReplayTask", {
    name: "acme-test-replay",
    ebsVolumeName: "journal",
    containers: {
      replay: {
        image: ContainerImage.fromRegistry("public.ecr.aws/docker/library/postgres:16"),
        mountPoints: [{ volume: "journal", containerPath: "/var/lib/journal" }],
        readonlyRootFilesystem: false,
      },
    },
  });
  new Service(stack, "Replay", {
    name: "acme-test-replay",
    cluster,
    taskDefinition: replayTask,
    desiredCount: 1,
    ebsVolume: {
      sizeGiB: 200,
      volumeType: "io2",
      iops: 10000,
      snapshotId: "snap-0123456789abcdef0",
      volumeInitializationRateMiBps: 200,
      fileSystemType: "ext4",
    },
    deployment: { type: "rolling", minHealthyPercent: 0, maxPercent: 100 },
    alarms,
  });
}

export const SERVICES_OFFLINE_STACK = "services";

/** The services offline stack, registered in `__tests__/offline/registry.ts`. */
export function servicesOfflineStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, SERVICES_OFFLINE_STACK);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  useAwsProviderRange(stack);
  buildStack(stack);
  return stack;
}
