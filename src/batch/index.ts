export { ComputeEnvironment } from "./compute-environment";
export type {
  AllocationStrategy,
  BatchImageType,
  ComputeEnvironmentProps,
  ComputeEnvironmentType,
  IComputeEnvironment,
} from "./compute-environment";
export { FairSharePolicy } from "./fair-share-policy";
export type { FairShareOptions, FairSharePolicyProps } from "./fair-share-policy";
export { InstanceRole } from "./instance-role";
export type { InstanceRoleProps } from "./instance-role";
export type { JobContainerProps, JobPlatform, RetryRule } from "./job-container";
export { JobDefinition } from "./job-definition";
export type { IJobDefinition, JobDefinitionProps } from "./job-definition";
export { JobQueue } from "./job-queue";
export type { IJobQueue, JobQueueProps, OrderedComputeEnvironment, RunnableReason, RunnableTimeLimit } from "./job-queue";
export { BatchJobSchedule } from "./job-schedule";
export type { BatchJobScheduleProps } from "./job-schedule";
export { InstanceLaunchTemplate } from "./launch-template";
export type { InstanceLaunchTemplateProps } from "./launch-template";
