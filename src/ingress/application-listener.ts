import { createHash } from "node:crypto";
import { Construct } from "constructs";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerCertificate } from "@cdktf/provider-aws/lib/lb-listener-certificate";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { fail, isToken } from "../core/errors";
import { checkTags } from "../core/tags";
import { checkPort } from "../core/validate";
import { renderForward, renderNotFound, renderRedirectToHttps, renderRuleConditions } from "./actions";
import type { ApplicationLoadBalancer } from "./application-load-balancer";
import type { ApplicationProtocol, ApplicationTargetGroup } from "./application-target-group";
import { checkCertificateArn, DEFAULT_SSL_POLICY, warnOnLegacySslPolicy } from "./common";

/** AWS limits on listener rules. */
export const LISTENER_RULE_LIMITS = {
  minPriority: 1,
  maxPriority: 50000,
  /** Condition values per rule, counted over all of its conditions. */
  maxConditionValues: 5,
  /** Characters in one host header or path pattern value. */
  maxConditionValueLength: 128,
} as const;

/** A listener rule for {@link ApplicationListener.addTargetGroup}: which requests go to which target group. */
export interface AddTargetGroupOptions {
  /** The group requests are forwarded to. */
  readonly targetGroup: ApplicationTargetGroup;
  /** Evaluation order, 1 to 50000 (lowest first), unique per listener. */
  readonly priority: number;
  /** Host names to match, e.g. `api.example.com` or `*.example.com`, each at most 128 characters. @default - any host */
  readonly hostHeaders?: readonly string[];
  /**
   * Path patterns to match, e.g. `/api/*`, each at most 128 characters. At least one of `hostHeaders` and `pathPatterns` is
   * required; together they may hold at most 5 values (an AWS limit).
   * @default - any path
   */
  readonly pathPatterns?: readonly string[];
}

/** Settings of an {@link ApplicationListener}; `ApplicationLoadBalancer` creates its listeners with these. */
export interface ApplicationListenerProps {
  /** The load balancer the listener belongs to. */
  readonly loadBalancer: ApplicationLoadBalancer;
  /** Port the listener accepts connections on, 1 to 65535. */
  readonly port: number;
  /** Protocol clients speak to the listener; HTTPS needs a certificate and terminates TLS at the load balancer. */
  readonly protocol: ApplicationProtocol;
  /** Default certificate; required for HTTPS, not allowed for HTTP. @default - none */
  readonly certificateArn?: string;
  /** More certificates, picked by SNI (HTTPS only). @default [] */
  readonly additionalCertificateArns?: readonly string[];
  /** TLS negotiation policy (HTTPS only). @default DEFAULT_SSL_POLICY ("ELBSecurityPolicy-TLS13-1-2-2021-06") */
  readonly sslPolicy?: string;
  /**
   * Redirect every request to HTTPS on this port instead of answering 404 when no rule matches.
   * @default - no redirect: unmatched requests get a fixed 404
   */
  readonly redirectToHttpsPort?: number;
  /** Tags for the listener and the rules added to it. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A listener of an application load balancer. Requests no rule matches get a fixed 404 (or a
 * redirect to HTTPS); `addTargetGroup()` adds a rule forwarding matching requests to a group.
 */
export class ApplicationListener extends Construct {
  /** ARN of the listener, e.g. for CodeDeploy blue/green traffic routes. */
  public readonly listenerArn: string;
  /** Port the listener accepts connections on. */
  public readonly port: number;
  /** Protocol clients speak to the listener. */
  public readonly protocol: ApplicationProtocol;
  /** The load balancer the listener belongs to. */
  public readonly loadBalancer: ApplicationLoadBalancer;
  /** The listener resource, for escape hatches. */
  public readonly resource: LbListener;
  private readonly tags?: Record<string, string>;
  /** Rule paths by priority, to name both rules when a priority is used twice. */
  private readonly priorities = new Map<number, string>();

