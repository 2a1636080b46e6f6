import { ERROR_IN_PRODUCTION, PolicyResource, Rule, Violation } from "../types";
import { block, numberOf } from "../inspect/values";

/** The target block of a scheduled ECS task, or `undefined` when the resource does not run ECS tasks. */
function ecsTarget(resource: PolicyResource): Record<string, unknown> | undefined {
  if (resource.type === "aws_cloudwatch_event_target") return block(resource.config.ecs_target) ? resource.config : undefined;
  const target = block(resource.config.target);
  return block(target?.ecs_parameters) ? target : undefined;
}

/** SCH-001: scheduled tasks say how often to retry and where failed invocations go. */
export const scheduleDeadLetterRetry: Rule = {
  id: "SCH-001",
  title: "Scheduled tasks have a dead-letter queue and an explicit retry policy",
  rationale:
    "When RunTask fails (no capacity, a bad task definition, throttling) EventBridge retries for up to 24 hours by default and then drops the invocation silently; a dead-letter queue keeps a record to alarm on, and an explicit retry policy decides how late a job may still start.",
  severity: ERROR_IN_PRODUCTION,
  appliesTo: ["aws_scheduler_schedule", "aws_cloudwatch_event_target"],
  references: ["AWS EventBridge Scheduler DeadLetterConfig / RetryPolicy"],
  check(resource) {
    const target = ecsTarget(resource);
    if (!target) return [];
    const violations: Violation[] = [];
    if (!block(target.dead_letter_config)?.arn) {
      violations.push({
        message: "the ECS task target has no dead_letter_config, so invocations that fail are dropped without a trace",
        fix: "Add dead_letter_config { arn = <SQS queue ARN> } and alarm on the queue's depth.",
      });
    }
    const retry = block(target.retry_policy);
    if (!retry) {
      violations.push({
        message: "the ECS task target has no retry_policy, so the default applies (185 attempts over 24 hours)",
        fix: "Add retry_policy { maximum_retry_attempts = ..., maximum_event_age_in_seconds = ... } sized to how late the job may still run.",
      });
    } else if (numberOf(retry.maximum_retry_attempts) === 0) {
      violations.push({
        message: "retry_policy.maximum_retry_attempts is 0, so a transient RunTask failure skips the run",
        fix: "Allow at least one retry (maximum_retry_attempts >= 1).",
      });
    }
    return violations;
  },
};
