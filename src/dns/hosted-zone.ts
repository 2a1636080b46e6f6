import { IConstruct } from "constructs";
import { fail, isToken } from "../core/errors";

/** Route 53 hosted zone ids: `Z` and up to 31 upper-case letters and digits. */
const ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
/** A DNS name: labels of letters, digits and inner hyphens (a leading `*.` for wildcards), at most 253 characters, no trailing dot. */
const DNS_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A Route 53 hosted zone given by id (public or private), owned outside the stack. */
export interface HostedZone {
  /** The zone id, e.g. `Z0123456789ABCDEFGHIJ`. */
  readonly zoneId: string;
  /** The zone's domain, e.g. `example.com`; every record name must be in it. */
  readonly zoneName: string;
}

/** Fails unless `zone` has a Route 53 zone id and a DNS name. */
export function checkHostedZone(scope: IConstruct, property: string, zone: HostedZone | undefined): void {
  if (zone === undefined || (!isToken(zone.zoneId) && !ZONE_ID.test(String(zone.zoneId)))) {
    fail(scope, {
      code: "DNS_ZONE_ID",
      property: `${property}.zoneId`,
      value: zone?.zoneId,
      allowed: "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ",
    });
  }
  if (!isToken(zone.zoneName) && !DNS_NAME.test(String(zone.zoneName))) {
    fail(scope, {
      code: "DNS_NAME",
      property: `${property}.zoneName`,
      value: zone.zoneName,
      allowed: "a lower-case domain name without a trailing dot, such as example.com",
    });
  }
}

/** Fails unless `name` is a lower-case DNS name inside `zone` (the zone apex included). */
export function checkNameInZone(scope: IConstruct, code: string, property: string, name: string, zone: HostedZone): void {
  if (isToken(name) || isToken(zone.zoneName)) return;
  if (typeof name !== "string" || name.length > 253 || !DNS_NAME.test(name)) {
    fail(scope, {
      code,
      property,
      value: name,
      allowed: "a lower-case DNS name of at most 253 characters without a trailing dot, such as api.example.com",
    });
  }
  if (name !== zone.zoneName && !name.endsWith(`.${zone.zoneName}`)) {
    fail(scope, { code, property, value: name, allowed: `a name in the hosted zone ${zone.zoneName} (the zone itself or below it)` });
  }
}
