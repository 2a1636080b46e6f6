import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Cluster } from "../../src/cluster/cluster";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { Network } from "../../src/network/network";
import { Service } from "../../src/service/service";
import { ContainerImage } from "../../src/task/image";
import { TaskDefinition } from "../../src/task/task-definition";

/** Id of the stack below; its directory under `<outdir>/stacks/`. */
export const CLUSTER_OFFLINE_STACK = "cluster-offline";

/**
 * One stack exercising every Cluster feature for the real-provider check: Fargate and Fargate Spot,
 * a Graviton mixed-instances EC2 provider with managed scaling, termination protection and draining,
 * a plain on-demand x86 provider, a Bottlerocket Graviton Spot provider, a GPU provider, exec auditing to CloudWatch and S3, a private DNS namespace, and a
 * daemon service (one log agent per container instance) on the EC2 capacity.
 */
export function clusterOfflineStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, CLUSTER_OFFLINE_STACK);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  useAwsProviderRange(stack);
  const network = new Network(stack, "Network", {
    name: "acme-cl",
    cidr: "10.20.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    natGateways: "single",
    flowLogs: { enabled: false },
  });
  const cluster = new Cluster(stack, "Cluster", {
    name: "acme-cl",
    network,
    containerInsights: "enhanced",
    execAudit: { s3BucketName: "acme-cl-exec-audit", s3KeyPrefix: "exec/" },
    namespace: { type: "DNS_PRIVATE", name: "acme-cl.internal" },
    ec2CapacityProviders: {
      graviton: {
        instanceTypes: ["m7g.large", "c7g.large", "t4g.large"],
        minSize: 0,
        maxSize: 6,
        onDemandBaseCapacity: 1,
        spotPercentage: 75,
        managedScaling: { targetCapacityPercent: 90, maximumScalingStepSize: 2, instanceWarmupPeriodSeconds: 120 },
        containerInstanceTags: { Pool: "graviton" },
        ecsAgentSettings: { ECS_ENABLE_CONTAINER_METADATA: "true" },
      },
      steady: {
        instanceTypes: ["m7i.large"],
        maxSize: 2,
        managedTerminationProtection: false,
        managedScaling: { enabled: false },
        // A pinned AMI release promoted through environments, rolled out by an instance refresh, with a warm pool.
        amiRelease: "amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64",
        instanceRefresh: { minHealthyPercentage: 50, checkpointPercentages: [50, 100], checkpointDelaySeconds: 300 },
        warmPool: { minSize: 1, poolState: "Stopped" },
      },
      // Bottlerocket on Graviton Spot: TOML user data, the OS volume at the AMI's size and a 50 GiB data volume.
      rocket: {
        amiFamily: "bottlerocket",
        instanceTypes: ["m7g.medium", "c7g.medium"],
        maxSize: 3,
        spotPercentage: 100,
        dataVolumeSizeGiB: 50,
      },
      // GPU instances: the gpu AMI variant (NVIDIA driver) and ECS_ENABLE_GPU_SUPPORT, chosen from the instance types.
      gpu: {
        instanceTypes: ["g5.xlarge", "g6.xlarge"],
        maxSize: 2,
      },
    },
    defaultCapacityProviderStrategy: [
      { capacityProvider: "FARGATE", base: 2, weight: 1 },
      { capacityProvider: "FARGATE_SPOT", weight: 4 },
    ],
    tags: { Team: "platform" },
    fargateStorageEncryption: {},
  });
  const agentTask = new TaskDefinition(stack, "AgentTask", {
    name: "acme-cl-log-agent",
    compatibility: "EC2",
    cpu: 128,
    memoryMiB: 256,
    runtimePlatform: { cpuArchitecture: "ARM64" },
    containers: {
      agent: {
        image: ContainerImage.fromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"),
        // What only EC2 allows: tmpfs, shared memory, a host device, IPC kernel parameters, a local log driver.
        linuxParameters: {
          capabilities: { drop: ["NET_RAW"] },
          tmpfs: [{ containerPath: "/run/agent", sizeMiB: 64, mountOptions: ["noexec", "nosuid"] }],
          sharedMemorySizeMiB: 128,
          devices: [{ hostPath: "/dev/fuse", permissions: ["read", "write"] }],
        },
        systemControls: { "kernel.shmmax": "68719476736" },
        restartPolicy: {},
        startTimeoutSeconds: 900,
        logging: { driver: "json-file", options: { "max-size": "10m", "max-file": "3" } },
      },
    },
  });
  // A GPU task for the gpu capacity provider (run by RunTask or a service placed there): a terminal for
  // interactive debugging, logs to a Fluentd daemon on the host (an EC2-only driver).
  new TaskDefinition(stack, "TrainerTask", {
    name: "acme-cl-trainer",
    compatibility: "EC2",
    cpu: 4096,
    memoryMiB: 15360,
    containers: {
      trainer: {
        image: ContainerImage.fromRegistry("nvcr.io/nvidia/pytorch:24.01-py3"),
        gpuCount: 1,
        pseudoTerminal: true,
        interactive: true,
        logging: { driver: "fluentd", options: { "fluentd-address": "unix:///var/run/fluent.sock", tag: "trainer" } },
      },
    },
  });
  new Service(stack, "LogAgent", {
    name: "acme-cl-log-agent",
    cluster,
    taskDefinition: agentTask,
    schedulingStrategy: "DAEMON",
    placement: { constraints: [{ type: "memberOf", expression: "attribute:ecs.cpu-architecture == arm64" }] },
  });
  return stack;
}
