import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { RoleDefaults } from "../core/role";
import { collectInventory, Inventory, StackIndex } from "./inventory";
import { DeclaredSuppression, findSuppression, suppressionsDeclaredOn } from "./suppressions";
import { EnvironmentClass, everywhere, Finding, Rule, severityIn, Severity, Violation } from "./types";

/** What the pack checks a stack against. */
export interface EvaluationOptions {
  /** Decides each rule's severity, and whether production-only rules run. */
  readonly environmentClass: EnvironmentClass;
  /** The rules to run, in report order. */
  readonly rules: readonly Rule[];
  /** Tag keys every taggable resource must carry, counting the provider's default tags (rule TAG-001). */
  readonly requiredTags: readonly string[];
}

/** A finding together with the construct it is about (for annotations). */
export interface LocatedFinding extends Finding {
  /** The construct the finding is annotated on: the resource, or where an unused suppression was declared. */
  readonly construct: IConstruct;
}

/** The pack's own rule: a suppression that silences nothing is reported, so stale ones get removed. */
export const UNUSED_SUPPRESSION: Omit<Rule, "appliesTo" | "check"> = {
  id: "POL-001",
  title: "Suppressions silence a finding",
  rationale:
    "A suppression whose finding went away (the resource was fixed or removed) would silently cover the next, unrelated violation; reporting it keeps suppressions honest.",
  severity: everywhere("warning"),
  references: ["cdk-nag unused suppression reporting"],
};

const key = (s: DeclaredSuppression) => `${s.construct.node.path}\u0000${s.ruleId}`;

/** Runs `options.rules` over `stack` as it will be synthesized. */
export function evaluatePolicies(stack: TerraformStack, options: EvaluationOptions, rendered?: Record<string, unknown>): LocatedFinding[] {
  return evaluateInventory(stack, collectInventory(stack, rendered), options);
}

/** Runs the rules over an already collected inventory of `stack`. */
export function evaluateInventory(stack: TerraformStack, inventory: Inventory, options: EvaluationOptions): LocatedFinding[] {
  const context = new StackIndex(
    inventory,
    options.environmentClass,
    options.requiredTags,
    RoleDefaults.of(stack).options.permissionsBoundaryArn,
  );
  const used = new Set<string>();
  const findings: LocatedFinding[] = [];

  for (const rule of options.rules) {
    const severity = severityIn(rule, options.environmentClass);
    if (severity === "off") continue;
    const targets = rule.appliesTo.includes("*") ? context.resources : rule.appliesTo.flatMap((t) => context.resourcesOfType(t));
    for (const resource of targets) {
      let violations: readonly Violation[];
      try {
        violations = rule.check(resource, context);
      } catch (error) {
        throw new Error(`policy rule ${rule.id} failed on ${resource.address} (${resource.constructPath}): ${(error as Error).message}`);
      }
      if (violations.length === 0) continue;
      const suppression = findSuppression(resource.construct, rule.id);
      if (suppression) used.add(key(suppression));
      for (const v of violations) {
        findings.push({
          ruleId: rule.id,
          severity,
          constructPath: resource.constructPath,
          address: resource.address,
          message: v.message,
          fix: v.fix,
          suppressed: suppression ? { reason: suppression.reason, declaredAt: suppression.construct.node.path } : undefined,
          construct: resource.construct,
        });
      }
    }
  }

  findings.push(...unusedSuppressions(stack, inventory, options, used));
  return findings.sort(compareFindings);
}

function unusedSuppressions(stack: TerraformStack, inventory: Inventory, options: EvaluationOptions, used: Set<string>): LocatedFinding[] {
  const rulesById = new Map(options.rules.map((r) => [r.id, r]));
  const addressOf = new Map(inventory.resources.map((r) => [r.construct, r.address]));
  const findings: LocatedFinding[] = [];
  for (const construct of stack.node.findAll()) {
    for (const suppression of suppressionsDeclaredOn(construct)) {
      if (used.has(key(suppression))) continue;
      const rule = rulesById.get(suppression.ruleId);
      // A rule that is off in this environment class may well apply in another: not stale.
      if (rule && severityIn(rule, options.environmentClass) === "off") continue;
      findings.push({
        ruleId: UNUSED_SUPPRESSION.id,
        severity: "warning",
        constructPath: construct.node.path,
        address: addressOf.get(construct),
        message: rule
          ? `the suppression of ${suppression.ruleId} ("${suppression.reason}") matches no finding here or below`
          : `the suppression of ${suppression.ruleId} ("${suppression.reason}") names a rule that is not in this stack's policy pack`,
        fix: "Remove the suppression (or correct its rule id).",
        construct,
      });
    }
  }
  return findings;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

function compareFindings(a: Finding, b: Finding): number {
  return (
    Number(a.suppressed !== undefined) - Number(b.suppressed !== undefined) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.constructPath.localeCompare(b.constructPath) ||
    a.message.localeCompare(b.message)
  );
}
