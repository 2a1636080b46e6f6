import { createHash } from "node:crypto";
import { Validator } from "ip-num";
import { IConstruct } from "constructs";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { checkPort } from "../core/validate";
import { fail, isToken } from "../core/errors";
import { keyedByPath, pathKey } from "../core/moves";
import { checkName, NameRules } from "../core/naming";

/** A protocol and port range, as a security group rule takes it. */
export class Port {
  /** One TCP port, 1 to 65535 (checked when a rule is added). */
  public static tcp(port: number): Port {
    return new Port("tcp", port, port);
  }
  /** TCP ports `from` to `to` inclusive, e.g. an ephemeral range; `from` must not be above `to`. */
  public static tcpRange(from: number, to: number): Port {
    return new Port("tcp", from, to);
  }
  /** One UDP port, 1 to 65535 (checked when a rule is added). */
  public static udp(port: number): Port {
    return new Port("udp", port, port);
  }
  /** Every protocol and port. */
  public static allTraffic(): Port {
    return new Port("-1");
  }
  /** TCP 80, plain HTTP (load balancer listeners that only redirect to HTTPS). */
  public static readonly HTTP = Port.tcp(80);
  /** TCP 443, HTTPS (listeners, and the interface endpoints inside a VPC). */
  public static readonly HTTPS = Port.tcp(443);

  private constructor(
    /** IP protocol as the rule resource takes it; `-1` means every protocol (and then no ports). */
    public readonly protocol: "tcp" | "udp" | "-1",
    /** First port of the range; undefined for all traffic. */
    public readonly fromPort?: number,
    /** Last port of the range (equal to `fromPort` for one port); undefined for all traffic. */
    public readonly toPort?: number,
  ) {}

  /** Human-readable form used in rule descriptions, e.g. `tcp/443`, `tcp/8000-8100`, `all`. */
  public get label(): string {
    if (this.protocol === "-1") return "all";
    return this.fromPort === this.toPort ? `${this.protocol}/${this.fromPort}` : `${this.protocol}/${this.fromPort}-${this.toPort}`;
  }

  /** Checks the range; called when a rule is added. */
  public validate(scope: IConstruct, property: string): void {
    if (this.protocol === "-1") return;
    checkPort(scope, "PORT_OUT_OF_RANGE", property, this.fromPort);
    checkPort(scope, "PORT_OUT_OF_RANGE", property, this.toPort);
    if ((this.fromPort ?? 0) > (this.toPort ?? 0)) {
      fail(scope, { code: "PORT_RANGE_REVERSED", property, value: this.label, allowed: "a range whose start is not above its end" });
    }
  }
}

/** Where traffic comes from or goes to, when it is not another connectable construct. */
export interface IPeer {
  /** Stable key used to derive the rule's construct id. */
  readonly uniqueKey: string;
  /** For descriptions. */
  readonly label: string;
  /** An IPv4 CIDR block (network address, e.g. `10.0.0.0/16`); set exactly one of the four targets. */
  readonly cidrIpv4?: string;
  /** An IPv6 CIDR block, e.g. `::/0`. */
  readonly cidrIpv6?: string;
  /** Another security group's id (same VPC, or a peered one). */
  readonly referencedSecurityGroupId?: string;
  /** A managed prefix list id (`pl-...`), e.g. the CloudFront origin-facing list. */
  readonly prefixListId?: string;
}

/** Factories for {@link IPeer}: CIDR blocks, security groups by id and prefix lists. */
export class Peer {
  /** An IPv4 CIDR block; it must be a network address (`10.0.0.0/16`, not `10.0.0.1/16`). */
  public static ipv4(cidr: string): IPeer {
    return { uniqueKey: `ipv4:${cidr}`, label: cidr, cidrIpv4: cidr };
  }
  /** An IPv6 CIDR block; it must be a network address. */
  public static ipv6(cidr: string): IPeer {
    return { uniqueKey: `ipv6:${cidr}`, label: cidr, cidrIpv6: cidr };
  }
  /** All of IPv4 (`0.0.0.0/0`): the internet; use only for public load balancer listeners. */
  public static anyIpv4(): IPeer {
    return Peer.ipv4("0.0.0.0/0");
  }
  /** All of IPv6 (`::/0`). */
  public static anyIpv6(): IPeer {
    return Peer.ipv6("::/0");
  }
  /** A security group by id; the key is `key` because the id is usually a token. */
  public static securityGroupId(securityGroupId: string, key: string): IPeer {
    return { uniqueKey: `sg:${key}`, label: key, referencedSecurityGroupId: securityGroupId };
  }
  /** A managed prefix list by id; `key` names it in rule ids because the id is usually a token. */
  public static prefixList(prefixListId: string, key: string): IPeer {
    return { uniqueKey: `pl:${key}`, label: key, prefixListId };
  }
}

/** Something with a security group that others can open traffic to. */
export interface IConnectable {
  /** The rules of the construct's security group; open traffic with `allowFrom` / `allowTo`. */
  readonly connections: Connections;
}

function isConnectable(x: IConnectable | IPeer): x is IConnectable {
  return (x as IConnectable).connections instanceof Connections;
}

