export { ApplicationListener } from "./application-listener";
export type { AddRuleOptions, AddTargetGroupOptions, ApplicationListenerProps } from "./application-listener";
export { ApplicationLoadBalancer } from "./application-load-balancer";
export type { ApplicationLoadBalancerProps } from "./application-load-balancer";
export { ApplicationTargetGroup } from "./application-target-group";
export type { ApplicationProtocol, ApplicationProtocolVersion, ApplicationTargetGroupProps } from "./application-target-group";
export { DEFAULT_SSL_POLICY } from "./common";
export type { AccessLogsOptions, ITargetGroup } from "./common";
export type { IpAddressType } from "./dual-stack";
export { DEFAULT_HEALTH_CHECK } from "./health-check";
export type { HealthCheckOptions, NetworkHealthCheckOptions } from "./health-check";
export { NetworkListener } from "./network-listener";
export type { NetworkListenerOptions, NetworkListenerProps } from "./network-listener";
export { NetworkLoadBalancer } from "./network-load-balancer";
export type { NetworkLoadBalancerProps } from "./network-load-balancer";
export { NetworkTargetGroup } from "./network-target-group";
export type { NetworkProtocol, NetworkTargetGroupProps } from "./network-target-group";
export type {
  AuthenticateCognitoAction,
  AuthenticateOidcAction,
  AuthenticationOptions,
  FixedResponseAction,
  FixedResponseContentType,
  ForwardAction,
  ListenerAction,
  RedirectAction,
  UnauthenticatedRequestBehaviour,
  WeightedTargetGroup,
} from "./listener-actions";
export type { ListenerConditions, QueryStringMatch } from "./listener-conditions";
export { TrustStore } from "./trust-store";
export type { CaCertificatesBundle, MutualAuthenticationOptions, TrustStoreProps } from "./trust-store";
