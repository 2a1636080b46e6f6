import { fail } from "../core/errors";
import { BudgetComparison, compareBudgets, CostAdvice, costAdvice } from "./budget-advice";
import { PlanChanges, summarizeChanges } from "./changes";
import { CostEstimate, estimatePlanCost } from "./cost-estimate";
import { PlanJson } from "./plan";
import { PolicyReport, PolicySummary, summarizePolicy } from "./policy";
import { PriceTable } from "./prices";
import { BaseComparison, compareWithBase, StackBase, SynthesizedStack } from "./baseline";
import { findNameCollisions, findRenames, NameCollision, namedResourcesOfPlan, Rename } from "./renames";
import { PROTECTED_RESOURCE_TYPES, removedFlags, renameFlags, RiskFlag, riskFlags } from "./risk";

/** The review of one stack: its plan's changes, flags, policy findings and cost. */
export interface StackReview extends PlanChanges {
  /** The stack's name (its directory under `cdktf.out/stacks/`). */
  readonly stack: string;
  /** Tells a planned review from a {@link FailedStackReview}. */
  readonly status: "planned";
  /** Protected resources destroyed, renames without a move, name collisions and drift, for the reviewer to look at first. */
  readonly flags: readonly RiskFlag[];
  /**
   * Deletions and creations that are one resource under a new address (a construct id renamed
   * without a `moved` block), one entry each; from the plan, or offline from the base comparison.
   */
  readonly renames: readonly Rename[];
  /** Creations whose fixed AWS name another resource holds: the apply would fail or two addresses would manage one object. */
  readonly collisions: readonly NameCollision[];
  /** Offline with a base: the synthesized addresses next to the base's. */
  readonly base?: BaseComparison;
  /** Why deletions, renames and collisions could not be checked (an offline plan with no base to compare with). */
  readonly unchecked?: string;
  /** The guardrails' findings; absent when the stack has no `policy-report.json`. */
  readonly policy?: PolicySummary;
  /** Monthly cost before and after the plan; absent when it cannot be priced (see `costUnavailable`). */
  readonly cost?: CostEstimate;
  /** Why there is no cost estimate. */
  readonly costUnavailable?: string;
  /** The plan's AWS Budgets budgets next to the estimate (a flag when exceeded, never a gate failure); absent without an estimate. */
  readonly budgets?: readonly BudgetComparison[];
  /** Cheaper setups the estimate points at, with the numbers behind them; absent without an estimate. */
  readonly advice?: readonly CostAdvice[];
}

/** A stack whose plan (or synthesis) failed: the report says so and the exit code fails. */
export interface FailedStackReview {
  /** The stack's name, or `(synth)` when synthesis itself failed. */
  readonly stack: string;
  /** Tells a failed review from a {@link StackReview}. */
  readonly status: "failed";
  /** Terraform's own error text. */
  readonly error: string;
  /** The guardrails' findings, which come from synthesis and so survive a failed plan. */
  readonly policy?: PolicySummary;
}

/** One stack's outcome: reviewed, or failed to plan. */
export type StackReviewResult = StackReview | FailedStackReview;

/** Everything {@link reviewPlan} reads about one stack. */
export interface ReviewOptions {
  /** The stack's name, shown as the report's section heading. */
  readonly stack: string;
  /** The stack's plan (`terraform show -json`). */
  readonly plan: PlanJson;
  /** Prices for the cost estimate, e.g. from `loadPriceTable()`. */
  readonly prices: PriceTable;
  /** The guardrails' report for the stack. @default - no policy section, and policy never fails the gate */
  readonly policyReport?: PolicyReport;
  /** Construct paths by resource address, for grouping by module. @default - by resource name */
  readonly constructPaths?: ReadonlyMap<string, string>;
  /** The AWS region to price in. @default - the plan's aws provider region */
  readonly region?: string;
  /** Types whose deletion or replacement is flagged, with why. @default PROTECTED_RESOURCE_TYPES */
  readonly protectedTypes?: Readonly<Record<string, string>>;
  /**
   * The plan was made against an empty state (the offline check), so it cannot delete, rename or
   * collide: those are checked against `base` instead, or reported as unchecked. @default false
   */
  readonly emptyState?: boolean;
  /** With `emptyState`: what the stack had before (pinned addresses or the base branch's synth). @default - not compared */
  readonly base?: StackBase;
  /** With `base`: the stack's synthesized `cdk.tf.json`, compared with the base. Required when `base` is given. @default - none (no base) */
  readonly synthesized?: SynthesizedStack;
}

