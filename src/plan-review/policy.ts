import { existsSync, readFileSync } from "node:fs";
import { fail } from "../core/errors";
import type { AppliedSuppression, Finding, Severity } from "../core/policy-report";

export { POLICY_REPORT_FILE, POLICY_SARIF_FILE } from "../core/policy-report";

/** A guardrail finding's level as the review reads it: the policy pack's severities, and `info`; only unsuppressed `error`s fail the gate. */
export type PolicyLevel = Severity | "info";

/**
 * One guardrail finding as the review reads it: a {@link Finding} of the policy report (whose shape
 * is defined once, in `core/policy-report.ts`), of which the review needs the rule id, the level and
 * the message; the construct path, the fix and where a suppression was declared are shown when present,
 * and other fields are ignored.
 */
export interface PolicyFinding extends Pick<Finding, "ruleId" | "message">, Partial<Pick<Finding, "constructPath" | "fix">> {
  /** How serious it is; errors fail the gate unless suppressed. */
  readonly severity: PolicyLevel;
  /** Present when the finding is suppressed; a suppression always carries its reason. */
  readonly suppressed?: Pick<AppliedSuppression, "reason"> & Partial<Pick<AppliedSuppression, "declaredAt">>;
}

/** A stack's `policy-report.json` (the `PolicyPackReport` of `core/policy-report.ts`), as the review reads it. */
export interface PolicyReport {
  /** Every finding, suppressed ones included. */
  readonly findings: readonly PolicyFinding[];
}

/** A stack's policy findings counted and ordered for the report, as {@link summarizePolicy} returns them. */
export interface PolicySummary {
  /** Unsuppressed errors; more than 0 fails the gate (exit code bit 2). */
  readonly errors: number;
  /** Unsuppressed warnings (shown, never gating). */
  readonly warnings: number;
  /** Unsuppressed informational findings. */
  readonly infos: number;
  /** Findings suppressed with a reason, of any level. */
  readonly suppressed: number;
  /** Findings that count: not suppressed, errors first, then warnings, then infos. */
  readonly findings: readonly PolicyFinding[];
  /** Suppressed findings with their reasons. */
  readonly suppressions: readonly PolicyFinding[];
}

const LEVELS: readonly PolicyLevel[] = ["error", "warning", "info"];

/** Reads a stack's policy report; undefined when the guardrails did not write one. */
export function readPolicyReport(file: string): PolicyReport | undefined {
  if (!existsSync(file)) return undefined;
  return parsePolicyReport(JSON.parse(readFileSync(file, "utf8")), file);
}

/**
 * Checks the shape of a parsed report. Throws a `ValidationError` naming `source` (the file), the
 * first bad field, its value and what is allowed.
 */
export function parsePolicyReport(data: unknown, source = "policy report"): PolicyReport {
  const bad = (code: string, property: string, value: unknown, allowed: string): never => fail(source, { code, property, value, allowed });
  const findings = (data as { findings?: unknown })?.findings;
  if (!Array.isArray(findings)) bad("PLAN_REVIEW_POLICY_REPORT_FINDINGS", "findings", findings, "an array of findings");
  (findings as unknown[]).forEach((f, i) => {
    const finding = (f ?? {}) as Partial<PolicyFinding>;
    const at = `findings[${i}]`;
    if (typeof finding.ruleId !== "string") bad("PLAN_REVIEW_POLICY_REPORT_STRING", `${at}.ruleId`, finding.ruleId, "a rule id string");
    if (!LEVELS.includes(finding.severity as PolicyLevel))
      bad("PLAN_REVIEW_POLICY_REPORT_SEVERITY", `${at}.severity`, finding.severity, `one of ${LEVELS.join(", ")}`);
    if (typeof finding.message !== "string") bad("PLAN_REVIEW_POLICY_REPORT_STRING", `${at}.message`, finding.message, "a message string");
    if (finding.suppressed !== undefined && typeof finding.suppressed?.reason !== "string") {
      bad(
        "PLAN_REVIEW_POLICY_REPORT_SUPPRESSION",
        `${at}.suppressed.reason`,
        finding.suppressed?.reason,
        "a string (a suppression needs a reason)",
      );
    }
  });
  return { findings: findings as PolicyFinding[] };
}

/** Counts by level and splits active findings from suppressed ones. */
export function summarizePolicy(report: PolicyReport | undefined): PolicySummary | undefined {
  if (!report) return undefined;
  const active = report.findings.filter((f) => !f.suppressed);
  const order = (f: PolicyFinding) => LEVELS.indexOf(f.severity);
  const sorted = [...active].sort(
    (a, b) => order(a) - order(b) || a.ruleId.localeCompare(b.ruleId) || (a.constructPath ?? "").localeCompare(b.constructPath ?? ""),
  );
  const count = (level: PolicyLevel) => active.filter((f) => f.severity === level).length;
  return {
    errors: count("error"),
    warnings: count("warning"),
    infos: count("info"),
    suppressed: report.findings.length - active.length,
    findings: sorted,
    suppressions: report.findings.filter((f) => f.suppressed),
  };
}
