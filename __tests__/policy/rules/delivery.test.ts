import { EcrRegistryScanningConfiguration } from "@cdktf/provider-aws/lib/ecr-registry-scanning-configuration";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { AccountBootstrap, GithubActionsRole, GithubOidcProvider, StateBucket } from "../../../src/bootstrap";
import { ecrImmutableTags, ecrScanOnPush, iamGithubOidcTrust, s3Encryption, s3PublicAccessBlock } from "../../../src/policy";
import { Repository } from "../../../src/registry";
import { brief, findingsOf } from "../helpers";

const GH = "token.actions.githubusercontent.com";
const trust = (condition: object) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::111111111111:oidc-provider/${GH}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        ...(Object.keys(condition).length ? { Condition: condition } : {}),
      },
    ],
  });

describe("IAM-002 GitHub OIDC trust", () => {
  test("a wildcard sub, no sub at all, ForAnyValue and a missing audience are errors", () => {
    const findings = findingsOf(iamGithubOidcTrust, (s) => {
      new IamRole(s, "Wild", {
        assumeRolePolicy: trust({ StringLike: { [`${GH}:sub`]: "repo:acme/*:*", [`${GH}:aud`]: "sts.amazonaws.com" } }),
      });
      new IamRole(s, "Open", { assumeRolePolicy: trust({ StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } }) });
      new IamRole(s, "AnyValue", {
        assumeRolePolicy: trust({
          "ForAnyValue:StringEquals": { [`${GH}:sub`]: "repo:acme/web:ref:refs/heads/main" },
          StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" },
        }),
      });
      new IamRole(s, "NoAudience", { assumeRolePolicy: trust({ StringEquals: { [`${GH}:sub`]: "repo:acme/web:pull_request" } }) });
    });
    // Reported in address order; compared as sets.
    expect(brief(findings).sort()).toEqual(
      [
        `error IAM-002 @ Wild: trust statement #1 matches ${GH}:sub with wildcards ["repo:acme/*:*"] (StringLike): any branch, pull request or repository they cover can assume the role`,
        `error IAM-002 @ Open: trust statement #1 lets any GitHub Actions job of any repository assume the role: no ${GH}:sub condition`,
        `error IAM-002 @ AnyValue: trust statement #1 tests ${GH}:sub with ForAnyValue:StringEquals, which passes when the claim is missing or misspelled`,
        `error IAM-002 @ NoAudience: trust statement #1 does not pin ${GH}:aud, so a token minted for another audience is accepted`,
      ].sort(),
    );
  });

  test("passes GithubActionsRole's exact trust, the bootstrap's roles and roles trusting services", () => {
    const findings = findingsOf(iamGithubOidcTrust, (s) => {
      new GithubActionsRole(s, "Ci", {
        name: "ci",
        description: "ci",
        provider: GithubOidcProvider.fromAccount("111111111111"),
        trustedBy: [{ repository: "acme/web", subject: { kind: "branch", branch: "main" } }],
      });
      new AccountBootstrap(s, "Bootstrap", {
        org: "acme",
        accountId: "111111111111",
        region: "eu-west-1",
        github: { repository: "acme/ecs-platform" },
        deployEnvironments: ["dev"],
      });
      new IamRole(s, "Task", {
        assumeRolePolicy: JSON.stringify({
          Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
      });
    });
    expect(brief(findings)).toEqual([]);
  });
});

describe("ECR-001 scan on push and ECR-002 immutable tags", () => {
  test("a repository without scanning or with mutable tags is an error", () => {
    const findings = findingsOf([ecrScanOnPush, ecrImmutableTags], (s) => {
      new EcrRepository(s, "Raw", { name: "raw" });
      new Repository(s, "Mutable", { name: "acme/mutable", tagMutability: "MUTABLE", scanOnPush: false });
    });
    expect(brief(findings).sort()).toEqual(
      [
        "error ECR-001 @ Raw: images pushed to this repository are not scanned",
        "error ECR-001 @ Mutable/Resource: images pushed to this repository are not scanned",
        "error ECR-002 @ Raw: image_tag_mutability is unset (MUTABLE)",
        'error ECR-002 @ Mutable/Resource: image_tag_mutability is "MUTABLE"',
      ].sort(),
    );
  });

  test("Repository's defaults pass; a registry scanning configuration covers a repository's own setting", () => {
    const findings = findingsOf([ecrScanOnPush, ecrImmutableTags], (s) => {
      new Repository(s, "Web", { name: "acme/web" });
      new EcrRepository(s, "Scanned", { name: "scanned", imageTagMutability: "IMMUTABLE" });
      new EcrRegistryScanningConfiguration(s, "Scanning", { scanType: "ENHANCED" });
    });
    expect(brief(findings)).toEqual([]);
  });
});

describe("S3-001 encryption and S3-002 public access block", () => {
  test("a bare bucket, and one with a partial public access block, are errors", () => {
    const findings = findingsOf([s3Encryption, s3PublicAccessBlock], (s) => {
      new S3Bucket(s, "Bare", { bucket: "acme-bare" });
      const partial = new S3Bucket(s, "Partial", { bucket: "acme-partial" });
      new S3BucketPublicAccessBlock(s, "PartialBlock", { bucket: partial.id, blockPublicAcls: true, blockPublicPolicy: true });
    });
    expect(brief(findings)).toEqual([
      "error S3-001 @ Bare: no aws_s3_bucket_server_side_encryption_configuration with a default algorithm refers to this bucket",
      "error S3-001 @ Partial: no aws_s3_bucket_server_side_encryption_configuration with a default algorithm refers to this bucket",
      "error S3-002 @ Bare: no aws_s3_bucket_public_access_block refers to this bucket",
      "error S3-002 @ Partial: the public access block leaves ignore_public_acls, restrict_public_buckets off",
    ]);
  });

  test("StateBucket passes both, with SSE-S3 and SSE-KMS", () => {
    const findings = findingsOf([s3Encryption, s3PublicAccessBlock], (s) => {
      new StateBucket(s, "State", { bucketName: "acme-state" });
      new StateBucket(s, "KmsState", { bucketName: "acme-kms-state", encryption: "SSE-KMS" });
    });
    expect(brief(findings)).toEqual([]);
  });
});
