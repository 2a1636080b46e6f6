import { PlanChanges, summarizeChanges } from "./changes";
import { CostEstimate, estimatePlanCost } from "./cost-estimate";
import { PlanJson } from "./plan";
import { PolicyReport, PolicySummary, summarizePolicy } from "./policy";
import { PriceTable } from "./prices";
import { PROTECTED_RESOURCE_TYPES, RiskFlag, riskFlags } from "./risk";

/** The review of one stack: its plan's changes, flags, policy findings and cost. */
export interface StackReview extends PlanChanges {
  readonly stack: string;
  readonly status: "planned";
  readonly flags: readonly RiskFlag[];
  readonly policy?: PolicySummary;
  readonly cost?: CostEstimate;
  /** Why there is no cost estimate. */
  readonly costUnavailable?: string;
}

/** A stack whose plan (or synthesis) failed: the report says so and the exit code fails. */
export interface FailedStackReview {
  readonly stack: string;
  readonly status: "failed";
  /** Terraform's own error text. */
  readonly error: string;
  readonly policy?: PolicySummary;
}

export type StackReviewResult = StackReview | FailedStackReview;

export interface ReviewOptions {
  readonly stack: string;
  readonly plan: PlanJson;
  readonly prices: PriceTable;
  readonly policyReport?: PolicyReport;
  /** Construct paths by resource address, for grouping by module. @default - by resource name */
  readonly constructPaths?: ReadonlyMap<string, string>;
  /** @default - the plan's aws provider region */
  readonly region?: string;
  /** Types whose deletion or replacement is flagged, with why. @default PROTECTED_RESOURCE_TYPES */
  readonly protectedTypes?: Readonly<Record<string, string>>;
}

/** Reviews one stack's plan. Pure: everything it reads is passed in. */
export function reviewPlan(options: ReviewOptions): StackReview {
  const changes = summarizeChanges(options.plan, { constructPaths: options.constructPaths });
  const cost = estimatePlanCost(options.plan, options.prices, { region: options.region });
  return {
    stack: options.stack,
    status: "planned",
    ...changes,
    flags: riskFlags(changes.changes, changes.drift, options.protectedTypes ?? PROTECTED_RESOURCE_TYPES),
    policy: summarizePolicy(options.policyReport),
    ...("reason" in cost ? { costUnavailable: cost.reason } : { cost }),
  };
}

/** What the CI job gates on. */
export interface GateOptions {
  /** Fail when a protected resource would be deleted or replaced. @default false */
  readonly failOnDestroy?: boolean;
}

/** Exit code bits; the process exits with their sum, so each cause can be read back. */
export const EXIT_PLAN_FAILED = 1;
export const EXIT_POLICY_ERRORS = 2;
export const EXIT_PROTECTED_DESTROY = 4;
/** Bad command-line arguments or price table. */
export const EXIT_USAGE = 64;

export interface GateResult {
  readonly exitCode: number;
  /** One line per reason the gate failed. */
  readonly reasons: readonly string[];
}

/**
 * The exit code for a set of reviews: +1 when a plan failed, +2 when an unsuppressed policy
 * error exists, +4 (only with `failOnDestroy`) when a protected resource would be destroyed.
 */
export function gate(reviews: readonly StackReviewResult[], options: GateOptions = {}): GateResult {
  const reasons: string[] = [];
  let exitCode = 0;
  const failed = reviews.filter((r) => r.status === "failed").map((r) => r.stack);
  if (failed.length > 0) {
    exitCode += EXIT_PLAN_FAILED;
    reasons.push(`plan failed: ${failed.join(", ")}`);
  }
  const policyErrors = reviews.filter((r) => (r.policy?.errors ?? 0) > 0).map((r) => `${r.stack} (${r.policy!.errors})`);
  if (policyErrors.length > 0) {
    exitCode += EXIT_POLICY_ERRORS;
    reasons.push(`unsuppressed policy errors: ${policyErrors.join(", ")}`);
  }
  const destroying = reviews
    .filter((r): r is StackReview => r.status === "planned")
    .map((r) => ({ stack: r.stack, n: r.flags.filter((f) => f.kind !== "drift").length }))
    .filter((r) => r.n > 0)
    .map((r) => `${r.stack} (${r.n})`);
  if (options.failOnDestroy && destroying.length > 0) {
    exitCode += EXIT_PROTECTED_DESTROY;
    reasons.push(`protected resources destroyed: ${destroying.join(", ")}`);
  }
  return { exitCode, reasons };
}
