import { ERROR_IN_PRODUCTION, Rule } from "../types";
import { blocks } from "../inspect/values";

/** ECS-001: clusters record Container Insights metrics. */
export const ecsContainerInsights: Rule = {
  id: "ECS-001",
  title: "ECS clusters have Container Insights on",
  rationale:
    "Without Container Insights there are no per-task CPU, memory and network metrics to alarm on or to debug a failed deployment with.",
  severity: ERROR_IN_PRODUCTION,
  appliesTo: ["aws_ecs_cluster"],
  references: ["CKV_AWS_65", "AVD-AWS-0034", "AwsSolutions-ECS4", "Security Hub ECS.12", "CT.ECS.PR.2"],
  check(resource) {
    const setting = blocks(resource.config.setting).find((s) => s.name === "containerInsights");
    if (setting?.value === "enabled" || setting?.value === "enhanced") return [];
    return [
      {
        message: setting ? `containerInsights is "${String(setting.value)}"` : "the cluster has no containerInsights setting",
        fix: 'Add setting { name = "containerInsights", value = "enabled" } (or "enhanced").',
      },
    ];
  },
};
