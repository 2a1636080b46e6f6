import { DnsValidatedCertificate, LoadBalancerAlias } from "../../src/dns";
import { offlinePlan } from "../offline/offline-plans";
import { resourceAt, resourcesOf, synth } from "../helpers";
import { DNS_OFFLINE_STACK, ZONE } from "./offline-stack";

const lb = { dnsName: "acme-123.eu-west-1.elb.amazonaws.com", zoneId: "Z32O12XQLNTSW2" };

describe("LoadBalancerAlias", () => {
  test("an A alias record per name in the given zone, following the load balancer's health; AAAA too with ipv6", () => {
    const s = synth((stack) => {
      new LoadBalancerAlias(stack, "Alias", { loadBalancer: lb, hostedZone: ZONE, recordNames: { api: "api.example.com" }, ipv6: true });
    });
    const alias = { name: lb.dnsName, zone_id: lb.zoneId, evaluate_target_health: true };
    expect(resourceAt(s, "aws_route53_record", "Alias/api")).toEqual({ zone_id: ZONE.zoneId, name: "api.example.com", type: "A", alias });
    expect(resourceAt(s, "aws_route53_record", "Alias/apiIpv6")).toMatchObject({ type: "AAAA", alias });
  });

  test("records are keyed, so adding a name leaves the others' addresses alone", () => {
    const keys = (names: Record<string, string>) =>
      Object.keys(
        resourcesOf(
          synth((stack) => {
            new LoadBalancerAlias(stack, "Alias", { loadBalancer: lb, hostedZone: ZONE, recordNames: names });
          }),
          "aws_route53_record",
        ),
      );
    const before = keys({ api: "api.example.com" });
    expect(keys({ www: "www.example.com", api: "api.example.com" })).toEqual(expect.arrayContaining(before));
  });
});

describe("DnsValidatedCertificate", () => {
  const s = synth((stack) => {
    new DnsValidatedCertificate(stack, "Certificate", {
      domainName: "example.com",
      subjectAlternativeNames: ["*.example.com"],
      hostedZone: ZONE,
    });
  });

  test("requests a DNS-validated certificate, replaced create-before-destroy", () => {
    expect(resourceAt(s, "aws_acm_certificate", "Certificate")).toMatchObject({
      domain_name: "example.com",
      subject_alternative_names: ["*.example.com"],
      validation_method: "DNS",
      key_algorithm: "RSA_2048",
      lifecycle: { create_before_destroy: true },
    });
  });

  test("writes one validation record per name into the zone and waits for validation", () => {
    const record = resourceAt(s, "aws_route53_record", "Certificate/ValidationRecord");
    expect(record.for_each).toMatch(/example\.com/);
    expect(record).toMatchObject({ zone_id: ZONE.zoneId, ttl: 60, allow_overwrite: true });
    // Keyed by the names given (known at plan), each looking up its validation option by name.
    expect(record.name).toMatch(/domain_validation_options.*\[each\.value\]\.resource_record_name\}$/);
    const validation = resourceAt(s, "aws_acm_certificate_validation", "Certificate/Validation");
    expect(validation.depends_on).toEqual([expect.stringMatching(/^aws_route53_record\.Certificate_ValidationRecord_[0-9A-F]{8}$/)]);
  });
});

describe("DNS against the real provider", () => {
  test("validates and plans the certificate, its validation records by name, the HTTPS listener on it and the alias records", async () => {
    const plan = await offlinePlan(DNS_OFFLINE_STACK);
    const created = (type: string) => (plan.resource_changes ?? []).filter((c) => c.type === type && c.change.actions.join() === "create");
    expect(created("aws_acm_certificate")).toHaveLength(1);
    expect(created("aws_acm_certificate_validation")).toHaveLength(1);
    const records = created("aws_route53_record").map((c) => c.address);
    expect(records.filter((a) => a.includes("ValidationRecord")).sort()).toEqual(
      ['["*.example.com"]', '["api.example.com"]', '["example.com"]'].map((k) => expect.stringContaining(k)),
    );
    expect(records.filter((a) => a.includes("Alias"))).toHaveLength(2);
    expect(created("aws_lb_listener").some((c) => (c.change.after as any).protocol === "HTTPS")).toBe(true);
  });
});
