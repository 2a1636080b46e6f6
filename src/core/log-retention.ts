/*
 * CloudWatch Logs' retention periods, shared by every module that creates a log group (flow logs,
 * task and job logs, exec session logs), so each checks `retentionDays` against the same list.
 */

/** Retention periods CloudWatch Logs accepts (0 is not one: "never expire" is not allowed here). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
