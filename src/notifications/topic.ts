import { createHash } from "node:crypto";
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { arnPart } from "../core/arn";
import { fail, isToken } from "../core/errors";
import { checkName, NameRule } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange, checkUnique } from "../core/validate";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";
import { accountAdministersKeyStatement } from "../core/iam";

/** An AWS service that publishes to a notification topic, and which of its resources may. */
export interface TopicPublisher {
  /** The service principal, e.g. `events.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** ARNs (or ARN patterns with `*`) of the resources allowed to publish, e.g. EventBridge rule ARNs. @default - any resource of the service in the topic's account */
  readonly sourceArns?: readonly string[];
}

/** A topic that operational events and budget alerts go to. */
export interface INotificationTopic {
  /** ARN of the SNS topic. */
  readonly topicArn: string;
  /** The customer managed key encrypting the topic, when known; publishers must be allowed to use it. */
  readonly kmsKeyArn?: string;
  /**
   * True when this library writes the topic's policy (a {@link NotificationTopic}); false for a
   * topic owned elsewhere, whose owner must allow the publishers listed in `publishers`.
   */
  readonly managesPolicy: boolean;
  /** Every publisher registered so far (EventBridge rules, AWS Budgets). */
  readonly publishers: readonly TopicPublisher[];
  /** Lets `publisher` publish: added to the topic policy and key policy when `managesPolicy`, recorded otherwise. */
  allowPublish(publisher: TopicPublisher): void;
}

/** SNS topic names: 1 to 256 letters, digits, hyphens and underscores. */
export const SNS_TOPIC_NAME_RULE: NameRule = {
  maxLength: 256,
  pattern: /^[A-Za-z0-9_-]+$/,
  describe: "letters, digits, hyphens and underscores",
};
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Props of a {@link NotificationTopic}. */
export interface NotificationTopicProps {
  /** Topic name, e.g. `acme-dev-operations`; also names the key alias `alias/<name>-sns`. */
  readonly name: string;
  /** Shown as the sender of e-mail and SMS notifications. @default - the topic name */
  readonly displayName?: string;
  /** E-mail addresses subscribed to the topic (each must confirm the subscription AWS sends). @default - no subscriptions */
  readonly emailSubscriptions?: readonly string[];
  /** Days KMS waits before deleting the topic key once it is destroyed, 7 to 30. @default 30 */
  readonly keyDeletionWindowDays?: number;
  /** Tags for the topic and its key. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An SNS topic for operational notifications, encrypted with its own customer managed key.
 *
 * SNS's AWS managed key (`alias/aws/sns`) cannot be used here: its key policy cannot be changed, so
 * EventBridge and AWS Budgets could never encrypt messages for the topic and would drop them. The
 * key's policy and the topic's policy therefore both list exactly the publishers registered with
 * {@link allowPublish}; EventBridge is limited to the rules that target the topic, Budgets to the
 * topic's account. Publishing without TLS is denied.
 */
export class NotificationTopic extends Construct implements INotificationTopic {
  /** Days before a destroyed topic key is deleted: the KMS maximum, the longest window to undo a mistake. */
  public static readonly DEFAULT_KEY_DELETION_WINDOW_DAYS = 30;

  /**
   * An existing topic (for example the on-call team's), used as it is: this library does not change
   * its policy or key, so its owner must allow the {@link INotificationTopic.publishers} recorded on it.
   */
  public static fromTopicArn(scope: Construct, property: string, topicArn: string, kmsKeyArn?: string): INotificationTopic {
    if (!isToken(topicArn) && !SNS_TOPIC_ARN.test(topicArn)) {
      fail(scope, {
        code: "NOTIFY_TOPIC_ARN",
        property,
        value: topicArn,
        allowed: "an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)",
      });
    }
    const publishers: TopicPublisher[] = [];
    return { topicArn, kmsKeyArn, managesPolicy: false, publishers, allowPublish: (p) => void publishers.push(p) };
  }

