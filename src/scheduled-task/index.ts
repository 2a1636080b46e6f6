export { EventRuleTrigger } from "./rule-trigger";
export type { EventRuleTriggerProps } from "./rule-trigger";
export { ScheduledTask } from "./scheduled-task";
export type { ScheduleTrigger, ScheduledTaskProps } from "./scheduled-task";
export type { ContainerOverride, RunTaskParameters } from "./target";
