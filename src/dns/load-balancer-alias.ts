import { Construct } from "constructs";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { checkNotEmpty, checkUnique } from "../core/validate";
import { checkHostedZone, checkNameInZone, HostedZone } from "./hosted-zone";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** What an alias record points at: an ALB or NLB (`ApplicationLoadBalancer`, `NetworkLoadBalancer`). */
export interface IAliasTarget {
  /** The load balancer's DNS name. */
  readonly dnsName: string;
  /** The load balancer's canonical hosted zone id (not the zone the record is in). */
  readonly zoneId: string;
}

/** Props of {@link LoadBalancerAlias}. */
export interface LoadBalancerAliasProps {
  /** The load balancer the names resolve to. */
  readonly loadBalancer: IAliasTarget;
  /** The public or private hosted zone the records go in. */
  readonly hostedZone: HostedZone;
  /** Record names by key (the key names the construct, so adding a name never replaces another), e.g. `{ api: "api.example.com" }`. */
  readonly recordNames: Record<string, string>;
  /** Also create `AAAA` alias records (for a dual-stack load balancer). @default false */
  readonly ipv6?: boolean;
  /** Let Route 53 answer from the load balancer's health (no healthy targets in a zone: that zone's address is not returned). @default true */
  readonly evaluateTargetHealth?: boolean;
}

/**
 * Route 53 alias records (`A`, and `AAAA` with `ipv6`) for a load balancer in a hosted zone given by
 * id. Alias records are free, follow the load balancer's changing addresses and work at the zone apex.
 */
export class LoadBalancerAlias extends Construct {
  /** The records created, by key (`<key>` for A, `<key>Ipv6` for AAAA). */
  public readonly records: Readonly<Record<string, Route53Record>>;

  constructor(scope: Construct, id: string, props: LoadBalancerAliasProps) {
    super(scope, id);
    checkRequiredProps(this, "LoadBalancerAliasProps", props, {
      loadBalancer: K.reference("a load balancer", "dnsName", "zoneId"),
      hostedZone: K.object("a HostedZone"),
      recordNames: K.record("record names by key"),
    });
    checkHostedZone(this, "hostedZone", props.hostedZone);
    const entries = Object.entries(props.recordNames ?? {});
    checkNotEmpty(this, "DNS_RECORD_NAMES", "recordNames", entries);
    entries.forEach(([key, name]) => checkNameInZone(this, "DNS_RECORD_NAME", `recordNames.${key}`, name, props.hostedZone));
    checkUnique(
      this,
      "DNS_RECORD_NAME_DUPLICATE",
      "recordNames",
      entries.map(([, name]) => name),
    );
    const evaluateTargetHealth = props.evaluateTargetHealth ?? true;
    const alias = { name: props.loadBalancer.dnsName, zoneId: props.loadBalancer.zoneId, evaluateTargetHealth };
    const records: Record<string, Route53Record> = {};
    for (const [key, name] of entries) {
      records[key] = new Route53Record(this, key, { zoneId: props.hostedZone.zoneId, name, type: "A", alias });
      if (props.ipv6 ?? false)
        records[`${key}Ipv6`] = new Route53Record(this, `${key}Ipv6`, { zoneId: props.hostedZone.zoneId, name, type: "AAAA", alias });
    }
    this.records = records;
  }
}
