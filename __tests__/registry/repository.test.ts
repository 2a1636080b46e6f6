import { GithubActionsRole, GithubOidcProvider } from "../../src/bootstrap";
import { RegistryReplication, RegistryScanning, Repository } from "../../src/registry";
import { renderLifecyclePolicy } from "../../src/registry/lifecycle";
import { resourceAt, resourcesOf, synth } from "../helpers";

describe("renderLifecyclePolicy", () => {
  test("renders each rule kind to the selection ECR expects, ordered by priority, with descriptions", () => {
    const policy = JSON.parse(
      renderLifecyclePolicy([
        { kind: "keepLast", count: 500, priority: 10 },
        { kind: "keepLastTagged", tagPrefixes: ["v", "release-"], count: 50 },
        { kind: "expireUntagged", days: 14 },
      ]),
    );
    expect(policy.rules).toEqual([
      {
        rulePriority: 2,
        description: "keep the last 50 images tagged v*, release-*",
        selection: { tagStatus: "tagged", tagPrefixList: ["v", "release-"], countType: "imageCountMoreThan", countNumber: 50 },
        action: { type: "expire" },
      },
      {
        rulePriority: 3,
        description: "expire untagged images after 14 days",
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 },
        action: { type: "expire" },
      },
      {
        rulePriority: 10,
        description: "keep the last 500 images",
        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 500 },
        action: { type: "expire" },
      },
    ]);
  });

  test("keepNewerThan expires by age across every tag", () => {
    const [rule] = JSON.parse(renderLifecyclePolicy([{ kind: "keepNewerThan", days: 365, description: "a year" }])).rules;
    expect(rule).toEqual({
      rulePriority: 1,
      description: "a year",
      selection: { tagStatus: "any", countType: "sinceImagePushed", countUnit: "days", countNumber: 365 },
      action: { type: "expire" },
    });
  });
});

