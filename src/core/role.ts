import { ITerraformDependable, Lazy } from "cdktf";
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { policyDocument, PolicyStatement, serviceTrustPolicy } from "./iam";
import { checkName, NameRules, safeName } from "./naming";
import { checkTags, withName } from "./tags";
import { warn } from "./warnings";

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
