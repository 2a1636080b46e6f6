import { Construct } from "constructs";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { ICluster } from "../../src/cluster/types";
import { assumeRolePolicy } from "../../src/core/iam";
import { INetwork, Network } from "../../src/network/network";
import { ScheduledTask, ScheduledTaskProps } from "../../src/scheduled-task";
import { ITaskDefinition } from "../../src/task/types";

/** A network described by attributes (no resources), for synth tests. */
export function testNetwork(): INetwork {
  return Network.fromAttributes({
    vpcId: "vpc-0123456789abcdef0",
    vpcCidr: "10.0.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
    publicSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
  });
}

/** A real `aws_ecs_cluster` with both Fargate providers, wrapped as {@link ICluster}. */
export function testCluster(
  scope: Construct,
  network: INetwork = testNetwork(),
  providers: string[] = ["FARGATE", "FARGATE_SPOT"],
): ICluster {
  const cluster = new EcsCluster(scope, "EcsCluster", { name: "acme-test" });
  new EcsClusterCapacityProviders(scope, "EcsClusterProviders", { clusterName: cluster.name, capacityProviders: providers });
  return {
    clusterName: cluster.name,
    clusterArn: cluster.arn,
    network,
    capacityProviderNames: providers,
    defaultCapacityProviderStrategy: [],
  };
}

/** A real `aws_ecs_task_definition` with its two roles, wrapped as {@link ITaskDefinition}. */
export function testTaskDefinition(
  scope: Construct,
  compatibility: "FARGATE" | "EC2" = "FARGATE",
  networkMode: "awsvpc" | "bridge" = "awsvpc",
): ITaskDefinition {
  const trust = assumeRolePolicy(["ecs-tasks.amazonaws.com"]);
  const executionRole = new IamRole(scope, "ExecutionRole", {
    name: `acme-test-report-${compatibility.toLowerCase()}-execution`,
    assumeRolePolicy: trust,
  });
  const taskRole = new IamRole(scope, "TaskRole", {
    name: `acme-test-report-${compatibility.toLowerCase()}-task`,
    assumeRolePolicy: trust,
  });
  const family = "acme-test-report";
  const taskDefinition = new EcsTaskDefinition(scope, "EcsTaskDefinition", {
    family,
    requiresCompatibilities: [compatibility],
    networkMode,
    cpu: "256",
    memory: "512",
    executionRoleArn: executionRole.arn,
    taskRoleArn: taskRole.arn,
    containerDefinitions: JSON.stringify([
      {
        name: "report",
        image: "public.ecr.aws/docker/library/busybox:1.36",
        essential: true,
        command: ["echo", "report"],
        readonlyRootFilesystem: true,
      },
      { name: "sidecar", image: "public.ecr.aws/docker/library/busybox:1.36", essential: false, command: ["sleep", "1"] },
    ]),
  });
  return {
    family,
    taskDefinitionArn: taskDefinition.arn,
    executionRoleArn: executionRole.arn,
    taskRoleArn: taskRole.arn,
    compatibility,
    networkMode,
    containers: [
      { name: "report", portMappings: [] },
      { name: "sidecar", portMappings: [] },
    ],
    defaultContainerName: "report",
  };
}

/** Props of {@link nightly}: a scheduled task's, with the test cluster and task definition described instead of given. */
export type NightlyProps = Omit<ScheduledTaskProps, "cluster" | "taskDefinition"> & {
  /** @default "FARGATE" */
  compatibility?: "FARGATE" | "EC2";
  /** @default "awsvpc" */
  networkMode?: "awsvpc" | "bridge";
  /** Capacity providers of the test cluster. @default ["FARGATE", "FARGATE_SPOT"] */
  providers?: string[];
};

/** A valid ScheduledTask `Nightly` running the test task definition at 02:00 on the test cluster, with `extra` on top. */
export function nightly(scope: Construct, extra: Partial<NightlyProps> = {}): ScheduledTask {
  const { compatibility, networkMode, providers, ...props } = extra;
  const cluster = testCluster(scope, testNetwork(), providers);
  const taskDefinition = testTaskDefinition(scope, compatibility, networkMode);
  return new ScheduledTask(scope, "Nightly", {
    name: "acme-test-nightly-report",
    schedule: "cron(0 2 * * ? *)",
    cluster,
    taskDefinition,
    ...props,
  });
}
