export { AccountBootstrap, type AccountBootstrapProps, type BootstrapGithubOptions } from "./account-bootstrap";
export { ATTACHABLE_MANAGED_POLICIES, DEPLOY_IAM_ACTIONS, PLATFORM_SERVICES, type DeployScope } from "./deploy-permissions";
export {
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_HOST,
  GithubOidcProvider,
  type GithubOidcProviderProps,
  type IGithubOidcProvider,
} from "./github-oidc";
export {
  GithubActionsRole,
  type GithubActionsRoleProps,
  type GithubSubject,
  type GithubTrust,
  type GithubWorkflowRef,
} from "./github-role";
export { StateBucket, type StateBucketProps, type StateEncryption } from "./state-bucket";