  public readonly topicArn: string;
  public readonly kmsKeyArn: string;
  public readonly managesPolicy = true;
  public readonly publishers: TopicPublisher[] = [];
  /** The SNS topic, for escape hatches. */
  public readonly resource: SnsTopic;
  /** The topic's key (rotated yearly). */
  public readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: NotificationTopicProps) {
    super(scope, id);
    checkRequiredProps(this, "NotificationTopicProps", props, { name: K.string });
    const deletionWindowDays = props.keyDeletionWindowDays ?? NotificationTopic.DEFAULT_KEY_DELETION_WINDOW_DAYS;
    checkName(this, "NOTIFY_TOPIC_NAME", "name", props.name, SNS_TOPIC_NAME_RULE);
    checkIntegerRange(this, "NOTIFY_KEY_DELETION_WINDOW", "keyDeletionWindowDays", deletionWindowDays, 7, 30, "days");
    if (
      props.displayName !== undefined &&
      !isToken(props.displayName) &&
      (props.displayName.length === 0 || props.displayName.length > 100)
    ) {
      fail(this, { code: "NOTIFY_DISPLAY_NAME", property: "displayName", value: props.displayName, allowed: "1 to 100 characters" });
    }
    (props.emailSubscriptions ?? []).forEach((email, i) => {
      if (!isToken(email) && !EMAIL.test(email)) {
        fail(this, {
          code: "NOTIFY_EMAIL",
          property: `emailSubscriptions[${i}]`,
          value: email,
          allowed: "an e-mail address such as oncall@example.com",
        });
      }
    });
    checkUnique(
      this,
      "NOTIFY_EMAIL_DUPLICATE",
      "emailSubscriptions",
      (props.emailSubscriptions ?? []).map((e) => e.toLowerCase()),
    );
    checkTags(this, "tags", props.tags);
    const tags = withName(props.name, props.tags);

    this.key = new KmsKey(this, "Key", {
      description: `Encrypts notifications on SNS topic ${props.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      tags,
    });
    new KmsAlias(this, "KeyAlias", { name: `alias/${props.name}-sns`, targetKeyId: this.key.keyId });
    const partition = arnPart(this.key.arn, 1);
    const account = arnPart(this.key.arn, 4);
    new KmsKeyPolicy(this, "KeyPolicy", {
      keyId: this.key.keyId,
      policy: Lazy.stringValue({ produce: () => renderTopicKeyPolicy({ partition, account, publishers: this.publishers }) }),
    });
    this.resource = new SnsTopic(this, "Resource", {
      name: props.name,
      displayName: props.displayName,
      kmsMasterKeyId: this.key.arn,
      tags,
    });
    this.topicArn = this.resource.arn;
    this.kmsKeyArn = this.key.arn;
    new SnsTopicPolicy(this, "Policy", {
      arn: this.resource.arn,
      policy: Lazy.stringValue({ produce: () => renderTopicPolicy({ topicArn: this.resource.arn, account, publishers: this.publishers }) }),
    });
    for (const email of props.emailSubscriptions ?? []) {
      // Ids from a hash of the address: reordering or removing one address never replaces the others' subscriptions.
      const id = `Email${createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 8)}`;
      new SnsTopicSubscription(this, id, { topicArn: this.resource.arn, protocol: "email", endpoint: email });
    }
  }

  public allowPublish(publisher: TopicPublisher): void {
    this.publishers.push(publisher);
  }
}

/** What {@link renderTopicPolicy} and {@link renderTopicKeyPolicy} need; parts may be tokens. */
export interface TopicPolicyInput {
  readonly account: string;
  readonly publishers: readonly TopicPublisher[];
}

/** Publishers merged per service principal, so each principal gets one statement. */
function byPrincipal(publishers: readonly TopicPublisher[]): Map<string, string[] | undefined> {
  const merged = new Map<string, string[] | undefined>();
  for (const p of publishers) {
    const previous = merged.has(p.servicePrincipal) ? merged.get(p.servicePrincipal) : [];
    // One publisher without source ARNs widens the principal to the whole account.
    merged.set(p.servicePrincipal, previous === undefined || p.sourceArns === undefined ? undefined : [...previous, ...p.sourceArns]);
  }
  return merged;
}

function sourceCondition(account: string, sourceArns: string[] | undefined): Record<string, Record<string, string | string[]>> {
  const condition: Record<string, Record<string, string | string[]>> = { StringEquals: { "aws:SourceAccount": account } };
  if (sourceArns !== undefined && sourceArns.length > 0)
    condition.ArnLike = { "aws:SourceArn": sourceArns.length === 1 ? sourceArns[0] : sourceArns };
  return condition;
}

function statementId(principal: string): string {
  return `Allow${principal
    .split(".")[0]
    .replace(/[^A-Za-z0-9]/g, "")
    .replace(/^./, (c) => c.toUpperCase())}`;
}

/** The topic policy: deny publishing without TLS, allow each registered service principal from its sources in the account. */
export function renderTopicPolicy(input: TopicPolicyInput & { readonly topicArn: string }): string {
  const statements: object[] = [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "sns:Publish",
      Resource: input.topicArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ];
  for (const [principal, sourceArns] of byPrincipal(input.publishers)) {
    statements.push({
      Sid: `${statementId(principal)}Publish`,
      Effect: "Allow",
      Principal: { Service: principal },
      Action: "sns:Publish",
      Resource: input.topicArn,
      Condition: sourceCondition(input.account, sourceArns),
    });
  }
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** The topic key's policy: the account administers it through IAM, each publisher may encrypt messages for the topic. */
export function renderTopicKeyPolicy(input: TopicPolicyInput & { readonly partition: string }): string {
  const statements: object[] = [accountAdministersKeyStatement(input.partition, input.account)];
  for (const [principal, sourceArns] of byPrincipal(input.publishers)) {
    statements.push({
      Sid: `${statementId(principal)}Encrypt`,
      Effect: "Allow",
      Principal: { Service: principal },
      // What SNS asks of a publisher to an encrypted topic: a data key, and decrypting it.
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
      Condition: sourceCondition(input.account, sourceArns),
    });
  }
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
