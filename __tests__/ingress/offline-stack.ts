import { App, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { ApplicationLoadBalancer } from "../../src/ingress/application-load-balancer";
import { ApplicationTargetGroup } from "../../src/ingress/application-target-group";
import { NetworkLoadBalancer } from "../../src/ingress/network-load-balancer";
import { NetworkTargetGroup } from "../../src/ingress/network-target-group";
import { TrustStore } from "../../src/ingress/trust-store";
import { Network } from "../../src/network/network";
import { CERT, CERT2 } from "./fixtures";

export const INGRESS_OFFLINE_STACK = "ingress";

/** One stack with every ingress feature, registered in `__tests__/offline/registry.ts`. */
export function ingressOfflineStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, INGRESS_OFFLINE_STACK);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  useAwsProviderRange(stack);

  const network = new Network(stack, "Network", {
    name: "acme-test",
    cidr: "10.20.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    natGateways: "single",
    flowLogs: { enabled: false },
  });

  const publicAlb = new ApplicationLoadBalancer(stack, "PublicAlb", {
    name: "acme-test-web",
    network,
    certificateArn: CERT,
    additionalCertificateArns: [CERT2],
    accessLogs: { bucket: "acme-test-lb-logs", prefix: "web" },
    tags: { Team: "web" },
  });
  const web = new ApplicationTargetGroup(stack, "WebTargets", {
    name: "acme-test-web",
    network,
    port: 8080,
    healthCheck: { path: "/healthz" },
  });
  const api = new ApplicationTargetGroup(stack, "ApiTargets", {
    name: "acme-test-api",
    network,
    port: 9090,
    protocolVersion: "HTTP2",
    slowStartSeconds: 60,
  });
  publicAlb.listener.addTargetGroup("Web", { targetGroup: web, priority: 100, hostHeaders: ["www.example.com"] });
  publicAlb.listener.addTargetGroup("Api", { targetGroup: api, priority: 10, hostHeaders: ["api.example.com"], pathPatterns: ["/v1/*"] });
  publicAlb.addTestListener(8443).addTargetGroup("Web", { targetGroup: web, priority: 100, pathPatterns: ["/*"] });

  const internalAlb = new ApplicationLoadBalancer(stack, "InternalAlb", {
    name: "acme-test-internal-services-load-balancer",
    network,
    internetFacing: false,
  });
  const admin = new ApplicationTargetGroup(stack, "AdminTargets", { name: "acme-test-admin", network, port: 8000 });
  internalAlb.listener.addTargetGroup("Admin", { targetGroup: admin, priority: 1, pathPatterns: ["/admin/*"] });

  const nlb = new NetworkLoadBalancer(stack, "Nlb", { name: "acme-test-mqtt", network });
  const mqtt = new NetworkTargetGroup(stack, "MqttTargets", { name: "acme-test-mqtt", network, port: 1883 });
  nlb.addListener("Mqtt", { port: 1883, targetGroup: mqtt });

  // Listener features: a login before a weighted split as the default action, mutual TLS, and rules with every
  // condition kind, fixed responses, redirects and a Cognito login.
  const clientSecret = new TerraformVariable(stack, "OidcClientSecret", {
    type: "string",
    sensitive: true,
    // Offline plans only; a real stack takes it from a secret store (a literal in a construct fails synth).
    default: "offline-plan-placeholder",
  }).stringValue;
  const trustStore = new TrustStore(stack, "PartnerCas", {
    name: "acme-test-partners",
    caCertificatesBundle: { bucket: "acme-test-pki", key: "partners/ca-bundle.pem", objectVersion: "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY" },
  });
  const blue = new ApplicationTargetGroup(stack, "BlueTargets", { name: "acme-test-blue", network, port: 8080 });
  const green = new ApplicationTargetGroup(stack, "GreenTargets", { name: "acme-test-green", network, port: 8081 });
  const edge = new ApplicationLoadBalancer(stack, "EdgeAlb", {
    name: "acme-test-edge",
    network,
    certificateArn: CERT,
    mutualAuthentication: { mode: "verify", trustStore, advertiseTrustStoreCaNames: true },
    defaultAction: {
      type: "authenticate-oidc",
      issuer: "https://login.example.com",
      authorizationEndpoint: "https://login.example.com/oauth2/authorize",
      tokenEndpoint: "https://login.example.com/oauth2/token",
      userInfoEndpoint: "https://login.example.com/oauth2/userinfo",
      clientId: "acme-edge",
      clientSecret,
      scope: "openid email",
      sessionTimeoutSeconds: 28800,
      then: {
        type: "forward",
        targetGroups: [
          { targetGroup: blue, weight: 90 },
          { targetGroup: green, weight: 10 },
        ],
        stickinessSeconds: 3600,
      },
    },
  });
  edge.listener.addRule("Maintenance", {
    priority: 5,
    pathPatterns: ["/admin/*"],
    httpHeaders: { "X-Maintenance": ["on"] },
    httpRequestMethods: ["POST", "PUT"],
    action: { type: "fixed-response", statusCode: 503, contentType: "application/json", messageBody: '{"status":"maintenance"}' },
  });
  edge.listener.addRule("Moved", {
    priority: 10,
    hostHeaders: ["old.example.com"],
    queryStrings: [{ key: "lang", value: "en" }],
    action: { type: "redirect", host: "www.example.com", path: "/en/#{path}", statusCode: 302 },
  });
  edge.listener.addRule("Partners", {
    priority: 20,
    sourceIps: ["203.0.113.0/24", "2001:db8::/32"],
    action: {
      type: "authenticate-cognito",
      userPoolArn: "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123",
      userPoolClientId: "1example23456789",
      userPoolDomain: "acme-test-partners",
      onUnauthenticatedRequest: "deny",
      then: { type: "forward", targetGroups: [{ targetGroup: green }] },
    },
  });

  return stack;
}