function ruleId(direction: string, key: string, port: Port): string {
  const hash = createHash("sha256").update(`${key}|${port.label}`).digest("hex").slice(0, 8);
  return `${direction}${hash}`;
}

/**
 * The traffic rules of one security group. `a.connections.allowFrom(b, Port.tcp(8080))` opens
 * ingress on `a` from `b`'s group and, because our groups are egress-restricted when asked,
 * the matching egress on `b`.
 */
export class Connections {
  constructor(
    /** The construct the rules are created under (the security group construct). */
    private readonly scope: IConstruct,
    /** The id of the security group these rules belong to. */
    public readonly securityGroupId: string,
    /** Whether the group already allows all outbound traffic, so no egress rules need adding. */
    public readonly allowsAllOutbound: boolean,
  ) {}

  /**
   * A stable key naming this group in other groups' rule ids: its construct path without `Default`
   * segments, which cdktf leaves out of addresses too, so wrapping a construct in a pattern (as its
   * `Default` child) renames no rule.
   */
  public get uniqueKey(): string {
    return pathKey(this.scope.node.path);
  }

  /** Allows `peer` to reach this group on `port`; `description` (up to 255 characters) defaults to `from <peer> on <port>`. */
  public allowFrom(peer: IConnectable | IPeer, port: Port, description?: string): void {
    port.validate(this.scope, "port");
    this.checkDescription(description);
    if (isConnectable(peer)) {
      const other = peer.connections;
      this.addIngress(Peer.securityGroupId(other.securityGroupId, other.uniqueKey), port, description);
      other.addEgress(Peer.securityGroupId(this.securityGroupId, this.uniqueKey), port, description);
    } else {
      this.checkPeer(peer);
      this.addIngress(peer, port, description);
    }
  }

  /** Allows this group to reach `peer` on `port`; `description` (up to 255 characters) defaults to `to <peer> on <port>`. */
  public allowTo(peer: IConnectable | IPeer, port: Port, description?: string): void {
    if (isConnectable(peer)) {
      peer.connections.allowFrom({ connections: this }, port, description);
    } else {
      port.validate(this.scope, "port");
      this.checkDescription(description);
      this.checkPeer(peer);
      this.addEgress(peer, port, description);
    }
  }

  private checkDescription(description: string | undefined): void {
    checkName(this.scope, "SECURITY_GROUP_RULE_DESCRIPTION", "description", description, NameRules.securityGroup);
  }

  /** The rule resources accept only network addresses; a typo would otherwise surface at plan time. */
  private checkPeer(peer: IPeer): void {
    const checks: Array<[string | undefined, (cidr: string) => [boolean, string[]], string]> = [
      [
        peer.cidrIpv4,
        (c) => Validator.isValidIPv4CidrRange(c),
        "an IPv4 CIDR block whose address is the start of its range, such as 10.0.0.0/16",
      ],
      [
        peer.cidrIpv6,
        (c) => Validator.isValidIPv6CidrRange(c),
        "an IPv6 CIDR block whose address is the start of its range, such as 2001:db8::/32",
      ],
    ];
    for (const [cidr, isValid, allowed] of checks) {
      if (cidr === undefined || isToken(cidr) || isValid(cidr)[0]) continue;
      fail(this.scope, { code: "PEER_INVALID_CIDR", property: "peer", value: cidr, allowed });
    }
  }

  private addIngress(peer: IPeer, port: Port, description?: string): void {
    this.addRule("Ingress", VpcSecurityGroupIngressRule, peer, port, description ?? `from ${peer.label} on ${port.label}`);
  }

  private addEgress(peer: IPeer, port: Port, description?: string): void {
    if (this.allowsAllOutbound) return;
    this.addRule("Egress", VpcSecurityGroupEgressRule, peer, port, description ?? `to ${peer.label} on ${port.label}`);
  }

  /** One rule resource per (direction, peer, port); adding the same rule again is a no-op. */
  private addRule(
    direction: "Ingress" | "Egress",
    Rule: typeof VpcSecurityGroupIngressRule | typeof VpcSecurityGroupEgressRule,
    peer: IPeer,
    port: Port,
    description: string,
  ): void {
    const id = ruleId(direction, peer.uniqueKey, port);
    if (this.scope.node.tryFindChild(id)) return;
    const rule = new Rule(this.scope, id, {
      securityGroupId: this.securityGroupId,
      description,
      ipProtocol: port.protocol,
      fromPort: port.fromPort,
      toPort: port.toPort,
      cidrIpv4: peer.cidrIpv4,
      cidrIpv6: peer.cidrIpv6,
      referencedSecurityGroupId: peer.referencedSecurityGroupId,
      prefixListId: peer.prefixListId,
    });
    // A rule to another security group is named after that group's path: renaming the group's
    // construct with moveFrom must move the rule too, not replace it.
    if (peer.uniqueKey.startsWith("sg:")) {
      keyedByPath(rule, peer.uniqueKey.slice("sg:".length), (key) => ruleId(direction, `sg:${key}`, port));
    }
  }
}
