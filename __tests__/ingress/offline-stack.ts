import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { ApplicationLoadBalancer, ApplicationTargetGroup } from "../../src/ingress/application-load-balancer";
import { NetworkLoadBalancer, NetworkTargetGroup } from "../../src/ingress/network-load-balancer";
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

  return stack;
}
