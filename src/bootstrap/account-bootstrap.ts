import { Construct } from "constructs";
import { fail, isToken } from "../core/errors";
import { checkNotEmpty, checkUnique } from "../core/validate";
import { deployStatements, stateReadStatements } from "./deploy-permissions";
import { GithubOidcProvider, IGithubOidcProvider } from "./github-oidc";
import { GithubActionsRole } from "./github-role";
import { StateBucket, StateEncryption } from "./state-bucket";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** The GitHub repository whose workflows plan and deploy the environment stacks. */
export interface BootstrapGithubOptions {
  /** `owner/name`, e.g. `acme/ecs-platform`. */
  readonly repository: string;
  /** The deploy workflow file; only it, from `deployRef`, gets the deploy role. @default ".github/workflows/deploy.yml" */
  readonly deployWorkflow?: string;
  /** The ref the deploy workflow runs from. @default "refs/heads/main" */
  readonly deployRef?: string;
}

/** Properties of an {@link AccountBootstrap}. */
export interface AccountBootstrapProps {
  /** Prefix of the bootstrap's names (`<org>-terraform-state-<account>`, `<org>-terraform-plan`, ...). */
  readonly org: string;
  /** The account being bootstrapped; names and ARNs embed it. */
  readonly accountId: string;
  /** Region of the state bucket and of the deploy role's services. */
  readonly region: string;
  /** The repository whose workflows plan and deploy. */
  readonly github: BootstrapGithubOptions;
  /**
   * GitHub environments whose deploy jobs may assume the deploy role (one per environment stack in
   * this account, e.g. `["prod"]`). Plan jobs run in no environment, so their tokens never match.
   */
  readonly deployEnvironments: readonly string[];
  /** How state is encrypted; `SSE-KMS` creates a rotated key aliased `stateKmsKeyAlias`. @default "SSE-S3" */
  readonly stateEncryption?: StateEncryption;
  /** Alias of the state key with `SSE-KMS`. @default "alias/<org>-terraform-state" */
  readonly stateKmsKeyAlias?: string;
  /** Days replaced state versions are kept. @default StateBucket.DEFAULT_NONCURRENT_VERSION_DAYS */
  readonly noncurrentVersionDays?: number;
  /** A DynamoDB lock table for older setups. @default - none (S3 lock files) */
  readonly lockTableName?: string;
  /** The account's existing GitHub OIDC provider. @default - one is created (IAM allows one per account) */
  readonly existingOidcProvider?: IGithubOidcProvider;
  /** Permissions boundary for the deploy role. @default - none */
  readonly deployPermissionsBoundaryArn?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * Everything an AWS account needs before its first environment stack: the state bucket (and
 * optional lock table), the GitHub OIDC provider, a read-only plan role for pull request plans and
 * a deploy role for the deploy workflow. Deployed once per account, first with a local backend,
 * then migrated into the bucket it created (see docs/bootstrap.md).
 */
export class AccountBootstrap extends Construct {
  /** `<org>-terraform-state-<account>`. */
  public static stateBucketName(org: string, accountId: string): string {
    return `${org}-terraform-state-${accountId}`;
  }
  /** `arn:aws:iam::<account>:role/<org>-terraform-plan`. */
  public static planRoleArn(org: string, accountId: string): string {
    return `arn:aws:iam::${accountId}:role/${org}-terraform-plan`;
  }
  /** `arn:aws:iam::<account>:role/<org>-terraform-deploy`. */
  public static deployRoleArn(org: string, accountId: string): string {
    return `arn:aws:iam::${accountId}:role/${org}-terraform-deploy`;
  }

  /** The bucket every stack of the account keeps its state in. */
  public readonly stateBucket: StateBucket;
  /** The account's GitHub Actions OIDC provider (created or existing). */
  public readonly oidcProvider: IGithubOidcProvider;
  /** Read-only role of pull request plans. */
  public readonly planRole: GithubActionsRole;
  /** Role of the deploy workflow. */
  public readonly deployRole: GithubActionsRole;

