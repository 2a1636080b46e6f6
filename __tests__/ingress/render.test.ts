import { renderForward, renderNotFound, renderRedirectToHttps } from "../../src/ingress/actions";
import { renderListenerConditions } from "../../src/ingress/listener-conditions";
import { DEFAULT_HEALTH_CHECK, renderApplicationHealthCheck, renderNetworkHealthCheck } from "../../src/ingress/health-check";
import { targetGroupName } from "../../src/ingress/names";
import { NETWORK_PROTOCOL_COMPATIBILITY } from "../../src/ingress/network-listener";
import { securityGroupPorts } from "../../src/ingress/network-load-balancer";

describe("listener actions", () => {
  test("the default action is a plain-text 404", () => {
    expect(renderNotFound()).toEqual({
      type: "fixed-response",
      fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not Found" },
    });
  });

  test("the redirect is a permanent one to HTTPS on the given port, keeping host, path and query", () => {
    expect(renderRedirectToHttps(443)).toEqual({
      type: "redirect",
      redirect: { protocol: "HTTPS", port: "443", host: "#{host}", path: "/#{path}", query: "#{query}", statusCode: "HTTP_301" },
    });
  });

  test("forward names the target group", () => {
    expect(renderForward("arn:tg")).toEqual({ type: "forward", targetGroupArn: "arn:tg" });
  });
});

describe("renderListenerConditions", () => {
  test("renders one condition per kind, host first", () => {
    expect(renderListenerConditions({ hostHeaders: ["a.example.com", "b.example.com"], pathPatterns: ["/api/*"] })).toEqual([
      { hostHeader: { values: ["a.example.com", "b.example.com"] } },
      { pathPattern: { values: ["/api/*"] } },
    ]);
  });

  test("leaves out a kind with no values", () => {
    expect(renderListenerConditions({ pathPatterns: ["/*"] })).toEqual([{ pathPattern: { values: ["/*"] } }]);
    expect(renderListenerConditions({ hostHeaders: ["x.example.com"], pathPatterns: [] })).toEqual([
      { hostHeader: { values: ["x.example.com"] } },
    ]);
  });

  test("renders one header condition per header name, each query pair, source IPs and methods", () => {
    expect(
      renderListenerConditions({
        httpHeaders: { "X-A": ["1"], "X-B": ["2", "3"] },
        queryStrings: [{ value: "v" }, { key: "k", value: "w" }],
        sourceIps: ["10.0.0.0/8"],
        httpRequestMethods: ["GET"],
      }),
    ).toEqual([
      { httpHeader: { httpHeaderName: "X-A", values: ["1"] } },
      { httpHeader: { httpHeaderName: "X-B", values: ["2", "3"] } },
      {
        queryString: [
          { key: undefined, value: "v" },
          { key: "k", value: "w" },
        ],
      },
      { sourceIp: { values: ["10.0.0.0/8"] } },
      { httpRequestMethod: { values: ["GET"] } },
    ]);
  });
});

describe("health check rendering", () => {
  test("an HTTP group checks / for 200 with the library's timing", () => {
    expect(renderApplicationHealthCheck(undefined, "HTTP", "HTTP1")).toEqual({
      enabled: true,
      protocol: "HTTP",
      path: "/",
      matcher: "200",
      interval: DEFAULT_HEALTH_CHECK.intervalSeconds,
      timeout: DEFAULT_HEALTH_CHECK.timeoutSeconds,
      healthyThreshold: DEFAULT_HEALTH_CHECK.healthyThreshold,
      unhealthyThreshold: DEFAULT_HEALTH_CHECK.unhealthyThreshold,
      port: "traffic-port",
    });
  });

  test("a gRPC group checks the gRPC health path and accepts code 12", () => {
    expect(renderApplicationHealthCheck(undefined, "HTTPS", "GRPC")).toMatchObject({
      protocol: "HTTPS",
      path: "/AWS.ALB/healthcheck",
      matcher: "12",
    });
  });

  test("given settings win over the defaults", () => {
    const hc = {
      path: "/healthz",
      matcher: "200-299",
      intervalSeconds: 30,
      timeoutSeconds: 10,
      healthyThreshold: 5,
      unhealthyThreshold: 2,
      port: "9000",
    };
    expect(renderApplicationHealthCheck(hc, "HTTP", "HTTP1")).toMatchObject({
      path: "/healthz",
      matcher: "200-299",
      interval: 30,
      timeout: 10,
      healthyThreshold: 5,
      unhealthyThreshold: 2,
      port: "9000",
    });
  });

  test("a network group checks TCP by default, with no path or matcher", () => {
    const hc = renderNetworkHealthCheck(undefined);
    expect(hc).toMatchObject({ protocol: "TCP", interval: 10, port: "traffic-port" });
    expect(hc.path).toBeUndefined();
    expect(hc.matcher).toBeUndefined();
  });

  test("a network group with an HTTP check gets / and 200-399", () => {
    expect(renderNetworkHealthCheck({ protocol: "HTTP" })).toMatchObject({ protocol: "HTTP", path: "/", matcher: "200-399" });
  });
});

describe("targetGroupName", () => {
  const settings = { port: 8080, protocol: "HTTP", protocolVersion: "HTTP1", targetType: "ip", vpc: "vpc-1" };

  test("appends a 6-digit hash and stays deterministic", () => {
    const name = targetGroupName("acme-web", settings);
    expect(name).toMatch(/^acme-web-[0-9a-f]{6}$/);
    expect(targetGroupName("acme-web", { ...settings })).toBe(name);
  });

  test("the hash ignores key order", () => {
    const reordered = { vpc: "vpc-1", targetType: "ip", protocolVersion: "HTTP1", protocol: "HTTP", port: 8080 };
    expect(targetGroupName("acme-web", reordered)).toBe(targetGroupName("acme-web", settings));
  });

  test.each([
    ["port", 8081],
    ["protocol", "HTTPS"],
    ["protocolVersion", "HTTP2"],
    ["vpc", "vpc-2"],
  ])("changes when %s changes (a replacement needs a free name)", (key, value) => {
    expect(targetGroupName("acme-web", { ...settings, [key]: value })).not.toBe(targetGroupName("acme-web", settings));
  });
});

describe("network listener protocols", () => {
  test("TCP_UDP listeners only forward to TCP_UDP groups; TLS to TCP or TLS", () => {
    expect(NETWORK_PROTOCOL_COMPATIBILITY.TCP_UDP).toEqual(["TCP_UDP"]);
    expect(NETWORK_PROTOCOL_COMPATIBILITY.TLS).toEqual(["TCP", "TLS"]);
  });

  test("TCP_UDP opens both transports in the security group; TLS opens TCP", () => {
    expect(securityGroupPorts(53, "TCP_UDP").map((p) => p.label)).toEqual(["tcp/53", "udp/53"]);
    expect(securityGroupPorts(8883, "TLS").map((p) => p.label)).toEqual(["tcp/8883"]);
    expect(securityGroupPorts(514, "UDP").map((p) => p.label)).toEqual(["udp/514"]);
  });
});
