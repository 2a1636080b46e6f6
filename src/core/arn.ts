import { Fn } from "cdktf";
import { IConstruct } from "constructs";
import { fail, isToken } from "./errors";

/*
 * One checker per kind of ARN the library takes, kept as data: the service namespace, whether the
 * ARN carries a region and an account (S3 bucket ARNs carry neither, IAM ARNs no region), the
 * resource part's pattern, and the ARN written out for the error message. Formats are from each
 * service's "Actions, resources, and condition keys" page of the Service Authorization Reference.
 */

/**
 * The AWS partitions, as data (from the SDKs' partitions.json): commercial, China, GovCloud (US),
 * the ISO partitions and the European Sovereign Cloud. A name that is not here is a typo.
 */
export const AWS_PARTITIONS: readonly string[] = [
  "aws",
  "aws-cn",
  "aws-us-gov",
  "aws-iso",
  "aws-iso-b",
  "aws-iso-e",
  "aws-iso-f",
  "aws-eusc",
];
const PARTITION_SET = new Set(AWS_PARTITIONS);

/** True when `partition` is one of {@link AWS_PARTITIONS}. */
export function isPartition(partition: string): boolean {
  return PARTITION_SET.has(partition);
}
/**
 * The AWS regions, as data: a region code that is not here is a typo or a region AWS has not opened.
 * Add a region here when AWS launches one (a one-line change with its own test row).
 */
export const AWS_REGIONS: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "cn-north-1",
  "cn-northwest-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-isoe-west-1",
  "eusc-de-east-1",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-gov-east-1",
  "us-gov-west-1",
  "us-iso-east-1",
  "us-iso-west-1",
  "us-isob-east-1",
  "us-isof-east-1",
  "us-isof-south-1",
  "us-west-1",
  "us-west-2",
];
const REGION_SET = new Set(AWS_REGIONS);

/** True when `region` is one of {@link AWS_REGIONS}. */
export function isRegion(region: string): boolean {
  return REGION_SET.has(region);
}
const ACCOUNT = "\\d{12}";

/** How one kind of ARN is written. */
export interface ArnFormat {
  /** The service namespace (`secretsmanager`, `kms`, ...). */
  readonly service: string;
  /** Whether the ARN carries a region; global services (IAM, S3) leave it empty. */
  readonly regional: boolean;
  /** Whether the ARN carries an account id; S3 bucket ARNs leave it empty. */
  readonly hasAccount: boolean;
  /** The resource part after `arn:<partition>:<service>:<region>:<account>:`. */
  readonly resource: RegExp;
  /** The ARN written out for the error message. */
  readonly describe: string;
}

const format = (service: string, resource: RegExp, describe: string, regional = true, hasAccount = true): ArnFormat => ({
  service,
  regional,
  hasAccount,
  resource,
  describe,
});

