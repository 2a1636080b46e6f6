import { TerraformResource } from "cdktf";
import { warn } from "../core/warnings";
import { IConstruct } from "constructs";
import { LbAccessLogs } from "@cdktf/provider-aws/lib/lb";
import { fail, isToken } from "../core/errors";
import { IPeer, Peer } from "../network/connections";
import type { INetwork } from "../network/network";

/** Checks and renderings shared by application and network load balancers. */

/**
 * TLS 1.3 and 1.2 with forward-secret ciphers only: AWS's recommended policy for new listeners
 * (its console default). Older policies such as `ELBSecurityPolicy-2016-08` still accept TLS 1.0.
 */
export const DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * The predefined Elastic Load Balancing security policies, as data (the ALB and NLB "security
 * policies" tables of the Elastic Load Balancing guide: TLS, FS, TLS 1.3, FIPS, RFC 9151 and
 * post-quantum policies). A listener with any other name fails at apply with `SSLPolicyNotFound`;
 * add a policy here when AWS publishes one (one line, with a test row).
 */
export const ELB_SECURITY_POLICIES: readonly string[] = [
  "ELBSecurityPolicy-2015-05",
  "ELBSecurityPolicy-2016-08",
  "ELBSecurityPolicy-FS-2018-06",
  "ELBSecurityPolicy-FS-1-1-2019-08",
  "ELBSecurityPolicy-FS-1-2-2019-08",
  "ELBSecurityPolicy-FS-1-2-Res-2019-08",
  "ELBSecurityPolicy-FS-1-2-Res-2020-10",
  "ELBSecurityPolicy-TLS-1-0-2015-04",
  "ELBSecurityPolicy-TLS-1-1-2017-01",
  "ELBSecurityPolicy-TLS-1-2-2017-01",
  "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
  ...["1-0", "1-1", "1-2", "1-2-Res", "1-2-Ext1", "1-2-Ext2", "1-3"].map((v) => `ELBSecurityPolicy-TLS13-${v}-2021-06`),
  ...["1-0", "1-1", "1-2", "1-2-Res", "1-2-Ext0", "1-2-Ext1", "1-2-Ext2", "1-3"].map((v) => `ELBSecurityPolicy-TLS13-${v}-FIPS-2023-04`),
  ...["1-2-RFC9151", "1-2-Ext0-RFC9151", "1-3-RFC9151"].map((v) => `ELBSecurityPolicy-TLS13-${v}-FIPS-2023-07`),
  ...["1", "2", "3", "4"].map((n) => `ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP${n}-FIPS-2023-07`),
  ...["1-0", "1-2", "1-2-Res", "1-2-Ext1", "1-2-Ext2", "1-3"].map((v) => `ELBSecurityPolicy-TLS13-${v}-PQ-2025-09`),
  ...["1-0", "1-2", "1-2-Res", "1-2-Ext0", "1-2-Ext1", "1-2-Ext2", "1-3"].map((v) => `ELBSecurityPolicy-TLS13-${v}-FIPS-PQ-2025-09`),
];
const SECURITY_POLICY_SET = new Set(ELB_SECURITY_POLICIES);

/** Fails unless `sslPolicy` names a predefined Elastic Load Balancing security policy; tokens pass. */
export function checkSslPolicy(scope: IConstruct, code: string, sslPolicy: string | undefined): void {
  if (sslPolicy === undefined || isToken(sslPolicy) || SECURITY_POLICY_SET.has(sslPolicy)) return;
  fail(scope, {
    code,
    property: "sslPolicy",
    value: sslPolicy,
    allowed: `a predefined Elastic Load Balancing security policy such as ${DEFAULT_SSL_POLICY} (names are case-sensitive)`,
  });
}

/**
 * A host-header condition value: letters, digits, `-`, `_`, `.` and the wildcards `*` and `?`, with at
 * least one `.` and only letters (or wildcards) after the last one (Elastic Load Balancing's rule).
 */
const HOST_HEADER = /^[A-Za-z0-9_*?.-]*\.[A-Za-z*?]+$/;

/** Fails unless `host` is a host name for a host-header condition, not a URL with a scheme, port or path; tokens pass. */
export function checkHostHeader(scope: IConstruct | string, code: string, property: string, host: string): void {
  if (isToken(host) || (typeof host === "string" && HOST_HEADER.test(host))) return;
  fail(scope, {
    code,
    property,
    value: host,
    allowed:
      'a host name such as www.example.com or *.example.com (letters, digits, "-", "_", "." and the wildcards * and ?, with a "." and only letters after the last one), not a URL with a scheme, port or path',
  });
}

/** Policy name parts that mean TLS 1.2 or later only. */
const MODERN_SSL_POLICY_MARKERS = ["TLS13-1-2", "TLS13-1-3", "TLS-1-2", "FS-1-2"];

/** What an ECS service needs from a target group of either kind. */
export interface ITargetGroup {
  /** ARN of the target group, as an ECS service's `load_balancer` block takes it. */
  readonly targetGroupArn: string;
  /**
   * The listener rules (ALB) or listeners (NLB) forwarding to the group. A service must depend on
   * them: ECS rejects a target group no load balancer uses yet. Attach the group first.
   */
  readonly attachments: readonly TerraformResource[];
}

