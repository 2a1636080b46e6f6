import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { ArnFormats, ArnKind, AWS_REGIONS, checkArn, checkArns, checkRegion, isArnOf } from "../../src/core/arn";
import { checkImageReference, isImageReference, MAX_IMAGE_NAME_LENGTH, parseImageReference } from "../../src/core/image-reference";
import { errorOf } from "../helpers";

const SHA = "a".repeat(64);

/** Runs `check` against a construct at `test/Thing` and returns the ValidationError's message. */
const rejection = (check: (scope: Construct) => void): string => errorOf((stack) => check(new Construct(stack, "Thing")));

describe("parseImageReference (the Docker/OCI reference grammar)", () => {
  test.each([
    ["nginx", { repository: "nginx" }],
    ["nginx:1.27", { repository: "nginx", tag: "1.27" }],
    ["public.ecr.aws/nginx/nginx:1.27-alpine", { registry: "public.ecr.aws", repository: "nginx/nginx", tag: "1.27-alpine" }],
    [
      `123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/web@sha256:${SHA}`,
      { registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com", repository: "acme/web", digest: `sha256:${SHA}` },
    ],
    [
      `registry.local:5000/team/app:v2@sha256:${SHA}`,
      { registry: "registry.local:5000", repository: "team/app", tag: "v2", digest: `sha256:${SHA}` },
    ],
    ["localhost/app", { registry: "localhost", repository: "app" }],
    ["library/my_app__x.y-z:_tag", { repository: "library/my_app__x.y-z", tag: "_tag" }],
    ["ghcr.io/acme/app:" + "t".repeat(128), { registry: "ghcr.io", repository: "acme/app", tag: "t".repeat(128) }],
  ])("parses %s", (reference, parts) => {
    expect(parseImageReference(reference)).toEqual({ registry: undefined, tag: undefined, digest: undefined, ...parts });
  });

  test.each([
    ["", /empty/],
    ["Nginx:1.27", /component "Nginx"/],
    ["acme/Web:1", /component "Web"/],
    ["nginx:1.27:latest", /tag "1.27:latest"/],
    [`nginx@sha256:${"a".repeat(63)}`, /64 lowercase hex digits, ".*" has 63/],
    [`nginx@sha256:${"a".repeat(65)}`, /has 65/],
    [`nginx@sha256:${"A".repeat(64)}`, /64 lowercase hex/],
    ["nginx@sha256:", /digest "sha256:"/],
    ["nginx@" + SHA, /not <algorithm>:<hex>/],
    ["nginx:" + "t".repeat(129), /tag/],
    ["nginx:.hidden", /tag/],
    ["nginx:", /tag ""/],
    ["acme//web", /empty component/],
    ["acme/web-", /component "web-"/],
    ["-acme/web", /component "-acme"/],
    ["acme web", /component "acme web"/],
    ["bad_host.com/app", /registry "bad_host.com"/],
    [`ghcr.io/${"a".repeat(MAX_IMAGE_NAME_LENGTH)}`, /longer than 255/],
  ])("rejects %j", (reference, problem) => {
    const parsed = parseImageReference(reference);
    expect(parsed).toHaveProperty("problem");
    expect((parsed as { problem: string }).problem).toMatch(problem);
  });

  test("a name of exactly 255 characters is allowed, 256 is not", () => {
    expect(isImageReference(`ghcr.io/${"a".repeat(MAX_IMAGE_NAME_LENGTH - "ghcr.io/".length)}`)).toBe(true);
    expect(isImageReference(`ghcr.io/${"a".repeat(MAX_IMAGE_NAME_LENGTH - "ghcr.io/".length + 1)}`)).toBe(false);
  });

  test("sha512 digests are 128 hex digits", () => {
    expect(isImageReference(`app@sha512:${"b".repeat(128)}`)).toBe(true);
    expect(isImageReference(`app@sha512:${"b".repeat(64)}`)).toBe(false);
  });

  test("checkImageReference fails in the project's message shape, and lets tokens through", () => {
    expect(rejection((s) => checkImageReference(s, "IMAGE_NAME_INVALID", "image", "Nginx:1"))).toBe(
      'test/Thing: invalid image "Nginx:1": expected an image reference [registry/]repository[:tag][@sha256:<64 hex>] ' +
        '(the repository path component "Nginx" is not lowercase letters and digits joined by ".", "_", "__" or "-") [IMAGE_NAME_INVALID]',
    );
    expect(() => rejection((s) => checkImageReference(s, "C", "image", Lazy.stringValue({ produce: () => "Bad Image" })))).toThrow(
      "did not",
    );
  });
});

describe("ARN checkers, one per service namespace", () => {
  /** A valid ARN of each kind, and near misses that each checker must refuse. */
  const cases: Record<ArnKind, { good: string[]; bad: string[] }> = {
    kmsKey: {
      good: [
        "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        `arn:aws:kms:eu-west-1:123456789012:key/mrk-${"a".repeat(32)}`,
      ],
      bad: ["arn:aws:kms:eu-west-1:123456789012:alias/acme", "alias/acme", "arn:aws:kms:eu-west-1:123456789012:key/not-a-key-id"],
    },
    secretsManagerSecret: {
      good: ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/db-AbCdEf"],
      bad: [
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/db",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/db-AbCdE",
      ],
    },
    ssmParameter: {
      good: ["arn:aws:ssm:eu-west-1:123456789012:parameter/acme/api-key"],
      bad: ["/acme/api-key", "arn:aws:ssm:eu-west-1:123456789012:document/acme"],
    },
    snsTopic: {
      good: ["arn:aws:sns:eu-west-1:123456789012:alerts", "arn:aws:sns:eu-west-1:123456789012:a.fifo"],
      bad: ["alerts", "arn:aws:sns:eu-west-1:123456789012:a/b"],
    },
    sqsQueue: { good: ["arn:aws:sqs:eu-west-1:123456789012:dlq"], bad: ["https://sqs.eu-west-1.amazonaws.com/123456789012/dlq"] },
    s3Bucket: {
      good: ["arn:aws:s3:::acme-logs", "arn:aws-cn:s3:::acme.logs"],
      bad: ["acme-logs", "arn:aws:s3:eu-west-1:123456789012:acme-logs", "arn:aws:s3:::Acme", "arn:aws:s3:::acme-logs/prefix"],
    },
    efsFileSystem: { good: ["arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0123abcd"], bad: ["fs-0123abcd"] },
    acmCertificate: {
      good: ["arn:aws:acm:eu-west-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab"],
      bad: ["arn:aws:acm:eu-west-1:123456789012:cert/x"],
    },
    privateCa: {
      good: ["arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0b7d2c1e-1111-2222-3333-444455556666"],
      bad: ["arn:aws:acm:eu-west-1:123456789012:certificate/0b7d2c1e", "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/"],
    },
    iamRole: {
      good: ["arn:aws:iam::123456789012:role/deploy", "arn:aws:iam::123456789012:role/service-role/batch"],
      bad: ["deploy", "arn:aws:iam:eu-west-1:123456789012:role/deploy", "arn:aws:iam::123456789012:user/deploy"],
    },
    iamPolicy: {
      good: ["arn:aws:iam::123456789012:policy/platform-boundary", "arn:aws-us-gov:iam::123456789012:policy/boundaries/ecs"],
      bad: [
        "platform-boundary",
        "arn:aws:iam::aws:policy/PowerUserAccess",
        "arn:aws:iam::123456789012:role/platform-boundary",
        "arn:aws:iam:eu-west-1:123456789012:policy/x",
      ],
    },
    iamInstanceProfile: { good: ["arn:aws:iam::123456789012:instance-profile/ecs"], bad: ["arn:aws:iam::123456789012:role/ecs"] },
    ecrRepository: {
      good: ["arn:aws:ecr:eu-west-1:123456789012:repository/acme/web"],
      bad: ["arn:aws:ecr:eu-west-1:123456789012:repository/Acme"],
    },
    ecsCluster: {
      good: ["arn:aws:ecs:eu-west-1:123456789012:cluster/acme"],
      bad: ["acme", "arn:aws:ecs:eu-west-1:123456789012:service/acme/web"],
    },
    ecsTaskDefinition: {
      good: ["arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3"],
      bad: ["arn:aws:ecs:eu-west-1:123456789012:task-definition/web", "web:3"],
    },
    cloudwatchAlarm: { good: ["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:web-5xx"], bad: ["web-5xx"] },
    logGroup: {
      good: ["arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web", "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:*"],
      bad: ["/ecs/web"],
    },
    cloudMapNamespace: { good: [`arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-${"a".repeat(16)}`], bad: ["ns-abc"] },
    batchJobQueue: { good: ["arn:aws:batch:eu-west-1:123456789012:job-queue/etl"], bad: ["etl"] },
    batchJobDefinition: {
      good: ["arn:aws:batch:eu-west-1:123456789012:job-definition/etl:1"],
      bad: ["arn:aws:batch:eu-west-1:123456789012:job-definition/etl"],
    },
    targetGroup: {
      good: [`arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/${"0".repeat(16)}`],
      bad: ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/0123456789abcdef"],
    },
  };

  test("every ARN kind has test rows", () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(ArnFormats).sort());
  });

  test.each(Object.entries(cases).flatMap(([kind, { good }]) => good.map((arn) => [kind, arn])))("%s accepts %s", (kind, arn) => {
    expect(isArnOf(kind as ArnKind, arn)).toBe(true);
  });

  test.each(Object.entries(cases).flatMap(([kind, { bad }]) => bad.map((arn) => [kind, arn])))("%s refuses %s", (kind, arn) => {
    expect(isArnOf(kind as ArnKind, arn)).toBe(false);
  });

  test.each([
    ["a region that does not exist", "arn:aws:sns:eu-west-9:123456789012:alerts"],
    ["an account id of 11 digits", "arn:aws:sns:eu-west-1:12345678901:alerts"],
    ["an unknown partition", "arn:azure:sns:eu-west-1:123456789012:alerts"],
    ["another service", "arn:aws:sqs:eu-west-1:123456789012:alerts"],
    ["no region in a regional ARN", "arn:aws:sns::123456789012:alerts"],
  ])("refuses %s", (_what, arn) => {
    expect(isArnOf("snsTopic", arn)).toBe(false);
  });

  test("checkArn fails in the project's message shape, naming each format allowed", () => {
    expect(rejection((s) => checkArn(s, "THING_KEY", "kmsKeyArn", "alias/acme", "kmsKey"))).toBe(
      'test/Thing: invalid kmsKeyArn "alias/acme": expected a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>), not an alias [THING_KEY]',
    );
    expect(rejection((s) => checkArn(s, "THING_CERT", "certificateArn", "x", ["acmCertificate", "iamRole"]))).toMatch(
      /expected an ACM certificate ARN .* or an IAM role ARN .* \[THING_CERT\]$/,
    );
    expect(rejection((s) => checkArns(s, "THING_ARNS", "arns", ["arn:aws:s3:::acme-ok", "bucket"], "s3Bucket"))).toMatch(
      /^test\/Thing: invalid arns\[1\] "bucket": expected an S3 bucket ARN/,
    );
  });

  test("tokens and unset values pass", () => {
    const token = Lazy.stringValue({ produce: () => "x" });
    expect(() =>
      rejection((s) => {
        checkArn(s, "C", "arn", token, "kmsKey");
        checkArn(s, "C", "arn", undefined, "kmsKey");
        checkArns(s, "C", "arns", [token], "kmsKey");
        checkRegion(s, "C", "region", token);
      }),
    ).toThrow("did not");
  });

  test("checkRegion refuses a region that does not exist", () => {
    expect(AWS_REGIONS).toContain("eu-west-1");
    expect(rejection((s) => checkRegion(s, "THING_REGION", "region", "eu-west-4"))).toBe(
      'test/Thing: invalid region "eu-west-4": expected an AWS region code that exists, such as eu-west-1 [THING_REGION]',
    );
  });
});
