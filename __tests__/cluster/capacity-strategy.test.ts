import { App, Fn, TerraformStack, Token } from "cdktf";
import {
  checkCapacityProviderStrategy,
  defaultCapacityProviderStrategy,
  isFargateProvider,
  renderCapacityProviderStrategy,
  validateCapacityProviderStrategy,
} from "../../src/cluster/capacity-strategy";
import { ICluster } from "../../src/cluster/types";
import { errorOf } from "../helpers";

const PROVIDERS = ["FARGATE", "FARGATE_SPOT", "acme-test-general"];

/** The message `checkCapacityProviderStrategy` throws for `strategy` against `PROVIDERS`. */
function strategyError(strategy: Parameters<typeof checkCapacityProviderStrategy>[2], available = PROVIDERS): string {
  return errorOf((scope) => checkCapacityProviderStrategy(scope, "strategy", strategy, available));
}

describe("renderCapacityProviderStrategy", () => {
  test("defaults the weight to 1 and leaves base out unless it is set", () => {
    expect(
      renderCapacityProviderStrategy([
        { capacityProvider: "FARGATE", base: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 3 },
        { capacityProvider: "acme-test-general", base: 0, weight: 0 },
      ]),
    ).toEqual([
      { capacityProvider: "FARGATE", base: 1, weight: 1 },
      { capacityProvider: "FARGATE_SPOT", weight: 3 },
      { capacityProvider: "acme-test-general", base: 0, weight: 0 },
    ]);
  });
});

describe("defaultCapacityProviderStrategy", () => {
  test("with both Fargate providers: FARGATE base 1 weight 1, FARGATE_SPOT weight 3", () => {
    expect(defaultCapacityProviderStrategy({ fargate: true, fargateSpot: true, ec2CapacityProviderNames: ["x"] })).toEqual([
      { capacityProvider: "FARGATE", base: 1, weight: 1 },
      { capacityProvider: "FARGATE_SPOT", weight: 3 },
    ]);
  });

  test("with one Fargate provider: that provider alone", () => {
    expect(defaultCapacityProviderStrategy({ fargate: true, fargateSpot: false, ec2CapacityProviderNames: [] })).toEqual([
      { capacityProvider: "FARGATE", weight: 1 },
    ]);
    expect(defaultCapacityProviderStrategy({ fargate: false, fargateSpot: true, ec2CapacityProviderNames: [] })).toEqual([
      { capacityProvider: "FARGATE_SPOT", weight: 1 },
    ]);
  });

  test("without Fargate: every EC2 provider with weight 1; with nothing: no default", () => {
    expect(defaultCapacityProviderStrategy({ fargate: false, fargateSpot: false, ec2CapacityProviderNames: ["a", "b"] })).toEqual([
      { capacityProvider: "a", weight: 1 },
      { capacityProvider: "b", weight: 1 },
    ]);
    expect(defaultCapacityProviderStrategy({ fargate: false, fargateSpot: false, ec2CapacityProviderNames: [] })).toEqual([]);
  });
});

