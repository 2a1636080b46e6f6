import { GateResult, StackReviewResult } from "./review";

/** The machine-readable summary (`summary.json`); `schemaVersion` changes when a field is removed or changes meaning. */
export interface ReviewSummary {
  readonly schemaVersion: 1;
  readonly exitCode: number;
  readonly gateReasons: readonly string[];
  readonly stacks: readonly StackReviewResult[];
}

export function summaryOf(reviews: readonly StackReviewResult[], gate: GateResult): ReviewSummary {
  return { schemaVersion: 1, exitCode: gate.exitCode, gateReasons: gate.reasons, stacks: reviews };
}

/** The summary as stable, indented JSON (a trailing newline, keys in a fixed order). */
export function renderJson(reviews: readonly StackReviewResult[], gate: GateResult): string {
  return JSON.stringify(summaryOf(reviews, gate), null, 2) + "\n";
}
