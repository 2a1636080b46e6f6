import { Fn, ITerraformDependable, Lazy, Token } from "cdktf";
import { warn } from "../core/warnings";
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { policyDocument, PolicyStatement, serviceTrustPolicy } from "../core/iam";
import { checkName, NameRules, safeName } from "../core/naming";
import { checkTags, withName } from "../core/tags";

/** Properties of a {@link Role}. */
export interface RoleProps {
  /** Role name; shortened with a hash when over IAM's 64 characters. */
  readonly name: string;
  /** Service principal allowed to assume the role, e.g. `ecs-tasks.amazonaws.com`. */
  readonly assumedBy: string;
  /** What the role is for, shown in the IAM console and in access reviews. */
  readonly description: string;
  /** Tags for the role; a `Name` tag is added. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An IAM role with one inline policy built from typed statements. The policy resource exists only
 * once a statement is added, so a role with no permissions has no policy at all.
 */
export class Role extends Construct {
  /** The role ARN, e.g. for a task definition's `execution_role_arn` or an `iam:PassRole` statement. */
  public readonly roleArn: string;
  /** The role name (shortened with a hash when over 64 characters). */
  public readonly roleName: string;
  /**
   * Depend on this to run after the role's permissions exist: the inline policy when the role has one
   * at synthesis (statements may be added after the dependant is built), otherwise the role itself.
   */
  public readonly permissions: ITerraformDependable;
  private readonly statements: PolicyStatement[] = [];
  private policy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: RoleProps) {
    super(scope, id);
    const name = safeName(props.name, NameRules.iamRole.maxLength);
    checkName(this, "ROLE_NAME", "name", name, NameRules.iamRole);
    checkTags(this, "tags", props.tags);
    const role = new IamRole(this, "Resource", {
      name,
      description: props.description,
      // Confused-deputy conditions (aws:SourceAccount / aws:SourceArn) for the services that present them.
      assumeRolePolicy: serviceTrustPolicy(this, props.assumedBy),
      tags: withName(name, props.tags),
    });
    this.roleArn = role.arn;
    this.roleName = role.name;
    // Resolved when the dependant's depends_on is rendered, so a policy added later is still waited for.
    const current = () => this.policy ?? role;
    this.permissions = {
      get fqn() {
        return current().fqn;
      },
    };
  }

  /** The statements added so far (for tests and inspection). */
  public get policyStatements(): readonly PolicyStatement[] {
    return [...this.statements];
  }

  /** Adds a statement to the role's inline policy. A `*` resource is legal but flagged with a warning. */
  public addToPolicy(statement: PolicyStatement): void {
    if (statement.resources.includes("*") && statement.sid === undefined) {
      warn(
        this,
        "IAM_WILDCARD_RESOURCE",
        `Statement for ${statement.actions.join(", ")} applies to every resource ("*"); give a sid that says why.`,
      );
    }
    this.statements.push(statement);
    this.policy ??= new IamRolePolicy(this, "Policy", {
      role: this.roleName,
      name: "inline",
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
    });
  }
}

/** What the execution role must reach for one task definition. */
export interface ExecutionRoleNeeds {
  /** Private ECR repositories the images come from. */
  readonly ecrRepositoryArns: readonly string[];
  /** The log group the `awslogs` driver writes to. */
  readonly logGroupArn: string;
  /** Secrets Manager secret ARNs referenced by containers. */
  readonly secretArns: readonly string[];
  /** SSM parameter ARNs referenced by containers. */
  readonly parameterArns: readonly string[];
  /** Customer managed KMS keys the secrets or parameters are encrypted with. */
  readonly kmsKeyArns: readonly string[];
  /** S3 object ARNs of the containers' environment files. @default [] */
  readonly environmentFileArns?: readonly string[];
}

/** The execution role's statements: exactly the repositories, log group, secrets and keys given. */
export function executionRoleStatements(needs: ExecutionRoleNeeds): PolicyStatement[] {
  const unique = (arns: readonly string[]) => [...new Set(arns)];
  const statements: PolicyStatement[] = [];
  if (needs.ecrRepositoryArns.length > 0) {
    // GetAuthorizationToken has no resource-level permissions: IAM only accepts "*" for it.
    statements.push({ sid: "EcrAuthToken", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] });
    statements.push({
      sid: "EcrPull",
      actions: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
      resources: unique(needs.ecrRepositoryArns),
    });
  }
  statements.push({
    sid: "Logs",
    actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
    resources: [`${needs.logGroupArn}:log-stream:*`],
  });
  if (needs.secretArns.length > 0) {
    statements.push({ sid: "Secrets", actions: ["secretsmanager:GetSecretValue"], resources: unique(needs.secretArns) });
  }
  if (needs.parameterArns.length > 0) {
    statements.push({ sid: "Parameters", actions: ["ssm:GetParameters"], resources: unique(needs.parameterArns) });
  }
  const files = unique(needs.environmentFileArns ?? []);
  if (files.length > 0) {
    statements.push({ sid: "EnvironmentFiles", actions: ["s3:GetObject"], resources: files });
    // ECS asks for the bucket's region before it reads the file.
    const buckets = unique(
      files.map((arn) => (Token.isUnresolved(arn) ? Fn.element(Fn.split("/", arn), 0) : arn.slice(0, arn.indexOf("/")))),
    );
    statements.push({ sid: "EnvironmentFileBuckets", actions: ["s3:GetBucketLocation"], resources: buckets });
  }
  if (needs.kmsKeyArns.length > 0) {
    statements.push({ sid: "DecryptSecrets", actions: ["kms:Decrypt"], resources: unique(needs.kmsKeyArns) });
  }
  return statements;
}

/**
 * What ECS Exec needs in the task role. Session Manager's message channels have no resource-level
 * permissions, so IAM only accepts "*" here.
 */
export const EXEC_STATEMENT: PolicyStatement = {
  sid: "EcsExec",
  actions: [
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
  ],
  resources: ["*"],
};
