import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsCluster, EcsClusterConfig } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService, EcsServiceConfig } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition, EcsTaskDefinitionConfig } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { assumeRolePolicy } from "../../src/core/iam";
import { Network, NetworkProps } from "../../src/network";

/** Resources shaped the way the platform's modules shape them, compliant with every rule by default. */

export function network(scope: Construct, props: Partial<NetworkProps> = {}): Network {
  return new Network(scope, "Network", {
    name: "acme-test",
    cidr: "10.0.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    natGateways: "perAz",
    ...props,
  });
}

export function logGroup(scope: Construct, id = "Logs"): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, id, { name: `/ecs/acme-test/${id.toLowerCase()}`, retentionInDays: 30 });
}

export function cluster(scope: Construct, config: Partial<EcsClusterConfig> = {}): EcsCluster {
  const execLogs = logGroup(scope, "ExecLogs");
  return new EcsCluster(scope, "Cluster", {
    name: "acme-test",
    setting: [{ name: "containerInsights", value: "enabled" }],
    configuration: { executeCommandConfiguration: { logging: "OVERRIDE", logConfiguration: { cloudWatchLogGroupName: execLogs.name } } },
    ...config,
  });
}

export function role(scope: Construct, id: string, service = "ecs-tasks.amazonaws.com"): IamRole {
  return new IamRole(scope, id, { name: `acme-test-${id.toLowerCase()}`, assumeRolePolicy: assumeRolePolicy([service]) });
}

/** A container definition that complies with every container rule; `overrides` change or add keys. */
export function container(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "web",
    image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2",
    essential: true,
    readonlyRootFilesystem: true,
    portMappings: [{ containerPort: 8080, protocol: "tcp" }],
    environment: [{ name: "LOG_LEVEL", value: "info" }],
    secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf" }],
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": "/ecs/acme-test/logs", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web" },
    },
    ...overrides,
  };
}

export function taskDefinition(
  scope: Construct,
  containers: Record<string, unknown>[] = [container()],
  config: Partial<EcsTaskDefinitionConfig> = {},
  id = "TaskDefinition",
): EcsTaskDefinition {
  return new EcsTaskDefinition(scope, id, {
    family: "acme-test-web",
    cpu: "256",
    memory: "512",
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    containerDefinitions: JSON.stringify(containers),
    ...config,
    executionRoleArn: "executionRoleArn" in config ? config.executionRoleArn : role(scope, `${id}ExecutionRole`).arn,
    taskRoleArn: "taskRoleArn" in config ? config.taskRoleArn : role(scope, `${id}TaskRole`).arn,
  });
}

/** A Fargate service in the network's private subnets with the circuit breaker on. */
export function service(scope: Construct, net: Network, config: Partial<EcsServiceConfig> = {}): EcsService {
  const c = cluster(scope);
  const td = taskDefinition(scope);
  return new EcsService(scope, "Service", {
    name: "web",
    cluster: c.arn,
    taskDefinition: td.arn,
    desiredCount: 2,
    launchType: "FARGATE",
    networkConfiguration: { subnets: [...net.privateSubnetIds], assignPublicIp: false },
    deploymentCircuitBreaker: { enable: true, rollback: true },
    ...config,
  });
}
