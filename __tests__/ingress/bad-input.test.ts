import { Token } from "cdktf";
import { Construct } from "constructs";
import { ApplicationListener } from "../../src/ingress/application-listener";
import { ApplicationLoadBalancer, ApplicationLoadBalancerProps, ApplicationTargetGroup, ApplicationTargetGroupProps } from "../../src/ingress/application-load-balancer";
import { NetworkListener, NetworkListenerOptions } from "../../src/ingress/network-listener";
import { NetworkLoadBalancer, NetworkLoadBalancerProps, NetworkTargetGroup, NetworkTargetGroupProps } from "../../src/ingress/network-load-balancer";
import { INetwork, Network } from "../../src/network/network";
import { errorOf } from "../helpers";

const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

const network: INetwork = Network.fromAttributes({
  vpcId: "vpc-0abc",
  vpcCidr: "10.1.0.0/16",
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  publicSubnetIds: ["subnet-pub-a", "subnet-pub-b"],
  privateSubnetIds: ["subnet-priv-a", "subnet-priv-b"],
});
const privateOnly = Network.fromAttributes({ vpcId: "vpc-1", vpcCidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"], privateSubnetIds: ["a", "b"] });
const onePrivateSubnet = Network.fromAttributes({ vpcId: "vpc-1", vpcCidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a"], privateSubnetIds: ["a"] });

type Build = (scope: Construct) => void;

function alb(scope: Construct, props: Partial<ApplicationLoadBalancerProps> = {}): ApplicationLoadBalancer {
  return new ApplicationLoadBalancer(scope, "Alb", { name: "acme-dev-web", network, certificateArn: CERT, ...props });
}
function albTargetGroup(scope: Construct, id = "Web", props: Partial<ApplicationTargetGroupProps> = {}): ApplicationTargetGroup {
  return new ApplicationTargetGroup(scope, id, { name: `acme-dev-${id.toLowerCase()}`, network, port: 8080, ...props });
}
function nlb(scope: Construct, props: Partial<NetworkLoadBalancerProps> = {}): NetworkLoadBalancer {
  return new NetworkLoadBalancer(scope, "Nlb", { name: "acme-dev-mqtt", network, ...props });
}
function nlbTargetGroup(scope: Construct, id = "Mqtt", props: Partial<NetworkTargetGroupProps> = {}): NetworkTargetGroup {
  return new NetworkTargetGroup(scope, id, { name: `acme-dev-${id.toLowerCase()}`, network, port: 1883, ...props });
}

const withAlb = (props: Partial<ApplicationLoadBalancerProps>): Build => (scope) => alb(scope, props);
const withAlbTargetGroup = (props: Partial<ApplicationTargetGroupProps>): Build => (scope) => albTargetGroup(scope, "Web", props);
const withNlb = (props: Partial<NetworkLoadBalancerProps>): Build => (scope) => nlb(scope, props);
const withNlbTargetGroup = (props: Partial<NetworkTargetGroupProps>): Build => (scope) => nlbTargetGroup(scope, "Mqtt", props);
/** A rule on the HTTPS listener forwarding `/*` at priority 10, with these options instead. */
const withRule =
  (options: { priority?: number; hostHeaders?: string[]; pathPatterns?: string[] }): Build =>
  (scope) =>
    alb(scope).listener.addTargetGroup("Web", { targetGroup: albTargetGroup(scope), priority: 10, pathPatterns: ["/*"], ...options });
/** A listener `Mqtt` on the NLB with these options, forwarding to a group with these props. */
const withNlbListener =
  (options: Partial<NetworkListenerOptions>, group: Partial<NetworkTargetGroupProps> = {}): Build =>
  (scope) =>
    nlb(scope).addListener("Mqtt", { port: 1883, targetGroup: nlbTargetGroup(scope, "Mqtt", group), ...options });

/** The whole message, as a regex anchored on both ends. */
function exactly(message: string): RegExp {
  return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/** Every message has the library's one shape: `<path>: invalid <property> <value>: expected <allowed> [<CODE>]`. */
const SHAPE = /^test(\/[\w-]+)*: invalid \S+ .+: expected .+ \[[A-Z0-9_]+\]$/s;

const ARN_ALLOWED = "expected an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) or an IAM server certificate ARN [LISTENER_CERTIFICATE_ARN]";
const NAME_ALLOWED = "expected a name of letters, digits and inner hyphens (longer names are shortened)";
const TCP_CHECK_ALLOWED = 'expected no path or matcher for a TCP health check (set healthCheck.protocol to "HTTP" or "HTTPS") [TARGET_GROUP_HEALTH_CHECK]';

const cases: Array<[string, Build, string]> = [
  // ApplicationLoadBalancer
  ["an ALB name with characters that cannot be fixed", withAlb({ name: "acme_dev_web" }), `test/Alb: invalid name "acme_dev_web": ${NAME_ALLOWED} [ALB_NAME]`],
  ["an ALB name ending in a hyphen", withAlb({ name: "acme-" }), `test/Alb: invalid name "acme-": ${NAME_ALLOWED} [ALB_NAME]`],
  ["an empty ALB name", withAlb({ name: "" }), `test/Alb: invalid name "": ${NAME_ALLOWED} [ALB_NAME]`],
  ["an ALB name starting with internal-", withAlb({ name: "internal-web" }), 'test/Alb: invalid name "internal-web": expected a name not starting with "internal-" (AWS reserves it) [ALB_NAME]'],
  ["an idle timeout of 0", withAlb({ idleTimeoutSeconds: 0 }), "test/Alb: invalid idleTimeoutSeconds 0: expected an integer from 1 to 4000 seconds [ALB_IDLE_TIMEOUT]"],
  ["an idle timeout over 4000", withAlb({ idleTimeoutSeconds: 4001 }), "test/Alb: invalid idleTimeoutSeconds 4001: expected an integer from 1 to 4000 seconds [ALB_IDLE_TIMEOUT]"],
  ["an ALB ingress CIDR that is not one", withAlb({ ingressCidrs: ["10.0.0.0/33"] }), 'test/Alb: invalid ingressCidrs "10.0.0.0/33": expected IPv4 CIDR blocks such as 10.0.0.0/16 [ALB_INGRESS_CIDRS]'],
  ["no ALB ingress CIDRs", withAlb({ ingressCidrs: [] }), "test/Alb: invalid ingressCidrs []: expected at least one IPv4 CIDR block (nothing could reach the listeners) [ALB_INGRESS_CIDRS]"],
  [
    "ALB ingress CIDRs as one list token",
    withAlb({ ingressCidrs: Token.asList({ Ref: "cidrs" }) }),
    'test/Alb: invalid ingressCidrs "(unresolved list token)": expected an explicit list, one security group rule per entry (entries may be tokens) [ALB_INGRESS_CIDRS]',
  ],
  [
    "an HTTPS redirect without a certificate",
    withAlb({ certificateArn: undefined, redirectHttpToHttps: true }),
    "test/Alb: invalid redirectHttpToHttps true: expected false unless certificateArn is set (there is no HTTPS listener to redirect to) [ALB_REDIRECT_WITHOUT_HTTPS]",
  ],
  [
    "a TLS policy without a certificate",
    withAlb({ certificateArn: undefined, sslPolicy: TLS_POLICY }),
    "test/Alb: invalid certificateArn (missing): expected a certificate when additionalCertificateArns or sslPolicy is set [ALB_TLS_WITHOUT_CERTIFICATE]",
  ],
  [
    "additional certificates without a default one",
    withAlb({ certificateArn: undefined, additionalCertificateArns: [CERT] }),
    "test/Alb: invalid certificateArn (missing): expected a certificate when additionalCertificateArns or sslPolicy is set [ALB_TLS_WITHOUT_CERTIFICATE]",
  ],
  ["a certificate that is not an ACM or IAM ARN", withAlb({ certificateArn: "my-cert" }), `test/Alb/HttpsListener: invalid certificateArn "my-cert": ${ARN_ALLOWED}`],
  ["a bad additional certificate", withAlb({ additionalCertificateArns: ["arn:aws:s3:::bucket"] }), `test/Alb/HttpsListener: invalid additionalCertificateArns[0] "arn:aws:s3:::bucket": ${ARN_ALLOWED}`],
  [
    "an ALB access log bucket given as an ARN",
    withAlb({ accessLogs: { bucket: "arn:aws:s3:::acme-logs" } }),
    'test/Alb: invalid accessLogs.bucket "arn:aws:s3:::acme-logs": expected an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens; not an ARN) [ALB_ACCESS_LOGS]',
  ],
  [
    "an ALB access log prefix with a trailing slash",
    withAlb({ accessLogs: { bucket: "acme-logs", prefix: "web/" } }),
    'test/Alb: invalid accessLogs.prefix "web/": expected a prefix without leading or trailing "/" that does not contain "AWSLogs" [ALB_ACCESS_LOGS]',
  ],
  ["an ALB tag key with the reserved aws: prefix", withAlb({ tags: { "aws:owner": "x" } }), 'test/Alb: invalid tags.aws:owner "aws:owner": expected a key of 1 to 128 characters not starting with "aws:" [TAG_KEY_INVALID]'],
  ["an ALB tag value over 256 characters", withAlb({ tags: { Team: "v".repeat(257) } }), `test/Alb: invalid tags.Team "${"v".repeat(196)}...: expected a value of at most 256 characters [TAG_VALUE_TOO_LONG]`],
  [
    "an internet-facing ALB in a network without public subnets",
    withAlb({ network: privateOnly }),
    "test/Alb: invalid network.publicSubnetIds 0: expected at least 2 public subnets in different availability zones (or internetFacing: false) [ALB_SUBNETS]",
  ],
  [
    "a test listener on a port already used",
    (scope) => alb(scope).addTestListener(80),
    "test/Alb: invalid addTestListener.port 80: expected a port no other listener uses (test/Alb/HttpListener has it) [ALB_LISTENER_PORT_DUPLICATE]",
  ],
  ["a test listener port over 65535", (scope) => alb(scope).addTestListener(70000), "test/Alb/TestListener70000: invalid port 70000: expected an integer from 1 to 65535 [LISTENER_PORT]"],
  // ApplicationListener
  [
    "an HTTPS listener without a certificate",
    (scope) => new ApplicationListener(scope, "Listener", { loadBalancer: alb(scope), port: 8443, protocol: "HTTPS" }),
    "test/Listener: invalid certificateArn (missing): expected a certificate ARN for an HTTPS listener [LISTENER_CERTIFICATE_MISSING]",
  ],
  [
    "a certificate on an HTTP listener",
    (scope) => new ApplicationListener(scope, "Listener", { loadBalancer: alb(scope), port: 8080, protocol: "HTTP", certificateArn: CERT }),
    `test/Listener: invalid certificateArn "${CERT}": expected no certificate or TLS policy on an HTTP listener [LISTENER_TLS_ON_HTTP]`,
  ],
  [
    "a redirect to HTTPS port 0",
    (scope) => new ApplicationListener(scope, "Listener", { loadBalancer: alb(scope), port: 8080, protocol: "HTTP", redirectToHttpsPort: 0 }),
    "test/Listener: invalid redirectToHttpsPort 0: expected an integer from 1 to 65535 [LISTENER_PORT]",
  ],
  [
    "a listener tag key with the reserved aws: prefix",
    (scope) => new ApplicationListener(scope, "Listener", { loadBalancer: alb(scope), port: 8080, protocol: "HTTP", tags: { "aws:x": "y" } }),
    'test/Listener: invalid tags.aws:x "aws:x": expected a key of 1 to 128 characters not starting with "aws:" [TAG_KEY_INVALID]',
  ],
  [
    "a listener rule priority used twice, naming both rules",
    (scope) => {
      const lb = alb(scope);
      lb.listener.addTargetGroup("Web", { targetGroup: albTargetGroup(scope, "Web"), priority: 10, pathPatterns: ["/*"] });
      lb.listener.addTargetGroup("Api", { targetGroup: albTargetGroup(scope, "Api"), priority: 10, pathPatterns: ["/api/*"] });
    },
    "test/Alb/HttpsListener/Api: invalid priority 10: expected a priority not used by another rule of this listener (test/Alb/HttpsListener/Web has it) [LISTENER_RULE_PRIORITY_DUPLICATE]",
  ],
  ["a listener rule priority of 0", withRule({ priority: 0 }), "test/Alb/HttpsListener/Web: invalid priority 0: expected an integer from 1 to 50000 [LISTENER_RULE_PRIORITY]"],
  ["a listener rule priority over 50000", withRule({ priority: 50001 }), "test/Alb/HttpsListener/Web: invalid priority 50001: expected an integer from 1 to 50000 [LISTENER_RULE_PRIORITY]"],
  ["a fractional listener rule priority", withRule({ priority: 1.5 }), "test/Alb/HttpsListener/Web: invalid priority 1.5: expected an integer from 1 to 50000 [LISTENER_RULE_PRIORITY]"],
  [
    "a listener rule with no condition",
    withRule({ pathPatterns: [] }),
    "test/Alb/HttpsListener/Web: invalid hostHeaders/pathPatterns (missing): expected at least one host header or path pattern [LISTENER_RULE_NO_CONDITION]",
  ],
  [
    "more than 5 condition values over host headers and paths",
    withRule({ hostHeaders: ["a", "b", "c"], pathPatterns: ["/1", "/2", "/3"] }),
    'test/Alb/HttpsListener/Web: invalid hostHeaders/pathPatterns ["a","b","c","/1","/2","/3"]: expected at most 5 condition values per rule (AWS limit; split them over several rules) [LISTENER_RULE_TOO_MANY_VALUES]',
  ],
  [
    "a host header over 128 characters",
    withRule({ hostHeaders: [`${"h".repeat(125)}.com`] }),
    `test/Alb/HttpsListener/Web: invalid hostHeaders[0] "${"h".repeat(125)}.com": expected a value of 1 to 128 characters [LISTENER_RULE_CONDITION_VALUE]`,
  ],
  ["an empty path pattern", withRule({ pathPatterns: ["/api/*", ""] }), 'test/Alb/HttpsListener/Web: invalid pathPatterns[1] "": expected a value of 1 to 128 characters [LISTENER_RULE_CONDITION_VALUE]'],
  [
    "a gRPC target group behind an HTTP listener",
    (scope) =>
      alb(scope, { certificateArn: undefined }).listener.addTargetGroup("Grpc", {
        targetGroup: albTargetGroup(scope, "Grpc", { protocolVersion: "GRPC" }),
        priority: 1,
        pathPatterns: ["/*"],
      }),
    'test/Alb/HttpListener/Grpc: invalid targetGroup.protocolVersion "GRPC": expected HTTP1 on an HTTP listener (HTTP2 and GRPC target groups need an HTTPS listener) [LISTENER_RULE_PROTOCOL_VERSION]',
  ],
  [
    "an application target group attached to a second load balancer",
    (scope) => {
      const tg = albTargetGroup(scope);
      alb(scope).listener.addTargetGroup("Web", { targetGroup: tg, priority: 1, pathPatterns: ["/*"] });
      new ApplicationLoadBalancer(scope, "Other", { name: "acme-dev-other", network }).listener.addTargetGroup("Web", { targetGroup: tg, priority: 1, pathPatterns: ["/*"] });
    },
    'test/Other/HttpListener/Web: invalid targetGroup "test/Web": expected a target group not already used by another load balancer (it is used by test/Alb) [TARGET_GROUP_SHARED]',
  ],
  // ApplicationTargetGroup
  ["an application target group port of 0", withAlbTargetGroup({ port: 0 }), "test/Web: invalid port 0: expected an integer from 1 to 65535 [TARGET_GROUP_PORT]"],
  ["an application target group port of 65536", withAlbTargetGroup({ port: 65536 }), "test/Web: invalid port 65536: expected an integer from 1 to 65535 [TARGET_GROUP_PORT]"],
  ["a target group protocol other than HTTP(S)", withAlbTargetGroup({ protocol: "TCP" as never }), 'test/Web: invalid protocol "TCP": expected one of "HTTP", "HTTPS" [TARGET_GROUP_PROTOCOL]'],
  ["an unknown protocol version", withAlbTargetGroup({ protocolVersion: "HTTP3" as never }), 'test/Web: invalid protocolVersion "HTTP3": expected one of "HTTP1", "HTTP2", "GRPC" [TARGET_GROUP_PROTOCOL_VERSION]'],
  [
    "a health check interval under 5 seconds",
    withAlbTargetGroup({ healthCheck: { intervalSeconds: 4, timeoutSeconds: 2 } }),
    "test/Web: invalid healthCheck.intervalSeconds 4: expected an integer from 5 to 300 seconds [TARGET_GROUP_HEALTH_CHECK]",
  ],
  ["a health check interval over 300 seconds", withAlbTargetGroup({ healthCheck: { intervalSeconds: 301 } }), "test/Web: invalid healthCheck.intervalSeconds 301: expected an integer from 5 to 300 seconds [TARGET_GROUP_HEALTH_CHECK]"],
  ["a health check timeout under 2 seconds", withAlbTargetGroup({ healthCheck: { timeoutSeconds: 1 } }), "test/Web: invalid healthCheck.timeoutSeconds 1: expected an integer from 2 to 120 seconds [TARGET_GROUP_HEALTH_CHECK]"],
  [
    "a health check timeout over 120 seconds",
    withAlbTargetGroup({ healthCheck: { timeoutSeconds: 121, intervalSeconds: 300 } }),
    "test/Web: invalid healthCheck.timeoutSeconds 121: expected an integer from 2 to 120 seconds [TARGET_GROUP_HEALTH_CHECK]",
  ],
  [
    "a health check timeout not shorter than the interval",
    withAlbTargetGroup({ healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } }),
    "test/Web: invalid healthCheck.timeoutSeconds 10: expected a timeout shorter than the interval (10 seconds) [TARGET_GROUP_HEALTH_CHECK]",
  ],
  ["a healthy threshold of 1", withAlbTargetGroup({ healthCheck: { healthyThreshold: 1 } }), "test/Web: invalid healthCheck.healthyThreshold 1: expected an integer from 2 to 10 [TARGET_GROUP_HEALTH_CHECK]"],
  ["an unhealthy threshold of 11", withAlbTargetGroup({ healthCheck: { unhealthyThreshold: 11 } }), "test/Web: invalid healthCheck.unhealthyThreshold 11: expected an integer from 2 to 10 [TARGET_GROUP_HEALTH_CHECK]"],
  [
    "a health check port that is not a port",
    withAlbTargetGroup({ healthCheck: { port: "http" } }),
    'test/Web: invalid healthCheck.port "http": expected "traffic-port" or a port from 1 to 65535 [TARGET_GROUP_HEALTH_CHECK]',
  ],
  [
    "a health check port over 65535",
    withAlbTargetGroup({ healthCheck: { port: "65536" } }),
    'test/Web: invalid healthCheck.port "65536": expected "traffic-port" or a port from 1 to 65535 [TARGET_GROUP_HEALTH_CHECK]',
  ],
  [
    "a health check path without a leading slash",
    withAlbTargetGroup({ healthCheck: { path: "healthz" } }),
    'test/Web: invalid healthCheck.path "healthz": expected a path starting with "/", at most 1024 characters [TARGET_GROUP_HEALTH_CHECK]',
  ],
  [
    "a health check matcher that is not status codes",
    withAlbTargetGroup({ healthCheck: { matcher: "ok" } }),
    'test/Web: invalid healthCheck.matcher "ok": expected status codes such as "200", "200-299" or "200,302" [TARGET_GROUP_HEALTH_CHECK]',
  ],
  [
    "a deregistration delay of -1",
    withAlbTargetGroup({ deregistrationDelaySeconds: -1 }),
    "test/Web: invalid deregistrationDelaySeconds -1: expected an integer from 0 to 3600 seconds [TARGET_GROUP_DEREGISTRATION_DELAY]",
  ],
  [
    "a deregistration delay over 3600",
    withAlbTargetGroup({ deregistrationDelaySeconds: 3601 }),
    "test/Web: invalid deregistrationDelaySeconds 3601: expected an integer from 0 to 3600 seconds [TARGET_GROUP_DEREGISTRATION_DELAY]",
  ],
  ["a slow start of 10 seconds", withAlbTargetGroup({ slowStartSeconds: 10 }), "test/Web: invalid slowStartSeconds 10: expected 0 (off) or an integer from 30 to 900 seconds [TARGET_GROUP_SLOW_START]"],
  ["a slow start over 900 seconds", withAlbTargetGroup({ slowStartSeconds: 901 }), "test/Web: invalid slowStartSeconds 901: expected 0 (off) or an integer from 30 to 900 seconds [TARGET_GROUP_SLOW_START]"],
  ["a target group name with characters that cannot be fixed", withAlbTargetGroup({ name: "acme.web" }), `test/Web: invalid name "acme.web": ${NAME_ALLOWED} [TARGET_GROUP_NAME]`],
  ["a target group name starting with internal-", withAlbTargetGroup({ name: "internal-web" }), 'test/Web: invalid name "internal-web": expected a name not starting with "internal-" (AWS reserves it) [TARGET_GROUP_NAME]'],
  [
    "a target group name that is a token",
    withAlbTargetGroup({ name: Token.asString({ Ref: "name" }) }),
    'test/Web: invalid name "(unresolved token)": expected a literal name, because the target group name is derived from it at synth time [TARGET_GROUP_NAME]',
  ],
  ["a target group tag key with the reserved aws: prefix", withAlbTargetGroup({ tags: { "aws:x": "y" } }), 'test/Web: invalid tags.aws:x "aws:x": expected a key of 1 to 128 characters not starting with "aws:" [TAG_KEY_INVALID]'],
  // NetworkLoadBalancer
  ["an NLB name with characters that cannot be fixed", withNlb({ name: "acme dev" }), `test/Nlb: invalid name "acme dev": ${NAME_ALLOWED} [NLB_NAME]`],
  ["an NLB ingress CIDR that is not one", withNlb({ ingressCidrs: ["10.0.0.300/16"] }), 'test/Nlb: invalid ingressCidrs "10.0.0.300/16": expected IPv4 CIDR blocks such as 10.0.0.0/16 [NLB_INGRESS_CIDRS]'],
  [
    "an internal NLB in a network with one workload subnet",
    withNlb({ network: onePrivateSubnet }),
    "test/Nlb: invalid network.workloadSubnetIds 1: expected at least 2 workload subnets in different availability zones [NLB_SUBNETS]",
  ],
  [
    "an NLB access log prefix containing AWSLogs",
    withNlb({ accessLogs: { bucket: "acme-logs", prefix: "AWSLogs" } }),
    'test/Nlb: invalid accessLogs.prefix "AWSLogs": expected a prefix without leading or trailing "/" that does not contain "AWSLogs" [NLB_ACCESS_LOGS]',
  ],
  [
    "more than 50 NLB tags",
    withNlb({ tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`tag${i}`, "x"])) }),
    "test/Nlb: invalid tags 51: expected at most 50 tags [TAGS_TOO_MANY]",
  ],
  [
    "two NLB listeners on one port for the same transport, naming both",
    (scope) => {
      const lb = nlb(scope);
      lb.addListener("Mqtt", { port: 1883, targetGroup: nlbTargetGroup(scope, "Mqtt") });
      lb.addListener("Other", { port: 1883, protocol: "TCP_UDP", targetGroup: nlbTargetGroup(scope, "Other", { protocol: "TCP_UDP" }) });
    },
    "test/Nlb/Other: invalid port 1883: expected a port no other listener uses for the same transport (test/Nlb/Mqtt has it) [NLB_LISTENER_PORT_DUPLICATE]",
  ],
  // NetworkListener
  ["an NLB listener port of 0", withNlbListener({ port: 0 }), "test/Nlb/Mqtt: invalid port 0: expected an integer from 1 to 65535 [LISTENER_PORT]"],
  ["an NLB listener port of 65536", withNlbListener({ port: 65536 }), "test/Nlb/Mqtt: invalid port 65536: expected an integer from 1 to 65535 [LISTENER_PORT]"],
  ["an ALB protocol on an NLB listener", withNlbListener({ protocol: "HTTP" as never }), 'test/Nlb/Mqtt: invalid protocol "HTTP": expected one of "TCP", "TLS", "UDP", "TCP_UDP" [LISTENER_PROTOCOL]'],
  ["a TLS listener without a certificate", withNlbListener({ protocol: "TLS" }), "test/Nlb/Mqtt: invalid certificateArn (missing): expected a certificate ARN for a TLS listener [LISTENER_CERTIFICATE_MISSING]"],
  ["a certificate on a TCP listener", withNlbListener({ certificateArn: CERT }), `test/Nlb/Mqtt: invalid certificateArn "${CERT}": expected no certificate or TLS policy on a TCP listener [LISTENER_TLS_ON_PLAIN]`],
  [
    "a TLS policy on a UDP listener",
    withNlbListener({ protocol: "UDP", sslPolicy: TLS_POLICY }, { protocol: "UDP" }),
    `test/Nlb/Mqtt: invalid sslPolicy "${TLS_POLICY}": expected no certificate or TLS policy on a UDP listener [LISTENER_TLS_ON_PLAIN]`,
  ],
  ["a TLS certificate that is not an ARN", withNlbListener({ protocol: "TLS", certificateArn: "cert" }), `test/Nlb/Mqtt: invalid certificateArn "cert": ${ARN_ALLOWED}`],
  [
    "a UDP listener in front of a TCP group",
    withNlbListener({ protocol: "UDP" }, { protocol: "TCP" }),
    'test/Nlb/Mqtt: invalid targetGroup.protocol "TCP": expected a target group protocol a UDP listener can forward to: UDP or TCP_UDP [LISTENER_TARGET_PROTOCOL]',
  ],
  [
    "a TCP_UDP listener in front of a TCP group",
    withNlbListener({ protocol: "TCP_UDP" }, { protocol: "TCP" }),
    'test/Nlb/Mqtt: invalid targetGroup.protocol "TCP": expected a target group protocol a TCP_UDP listener can forward to: TCP_UDP [LISTENER_TARGET_PROTOCOL]',
  ],
  [
    "an NLB listener tag key over 128 characters",
    (scope) => new NetworkListener(scope, "Listener", { loadBalancer: nlb(scope), port: 1883, targetGroup: nlbTargetGroup(scope), tags: { ["k".repeat(129)]: "x" } }),
    `test/Listener: invalid tags.${"k".repeat(129)} "${"k".repeat(129)}": expected a key of 1 to 128 characters not starting with "aws:" [TAG_KEY_INVALID]`,
  ],
  // NetworkTargetGroup
  ["a network target group port of 70000", withNlbTargetGroup({ port: 70000 }), "test/Mqtt: invalid port 70000: expected an integer from 1 to 65535 [TARGET_GROUP_PORT]"],
  ["an ALB protocol on a network target group", withNlbTargetGroup({ protocol: "HTTP" as never }), 'test/Mqtt: invalid protocol "HTTP": expected one of "TCP", "TLS", "UDP", "TCP_UDP" [TARGET_GROUP_PROTOCOL]'],
  ["a UDP health check", withNlbTargetGroup({ healthCheck: { protocol: "UDP" as never } }), 'test/Mqtt: invalid healthCheck.protocol "UDP": expected one of "TCP", "HTTP", "HTTPS" [TARGET_GROUP_HEALTH_CHECK]'],
  ["a path on a TCP health check", withNlbTargetGroup({ healthCheck: { path: "/health" } }), `test/Mqtt: invalid healthCheck.path "/health": ${TCP_CHECK_ALLOWED}`],
  ["a matcher on a TCP health check", withNlbTargetGroup({ healthCheck: { matcher: "200" } }), `test/Mqtt: invalid healthCheck.matcher "200": ${TCP_CHECK_ALLOWED}`],
  [
    "a network health check interval over 300 seconds",
    withNlbTargetGroup({ healthCheck: { intervalSeconds: 301 } }),
    "test/Mqtt: invalid healthCheck.intervalSeconds 301: expected an integer from 5 to 300 seconds [TARGET_GROUP_HEALTH_CHECK]",
  ],
  [
    "a network health check timeout longer than the interval",
    withNlbTargetGroup({ healthCheck: { intervalSeconds: 5, timeoutSeconds: 6 } }),
    "test/Mqtt: invalid healthCheck.timeoutSeconds 6: expected a timeout shorter than the interval (5 seconds) [TARGET_GROUP_HEALTH_CHECK]",
  ],
  ["a network healthy threshold of 11", withNlbTargetGroup({ healthCheck: { healthyThreshold: 11 } }), "test/Mqtt: invalid healthCheck.healthyThreshold 11: expected an integer from 2 to 10 [TARGET_GROUP_HEALTH_CHECK]"],
  ["a network unhealthy threshold of 1", withNlbTargetGroup({ healthCheck: { unhealthyThreshold: 1 } }), "test/Mqtt: invalid healthCheck.unhealthyThreshold 1: expected an integer from 2 to 10 [TARGET_GROUP_HEALTH_CHECK]"],
  [
    "a network deregistration delay over 3600",
    withNlbTargetGroup({ deregistrationDelaySeconds: 4000 }),
    "test/Mqtt: invalid deregistrationDelaySeconds 4000: expected an integer from 0 to 3600 seconds [TARGET_GROUP_DEREGISTRATION_DELAY]",
  ],
  ["a network target group name starting with a hyphen", withNlbTargetGroup({ name: "-mqtt" }), `test/Mqtt: invalid name "-mqtt": ${NAME_ALLOWED} [TARGET_GROUP_NAME]`],
  [
    "a network target group attached to a second load balancer",
    (scope) => {
      const tg = nlbTargetGroup(scope);
      nlb(scope).addListener("Mqtt", { port: 1883, targetGroup: tg });
      new NetworkLoadBalancer(scope, "Other", { name: "acme-dev-other", network }).addListener("Mqtt", { port: 1883, targetGroup: tg });
    },
    'test/Other/Mqtt: invalid targetGroup "test/Mqtt": expected a target group not already used by another load balancer (it is used by test/Nlb) [TARGET_GROUP_SHARED]',
  ],
];

describe("ingress module: bad input", () => {
  // errorOf fails the test unless the error is a ValidationError.
  test.each(cases)("rejects %s with a ValidationError naming path, property, value and what is allowed", (_, build, message) => {
    expect(errorOf(build)).toMatch(exactly(message));
    expect(message).toMatch(SHAPE);
  });
});
