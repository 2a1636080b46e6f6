import { Token } from "cdktf";
import { IConstruct } from "constructs";

/** What a {@link ValidationError} says about the bad input. */
export interface ValidationIssue {
  /** Stable, machine-readable code, e.g. `NETWORK_INVALID_CIDR`. */
  readonly code: string;
  /** The prop (or dotted path into a prop) that holds the bad value, e.g. `tiers.private.prefixLength`. */
  readonly property: string;
  /** The offending value as given. */
  readonly value: unknown;
  /** What is allowed, phrased so a user can fix the input, e.g. `a prefix length from 16 to 28`. */
  readonly allowed: string;
}

/**
 * The single error type every construct in this library throws for bad input.
 *
 * The message always has the same shape so people and tools can read it:
 * `<construct path>: invalid <property> <value>: expected <allowed> [<code>]`.
 */
export class ValidationError extends Error {
  /** Stable, machine-readable code such as `NETWORK_INVALID_CIDR`; safe to match on in tools and tests. */
  public readonly code: string;
  /** Path of the construct that rejected the input (`stack/Network`), or the function name for non-construct checks. */
  public readonly constructPath: string;
  /** The prop, or dotted path into a prop, that holds the bad value (`tiers.private.prefixLength`). */
  public readonly property: string;
  /** The offending value exactly as given (not the JSON shown in the message). */
  public readonly value: unknown;
  /** What would have been accepted, in words a user can act on. */
  public readonly allowed: string;

  constructor(scope: IConstruct | string, issue: ValidationIssue) {
    const path = typeof scope === "string" ? scope : scope.node.path;
    super(`${path}: invalid ${issue.property} ${formatValue(issue.value)}: expected ${issue.allowed} [${issue.code}]`);
    this.name = "ValidationError";
    this.code = issue.code;
    this.constructPath = path;
    this.property = issue.property;
    this.value = issue.value;
    this.allowed = issue.allowed;
  }
}

/** Throws a {@link ValidationError} for `scope`. */
export function fail(scope: IConstruct | string, issue: ValidationIssue): never {
  throw new ValidationError(scope, issue);
}

/** True when `value` is (or contains) an unresolved cdktf token, which validation must pass through. */
export function isToken(value: unknown): boolean {
  if (typeof value === "string") return Token.isUnresolved(value);
  if (typeof value === "number") return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value);
  return false;
}

function formatValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  try {
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
  } catch {
    return String(value);
  }
}
