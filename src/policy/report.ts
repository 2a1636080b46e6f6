import type { EnvironmentClass, Finding, PolicyPackReport } from "../core/policy-report";
import { UNUSED_SUPPRESSION } from "./evaluate";
import { Rule, severityIn } from "./types";

export type { PolicyPackReport, ReportedRule } from "../core/policy-report";

/** Builds the report of one stack from its findings (with any construct references dropped). */
export function buildReport(
  stack: string,
  environmentClass: EnvironmentClass,
  rules: readonly Rule[],
  findings: readonly Finding[],
): PolicyPackReport {
  const open = findings.filter((f) => !f.suppressed);
  return {
    stack,
    environmentClass,
    summary: {
      errors: open.filter((f) => f.severity === "error").length,
      warnings: open.filter((f) => f.severity === "warning").length,
      suppressed: findings.length - open.length,
    },
    rules: [...rules, UNUSED_SUPPRESSION].map((r) => ({
      id: r.id,
      title: r.title,
      rationale: r.rationale,
      severity: severityIn(r, environmentClass),
      references: [...r.references],
    })),
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      constructPath: f.constructPath,
      ...(f.address ? { address: f.address } : {}),
      message: f.message,
      fix: f.fix,
      ...(f.suppressed ? { suppressed: f.suppressed } : {}),
    })),
  };
}

/** One line per finding, as printed on synth and used in annotations. */
export function formatFinding(f: Finding): string {
  const where = f.address ? `${f.address} (${f.constructPath})` : f.constructPath;
  const status = f.suppressed ? `SUPPRESSED ${f.severity}` : f.severity.toUpperCase();
  const suppression = f.suppressed ? ` [suppressed at ${f.suppressed.declaredAt}: ${f.suppressed.reason}]` : "";
  return `${status} ${f.ruleId} ${where}: ${f.message}. Fix: ${f.fix}${suppression}`;
}

/** The human summary printed on synth. */
export function renderSummary(report: PolicyPackReport, files: readonly string[] = []): string {
  const { errors, warnings, suppressed } = report.summary;
  const lines = [
    `Policy check of stack "${report.stack}" (${report.environmentClass}): ${errors} error(s), ${warnings} warning(s), ${suppressed} suppressed`,
    ...report.findings.map((f) => `  ${formatFinding(f)}`),
  ];
  if (files.length > 0) lines.push(`  Report: ${files.join(", ")}`);
  if (errors > 0) lines.push("  Synth fails until every error is fixed or suppressed with a reason.");
  return lines.join("\n");
}

/** Options for {@link toSarif}. */
export interface SarifOptions {
  /** Where results point: the synthesized stack file, relative to where the SARIF is consumed. */
  readonly artifactUri: string;
  /** Tool name code-review tools show for the results. @default "cdktf-ecs-platform policy pack" */
  readonly toolName?: string;
}

/**
 * The report as SARIF 2.1.0, so code-review tools can annotate pull requests. Each result points at
 * the stack's `cdk.tf.json` and names the Terraform address and construct path as logical locations;
 * suppressed findings carry an accepted in-source suppression with the reason as its justification.
 */
export function toSarif(report: PolicyPackReport, options: SarifOptions): object {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: options.toolName ?? "cdktf-ecs-platform policy pack",
            rules: report.rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.title },
              fullDescription: { text: r.rationale },
              help: { text: `${r.rationale}${r.references.length ? ` See also: ${r.references.join(", ")}.` : ""}` },
              defaultConfiguration: { level: r.severity === "off" ? "none" : r.severity, enabled: r.severity !== "off" },
              properties: { references: r.references },
            })),
          },
        },
        automationDetails: { id: `policy/${report.stack}/` },
        properties: { stack: report.stack, environmentClass: report.environmentClass },
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
          level: f.severity,
          message: { text: `${f.message}. Fix: ${f.fix}` },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: options.artifactUri } },
              logicalLocations: [
                ...(f.address ? [{ fullyQualifiedName: f.address, kind: "resource" }] : []),
                { fullyQualifiedName: f.constructPath, kind: "module" },
              ],
            },
          ],
          partialFingerprints: { policyFinding: `${f.ruleId}|${f.address ?? f.constructPath}|${f.message}` },
          ...(f.suppressed
            ? {
                suppressions: [
                  {
                    kind: "inSource",
                    status: "accepted",
                    justification: f.suppressed.reason,
                    location: { logicalLocations: [{ fullyQualifiedName: f.suppressed.declaredAt }] },
                  },
                ],
              }
            : {}),
        })),
      },
    ],
  };
}
