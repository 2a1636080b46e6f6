import { Construct } from "constructs";
import { PolicyStatement } from "../core/iam";
import { checkName, NameRules, safeName } from "../core/naming";
import { checkRoleOptions, Role, RoleOptions } from "../core/role";
import { checkTags } from "../core/tags";
import { checkNotEmpty } from "../core/validate";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Props of an {@link InvokeRole}. */
export interface InvokeRoleProps extends RoleOptions {
  /** Role name; shortened with a hash when over IAM's 64 characters. */
  readonly roleName: string;
  /** Who assumes the role: EventBridge Scheduler or an EventBridge rule. */
  readonly service: "scheduler.amazonaws.com" | "events.amazonaws.com";
  /**
   * ARNs (or `ArnLike` patterns) of the schedule, schedule group or rule that may assume the role,
   * checked on `aws:SourceArn` so no other schedule or rule can use it.
   */
  readonly sourceArns: readonly string[];
  /** Tags for the role. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * The role EventBridge Scheduler (or an EventBridge rule) assumes to call a target: a core
 * {@link Role} trusted only from `sourceArns` (and the stack's account, when known). It starts with
 * no permissions; owners add exactly the statements their target needs with {@link addStatements}.
 */
export class InvokeRole extends Construct {
  /** ARN of the role (a token), set as the schedule's or rule target's role. */
  public readonly roleArn: string;
  /** Name of the role (a token). */
  public readonly roleName: string;
  /** The core role, for `permissions` (depend on it to run after the policy exists). */
  public readonly role: Role;

  constructor(scope: Construct, id: string, props: InvokeRoleProps) {
    super(scope, id);
    checkRequiredProps(this, "InvokeRoleProps", props, { roleName: K.string, service: K.string, sourceArns: K.strings });
    const name = safeName(props.roleName, NameRules.iamRole.maxLength);
    checkName(this, "INVOKE_ROLE_NAME", "name", name, NameRules.iamRole);
    checkTags(this, "tags", props.tags);
    checkNotEmpty(this, "INVOKE_ROLE_SOURCE_ARNS", "sourceArns", props.sourceArns);
    // Checked here too, so a bad value is reported at this construct's path rather than its role's.
    checkRoleOptions(this, "", props);
    // "Default" is left out of logical ids: the role and its policy keep the addresses they had
    // when this construct created them itself (InvokeRole/Resource, InvokeRole/Policy).
    this.role = new Role(this, "Default", {
      name,
      assumedBy: props.service,
      description: `Assumed by ${props.service} to invoke one target`,
      sourceArns: props.sourceArns,
      policyName: "invoke-target",
      permissionsBoundaryArn: props.permissionsBoundaryArn,
      path: props.path,
      tags: props.tags,
    });
    this.roleArn = this.role.roleArn;
    this.roleName = this.role.roleName;
  }

  /** Adds statements to the role's inline policy; the policy is rendered at synthesis, so later additions count. */
  public addStatements(...statements: PolicyStatement[]): void {
    for (const statement of statements) this.role.addToPolicy(statement);
  }
}
