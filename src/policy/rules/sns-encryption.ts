import { ERROR_IN_PRODUCTION, Rule } from "../types";

/** The AWS managed SNS key: its policy cannot be changed, so AWS services cannot publish to a topic using it. */
const AWS_MANAGED_SNS_KEY = /^(alias\/aws\/sns|arn:aws[a-z-]*:kms:[^:]*:[^:]*:alias\/aws\/sns)$/;

/** SNS-001: topics are encrypted with a customer managed key. */
export const snsEncryption: Rule = {
  id: "SNS-001",
  title: "SNS topics are encrypted with a customer managed KMS key",
  rationale:
    "Notifications carry service names, ARNs and failure reasons; an unencrypted topic stores them in plain text, and one on the AWS managed key (alias/aws/sns) silently drops what EventBridge, CloudWatch alarms and AWS Budgets publish, because that key's policy cannot allow them.",
  severity: ERROR_IN_PRODUCTION,
  appliesTo: ["aws_sns_topic"],
  references: ["CKV_AWS_26", "AVD-AWS-0095", "AVD-AWS-0136", "AwsSolutions-SNS2", "Security Hub SNS.1"],
  check(resource) {
    const key = resource.config.kms_master_key_id;
    if (key === undefined || key === null || key === "") {
      return [
        {
          message: "kms_master_key_id is not set, so messages are stored unencrypted",
          fix: "Use NotificationTopic (its own key), or set kms_master_key_id to a customer managed key whose policy lets the publishers use it.",
        },
      ];
    }
    if (typeof key === "string" && AWS_MANAGED_SNS_KEY.test(key)) {
      return [
        {
          message: `kms_master_key_id is the AWS managed key ${key}, which EventBridge, CloudWatch alarms and AWS Budgets cannot use`,
          fix: "Encrypt the topic with a customer managed key whose policy allows the publishing services (NotificationTopic does).",
        },
      ];
    }
    return [];
  },
};
