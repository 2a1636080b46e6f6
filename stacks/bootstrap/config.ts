import { AccountBootstrap, type StateEncryption } from "../../src";

/** One AWS account the platform uses, bootstrapped by its own `bootstrap-<name>` stack. */
export interface AccountConfig {
  readonly accountId: string;
  /**
   * GitHub environments whose deploy jobs apply stacks in this account: the environment stacks
   * deployed here, or `registry` for the shared account's registry stack.
   */
  readonly deployEnvironments: readonly string[];
  /** @default "SSE-S3" */
  readonly stateEncryption?: StateEncryption;
}

/** An ECR repository in the registry account and the application repository whose image workflow pushes to it. */
export interface ImageRepositoryConfig {
  /** `owner/name` of the GitHub repository that builds the image (its `image.yml` caller on main may push). */
  readonly publisher: string;
}

/** Every account, and the registry: the single source of state buckets, deploy roles and image locations. */
export interface BootstrapConfig {
  readonly org: string;
  readonly region: string;
  /** This repository, whose plan-review and deploy workflows use the plan and deploy roles. */
  readonly github: { readonly repository: string; readonly deployWorkflow: string; readonly deployRef: string };
  readonly accounts: Record<string, AccountConfig>;
  /** Images are built once and pushed to the registry account; every environment account pulls from it. */
  readonly registry: {
    /** A key of `accounts`. */
    readonly account: string;
    /** ECR repository names (e.g. `acme/web`) with their publishers. */
    readonly repositories: Record<string, ImageRepositoryConfig>;
  };
  /** Tags on every bootstrap and registry resource. */
  readonly tags: Record<string, string>;
}

export const bootstrapConfig: BootstrapConfig = {
  org: "acme",
  region: "eu-west-1",
  github: { repository: "acme/ecs-platform", deployWorkflow: ".github/workflows/deploy.yml", deployRef: "refs/heads/main" },
  accounts: {
    shared: { accountId: "444444444444", deployEnvironments: ["registry"] },
    dev: { accountId: "111111111111", deployEnvironments: ["dev"] },
    staging: { accountId: "222222222222", deployEnvironments: ["staging"] },
    prod: { accountId: "333333333333", deployEnvironments: ["prod"], stateEncryption: "SSE-KMS" },
  },
  registry: {
    account: "shared",
    repositories: {
      "acme/web": { publisher: "acme/web" },
      "acme/worker": { publisher: "acme/worker" },
      "acme/report": { publisher: "acme/report" },
      "acme/reindex": { publisher: "acme/reindex" },
    },
  },
  tags: { Owner: "platform-team", CostCenter: "cc-1001", Application: "ecs-platform-bootstrap", DataClassification: "internal" },
};

/** What an environment stack takes from the bootstrap of its account: account, backend and deploy role. */
export interface AccountSettings {
  readonly accountId: string;
  readonly region: string;
  readonly deployRoleArn: string;
  readonly backend: { readonly type: "s3"; readonly bucket: string; readonly region: string; readonly kmsKeyId?: string };
}

/** The account named `name` in `config`, as environment configs use it; fails on an unknown name. */
export function accountSettings(name: string, config: BootstrapConfig = bootstrapConfig): AccountSettings {
  const account = config.accounts[name];
  if (!account) throw new Error(`bootstrap config: no account "${name}" (have ${Object.keys(config.accounts).join(", ")})`);
  const { org, region } = config;
  return {
    accountId: account.accountId,
    region,
    deployRoleArn: AccountBootstrap.deployRoleArn(org, account.accountId),
    backend: {
      type: "s3",
      bucket: AccountBootstrap.stateBucketName(org, account.accountId),
      region,
      kmsKeyId: account.stateEncryption === "SSE-KMS" ? `alias/${org}-terraform-state` : undefined,
    },
  };
}

/** Where environments pull images from: the registry account. */
export function imageRegistry(config: BootstrapConfig = bootstrapConfig): { readonly accountId: string; readonly region: string } {
  return { accountId: config.accounts[config.registry.account].accountId, region: config.region };
}
