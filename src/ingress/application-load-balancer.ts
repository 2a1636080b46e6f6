import { warn } from "../core/warnings";
import { Construct } from "constructs";
import { fail } from "../core/errors";
import { checkIntegerRange } from "../core/validate";
import { Port } from "../network/connections";
import type { INetwork } from "../network/network";
import { ApplicationListener } from "./application-listener";
import type { AccessLogsOptions } from "./common";
import type { IpAddressType } from "./dual-stack";
import type { ListenerAction } from "./listener-actions";
import { LoadBalancerBase } from "./load-balancer-resource";
import type { MutualAuthenticationOptions } from "./trust-store";

/** Settings of an {@link ApplicationLoadBalancer}: placement, TLS, hardening, logging and who may connect. */
export interface ApplicationLoadBalancerProps {
  /** Name, e.g. `acme-dev-web`; names over 32 characters are shortened with a hash (`safeName`). */
  readonly name: string;
  /** The network whose public subnets (or workload subnets, when internal) the load balancer is placed in; at least two. */
  readonly network: INetwork;
  /** In the public subnets, reachable from the internet; false puts it in `network.workloadSubnetIds`. @default true */
  readonly internetFacing?: boolean;
  /**
   * Default certificate. When set the traffic listener is HTTPS:443 and HTTP:80 redirects to it;
   * when unset the load balancer serves plain HTTP:80 (and warns).
   * @default - none: HTTP only
   */
  readonly certificateArn?: string;
  /** More certificates for the HTTPS listener, picked by SNI. @default [] */
  readonly additionalCertificateArns?: readonly string[];
  /** TLS policy of the HTTPS listeners. @default "ELBSecurityPolicy-TLS13-1-2-2021-06" (TLS 1.3 and 1.2 only) */
  readonly sslPolicy?: string;
  /** Answer HTTP:80 with a permanent redirect to HTTPS:443; false leaves port 80 closed. @default true when certificateArn is set */
  readonly redirectHttpToHttps?: boolean;
  /** Drop requests whose header names are not valid HTTP (request smuggling defence). @default true */
  readonly dropInvalidHeaderFields?: boolean;
  /** Make AWS refuse to delete the load balancer (so `terraform destroy` fails until it is turned off). @default false */
  readonly deletionProtection?: boolean;
  /** Seconds an idle connection stays open, 1 to 4000. @default 60 */
  readonly idleTimeoutSeconds?: number;
  /** Write request access logs to an S3 bucket. @default - no access logs */
  readonly accessLogs?: AccessLogsOptions;
  /** IPv4 blocks allowed to reach the listener ports. @default ["0.0.0.0/0"] when internet-facing, [network.vpcCidr] when internal */
  readonly ingressCidrs?: readonly string[];
  /**
   * What requests no rule matches get on the traffic listener, e.g. a login before a forward
   * (logins need `certificateArn`). @default - a fixed 404
   */
  readonly defaultAction?: ListenerAction;
  /**
   * Mutual TLS on the HTTPS listeners (traffic and test listeners): verify client certificates
   * against a trust store, or pass them to the targets. Needs `certificateArn`. @default - no mutual TLS
   */
  readonly mutualAuthentication?: MutualAuthenticationOptions;
  /**
   * `dualstack` answers on IPv4 and IPv6 (an AAAA record can point at it); only in a dual-stack
   * network (`Network` with `dualStack: true`), else synth fails.
   * @default "ipv4"
   */
  readonly ipAddressType?: IpAddressType;
  /**
   * IPv6 blocks allowed to reach the listener ports of a dual-stack load balancer.
   * @default ["::/0"] when internet-facing, the VPC's IPv6 block when internal; none when `ipAddressType` is "ipv4"
   */
  readonly ingressIpv6Cidrs?: readonly string[];
  /** Tags for the load balancer, its security group and listeners. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An application load balancer with its own security group, an HTTPS (or HTTP) listener that
 * answers 404 until target groups are added, and an HTTP-to-HTTPS redirect. Hardened by default:
 * invalid headers dropped, defensive desync mitigation, TLS 1.2+ only.
 *
 * ```ts
 * const alb = new ApplicationLoadBalancer(this, "Alb", { name: "acme-dev-web", network, certificateArn });
 * const web = new ApplicationTargetGroup(this, "Web", { name: "acme-dev-web", network, port: 8080 });
 * alb.listener.addTargetGroup("Web", { targetGroup: web, priority: 10, hostHeaders: ["www.example.com"] });
 * ```
 */
export class ApplicationLoadBalancer extends LoadBalancerBase {
  /** Idle timeout in seconds: AWS's own default, long enough for most APIs without holding dead connections. */
  public static readonly DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
  /** Port of the plain HTTP listener (or of the redirect to HTTPS). */
  public static readonly HTTP_PORT = 80;
  /** Port of the HTTPS listener when there is a certificate. */
  public static readonly HTTPS_PORT = 443;

