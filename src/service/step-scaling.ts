import { IConstruct } from "constructs";
import { fail, isToken } from "../core/errors";
import { checkIntegerRange, checkOneOf, checkUnique } from "../core/validate";

/** CloudWatch statistic the step scaling alarm evaluates over each period. */
export type MetricStatistic = "Average" | "Sum" | "Minimum" | "Maximum" | "SampleCount";
/** How a step's `change` applies: tasks added or removed, a percent of the current count, or the exact count. */
export type AdjustmentType = "ChangeInCapacity" | "PercentChangeInCapacity" | "ExactCapacity";

/** A CloudWatch metric, e.g. an SQS queue's `ApproximateNumberOfMessagesVisible`. */
export interface MetricOptions {
  /** CloudWatch namespace, e.g. `AWS/SQS`. */
  readonly namespace: string;
  /** Metric name, e.g. `ApproximateNumberOfMessagesVisible`. */
  readonly metricName: string;
  /** Metric dimensions, e.g. `{ QueueName: "jobs" }`. @default {} */
  readonly dimensions?: Record<string, string>;
  /** Statistic the alarm evaluates. @default "Average" */
  readonly statistic?: MetricStatistic;
  /** Alarm period in seconds: 10, 30 or a multiple of 60 that CloudWatch accepts. @default 60 */
  readonly periodSeconds?: number;
}

/** Add (or set) capacity when the metric is at or above `from`. */
export interface ScaleOutStep {
  /** Metric value (inclusive) from which this step applies, up to the next step's `from`. */
  readonly from: number;
  /** Tasks to add (`ChangeInCapacity`), percent to add, or the exact count; positive. */
  readonly change: number;
}

/** Remove (or set) capacity when the metric is at or below `upTo`. */
export interface ScaleInStep {
  /** Metric value (inclusive) up to which this step applies, down to the next step's `upTo`. */
  readonly upTo: number;
  /** Tasks to remove, as a negative number (`ChangeInCapacity`), or the exact count. */
  readonly change: number;
}

/**
 * Step scaling on any CloudWatch metric. For a queue worker:
 * `{ metric: queueDepth, scaleOut: [{ from: 1, change: 1 }, { from: 100, change: 5 }], scaleIn: [{ upTo: 0, change: -1 }] }`.
 */
export interface StepScalingOptions {
  /** The metric the scale-out and scale-in alarms watch. */
  readonly metric: MetricOptions;
  /** Steps that add capacity, any order. @default [] */
  readonly scaleOut?: readonly ScaleOutStep[];
  /** Steps that remove capacity, any order. @default [] */
  readonly scaleIn?: readonly ScaleInStep[];
  /** How each step's `change` applies to the task count. @default "ChangeInCapacity" */
  readonly adjustmentType?: AdjustmentType;
  /** Seconds after an adjustment before another one. @default 60 */
  readonly cooldownSeconds?: number;
  /** Periods the metric must be past a threshold before scaling. @default 1 */
  readonly evaluationPeriods?: number;
}

/** One alarm + step policy pair, rendered from {@link StepScalingOptions}. */
export interface RenderedStepDirection {
  /** The alarm threshold: the lowest `from` (scale out) or the highest `upTo` (scale in). */
  readonly threshold: number;
  /** `>=` for scale out, `<=` for scale in. */
  readonly comparisonOperator: "GreaterThanOrEqualToThreshold" | "LessThanOrEqualToThreshold";
  /** Bounds relative to the threshold, as Application Auto Scaling takes them (strings in the provider). */
  readonly adjustments: ReadonlyArray<{ readonly lowerBound?: number; readonly upperBound?: number; readonly change: number }>;
}

/** The scale-out and scale-in alarm + policy pairs of one step scaling option; a direction without steps is absent. */
export interface RenderedStepScaling {
  /** The scale-out pair, when there are scale-out steps. */
  readonly scaleOut?: RenderedStepDirection;
  /** The scale-in pair, when there are scale-in steps. */
  readonly scaleIn?: RenderedStepDirection;
}

