import { everywhere, Rule } from "../types";

/** ECS-006: the execution role (ECS's) and the task role (the application's) are different roles. */
export const ecsSeparateTaskRoles: Rule = {
  id: "ECS-006",
  title: "Task and execution roles are different",
  rationale:
    "The execution role can pull every image and read every secret of the task; giving the same role to the application hands those permissions to any code running in the container.",
  severity: everywhere("error"),
  appliesTo: ["aws_ecs_task_definition"],
  references: ["CKV_AWS_249"],
  check(resource) {
    const { execution_role_arn: execution, task_role_arn: task } = resource.config;
    if (execution === undefined || execution !== task) return [];
    return [
      {
        message: `execution_role_arn and task_role_arn are the same role (${String(execution)})`,
        fix: "Create a separate task role holding only what the application calls; keep image pulls, logs and secrets on the execution role.",
      },
    ];
  },
};
