import { createHash } from "node:crypto";
import { Lazy } from "cdktf";
import { IConstruct } from "constructs";
import { fail, isToken } from "../core/errors";
import { NameRules, safeName } from "../core/naming";

/** Load balancer and target group names: at most 32 characters (AWS). */
export const LOAD_BALANCER_NAME_MAX_LENGTH = NameRules.loadBalancer.maxLength;

/** Length of the hash that target group names end with (`-` plus this many hex digits). */
export const TARGET_GROUP_NAME_HASH_LENGTH = 6;

/**
 * The name a load balancer gets: `name` itself when it fits in 32 characters, otherwise a
 * deterministic shortened form from `safeName()`. Only characters that cannot be fixed fail, and
 * the `internal-` prefix, which AWS reserves for the DNS names of internal load balancers.
 */
export function loadBalancerName(scope: IConstruct, code: string, name: string): string {
  if (isToken(name)) return name;
  const short = safeName(name, LOAD_BALANCER_NAME_MAX_LENGTH);
  checkLoadBalancerName(scope, code, name, short);
  return short;
}

/**
 * The base of a target group name (before its hash): shortened so that `-` and the hash still fit
 * in 32 characters.
 */
export function targetGroupNameBase(scope: IConstruct, code: string, name: string): string {
  if (isToken(name)) {
    fail(scope, {
      code,
      property: "name",
      value: "(unresolved token)",
      allowed: "a literal name, because the target group name is derived from it at synth time",
    });
  }
  const short = safeName(name, LOAD_BALANCER_NAME_MAX_LENGTH - TARGET_GROUP_NAME_HASH_LENGTH - 1);
  checkLoadBalancerName(scope, code, name, short);
  return short;
}

/**
 * A target group name: the base, a dash and a short hash of the settings that make Terraform replace
 * the group (port, protocol, protocol version, target type, VPC). Target groups are created before
 * the old one is destroyed (a group a listener uses cannot be deleted first), and two groups cannot
 * share a name, so a replacement must come with a new name; an in-place change keeps the name.
 */
export function targetGroupName(base: string, replacementKey: Readonly<Record<string, unknown>>): string {
  const canonical = JSON.stringify(
    Object.keys(replacementKey)
      .sort()
      .map((k) => [k, replacementKey[k] ?? null]),
  );
  const hash = createHash("sha256").update(canonical).digest("hex").slice(0, TARGET_GROUP_NAME_HASH_LENGTH);
  return `${base}-${hash}`;
}

function checkLoadBalancerName(scope: IConstruct, code: string, given: string, short: string): void {
  const rule = NameRules.loadBalancer;
  if (given.length === 0 || !rule.pattern.test(short)) {
    fail(scope, { code, property: "name", value: given, allowed: `a name of ${rule.describe} (longer names are shortened)` });
  }
  if (short.toLowerCase().startsWith("internal-")) {
    fail(scope, { code, property: "name", value: given, allowed: 'a name not starting with "internal-" (AWS reserves it)' });
  }
}

/**
 * The group's name with a hash of its replacement-forcing settings. When the VPC id is a token (a
 * VPC in this stack), the hash covers its Terraform reference, which only changes when the VPC does.
 */
export function replacementSafeName(base: string, vpcId: string, settings: Record<string, unknown>): string {
  if (!isToken(vpcId)) return targetGroupName(base, { ...settings, vpc: vpcId });
  return Lazy.stringValue({ produce: (context) => targetGroupName(base, { ...settings, vpc: JSON.stringify(context.resolve(vpcId)) }) });
}
