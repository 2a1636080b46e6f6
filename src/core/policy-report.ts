/**
 * The policy report: the files the guardrails (`src/policy`) write beside each synthesized stack and
 * the JSON shape of `policy-report.json`. It lives in core because two layers meet on it: the policy
 * pack writes it, the plan review (tooling) reads it, and neither may import the other.
 */

/** File name of the JSON report in the stack's output directory: `<outdir>/stacks/<stack>/policy-report.json`. */
export const POLICY_REPORT_FILE = "policy-report.json";
/** File name of the SARIF version of the same findings, uploaded to code scanning when present. */
export const POLICY_SARIF_FILE = "policy-report.sarif";

/** How bad a finding is: errors fail `cdktf synth`, warnings are reported. */
export type Severity = "error" | "warning";

/** The class of environment a stack deploys to; some rules are stricter in production. */
export type EnvironmentClass = "production" | "non-production";

/** A rule's severity in one environment class; `"off"` means the rule does not run there. */
export type SeverityLevel = Severity | "off";

/** Where and why a finding was suppressed. */
export interface AppliedSuppression {
  /** Why the rule does not apply, as given to `suppress()`. */
  readonly reason: string;
  /** Path of the construct the suppression was declared on. */
  readonly declaredAt: string;
}

/** A rule violation on one resource, as reported. */
export interface Finding {
  /** Id of the rule that found it, e.g. `ECS-003` (`POL-001` for an unused suppression). */
  readonly ruleId: string;
  /** Severity of the rule in the stack's environment class; unsuppressed errors fail the synth. */
  readonly severity: Severity;
  /** Path of the construct that produces the resource, e.g. `prod/Web/Service/Resource`. */
  readonly constructPath: string;
  /** Terraform address; absent for findings about constructs that are not resources (unused suppressions). */
  readonly address?: string;
  /** What is wrong, naming the offending value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** Present when a suppression covers the finding: it is then reported but fails nothing. */
  readonly suppressed?: AppliedSuppression;
}

/** A rule as listed in a report: what it checks and how severe it is in the stack's environment class. */
export interface ReportedRule {
  /** Stable rule id, e.g. `ECS-003`. */
  readonly id: string;
  /** What the rule requires, in one line. */
  readonly title: string;
  /** Why the rule exists. */
  readonly rationale: string;
  /** Severity in the report's environment class; `"off"` when the rule did not run. */
  readonly severity: SeverityLevel;
  /** Matching rule ids of other tools (checkov, trivy/tfsec, cdk-nag, Security Hub). */
  readonly references: readonly string[];
}

/** The outcome of checking one stack: written as `policy-report.json` next to its `cdk.tf.json`. */
export interface PolicyPackReport {
  /** The stack's id, e.g. `prod`. */
  readonly stack: string;
  /** The environment class the stack was checked as. */
  readonly environmentClass: EnvironmentClass;
  /** Counts of findings by outcome. */
  readonly summary: {
    /** Unsuppressed errors: synth fails when this is not 0. */
    readonly errors: number;
    /** Unsuppressed warnings. */
    readonly warnings: number;
    /** Findings covered by a suppression (errors and warnings). */
    readonly suppressed: number;
  };
  /** Every rule the pack ran (or skipped as off), plus the pack's own POL-001. */
  readonly rules: readonly ReportedRule[];
  /** Every finding, unsuppressed first, then by severity, rule id and construct path. */
  readonly findings: readonly Finding[];
}
