import { AccountBootstrap, GithubActionsRole, GithubOidcProvider, StateBucket } from "../../src/bootstrap";
import { resourceAt, resourcesOf, synth } from "../helpers";

const only = (s: ReturnType<typeof synth>, type: string) => {
  const all = Object.values(resourcesOf(s, type));
  expect(all).toHaveLength(1);
  return all[0];
};
const trustOf = (role: any) => JSON.parse(role.assume_role_policy).Statement;
const inlinePolicy = (s: ReturnType<typeof synth>, path: string) => JSON.parse(resourceAt(s, "aws_iam_role_policy", path).policy).Statement;

describe("StateBucket", () => {
  const s = synth((stack) => new StateBucket(stack, "State", { bucketName: "acme-terraform-state-111111111111" }));

  test("is versioned, SSE-S3 encrypted, blocks every kind of public access, owner-enforced, protected from destroy", () => {
    expect(only(s, "aws_s3_bucket")).toMatchObject({ bucket: "acme-terraform-state-111111111111", lifecycle: { prevent_destroy: true } });
    expect(only(s, "aws_s3_bucket_versioning").versioning_configuration).toEqual({ status: "Enabled" });
    expect(only(s, "aws_s3_bucket_server_side_encryption_configuration").rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
    expect(only(s, "aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(s, "aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    expect(resourcesOf(s, "aws_dynamodb_table")).toEqual({});
    expect(resourcesOf(s, "aws_kms_key")).toEqual({});
  });

  test("denies any request without TLS, after the public access block", () => {
    const policy = only(s, "aws_s3_bucket_policy");
    expect(JSON.parse(policy.policy).Statement).toEqual([
      expect.objectContaining({ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    ]);
    expect(policy.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./)]);
  });

  test("expires replaced state versions after 90 days by default (never 0) and aborts stale uploads", () => {
    expect(StateBucket.DEFAULT_NONCURRENT_VERSION_DAYS).toBe(90);
    expect(only(s, "aws_s3_bucket_lifecycle_configuration").rule).toEqual([
      expect.objectContaining({
        status: "Enabled",
        filter: [{ prefix: "" }],
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      }),
    ]);
  });

  test("SSE-KMS creates a rotated, protected key with its alias, and a protected DynamoDB lock table when asked", () => {
    const kms = synth(
      (stack) =>
        new StateBucket(stack, "State", {
          bucketName: "acme-state",
          encryption: "SSE-KMS",
          kmsKeyAlias: "alias/acme-terraform-state",
          lockTableName: "acme-terraform-locks",
          noncurrentVersionDays: 30,
        }),
    );
    expect(only(kms, "aws_kms_key")).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    expect(only(kms, "aws_kms_alias").name).toBe("alias/acme-terraform-state");
    expect(only(kms, "aws_s3_bucket_server_side_encryption_configuration").rule[0]).toEqual({
      apply_server_side_encryption_by_default: {
        sse_algorithm: "aws:kms",
        kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\..*\.arn\}$/),
      },
      bucket_key_enabled: true,
    });
    expect(only(kms, "aws_dynamodb_table")).toMatchObject({
      name: "acme-terraform-locks",
      hash_key: "LockID",
      billing_mode: "PAY_PER_REQUEST",
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(only(kms, "aws_s3_bucket_lifecycle_configuration").rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
  });
});

describe("GithubOidcProvider", () => {
  test("creates the GitHub provider with the STS audience, or refers to the account's existing one", () => {
    const s = synth((stack) => new GithubOidcProvider(stack, "Oidc"));
    expect(only(s, "aws_iam_openid_connect_provider")).toMatchObject({
      url: "https://token.actions.githubusercontent.com",
      client_id_list: ["sts.amazonaws.com"],
    });
    expect(GithubOidcProvider.fromAccount("111111111111").providerArn).toBe(
      "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com",
    );
  });
});

describe("GithubActionsRole", () => {
  test("each trust pins the audience, the exact subject and the workflow with StringEquals", () => {
    const s = synth(
      (stack) =>
        new GithubActionsRole(stack, "Role", {
          name: "acme-image-publish-web",
          description: "push",
          provider: GithubOidcProvider.fromAccount("444444444444"),
          trustedBy: [
            {
              repository: "acme/web",
              subject: { kind: "branch", branch: "main" },
              workflow: { repository: "acme/ecs-platform", path: ".github/workflows/image.yml", ref: "refs/heads/main" },
            },
            { repository: "acme/web", subject: { kind: "environment", environment: "prod" } },
          ],
          maxSessionDurationSeconds: 7200,
        }),
    );
    const role = only(s, "aws_iam_role");
    expect(role.max_session_duration).toBe(7200);
    expect(trustOf(role)).toEqual([
      {
        Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::444444444444:oidc-provider/token.actions.githubusercontent.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": "repo:acme/web:ref:refs/heads/main",
            "token.actions.githubusercontent.com:job_workflow_ref": "acme/ecs-platform/.github/workflows/image.yml@refs/heads/main",
          },
        },
      },
      expect.objectContaining({
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": "repo:acme/web:environment:prod",
          },
        },
      }),
    ]);
  });
});