/** Checks the steps: non-empty, changes point the right way, no overlap between directions. */
export function checkStepScaling(scope: IConstruct, property: string, options: StepScalingOptions): void {
  const scaleOut = options.scaleOut ?? [];
  const scaleIn = options.scaleIn ?? [];
  const adjustmentType = options.adjustmentType ?? "ChangeInCapacity";
  checkOneOf(scope, "STEP_SCALING_ADJUSTMENT_TYPE", `${property}.adjustmentType`, adjustmentType, [
    "ChangeInCapacity",
    "PercentChangeInCapacity",
    "ExactCapacity",
  ]);
  checkOneOf(scope, "STEP_SCALING_STATISTIC", `${property}.metric.statistic`, options.metric.statistic ?? "Average", [
    "Average",
    "Sum",
    "Minimum",
    "Maximum",
    "SampleCount",
  ]);
  checkOneOf(
    scope,
    "STEP_SCALING_PERIOD",
    `${property}.metric.periodSeconds`,
    options.metric.periodSeconds ?? 60,
    [10, 30, 60, 120, 300, 600, 900, 3600, 21600, 86400],
  );
  checkIntegerRange(scope, "STEP_SCALING_COOLDOWN", `${property}.cooldownSeconds`, options.cooldownSeconds, 0, 3600, "seconds");
  checkIntegerRange(scope, "STEP_SCALING_EVALUATION_PERIODS", `${property}.evaluationPeriods`, options.evaluationPeriods, 1, 100);
  if (scaleOut.length === 0 && scaleIn.length === 0) {
    fail(scope, { code: "STEP_SCALING_NO_STEPS", property, value: options, allowed: "at least one scaleOut or scaleIn step" });
  }
  const exact = adjustmentType === "ExactCapacity";
  scaleOut.forEach((step, i) => {
    if (!isToken(step.change) && (exact ? step.change < 0 : step.change <= 0)) {
      fail(scope, {
        code: "STEP_SCALING_DIRECTION",
        property: `${property}.scaleOut[${i}].change`,
        value: step.change,
        allowed: exact ? "a capacity of 0 or more" : "a positive change",
      });
    }
  });
  scaleIn.forEach((step, i) => {
    if (!isToken(step.change) && (exact ? step.change < 0 : step.change >= 0)) {
      fail(scope, {
        code: "STEP_SCALING_DIRECTION",
        property: `${property}.scaleIn[${i}].change`,
        value: step.change,
        allowed: exact ? "a capacity of 0 or more" : "a negative change",
      });
    }
  });
  checkUnique(
    scope,
    "STEP_SCALING_DUPLICATE_BOUND",
    `${property}.scaleOut.from`,
    scaleOut.map((s) => String(s.from)),
  );
  checkUnique(
    scope,
    "STEP_SCALING_DUPLICATE_BOUND",
    `${property}.scaleIn.upTo`,
    scaleIn.map((s) => String(s.upTo)),
  );
  if (scaleOut.length > 0 && scaleIn.length > 0) {
    const lowestOut = Math.min(...scaleOut.map((s) => s.from));
    const highestIn = Math.max(...scaleIn.map((s) => s.upTo));
    if (highestIn >= lowestOut) {
      fail(scope, {
        code: "STEP_SCALING_OVERLAP",
        property: `${property}.scaleIn`,
        value: highestIn,
        allowed: `scale-in bounds below the lowest scale-out bound (${lowestOut}), so one metric value never triggers both`,
      });
    }
  }
}

/**
 * Turns absolute steps into one alarm threshold per direction and step adjustments relative to it.
 * Scale out: the threshold is the lowest `from`; each step covers [from, next from). Scale in: the
 * threshold is the highest `upTo`; each step covers (next upTo, upTo].
 */
export function renderStepScaling(options: StepScalingOptions): RenderedStepScaling {
  const out = [...(options.scaleOut ?? [])].sort((a, b) => a.from - b.from);
  const inSteps = [...(options.scaleIn ?? [])].sort((a, b) => b.upTo - a.upTo);
  const result: { scaleOut?: RenderedStepDirection; scaleIn?: RenderedStepDirection } = {};
  if (out.length > 0) {
    const threshold = out[0].from;
    result.scaleOut = {
      threshold,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      adjustments: out.map((step, i) => ({
        lowerBound: step.from - threshold,
        upperBound: i + 1 < out.length ? out[i + 1].from - threshold : undefined,
        change: step.change,
      })),
    };
  }
  if (inSteps.length > 0) {
    const threshold = inSteps[0].upTo;
    result.scaleIn = {
      threshold,
      comparisonOperator: "LessThanOrEqualToThreshold",
      adjustments: inSteps.map((step, i) => ({
        lowerBound: i + 1 < inSteps.length ? inSteps[i + 1].upTo - threshold : undefined,
        upperBound: step.upTo - threshold,
        change: step.change,
      })),
    };
  }
  return result;
}
