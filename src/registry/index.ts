export type { ExpireUntaggedRule, KeepLastRule, KeepLastTaggedRule, KeepNewerThanRule, LifecycleRule } from "./lifecycle";
export { RegistryReplication, RegistryScanning } from "./registry-settings";
export type { RegistryReplicationProps, RegistryScanningProps, ReplicationDestination } from "./registry-settings";
export { ECR_PULL_ACTIONS, ECR_PUSH_ACTIONS, Repository } from "./repository";
export type { RepositoryEncryption, RepositoryPrincipal, RepositoryProps, TagMutability } from "./repository";
