import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { fail, isToken } from "../core/errors";
import type { IGrantable } from "../core/grant";
import { policyDocument, PolicyStatement } from "../core/iam";
import { checkName, NameRules } from "../core/naming";
import { RoleOptions, roleSettings } from "../core/role";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange } from "../core/validate";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, IGithubOidcProvider } from "./github-oidc";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/**
 * Which GitHub Actions jobs of a repository a role trusts, as the OIDC token's `sub` names them:
 * - `pullRequest`: jobs of `pull_request` workflows that run in no GitHub environment;
 * - `environment`: jobs that run in the GitHub environment `environment` (its protection rules
 *   - required reviewers, deployment branches - decide who gets such a token);
 * - `branch`: jobs of pushes to `branch` that run in no environment.
 */
export type GithubSubject =
  | { readonly kind: "pullRequest" }
  | { readonly kind: "environment"; readonly environment: string }
  | { readonly kind: "branch"; readonly branch: string };

/** A workflow file at a ref: the token's `job_workflow_ref` is `<repository>/<path>@<ref>`. */
export interface GithubWorkflowRef {
  /** e.g. `.github/workflows/deploy.yml` */
  readonly path: string;
  /** e.g. `refs/heads/main` */
  readonly ref: string;
  /** The repository holding the workflow: another one for a reusable workflow. @default - the trusted repository */
  readonly repository?: string;
}

/** One trusted source of tokens. */
export interface GithubTrust {
  /** `owner/name` of the repository, e.g. `acme/ecs-platform`. */
  readonly repository: string;
  /** Which of its jobs. */
  readonly subject: GithubSubject;
  /**
   * Only this workflow file, from this ref, may assume the role (the token's `job_workflow_ref`),
   * e.g. `{ path: ".github/workflows/deploy.yml", ref: "refs/heads/main" }`: a pull request that adds
   * its own workflow, or edits this one, runs it from another ref and is refused.
   * @default - any workflow with the subject
   */
  readonly workflow?: GithubWorkflowRef;
}

/** Properties of a {@link GithubActionsRole}. */
export interface GithubActionsRoleProps extends RoleOptions {
  /** Role name (fixed, so workflows and configs can name its ARN). */
  readonly name: string;
  /** What the role is for (shown in IAM and access reviews). */
  readonly description: string;
  /** The account's GitHub OIDC provider. */
  readonly provider: IGithubOidcProvider;
  /** The jobs that may assume the role; each is one trust statement pinning `aud`, `sub` (exactly) and optionally the workflow. */
  readonly trustedBy: readonly GithubTrust[];
  /** Repositories `trustedBy` may name; a trust on any other is an error. @default - any repository named */
  readonly allowedRepositories?: readonly string[];
  /** AWS managed (or customer) policy ARNs to attach. @default [] */
  readonly managedPolicyArns?: readonly string[];
  /** Longest session a job can get, in seconds. @default 3600 */
  readonly maxSessionDurationSeconds?: number;
  /** Tags; a `Name` tag is added. @default - none */
  readonly tags?: Record<string, string>;
}

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
// Names GitHub accepts for environments and branches that carry no IAM wildcard (`*`, `?`).
const PLAIN = /^[^*?\s:]{1,255}$/;

/** The `sub` claim GitHub puts in the token of a job matching `trust`. */
export function githubSubject(trust: GithubTrust): string {
  const s = trust.subject;
  const tail =
    s.kind === "pullRequest" ? "pull_request" : s.kind === "environment" ? `environment:${s.environment}` : `ref:refs/heads/${s.branch}`;
  return `repo:${trust.repository}:${tail}`;
}

/**
 * An IAM role GitHub Actions jobs assume with OIDC (no stored keys). Every trust statement pins the
 * audience and the exact `sub` with `StringEquals` - never `StringLike` with wildcards - and, when
 * a workflow is given, the `job_workflow_ref` too. Permissions come as managed policy ARNs and typed
 * inline statements ({@link addToPrincipalPolicy}).
 */
