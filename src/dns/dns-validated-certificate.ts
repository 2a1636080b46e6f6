import { Fn, TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { fail } from "../core/errors";
import { checkTags } from "../core/tags";
import { checkUnique } from "../core/validate";
import { checkHostedZone, checkNameInZone, HostedZone } from "./hosted-zone";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Props of {@link DnsValidatedCertificate}. */
export interface DnsValidatedCertificateProps {
  /** The certificate's main name, e.g. `api.example.com` or `*.example.com`; in `hostedZone`. */
  readonly domainName: string;
  /** More names on the certificate, each in `hostedZone`; ACM allows 10 names in all by default. @default - none */
  readonly subjectAlternativeNames?: readonly string[];
  /** The public hosted zone the validation records go in (ACM cannot validate through a private zone). */
  readonly hostedZone: HostedZone;
  /** Key algorithm. @default "RSA_2048" (what every client accepts) */
  readonly keyAlgorithm?: "RSA_2048" | "EC_prime256v1" | "EC_secp384r1";
  /** Tags for the certificate. @default - none */
  readonly tags?: Record<string, string>;
}

/** ACM's default quota of names per certificate (the domain name and its alternatives). */
const MAX_NAMES = 10;

/**
 * An ACM certificate validated by DNS: the validation CNAMEs go in the same hosted zone, and
 * `certificateArn` is the validated certificate, so a listener using it waits for issuance.
 * The certificate is replaced create-before-destroy, so a listener is never left without one.
 */
export class DnsValidatedCertificate extends Construct {
  /** ARN of the issued certificate (from the validation resource: using it waits for validation). */
  public readonly certificateArn: string;
  /** The certificate, for escape hatches. */
  public readonly resource: AcmCertificate;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    checkRequiredProps(this, "DnsValidatedCertificateProps", props, { domainName: K.string, hostedZone: K.object("a HostedZone") });
    checkHostedZone(this, "hostedZone", props.hostedZone);
    const alternatives = props.subjectAlternativeNames ?? [];
    checkNameInZone(this, "DNS_CERTIFICATE_NAME", "domainName", props.domainName, props.hostedZone);
    alternatives.forEach((name, i) =>
      checkNameInZone(this, "DNS_CERTIFICATE_NAME", `subjectAlternativeNames[${i}]`, name, props.hostedZone),
    );
    checkUnique(this, "DNS_CERTIFICATE_NAME_DUPLICATE", "subjectAlternativeNames", [props.domainName, ...alternatives]);
    if (1 + alternatives.length > MAX_NAMES) {
      fail(this, {
        code: "DNS_CERTIFICATE_NAMES",
        property: "subjectAlternativeNames",
        value: alternatives.length,
        allowed: `at most ${MAX_NAMES - 1} alternative names (ACM's default quota of ${MAX_NAMES} names per certificate)`,
      });
    }
    checkTags(this, "tags", props.tags);

    this.resource = new AcmCertificate(this, "Resource", {
      domainName: props.domainName,
      subjectAlternativeNames: alternatives.length > 0 ? [...alternatives] : undefined,
      validationMethod: "DNS",
      keyAlgorithm: props.keyAlgorithm ?? "RSA_2048",
      tags: props.tags,
      lifecycle: { createBeforeDestroy: true },
    });
    // One record per name, keyed by the names given here (known at plan: keys taken from the
    // certificate's validation options are not, and Terraform refuses such a for_each). Each record
    // looks its option up by name; `*.example.com` and `example.com` share a record, which
    // allow_overwrite lets the second write accept.
    const options = TerraformIterator.fromComplexList(this.resource.domainValidationOptions, "domain_name").forExpressionForMap(
      "val.domain_name",
      "val",
    );
    const names = TerraformIterator.fromList([props.domainName, ...alternatives]);
    const option = (attribute: string) => Token.asString(Fn.lookup(Fn.lookup(options, names.value), attribute));
    const records = new Route53Record(this, "ValidationRecord", {
      forEach: names,
      zoneId: props.hostedZone.zoneId,
      name: option("resource_record_name"),
      type: option("resource_record_type"),
      records: [option("resource_record_value")],
      ttl: 60,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "Validation", {
      certificateArn: this.resource.arn,
      dependsOn: [records],
    });
    this.certificateArn = validation.certificateArn;
  }
}
