import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { DnsValidatedCertificate, LoadBalancerAlias } from "../../src/dns";
import { ApplicationLoadBalancer } from "../../src/ingress/application-load-balancer";
import { Network } from "../../src/network/network";

export const DNS_OFFLINE_STACK = "dns";
export const ZONE = { zoneId: "Z0123456789ABCDEFGHIJ", zoneName: "example.com" };

/** A DNS-validated certificate on a public ALB's HTTPS listener, and alias records for it, against the real provider. */
export function dnsOfflineStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, DNS_OFFLINE_STACK);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  useAwsProviderRange(stack);
  const network = new Network(stack, "Network", {
    name: "acme-dns",
    cidr: "10.40.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    natGateways: "none",
    flowLogs: { enabled: false },
  });
  const certificate = new DnsValidatedCertificate(stack, "Certificate", {
    domainName: "example.com",
    subjectAlternativeNames: ["*.example.com", "api.example.com"],
    hostedZone: ZONE,
  });
  const alb = new ApplicationLoadBalancer(stack, "Alb", { name: "acme-dns", network, certificateArn: certificate.certificateArn });
  new LoadBalancerAlias(stack, "Alias", {
    loadBalancer: alb,
    hostedZone: ZONE,
    recordNames: { apex: "example.com", api: "api.example.com" },
  });
  return stack;
}
