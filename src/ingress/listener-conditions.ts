import { Validator } from "ip-num";
import { LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { fail, isToken } from "../core/errors";
import { checkHostHeader } from "./common";

/** One key/value match of a query-string condition; `?a=1` is `{ key: "a", value: "1" }`. */
export interface QueryStringMatch {
  /** The query parameter's name, at most 128 characters; `*` and `?` wildcards allowed. @default - any key (the value is matched alone) */
  readonly key?: string;
  /** The value to match, 1 to 128 characters; `*` and `?` wildcards allowed. */
  readonly value: string;
}

/**
 * Which requests a listener rule matches. AWS ANDs the conditions and ORs the values within one.
 * AWS counts every value (each host, path, header value, query pair, CIDR and method) towards its
 * limits: at most 3 per condition and 5 per rule, with at most 5 wildcards (`*`, `?`) per rule.
 */
export interface ListenerConditions {
  /** Host names to match, e.g. `api.example.com` or `*.example.com`, each at most 128 characters. @default - any host */
  readonly hostHeaders?: readonly string[];
  /** Path patterns to match, e.g. `/api/*`, each at most 128 characters (case sensitive). @default - any path */
  readonly pathPatterns?: readonly string[];
  /**
   * HTTP header conditions keyed by header name (at most 40 characters of RFC 7230 token characters, no
   * wildcards, not `Host`: use `hostHeaders`), each with the values to match (at most 128 characters each).
   * @default - no header condition
   */
  readonly httpHeaders?: Readonly<Record<string, readonly string[]>>;
  /** Query-string key/value pairs, any of which matches. @default - no query-string condition */
  readonly queryStrings?: readonly QueryStringMatch[];
  /** Client source addresses as IPv4 or IPv6 CIDR blocks (the `X-Forwarded-For` header is not used). @default - any source */
  readonly sourceIps?: readonly string[];
  /** HTTP methods, e.g. `GET`, `POST` (upper case letters, `-` and `_`, at most 40 characters; case sensitive). @default - any method */
  readonly httpRequestMethods?: readonly string[];
}

/** AWS's limits on rule conditions (Elastic Load Balancing quotas and the CreateRule API reference). */
export const LISTENER_CONDITION_LIMITS = {
  /** Values (match evaluations) per rule, counted over all of its conditions. */
  maxValuesPerRule: 5,
  /** Values (match evaluations) in one condition. */
  maxValuesPerCondition: 3,
  /** Wildcard characters (`*`, `?`) per rule, over host, path, header and query-string values. */
  maxWildcardsPerRule: 5,
  /** Characters in one host, path, header or query-string value. */
  maxValueLength: 128,
  /** Characters in an HTTP header name. */
  maxHeaderNameLength: 40,
  /** Characters in an HTTP method name. */
  maxMethodLength: 40,
} as const;

/** RFC 7230 token characters, without the `*` AWS would read as a wildcard (header names take none). */
const HEADER_NAME = /^[!#$%&'+\-.^_`|~0-9A-Za-z]+$/;
const METHOD = /^[A-Z_-]+$/;

/** One condition's values as AWS counts them, with the property path each comes from. */
interface CountedCondition {
  readonly property: string;
  readonly values: readonly string[];
  /** Whether AWS reads `*` and `?` in these values as wildcards. */
  readonly wildcards: boolean;
}

/** The conditions as AWS counts them: one entry per condition block. Lists that are tokens are left out (unknown length). */
function countedConditions(c: ListenerConditions): CountedCondition[] {
  const counted: CountedCondition[] = [];
  const add = (property: string, values: readonly string[] | undefined, wildcards: boolean) => {
    if (values !== undefined && !isToken(values) && values.length > 0) counted.push({ property, values, wildcards });
  };
  add("hostHeaders", c.hostHeaders, true);
  add("pathPatterns", c.pathPatterns, true);
  for (const [name, values] of Object.entries(c.httpHeaders ?? {})) add(`httpHeaders.${name}`, values, true);
  if (c.queryStrings !== undefined && !isToken(c.queryStrings) && c.queryStrings.length > 0) {
    // A key/value pair is one match evaluation; its wildcards are those of the key and the value.
    counted.push({ property: "queryStrings", values: c.queryStrings.map((q) => `${q.key ?? ""}${q.value}`), wildcards: true });
  }
  add("sourceIps", c.sourceIps, false);
  add("httpRequestMethods", c.httpRequestMethods, false);
  return counted;
}

/** True when no condition is given (or all are empty lists). */
export function hasNoCondition(c: ListenerConditions): boolean {
  const lists = [c.hostHeaders, c.pathPatterns, c.queryStrings, c.sourceIps, c.httpRequestMethods, ...Object.values(c.httpHeaders ?? {})];
  return lists.every((list) => list === undefined || (!isToken(list) && list.length === 0));
}

/**
 * Checks a rule's conditions against AWS's limits: at least one condition, values per condition and
 * per rule, wildcards per rule, and each kind's value syntax. Unresolved tokens pass.
 */
export function checkListenerConditions(rulePath: string, c: ListenerConditions): void {
  const { maxValuesPerRule, maxValuesPerCondition, maxWildcardsPerRule, maxValueLength, maxHeaderNameLength, maxMethodLength } =
    LISTENER_CONDITION_LIMITS;
  if (hasNoCondition(c)) {
    fail(rulePath, {
      code: "LISTENER_RULE_NO_CONDITION",
      property: "hostHeaders/pathPatterns",
      value: undefined,
      allowed: "at least one condition (host header, path pattern, HTTP header, query string, source IP or HTTP method)",
    });
  }
  const counted = countedConditions(c);
  for (const { property, values } of counted) {
    if (values.length > maxValuesPerCondition) {
      fail(rulePath, {
        code: "LISTENER_RULE_TOO_MANY_VALUES",
        property,
        value: values,
        allowed: `at most ${maxValuesPerCondition} values in one condition (AWS limit; split them over several rules)`,
      });
    }
  }
  const all = counted.flatMap((k) => k.values);
  if (all.length > maxValuesPerRule) {
    fail(rulePath, {
      code: "LISTENER_RULE_TOO_MANY_VALUES",
      property: counted.map((k) => k.property).join("/"),
      value: all,
      allowed: `at most ${maxValuesPerRule} condition values per rule, counted over all its conditions (AWS limit; split them over several rules)`,
    });
  }
  const wildcards = counted
    .filter((k) => k.wildcards)
    .flatMap((k) => k.values)
    .reduce((n, v) => n + (isToken(v) ? 0 : (v.match(/[*?]/g) ?? []).length), 0);
  if (wildcards > maxWildcardsPerRule) {
    fail(rulePath, {
      code: "LISTENER_RULE_TOO_MANY_WILDCARDS",
      property: counted.map((k) => k.property).join("/"),
      value: wildcards,
      allowed: `at most ${maxWildcardsPerRule} wildcard characters (* and ?) per rule (AWS limit)`,
    });
  }

  const checkLength = (property: string, value: string, min = 1) => {
    if (!isToken(value) && (typeof value !== "string" || value.length < min || value.length > maxValueLength)) {
      fail(rulePath, {
        code: "LISTENER_RULE_CONDITION_VALUE",
        property,
        value,
        allowed: `a value of ${min} to ${maxValueLength} characters`,
      });
    }
  };
  const each = (property: string, values: readonly string[] | undefined, check: (p: string, v: string) => void) => {
    if (values !== undefined && !isToken(values)) values.forEach((v, i) => check(`${property}[${i}]`, v));
  };
  each("hostHeaders", c.hostHeaders, (property, value) => {
    checkLength(property, value);
    checkHostHeader(rulePath, "LISTENER_RULE_HOST_HEADER", property, value);
  });
  each("pathPatterns", c.pathPatterns, checkLength);
  for (const [name, values] of Object.entries(c.httpHeaders ?? {})) {
    if (name.length === 0 || name.length > maxHeaderNameLength || !HEADER_NAME.test(name) || name.toLowerCase() === "host") {
      fail(rulePath, {
        code: "LISTENER_RULE_HEADER_NAME",
        property: "httpHeaders",
        value: name,
        allowed: `a header name of 1 to ${maxHeaderNameLength} RFC 7230 token characters without wildcards, not Host (use hostHeaders)`,
      });
    }
    if (!isToken(values) && values.length === 0) {
      fail(rulePath, {
        code: "LISTENER_RULE_CONDITION_VALUE",
        property: `httpHeaders.${name}`,
        value: values,
        allowed: "at least one value",
      });
    }
    each(`httpHeaders.${name}`, values, checkLength);
  }
  if (c.queryStrings !== undefined && !isToken(c.queryStrings)) {
    c.queryStrings.forEach((q, i) => {
      if (q.key !== undefined) checkLength(`queryStrings[${i}].key`, q.key);
      checkLength(`queryStrings[${i}].value`, q.value);
    });
  }
  each("sourceIps", c.sourceIps, (property, cidr) => {
    if (isToken(cidr)) return;
    const valid = typeof cidr === "string" && (Validator.isValidIPv4CidrRange(cidr)[0] || Validator.isValidIPv6CidrRange(cidr)[0]);
    if (!valid) {
      fail(rulePath, {
        code: "LISTENER_RULE_SOURCE_IP",
        property,
        value: cidr,
        allowed: "an IPv4 or IPv6 CIDR block whose address starts its range, e.g. 203.0.113.0/24 or 2001:db8::/32",
      });
    }
  });
  each("httpRequestMethods", c.httpRequestMethods, (property, method) => {
    if (isToken(method)) return;
    if (typeof method !== "string" || method.length === 0 || method.length > maxMethodLength || !METHOD.test(method)) {
      fail(rulePath, {
        code: "LISTENER_RULE_HTTP_METHOD",
        property,
        value: method,
        allowed: `a method name of 1 to ${maxMethodLength} upper case letters, "-" and "_" (e.g. GET, POST; AWS compares case-sensitively)`,
      });
    }
  });
}

/** One provider condition block per kind (one per header name); host and path come first, as before these kinds existed. */
export function renderListenerConditions(c: ListenerConditions): LbListenerRuleCondition[] {
  const conditions: LbListenerRuleCondition[] = [];
  const present = (values: readonly unknown[] | undefined): values is readonly unknown[] =>
    values !== undefined && (isToken(values) || values.length > 0);
  if (present(c.hostHeaders)) conditions.push({ hostHeader: { values: [...c.hostHeaders] } });
  if (present(c.pathPatterns)) conditions.push({ pathPattern: { values: [...c.pathPatterns] } });
  for (const [httpHeaderName, values] of Object.entries(c.httpHeaders ?? {})) {
    conditions.push({ httpHeader: { httpHeaderName, values: [...values] } });
  }
  if (present(c.queryStrings)) conditions.push({ queryString: c.queryStrings.map((q) => ({ key: q.key, value: q.value })) });
  if (present(c.sourceIps)) conditions.push({ sourceIp: { values: [...c.sourceIps] } });
  if (present(c.httpRequestMethods)) conditions.push({ httpRequestMethod: { values: [...c.httpRequestMethods] } });
  return conditions;
}
