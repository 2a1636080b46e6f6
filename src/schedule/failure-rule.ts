import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { NameRule, safeName, checkName } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import type { FailureQueue } from "./failure-queue";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** EventBridge rule names. */
export const EVENT_RULE_NAME_RULE: NameRule = { maxLength: 64, pattern: /^[.\-_A-Za-z0-9]+$/, describe: "letters, digits and ._-" };

/** Props of a {@link FailureEventRule}. */
export interface FailureEventRuleProps {
  /** Rule name; shortened with a hash when over 64 characters. */
  readonly ruleName: string;
  /** Rule description, saying whose failed runs it catches. */
  readonly description: string;
  /** The EventBridge event pattern of a failed run. */
  readonly eventPattern: object;
  /** Where matching events go. */
  readonly queue: FailureQueue;
  /** Tags for the rule. @default - none */
  readonly tags?: Record<string, string>;
}

/** Sends events of failed runs (a task that stopped badly, a job that failed) to a failure queue. */
export class FailureEventRule extends Construct {
  /** ARN of the rule (a token); the failure queue's policy accepts messages from it. */
  public readonly ruleArn: string;
  /** Name of the rule (a token). */
  public readonly ruleName: string;

  constructor(scope: Construct, id: string, props: FailureEventRuleProps) {
    super(scope, id);
    checkRequiredProps(this, "FailureEventRuleProps", props, {
      ruleName: K.string,
      description: K.string,
      eventPattern: K.object(),
      queue: K.reference("a FailureQueue", "queueArn"),
    });
    const name = safeName(props.ruleName, EVENT_RULE_NAME_RULE.maxLength);
    checkName(this, "FAILURE_RULE_NAME", "name", name, EVENT_RULE_NAME_RULE);
    checkTags(this, "tags", props.tags);
    const rule = new CloudwatchEventRule(this, "Resource", {
      name,
      description: props.description,
      eventPattern: JSON.stringify(props.eventPattern),
      tags: withName(name, props.tags),
    });
    new CloudwatchEventTarget(this, "Target", {
      rule: rule.name,
      targetId: "failure-queue",
      arn: props.queue.queueArn,
    });
    props.queue.allowEventRule(rule.arn);
    this.ruleArn = rule.arn;
    this.ruleName = rule.name;
  }
}
