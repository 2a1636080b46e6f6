import { Token } from "cdktf";
import { Construct } from "constructs";
import { ApplicationListener } from "../../src/ingress/application-listener";
import { ApplicationLoadBalancer, ApplicationLoadBalancerProps } from "../../src/ingress/application-load-balancer";
import { ApplicationTargetGroup, ApplicationTargetGroupProps } from "../../src/ingress/application-target-group";
import { NetworkListener, NetworkListenerOptions } from "../../src/ingress/network-listener";
import { NetworkLoadBalancer, NetworkLoadBalancerProps } from "../../src/ingress/network-load-balancer";
import { NetworkTargetGroup, NetworkTargetGroupProps } from "../../src/ingress/network-target-group";
import { Network } from "../../src/network/network";
import { expectedMessage, Rejection, testRejections } from "../helpers";
import { CERT, network } from "./fixtures";

const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

const privateOnly = Network.fromAttributes({
  vpcId: "vpc-1",
  vpcCidr: "10.0.0.0/16",
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  privateSubnetIds: ["a", "b"],
});
const onePrivateSubnet = Network.fromAttributes({
  vpcId: "vpc-1",
  vpcCidr: "10.0.0.0/16",
  availabilityZones: ["eu-west-1a"],
  privateSubnetIds: ["a"],
});

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

const withAlb =
  (props: Partial<ApplicationLoadBalancerProps>): Build =>
  (scope) =>
    alb(scope, props);
const withAlbTargetGroup =
  (props: Partial<ApplicationTargetGroupProps>): Build =>
  (scope) =>
    albTargetGroup(scope, "Web", props);
const withNlb =
  (props: Partial<NetworkLoadBalancerProps>): Build =>
  (scope) =>
    nlb(scope, props);
const withNlbTargetGroup =
  (props: Partial<NetworkTargetGroupProps>): Build =>
  (scope) =>
    nlbTargetGroup(scope, "Mqtt", props);
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

const ARN_ALLOWED = "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) or an IAM server certificate ARN";
const NAME_ALLOWED = "a name of letters, digits and inner hyphens (longer names are shortened)";
const TCP_CHECK_ALLOWED = 'no path or matcher for a TCP health check (set healthCheck.protocol to "HTTP" or "HTTPS")';

