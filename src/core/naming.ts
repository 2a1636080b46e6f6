import { createHash } from "node:crypto";
import { IConstruct } from "constructs";
import { fail, isToken } from "./errors";

/**
 * Returns `name` unchanged when it fits in `maxLength`, otherwise a deterministic shortened form:
 * the head of the name, a dash and an 8-character hash of the full name, so two long names that
 * share a prefix still differ. AWS caps many names at 32 characters (load balancers, target groups).
 */
export function safeName(name: string, maxLength: number): string {
  if (isToken(name) || name.length <= maxLength) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  const head = name.slice(0, maxLength - hash.length - 1).replace(/-+$/, "");
  return `${head}-${hash}`;
}

/** An AWS naming constraint: a length limit and the characters allowed, checked by `checkName`. */
export interface NameRule {
  /** Maximum length AWS accepts. */
  readonly maxLength: number;
  /** Characters AWS accepts, e.g. /^[a-zA-Z0-9-]+$/. */
  readonly pattern: RegExp;
  /** The pattern in words, for the error message. */
  readonly describe: string;
}

/** Fails with a clear message when `name` breaks an AWS naming rule; tokens pass through. */
export function checkName(scope: IConstruct, code: string, property: string, name: string | undefined, rule: NameRule): void {
  if (name === undefined || isToken(name)) return;
  if (name.length === 0 || name.length > rule.maxLength || !rule.pattern.test(name)) {
    fail(scope, { code, property, value: name, allowed: `1 to ${rule.maxLength} characters of ${rule.describe}` });
  }
}

/** Common AWS name rules. */
export const NameRules = {
  /** ECS cluster, service, task family and capacity provider names. */
  ecs: { maxLength: 255, pattern: /^[a-zA-Z0-9_-]+$/, describe: "letters, digits, hyphens and underscores" },
  /** ALB/NLB and target group names. */
  loadBalancer: { maxLength: 32, pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/, describe: "letters, digits and inner hyphens" },
  /** IAM role names. */
  iamRole: { maxLength: 64, pattern: /^[\w+=,.@-]+$/, describe: "letters, digits and +=,.@_-" },
  /** CloudWatch log group names. */
  logGroup: { maxLength: 512, pattern: /^[\w#\-./]+$/, describe: "letters, digits and _-./#" },
  /** Security group names and descriptions, and security group rule descriptions (EC2's allowed set). */
  securityGroup: {
    maxLength: 255,
    pattern: /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
    describe: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
  },
  /** Name prefixes used by this library to derive other names. */
  prefix: { maxLength: 40, pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, describe: "lowercase letters, digits and inner hyphens" },
} satisfies Record<string, NameRule>;
