export {
  checkLifecycleRules,
  renderLifecyclePolicy,
  type ExpireUntaggedRule,
  type KeepLastRule,
  type KeepLastTaggedRule,
  type KeepNewerThanRule,
  type LifecycleRule,
} from "./lifecycle";
export {
  RegistryReplication,
  RegistryScanning,
  type RegistryReplicationProps,
  type RegistryScanningProps,
  type ReplicationDestination,
} from "./registry-settings";
export {
  ECR_PULL_ACTIONS,
  ECR_PUSH_ACTIONS,
  Repository,
  type RepositoryEncryption,
  type RepositoryPrincipal,
  type RepositoryProps,
  type TagMutability,
} from "./repository";