export class GithubActionsRole extends Construct implements IGrantable {
  /** The role ARN, for `role-to-assume`. */
  public readonly roleArn: string;
  /** The role name. */
  public readonly roleName: string;
  /** The `aws_iam_role`. */
  public readonly resource: IamRole;
  private readonly statements: PolicyStatement[] = [];
  private policy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: GithubActionsRoleProps) {
    super(scope, id);
    checkRequiredProps(this, "GithubActionsRoleProps", props, {
      name: K.string,
      description: K.string,
      provider: K.reference("an IGithubOidcProvider", "providerArn"),
      trustedBy: K.list("GithubTrust entries"),
    });
    checkName(this, "GITHUB_ROLE_NAME", "name", props.name, NameRules.iamRole);
    checkTags(this, "tags", props.tags);
    checkIntegerRange(this, "GITHUB_ROLE_SESSION", "maxSessionDurationSeconds", props.maxSessionDurationSeconds, 3600, 43200, "seconds");
    if (props.trustedBy.length === 0) {
      fail(this, {
        code: "GITHUB_ROLE_TRUST",
        property: "trustedBy",
        value: props.trustedBy,
        allowed: "at least one trusted repository and subject",
      });
    }
    props.trustedBy.forEach((trust, i) => this.checkTrust(trust, `trustedBy[${i}]`, props.allowedRepositories));

    this.resource = new IamRole(this, "Resource", {
      name: props.name,
      description: props.description,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: props.trustedBy.map((trust) => ({
          Effect: "Allow",
          Principal: { Federated: props.provider.providerArn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
              [`${GITHUB_OIDC_HOST}:sub`]: githubSubject(trust),
              ...(trust.workflow
                ? {
                    [`${GITHUB_OIDC_HOST}:job_workflow_ref`]: `${trust.workflow.repository ?? trust.repository}/${trust.workflow.path}@${trust.workflow.ref}`,
                  }
                : {}),
            },
          },
        })),
      }),
      maxSessionDuration: props.maxSessionDurationSeconds ?? 3600,
      ...roleSettings(this, "", props),
      tags: withName(props.name, props.tags),
    });
    this.roleArn = this.resource.arn;
    this.roleName = this.resource.name;
    (props.managedPolicyArns ?? []).forEach((arn, i) => {
      new IamRolePolicyAttachment(this, `Managed${i}`, { role: this.resource.name, policyArn: arn });
    });
  }

  /** The inline statements added so far. */
  public get policyStatements(): readonly PolicyStatement[] {
    return [...this.statements];
  }

  /** Adds a statement to the role's inline policy (what `grantXxx(role)` methods call). */
  public addToPrincipalPolicy(statement: PolicyStatement): void {
    this.statements.push(statement);
    this.policy ??= new IamRolePolicy(this, "Policy", {
      role: this.resource.name,
      name: "inline",
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
    });
  }

  private checkTrust(trust: GithubTrust, where: string, allowed: readonly string[] | undefined): void {
    if (isToken(trust.repository)) return;
    if (!REPOSITORY.test(trust.repository)) {
      fail(this, {
        code: "GITHUB_ROLE_REPOSITORY",
        property: `${where}.repository`,
        value: trust.repository,
        allowed: "owner/name of one repository (no wildcards)",
      });
    }
    if (allowed && !allowed.includes(trust.repository)) {
      fail(this, {
        code: "GITHUB_ROLE_OTHER_REPOSITORY",
        property: `${where}.repository`,
        value: trust.repository,
        allowed: `one of ${allowed.map((r) => JSON.stringify(r)).join(", ")} (this role trusts no other repository)`,
      });
    }
    const s = trust.subject;
    const value = s.kind === "environment" ? s.environment : s.kind === "branch" ? s.branch : undefined;
    if (
      !["pullRequest", "environment", "branch"].includes(s.kind) ||
      (s.kind !== "pullRequest" && (typeof value !== "string" || !PLAIN.test(value)))
    ) {
      fail(this, {
        code: "GITHUB_ROLE_SUBJECT",
        property: `${where}.subject`,
        value: s,
        allowed: 'a pullRequest subject, or an environment or branch name without wildcards ("*", "?"), spaces or ":"',
      });
    }
    if (trust.workflow?.repository !== undefined && !REPOSITORY.test(trust.workflow.repository)) {
      fail(this, {
        code: "GITHUB_ROLE_WORKFLOW",
        property: `${where}.workflow.repository`,
        value: trust.workflow.repository,
        allowed: "owner/name of one repository (no wildcards)",
      });
    }
    if (
      trust.workflow &&
      (!/^\.github\/workflows\/[\w.-]+\.ya?ml$/.test(trust.workflow.path) || !/^refs\/(heads|tags)\/[^*?\s]+$/.test(trust.workflow.ref))
    ) {
      fail(this, {
        code: "GITHUB_ROLE_WORKFLOW",
        property: `${where}.workflow`,
        value: trust.workflow,
        allowed: "a path .github/workflows/<file>.yml and a ref refs/heads/<branch> or refs/tags/<tag>, without wildcards",
      });
    }
  }
}
