export { ServiceAlarms } from "./alarms";
export type { AlarmLoadBalancer, ServiceAlarmOptions, ServiceAlarmsProps } from "./alarms";
export { ServiceAutoScaling } from "./autoscaling";
export type { AutoScalingOptions, ScheduledScalingOptions, ServiceAutoScalingProps, TargetTrackingOptions } from "./autoscaling";
export { BlueGreenDeployment } from "./blue-green";
export type {
  AlarmRef,
  BlueGreenDeploymentOptions,
  BlueGreenDeploymentProps,
  CustomDeploymentConfig,
  PredefinedDeploymentConfig,
} from "./blue-green";
export { CloudMapService } from "./cloud-map";
export type { CloudMapOptions, CloudMapServiceProps } from "./cloud-map";
export type {
  ApplicationLoadBalancerTarget,
  LoadBalancedService,
  LoadBalancerAttachment,
  NetworkLoadBalancerTarget,
} from "./load-balancing";
export { PlacementStrategies } from "./placement";
export type { PlacementConstraint, PlacementOptions, PlacementStrategy } from "./placement";
export { EXTERNAL_UNSUPPORTED_OPTIONS, ExternalService } from "./external-service";
export type { ExternalServiceProps } from "./external-service";
export { Service } from "./service";
export type {
  DeploymentOptions,
  PropagateTags,
  RollingDeploymentOptions,
  SchedulingStrategy,
  ServiceProps,
  TaskDefinitionChanges,
} from "./service";
export type { ServiceConnectEndpoint, ServiceConnectOptions, ServiceConnectTls } from "./service-connect";
export type { AdjustmentType, MetricOptions, MetricStatistic, ScaleInStep, ScaleOutStep, StepScalingOptions } from "./step-scaling";
export { InfrastructureRole } from "./infrastructure-role";
export type { InfrastructureRoleProps } from "./infrastructure-role";
export type { EbsFileSystemType, EbsVolumeType, ManagedEbsVolumeOptions } from "./managed-ebs-volume";
export type { VpcLatticeOptions, VpcLatticeTarget } from "./vpc-lattice";