/** Where a load balancer writes its access logs. */
export interface AccessLogsOptions {
  /** Name (not ARN) of an S3 bucket whose policy lets Elastic Load Balancing write to it. */
  readonly bucket: string;
  /** Key prefix inside the bucket, without a trailing slash. @default - the bucket root */
  readonly prefix?: string;
}

/** The subnets a load balancer is placed in: public ones when internet-facing, workload ones when internal (list tokens pass). */
export function loadBalancerSubnets(scope: IConstruct, code: string, network: INetwork, internetFacing: boolean): readonly string[] {
  const subnets = internetFacing ? network.publicSubnetIds : network.workloadSubnetIds;
  if (!isToken(subnets) && subnets.length < 2) {
    fail(scope, {
      code,
      property: internetFacing ? "network.publicSubnetIds" : "network.workloadSubnetIds",
      value: subnets.length,
      allowed: internetFacing
        ? "at least 2 public subnets in different availability zones (or internetFacing: false)"
        : "at least 2 workload subnets in different availability zones",
    });
  }
  return subnets;
}

/** Who may reach the listeners: anyone for an internet-facing load balancer, the VPC for an internal one. */
export function defaultIngressCidrs(network: INetwork, internetFacing: boolean): readonly string[] {
  return internetFacing ? ["0.0.0.0/0"] : [network.vpcCidr];
}

/**
 * The peers of `ingressCidrs`. A CIDR that is a token (e.g. from remote state) is keyed by its
 * position, because a token's text is not stable between synths and keys become construct ids.
 */
export function ingressPeers(cidrs: readonly string[]): IPeer[] {
  return cidrs.map((cidr, i) =>
    isToken(cidr) ? { uniqueKey: `ipv4:ingressCidrs[${i}]`, label: `ingressCidrs[${i}]`, cidrIpv4: cidr } : Peer.ipv4(cidr),
  );
}

/** Checks IPv4 CIDR blocks (the load balancers here are IPv4 only). */
export function checkIngressCidrs(scope: IConstruct, code: string, cidrs: readonly string[]): void {
  if (isToken(cidrs)) {
    fail(scope, {
      code,
      property: "ingressCidrs",
      value: "(unresolved list token)",
      allowed: "an explicit list, one security group rule per entry (entries may be tokens)",
    });
  }
  if (cidrs.length === 0) {
    fail(scope, {
      code,
      property: "ingressCidrs",
      value: cidrs,
      allowed: "at least one IPv4 CIDR block (nothing could reach the listeners)",
    });
  }
  for (const cidr of cidrs) {
    if (isToken(cidr)) continue;
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
    const valid = match !== null && match.slice(1, 5).every((o) => Number(o) <= 255) && Number(match[5]) <= 32;
    if (!valid) fail(scope, { code, property: "ingressCidrs", value: cidr, allowed: "IPv4 CIDR blocks such as 10.0.0.0/16" });
  }
}

/** Certificates are ACM (or IAM server certificate) ARNs. */
export function checkCertificateArn(scope: IConstruct, code: string, property: string, arn: string | undefined): void {
  if (arn === undefined || isToken(arn)) return;
  if (!/^arn:aws[a-z-]*:(acm:[a-z0-9-]+:\d{12}:certificate\/|iam::\d{12}:server-certificate\/).+/.test(arn)) {
    fail(scope, {
      code,
      property,
      value: arn,
      allowed: "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) or an IAM server certificate ARN",
    });
  }
}

/** Warns when a TLS policy lets clients negotiate TLS 1.0 or 1.1. */
export function warnOnLegacySslPolicy(scope: IConstruct, sslPolicy: string): void {
  if (isToken(sslPolicy) || MODERN_SSL_POLICY_MARKERS.some((marker) => sslPolicy.includes(marker))) return;
  warn(
    scope,
    "INGRESS_LEGACY_TLS_POLICY",
    `sslPolicy "${sslPolicy}" may accept TLS 1.0/1.1; prefer ${DEFAULT_SSL_POLICY} unless old clients must connect.`,
  );
}

/** Validates and renders the `access_logs` block; AWS wants a bucket name, not an ARN. */
export function renderAccessLogs(scope: IConstruct, code: string, accessLogs: AccessLogsOptions | undefined): LbAccessLogs | undefined {
  if (!accessLogs) return undefined;
  const { bucket, prefix } = accessLogs;
  if (!isToken(bucket) && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    fail(scope, {
      code,
      property: "accessLogs.bucket",
      value: bucket,
      allowed: "an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens; not an ARN)",
    });
  }
  if (prefix !== undefined && !isToken(prefix) && (prefix.endsWith("/") || prefix.startsWith("/") || /AWSLogs/.test(prefix))) {
    fail(scope, {
      code,
      property: "accessLogs.prefix",
      value: prefix,
      allowed: 'a prefix without leading or trailing "/" that does not contain "AWSLogs"',
    });
  }
  return { bucket, prefix, enabled: true };
}
