import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AccountBootstrap, GithubActionsRole, GithubOidcProvider, StateBucket } from "../../src/bootstrap";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { RegistryReplication, RegistryScanning, Repository } from "../../src/registry";

export const DELIVERY_OFFLINE_STACK = "delivery-modules";

/**
 * The bootstrap and registry modules with the options the platform's own stacks do not use, checked
 * against the real provider: a state bucket with a given KMS key and a DynamoDB lock table, a
 * bootstrap reusing an existing OIDC provider, KMS-encrypted repositories with every lifecycle rule
 * kind and both kinds of grant, enhanced scanning and cross-region replication.
 */
export function deliveryOfflineStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, DELIVERY_OFFLINE_STACK);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  useAwsProviderRange(stack);

  new StateBucket(stack, "LegacyState", {
    bucketName: "acme-legacy-state-123456789012",
    encryption: "SSE-KMS",
    kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/0d5f7a3e-2b1c-4e8d-9f6a-7b8c9d0e1f2a",
    lockTableName: "acme-terraform-locks",
    noncurrentVersionDays: 30,
  });
  const bootstrap = new AccountBootstrap(stack, "Bootstrap", {
    org: "acme",
    accountId: "123456789012",
    region: "eu-west-1",
    github: { repository: "acme/ecs-platform" },
    deployEnvironments: ["dev", "pr-previews"],
    stateEncryption: "SSE-KMS",
    existingOidcProvider: GithubOidcProvider.fromAccount("123456789012"),
    deployPermissionsBoundaryArn: "arn:aws:iam::123456789012:policy/acme-deploy-boundary",
  });

  const ci = new GithubActionsRole(stack, "Ci", {
    name: "acme-ci-push",
    description: "pushes images",
    provider: bootstrap.oidcProvider,
    trustedBy: [{ repository: "acme/web", subject: { kind: "branch", branch: "main" } }],
  });
  const web = new Repository(stack, "Web", {
    name: "acme/web",
    encryption: "KMS",
    lifecycleRules: [
      { kind: "keepLastTagged", tagPrefixes: ["v"], count: 50 },
      { kind: "expireUntagged", days: 7 },
      { kind: "keepNewerThan", days: 730 },
    ],
  });
  web.grantPush(ci);
  web.grantPull({ accountId: "210987654321" });
  web.grantPull({ roleArn: "arn:aws:iam::210987654321:role/acme-dev-web-execution" });
  new Repository(stack, "Tools", { name: "acme/tools", tagMutability: "MUTABLE", lifecycleRules: [] }).grantPull(ci);
  new RegistryScanning(stack, "Scanning", { type: "ENHANCED", continuous: true, repositoryFilters: ["acme/*"] });
  new RegistryReplication(stack, "Replication", {
    accountId: "123456789012",
    destinations: [{ region: "eu-central-1" }, { region: "eu-west-1", accountId: "210987654321" }],
    repositoryPrefixes: ["acme/"],
  });
  return stack;
}
