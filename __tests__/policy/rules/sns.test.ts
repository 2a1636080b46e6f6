import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { NotificationTopic } from "../../../src/notifications";
import { snsEncryption } from "../../../src/policy";
import { brief, findingsOf } from "../helpers";

describe("SNS-001 topics encrypted with a customer managed key", () => {
  test("reports an unencrypted topic and one on the AWS managed key, as errors in production", () => {
    const findings = findingsOf(
      snsEncryption,
      (s) => {
        new SnsTopic(s, "Plain", { name: "plain" });
        new SnsTopic(s, "Managed", { name: "managed", kmsMasterKeyId: "alias/aws/sns" });
      },
      { environmentClass: "production" },
    );
    expect(brief(findings)).toEqual([
      "error SNS-001 @ Managed: kms_master_key_id is the AWS managed key alias/aws/sns, which EventBridge, CloudWatch alarms and AWS Budgets cannot use",
      "error SNS-001 @ Plain: kms_master_key_id is not set, so messages are stored unencrypted",
    ]);
  });

  test("warns outside production, and passes a NotificationTopic (its own key)", () => {
    const findings = findingsOf(snsEncryption, (s) => {
      new SnsTopic(s, "Plain", { name: "plain" });
      new NotificationTopic(s, "Operations", { name: "acme-test-operations" });
    });
    expect(brief(findings)).toEqual(["warning SNS-001 @ Plain: kms_master_key_id is not set, so messages are stored unencrypted"]);
  });
});
