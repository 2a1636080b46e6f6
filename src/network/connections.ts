import { createHash } from "node:crypto";
import { IConstruct } from "constructs";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { checkPort } from "../core/validate";
import { fail } from "../core/errors";

/** A protocol and port range, as a security group rule takes it. */
export class Port {
  public static tcp(port: number): Port {
    return new Port("tcp", port, port);
  }
  public static tcpRange(from: number, to: number): Port {
    return new Port("tcp", from, to);
  }
  public static udp(port: number): Port {
    return new Port("udp", port, port);
  }
  /** Every protocol and port. */
  public static allTraffic(): Port {
    return new Port("-1");
  }
  public static readonly HTTP = Port.tcp(80);
  public static readonly HTTPS = Port.tcp(443);

  private constructor(
    public readonly protocol: "tcp" | "udp" | "-1",
    public readonly fromPort?: number,
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
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly referencedSecurityGroupId?: string;
  readonly prefixListId?: string;
}

export class Peer {
  public static ipv4(cidr: string): IPeer {
    return { uniqueKey: `ipv4:${cidr}`, label: cidr, cidrIpv4: cidr };
  }
  public static ipv6(cidr: string): IPeer {
    return { uniqueKey: `ipv6:${cidr}`, label: cidr, cidrIpv6: cidr };
  }
  public static anyIpv4(): IPeer {
    return Peer.ipv4("0.0.0.0/0");
  }
  public static anyIpv6(): IPeer {
    return Peer.ipv6("::/0");
  }
  /** A security group by id; the key is `key` because the id is usually a token. */
  public static securityGroupId(securityGroupId: string, key: string): IPeer {
    return { uniqueKey: `sg:${key}`, label: key, referencedSecurityGroupId: securityGroupId };
  }
  public static prefixList(prefixListId: string, key: string): IPeer {
    return { uniqueKey: `pl:${key}`, label: key, prefixListId };
  }
}

/** Something with a security group that others can open traffic to. */
export interface IConnectable {
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
    public readonly securityGroupId: string,
    /** Whether the group already allows all outbound traffic, so no egress rules need adding. */
    public readonly allowsAllOutbound: boolean,
  ) {}

  /** A stable key naming this group in other groups' rule ids. */
  public get uniqueKey(): string {
    return this.scope.node.path;
  }

  /** Allows `peer` to reach this group on `port`. */
  public allowFrom(peer: IConnectable | IPeer, port: Port, description?: string): void {
    port.validate(this.scope, "port");
    if (isConnectable(peer)) {
      const other = peer.connections;
      this.addIngress(Peer.securityGroupId(other.securityGroupId, other.uniqueKey), port, description);
      other.addEgress(Peer.securityGroupId(this.securityGroupId, this.uniqueKey), port, description);
    } else {
      this.addIngress(peer, port, description);
    }
  }

  /** Allows this group to reach `peer` on `port`. */
  public allowTo(peer: IConnectable | IPeer, port: Port, description?: string): void {
    if (isConnectable(peer)) {
      peer.connections.allowFrom({ connections: this }, port, description);
    } else {
      port.validate(this.scope, "port");
      this.addEgress(peer, port, description);
    }
  }

  private addIngress(peer: IPeer, port: Port, description?: string): void {
    const id = ruleId("Ingress", peer.uniqueKey, port);
    if (this.scope.node.tryFindChild(id)) return;
    new VpcSecurityGroupIngressRule(this.scope, id, {
      securityGroupId: this.securityGroupId,
      description: description ?? `from ${peer.label} on ${port.label}`,
      ipProtocol: port.protocol,
      fromPort: port.fromPort,
      toPort: port.toPort,
      cidrIpv4: peer.cidrIpv4,
      cidrIpv6: peer.cidrIpv6,
      referencedSecurityGroupId: peer.referencedSecurityGroupId,
      prefixListId: peer.prefixListId,
    });
  }

  private addEgress(peer: IPeer, port: Port, description?: string): void {
    if (this.allowsAllOutbound) return;
    const id = ruleId("Egress", peer.uniqueKey, port);
    if (this.scope.node.tryFindChild(id)) return;
    new VpcSecurityGroupEgressRule(this.scope, id, {
      securityGroupId: this.securityGroupId,
      description: description ?? `to ${peer.label} on ${port.label}`,
      ipProtocol: port.protocol,
      fromPort: port.fromPort,
      toPort: port.toPort,
      cidrIpv4: peer.cidrIpv4,
      cidrIpv6: peer.cidrIpv6,
      referencedSecurityGroupId: peer.referencedSecurityGroupId,
      prefixListId: peer.prefixListId,
    });
  }
}
