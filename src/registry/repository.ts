import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrRepositoryPolicy } from "@cdktf/provider-aws/lib/ecr-repository-policy";
import { fail, isToken } from "../core/errors";
import type { IGrantable } from "../core/grant";
import { checkTags, withName } from "../core/tags";
import { checkOneOf } from "../core/validate";
import { checkLifecycleRules, LifecycleRule, renderLifecyclePolicy } from "./lifecycle";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Whether a pushed tag can be pushed again with other content. */
export type TagMutability = "IMMUTABLE" | "MUTABLE";

/** How images are encrypted at rest. */
export type RepositoryEncryption = "AES256" | "KMS";

/**
 * A principal in another account, granted through the repository policy: a whole account (its
 * administrators then delegate with identity policies, e.g. a task execution role's pull statement)
 * or one role.
 */
export type RepositoryPrincipal = { readonly accountId: string } | { readonly roleArn: string };

/** Properties of a {@link Repository}. */
export interface RepositoryProps {
  /** Repository name, e.g. `acme/web`: 2 to 256 lowercase letters, digits and `._-`, with `/` between path parts. */
  readonly name: string;
  /** Whether a tag can be pushed again. @default "IMMUTABLE" - a tag always means the same image, so a deployed tag can be trusted and rolled back to */
  readonly tagMutability?: TagMutability;
  /**
   * Basic scanning of every pushed image. With enhanced scanning (see {@link RegistryScanning}) the
   * registry's rules decide instead and this is ignored by ECR.
   * @default true
   */
  readonly scanOnPush?: boolean;
  /** How images are encrypted at rest. @default "AES256" */
  readonly encryption?: RepositoryEncryption;
  /** KMS key for `encryption: "KMS"`. @default - the AWS managed key for ECR */
  readonly kmsKeyArn?: string;
  /** Lifecycle rules; `[]` for none. @default Repository.DEFAULT_LIFECYCLE_RULES */
  readonly lifecycleRules?: readonly LifecycleRule[];
  /** Tags for the repository; a `Name` tag is added. @default - none */
  readonly tags?: Record<string, string>;
}

const NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const ACCOUNT = /^\d{12}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

/** Actions that read an image: what ECS needs to start a task. */
export const ECR_PULL_ACTIONS: readonly string[] = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"];
/** Actions that push an image and read its scan result (what an image pipeline needs), on top of pulling. */
export const ECR_PUSH_ACTIONS: readonly string[] = [
  ...ECR_PULL_ACTIONS,
  "ecr:InitiateLayerUpload",
  "ecr:UploadLayerPart",
  "ecr:CompleteLayerUpload",
  "ecr:PutImage",
  "ecr:DescribeImages",
  "ecr:DescribeImageScanFindings",
];

/**
 * An ECR repository with tag immutability, scan on push, encryption and a lifecycle policy on by
 * default, `force_delete` off (deleting a repository that still holds images fails instead of
 * losing them), and exact-ARN grants: {@link grantPull} / {@link grantPush} add identity statements
 * to a role of this stack, or repository-policy statements for principals in other accounts.
 */
export class Repository extends Construct {
  /** Expire untagged images after 14 days: they are layers no tag points at any more. */
  public static readonly DEFAULT_LIFECYCLE_RULES: readonly LifecycleRule[] = [{ kind: "expireUntagged", days: 14 }];

