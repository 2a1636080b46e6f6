import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { awsAccountOf } from "../core/account";
import { assumeRolePolicy, PolicyStatement, policyDocument } from "../core/iam";
import { checkName, NameRules, safeName } from "../core/naming";
import { RoleOptions, roleSettings } from "../core/role";
import { checkTags, withName } from "../core/tags";
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
 * The role EventBridge Scheduler (or an EventBridge rule) assumes to call a target. It starts with
 * no permissions; owners add exactly the statements their target needs with {@link addStatements}.
 */
export class InvokeRole extends Construct {
  /** ARN of the role (a token), set as the schedule's or rule target's role. */
  public readonly roleArn: string;
  /** Name of the role (a token). */
  public readonly roleName: string;
  private readonly statements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: InvokeRoleProps) {
    super(scope, id);
    checkRequiredProps(this, "InvokeRoleProps", props, { roleName: K.string, service: K.string, sourceArns: K.strings });
    const name = safeName(props.roleName, NameRules.iamRole.maxLength);
    checkName(this, "INVOKE_ROLE_NAME", "name", name, NameRules.iamRole);
    checkTags(this, "tags", props.tags);
    checkNotEmpty(this, "INVOKE_ROLE_SOURCE_ARNS", "sourceArns", props.sourceArns);
    // With the stack's account known (useAwsAccount), only a schedule or rule of this account may assume the role.
    const account = awsAccountOf(this);
    const role = new IamRole(this, "Resource", {
      name,
      description: `Assumed by ${props.service} to invoke one target`,
      assumeRolePolicy: assumeRolePolicy([props.service], {
        ...(account === undefined ? {} : { StringEquals: { "aws:SourceAccount": account } }),
        ArnLike: { "aws:SourceArn": props.sourceArns.length === 1 ? props.sourceArns[0] : props.sourceArns },
      }),
      ...roleSettings(this, "", props),
      tags: withName(name, props.tags),
    });
    this.roleArn = role.arn;
    this.roleName = role.name;
    new IamRolePolicy(this, "Policy", {
      role: role.name,
      name: "invoke-target",
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
    });
  }

  /** Adds statements to the role's inline policy; the policy is rendered at synthesis, so later additions count. */
  public addStatements(...statements: PolicyStatement[]): void {
    this.statements.push(...statements);
  }
}
