import { Construct } from "constructs";
import {
  AccountBootstrap,
  GithubActionsRole,
  GithubOidcProvider,
  StateBucket,
  type AccountBootstrapProps,
  type GithubActionsRoleProps,
  type StateBucketProps,
} from "../../src/bootstrap";
import { expectedMessage, testRejections } from "../helpers";

const bucket = (extra: Partial<StateBucketProps>) => (scope: Construct) =>
  new StateBucket(scope, "State", { bucketName: "acme-state", ...extra });
const role = (extra: Partial<GithubActionsRoleProps>) => (scope: Construct) =>
  new GithubActionsRole(scope, "Role", {
    name: "acme-ci",
    description: "ci",
    provider: GithubOidcProvider.fromAccount("111111111111"),
    allowedRepositories: ["acme/ecs-platform"],
    trustedBy: [{ repository: "acme/ecs-platform", subject: { kind: "pullRequest" } }],
    ...extra,
  });
const bootstrap = (extra: Partial<AccountBootstrapProps>) => (scope: Construct) =>
  new AccountBootstrap(scope, "Bootstrap", {
    org: "acme",
    accountId: "111111111111",
    region: "eu-west-1",
    github: { repository: "acme/ecs-platform" },
    deployEnvironments: ["dev"],
    ...extra,
  });
const BUCKET = "3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit, no '..', not an IP address";
const SUBJECT = 'a pullRequest subject, or an environment or branch name without wildcards ("*", "?"), spaces or ":"';

