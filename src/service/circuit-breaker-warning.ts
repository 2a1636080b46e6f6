import { IConstruct } from "constructs";
import { warn } from "../core/warnings";

/** Warns that a service's deployment circuit breaker is off (rolling and external services share it). */
export function warnCircuitBreakerOff(scope: IConstruct): void {
  warn(
    scope,
    "SERVICE_CIRCUIT_BREAKER_OFF",
    "The deployment circuit breaker is off: a broken release keeps retrying instead of rolling back.",
  );
}