const cases: Rejection[] = [
  // ApplicationLoadBalancer
  [
    "an ALB name with characters that cannot be fixed",
    withAlb({ name: "acme_dev_web" }),
    expectedMessage("test/Alb", "name", "acme_dev_web", NAME_ALLOWED, "ALB_NAME"),
  ],
  ["an ALB name ending in a hyphen", withAlb({ name: "acme-" }), expectedMessage("test/Alb", "name", "acme-", NAME_ALLOWED, "ALB_NAME")],
  ["an empty ALB name", withAlb({ name: "" }), expectedMessage("test/Alb", "name", "", NAME_ALLOWED, "ALB_NAME")],
  [
    "an ALB name starting with internal-",
    withAlb({ name: "internal-web" }),
    expectedMessage("test/Alb", "name", "internal-web", 'a name not starting with "internal-" (AWS reserves it)', "ALB_NAME"),
  ],
  [
    "an idle timeout of 0",
    withAlb({ idleTimeoutSeconds: 0 }),
    expectedMessage("test/Alb", "idleTimeoutSeconds", 0, "an integer from 1 to 4000 seconds", "ALB_IDLE_TIMEOUT"),
  ],
  [
    "an idle timeout over 4000",
    withAlb({ idleTimeoutSeconds: 4001 }),
    expectedMessage("test/Alb", "idleTimeoutSeconds", 4001, "an integer from 1 to 4000 seconds", "ALB_IDLE_TIMEOUT"),
  ],
  [
    "an ALB ingress CIDR that is not one",
    withAlb({ ingressCidrs: ["10.0.0.0/33"] }),
    expectedMessage("test/Alb", "ingressCidrs", "10.0.0.0/33", "IPv4 CIDR blocks such as 10.0.0.0/16", "ALB_INGRESS_CIDRS"),
  ],
  [
    "no ALB ingress CIDRs",
    withAlb({ ingressCidrs: [] }),
    expectedMessage(
      "test/Alb",
      "ingressCidrs",
      [],
      "at least one IPv4 CIDR block (nothing could reach the listeners)",
      "ALB_INGRESS_CIDRS",
    ),
  ],
  [
    "ALB ingress CIDRs as one list token",
    withAlb({ ingressCidrs: Token.asList({ Ref: "cidrs" }) }),
    expectedMessage(
      "test/Alb",
      "ingressCidrs",
      "(unresolved list token)",
      "an explicit list, one security group rule per entry (entries may be tokens)",
      "ALB_INGRESS_CIDRS",
    ),
  ],
  [
    "an HTTPS redirect without a certificate",
    withAlb({ certificateArn: undefined, redirectHttpToHttps: true }),
    expectedMessage(
      "test/Alb",
      "redirectHttpToHttps",
      true,
      "false unless certificateArn is set (there is no HTTPS listener to redirect to)",
      "ALB_REDIRECT_WITHOUT_HTTPS",
    ),
  ],
  [
    "a TLS policy without a certificate",
    withAlb({ certificateArn: undefined, sslPolicy: TLS_POLICY }),
    expectedMessage(
      "test/Alb",
      "certificateArn",
      undefined,
      "a certificate when additionalCertificateArns or sslPolicy is set",
      "ALB_TLS_WITHOUT_CERTIFICATE",
    ),
  ],
  [
    "additional certificates without a default one",
    withAlb({ certificateArn: undefined, additionalCertificateArns: [CERT] }),
    expectedMessage(
      "test/Alb",
      "certificateArn",
      undefined,
      "a certificate when additionalCertificateArns or sslPolicy is set",
      "ALB_TLS_WITHOUT_CERTIFICATE",
    ),
  ],
  [
    "a certificate that is not an ACM or IAM ARN",
    withAlb({ certificateArn: "my-cert" }),
    expectedMessage("test/Alb/HttpsListener", "certificateArn", "my-cert", ARN_ALLOWED, "LISTENER_CERTIFICATE_ARN"),
  ],
  [
    "a bad additional certificate",
    withAlb({ additionalCertificateArns: ["arn:aws:s3:::bucket"] }),
    expectedMessage(
      "test/Alb/HttpsListener",
      "additionalCertificateArns[0]",
      "arn:aws:s3:::bucket",
      ARN_ALLOWED,
      "LISTENER_CERTIFICATE_ARN",
    ),
  ],
  [
    "an ALB access log bucket given as an ARN",
    withAlb({ accessLogs: { bucket: "arn:aws:s3:::acme-logs" } }),
    expectedMessage(
      "test/Alb",
      "accessLogs.bucket",
      "arn:aws:s3:::acme-logs",
      "an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens; not an ARN)",
      "ALB_ACCESS_LOGS",
    ),
  ],
  [
    "an ALB access log prefix with a trailing slash",
    withAlb({ accessLogs: { bucket: "acme-logs", prefix: "web/" } }),
    expectedMessage(
      "test/Alb",
      "accessLogs.prefix",
      "web/",
      'a prefix without leading or trailing "/" that does not contain "AWSLogs"',
      "ALB_ACCESS_LOGS",
    ),
  ],
  [
    "an ALB tag key with the reserved aws: prefix",
    withAlb({ tags: { "aws:owner": "x" } }),
    expectedMessage("test/Alb", "tags.aws:owner", "aws:owner", 'a key of 1 to 128 characters not starting with "aws:"', "TAG_KEY_INVALID"),
  ],
  [
    "an ALB tag value over 256 characters",
    withAlb({ tags: { Team: "v".repeat(257) } }),
    expectedMessage("test/Alb", "tags.Team", "v".repeat(257), "a value of at most 256 characters", "TAG_VALUE_TOO_LONG"),
  ],
  [
    "an internet-facing ALB in a network without public subnets",
    withAlb({ network: privateOnly }),
    expectedMessage(
      "test/Alb",
      "network.publicSubnetIds",
      0,
      "at least 2 public subnets in different availability zones (or internetFacing: false)",
      "ALB_SUBNETS",
    ),
  ],
  [
    "a test listener on a port already used",
    (scope) => alb(scope).addTestListener(80),
    expectedMessage(
      "test/Alb",
      "addTestListener.port",
      80,
      "a port no other listener uses (test/Alb/HttpListener has it)",
      "ALB_LISTENER_PORT_DUPLICATE",
    ),
  ],
  [
    "a test listener port over 65535",
    (scope) => alb(scope).addTestListener(70000),
    expectedMessage("test/Alb/TestListener70000", "port", 70000, "an integer from 1 to 65535", "LISTENER_PORT"),
  ],
  // ApplicationListener
  [
    "an HTTPS listener without a certificate",
    (scope) => new ApplicationListener(scope, "Listener", { loadBalancer: alb(scope), port: 8443, protocol: "HTTPS" }),
    expectedMessage(
      "test/Listener",
      "certificateArn",
      undefined,
      "a certificate ARN for an HTTPS listener",
      "LISTENER_CERTIFICATE_MISSING",
    ),
  ],
  [
    "a certificate on an HTTP listener",
    (scope) => new ApplicationListener(scope, "Listener", { loadBalancer: alb(scope), port: 8080, protocol: "HTTP", certificateArn: CERT }),
    expectedMessage("test/Listener", "certificateArn", CERT, "no certificate or TLS policy on an HTTP listener", "LISTENER_TLS_ON_HTTP"),
  ],
  [
    "a redirect to HTTPS port 0",
    (scope) =>
      new ApplicationListener(scope, "Listener", { loadBalancer: alb(scope), port: 8080, protocol: "HTTP", redirectToHttpsPort: 0 }),
    expectedMessage("test/Listener", "redirectToHttpsPort", 0, "an integer from 1 to 65535", "LISTENER_PORT"),
  ],
  [
    "a listener tag key with the reserved aws: prefix",
    (scope) =>
      new ApplicationListener(scope, "Listener", { loadBalancer: alb(scope), port: 8080, protocol: "HTTP", tags: { "aws:x": "y" } }),
    expectedMessage("test/Listener", "tags.aws:x", "aws:x", 'a key of 1 to 128 characters not starting with "aws:"', "TAG_KEY_INVALID"),
  ],
  [
    "a listener rule priority used twice, naming both rules",
    (scope) => {
      const lb = alb(scope);
      lb.listener.addTargetGroup("Web", { targetGroup: albTargetGroup(scope, "Web"), priority: 10, pathPatterns: ["/*"] });
      lb.listener.addTargetGroup("Api", { targetGroup: albTargetGroup(scope, "Api"), priority: 10, pathPatterns: ["/api/*"] });
    },
    expectedMessage(
      "test/Alb/HttpsListener/Api",
      "priority",
      10,
      "a priority not used by another rule of this listener (test/Alb/HttpsListener/Web has it)",
      "LISTENER_RULE_PRIORITY_DUPLICATE",
    ),
  ],
  [
    "a listener rule priority of 0",
    withRule({ priority: 0 }),
    expectedMessage("test/Alb/HttpsListener/Web", "priority", 0, "an integer from 1 to 50000", "LISTENER_RULE_PRIORITY"),
  ],
  [
    "a listener rule priority over 50000",
    withRule({ priority: 50001 }),
    expectedMessage("test/Alb/HttpsListener/Web", "priority", 50001, "an integer from 1 to 50000", "LISTENER_RULE_PRIORITY"),
  ],
  [
    "a fractional listener rule priority",
    withRule({ priority: 1.5 }),
    expectedMessage("test/Alb/HttpsListener/Web", "priority", 1.5, "an integer from 1 to 50000", "LISTENER_RULE_PRIORITY"),
  ],
  [
    "a listener rule with no condition",
    withRule({ pathPatterns: [] }),
    expectedMessage(
      "test/Alb/HttpsListener/Web",
      "hostHeaders/pathPatterns",
      undefined,
      "at least one condition (host header, path pattern, HTTP header, query string, source IP or HTTP method)",
      "LISTENER_RULE_NO_CONDITION",
    ),
  ],
  ...(
    [
      ["a URL with a scheme", "https://www.example.com"],
      ["a host with a path", "www.example.com/api"],
      ["a host with a port", "www.example.com:443"],
      ["a host without a dot", "localhost"],
      ["a host ending in digits after the last dot", "10.0.0.1"],
    ] as const
  ).map(([what, host]): Rejection => [
    `${what} as a host header`,
    withRule({ hostHeaders: [host] }),
    expectedMessage(
      "test/Alb/HttpsListener/Web",
      "hostHeaders[0]",
      host,
      'a host name such as www.example.com or *.example.com (letters, digits, "-", "_", "." and the wildcards * and ?, with a "." and only letters after the last one), not a URL with a scheme, port or path',
      "LISTENER_RULE_HOST_HEADER",
    ),
  ]),
  [
    "an SSL policy name that does not exist",
    withAlb({ sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-07" }),
    expectedMessage(
      "test/Alb/HttpsListener",
      "sslPolicy",
      "ELBSecurityPolicy-TLS13-1-2-2021-07",
      "a predefined Elastic Load Balancing security policy such as ELBSecurityPolicy-TLS13-1-2-2021-06 (names are case-sensitive)",
      "LISTENER_SSL_POLICY",
    ),
  ],
  [
    "an SSL policy name in the wrong case on a TLS listener",
    withNlbListener({ protocol: "TLS", certificateArn: CERT, sslPolicy: "elbsecuritypolicy-tls13-1-2-2021-06" }),
    expectedMessage(
      "test/Nlb/Mqtt",
      "sslPolicy",
      "elbsecuritypolicy-tls13-1-2-2021-06",
      "a predefined Elastic Load Balancing security policy such as ELBSecurityPolicy-TLS13-1-2-2021-06 (names are case-sensitive)",
      "LISTENER_SSL_POLICY",
    ),
  ],
  [
    "more than 5 condition values over host headers and paths",
    withRule({ hostHeaders: ["a", "b", "c"], pathPatterns: ["/1", "/2", "/3"] }),
    expectedMessage(
      "test/Alb/HttpsListener/Web",
      "hostHeaders/pathPatterns",
      ["a", "b", "c", "/1", "/2", "/3"],
      "at most 5 condition values per rule, counted over all its conditions (AWS limit; split them over several rules)",
      "LISTENER_RULE_TOO_MANY_VALUES",
    ),
  ],
  [
    "a host header over 128 characters",
    withRule({ hostHeaders: [`${"h".repeat(125)}.com`] }),
    expectedMessage(
      "test/Alb/HttpsListener/Web",
      "hostHeaders[0]",
      `${"h".repeat(125)}.com`,
      "a value of 1 to 128 characters",
      "LISTENER_RULE_CONDITION_VALUE",
    ),
  ],
  [
    "an empty path pattern",
    withRule({ pathPatterns: ["/api/*", ""] }),
    expectedMessage("test/Alb/HttpsListener/Web", "pathPatterns[1]", "", "a value of 1 to 128 characters", "LISTENER_RULE_CONDITION_VALUE"),
  ],
  [
    "a gRPC target group behind an HTTP listener",
    (scope) =>
      alb(scope, { certificateArn: undefined }).listener.addTargetGroup("Grpc", {
        targetGroup: albTargetGroup(scope, "Grpc", { protocolVersion: "GRPC" }),
        priority: 1,
        pathPatterns: ["/*"],
      }),
    expectedMessage(
      "test/Alb/HttpListener/Grpc",
      "targetGroup.protocolVersion",
      "GRPC",
      "HTTP1 on an HTTP listener (HTTP2 and GRPC target groups need an HTTPS listener)",
      "LISTENER_RULE_PROTOCOL_VERSION",
    ),
  ],
  [
    "an application target group attached to a second load balancer",
    (scope) => {
      const tg = albTargetGroup(scope);
      alb(scope).listener.addTargetGroup("Web", { targetGroup: tg, priority: 1, pathPatterns: ["/*"] });
      new ApplicationLoadBalancer(scope, "Other", { name: "acme-dev-other", network }).listener.addTargetGroup("Web", {
        targetGroup: tg,
        priority: 1,
        pathPatterns: ["/*"],
      });
    },
    expectedMessage(
      "test/Other/HttpListener/Web",
      "targetGroup",
      "test/Web",
      "a target group not already used by another load balancer (it is used by test/Alb)",
      "TARGET_GROUP_SHARED",
    ),
  ],
  // ApplicationTargetGroup
  [
    "an application target group port of 0",
    withAlbTargetGroup({ port: 0 }),
    expectedMessage("test/Web", "port", 0, "an integer from 1 to 65535", "TARGET_GROUP_PORT"),
  ],
  [
    "an application target group port of 65536",
    withAlbTargetGroup({ port: 65536 }),
    expectedMessage("test/Web", "port", 65536, "an integer from 1 to 65535", "TARGET_GROUP_PORT"),
  ],
  [
    "a target group protocol other than HTTP(S)",
    withAlbTargetGroup({ protocol: "TCP" as never }),
    expectedMessage("test/Web", "protocol", "TCP", 'one of "HTTP", "HTTPS"', "TARGET_GROUP_PROTOCOL"),
  ],
  [
    "an unknown protocol version",
    withAlbTargetGroup({ protocolVersion: "HTTP3" as never }),
    expectedMessage("test/Web", "protocolVersion", "HTTP3", 'one of "HTTP1", "HTTP2", "GRPC"', "TARGET_GROUP_PROTOCOL_VERSION"),
  ],
  [
    "a health check interval under 5 seconds",
    withAlbTargetGroup({ healthCheck: { intervalSeconds: 4, timeoutSeconds: 2 } }),
    expectedMessage("test/Web", "healthCheck.intervalSeconds", 4, "an integer from 5 to 300 seconds", "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a health check interval over 300 seconds",
    withAlbTargetGroup({ healthCheck: { intervalSeconds: 301 } }),
    expectedMessage("test/Web", "healthCheck.intervalSeconds", 301, "an integer from 5 to 300 seconds", "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a health check timeout under 2 seconds",
    withAlbTargetGroup({ healthCheck: { timeoutSeconds: 1 } }),
    expectedMessage("test/Web", "healthCheck.timeoutSeconds", 1, "an integer from 2 to 120 seconds", "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a health check timeout over 120 seconds",
    withAlbTargetGroup({ healthCheck: { timeoutSeconds: 121, intervalSeconds: 300 } }),
    expectedMessage("test/Web", "healthCheck.timeoutSeconds", 121, "an integer from 2 to 120 seconds", "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a health check timeout not shorter than the interval",
    withAlbTargetGroup({ healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } }),
    expectedMessage(
      "test/Web",
      "healthCheck.timeoutSeconds",
      10,
      "a timeout shorter than the interval (10 seconds)",
      "TARGET_GROUP_HEALTH_CHECK",
    ),
  ],
  [
    "a healthy threshold of 1",
    withAlbTargetGroup({ healthCheck: { healthyThreshold: 1 } }),
    expectedMessage("test/Web", "healthCheck.healthyThreshold", 1, "an integer from 2 to 10", "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "an unhealthy threshold of 11",
    withAlbTargetGroup({ healthCheck: { unhealthyThreshold: 11 } }),
    expectedMessage("test/Web", "healthCheck.unhealthyThreshold", 11, "an integer from 2 to 10", "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a health check port that is not a port",
    withAlbTargetGroup({ healthCheck: { port: "http" } }),
    expectedMessage("test/Web", "healthCheck.port", "http", '"traffic-port" or a port from 1 to 65535', "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a health check port over 65535",
    withAlbTargetGroup({ healthCheck: { port: "65536" } }),
    expectedMessage("test/Web", "healthCheck.port", "65536", '"traffic-port" or a port from 1 to 65535', "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a health check path without a leading slash",
    withAlbTargetGroup({ healthCheck: { path: "healthz" } }),
    expectedMessage(
      "test/Web",
      "healthCheck.path",
      "healthz",
      'a path starting with "/", at most 1024 characters',
      "TARGET_GROUP_HEALTH_CHECK",
    ),
  ],
  [
    "a health check matcher that is not status codes",
    withAlbTargetGroup({ healthCheck: { matcher: "ok" } }),
    expectedMessage(
      "test/Web",
      "healthCheck.matcher",
      "ok",
      'status codes such as "200", "200-299" or "200,302"',
      "TARGET_GROUP_HEALTH_CHECK",
    ),
  ],
  [
    "a deregistration delay of -1",
    withAlbTargetGroup({ deregistrationDelaySeconds: -1 }),
    expectedMessage("test/Web", "deregistrationDelaySeconds", -1, "an integer from 0 to 3600 seconds", "TARGET_GROUP_DEREGISTRATION_DELAY"),
  ],
  [
    "a deregistration delay over 3600",
    withAlbTargetGroup({ deregistrationDelaySeconds: 3601 }),
    expectedMessage(
      "test/Web",
      "deregistrationDelaySeconds",
      3601,
      "an integer from 0 to 3600 seconds",
      "TARGET_GROUP_DEREGISTRATION_DELAY",
    ),
  ],
  [
    "a slow start of 10 seconds",
    withAlbTargetGroup({ slowStartSeconds: 10 }),
    expectedMessage("test/Web", "slowStartSeconds", 10, "0 (off) or an integer from 30 to 900 seconds", "TARGET_GROUP_SLOW_START"),
  ],
  [
    "a slow start over 900 seconds",
    withAlbTargetGroup({ slowStartSeconds: 901 }),
    expectedMessage("test/Web", "slowStartSeconds", 901, "0 (off) or an integer from 30 to 900 seconds", "TARGET_GROUP_SLOW_START"),
  ],
  [
    "a target group name with characters that cannot be fixed",
    withAlbTargetGroup({ name: "acme.web" }),
    expectedMessage("test/Web", "name", "acme.web", NAME_ALLOWED, "TARGET_GROUP_NAME"),
  ],
  [
    "a target group name starting with internal-",
    withAlbTargetGroup({ name: "internal-web" }),
    expectedMessage("test/Web", "name", "internal-web", 'a name not starting with "internal-" (AWS reserves it)', "TARGET_GROUP_NAME"),
  ],
  [
    "a target group name that is a token",
    withAlbTargetGroup({ name: Token.asString({ Ref: "name" }) }),
    expectedMessage(
      "test/Web",
      "name",
      "(unresolved token)",
      "a literal name, because the target group name is derived from it at synth time",
      "TARGET_GROUP_NAME",
    ),
  ],
  [
    "a target group tag key with the reserved aws: prefix",
    withAlbTargetGroup({ tags: { "aws:x": "y" } }),
    expectedMessage("test/Web", "tags.aws:x", "aws:x", 'a key of 1 to 128 characters not starting with "aws:"', "TAG_KEY_INVALID"),
  ],
  // NetworkLoadBalancer
  [
    "an NLB name with characters that cannot be fixed",
    withNlb({ name: "acme dev" }),
    expectedMessage("test/Nlb", "name", "acme dev", NAME_ALLOWED, "NLB_NAME"),
  ],
  [
    "an NLB ingress CIDR that is not one",
    withNlb({ ingressCidrs: ["10.0.0.300/16"] }),
    expectedMessage("test/Nlb", "ingressCidrs", "10.0.0.300/16", "IPv4 CIDR blocks such as 10.0.0.0/16", "NLB_INGRESS_CIDRS"),
  ],
  [
    "an internal NLB in a network with one workload subnet",
    withNlb({ network: onePrivateSubnet }),
    expectedMessage(
      "test/Nlb",
      "network.workloadSubnetIds",
      1,
      "at least 2 workload subnets in different availability zones",
      "NLB_SUBNETS",
    ),
  ],
  [
    "an NLB access log prefix containing AWSLogs",
    withNlb({ accessLogs: { bucket: "acme-logs", prefix: "AWSLogs" } }),
    expectedMessage(
      "test/Nlb",
      "accessLogs.prefix",
      "AWSLogs",
      'a prefix without leading or trailing "/" that does not contain "AWSLogs"',
      "NLB_ACCESS_LOGS",
    ),
  ],
  [
    "more than 50 NLB tags",
    withNlb({ tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`tag${i}`, "x"])) }),
    expectedMessage("test/Nlb", "tags", 51, "at most 50 tags", "TAGS_TOO_MANY"),
  ],
  [
    "two NLB listeners on one port for the same transport, naming both",
    (scope) => {
      const lb = nlb(scope);
      lb.addListener("Mqtt", { port: 1883, targetGroup: nlbTargetGroup(scope, "Mqtt") });
      lb.addListener("Other", { port: 1883, protocol: "TCP_UDP", targetGroup: nlbTargetGroup(scope, "Other", { protocol: "TCP_UDP" }) });
    },
    expectedMessage(
      "test/Nlb/Other",
      "port",
      1883,
      "a port no other listener uses for the same transport (test/Nlb/Mqtt has it)",
      "NLB_LISTENER_PORT_DUPLICATE",
    ),
  ],
  // NetworkListener
  [
    "an NLB listener port of 0",
    withNlbListener({ port: 0 }),
    expectedMessage("test/Nlb/Mqtt", "port", 0, "an integer from 1 to 65535", "LISTENER_PORT"),
  ],
  [
    "an NLB listener port of 65536",
    withNlbListener({ port: 65536 }),
    expectedMessage("test/Nlb/Mqtt", "port", 65536, "an integer from 1 to 65535", "LISTENER_PORT"),
  ],
  [
    "an ALB protocol on an NLB listener",
    withNlbListener({ protocol: "HTTP" as never }),
    expectedMessage("test/Nlb/Mqtt", "protocol", "HTTP", 'one of "TCP", "TLS", "UDP", "TCP_UDP"', "LISTENER_PROTOCOL"),
  ],
  [
    "a TLS listener without a certificate",
    withNlbListener({ protocol: "TLS" }),
    expectedMessage("test/Nlb/Mqtt", "certificateArn", undefined, "a certificate ARN for a TLS listener", "LISTENER_CERTIFICATE_MISSING"),
  ],
  [
    "a certificate on a TCP listener",
    withNlbListener({ certificateArn: CERT }),
    expectedMessage("test/Nlb/Mqtt", "certificateArn", CERT, "no certificate or TLS policy on a TCP listener", "LISTENER_TLS_ON_PLAIN"),
  ],
  [
    "a TLS policy on a UDP listener",
    withNlbListener({ protocol: "UDP", sslPolicy: TLS_POLICY }, { protocol: "UDP" }),
    expectedMessage("test/Nlb/Mqtt", "sslPolicy", TLS_POLICY, "no certificate or TLS policy on a UDP listener", "LISTENER_TLS_ON_PLAIN"),
  ],
  [
    "a TLS certificate that is not an ARN",
    withNlbListener({ protocol: "TLS", certificateArn: "cert" }),
    expectedMessage("test/Nlb/Mqtt", "certificateArn", "cert", ARN_ALLOWED, "LISTENER_CERTIFICATE_ARN"),
  ],
  [
    "a UDP listener in front of a TCP group",
    withNlbListener({ protocol: "UDP" }, { protocol: "TCP" }),
    expectedMessage(
      "test/Nlb/Mqtt",
      "targetGroup.protocol",
      "TCP",
      "a target group protocol a UDP listener can forward to: UDP or TCP_UDP",
      "LISTENER_TARGET_PROTOCOL",
    ),
  ],
  [
    "a TCP_UDP listener in front of a TCP group",
    withNlbListener({ protocol: "TCP_UDP" }, { protocol: "TCP" }),
    expectedMessage(
      "test/Nlb/Mqtt",
      "targetGroup.protocol",
      "TCP",
      "a target group protocol a TCP_UDP listener can forward to: TCP_UDP",
      "LISTENER_TARGET_PROTOCOL",
    ),
  ],
  [
    "an NLB listener tag key over 128 characters",
    (scope) =>
      new NetworkListener(scope, "Listener", {
        loadBalancer: nlb(scope),
        port: 1883,
        targetGroup: nlbTargetGroup(scope),
        tags: { ["k".repeat(129)]: "x" },
      }),
    expectedMessage(
      "test/Listener",
      `tags.${"k".repeat(129)}`,
      "k".repeat(129),
      'a key of 1 to 128 characters not starting with "aws:"',
      "TAG_KEY_INVALID",
    ),
  ],
  // NetworkTargetGroup
  [
    "a network target group port of 70000",
    withNlbTargetGroup({ port: 70000 }),
    expectedMessage("test/Mqtt", "port", 70000, "an integer from 1 to 65535", "TARGET_GROUP_PORT"),
  ],
  [
    "an ALB protocol on a network target group",
    withNlbTargetGroup({ protocol: "HTTP" as never }),
    expectedMessage("test/Mqtt", "protocol", "HTTP", 'one of "TCP", "TLS", "UDP", "TCP_UDP"', "TARGET_GROUP_PROTOCOL"),
  ],
  [
    "a UDP health check",
    withNlbTargetGroup({ healthCheck: { protocol: "UDP" as never } }),
    expectedMessage("test/Mqtt", "healthCheck.protocol", "UDP", 'one of "TCP", "HTTP", "HTTPS"', "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a path on a TCP health check",
    withNlbTargetGroup({ healthCheck: { path: "/health" } }),
    expectedMessage("test/Mqtt", "healthCheck.path", "/health", TCP_CHECK_ALLOWED, "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a matcher on a TCP health check",
    withNlbTargetGroup({ healthCheck: { matcher: "200" } }),
    expectedMessage("test/Mqtt", "healthCheck.matcher", "200", TCP_CHECK_ALLOWED, "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a network health check interval over 300 seconds",
    withNlbTargetGroup({ healthCheck: { intervalSeconds: 301 } }),
    expectedMessage("test/Mqtt", "healthCheck.intervalSeconds", 301, "an integer from 5 to 300 seconds", "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a network health check timeout longer than the interval",
    withNlbTargetGroup({ healthCheck: { intervalSeconds: 5, timeoutSeconds: 6 } }),
    expectedMessage(
      "test/Mqtt",
      "healthCheck.timeoutSeconds",
      6,
      "a timeout shorter than the interval (5 seconds)",
      "TARGET_GROUP_HEALTH_CHECK",
    ),
  ],
  [
    "a network healthy threshold of 11",
    withNlbTargetGroup({ healthCheck: { healthyThreshold: 11 } }),
    expectedMessage("test/Mqtt", "healthCheck.healthyThreshold", 11, "an integer from 2 to 10", "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a network unhealthy threshold of 1",
    withNlbTargetGroup({ healthCheck: { unhealthyThreshold: 1 } }),
    expectedMessage("test/Mqtt", "healthCheck.unhealthyThreshold", 1, "an integer from 2 to 10", "TARGET_GROUP_HEALTH_CHECK"),
  ],
  [
    "a network deregistration delay over 3600",
    withNlbTargetGroup({ deregistrationDelaySeconds: 4000 }),
    expectedMessage(
      "test/Mqtt",
      "deregistrationDelaySeconds",
      4000,
      "an integer from 0 to 3600 seconds",
      "TARGET_GROUP_DEREGISTRATION_DELAY",
    ),
  ],
  [
    "a network target group name starting with a hyphen",
    withNlbTargetGroup({ name: "-mqtt" }),
    expectedMessage("test/Mqtt", "name", "-mqtt", NAME_ALLOWED, "TARGET_GROUP_NAME"),
  ],
  [
    "a network target group attached to a second load balancer",
    (scope) => {
      const tg = nlbTargetGroup(scope);
      nlb(scope).addListener("Mqtt", { port: 1883, targetGroup: tg });
      new NetworkLoadBalancer(scope, "Other", { name: "acme-dev-other", network }).addListener("Mqtt", { port: 1883, targetGroup: tg });
    },
    expectedMessage(
      "test/Other/Mqtt",
      "targetGroup",
      "test/Mqtt",
      "a target group not already used by another load balancer (it is used by test/Nlb)",
      "TARGET_GROUP_SHARED",
    ),
  ],
];

describe("ingress module: bad input", () => {
  testRejections(cases);
});

describe("ingress module: required props from a JSON or plain-JavaScript config", () => {
  testRejections([
    [
      "an ApplicationLoadBalancer without network",
      (scope) => new ApplicationLoadBalancer(scope, "Alb", JSON.parse('{"name":"acme-alb"}')),
      expectedMessage(
        "test/Alb",
        "network",
        undefined,
        "an INetwork such as a Network (an object with vpcId, workloadSubnetIds) (required)",
        "PROP_REQUIRED",
      ),
    ],
    [
      "a network given by VPC id",
      (scope) => new ApplicationLoadBalancer(scope, "Alb", JSON.parse('{"name":"acme-alb","network":"vpc-0123"}')),
      expectedMessage(
        "test/Alb",
        "network",
        "vpc-0123",
        "an INetwork such as a Network (an object with vpcId, workloadSubnetIds)",
        "PROP_TYPE",
      ),
    ],
    [
      "a listener port as a string",
      (scope) => {
        const alb = new ApplicationLoadBalancer(scope, "Alb", { name: "acme-alb", network });
        return new ApplicationListener(scope, "Listener", { loadBalancer: alb, ...JSON.parse('{"port":"443","protocol":"HTTPS"}') });
      },
      expectedMessage("test/Listener", "port", "443", "a number", "PROP_TYPE"),
    ],
  ]);
});
