import { Annotations } from "cdktf";
import { IConstruct, MetadataEntry } from "constructs";
import { fail } from "./errors";

/** The stable code of a warning this library emits (the table in `docs/errors.md` says what each means). */
export type WarningCode =
  | "CLUSTER_EXEC_AUDIT_OFF"
  | "CLUSTER_GPU_WITHOUT_GPU_AMI"
  | "CLUSTER_IMDS_REACHABLE"
  | "CLUSTER_SCALE_IN_PROTECTION_STUCK"
  | "IAM_WILDCARD_RESOURCE"
  | "INGRESS_LEGACY_TLS_POLICY"
  | "INGRESS_PLAIN_HTTP"
  | "NETWORK_FLOW_LOGS_OFF"
  | "NETWORK_NAT_WITHOUT_PRIVATE_TIER"
  | "NETWORK_PRIVATE_WITHOUT_NAT"
  | "QUEUE_NO_DEAD_LETTER_QUEUE"
  | "SERVICE_ALARM_ROLLBACK_OFF"
  | "SERVICE_ALARMS_OFF"
  | "SERVICE_CIRCUIT_BREAKER_OFF"
  | "SERVICE_CONNECT_IDLE_TIMEOUT"
  | "SERVICE_EBS_UNENCRYPTED"
  | "SERVICE_EXEC_READONLY_ROOT"
  | "SERVICE_PUBLIC_IP_ASSIGNED"
  | "SERVICE_PUBLIC_SUBNET_WITHOUT_IP";

/**
 * Every warning the library emits, by its stable code, with what it means. A construct's message adds the
 * specifics (names, values) and ends with the code in brackets, like a {@link ValidationError}'s.
 * The codes are public contract: `docs/errors.md` lists them, and users acknowledge them by code.
 */
export const WARNING_CODES: Readonly<Record<WarningCode, string>> = {
  CLUSTER_EXEC_AUDIT_OFF: "ECS Exec sessions are neither encrypted with a cluster key nor recorded.",
  CLUSTER_GPU_WITHOUT_GPU_AMI: "GPU instance types run an AMI without the NVIDIA driver.",
  CLUSTER_IMDS_REACHABLE: "A metadata hop limit above 1 lets containers in bridge mode reach the instance role's credentials.",
  CLUSTER_SCALE_IN_PROTECTION_STUCK: "Scale-in protection without managed termination protection: the group cannot scale in.",
  IAM_WILDCARD_RESOURCE: 'A policy statement applies to every resource ("*") and has no sid saying why.',
  INGRESS_LEGACY_TLS_POLICY: "The TLS policy may accept TLS 1.0/1.1.",
  INGRESS_PLAIN_HTTP: "The load balancer serves plain HTTP.",
  NETWORK_FLOW_LOGS_OFF: "VPC flow logs are off.",
  NETWORK_NAT_WITHOUT_PRIVATE_TIER: "NAT gateways are asked for but there is no private tier to route through them.",
  NETWORK_PRIVATE_WITHOUT_NAT: "Private subnets have no internet route (no NAT).",
  QUEUE_NO_DEAD_LETTER_QUEUE: "A queue has no dead-letter queue.",
  SERVICE_ALARM_ROLLBACK_OFF: "Deployments do not roll back on alarms.",
  SERVICE_ALARMS_OFF: "The service has no alarms.",
  SERVICE_CIRCUIT_BREAKER_OFF: "The deployment circuit breaker is off.",
  SERVICE_CONNECT_IDLE_TIMEOUT: "A Service Connect idle timeout is below the per-request timeout.",
  SERVICE_EBS_UNENCRYPTED: "The service's EBS volumes are not encrypted.",
  SERVICE_EXEC_READONLY_ROOT: "ECS Exec is on but the container's root filesystem is read-only.",
  SERVICE_PUBLIC_IP_ASSIGNED: "Tasks get public IP addresses.",
  SERVICE_PUBLIC_SUBNET_WITHOUT_IP: "Tasks in public subnets without public IPs cannot reach the internet.",
};

/** Acknowledged codes per scope, each with its reason. */
const acknowledged = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Acknowledging the library's warnings. A warning says the input is legal but probably not what you
 * want (flow logs off, a public IP, no dead-letter queue); when it is what you want, acknowledge it by
 * code with the reason, and it is no longer emitted for that scope and everything under it. The
 * acknowledgement itself is recorded on the scope as an info annotation with the reason, so it stays
 * visible in the synth output and in review.
 *
 * ```ts
 * Warnings.acknowledge(devStack, "NETWORK_FLOW_LOGS_OFF", "dev has no traffic worth recording");
 * ```
 *
 * Policy findings (`PolicyPack`) are not warnings in this sense: suppress those by rule id.
 */
export class Warnings {
  /**
   * Silences the warning `code` for `scope` and its children, whether they are built before or after
   * this call (a warning already emitted becomes an info annotation naming the acknowledgement).
   *
   * @param scope the construct (a stack, or one construct) the acknowledgement covers, with its children
   * @param code a code from the warnings table in `docs/errors.md`; any other string is a `ValidationError`
   * @param reason why the warning does not apply here; required, and kept in the synth output
   */
  public static acknowledge(scope: IConstruct, code: WarningCode, reason: string): void {
    if (typeof code !== "string" || !Object.prototype.hasOwnProperty.call(WARNING_CODES, code)) {
      fail(scope, { code: "WARNING_UNKNOWN_CODE", property: "code", value: code, allowed: "a warning code listed in docs/errors.md" });
    }
    if (typeof reason !== "string" || reason.trim() === "") {
      fail(scope, { code: "WARNING_ACK_REASON", property: "reason", value: reason, allowed: "a non-empty reason" });
    }
    const codes = acknowledged.get(scope) ?? new Map<string, string>();
    codes.set(code, reason);
    acknowledged.set(scope, codes);
    Annotations.of(scope).addInfo(`Acknowledged warning ${code} for this scope and its children: ${reason}`);

    // Warnings emitted before this call: turn each into an info entry that says it was acknowledged.
    // constructs keeps no API to remove metadata, so the entry (an object this library created) is rewritten in place.
    const suffix = ` [${code}]`;
    for (const construct of scope.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type === WARN && typeof entry.data === "string" && entry.data.endsWith(suffix)) {
          const writable = entry as { -readonly [K in keyof MetadataEntry]: MetadataEntry[K] };
          writable.type = INFO;
          writable.data = acknowledgedText(entry.data, reason);
        }
      }
    }
  }

  private constructor() {}
}

const WARN = "@cdktf/warn";
const INFO = "@cdktf/info";

/**
 * Emits warning `code` on `scope` as `<message> [<code>]`, unless `scope` or one of its ancestors
 * acknowledged that code, in which case an info annotation records the acknowledgement instead.
 *
 * @internal
 */
export function warn(scope: IConstruct, code: WarningCode, message: string): void {
  const text = `${message} [${code}]`;
  const reason = acknowledgement(scope, code);
  if (reason === undefined) Annotations.of(scope).addWarning(text);
  else Annotations.of(scope).addInfo(acknowledgedText(text, reason));
}

function acknowledgement(scope: IConstruct, code: string): string | undefined {
  for (const ancestor of [...scope.node.scopes].reverse()) {
    const reason = acknowledged.get(ancestor)?.get(code);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

function acknowledgedText(warning: string, reason: string): string {
  return `Acknowledged: ${warning} (${reason})`;
}
