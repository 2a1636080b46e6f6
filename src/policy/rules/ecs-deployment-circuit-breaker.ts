import { ERROR_IN_PRODUCTION, Rule } from "../types";
import { block, isTrue } from "../inspect/values";

/** ECS-008: rolling deployments stop and roll back on their own when new tasks keep failing. */
export const ecsDeploymentCircuitBreaker: Rule = {
  id: "ECS-008",
  title: "Rolling deployments have the circuit breaker with rollback",
  rationale:
    "Without the circuit breaker a deployment whose tasks never become healthy retries for hours while capacity drains; with rollback ECS returns to the last working task definition by itself. CODE_DEPLOY and EXTERNAL controllers roll back their own way and are not checked.",
  severity: ERROR_IN_PRODUCTION,
  appliesTo: ["aws_ecs_service"],
  references: ["ECS API DeploymentCircuitBreaker"],
  check(resource) {
    const controller = block(resource.config.deployment_controller)?.type ?? "ECS";
    if (controller !== "ECS") return [];
    const breaker = block(resource.config.deployment_circuit_breaker);
    if (isTrue(breaker?.enable) && isTrue(breaker?.rollback)) return [];
    return [
      {
        message: breaker
          ? `deployment_circuit_breaker has enable = ${String(breaker.enable)}, rollback = ${String(breaker.rollback)}`
          : "the service has no deployment_circuit_breaker",
        fix: "Set deployment_circuit_breaker { enable = true, rollback = true }.",
      },
    ];
  },
};