  constructor(scope: Construct, id: string, props: AccountBootstrapProps) {
    super(scope, id);
    checkRequiredProps(this, "AccountBootstrapProps", props, {
      org: K.string,
      accountId: K.string,
      region: K.string,
      github: K.object("BootstrapGithubOptions", { repository: K.string }),
      deployEnvironments: K.strings,
    });
    if (!isToken(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
      fail(this, { code: "BOOTSTRAP_ACCOUNT", property: "accountId", value: props.accountId, allowed: "a 12-digit AWS account id" });
    }
    if (!/^[a-z][a-z0-9]{1,11}$/.test(props.org)) {
      fail(this, {
        code: "BOOTSTRAP_ORG",
        property: "org",
        value: props.org,
        allowed: "2 to 12 lowercase letters and digits, starting with a letter",
      });
    }
    checkNotEmpty(this, "BOOTSTRAP_DEPLOY_ENVIRONMENTS", "deployEnvironments", props.deployEnvironments);
    checkUnique(this, "BOOTSTRAP_DEPLOY_ENVIRONMENTS", "deployEnvironments", props.deployEnvironments);
    const encryption = props.stateEncryption ?? "SSE-S3";

    this.stateBucket = new StateBucket(this, "StateBucket", {
      bucketName: AccountBootstrap.stateBucketName(props.org, props.accountId),
      encryption,
      kmsKeyAlias: encryption === "SSE-KMS" ? (props.stateKmsKeyAlias ?? `alias/${props.org}-terraform-state`) : undefined,
      noncurrentVersionDays: props.noncurrentVersionDays,
      lockTableName: props.lockTableName,
      tags: props.tags,
    });
    this.oidcProvider = props.existingOidcProvider ?? new GithubOidcProvider(this, "GithubOidc", { tags: props.tags });

    const repository = props.github.repository;
    const planName = `${props.org}-terraform-plan`;
    const deployName = `${props.org}-terraform-deploy`;
    this.planRole = new GithubActionsRole(this, "PlanRole", {
      name: planName,
      description: `Plans the environment stacks for pull requests of ${repository}: read-only, state read without locking`,
      provider: this.oidcProvider,
      allowedRepositories: [repository],
      trustedBy: [{ repository, subject: { kind: "pullRequest" } }],
      managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      tags: props.tags,
    });
    const grantScope = {
      accountId: props.accountId,
      region: props.region,
      namePrefix: `${props.org}-`,
      stateBucketArn: this.stateBucket.bucketArn,
      stateKmsKeyArn: this.stateBucket.kmsKeyArn,
      protectedRoleArns: [
        AccountBootstrap.planRoleArn(props.org, props.accountId),
        AccountBootstrap.deployRoleArn(props.org, props.accountId),
      ],
      oidcProviderArn: this.oidcProvider.providerArn,
    };
    for (const statement of stateReadStatements(grantScope)) this.planRole.addToPrincipalPolicy(statement);
    // PR plans run with -lock=false: the plan role never writes state, even if ReadOnlyAccess changes.
    this.planRole.addToPrincipalPolicy({
      sid: "NoStateWrite",
      effect: "Deny",
      actions: ["s3:PutObject", "s3:DeleteObject"],
      resources: [`${this.stateBucket.bucketArn}/*`],
    });

    const workflow = {
      path: props.github.deployWorkflow ?? ".github/workflows/deploy.yml",
      ref: props.github.deployRef ?? "refs/heads/main",
    };
    this.deployRole = new GithubActionsRole(this, "DeployRole", {
      name: deployName,
      description: `Applies the environment stacks of ${repository} from ${workflow.path} on ${workflow.ref}`,
      provider: this.oidcProvider,
      allowedRepositories: [repository],
      trustedBy: props.deployEnvironments.map((environment) => ({ repository, subject: { kind: "environment", environment }, workflow })),
      permissionsBoundaryArn: props.deployPermissionsBoundaryArn,
      tags: props.tags,
    });
    for (const statement of deployStatements(grantScope)) this.deployRole.addToPrincipalPolicy(statement);
  }
}