/** Reviews one stack's plan. Pure: everything it reads is passed in. */
export function reviewPlan(options: ReviewOptions): StackReview {
  const changes = summarizeChanges(options.plan, { constructPaths: options.constructPaths });
  const cost = estimatePlanCost(options.plan, options.prices, { region: options.region });
  const protectedTypes = options.protectedTypes ?? PROTECTED_RESOURCE_TYPES;
  let resources = namedResourcesOfPlan(options.plan);
  let base: BaseComparison | undefined;
  if (options.base !== undefined) {
    if (options.synthesized === undefined) {
      fail("reviewPlan", {
        code: "PLAN_REVIEW_BASE_WITHOUT_SYNTH",
        property: "synthesized",
        value: undefined,
        allowed: "the stack's synthesized cdk.tf.json, to compare with the base",
      });
    }
    const compared = compareWithBase(options.synthesized, options.base);
    base = compared.comparison;
    resources = compared.resources;
  }
  const renames = findRenames(resources);
  const collisions = findNameCollisions(resources);
  const renamedFrom = new Set(renames.map((r) => r.from));
  return {
    stack: options.stack,
    status: "planned",
    ...changes,
    flags: [
      ...riskFlags(changes.changes, [], protectedTypes, renames),
      ...removedFlags(
        (base?.removed ?? []).filter((a) => !renamedFrom.has(a)),
        protectedTypes,
      ),
      ...renameFlags(renames, collisions, protectedTypes),
      ...riskFlags([], changes.drift, protectedTypes),
    ],
    renames,
    collisions,
    ...(base ? { base } : {}),
    ...(options.emptyState && !base
      ? {
          unchecked:
            "planned against an empty state with no base to compare with: deletions, renames and name collisions cannot show (pass --base-addresses or --base-synth)",
        }
      : {}),
    policy: summarizePolicy(options.policyReport),
    ...("reason" in cost
      ? { costUnavailable: cost.reason }
      : { cost, budgets: compareBudgets(options.plan, cost), advice: costAdvice(cost, options.prices) }),
  };
}

/** What the CI job gates on. */
export interface GateOptions {
  /** Fail when a protected resource would be deleted or replaced. @default false */
  readonly failOnDestroy?: boolean;
}

/** Exit code bit: a plan (or the synthesis) failed. The process exits with the sum of the bits, so each cause can be read back. */
export const EXIT_PLAN_FAILED = 1;
/** Exit code bit: a stack has an unsuppressed policy error. */
export const EXIT_POLICY_ERRORS = 2;
/** Exit code bit: a protected resource would be deleted or replaced (only with `failOnDestroy`). */
export const EXIT_PROTECTED_DESTROY = 4;
/** Exit code bit: a resource is renamed without a move, or a creation collides with a name in use (always, whatever `failOnDestroy` says). */
export const EXIT_RENAME_OR_COLLISION = 8;
/** Bad command-line arguments or price table. */
export const EXIT_USAGE = 64;

/** The gate's verdict over all stacks. */
export interface GateResult {
  /** The sum of the exit code bits that apply; 0 passes. */
  readonly exitCode: number;
  /** One line per reason the gate failed. */
  readonly reasons: readonly string[];
}

/**
 * The exit code for a set of reviews: +1 when a plan failed, +2 when an unsuppressed policy
 * error exists, +4 (only with `failOnDestroy`) when a protected resource would be destroyed, +8
 * when a resource is renamed without a move or a creation's name is taken.
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
    .map((r) => ({ stack: r.stack, n: r.flags.filter((f) => f.kind === "delete" || f.kind === "replace").length }))
    .filter((r) => r.n > 0)
    .map((r) => `${r.stack} (${r.n})`);
  if (options.failOnDestroy && destroying.length > 0) {
    exitCode += EXIT_PROTECTED_DESTROY;
    reasons.push(`protected resources destroyed: ${destroying.join(", ")}`);
  }
  const planned = reviews.filter((r): r is StackReview => r.status === "planned");
  const renamed = planned.filter((r) => r.renames.length > 0).map((r) => `${r.stack} (${r.renames.length})`);
  const colliding = planned.filter((r) => r.collisions.length > 0).map((r) => `${r.stack} (${r.collisions.length})`);
  if (renamed.length + colliding.length > 0) {
    exitCode += EXIT_RENAME_OR_COLLISION;
    if (renamed.length > 0) reasons.push(`renamed without a move: ${renamed.join(", ")}`);
    if (colliding.length > 0) reasons.push(`name collisions that would fail the apply: ${colliding.join(", ")}`);
  }
  return { exitCode, reasons };
}
