import { warn } from "../core/warnings";
import { IConstruct } from "constructs";
import { EcsServiceServiceConnectConfiguration } from "@cdktf/provider-aws/lib/ecs-service";
import { fail, isToken } from "../core/errors";
import { checkArn } from "../core/arn";
import { checkIntegerRange, checkPort, checkUnique } from "../core/validate";
import type { INamespace } from "../cluster/types";
import type { AppProtocol } from "../task/container";

/**
 * TLS between Service Connect proxies: ECS issues, rotates and distributes certificates from an AWS
 * Private CA for the endpoint, with the ECS infrastructure role.
 */
export interface ServiceConnectTls {
  /** ARN of the AWS Private CA (`arn:aws:acm-pca:<region>:<account>:certificate-authority/<id>`) that issues the certificates. */
  readonly certificateAuthorityArn: string;
  /** Customer managed KMS key ECS encrypts the certificates' private keys with. @default - a key AWS owns */
  readonly kmsKeyArn?: string;
  /**
   * Infrastructure role ECS issues certificates with.
   * @default - the service's ECS infrastructure role, with AWS's managed Service Connect TLS policy (and `kmsKeyArn`)
   */
  readonly roleArn?: string;
}

/** A port this service offers to others in the namespace. */
export interface ServiceConnectEndpoint {
  /** A named port mapping of the task definition. */
  readonly portName: string;
  /** Cloud Map service name. @default - the port name */
  readonly discoveryName?: string;
  /** Name clients use. @default - `<discoveryName>.<namespace>` */
  readonly dnsName?: string;
  /** Port clients use. @default - the container port */
  readonly port?: number;
  /** Port the Service Connect proxy listens on in the task, when the container port must stay free. @default - the container port */
  readonly ingressPortOverride?: number;
  /**
   * Seconds a connection may stay idle before the proxy closes it; `0` turns the idle timeout off.
   * @default - AWS's: 300 for http/http2/grpc ports, 3600 for TCP
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * Seconds the proxy waits for the complete response to one request; `0` turns it off. Only for ports
   * with an `appProtocol` (http, http2, grpc). AWS's 15 seconds cuts off slow requests, uploads and streams.
   * @default - AWS's: 15
   */
  readonly perRequestTimeoutSeconds?: number;
  /** Encrypt traffic to this endpoint with TLS 1.3 certificates from an AWS Private CA. @default - plaintext between proxies */
  readonly tls?: ServiceConnectTls;
}

/** Service Connect for a service: the namespace it joins and the ports it offers (none for a client only). */
export interface ServiceConnectOptions {
  /** The Cloud Map namespace clients and servers share. @default - the cluster's default namespace */
  readonly namespace?: INamespace;
  /** Ports to offer. Leave empty for a client-only service. @default [] */
  readonly endpoints?: readonly ServiceConnectEndpoint[];
}

/** An endpoint with its container port (and application protocol) looked up. */
export interface ResolvedEndpoint extends ServiceConnectEndpoint {
  /** The container port the named port mapping maps, which clients reach when `port` is not set. */
  readonly containerPort: number;
  /** The port mapping's application protocol; without one the port is plain TCP. @default - TCP */
  readonly appProtocol?: AppProtocol;
}

const DISCOVERY_NAME = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** The largest timeout ECS accepts (a 32-bit signed integer of seconds). */
const MAX_TIMEOUT_SECONDS = 2147483647;

