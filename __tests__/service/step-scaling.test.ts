import { renderStepScaling } from "../../src/service/step-scaling";

const metric = { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: "jobs" } };

describe("renderStepScaling", () => {
  test("scale out: threshold at the lowest bound, steps relative to it, the last one open-ended", () => {
    const r = renderStepScaling({
      metric,
      scaleOut: [
        { from: 500, change: 5 },
        { from: 1, change: 1 },
        { from: 100, change: 2 },
      ],
    });
    expect(r.scaleOut).toEqual({
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      adjustments: [
        { lowerBound: 0, upperBound: 99, change: 1 },
        { lowerBound: 99, upperBound: 499, change: 2 },
        { lowerBound: 499, upperBound: undefined, change: 5 },
      ],
    });
    expect(r.scaleIn).toBeUndefined();
  });

  test("scale in: threshold at the highest bound, the first step ends at 0, the last is open below", () => {
    const r = renderStepScaling({
      metric,
      scaleIn: [
        { upTo: 0, change: -1 },
        { upTo: 10, change: -2 },
      ].reverse(),
    });
    expect(r.scaleIn).toEqual({
      threshold: 10,
      comparisonOperator: "LessThanOrEqualToThreshold",
      adjustments: [
        { lowerBound: -10, upperBound: 0, change: -2 },
        { lowerBound: undefined, upperBound: -10, change: -1 },
      ],
    });
  });

  test("a queue worker gets both directions", () => {
    const r = renderStepScaling({ metric, scaleOut: [{ from: 1, change: 1 }], scaleIn: [{ upTo: 0, change: -1 }] });
    expect(r.scaleOut?.threshold).toBe(1);
    expect(r.scaleIn?.threshold).toBe(0);
  });
});
