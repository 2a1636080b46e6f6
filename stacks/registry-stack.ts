import { Aspects, S3Backend, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  AccountBootstrap,
  applyPolicies,
  GithubActionsRole,
  GithubOidcProvider,
  PreventDestroy,
  RegistryScanning,
  Repository,
  useAwsProviderRange,
} from "../src";
import type { BootstrapConfig } from "./bootstrap/config";

/** Construct ids are PascalCase: `acme/web` → `AcmeWeb`. */
function pascal(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/** The reusable image workflow app repositories call; only it, from main, may push. */
export const IMAGE_WORKFLOW = ".github/workflows/image.yml";

/**
 * The image registry (`cdktf deploy registry`) in the shared account: one ECR repository per image
 * the environments run (immutable tags, scan on push, lifecycle policy, `prevent_destroy`), pull
 * granted to every environment account, and one push role per application repository, assumable
 * only by the reusable image workflow of this repository called from the application's main branch.
 * Deployed by the deploy workflow before dev, so an image can be pushed before any environment
 * runs it.
 */
export class RegistryStack extends TerraformStack {
  public readonly repositories: Record<string, Repository> = {};
  public readonly publishRoles: Record<string, GithubActionsRole> = {};
  public readonly accountId: string;

  constructor(scope: Construct, config: BootstrapConfig) {
    super(scope, "registry");
    const { org, region } = config;
    this.accountId = config.accounts[config.registry.account].accountId;
    const assumeRoleArn = new TerraformVariable(this, "assume_role_arn", {
      type: "string",
      default: AccountBootstrap.deployRoleArn(org, this.accountId),
      description: "Role the provider assumes; empty when the caller's credentials already are the plan or deploy role",
    });
    new AwsProvider(this, "aws", {
      region,
      allowedAccountIds: [this.accountId],
      defaultTags: [{ tags: { ...config.tags, Environment: "registry" } }],
      assumeRole: [{ roleArn: assumeRoleArn.stringValue, sessionName: "cdktf-registry" }],
    });
    useAwsProviderRange(this);
    new S3Backend(this, {
      bucket: AccountBootstrap.stateBucketName(org, this.accountId),
      key: `${org}/registry/terraform.tfstate`,
      region,
      encrypt: true,
    });
    this.addOverride("terraform.backend.s3.use_lockfile", true);
    applyPolicies(this, { environmentClass: "production", requiredTags: Object.keys(config.tags) });
    // Production class like prod: the repositories hold the images every environment runs, so a plan
    // that would delete or replace one fails instead of deleting its images.
    Aspects.of(this).add(new PreventDestroy());

    // One scanning setting for the whole registry, so a repository created by hand is scanned too.
    new RegistryScanning(this, "Scanning", { type: "BASIC" });

    const pullers = Object.entries(config.accounts)
      .filter(([name]) => name !== config.registry.account)
      .map(([, account]) => account.accountId);
    const provider = GithubOidcProvider.fromAccount(this.accountId);
    for (const [name, image] of Object.entries(config.registry.repositories)) {
      const repository = new Repository(this, pascal(name), {
        name,
        lifecycleRules: [
          { kind: "expireUntagged", days: 14 },
          // Images are tagged with the git SHA (no common prefix): keep the newest 500 of any tag, far
          // more than any environment runs or a rollback needs; never an age limit, which could expire
          // the image a quiet environment still runs.
          { kind: "keepLast", count: 500 },
        ],
      });
      for (const accountId of pullers) repository.grantPull({ accountId });
      this.repositories[name] = repository;

      const publisher = image.publisher;
      this.publishRoles[publisher] ??= new GithubActionsRole(this, `${pascal(publisher)}Publish`, {
        name: `${org}-image-publish-${publisher.split("/")[1]}`.slice(0, 64),
        description: `Pushes images built by ${publisher} (main) through ${config.github.repository}'s ${IMAGE_WORKFLOW}`,
        provider,
        allowedRepositories: [publisher],
        trustedBy: [
          {
            repository: publisher,
            subject: { kind: "branch", branch: "main" },
            workflow: { repository: config.github.repository, path: IMAGE_WORKFLOW, ref: "refs/heads/main" },
          },
        ],
      });
      repository.grantPush(this.publishRoles[publisher]);
    }

    new TerraformOutput(this, "repository_urls", {
      value: Object.fromEntries(Object.entries(this.repositories).map(([name, r]) => [name, r.repositoryUrl])),
      description: "ECR repository URL by name",
    });
    new TerraformOutput(this, "publish_role_arns", {
      value: Object.fromEntries(Object.entries(this.publishRoles).map(([name, r]) => [name, r.roleArn])),
      description: "Image push role by application repository",
    });
  }
}
