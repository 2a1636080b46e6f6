import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { ApplicationLoadBalancer } from "../../../src/ingress/application-load-balancer";
import { AuthenticateCognitoAction } from "../../../src/ingress/listener-actions";
import { TrustStore } from "../../../src/ingress/trust-store";
import { elbSecureActions } from "../../../src/policy";
import { CERT, network } from "../../ingress/fixtures";
import { brief, findingsOf } from "../helpers";

const cognito = (onUnauthenticatedRequest?: AuthenticateCognitoAction["onUnauthenticatedRequest"]): AuthenticateCognitoAction => ({
  type: "authenticate-cognito",
  userPoolArn: "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123",
  userPoolClientId: "client",
  userPoolDomain: "acme-auth",
  onUnauthenticatedRequest,
  then: { type: "fixed-response", statusCode: 200 },
});
const alb = (s: Construct, props: Partial<ConstructorParameters<typeof ApplicationLoadBalancer>[2]> = {}) =>
  new ApplicationLoadBalancer(s, "Alb", { name: "acme-prod-web", network, certificateArn: CERT, ...props });

describe("ELB-004 listener actions keep requests encrypted and authenticated", () => {
  test("reports a redirect to HTTP, a login that lets anonymous requests through and expired client certificates: errors in production", () => {
    const findings = findingsOf(
      elbSecureActions,
      (s) => {
        const trustStore = new TrustStore(s, "Clients", { name: "clients", caCertificatesBundle: { bucket: "acme-pki", key: "ca.pem" } });
        const lb = alb(s, {
          defaultAction: cognito("allow"),
          mutualAuthentication: { mode: "verify", trustStore, ignoreClientCertificateExpiry: true },
        });
        lb.listener.addRule("Legacy", {
          priority: 1,
          hostHeaders: ["legacy.example.com"],
          action: { type: "redirect", protocol: "HTTP", port: 80 },
        });
      },
      { environmentClass: "production" },
    );
    expect(brief(findings)).toEqual([
      'error ELB-004 @ Alb/HttpsListener/Legacy: the action redirects to plain HTTP (protocol = "HTTP")',
      "error ELB-004 @ Alb/HttpsListener/Resource: mutual TLS accepts expired client certificates (ignore_client_certificate_expiry = true)",
      'error ELB-004 @ Alb/HttpsListener/Resource: the default action authenticate-cognito lets requests without a session through (on_unauthenticated_request = "allow")',
    ]);
  });

  test("warns outside production", () => {
    const findings = findingsOf(elbSecureActions, (s) => {
      alb(s).listener.addRule("Public", { priority: 1, pathPatterns: ["/*"], action: cognito("allow") });
    });
    expect(findings.map((f) => f.severity)).toEqual(["warning"]);
  });

  test("passes logins that authenticate or deny, HTTPS redirects, verified mutual TLS and the platform's own HTTP-to-HTTPS redirect", () => {
    const findings = findingsOf(
      elbSecureActions,
      (s) => {
        const trustStore = new TrustStore(s, "Clients", { name: "clients", caCertificatesBundle: { bucket: "acme-pki", key: "ca.pem" } });
        const secret = new TerraformVariable(s, "Secret", { type: "string", sensitive: true }).stringValue;
        const lb = alb(s, { defaultAction: cognito(), mutualAuthentication: { mode: "verify", trustStore } });
        lb.listener.addRule("Api", { priority: 1, pathPatterns: ["/api/*"], action: { ...cognito("deny") } });
        lb.listener.addRule("Move", {
          priority: 2,
          hostHeaders: ["old.example.com"],
          action: { type: "redirect", host: "new.example.com" },
        });
        lb.listener.addRule("Sso", {
          priority: 3,
          pathPatterns: ["/sso/*"],
          action: {
            type: "authenticate-oidc",
            issuer: "https://idp.example.com",
            authorizationEndpoint: "https://idp.example.com/a",
            tokenEndpoint: "https://idp.example.com/t",
            userInfoEndpoint: "https://idp.example.com/u",
            clientId: "web",
            clientSecret: secret,
            then: { type: "redirect", protocol: "HTTPS", path: "/home" },
          },
        });
      },
      { environmentClass: "production" },
    );
    expect(brief(findings)).toEqual([]);
  });
});