  /** The traffic listener: HTTPS:443 when there is a certificate, else HTTP:80. */
  public readonly listener: ApplicationListener;
  /** The HTTP:80 listener that redirects to HTTPS, when there is one. */
  public readonly redirectListener?: ApplicationListener;
  private readonly certificateArn?: string;
  private readonly sslPolicy?: string;
  private readonly mutualAuthentication?: MutualAuthenticationOptions;

  constructor(scope: Construct, id: string, props: ApplicationLoadBalancerProps) {
    // Defaults before super(): it checks the required props, so `props` may still be missing here.
    const internetFacing = props?.internetFacing ?? true;
    const redirectHttpToHttps = props?.redirectHttpToHttps ?? props?.certificateArn !== undefined;
    super(scope, id, "application", props, internetFacing, (self) => {
      const idleTimeoutSeconds = props.idleTimeoutSeconds ?? ApplicationLoadBalancer.DEFAULT_IDLE_TIMEOUT_SECONDS;
      checkIntegerRange(self, "ALB_IDLE_TIMEOUT", "idleTimeoutSeconds", idleTimeoutSeconds, 1, 4000, "seconds");
      if (redirectHttpToHttps && props.certificateArn === undefined) {
        fail(self, {
          code: "ALB_REDIRECT_WITHOUT_HTTPS",
          property: "redirectHttpToHttps",
          value: true,
          allowed: "false unless certificateArn is set (there is no HTTPS listener to redirect to)",
        });
      }
      return {
        dropInvalidHeaderFields: props.dropInvalidHeaderFields ?? true,
        // Requests that could be used for HTTP desync (request smuggling) are rejected or closed.
        desyncMitigationMode: "defensive",
        enableHttp2: true,
        idleTimeout: idleTimeoutSeconds,
      };
    });
    this.certificateArn = props.certificateArn;
    this.sslPolicy = props.sslPolicy;
    this.mutualAuthentication = props.mutualAuthentication;

    if (props.certificateArn !== undefined) {
      this.listener = this.newListener(
        "HttpsListener",
        ApplicationLoadBalancer.HTTPS_PORT,
        props.additionalCertificateArns,
        props.defaultAction,
      );
      if (redirectHttpToHttps) {
        // Same id as the plain-HTTP listener, so adding a certificate later updates it in place.
        this.redirectListener = new ApplicationListener(this, "HttpListener", {
          loadBalancer: this,
          port: ApplicationLoadBalancer.HTTP_PORT,
          protocol: "HTTP",
          redirectToHttpsPort: ApplicationLoadBalancer.HTTPS_PORT,
          tags: props.tags,
        });
        this.allowIngress(ApplicationLoadBalancer.HTTP_PORT);
      }
    } else {
      if ((props.additionalCertificateArns ?? []).length > 0 || props.sslPolicy !== undefined) {
        fail(this, {
          code: "ALB_TLS_WITHOUT_CERTIFICATE",
          property: "certificateArn",
          value: undefined,
          allowed: "a certificate when additionalCertificateArns or sslPolicy is set",
        });
      }
      warn(
        this,
        "INGRESS_PLAIN_HTTP",
        `Load balancer ${this.loadBalancerName} serves plain HTTP on port 80: set certificateArn to serve HTTPS.`,
      );
      this.listener = this.newListener("HttpListener", ApplicationLoadBalancer.HTTP_PORT, undefined, props.defaultAction);
    }
  }

  /**
   * A second listener for blue/green test traffic, on `port`, with the traffic listener's protocol
   * and certificate; it answers 404 until target groups are added. Opened to `ingressCidrs`.
   */
  public addTestListener(port: number): ApplicationListener {
    const id = `TestListener${port}`;
    const used = this.node.children.filter((c): c is ApplicationListener => c instanceof ApplicationListener).find((l) => l.port === port);
    if (used) {
      fail(this, {
        code: "ALB_LISTENER_PORT_DUPLICATE",
        property: "addTestListener.port",
        value: port,
        allowed: `a port no other listener uses (${used.node.path} has it)`,
      });
    }
    return this.newListener(id, port);
  }

  private newListener(
    id: string,
    port: number,
    additionalCertificateArns?: readonly string[],
    defaultAction?: ListenerAction,
  ): ApplicationListener {
    const https = this.certificateArn !== undefined;
    const listener = new ApplicationListener(this, id, {
      loadBalancer: this,
      port,
      protocol: https ? "HTTPS" : "HTTP",
      certificateArn: this.certificateArn,
      additionalCertificateArns,
      sslPolicy: https ? this.sslPolicy : undefined,
      defaultAction,
      mutualAuthentication: this.mutualAuthentication,
      tags: this.tags,
    });
    this.allowIngress(port);
    return listener;
  }

  private allowIngress(port: number): void {
    this.allowListenerIngress(Port.tcp(port), (peer) => `listener port ${port} from ${peer.label}`);
  }
}
