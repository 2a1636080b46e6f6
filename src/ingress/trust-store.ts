import { Construct, IConstruct } from "constructs";
import { LbListenerMutualAuthentication } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTrustStore } from "@cdktf/provider-aws/lib/lb-trust-store";
import { fail, isToken } from "../core/errors";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";
import { checkTags } from "../core/tags";

/** Where the PEM bundle of trusted CA certificates lives in S3. */
export interface CaCertificatesBundle {
  /** Name (not ARN) of the bucket; the deploying role needs `s3:GetObject` on the object. */
  readonly bucket: string;
  /** Object key of the PEM bundle, e.g. `mtls/ca-bundle.pem`. */
  readonly key: string;
  /** A fixed object version, so a new upload changes nothing until this is bumped. @default - the object's current version at apply time */
  readonly objectVersion?: string;
}

/** Settings of a {@link TrustStore}. */
export interface TrustStoreProps {
  /** Name, 1 to 32 letters, digits and inner hyphens; changing it replaces the trust store (the listener moves to the new one first). */
  readonly name: string;
  /** The CA certificates client certificates are verified against; a new bundle updates the trust store in place. */
  readonly caCertificatesBundle: CaCertificatesBundle;
  /** Tags for the trust store. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An ELB trust store (`aws_lb_trust_store`) from a CA bundle in S3, for an HTTPS listener that
 * verifies client certificates (mutual TLS).
 */
export class TrustStore extends Construct {
  /** ARN of the trust store, as a listener's `mutual_authentication` takes it. */
  public readonly trustStoreArn: string;
  /** The trust store resource, for escape hatches. */
  public readonly resource: LbTrustStore;

  constructor(scope: Construct, id: string, props: TrustStoreProps) {
    super(scope, id);
    // name has its own check below, with the trust store's naming rule.
    checkRequiredProps(this, "TrustStoreProps", props, {
      caCertificatesBundle: K.object("a CaCertificatesBundle", { bucket: K.string, key: K.string }),
    });
    const { name, caCertificatesBundle: bundle } = props;
    if (!isToken(name) && (typeof name !== "string" || name.length > 32 || !/^([a-zA-Z0-9]+-)*[a-zA-Z0-9]+$/.test(name))) {
      fail(this, { code: "TRUST_STORE_NAME", property: "name", value: name, allowed: "1 to 32 letters, digits and inner hyphens" });
    }
    if (bundle === undefined || (!isToken(bundle.bucket) && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bundle.bucket ?? ""))) {
      fail(this, {
        code: "TRUST_STORE_BUNDLE",
        property: "caCertificatesBundle.bucket",
        value: bundle?.bucket,
        allowed: "an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens; not an ARN)",
      });
    }
    if (!isToken(bundle.key) && (typeof bundle.key !== "string" || bundle.key.length === 0 || bundle.key.startsWith("/"))) {
      fail(this, {
        code: "TRUST_STORE_BUNDLE",
        property: "caCertificatesBundle.key",
        value: bundle.key,
        allowed: "an object key without a leading /",
      });
    }
    checkTags(this, "tags", props.tags);

    this.resource = new LbTrustStore(this, "Resource", {
      name,
      caCertificatesBundleS3Bucket: bundle.bucket,
      caCertificatesBundleS3Key: bundle.key,
      caCertificatesBundleS3ObjectVersion: bundle.objectVersion,
      tags: props.tags,
      // Only a rename replaces it; the new store must exist before the listener can leave the old one.
      lifecycle: { createBeforeDestroy: true },
    });
    this.trustStoreArn = this.resource.arn;
  }
}

/** How an HTTPS listener treats client certificates (mutual TLS). */
export interface MutualAuthenticationOptions {
  /**
   * `verify`: the load balancer checks client certificates against `trustStore` and refuses the
   * connection otherwise; `passthrough`: it forwards the client's certificate chain to the targets
   * in the `X-Amzn-Mtls-Clientcert` header and the targets decide.
   */
  readonly mode: "verify" | "passthrough";
  /** The CA certificates to verify against; required with `verify`, not allowed with `passthrough`. @default - none */
  readonly trustStore?: TrustStore;
  /** Accept expired client certificates (`verify` only); the policy pack flags it. @default false */
  readonly ignoreClientCertificateExpiry?: boolean;
  /** Send the trust store's CA names to clients in the TLS handshake (`verify` only). @default false */
  readonly advertiseTrustStoreCaNames?: boolean;
}

/** Checks mutual TLS settings; `https` is whether the listener is HTTPS. */
export function checkMutualAuthentication(scope: IConstruct, options: MutualAuthenticationOptions | undefined, https: boolean): void {
  if (options === undefined) return;
  const f = (code: string, property: string, value: unknown, allowed: string): never =>
    fail(scope, { code, property: `mutualAuthentication${property}`, value, allowed });
  if (!https) f("LISTENER_MTLS_ON_HTTP", "", options.mode, "mutual TLS on an HTTPS listener only (there is no TLS handshake on HTTP)");
  if (options.mode !== "verify" && options.mode !== "passthrough")
    f("LISTENER_MTLS_MODE", ".mode", options.mode, '"verify" or "passthrough"');
  if (options.mode === "verify" && options.trustStore === undefined) {
    f("LISTENER_MTLS_TRUST_STORE", ".trustStore", undefined, "a TrustStore with mode verify (the CA certificates to verify against)");
  }
  if (options.mode === "passthrough") {
    const verifyOnly = {
      trustStore: options.trustStore,
      ignoreClientCertificateExpiry: options.ignoreClientCertificateExpiry,
      advertiseTrustStoreCaNames: options.advertiseTrustStoreCaNames,
    };
    for (const [key, value] of Object.entries(verifyOnly)) {
      if (value !== undefined)
        f(
          "LISTENER_MTLS_TRUST_STORE",
          `.${key}`,
          key === "trustStore" ? options.trustStore?.node.path : value,
          'nothing with mode passthrough (the targets verify); use mode "verify"',
        );
    }
  }
}

/** The listener's `mutual_authentication` block. */
export function renderMutualAuthentication(options: MutualAuthenticationOptions | undefined): LbListenerMutualAuthentication | undefined {
  if (options === undefined) return undefined;
  if (options.mode === "passthrough") return { mode: "passthrough" };
  return {
    mode: "verify",
    trustStoreArn: options.trustStore?.trustStoreArn,
    ignoreClientCertificateExpiry: options.ignoreClientCertificateExpiry ?? false,
    advertiseTrustStoreCaNames: options.advertiseTrustStoreCaNames ? "on" : "off",
  };
}
