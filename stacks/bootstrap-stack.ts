import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AccountBootstrap, applyPolicies, suppress, useAwsProviderRange } from "../src";
import type { BootstrapConfig } from "./bootstrap/config";

/** Where the bootstrap stack keeps its own state: locally on day 0, then in the bucket it created. */
export type BootstrapBackend = "local" | "s3";

/**
 * The bootstrap of one AWS account (`cdktf deploy bootstrap-<account>`), applied by an administrator
 * of the account before any environment: state bucket, GitHub OIDC provider, plan and deploy roles.
 * Its own state cannot start in a bucket that does not exist yet: deploy it once with
 * `BOOTSTRAP_BACKEND=local`, then move the state into the bucket (`terraform init -migrate-state`,
 * docs/bootstrap.md); from then on the default S3 backend is used.
 */
export class BootstrapStack extends TerraformStack {
  public readonly bootstrap: AccountBootstrap;

  constructor(scope: Construct, config: BootstrapConfig, account: string, backend: BootstrapBackend = "s3") {
    super(scope, `bootstrap-${account}`);
    const { accountId, deployEnvironments, stateEncryption } = config.accounts[account];
    new AwsProvider(this, "aws", {
      region: config.region,
      allowedAccountIds: [accountId],
      defaultTags: [{ tags: { ...config.tags, Environment: `bootstrap-${account}` } }],
    });
    useAwsProviderRange(this);
    applyPolicies(this, { environmentClass: "production", requiredTags: Object.keys(config.tags) });

    this.bootstrap = new AccountBootstrap(this, "Bootstrap", {
      org: config.org,
      accountId,
      region: config.region,
      github: config.github,
      deployEnvironments,
      stateEncryption,
    });
    suppress(
      this.bootstrap.deployRole,
      "IAM-001",
      "the deploy role applies whole environment stacks: each platform service is granted in the stack's region only; IAM is written out and limited to the org's name prefix",
    );

    if (backend === "local") {
      new LocalBackend(this, { path: `terraform.bootstrap-${account}.tfstate` });
    } else {
      new S3Backend(this, {
        bucket: AccountBootstrap.stateBucketName(config.org, accountId),
        key: `${config.org}/bootstrap/terraform.tfstate`,
        region: config.region,
        encrypt: true,
        kmsKeyId: stateEncryption === "SSE-KMS" ? `alias/${config.org}-terraform-state` : undefined,
      });
      this.addOverride("terraform.backend.s3.use_lockfile", true);
    }

    const b = this.bootstrap;
    new TerraformOutput(this, "state_bucket", { value: b.stateBucket.bucketName, description: "State bucket of the account's stacks" });
    if (b.stateBucket.kmsKeyArn)
      new TerraformOutput(this, "state_kms_key_arn", { value: b.stateBucket.kmsKeyArn, description: "State encryption key" });
    new TerraformOutput(this, "oidc_provider_arn", { value: b.oidcProvider.providerArn, description: "GitHub Actions OIDC provider" });
    new TerraformOutput(this, "plan_role_arn", { value: b.planRole.roleArn, description: "Role of pull request plans (read-only)" });
    new TerraformOutput(this, "deploy_role_arn", { value: b.deployRole.roleArn, description: "Role of the deploy workflow" });
  }
}