describe("bootstrap: bad input", () => {
  testRejections([
    [
      "a bucket name with capitals",
      bucket({ bucketName: "Acme-State" }),
      expectedMessage("test/State", "bucketName", "Acme-State", BUCKET, "STATE_BUCKET_NAME"),
    ],
    [
      "a bucket name of two characters",
      bucket({ bucketName: "ab" }),
      expectedMessage("test/State", "bucketName", "ab", BUCKET, "STATE_BUCKET_NAME"),
    ],
    [
      "a bucket name like an IP address",
      bucket({ bucketName: "192.168.1.1" }),
      expectedMessage("test/State", "bucketName", "192.168.1.1", BUCKET, "STATE_BUCKET_NAME"),
    ],
    [
      "a bucket name with '..'",
      bucket({ bucketName: "acme..state" }),
      expectedMessage("test/State", "bucketName", "acme..state", BUCKET, "STATE_BUCKET_NAME"),
    ],
    [
      "a bucket name with a reserved suffix",
      bucket({ bucketName: "acme-s3alias" }),
      expectedMessage("test/State", "bucketName", "acme-s3alias", BUCKET, "STATE_BUCKET_NAME"),
    ],
    [
      "a KMS key with SSE-S3",
      bucket({ kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/x" }),
      expectedMessage(
        "test/State",
        "kmsKeyArn",
        "arn:aws:kms:eu-west-1:111111111111:key/x",
        'no KMS key unless encryption is "SSE-KMS"',
        "STATE_BUCKET_KMS",
      ),
    ],
    [
      "noncurrent versions expiring after 0 days",
      bucket({ noncurrentVersionDays: 0 }),
      expectedMessage("test/State", "noncurrentVersionDays", 0, "an integer from 1 to 36500 days", "STATE_BUCKET_NONCURRENT_DAYS"),
    ],
    [
      "a lock table name with spaces",
      bucket({ lockTableName: "terraform locks" }),
      expectedMessage(
        "test/State",
        "lockTableName",
        "terraform locks",
        "3 to 255 letters, digits, '_', '.' and '-'",
        "STATE_LOCK_TABLE_NAME",
      ),
    ],
    [
      "a trust condition on another repository",
      role({ trustedBy: [{ repository: "evil/fork", subject: { kind: "pullRequest" } }] }),
      expectedMessage(
        "test/Role",
        "trustedBy[0].repository",
        "evil/fork",
        'one of "acme/ecs-platform" (this role trusts no other repository)',
        "GITHUB_ROLE_OTHER_REPOSITORY",
      ),
    ],
    [
      "a wildcard repository",
      role({ allowedRepositories: undefined, trustedBy: [{ repository: "acme/*", subject: { kind: "pullRequest" } }] }),
      expectedMessage(
        "test/Role",
        "trustedBy[0].repository",
        "acme/*",
        "owner/name of one repository (no wildcards)",
        "GITHUB_ROLE_REPOSITORY",
      ),
    ],
    [
      "a wildcard environment",
      role({ trustedBy: [{ repository: "acme/ecs-platform", subject: { kind: "environment", environment: "*" } }] }),
      expectedMessage("test/Role", "trustedBy[0].subject", { kind: "environment", environment: "*" }, SUBJECT, "GITHUB_ROLE_SUBJECT"),
    ],
    [
      "a branch pattern",
      role({ trustedBy: [{ repository: "acme/ecs-platform", subject: { kind: "branch", branch: "release/*" } }] }),
      expectedMessage("test/Role", "trustedBy[0].subject", { kind: "branch", branch: "release/*" }, SUBJECT, "GITHUB_ROLE_SUBJECT"),
    ],
    [
      "a workflow outside .github/workflows",
      role({
        trustedBy: [
          { repository: "acme/ecs-platform", subject: { kind: "pullRequest" }, workflow: { path: "deploy.yml", ref: "refs/heads/main" } },
        ],
      }),
      expectedMessage(
        "test/Role",
        "trustedBy[0].workflow",
        { path: "deploy.yml", ref: "refs/heads/main" },
        "a path .github/workflows/<file>.yml and a ref refs/heads/<branch> or refs/tags/<tag>, without wildcards",
        "GITHUB_ROLE_WORKFLOW",
      ),
    ],
    [
      "no trust at all",
      role({ trustedBy: [] }),
      expectedMessage("test/Role", "trustedBy", [], "at least one trusted repository and subject", "GITHUB_ROLE_TRUST"),
    ],
    [
      "a session over 12 hours",
      role({ maxSessionDurationSeconds: 86400 }),
      expectedMessage("test/Role", "maxSessionDurationSeconds", 86400, "an integer from 3600 to 43200 seconds", "GITHUB_ROLE_SESSION"),
    ],
    [
      "an account id that is not 12 digits",
      bootstrap({ accountId: "1234" }),
      expectedMessage("test/Bootstrap", "accountId", "1234", "a 12-digit AWS account id", "BOOTSTRAP_ACCOUNT"),
    ],
    [
      "no deploy environment",
      bootstrap({ deployEnvironments: [] }),
      expectedMessage("test/Bootstrap", "deployEnvironments", [], "at least one item", "BOOTSTRAP_DEPLOY_ENVIRONMENTS"),
    ],
    [
      "a deploy role trusted by another repository's workflow",
      bootstrap({ github: { repository: "acme/ecs-platform", deployWorkflow: "../other.yml" } }),
      expectedMessage(
        "test/Bootstrap/DeployRole",
        "trustedBy[0].workflow",
        { path: "../other.yml", ref: "refs/heads/main" },
        "a path .github/workflows/<file>.yml and a ref refs/heads/<branch> or refs/tags/<tag>, without wildcards",
        "GITHUB_ROLE_WORKFLOW",
      ),
    ],
    [
      "an OIDC provider reference with a bad account",
      () => GithubOidcProvider.fromAccount("abc"),
      expectedMessage("GithubOidcProvider.fromAccount", "accountId", "abc", "a 12-digit AWS account id", "OIDC_ACCOUNT"),
    ],
    [
      "an OIDC provider reference in a partition that does not exist",
      () => GithubOidcProvider.fromAccount("111111111111", "aws-gov"),
      expectedMessage(
        "GithubOidcProvider.fromAccount",
        "partition",
        "aws-gov",
        "an AWS partition: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc",
        "OIDC_PARTITION",
      ),
    ],
  ]);
});

describe("bootstrap: required props from a JSON config", () => {
  testRejections([
    [
      "an AccountBootstrap whose github options lack the repository",
      (scope) =>
        new AccountBootstrap(
          scope,
          "Bootstrap",
          JSON.parse('{"org":"acme","accountId":"111111111111","region":"eu-west-1","github":{},"deployEnvironments":["dev"]}'),
        ),
      expectedMessage("test/Bootstrap", "github.repository", undefined, "a string (required)", "PROP_REQUIRED"),
    ],
    [
      "deploy environments as one string",
      (scope) =>
        new AccountBootstrap(
          scope,
          "Bootstrap",
          JSON.parse(
            '{"org":"acme","accountId":"111111111111","region":"eu-west-1","github":{"repository":"acme/app"},"deployEnvironments":"dev"}',
          ),
        ),
      expectedMessage("test/Bootstrap", "deployEnvironments", "dev", "a list of strings", "PROP_TYPE"),
    ],
    [
      "a StateBucket without bucketName",
      (scope) => new StateBucket(scope, "State", JSON.parse("{}")),
      expectedMessage("test/State", "bucketName", undefined, "a string (required)", "PROP_REQUIRED"),
    ],
  ]);
});
