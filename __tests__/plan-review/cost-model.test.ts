import { join } from "node:path";
import { loadPriceTable } from "../../src/plan-review";
import {
  cents,
  ec2Monthly,
  fargateMonthly,
  interfaceEndpointMonthly,
  loadBalancerMonthly,
  splitTasks,
} from "../../src/plan-review/cost-model";

const table = loadPriceTable(join(__dirname, "fixtures", "prices-2025-06-01.json"));
const usEast1 = table.regions["us-east-1"];
const HOURS = 730;

describe("fargateMonthly", () => {
  test("3 tasks of 1 vCPU / 2 GB on ARM64 Fargate", () => {
    // 3 × (1 × 0.03238 + 2 × 0.00356) × 730
    const monthly = fargateMonthly({ tasks: 3, vcpu: 1, memoryGiB: 2, architecture: "ARM64", capacity: "FARGATE" }, usEast1, HOURS);
    expect(monthly).toBeCloseTo(86.505, 6);
  });

  test("the same on Fargate Spot", () => {
    // 3 × (1 × 0.01067242 + 2 × 0.00117191) × 730
    const monthly = fargateMonthly({ tasks: 3, vcpu: 1, memoryGiB: 2, architecture: "ARM64", capacity: "FARGATE_SPOT" }, usEast1, HOURS);
    expect(monthly).toBeCloseTo(28.5055656, 6);
  });

  test("x86 costs more than ARM64 for the same task", () => {
    const task = { tasks: 1, vcpu: 0.25, memoryGiB: 0.5, capacity: "FARGATE" } as const;
    expect(fargateMonthly({ ...task, architecture: "X86_64" }, usEast1, HOURS)).toBeGreaterThan(
      fargateMonthly({ ...task, architecture: "ARM64" }, usEast1, HOURS),
    );
  });
});

describe("splitTasks", () => {
  test("fills the base first, then shares the rest by weight", () => {
    expect(
      splitTasks(3, [
        { capacityProvider: "FARGATE", base: 1, weight: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 3 },
      ]),
    ).toEqual({ FARGATE: 1.5, FARGATE_SPOT: 1.5 });
  });

  test("puts everything on the base provider when the count does not exceed the base", () => {
    expect(
      splitTasks(2, [
        { capacityProvider: "FARGATE", base: 2, weight: 0 },
        { capacityProvider: "FARGATE_SPOT", weight: 1 },
      ]),
    ).toEqual({ FARGATE: 2, FARGATE_SPOT: 0 });
  });

  test("a base larger than the desired count takes only the tasks there are", () => {
    expect(
      splitTasks(2, [
        { capacityProvider: "FARGATE", base: 3, weight: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 1 },
      ]),
    ).toEqual({ FARGATE: 2, FARGATE_SPOT: 0 });
  });

  test("a provider without a weight gets its base only; without any weight, tasks past the bases are not placed", () => {
    expect(
      splitTasks(5, [
        { capacityProvider: "FARGATE", base: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 2 },
      ]),
    ).toEqual({ FARGATE: 1, FARGATE_SPOT: 4 });
    expect(splitTasks(5, [{ capacityProvider: "FARGATE", base: 2 }])).toEqual({ FARGATE: 2 });
    expect(splitTasks(0, [{ capacityProvider: "FARGATE", weight: 1 }])).toEqual({ FARGATE: 0 });
  });

  test("a launch type is a one-item strategy", () => {
    expect(splitTasks(4, [{ capacityProvider: "FARGATE", weight: 1 }])).toEqual({ FARGATE: 4 });
  });
});

describe("other prices", () => {
  test("EC2 instances at the on-demand price; an unknown type has no price", () => {
    expect(ec2Monthly("m7g.large", 2, usEast1, HOURS)).toBeCloseTo(2 * 0.0816 * 730, 6);
    expect(ec2Monthly("x99.huge", 1, usEast1, HOURS)).toBeUndefined();
  });

  test("a load balancer is its hourly charge plus the assumed capacity units", () => {
    expect(loadBalancerMonthly("application", 1, usEast1, HOURS)).toBeCloseTo((0.0225 + 0.008) * 730, 6);
    expect(loadBalancerMonthly("network", 0, usEast1, HOURS)).toBeCloseTo(0.0225 * 730, 6);
  });

  test("an interface endpoint is billed per AZ-hour", () => {
    expect(interfaceEndpointMonthly(3, table.regions["eu-west-1"], HOURS)).toBeCloseTo(3 * 0.011 * 730, 6);
  });

  test("cents rounds half up to two decimals", () => {
    expect(cents(86.505)).toBe(86.51);
    expect(cents(28.5055656)).toBe(28.51);
    expect(cents(1.234)).toBe(1.23);
    // 1.005 and 0.285 are stored just below the half cent: they still round up, as a price list reads.
    expect(cents(1.005)).toBe(1.01);
    expect(cents(0.285)).toBe(0.29);
  });
});
