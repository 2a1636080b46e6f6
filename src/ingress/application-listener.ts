import { createHash } from "node:crypto";
import { Construct } from "constructs";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerCertificate } from "@cdktf/provider-aws/lib/lb-listener-certificate";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { fail, isToken } from "../core/errors";
import { checkTags } from "../core/tags";
import { checkPort } from "../core/validate";
import { Peer, Port } from "../network/connections";
import { renderNotFound, renderRedirectToHttps } from "./actions";
import type { ApplicationLoadBalancer } from "./application-load-balancer";
import type { ApplicationProtocol, ApplicationTargetGroup } from "./application-target-group";
import { checkCertificateArn, checkSslPolicy, DEFAULT_SSL_POLICY, warnOnLegacySslPolicy } from "./common";
import { checkListenerAction, forwardedTargetGroups, isAuthentication, ListenerAction, renderListenerAction } from "./listener-actions";
import { checkListenerConditions, LISTENER_CONDITION_LIMITS, ListenerConditions, renderListenerConditions } from "./listener-conditions";
import { checkMutualAuthentication, MutualAuthenticationOptions, renderMutualAuthentication } from "./trust-store";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** AWS limits on listener rules. */
export const LISTENER_RULE_LIMITS = {
  minPriority: 1,
  maxPriority: 50000,
  /** Condition values per rule, counted over all of its conditions. */
  maxConditionValues: LISTENER_CONDITION_LIMITS.maxValuesPerRule,
  /** Characters in one condition value. */
  maxConditionValueLength: LISTENER_CONDITION_LIMITS.maxValueLength,
} as const;

/**
 * A listener rule for {@link ApplicationListener.addTargetGroup}: which requests go to which target group.
 * At least one condition is required; see {@link ListenerConditions} for AWS's limits.
 */
export interface AddTargetGroupOptions extends ListenerConditions {
  /** The group requests are forwarded to. */
  readonly targetGroup: ApplicationTargetGroup;
  /** Evaluation order, 1 to 50000 (lowest first), unique per listener. */
  readonly priority: number;
}

/** A listener rule for {@link ApplicationListener.addRule}: matching requests get `action`. At least one condition is required. */
export interface AddRuleOptions extends ListenerConditions {
  /** Evaluation order, 1 to 50000 (lowest first), unique per listener. */
  readonly priority: number;
  /** What matching requests get: forward (weighted), fixed response, redirect, or a login (HTTPS only) before one of them. */
  readonly action: ListenerAction;
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
  /**
   * What requests no rule matches get, e.g. a forward to a target group or a login before it. Excludes `redirectToHttpsPort`.
   * @default - a fixed 404 (or the redirect to HTTPS)
   */
  readonly defaultAction?: ListenerAction;
  /** Verify client certificates (mutual TLS) against a trust store, or pass them to the targets (HTTPS only). @default - no mutual TLS */
  readonly mutualAuthentication?: MutualAuthenticationOptions;
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
    checkRequiredProps(this, "ApplicationListenerProps", props, {
      loadBalancer: K.reference("an ApplicationLoadBalancer", "loadBalancerArn"),
      port: K.number,
      protocol: K.string,
    });
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
    checkSslPolicy(this, "LISTENER_SSL_POLICY", sslPolicy);
    if (sslPolicy !== undefined) warnOnLegacySslPolicy(this, sslPolicy);
    checkMutualAuthentication(this, props.mutualAuthentication, https);
    if (props.defaultAction !== undefined) {
      if (props.redirectToHttpsPort !== undefined) {
        fail(this, {
          code: "LISTENER_DEFAULT_ACTION_CONFLICT",
          property: "defaultAction",
          value: props.defaultAction.type,
          allowed: "either defaultAction or redirectToHttpsPort, not both",
        });
      }
      checkListenerAction(this.node.path, "defaultAction", props.defaultAction, props.protocol);
    }

    this.resource = new LbListener(this, "Resource", {
      loadBalancerArn: props.loadBalancer.loadBalancerArn,
      port: props.port,
      protocol: props.protocol,
      certificateArn: props.certificateArn,
      sslPolicy,
      defaultAction:
        props.defaultAction !== undefined
          ? renderListenerAction(props.defaultAction)
          : [props.redirectToHttpsPort !== undefined ? renderRedirectToHttps(props.redirectToHttpsPort) : renderNotFound()],
      mutualAuthentication: renderMutualAuthentication(props.mutualAuthentication),
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
    if (props.defaultAction !== undefined) this.attach(props.defaultAction, this.resource);
  }

  /** Adds a rule (`aws_lb_listener_rule` with id `id` under this listener) forwarding matching requests to a target group. */
  public addTargetGroup(id: string, options: AddTargetGroupOptions): void {
    const { targetGroup, priority, ...conditions } = options;
    if (this.protocol === "HTTP" && targetGroup.protocolVersion !== "HTTP1") {
      fail(`${this.node.path}/${id}`, {
        code: "LISTENER_RULE_PROTOCOL_VERSION",
        property: "targetGroup.protocolVersion",
        value: targetGroup.protocolVersion,
        allowed: "HTTP1 on an HTTP listener (HTTP2 and GRPC target groups need an HTTPS listener)",
      });
    }
    this.addRule(id, { ...conditions, priority, action: { type: "forward", targetGroups: [{ targetGroup }] } });
  }

  /**
   * Adds a rule (`aws_lb_listener_rule` with id `id` under this listener): requests matching the
   * conditions get `action`. Checked at synth: the priority is free, the conditions keep to AWS's
   * limits, the action's values are valid, and logins run on HTTPS listeners only.
   */
  public addRule(id: string, options: AddRuleOptions): void {
    const rulePath = `${this.node.path}/${id}`;
    const { priority, action, ...conditions } = options;
    this.checkPriority(rulePath, priority);
    checkListenerConditions(rulePath, conditions);
    checkListenerAction(rulePath, "action", action, this.protocol);

    const rule = new LbListenerRule(this, id, {
      listenerArn: this.listenerArn,
      priority,
      action: renderListenerAction(action),
      condition: renderListenerConditions(conditions),
      tags: this.tags,
    });
    this.attach(action, rule);
    if (!isToken(priority)) this.priorities.set(priority, rulePath);
  }

  /** Records the listener or rule on the groups it forwards to, and opens outbound HTTPS to the identity provider for a login. */
  private attach(action: ListenerAction, resource: LbListener | LbListenerRule): void {
    forwardedTargetGroups(action).forEach((group) => group.registerListenerRule(this.loadBalancer, resource));
    if (isAuthentication(action)) {
      // The load balancer itself calls the identity provider's token and user info endpoints, whose addresses are not known.
      this.loadBalancer.connections.allowTo(Peer.anyIpv4(), Port.tcp(443), "identity provider endpoints (OIDC or Cognito login)");
    }
  }

  private checkPriority(rulePath: string, priority: number): void {
    const { minPriority, maxPriority } = LISTENER_RULE_LIMITS;
    if (isToken(priority)) return;
    if (!Number.isInteger(priority) || priority < minPriority || priority > maxPriority) {
      fail(rulePath, {
        code: "LISTENER_RULE_PRIORITY",
        property: "priority",
        value: priority,
        allowed: `an integer from ${minPriority} to ${maxPriority}`,
      });
    }
    const user = this.priorities.get(priority);
    if (user !== undefined) {
      fail(rulePath, {
        code: "LISTENER_RULE_PRIORITY_DUPLICATE",
        property: "priority",
        value: priority,
        allowed: `a priority not used by another rule of this listener (${user} has it)`,
      });
    }
  }
}