describe("AccountBootstrap", () => {
  const s = synth((stack) => {
    new AccountBootstrap(stack, "Bootstrap", {
      org: "acme",
      accountId: "333333333333",
      region: "eu-west-1",
      github: { repository: "acme/ecs-platform" },
      deployEnvironments: ["prod"],
      stateEncryption: "SSE-KMS",
    });
  });
  const roles = resourcesOf(s, "aws_iam_role");
  const role = (name: string) => Object.values(roles).find((r: any) => r.name === name);
  const plan = role("acme-terraform-plan");
  const deploy = role("acme-terraform-deploy");

  test("names the bucket and roles the way environment configs expect", () => {
    expect(only(s, "aws_s3_bucket").bucket).toBe(AccountBootstrap.stateBucketName("acme", "333333333333"));
    expect(AccountBootstrap.stateBucketName("acme", "333333333333")).toBe("acme-terraform-state-333333333333");
    expect(AccountBootstrap.deployRoleArn("acme", "333333333333")).toBe("arn:aws:iam::333333333333:role/acme-terraform-deploy");
    expect(AccountBootstrap.planRoleArn("acme", "333333333333")).toBe("arn:aws:iam::333333333333:role/acme-terraform-plan");
    expect(only(s, "aws_kms_alias").name).toBe("alias/acme-terraform-state");
  });

  test("the plan role trusts only this repository's pull request jobs outside any GitHub environment", () => {
    expect(trustOf(plan)).toEqual([
      expect.objectContaining({
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": "repo:acme/ecs-platform:pull_request",
          },
        },
      }),
    ]);
  });

  test("the deploy role trusts only the deploy workflow on main in the prod environment: no plan token matches it", () => {
    const [statement] = trustOf(deploy);
    expect(statement.Condition.StringEquals).toEqual({
      "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
      "token.actions.githubusercontent.com:sub": "repo:acme/ecs-platform:environment:prod",
      "token.actions.githubusercontent.com:job_workflow_ref": "acme/ecs-platform/.github/workflows/deploy.yml@refs/heads/main",
    });
    const planSubjects = trustOf(plan).map((st: any) => st.Condition.StringEquals["token.actions.githubusercontent.com:sub"]);
    expect(planSubjects).not.toContain(statement.Condition.StringEquals["token.actions.githubusercontent.com:sub"]);
    expect(JSON.stringify([trustOf(plan), trustOf(deploy)])).not.toMatch(/StringLike|\*/);
  });

  test("the plan role reads everything and the state, and is denied any state write", () => {
    expect(Object.values(resourcesOf(s, "aws_iam_role_policy_attachment")).map((a: any) => a.policy_arn)).toEqual([
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
    ]);
    const statements = inlinePolicy(s, "Bootstrap/PlanRole/Policy");
    expect(statements.map((st: any) => [st.Sid, st.Effect, st.Action])).toEqual([
      ["StateList", "Allow", "s3:ListBucket"],
      ["StateRead", "Allow", "s3:GetObject"],
      ["StateDecrypt", "Allow", "kms:Decrypt"],
      ["NoStateWrite", "Deny", ["s3:PutObject", "s3:DeleteObject"]],
    ]);
  });

  test("the deploy role is written out: services in its region, IAM by name prefix, state, and no way to change the bootstrap", () => {
    const statements = inlinePolicy(s, "Bootstrap/DeployRole/Policy");
    const bySid = Object.fromEntries(statements.map((st: any) => [st.Sid, st]));
    expect(JSON.stringify(statements)).not.toContain('"*:*"');
    expect(statements.some((st: any) => st.Action === "*" || (Array.isArray(st.Action) && st.Action.includes("*")))).toBe(false);
    expect(bySid.PlatformServices.Condition).toEqual({ StringEquals: { "aws:RequestedRegion": "eu-west-1" } });
    expect(bySid.PlatformServices.Action).toContain("ecs:*");
    expect(bySid.PlatformServices.Action.some((a: string) => a.startsWith("iam:") || a.startsWith("s3:") || a.startsWith("kms:"))).toBe(
      false,
    );
    expect(bySid.PlatformRoles.Resource).toEqual([
      "arn:aws:iam::333333333333:role/acme-*",
      "arn:aws:iam::333333333333:instance-profile/acme-*",
    ]);
    expect(bySid.PlatformRoles.Action).not.toContain("iam:AttachRolePolicy");
    expect(bySid.AttachKnownManagedPolicies.Condition.ArnEquals["iam:PolicyARN"]).not.toContain(
      "arn:aws:iam::aws:policy/AdministratorAccess",
    );
    expect(bySid.StateWrite.Action).toEqual(["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]);
    expect(bySid.ProtectBootstrap.Effect).toBe("Deny");
    expect(bySid.ProtectBootstrap.Resource).toEqual(
      expect.arrayContaining([
        "arn:aws:iam::333333333333:role/acme-terraform-plan",
        "arn:aws:iam::333333333333:role/acme-terraform-deploy",
        expect.stringMatching(/aws_iam_openid_connect_provider\..*\.arn/),
        expect.stringMatching(/aws_s3_bucket\..*\.arn/),
      ]),
    );
    expect(Object.values(resourcesOf(s, "aws_iam_role_policy_attachment")).some((a: any) => /AdministratorAccess/.test(a.policy_arn))).toBe(
      false,
    );
  });

  test("uses an existing OIDC provider instead of creating a second one", () => {
    const existing = synth(
      (stack) =>
        new AccountBootstrap(stack, "Bootstrap", {
          org: "acme",
          accountId: "111111111111",
          region: "eu-west-1",
          github: { repository: "acme/ecs-platform" },
          deployEnvironments: ["dev"],
          existingOidcProvider: GithubOidcProvider.fromAccount("111111111111"),
          lockTableName: "acme-terraform-locks",
        }),
    );
    expect(resourcesOf(existing, "aws_iam_openid_connect_provider")).toEqual({});
    expect(trustOf(Object.values(resourcesOf(existing, "aws_iam_role"))[0])[0].Principal.Federated).toBe(
      "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com",
    );
    expect(only(existing, "aws_dynamodb_table").name).toBe("acme-terraform-locks");
  });
});
