import { everywhere, PolicyContext, PolicyResource, Rule, Violation } from "../types";
import { containersOf } from "../inspect/containers";
import { publicSubnets } from "../inspect/network";
import { block, isTrue, parseJsonArgument } from "../inspect/values";

/** Where each resource type keeps its awsvpc network configuration. */
function networkConfigurationOf(resource: PolicyResource): Record<string, unknown> | undefined {
  const config = resource.config;
  switch (resource.type) {
    case "aws_cloudwatch_event_target":
      return block(block(config.ecs_target)?.network_configuration);
    case "aws_scheduler_schedule":
      return block(block(block(config.target)?.ecs_parameters)?.network_configuration);
    case "aws_batch_compute_environment":
      return block(config.compute_resources);
    default:
      return block(config.network_configuration);
  }
}

function batchJobPublicIp(resource: PolicyResource): Violation[] {
  const fix =
    'Set networkConfiguration.assignPublicIp to "DISABLED" and run the job in private subnets with a NAT gateway or VPC endpoints.';
  const fromContainers = containersOf(resource)
    .filter((c) => (c.definition.networkConfiguration as { assignPublicIp?: unknown } | undefined)?.assignPublicIp === "ENABLED")
    .map((c) => ({ message: `${c.label} sets networkConfiguration.assignPublicIp = "ENABLED"`, fix }));
  const ecs = parseJsonArgument(resource.config.ecs_properties) as
    { taskProperties?: { networkConfiguration?: { assignPublicIp?: unknown } }[] } | undefined;
  const fromTasks = (Array.isArray(ecs?.taskProperties) ? ecs.taskProperties : [])
    .filter((t) => t?.networkConfiguration?.assignPublicIp === "ENABLED")
    .map(() => ({ message: 'ecs_properties sets networkConfiguration.assignPublicIp = "ENABLED"', fix }));
  return [...fromContainers, ...fromTasks];
}

function check(resource: PolicyResource, context: PolicyContext): Violation[] {
  if (resource.type === "aws_batch_job_definition") return batchJobPublicIp(resource);
  const network = networkConfigurationOf(resource);
  if (!network) return [];
  const violations: Violation[] = [];
  if (isTrue(network.assign_public_ip) || network.assign_public_ip === "ENABLED") {
    violations.push({
      message: "assign_public_ip is on: every task gets a public IP address",
      fix: "Set assign_public_ip = false; tasks reach the internet through a NAT gateway or AWS services through VPC endpoints.",
    });
  }
  for (const { subnet, reason } of publicSubnets(network.subnets, context)) {
    violations.push({
      message: `tasks run in public subnet ${subnet.address} (${reason})`,
      fix: "Place tasks in private subnets and put a load balancer in the public ones if they must be reachable.",
    });
  }
  return violations;
}

/** ECS-009: tasks (services, scheduled tasks, Batch) get no public IP and run in private subnets. */
export const ecsNoPublicIp: Rule = {
  id: "ECS-009",
  title: "Tasks have no public IP and run in private subnets",
  rationale:
    "A task with a public IP in a public subnet is reachable from the internet past the load balancer, and its security group becomes the only protection.",
  severity: everywhere("error"),
  appliesTo: [
    "aws_ecs_service",
    "aws_ecs_task_set",
    "aws_cloudwatch_event_target",
    "aws_scheduler_schedule",
    "aws_batch_compute_environment",
    "aws_batch_job_definition",
  ],
  references: ["CKV_AWS_333", "Security Hub ECS.2", "Security Hub ECS.16", "CT.ECS.PR.9"],
  check,
};