/** Fails on duplicate port or discovery names, a bad discovery name, or a port outside 1 to 65535. */
export function checkServiceConnect(scope: IConstruct, property: string, endpoints: readonly ServiceConnectEndpoint[]): void {
  checkUnique(
    scope,
    "SERVICE_CONNECT_DUPLICATE_PORT",
    `${property}.endpoints.portName`,
    endpoints.map((e) => e.portName),
  );
  checkUnique(
    scope,
    "SERVICE_CONNECT_DUPLICATE_NAME",
    `${property}.endpoints.discoveryName`,
    endpoints.map((e) => e.discoveryName ?? e.portName),
  );
  endpoints.forEach((e, i) => {
    const at = `${property}.endpoints[${i}]`;
    if (e.discoveryName !== undefined && !isToken(e.discoveryName) && !DISCOVERY_NAME.test(e.discoveryName)) {
      fail(scope, {
        code: "SERVICE_CONNECT_DISCOVERY_NAME",
        property: `${at}.discoveryName`,
        value: e.discoveryName,
        allowed: "1 to 64 lowercase letters, digits and inner hyphens",
      });
    }
    checkPort(scope, "SERVICE_CONNECT_PORT", `${at}.port`, e.port);
    checkPort(scope, "SERVICE_CONNECT_PORT", `${at}.ingressPortOverride`, e.ingressPortOverride);
    checkIntegerRange(
      scope,
      "SERVICE_CONNECT_TIMEOUT",
      `${at}.idleTimeoutSeconds`,
      e.idleTimeoutSeconds,
      0,
      MAX_TIMEOUT_SECONDS,
      "seconds",
    );
    checkIntegerRange(
      scope,
      "SERVICE_CONNECT_TIMEOUT",
      `${at}.perRequestTimeoutSeconds`,
      e.perRequestTimeoutSeconds,
      0,
      MAX_TIMEOUT_SECONDS,
      "seconds",
    );
    if (e.tls) {
      checkArn(scope, "SERVICE_CONNECT_TLS_CA", `${at}.tls.certificateAuthorityArn`, e.tls.certificateAuthorityArn, "privateCa");
      checkArn(scope, "SERVICE_CONNECT_TLS_KMS_KEY", `${at}.tls.kmsKeyArn`, e.tls.kmsKeyArn, "kmsKey");
      checkArn(scope, "SERVICE_CONNECT_TLS_ROLE", `${at}.tls.roleArn`, e.tls.roleArn, "iamRole");
    }
  });
}

/** Checks what needs the port's application protocol: a per-request timeout only applies to HTTP-family ports. */
export function checkResolvedEndpoints(scope: IConstruct, property: string, endpoints: readonly ResolvedEndpoint[]): void {
  endpoints.forEach((e, i) => {
    const at = `${property}.endpoints[${i}]`;
    if (e.perRequestTimeoutSeconds !== undefined && e.appProtocol === undefined) {
      fail(scope, {
        code: "SERVICE_CONNECT_TIMEOUT_NEEDS_HTTP",
        property: `${at}.perRequestTimeoutSeconds`,
        value: e.perRequestTimeoutSeconds,
        allowed: `no per-request timeout on TCP port ${e.portName} (set appProtocol http, http2 or grpc on the port mapping, or use idleTimeoutSeconds)`,
      });
    }
    const idle = e.idleTimeoutSeconds;
    const perRequest = e.perRequestTimeoutSeconds;
    if (idle !== undefined && perRequest !== undefined && !isToken(idle) && !isToken(perRequest) && idle > 0 && idle < perRequest) {
      warn(
        scope,
        "SERVICE_CONNECT_IDLE_TIMEOUT",
        `Service Connect port ${e.portName}: idleTimeoutSeconds (${idle}) is below perRequestTimeoutSeconds (${perRequest}), so an idle connection closes before a slow request times out.`,
      );
    }
  });
}

/** The `service_connect_configuration` block; the proxy logs into the task definition's log group. */
export function renderServiceConnect(
  namespaceArn: string,
  endpoints: readonly ResolvedEndpoint[],
  logOptions: Record<string, string>,
  infrastructureRoleArn?: string,
): EcsServiceServiceConnectConfiguration {
  return {
    enabled: true,
    namespace: namespaceArn,
    logConfiguration: { logDriver: "awslogs", options: logOptions },
    // A client-only service has no `service` blocks.
    service:
      endpoints.length === 0
        ? undefined
        : endpoints.map((e) => ({
            portName: e.portName,
            discoveryName: e.discoveryName ?? e.portName,
            clientAlias: { port: e.port ?? e.containerPort, dnsName: e.dnsName },
            ingressPortOverride: e.ingressPortOverride,
            timeout:
              e.idleTimeoutSeconds === undefined && e.perRequestTimeoutSeconds === undefined
                ? undefined
                : { idleTimeoutSeconds: e.idleTimeoutSeconds, perRequestTimeoutSeconds: e.perRequestTimeoutSeconds },
            tls: e.tls && {
              issuerCertAuthority: { awsPcaAuthorityArn: e.tls.certificateAuthorityArn },
              kmsKey: e.tls.kmsKeyArn,
              roleArn: e.tls.roleArn ?? infrastructureRoleArn,
            },
          })),
  };
}

/** True when an endpoint uses TLS without bringing its own role, so the service must create one. */
export function needsInfrastructureRoleForTls(endpoints: readonly ServiceConnectEndpoint[]): boolean {
  return endpoints.some((e) => e.tls !== undefined && e.tls.roleArn === undefined);
}