/** Every ARN kind the library's props take. */
export const ArnFormats = {
  /** A customer managed KMS key; aliases are not accepted where a key policy or grant needs the key. */
  kmsKey: format(
    "kms",
    /^key\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/,
    "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>), not an alias",
  ),
  /** A Secrets Manager secret, with the six characters Secrets Manager appends to the name. */
  secretsManagerSecret: format(
    "secretsmanager",
    /^secret:[\w/+=.@-]+-[A-Za-z0-9]{6}$/,
    "a Secrets Manager secret ARN with its 6-character suffix (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix>)",
  ),
  /** An SSM Parameter Store parameter. */
  ssmParameter: format("ssm", /^parameter\/[\w/.-]+$/, "an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)"),
  /** An SNS topic. */
  snsTopic: format("sns", /^[\w-]{1,256}(?:\.fifo)?$/, "an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)"),
  /** An SQS queue. */
  sqsQueue: format("sqs", /^[\w-]{1,80}(?:\.fifo)?$/, "an SQS queue ARN (arn:aws:sqs:<region>:<account>:<name>)"),
  /** An S3 bucket (no region, no account). */
  s3Bucket: format(
    "s3",
    /^[a-z0-9](?:[a-z0-9.-]{1,61})[a-z0-9]$/,
    "an S3 bucket ARN (arn:aws:s3:::<bucket>), not a bucket name",
    false,
    false,
  ),
  /** An EFS file system. */
  efsFileSystem: format(
    "elasticfilesystem",
    /^file-system\/fs-[0-9a-f]{8,40}$/,
    "an EFS file system ARN (arn:aws:elasticfilesystem:<region>:<account>:file-system/fs-<id>), not a file system id",
  ),
  /** An ACM certificate. */
  acmCertificate: format("acm", /^certificate\/[\w-]+$/, "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)"),
  /** An AWS Private CA certificate authority. */
  privateCa: format(
    "acm-pca",
    /^certificate-authority\/[\w-]+$/,
    "an AWS Private CA ARN (arn:aws:acm-pca:<region>:<account>:certificate-authority/<id>)",
  ),
  /** An IAM role (global: no region). */
  iamRole: format("iam", /^role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, "an IAM role ARN (arn:aws:iam::<account>:role/<name>)", false),
  /** A customer managed IAM policy (global: no region), e.g. a permissions boundary. */
  iamPolicy: format(
    "iam",
    /^policy\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/,
    "a customer managed IAM policy ARN (arn:aws:iam::<account>:policy/<name>)",
    false,
  ),
  /** An IAM instance profile (global: no region). */
  iamInstanceProfile: format(
    "iam",
    /^instance-profile\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/,
    "an IAM instance profile ARN (arn:aws:iam::<account>:instance-profile/<name>)",
    false,
  ),
  /** An ECR repository. */
  ecrRepository: format(
    "ecr",
    /^repository\/[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
    "an ECR repository ARN (arn:aws:ecr:<region>:<account>:repository/<name>)",
  ),
  /** An ECS cluster. */
  ecsCluster: format("ecs", /^cluster\/[\w-]{1,255}$/, "an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>)"),
  /** An ECS task definition revision. */
  ecsTaskDefinition: format(
    "ecs",
    /^task-definition\/[\w-]{1,255}:\d+$/,
    "an ECS task definition ARN (arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>)",
  ),
  /** A CloudWatch alarm. */
  cloudwatchAlarm: format("cloudwatch", /^alarm:.{1,255}$/, "a CloudWatch alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>)"),
  /** A CloudWatch Logs log group. */
  logGroup: format(
    "logs",
    /^log-group:[\w/.#-]{1,512}(?::\*)?$/,
    "a CloudWatch Logs log group ARN (arn:aws:logs:<region>:<account>:log-group:<name>)",
  ),
  /** A Cloud Map namespace. */
  cloudMapNamespace: format(
    "servicediscovery",
    /^namespace\/ns-[a-z0-9]{16}$/,
    "a Cloud Map namespace ARN (arn:aws:servicediscovery:<region>:<account>:namespace/ns-<id>)",
  ),
  /** An AWS Batch job queue. */
  batchJobQueue: format("batch", /^job-queue\/[\w-]{1,128}$/, "a Batch job queue ARN (arn:aws:batch:<region>:<account>:job-queue/<name>)"),
  /** An AWS Batch job definition revision. */
  batchJobDefinition: format(
    "batch",
    /^job-definition\/[\w-]{1,128}:\d+$/,
    "a Batch job definition ARN (arn:aws:batch:<region>:<account>:job-definition/<name>:<revision>)",
  ),
  /** An Elastic Load Balancing target group. */
  targetGroup: format(
    "elasticloadbalancing",
    /^targetgroup\/[a-zA-Z0-9-]{1,32}\/[0-9a-f]{16}$/,
    "a target group ARN (arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>)",
  ),
} satisfies Record<string, ArnFormat>;

/** The kinds of ARN {@link checkArn} knows. */
export type ArnKind = keyof typeof ArnFormats;

/** True when `arn` is an ARN of `kind`. */
export function isArnOf(kind: ArnKind | ArnFormat, arn: string): boolean {
  const f = typeof kind === "string" ? ArnFormats[kind] : kind;
  if (typeof arn !== "string") return false;
  const parts = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn);
  if (parts === null) return false;
  const [, partition, service, region, account, resource] = parts;
  if (!isPartition(partition) || service !== f.service) return false;
  if (f.regional ? !isRegion(region) : region !== "") return false;
  if (f.hasAccount ? !new RegExp(`^${ACCOUNT}$`).test(account) : account !== "") return false;
  return f.resource.test(resource);
}

/**
 * Fails on `scope` unless `arn` is an ARN of `kind` (or of one of `kinds`); tokens and `undefined` pass.
 * The message names the ARN format, e.g. `expected a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>), not an alias`.
 */
export function checkArn(
  scope: IConstruct,
  code: string,
  property: string,
  arn: string | undefined,
  kinds: ArnKind | readonly ArnKind[],
): void {
  if (arn === undefined || isToken(arn)) return;
  const list = typeof kinds === "string" ? [kinds] : kinds;
  if (list.some((kind) => isArnOf(kind, arn))) return;
  fail(scope, { code, property, value: arn, allowed: list.map((kind) => ArnFormats[kind].describe).join(" or ") });
}

/** {@link checkArn} for each item of a list, naming `property[i]`. */
export function checkArns(
  scope: IConstruct,
  code: string,
  property: string,
  arns: readonly string[] | undefined,
  kinds: ArnKind | readonly ArnKind[],
): void {
  if (arns === undefined || isToken(arns)) return;
  arns.forEach((arn, i) => checkArn(scope, code, `${property}[${i}]`, arn, kinds));
}

/** Fails unless `region` is an AWS region code such as `eu-west-1`; tokens and `undefined` pass. */
export function checkRegion(scope: IConstruct, code: string, property: string, region: string | undefined): void {
  if (region === undefined || isToken(region)) return;
  if (typeof region !== "string" || !isRegion(region)) {
    fail(scope, { code, property, value: region, allowed: "an AWS region code that exists, such as eu-west-1" });
  }
}

/**
 * One part of an ARN (`arn:partition:service:region:account:resource`): 1 the partition, 3 the
 * region, 4 the account. A token ARN (one Terraform knows only at apply time) is split by Terraform.
 */
export function arnPart(arn: string, index: 1 | 3 | 4): string {
  return isToken(arn) ? Fn.element(Fn.split(":", arn), index) : (arn.split(":")[index] ?? "");
}

/** Fails unless `partition` is an AWS partition (`aws`, `aws-cn`, `aws-us-gov`, ...); tokens and `undefined` pass. */
export function checkPartition(scope: IConstruct | string, code: string, property: string, partition: string | undefined): void {
  if (partition === undefined || isToken(partition)) return;
  if (typeof partition !== "string" || !isPartition(partition)) {
    fail(scope, { code, property, value: partition, allowed: `an AWS partition: ${AWS_PARTITIONS.join(", ")}` });
  }
}
