export type { HostedZone } from "./hosted-zone";
export { LoadBalancerAlias } from "./load-balancer-alias";
export type { IAliasTarget, LoadBalancerAliasProps } from "./load-balancer-alias";
export { DnsValidatedCertificate } from "./dns-validated-certificate";
export type { DnsValidatedCertificateProps } from "./dns-validated-certificate";
