/*
 * Fixtures the tests of several modules build on, so no module's tests borrow another module's
 * fixtures: an ICluster and an ITaskDefinition from bare provider resources (for modules tested
 * without the library's Cluster and TaskDefinition) and the usual web task.
 */
import { Construct } from "constructs";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { ICluster } from "../src/cluster/types";
import { assumeRolePolicy } from "../src/core/iam";
import type { INetwork } from "../src/network/network";
import { ContainerImage } from "../src/task/image";
import { TaskDefinition, TaskDefinitionProps } from "../src/task/task-definition";
import { ITaskDefinition } from "../src/task/types";
import { attributesNetwork } from "./helpers";

/** An ACM certificate ARN for HTTPS listeners. */
export const CERTIFICATE_ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/0b7d2c1e-1111-2222-3333-444455556666";

/** A real `aws_ecs_cluster` with both Fargate providers, wrapped as {@link ICluster}. */
export function testCluster(
  scope: Construct,
  network: INetwork = attributesNetwork(),
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

/** A Fargate task with one `web` container serving port 8080 named `http`. */
export function webTask(scope: Construct, id = "Task", props: Partial<TaskDefinitionProps> = {}): TaskDefinition {
  return new TaskDefinition(scope, id, {
    name: "acme-test-web",
    containers: {
      web: {
        image: ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:1.27"),
        portMappings: [{ containerPort: 8080, name: "http", appProtocol: "http" }],
      },
    },
    ...props,
  });
}
