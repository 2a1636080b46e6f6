export { CRON_FIELDS, ScheduleExpression } from "./expression";
export type {
  CronField,
  CronOptions,
  ParsedScheduleExpression,
  RateUnit,
  ScheduleExpressionProblem,
  ScheduleExpressionResult,
} from "./expression";
export { FailureQueue } from "./failure-queue";
export type { FailureQueueProps } from "./failure-queue";
export { FailureEventRule } from "./failure-rule";
export type { FailureEventRuleProps } from "./failure-rule";
export { InvokeRole } from "./invoke-role";
export type { InvokeRoleProps } from "./invoke-role";
export type { FailureQueueOptions, ScheduleOptions } from "./options";
export { SchedulerSchedule } from "./scheduler-schedule";
export type { ScheduleTarget, SchedulerScheduleProps } from "./scheduler-schedule";