  constructor(scope: Construct, id: string, props: ApplicationListenerProps) {
    super(scope, id);
    const https = props.protocol === "HTTPS";
    const additionalCertificateArns = props.additionalCertificateArns ?? [];
    const sslPolicy = https ? (props.sslPolicy ?? DEFAULT_SSL_POLICY) : undefined;

    checkPort(this, "LISTENER_PORT", "port", props.port);
    checkPort(this, "LISTENER_PORT", "redirectToHttpsPort", props.redirectToHttpsPort);
    checkTags(this, "tags", props.tags);
    if (https && props.certificateArn === undefined) {
      fail(this, {
        code: "LISTENER_CERTIFICATE_MISSING",
        property: "certificateArn",
        value: undefined,
        allowed: "a certificate ARN for an HTTPS listener",
      });
    }
    if (!https && (props.certificateArn !== undefined || additionalCertificateArns.length > 0 || props.sslPolicy !== undefined)) {
      fail(this, {
        code: "LISTENER_TLS_ON_HTTP",
        property: "certificateArn",
        value: props.certificateArn ?? props.sslPolicy ?? additionalCertificateArns,
        allowed: "no certificate or TLS policy on an HTTP listener",
      });
    }
    checkCertificateArn(this, "LISTENER_CERTIFICATE_ARN", "certificateArn", props.certificateArn);
    additionalCertificateArns.forEach((arn, i) =>
      checkCertificateArn(this, "LISTENER_CERTIFICATE_ARN", `additionalCertificateArns[${i}]`, arn),
    );
    if (sslPolicy !== undefined) warnOnLegacySslPolicy(this, sslPolicy);

    this.resource = new LbListener(this, "Resource", {
      loadBalancerArn: props.loadBalancer.loadBalancerArn,
      port: props.port,
      protocol: props.protocol,
      certificateArn: props.certificateArn,
      sslPolicy,
      defaultAction: [props.redirectToHttpsPort !== undefined ? renderRedirectToHttps(props.redirectToHttpsPort) : renderNotFound()],
      tags: props.tags,
    });
    additionalCertificateArns.forEach((arn, i) => {
      // Keyed by the ARN, so removing one certificate leaves the others' addresses alone.
      const key = isToken(arn) ? String(i + 1) : createHash("sha256").update(arn).digest("hex").slice(0, 8);
      new LbListenerCertificate(this, `Certificate${key}`, { listenerArn: this.resource.arn, certificateArn: arn });
    });

    this.listenerArn = this.resource.arn;
    this.port = props.port;
    this.protocol = props.protocol;
    this.loadBalancer = props.loadBalancer;
    this.tags = props.tags;
  }

  /** Adds a rule (`aws_lb_listener_rule` with id `id` under this listener) forwarding matching requests to a target group. */
  public addTargetGroup(id: string, options: AddTargetGroupOptions): void {
    const rulePath = `${this.node.path}/${id}`;
    const hostHeaders = options.hostHeaders ?? [];
    const pathPatterns = options.pathPatterns ?? [];
    const { minPriority, maxPriority, maxConditionValues, maxConditionValueLength } = LISTENER_RULE_LIMITS;

    if (!isToken(options.priority)) {
      if (!Number.isInteger(options.priority) || options.priority < minPriority || options.priority > maxPriority) {
        fail(rulePath, {
          code: "LISTENER_RULE_PRIORITY",
          property: "priority",
          value: options.priority,
          allowed: `an integer from ${minPriority} to ${maxPriority}`,
        });
      }
      const user = this.priorities.get(options.priority);
      if (user !== undefined) {
        fail(rulePath, {
          code: "LISTENER_RULE_PRIORITY_DUPLICATE",
          property: "priority",
          value: options.priority,
          allowed: `a priority not used by another rule of this listener (${user} has it)`,
        });
      }
    }
    if (!isToken(hostHeaders) && !isToken(pathPatterns)) {
      const count = hostHeaders.length + pathPatterns.length;
      if (count === 0) {
        fail(rulePath, {
          code: "LISTENER_RULE_NO_CONDITION",
          property: "hostHeaders/pathPatterns",
          value: undefined,
          allowed: "at least one host header or path pattern",
        });
      }
      if (count > maxConditionValues) {
        fail(rulePath, {
          code: "LISTENER_RULE_TOO_MANY_VALUES",
          property: "hostHeaders/pathPatterns",
          value: [...hostHeaders, ...pathPatterns],
          allowed: `at most ${maxConditionValues} condition values per rule (AWS limit; split them over several rules)`,
        });
      }
    }
    const values: Array<[string, readonly string[]]> = [
      ["hostHeaders", hostHeaders],
      ["pathPatterns", pathPatterns],
    ];
    for (const [property, list] of values) {
      if (isToken(list)) continue;
      list.forEach((value, i) => {
        if (!isToken(value) && (value.length === 0 || value.length > maxConditionValueLength)) {
          fail(rulePath, {
            code: "LISTENER_RULE_CONDITION_VALUE",
            property: `${property}[${i}]`,
            value,
            allowed: `a value of 1 to ${maxConditionValueLength} characters`,
          });
        }
      });
    }
    const targetGroup = options.targetGroup;
    if (this.protocol === "HTTP" && targetGroup.protocolVersion !== "HTTP1") {
      fail(rulePath, {
        code: "LISTENER_RULE_PROTOCOL_VERSION",
        property: "targetGroup.protocolVersion",
        value: targetGroup.protocolVersion,
        allowed: "HTTP1 on an HTTP listener (HTTP2 and GRPC target groups need an HTTPS listener)",
      });
    }

    const rule = new LbListenerRule(this, id, {
      listenerArn: this.listenerArn,
      priority: options.priority,
      action: [renderForward(targetGroup.targetGroupArn)],
      condition: renderRuleConditions(hostHeaders, pathPatterns),
      tags: this.tags,
    });
    targetGroup.registerListenerRule(this.loadBalancer, rule);
    if (!isToken(options.priority)) this.priorities.set(options.priority, rulePath);
  }
}