  /** The repository name, e.g. `acme/web`. */
  public readonly repositoryName: string;
  /** The repository ARN, for exact-ARN grants. */
  public readonly repositoryArn: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`: what images are pushed to and pulled from. */
  public readonly repositoryUrl: string;
  /** The `aws_ecr_repository`. */
  public readonly resource: EcrRepository;
  private readonly policyStatements: Record<string, unknown>[] = [];
  private repositoryPolicy?: EcrRepositoryPolicy;

  constructor(scope: Construct, id: string, props: RepositoryProps) {
    super(scope, id);
    checkRequiredProps(this, "RepositoryProps", props, { name: K.string });
    if (!isToken(props.name) && (props.name.length < 2 || props.name.length > 256 || !NAME.test(props.name))) {
      fail(this, {
        code: "REGISTRY_NAME",
        property: "name",
        value: props.name,
        allowed: "2 to 256 lowercase letters, digits, '.', '_' and '-' in path parts separated by '/' (e.g. acme/web)",
      });
    }
    checkOneOf(this, "REGISTRY_TAG_MUTABILITY", "tagMutability", props.tagMutability, ["IMMUTABLE", "MUTABLE"]);
    checkOneOf(this, "REGISTRY_ENCRYPTION", "encryption", props.encryption, ["AES256", "KMS"]);
    const encryption = props.encryption ?? "AES256";
    if (props.kmsKeyArn !== undefined && encryption !== "KMS") {
      fail(this, { code: "REGISTRY_KMS_KEY", property: "kmsKeyArn", value: props.kmsKeyArn, allowed: 'no key unless encryption is "KMS"' });
    }
    checkTags(this, "tags", props.tags);
    const rules = props.lifecycleRules ?? Repository.DEFAULT_LIFECYCLE_RULES;
    checkLifecycleRules(this, "lifecycleRules", rules);

    this.resource = new EcrRepository(this, "Resource", {
      name: props.name,
      imageTagMutability: props.tagMutability ?? "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: props.scanOnPush ?? true },
      encryptionConfiguration: [{ encryptionType: encryption, kmsKey: props.kmsKeyArn }],
      forceDelete: false,
      tags: withName(props.name, props.tags),
    });
    this.repositoryName = this.resource.name;
    this.repositoryArn = this.resource.arn;
    this.repositoryUrl = this.resource.repositoryUrl;

    if (rules.length > 0) {
      new EcrLifecyclePolicy(this, "Lifecycle", { repository: this.resource.name, policy: renderLifecyclePolicy(rules) });
    }
  }

  /** Lets `grantee` pull images from this repository (and only this one). */
  public grantPull(grantee: IGrantable | RepositoryPrincipal): void {
    this.grant("Pull", ECR_PULL_ACTIONS, grantee);
  }

  /** Lets `grantee` push images to this repository and read their scan findings (and pull). */
  public grantPush(grantee: IGrantable | RepositoryPrincipal): void {
    this.grant("Push", ECR_PUSH_ACTIONS, grantee);
  }

  private grant(kind: string, actions: readonly string[], grantee: IGrantable | RepositoryPrincipal): void {
    if ("addToPrincipalPolicy" in grantee) {
      const id = this.node.id.replace(/[^A-Za-z0-9]/g, "");
      // GetAuthorizationToken has no resource-level permissions: `*` is its only form. One statement
      // per repository keeps statement ids unique however many repositories grant to one role.
      grantee.addToPrincipalPolicy({ sid: `EcrAuthToken${id}`, actions: ["ecr:GetAuthorizationToken"], resources: ["*"] });
      grantee.addToPrincipalPolicy({ sid: `Ecr${kind}${id}`, actions, resources: [this.repositoryArn] });
      return;
    }
    const principal = "accountId" in grantee ? grantee.accountId : grantee.roleArn;
    const valid = isToken(principal) || ("accountId" in grantee ? ACCOUNT.test(principal) : ROLE_ARN.test(principal));
    if (!valid) {
      fail(this, {
        code: "REGISTRY_PRINCIPAL",
        property: `grant${kind}`,
        value: principal,
        allowed: "a 12-digit account id ({ accountId }) or an IAM role ARN ({ roleArn })",
      });
    }
    const aws = "accountId" in grantee ? `arn:aws:iam::${principal}:root` : principal;
    const sid = `${kind}${this.policyStatements.filter((s) => String(s.Sid).startsWith(kind)).length + 1}`;
    this.policyStatements.push({ Sid: sid, Effect: "Allow", Principal: { AWS: aws }, Action: [...actions] });
    this.repositoryPolicy ??= new EcrRepositoryPolicy(this, "Policy", {
      repository: this.resource.name,
      policy: Lazy.stringValue({ produce: () => JSON.stringify({ Version: "2012-10-17", Statement: this.policyStatements }) }),
    });
  }
}
