import { Construct } from "constructs";
import { DnsValidatedCertificate, DnsValidatedCertificateProps, LoadBalancerAlias, LoadBalancerAliasProps } from "../../src/dns";
import { expectedMessage, testRejections } from "../helpers";
import { ZONE } from "./offline-stack";

const lb = { dnsName: "acme-123.eu-west-1.elb.amazonaws.com", zoneId: "Z32O12XQLNTSW2" };
const alias = (props: Partial<LoadBalancerAliasProps>) => (scope: Construct) =>
  new LoadBalancerAlias(scope, "Alias", { loadBalancer: lb, hostedZone: ZONE, recordNames: { api: "api.example.com" }, ...props });
const certificate = (props: Partial<DnsValidatedCertificateProps>) => (scope: Construct) =>
  new DnsValidatedCertificate(scope, "Certificate", { domainName: "api.example.com", hostedZone: ZONE, ...props });
const NAME = "a lower-case DNS name of at most 253 characters without a trailing dot, such as api.example.com";

testRejections([
  [
    "a zone id that is not one",
    alias({ hostedZone: { zoneId: "example.com", zoneName: "example.com" } }),
    expectedMessage(
      "test/Alias",
      "hostedZone.zoneId",
      "example.com",
      "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ",
      "DNS_ZONE_ID",
    ),
  ],
  [
    "a zone name with a trailing dot",
    alias({ hostedZone: { zoneId: ZONE.zoneId, zoneName: "example.com." } }),
    expectedMessage(
      "test/Alias",
      "hostedZone.zoneName",
      "example.com.",
      "a lower-case domain name without a trailing dot, such as example.com",
      "DNS_NAME",
    ),
  ],
  [
    "no record names",
    alias({ recordNames: {} }),
    expectedMessage("test/Alias", "recordNames", [], "at least one item", "DNS_RECORD_NAMES"),
  ],
  [
    "a record outside the zone",
    alias({ recordNames: { api: "api.example.org" } }),
    expectedMessage(
      "test/Alias",
      "recordNames.api",
      "api.example.org",
      "a name in the hosted zone example.com (the zone itself or below it)",
      "DNS_RECORD_NAME",
    ),
  ],
  [
    "an upper-case record name",
    alias({ recordNames: { api: "API.example.com" } }),
    expectedMessage("test/Alias", "recordNames.api", "API.example.com", NAME, "DNS_RECORD_NAME"),
  ],
  [
    "one name under two keys",
    alias({ recordNames: { a: "api.example.com", b: "api.example.com" } }),
    expectedMessage(
      "test/Alias",
      "recordNames",
      "api.example.com",
      "unique values (this one appears more than once)",
      "DNS_RECORD_NAME_DUPLICATE",
    ),
  ],
  [
    "a certificate name in another zone",
    certificate({ subjectAlternativeNames: ["www.example.net"] }),
    expectedMessage(
      "test/Certificate",
      "subjectAlternativeNames[0]",
      "www.example.net",
      "a name in the hosted zone example.com (the zone itself or below it)",
      "DNS_CERTIFICATE_NAME",
    ),
  ],
  [
    "the domain name again as an alternative",
    certificate({ subjectAlternativeNames: ["api.example.com"] }),
    expectedMessage(
      "test/Certificate",
      "subjectAlternativeNames",
      "api.example.com",
      "unique values (this one appears more than once)",
      "DNS_CERTIFICATE_NAME_DUPLICATE",
    ),
  ],
  [
    "ten alternative names",
    certificate({ subjectAlternativeNames: Array.from({ length: 10 }, (_, i) => `n${i}.example.com`) }),
    expectedMessage(
      "test/Certificate",
      "subjectAlternativeNames",
      10,
      "at most 9 alternative names (ACM's default quota of 10 names per certificate)",
      "DNS_CERTIFICATE_NAMES",
    ),
  ],
]);

describe("dns module: required props from a JSON or plain-JavaScript config", () => {
  testRejections([
    [
      "an alias whose record names are a list",
      (scope) =>
        new LoadBalancerAlias(scope, "Alias", {
          loadBalancer: { dnsName: "acme-123.eu-west-1.elb.amazonaws.com", zoneId: "Z32O12XQLNTSW2" },
          hostedZone: ZONE,
          ...JSON.parse('{"recordNames":["www.example.com"]}'),
        }),
      expectedMessage("test/Alias", "recordNames", ["www.example.com"], "record names by key", "PROP_TYPE"),
    ],
    [
      "a certificate without domainName",
      (scope) => new DnsValidatedCertificate(scope, "Certificate", { hostedZone: ZONE } as DnsValidatedCertificateProps),
      expectedMessage("test/Certificate", "domainName", undefined, "a string (required)", "PROP_REQUIRED"),
    ],
  ]);
});