describe("checkCapacityProviderStrategy", () => {
  test("accepts a valid strategy, an empty one, and unresolved tokens", () => {
    const app = new App({ outdir: "/tmp/unused" });
    const stack = new TerraformStack(app, "ok");
    expect(() =>
      checkCapacityProviderStrategy(
        stack,
        "strategy",
        [
          { capacityProvider: "FARGATE", base: 2, weight: 1 },
          { capacityProvider: "FARGATE_SPOT", weight: 0 },
        ],
        PROVIDERS,
      ),
    ).not.toThrow();
    expect(() => checkCapacityProviderStrategy(stack, "strategy", [], PROVIDERS)).not.toThrow();
    const token = Token.asString(Fn.lower("X"));
    expect(() =>
      checkCapacityProviderStrategy(stack, "strategy", [{ capacityProvider: token, base: Token.asNumber(Fn.abs(1)) }], PROVIDERS),
    ).not.toThrow();
  });

  test("tells Fargate providers from EC2 ones by name", () => {
    expect(isFargateProvider("FARGATE_SPOT")).toBe(true);
    expect(isFargateProvider("acme-test-general")).toBe(false);
  });

  test("throws when a strategy names a capacity provider the cluster lacks", () => {
    expect(strategyError([{ capacityProvider: "FARGATE" }, { capacityProvider: "gpu" }])).toBe(
      'test: invalid strategy[1].capacityProvider "gpu": expected a capacity provider of the cluster: "FARGATE", "FARGATE_SPOT", "acme-test-general" [CLUSTER_STRATEGY_UNKNOWN_PROVIDER]',
    );
  });

  test("throws when the cluster has no capacity provider at all", () => {
    expect(strategyError([{ capacityProvider: "FARGATE" }], [])).toBe(
      'test: invalid strategy[0].capacityProvider "FARGATE": expected a capacity provider of the cluster (it has none) [CLUSTER_STRATEGY_UNKNOWN_PROVIDER]',
    );
  });

  test("throws when more than one provider has a base", () => {
    expect(
      strategyError([
        { capacityProvider: "FARGATE", base: 1 },
        { capacityProvider: "FARGATE_SPOT", base: 2 },
      ]),
    ).toBe(
      'test: invalid strategy ["FARGATE (base 1)","FARGATE_SPOT (base 2)"]: expected a base on at most one capacity provider [CLUSTER_STRATEGY_MULTIPLE_BASES]',
    );
  });

  test("throws when every weight is zero", () => {
    expect(
      strategyError([
        { capacityProvider: "FARGATE", base: 1, weight: 0 },
        { capacityProvider: "FARGATE_SPOT", weight: 0 },
      ]),
    ).toBe(
      'test: invalid strategy ["FARGATE (weight 0)","FARGATE_SPOT (weight 0)"]: expected at least one capacity provider with a weight above 0 (ECS places no task on weight-0 providers) [CLUSTER_STRATEGY_ZERO_WEIGHTS]',
    );
  });

  test("throws when a base is outside 0 to 100000", () => {
    expect(strategyError([{ capacityProvider: "FARGATE", base: 100001 }])).toBe(
      "test: invalid strategy[0].base 100001: expected an integer from 0 to 100000 [CLUSTER_STRATEGY_BASE]",
    );
  });

  test("throws when a weight is outside 0 to 1000", () => {
    expect(strategyError([{ capacityProvider: "FARGATE", weight: 1001 }])).toBe(
      "test: invalid strategy[0].weight 1001: expected an integer from 0 to 1000 [CLUSTER_STRATEGY_WEIGHT]",
    );
    expect(strategyError([{ capacityProvider: "FARGATE", weight: -1 }])).toBe(
      "test: invalid strategy[0].weight -1: expected an integer from 0 to 1000 [CLUSTER_STRATEGY_WEIGHT]",
    );
  });

  test("throws when a provider appears twice", () => {
    expect(strategyError([{ capacityProvider: "FARGATE" }, { capacityProvider: "FARGATE", weight: 2 }])).toBe(
      'test: invalid strategy[1].capacityProvider "FARGATE": expected each capacity provider at most once [CLUSTER_STRATEGY_DUPLICATE]',
    );
  });

  test("throws when Fargate and EC2 providers are mixed in one strategy", () => {
    expect(strategyError([{ capacityProvider: "FARGATE" }, { capacityProvider: "acme-test-general" }])).toBe(
      'test: invalid strategy ["FARGATE","acme-test-general"]: expected either Fargate providers (FARGATE, FARGATE_SPOT) or EC2 capacity providers in one strategy, not both [CLUSTER_STRATEGY_MIXED_KINDS]',
    );
  });
});

describe("validateCapacityProviderStrategy", () => {
  const cluster = {
    clusterName: "acme-test",
    clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/acme-test",
    capacityProviderNames: ["FARGATE"],
    ec2CapacityProviderNames: [],
    defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE" }],
    execAuditLogging: true,
  } as unknown as ICluster;

  test("checks a service's strategy against the cluster's providers, naming the caller's construct and property", () => {
    expect(
      errorOf((scope) =>
        validateCapacityProviderStrategy(scope, "capacityProviderStrategy", [{ capacityProvider: "FARGATE_SPOT" }], cluster),
      ),
    ).toBe(
      'test: invalid capacityProviderStrategy[0].capacityProvider "FARGATE_SPOT": expected a capacity provider of the cluster: "FARGATE" [CLUSTER_STRATEGY_UNKNOWN_PROVIDER]',
    );
    const app = new App({ outdir: "/tmp/unused" });
    expect(() =>
      validateCapacityProviderStrategy(new TerraformStack(app, "ok"), "s", [{ capacityProvider: "FARGATE", base: 1 }], cluster),
    ).not.toThrow();
  });
});
