export type {
  AppProtocol,
  ContainerDependency,
  ContainerDependencyCondition,
  ContainerHealthCheck,
  ContainerLogging,
  DockerLogDriver,
  ContainerOptions,
  FireLensOptions,
  MountPoint,
  PortMapping,
  PortProtocol,
  Ulimit,
  UlimitName,
} from "./container";
export type { FargateCpu } from "./fargate-sizes";
export { ContainerImage } from "./image";
export { Secret } from "./secret";
export type { SecretOptions, SecretSource } from "./secret";
export { TaskDefinition } from "./task-definition";
export type {
  Compatibility,
  CpuArchitecture,
  NetworkMode,
  PortSelector,
  RuntimePlatform,
  SelectedPort,
  TaskDefinitionProps,
  WorkloadDefinitionOptions,
} from "./task-definition";
export type { ContainerInfo, ITaskDefinition } from "./types";
export type { EfsVolumeOptions } from "./volumes";
export type { ContainerRestartPolicy, LinuxCapability, LinuxDevice, LinuxParameters, TmpfsMount } from "./container-runtime";
