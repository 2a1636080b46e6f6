import { ITerraformDependable, Lazy, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { checkArn } from "./arn";
import { fail, isToken } from "./errors";
import { policyDocument, PolicyStatement, serviceTrustPolicy } from "./iam";
import { checkName, NameRules, safeName } from "./naming";
import { checkRequiredProps, PropKinds as K } from "./required-props";
import { checkTags, withName } from "./tags";
import { warn } from "./warnings";

/**
 * The permissions boundary and path of IAM roles: every role the library creates takes them, from
 * the construct that creates it (its `roleOptions`) or from the stack's {@link RoleDefaults}.
 */
export interface RoleOptions {
  /**
   * ARN of a customer managed policy (`arn:aws:iam::<account>:policy/<name>`) that caps what the role
   * can ever do, whatever its own policies grant; many enterprise accounts refuse to create a role
   * without one. Changing it updates the role in place.
   * @default - the stack's `RoleDefaults`, else no boundary
   */
  readonly permissionsBoundaryArn?: string;
  /**
   * IAM path of the role: `/` or `/<segments>/` (printable ASCII, at most 512 characters), e.g.
   * `/platform/`. The path is part of the role ARN, so changing it replaces the role.
   * @default - the stack's `RoleDefaults`, else `/` (IAM's default; not written)
   */
  readonly path?: string;
}

/** What a stack holds in {@link RoleDefaults}, and how many roles have already read it. */
interface StackRoleDefaults {
  options: RoleOptions;
  rolesCreated: number;
}

const STACK_DEFAULTS = new WeakMap<TerraformStack, StackRoleDefaults>();
/** IAM's path rule (API `CreateRole`): `/`, or printable ASCII between a leading and a trailing `/`. */
const ROLE_PATH = /^\/(?:[\x21-\x7E]+\/)?$/;
const MAX_ROLE_PATH = 512;

/**
 * The permissions boundary and path every IAM role the library creates in one stack gets, unless the
 * construct creating the role sets its own (`roleOptions`). Call it in the stack's constructor before
 * adding constructs: a stack that declares a boundary after roles exist fails, so no role is missed.
 * With a boundary declared, the guardrail IAM-003 checks that every `aws_iam_role` in the stack,
 * hand-written ones included, carries it.
 *
 * @example RoleDefaults.of(stack).set({ permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/platform-boundary", path: "/platform/" })
 */
export class RoleDefaults {
  /** The defaults of the stack `scope` is in. */
  public static of(scope: IConstruct): RoleDefaults {
    return new RoleDefaults(TerraformStack.of(scope));
  }

  private constructor(private readonly stack: TerraformStack) {}

  /** The boundary and path declared for the stack (empty when none). */
  public get options(): RoleOptions {
    return STACK_DEFAULTS.get(this.stack)?.options ?? {};
  }

  /** Declares the stack's boundary and path; fails when a library role already exists in the stack. */
  public set(options: RoleOptions): void {
    checkRoleOptions(this.stack, "roleDefaults", options);
    const current = STACK_DEFAULTS.get(this.stack);
    if (current !== undefined && current.rolesCreated > 0) {
      fail(this.stack, {
        code: "ROLE_DEFAULTS_LATE",
        property: "roleDefaults",
        value: options,
        allowed: `RoleDefaults set before the stack's first role (${current.rolesCreated} already created without them): call it at the top of the stack's constructor`,
      });
    }
    STACK_DEFAULTS.set(this.stack, { options: { ...definedOnly(options) }, rolesCreated: 0 });
  }
}

function definedOnly(options: RoleOptions): RoleOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as RoleOptions;
}

/**
 * Checks a boundary ARN and a path, reported as `<property>.permissionsBoundaryArn` / `<property>.path`
 * (`property` empty: the bare names); tokens pass.
 */
export function checkRoleOptions(scope: IConstruct, property: string, options: RoleOptions | undefined): void {
  if (options === undefined) return;
  const at = (key: string) => (property === "" ? key : `${property}.${key}`);
  checkArn(scope, "ROLE_PERMISSIONS_BOUNDARY", at("permissionsBoundaryArn"), options.permissionsBoundaryArn, "iamPolicy");
  const path = options.path;
  if (path !== undefined && !isToken(path) && (typeof path !== "string" || path.length > MAX_ROLE_PATH || !ROLE_PATH.test(path))) {
    fail(scope, {
      code: "ROLE_PATH",
      property: at("path"),
      value: path,
      allowed: `"/" or a path of printable ASCII characters starting and ending with "/" (e.g. "/platform/"), at most ${MAX_ROLE_PATH} characters`,
    });
  }
}

/**
 * The `permissions_boundary` and `path` of one role `scope` creates: `options` (checked, reported
 * under `property`) over the stack's {@link RoleDefaults}. Every `aws_iam_role` the library writes
 * takes its boundary and path from here.
 */
export function roleSettings(
  scope: IConstruct,
  property: string,
  options: RoleOptions | undefined,
): { readonly permissionsBoundary?: string; readonly path?: string } {
  checkRoleOptions(scope, property, options);
  const stack = TerraformStack.of(scope);
  const defaults = STACK_DEFAULTS.get(stack) ?? { options: {}, rolesCreated: 0 };
  defaults.rolesCreated += 1;
  STACK_DEFAULTS.set(stack, defaults);
  const merged = { ...defaults.options, ...definedOnly(options ?? {}) };
  return { permissionsBoundary: merged.permissionsBoundaryArn, path: merged.path };
}

/** Properties of a {@link Role}. */
export interface RoleProps extends RoleOptions {
  /** Role name; shortened with a hash when over IAM's 64 characters. */
  readonly name: string;
  /** Service principal allowed to assume the role, e.g. `ecs-tasks.amazonaws.com`. */
  readonly assumedBy: string;
  /** What the role is for, shown in the IAM console and in access reviews. */
  readonly description: string;
  /**
   * The resources that may make the service assume the role (`aws:SourceArn`, `ArnLike` patterns),
   * narrower than any resource of the service: e.g. one schedule group or one rule.
   * @default - any resource of the service (in the stack's account when known), for the services in `SERVICE_SOURCE_ARNS`; no condition for the others (EC2)
   */
  readonly sourceArns?: readonly string[];
  /** Name of the role's inline policy. @default "inline" */
  readonly policyName?: string;
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
  private readonly policyName: string;
  private policy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: RoleProps) {
    super(scope, id);
    checkRequiredProps(this, "RoleProps", props, { name: K.string, assumedBy: K.string, description: K.string });
    const name = safeName(props.name, NameRules.iamRole.maxLength);
    checkName(this, "ROLE_NAME", "name", name, NameRules.iamRole);
    checkTags(this, "tags", props.tags);
    this.policyName = props.policyName ?? "inline";
    const role = new IamRole(this, "Resource", {
      name,
      description: props.description,
      ...roleSettings(this, "", props),
      // Confused-deputy conditions (aws:SourceAccount / aws:SourceArn) for the services that present them.
      assumeRolePolicy: serviceTrustPolicy(this, props.assumedBy, props.sourceArns),
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
      name: this.policyName,
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
    });
  }
}
