import { everywhere, PolicyResource, Rule, Violation } from "../types";
import { block, isTrue } from "../inspect/values";

function auditProblem(cluster: PolicyResource): string | undefined {
  const exec = block(block(cluster.config.configuration)?.execute_command_configuration);
  const logging = exec?.logging;
  if (logging === undefined)
    return `cluster ${cluster.address} has no execute_command_configuration, so sessions are only logged if each task's log driver happens to capture them`;
  if (logging === "NONE") return `cluster ${cluster.address} sets execute_command_configuration.logging = "NONE"`;
  if (logging === "DEFAULT")
    return `cluster ${cluster.address} uses logging = "DEFAULT", which mixes session output into application logs only when the task uses awslogs`;
  const destination = block(exec?.log_configuration);
  if (logging === "OVERRIDE" && !destination?.cloud_watch_log_group_name && !destination?.s3_bucket_name) {
    return `cluster ${cluster.address} uses logging = "OVERRIDE" without a CloudWatch log group or S3 bucket`;
  }
  return undefined;
}

/** ECS-002: services that allow ECS Exec run on a cluster that records every session. */
export const ecsExecAuditLogging: Rule = {
  id: "ECS-002",
  title: "ECS Exec sessions are audit-logged",
  rationale:
    "ECS Exec opens a shell in a running production container; without a dedicated session log (CloudWatch Logs or S3) there is no record of who ran what.",
  severity: everywhere("error"),
  appliesTo: ["aws_ecs_service"],
  references: ["CKV_AWS_223", "CKV_AWS_224"],
  check(resource, context): Violation[] {
    if (!isTrue(resource.config.enable_execute_command)) return [];
    const fix =
      'Give the cluster configuration { execute_command_configuration { logging = "OVERRIDE", log_configuration { cloud_watch_log_group_name = ... } } }, or turn enable_execute_command off.';
    const clusters = context.referencedBy(resource.config.cluster).filter((r) => r.type === "aws_ecs_cluster");
    if (clusters.length === 0) {
      return [
        {
          message: `enable_execute_command is on and the cluster ${JSON.stringify(resource.config.cluster)} is not in this stack, so its session logging cannot be verified`,
          fix,
        },
      ];
    }
    return clusters
      .map(auditProblem)
      .filter((p): p is string => p !== undefined)
      .map((problem) => ({ message: `enable_execute_command is on but ${problem}`, fix }));
  },
};