describe("Repository", () => {
  test("defaults: immutable tags, scan on push, AES256, no force delete, untagged images expire after 14 days", () => {
    const s = synth((stack) => new Repository(stack, "Web", { name: "acme/web" }));
    expect(s.json).toHaveResourceWithProperties(
      { tfResourceType: "aws_ecr_repository" },
      {
        name: "acme/web",
        image_tag_mutability: "IMMUTABLE",
        image_scanning_configuration: { scan_on_push: true },
        encryption_configuration: [{ encryption_type: "AES256" }],
        force_delete: false,
        tags: { Name: "acme/web" },
      },
    );
    const lifecycle = Object.values(resourcesOf(s, "aws_ecr_lifecycle_policy"))[0];
    expect(JSON.parse(lifecycle.policy).rules).toEqual([
      expect.objectContaining({ selection: expect.objectContaining({ tagStatus: "untagged", countNumber: 14 }) }),
    ]);
    expect(resourcesOf(s, "aws_ecr_repository_policy")).toEqual({});
  });

  test("KMS encryption with a given key, mutable tags when asked, no lifecycle policy for []", () => {
    const s = synth(
      (stack) =>
        new Repository(stack, "Web", {
          name: "acme/web",
          encryption: "KMS",
          kmsKeyArn: "arn:aws:kms:eu-west-1:444444444444:key/1234",
          tagMutability: "MUTABLE",
          scanOnPush: false,
          lifecycleRules: [],
        }),
    );
    expect(resourceAt(s, "aws_ecr_repository", "Web")).toMatchObject({
      image_tag_mutability: "MUTABLE",
      image_scanning_configuration: { scan_on_push: false },
      encryption_configuration: [{ encryption_type: "KMS", kms_key: "arn:aws:kms:eu-west-1:444444444444:key/1234" }],
    });
    expect(resourcesOf(s, "aws_ecr_lifecycle_policy")).toEqual({});
  });

  test("grantPull and grantPush on a role write exact-ARN statements, with unique statement ids", () => {
    const s = synth((stack) => {
      const role = new GithubActionsRole(stack, "Ci", {
        name: "ci",
        description: "ci",
        provider: GithubOidcProvider.fromAccount("444444444444"),
        trustedBy: [{ repository: "acme/web", subject: { kind: "branch", branch: "main" } }],
      });
      const web = new Repository(stack, "Web", { name: "acme/web" });
      const worker = new Repository(stack, "Worker", { name: "acme/worker" });
      web.grantPush(role);
      worker.grantPull(role);
    });
    const policy = JSON.parse(Object.values(resourcesOf(s, "aws_iam_role_policy"))[0].policy);
    expect(policy.Statement).toEqual([
      { Sid: "EcrAuthTokenWeb", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
      {
        Sid: "EcrPushWeb",
        Effect: "Allow",
        Action: [
          "ecr:BatchCheckLayerAvailability",
          "ecr:GetDownloadUrlForLayer",
          "ecr:BatchGetImage",
          "ecr:InitiateLayerUpload",
          "ecr:UploadLayerPart",
          "ecr:CompleteLayerUpload",
          "ecr:PutImage",
          "ecr:DescribeImages",
          "ecr:DescribeImageScanFindings",
        ],
        Resource: expect.stringMatching(/^\$\{aws_ecr_repository\.Web_[0-9A-F]{8}\.arn\}$/),
      },
      { Sid: "EcrAuthTokenWorker", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
      {
        Sid: "EcrPullWorker",
        Effect: "Allow",
        Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
        Resource: expect.stringMatching(/^\$\{aws_ecr_repository\.Worker_[0-9A-F]{8}\.arn\}$/),
      },
    ]);
  });

  test("grants to other accounts and roles go into one repository policy", () => {
    const s = synth((stack) => {
      const web = new Repository(stack, "Web", { name: "acme/web" });
      web.grantPull({ accountId: "111111111111" });
      web.grantPull({ accountId: "222222222222" });
      web.grantPush({ roleArn: "arn:aws:iam::444444444444:role/acme-ci" });
    });
    const policies = Object.values(resourcesOf(s, "aws_ecr_repository_policy"));
    expect(policies).toHaveLength(1);
    const statements = JSON.parse(policies[0].policy).Statement;
    expect(statements.map((st: any) => [st.Sid, st.Principal.AWS, st.Action.length])).toEqual([
      ["Pull1", "arn:aws:iam::111111111111:root", 3],
      ["Pull2", "arn:aws:iam::222222222222:root", 3],
      ["Push1", "arn:aws:iam::444444444444:role/acme-ci", 9],
    ]);
  });
});

describe("RegistryScanning and RegistryReplication", () => {
  test("enhanced continuous scanning of every repository", () => {
    const s = synth((stack) => new RegistryScanning(stack, "Scanning", { type: "ENHANCED", continuous: true }));
    expect(s.json).toHaveResourceWithProperties(
      { tfResourceType: "aws_ecr_registry_scanning_configuration" },
      {
        scan_type: "ENHANCED",
        rule: [{ scan_frequency: "CONTINUOUS_SCAN", repository_filter: [{ filter: "*", filter_type: "WILDCARD" }] }],
      },
    );
  });

  test("replication to another region of this account and to another account, for some prefixes", () => {
    const s = synth(
      (stack) =>
        new RegistryReplication(stack, "Replication", {
          accountId: "444444444444",
          destinations: [{ region: "eu-central-1" }, { region: "us-east-1", accountId: "555555555555" }],
          repositoryPrefixes: ["acme/"],
        }),
    );
    expect(Object.values(resourcesOf(s, "aws_ecr_replication_configuration"))[0].replication_configuration).toEqual({
      rule: [
        {
          destination: [
            { region: "eu-central-1", registry_id: "444444444444" },
            { region: "us-east-1", registry_id: "555555555555" },
          ],
          repository_filter: [{ filter: "acme/", filter_type: "PREFIX_MATCH" }],
        },
      ],
    });
  });
});
