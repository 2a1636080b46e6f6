/**
 * The vocabulary of the policy pack: rules, the resources they inspect, what they report.
 *
 * Rules see Terraform resources by type with their final synthesized values (the JSON cdktf writes to
 * `cdk.tf.json`, escape-hatch overrides included), never the library's construct classes, so a rule
 * keeps working whichever construct, or hand-written provider resource, produced the resource.
 */

import type { EnvironmentClass, Severity, SeverityLevel } from "../core/policy-report";

// The report's vocabulary (severities, environment classes, findings) is the JSON shape of
// `policy-report.json`, which the plan review reads too: it is defined once, in core.
export type { AppliedSuppression, EnvironmentClass, Finding, Severity, SeverityLevel } from "../core/policy-report";

/** A rule's severity per environment class. */
export interface RuleSeverity {
  /** Severity in stacks whose environment class is `production`. */
  readonly production: SeverityLevel;
  /** Severity in every other stack (dev, staging, previews). */
  readonly nonProduction: SeverityLevel;
}

/** One Terraform resource (or data source) of the stack, as it will be written to `cdk.tf.json`. */
export interface PolicyResource {
  /** `aws_ecs_service`; data sources are prefixed: `data.aws_iam_policy_document`. */
  readonly type: string;
  /** Terraform address, e.g. `aws_ecs_service.Web_Service_1A2B3C4D` or `data.aws_iam_policy_document.X`. */
  readonly address: string;
  /** Construct path, e.g. `prod/Web/Service/Resource`. */
  readonly constructPath: string;
  /** The resource's arguments with snake_case keys and `${...}` references, as synthesized. */
  readonly config: Readonly<Record<string, unknown>>;
  /** True when the resource type has a `tags` argument (and so receives the provider's default tags). */
  readonly taggable: boolean;
}

/** Everything about the stack a rule may look at besides the resource under test. */
export interface PolicyContext {
  /** The environment class of the stack being checked, for rules that are stricter in production. */
  readonly environmentClass: EnvironmentClass;
  /** Tag keys every taggable resource must carry (from the resource or the provider's default tags). */
  readonly requiredTags: readonly string[];
  /**
   * The permissions boundary the stack declares for its roles (`RoleDefaults.of(stack)`), if any.
   * @default - none declared
   */
  readonly permissionsBoundaryArn?: string;
  /** Every resource and data source in the stack. */
  readonly resources: readonly PolicyResource[];
  /** Resources of one type (data sources as `data.<type>`). */
  resourcesOfType(type: string): readonly PolicyResource[];
  /** The resource at a Terraform address, if it is in the stack. */
  resourceAt(address: string): PolicyResource | undefined;
  /** The in-stack resources a value refers to through `${type.name.attr}` references (deeply). */
  referencedBy(value: unknown): readonly PolicyResource[];
  /** True when `value` refers to `resource` through a `${...}` reference. */
  refersTo(value: unknown, resource: PolicyResource): boolean;
  /**
   * Default tags the resource's provider adds, or `undefined` when they are not known at synth
   * (e.g. set from a variable). Empty when the provider sets none.
   */
  providerDefaultTags(resource: PolicyResource): Readonly<Record<string, unknown>> | undefined;
}

/** What a rule found wrong with one resource. */
export interface Violation {
  /** What is wrong, naming the offending value (e.g. the container name). */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * A guardrail: one concern, checked on resources of the types it applies to.
 * One rule per file under `src/policy/rules/`.
 */
export interface Rule {
  /** Stable id, e.g. `ECS-003`; used in suppressions and reports. */
  readonly id: string;
  /** Short statement of what the rule requires, e.g. "Containers are not privileged". */
  readonly title: string;
  /** Why the rule exists (shown in the docs table and SARIF help). */
  readonly rationale: string;
  /** How severe a violation is in production and elsewhere; `"off"` skips the rule in that class. */
  readonly severity: RuleSeverity;
  /** Resource types the rule inspects; data sources as `data.<type>`; `"*"` for every type. */
  readonly appliesTo: readonly string[];
  /** Matching rule ids of other tools (checkov, trivy/tfsec, tflint-ruleset-aws, cdk-nag, Security Hub). */
  readonly references: readonly string[];
  /** Inspects one resource; returns nothing when it complies. Must not throw on unresolved `${...}` values. */
  check(resource: PolicyResource, context: PolicyContext): readonly Violation[];
}

/** Shorthand for a rule with the same severity everywhere. */
export function everywhere(severity: Severity): RuleSeverity {
  return { production: severity, nonProduction: severity };
}

/** Shorthand for a rule that is an error in production and a warning elsewhere. */
export const ERROR_IN_PRODUCTION: RuleSeverity = { production: "error", nonProduction: "warning" };

/** Shorthand for a rule that only runs in production. */
export const PRODUCTION_ONLY: RuleSeverity = { production: "error", nonProduction: "off" };

/** The severity of `rule` in `environmentClass`. */
export function severityIn(rule: Pick<Rule, "severity">, environmentClass: EnvironmentClass): SeverityLevel {
  return environmentClass === "production" ? rule.severity.production : rule.severity.nonProduction;
}
