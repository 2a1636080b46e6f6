import { IConstruct } from "constructs";
import { EcsServiceServiceConnectConfiguration } from "@cdktf/provider-aws/lib/ecs-service";
import { fail, isToken } from "../core/errors";
import { checkPort, checkUnique } from "../core/validate";
import type { INamespace } from "../cluster/types";

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
}

/** Service Connect for a service: the namespace it joins and the ports it offers (none for a client only). */
export interface ServiceConnectOptions {
  /** The Cloud Map namespace clients and servers share. @default - the cluster's default namespace */
  readonly namespace?: INamespace;
  /** Ports to offer. Leave empty for a client-only service. @default [] */
  readonly endpoints?: readonly ServiceConnectEndpoint[];
}

/** An endpoint with its container port looked up. */
export interface ResolvedEndpoint extends ServiceConnectEndpoint {
  /** The container port the named port mapping maps, which clients reach when `port` is not set. */
  readonly containerPort: number;
}

const DISCOVERY_NAME = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

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
    if (e.discoveryName !== undefined && !isToken(e.discoveryName) && !DISCOVERY_NAME.test(e.discoveryName)) {
      fail(scope, {
        code: "SERVICE_CONNECT_DISCOVERY_NAME",
        property: `${property}.endpoints[${i}].discoveryName`,
        value: e.discoveryName,
        allowed: "1 to 64 lowercase letters, digits and inner hyphens",
      });
    }
    checkPort(scope, "SERVICE_CONNECT_PORT", `${property}.endpoints[${i}].port`, e.port);
  });
}

/** The `service_connect_configuration` block; the proxy logs into the task definition's log group. */
export function renderServiceConnect(
  namespaceArn: string,
  endpoints: readonly ResolvedEndpoint[],
  logOptions: Record<string, string>,
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
          })),
  };
}
