import { IConstruct } from "constructs";
import { LbTargetGroupHealthCheck } from "@cdktf/provider-aws/lib/lb-target-group";
import { fail, isToken } from "../core/errors";
import { checkIntegerRange } from "../core/validate";

/** Health check settings shared by application and network target groups. */
export interface HealthCheckOptions {
  /**
   * Path requested by HTTP(S) health checks, starting with `/`.
   * @default "/" ("/AWS.ALB/healthcheck" for gRPC target groups)
   */
  readonly path?: string;
  /**
   * Status codes that mean healthy: `"200"`, `"200-299"` or `"200,302"` (gRPC codes for gRPC groups).
   * @default "200" ("12" for gRPC target groups, "200-399" for network target groups)
   */
  readonly matcher?: string;
  /** Seconds between checks, 5 to 300. @default 10 */
  readonly intervalSeconds?: number;
  /** Seconds without a response that fail a check, 2 to 120 and less than the interval. @default 5 */
  readonly timeoutSeconds?: number;
  /** Consecutive successes before an unhealthy target is healthy, 2 to 10. @default 2 */
  readonly healthyThreshold?: number;
  /** Consecutive failures before a healthy target is unhealthy, 2 to 10. @default 3 */
  readonly unhealthyThreshold?: number;
  /** Port checked: `"traffic-port"` or a port number as a string. @default "traffic-port" */
  readonly port?: string;
}

/** Health check settings of a network target group. */
export interface NetworkHealthCheckOptions extends HealthCheckOptions {
  /** How targets are checked; `path` and `matcher` need HTTP or HTTPS. @default "TCP" */
  readonly protocol?: "TCP" | "HTTP" | "HTTPS";
}

/** AWS limits on health check settings (the same for application and network target groups). */
export const HEALTH_CHECK_LIMITS = {
  intervalSeconds: { min: 5, max: 300 },
  timeoutSeconds: { min: 2, max: 120 },
  healthyThreshold: { min: 2, max: 10 },
  unhealthyThreshold: { min: 2, max: 10 },
} as const;

/**
 * Faster than AWS's defaults (30 s interval, 5 healthy checks: 2.5 minutes before a new task takes
 * traffic): a task is healthy after 2 checks 10 s apart and taken out after 3 failed ones.
 */
export const DEFAULT_HEALTH_CHECK = {
  intervalSeconds: 10,
  timeoutSeconds: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 3,
  port: "traffic-port",
} as const;

/** Checks every numeric setting against AWS's ranges, the port, the path and the matcher. */
export function checkHealthCheck(scope: IConstruct, code: string, hc: HealthCheckOptions | undefined): void {
  if (!hc) return;
  for (const key of Object.keys(HEALTH_CHECK_LIMITS) as Array<keyof typeof HEALTH_CHECK_LIMITS>) {
    const { min, max } = HEALTH_CHECK_LIMITS[key];
    checkIntegerRange(scope, code, `healthCheck.${key}`, hc[key], min, max, key.endsWith("Seconds") ? "seconds" : "");
  }
  const interval = hc.intervalSeconds ?? DEFAULT_HEALTH_CHECK.intervalSeconds;
  const timeout = hc.timeoutSeconds ?? DEFAULT_HEALTH_CHECK.timeoutSeconds;
  if (!isToken(interval) && !isToken(timeout) && timeout >= interval) {
    fail(scope, {
      code,
      property: "healthCheck.timeoutSeconds",
      value: timeout,
      allowed: `a timeout shorter than the interval (${interval} seconds)`,
    });
  }
  if (hc.port !== undefined && !isToken(hc.port) && hc.port !== "traffic-port") {
    const port = Number(hc.port);
    if (!/^\d+$/.test(hc.port) || port < 1 || port > 65535) {
      fail(scope, { code, property: "healthCheck.port", value: hc.port, allowed: '"traffic-port" or a port from 1 to 65535' });
    }
  }
  if (hc.path !== undefined && !isToken(hc.path) && (!hc.path.startsWith("/") || hc.path.length > 1024)) {
    fail(scope, { code, property: "healthCheck.path", value: hc.path, allowed: 'a path starting with "/", at most 1024 characters' });
  }
  if (hc.matcher !== undefined && !isToken(hc.matcher) && !/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(hc.matcher)) {
    fail(scope, {
      code,
      property: "healthCheck.matcher",
      value: hc.matcher,
      allowed: 'status codes such as "200", "200-299" or "200,302"',
    });
  }
}

/** The `health_check` block of an application target group (type `ip`). */
export function renderApplicationHealthCheck(
  hc: HealthCheckOptions | undefined,
  protocol: "HTTP" | "HTTPS",
  protocolVersion: "HTTP1" | "HTTP2" | "GRPC" | undefined,
): LbTargetGroupHealthCheck {
  const grpc = protocolVersion === "GRPC";
  return {
    enabled: true,
    protocol,
    path: hc?.path ?? (grpc ? "/AWS.ALB/healthcheck" : "/"),
    // gRPC status 12 (UNIMPLEMENTED) is what the default gRPC health check path returns from a live server.
    matcher: hc?.matcher ?? (grpc ? "12" : "200"),
    ...renderTiming(hc),
  };
}

/** The `health_check` block of a network target group (type `ip`). */
export function renderNetworkHealthCheck(hc: NetworkHealthCheckOptions | undefined): LbTargetGroupHealthCheck {
  const protocol = hc?.protocol ?? "TCP";
  const http = protocol !== "TCP";
  return {
    enabled: true,
    protocol,
    ...(http ? { path: hc?.path ?? "/", matcher: hc?.matcher ?? "200-399" } : {}),
    ...renderTiming(hc),
  };
}

function renderTiming(hc: HealthCheckOptions | undefined): LbTargetGroupHealthCheck {
  return {
    interval: hc?.intervalSeconds ?? DEFAULT_HEALTH_CHECK.intervalSeconds,
    timeout: hc?.timeoutSeconds ?? DEFAULT_HEALTH_CHECK.timeoutSeconds,
    healthyThreshold: hc?.healthyThreshold ?? DEFAULT_HEALTH_CHECK.healthyThreshold,
    unhealthyThreshold: hc?.unhealthyThreshold ?? DEFAULT_HEALTH_CHECK.unhealthyThreshold,
    port: hc?.port ?? DEFAULT_HEALTH_CHECK.port,
  };
}
