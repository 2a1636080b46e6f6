import { GateResult, StackReviewResult } from "./review";

/** The machine-readable summary (`summary.json`); `schemaVersion` changes when a field is removed or changes meaning. */
export interface ReviewSummary {
  /** The summary format's version; tools should refuse versions they do not know. */
  readonly schemaVersion: 1;
  /** The gate's exit code, as the CLI returned it. */
  readonly exitCode: number;
  /** One line per reason the gate failed; empty when it passed. */
  readonly gateReasons: readonly string[];
  /** Every reviewed stack, in the order reviewed. */
  readonly stacks: readonly StackReviewResult[];
}

/** The {@link ReviewSummary} object for a set of reviews and the gate's verdict. */
export function summaryOf(reviews: readonly StackReviewResult[], gate: GateResult): ReviewSummary {
  return { schemaVersion: 1, exitCode: gate.exitCode, gateReasons: gate.reasons, stacks: reviews };
}

/** The summary as stable, indented JSON (a trailing newline, keys in a fixed order). */
export function renderJson(reviews: readonly StackReviewResult[], gate: GateResult): string {
  return JSON.stringify(summaryOf(reviews, gate), null, 2) + "\n";
}
