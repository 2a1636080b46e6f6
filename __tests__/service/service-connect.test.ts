import { renderServiceConnect } from "../../src/service/service-connect";
import { PlacementStrategies, renderPlacementConstraints, renderPlacementStrategies } from "../../src/service/placement";

describe("renderServiceConnect", () => {
  const logs = { "awslogs-group": "/ecs/api", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "service-connect" };

  test("a server endpoint defaults its discovery name to the port name and its client port to the container port", () => {
    expect(renderServiceConnect("arn:ns", [{ portName: "http", containerPort: 8080 }], logs)).toEqual({
      enabled: true,
      namespace: "arn:ns",
      logConfiguration: { logDriver: "awslogs", options: logs },
      service: [{ portName: "http", discoveryName: "http", clientAlias: { port: 8080, dnsName: undefined } }],
    });
  });

  test("explicit discovery name, DNS name and client port win; no endpoints means client only", () => {
    const [svc] = renderServiceConnect(
      "arn:ns",
      [{ portName: "http", discoveryName: "api", dnsName: "api.internal", port: 80, containerPort: 8080 }],
      logs,
    ).service as any[];
    expect(svc).toEqual({ portName: "http", discoveryName: "api", clientAlias: { port: 80, dnsName: "api.internal" } });
    expect(renderServiceConnect("arn:ns", [], logs).service).toBeUndefined();
  });
});

describe("placement rendering", () => {
  test("renders strategies in order and constraints by type", () => {
    expect(
      renderPlacementStrategies([PlacementStrategies.spreadAcrossAzs, PlacementStrategies.binpackMemory, PlacementStrategies.random]),
    ).toEqual([{ type: "spread", field: "attribute:ecs.availability-zone" }, { type: "binpack", field: "memory" }, { type: "random" }]);
    expect(
      renderPlacementConstraints([
        { type: "distinctInstance" },
        { type: "memberOf", expression: "attribute:ecs.cpu-architecture == arm64" },
      ]),
    ).toEqual([{ type: "distinctInstance" }, { type: "memberOf", expression: "attribute:ecs.cpu-architecture == arm64" }]);
  });
});
