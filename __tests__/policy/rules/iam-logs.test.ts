import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { assumeRolePolicy, policyDocument } from "../../../src/core/iam";
import { iamNoWildcards, logRetention } from "../../../src/policy";
import { logGroup, role } from "../fixtures";
import { brief, findingsOf } from "../helpers";

describe("IAM-001 wildcards in IAM policies", () => {
  test("reports wildcard actions, NotAction, and Resource * on actions that support ARNs", () => {
    const findings = findingsOf(iamNoWildcards, (s) => {
      const r = role(s, "Task");
      new IamRolePolicy(s, "Admin", { role: r.name, policy: policyDocument([{ sid: "Everything", actions: ["*"], resources: ["*"] }]) });
      new IamRolePolicy(s, "Broad", {
        role: r.name,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::acme-bucket/*" }],
        }),
      });
      new IamPolicy(s, "Reader", {
        name: "reader",
        policy: policyDocument([{ actions: ["s3:GetObject", "ecr:GetAuthorizationToken"], resources: ["*"] }]),
      });
    });
    expect(brief(findings)).toEqual([
      'error IAM-001 @ Admin: statement "Everything" allows ["*"] on resource ["*"], though these actions support resource ARNs',
      'error IAM-001 @ Admin: statement "Everything" allows wildcard actions ["*"]',
      'error IAM-001 @ Broad: statement #1 allows NotAction ["iam:*"], i.e. every other action',
      'error IAM-001 @ Reader: statement #1 allows ["s3:GetObject"] on resource ["*"], though these actions support resource ARNs',
    ]);
  });

  test("reads policy documents, inline role policies and service-wide resource ARNs", () => {
    const findings = findingsOf(iamNoWildcards, (s) => {
      new DataAwsIamPolicyDocument(s, "Doc", {
        statement: [{ sid: "Logs", actions: ["logs:*"], resources: ["arn:aws:logs:eu-west-1:123456789012:*"] }],
      });
      new IamRole(s, "Inline", {
        assumeRolePolicy: assumeRolePolicy(["ecs-tasks.amazonaws.com"]),
        inlinePolicy: [{ name: "queue", policy: policyDocument([{ actions: ["sqs:SendMessage"], resources: ["*"] }]) }],
      });
    });
    expect(brief(findings)).toEqual([
      'error IAM-001 @ Doc: statement "Logs" allows ["logs:*"] on resource ["arn:aws:logs:eu-west-1:123456789012:*"], though these actions support resource ARNs',
      'error IAM-001 @ Doc: statement "Logs" allows wildcard actions ["logs:*"]',
      'error IAM-001 @ Inline: inline policy "queue" statement #1 allows ["sqs:SendMessage"] on resource ["*"], though these actions support resource ARNs',
    ]);
  });

  test("passes exact actions on exact ARNs, Resource * for actions without resource-level permissions, Deny statements and trust policies", () => {
    const findings = findingsOf(iamNoWildcards, (s) => {
      const r = role(s, "Execution");
      new IamRolePolicy(s, "Scoped", {
        role: r.name,
        policy: policyDocument([
          { actions: ["ecr:GetAuthorizationToken", "ssmmessages:CreateControlChannel", "ec2:DescribeSubnets"], resources: ["*"] },
          {
            actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
            resources: [`arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:*`],
          },
          { effect: "Deny", actions: ["*"], resources: ["*"], conditions: { Bool: { "aws:SecureTransport": "false" } } },
        ]),
      });
      new DataAwsIamPolicyDocument(s, "Doc", { statement: [{ actions: ["sqs:SendMessage"], resources: ["${aws_sqs_queue.dlq.arn}"] }] });
      new IamRolePolicy(s, "FromDoc", { role: r.name, policy: "${data.aws_iam_policy_document.Doc.json}" });
    });
    expect(findings).toEqual([]);
  });
});

describe("LOG-001 log retention", () => {
  test("reports log groups that never expire", () => {
    const findings = findingsOf(logRetention, (s) => {
      new CloudwatchLogGroup(s, "Forever", { name: "/forever" });
      new CloudwatchLogGroup(s, "Zero", { name: "/zero", retentionInDays: 0 });
    });
    expect(brief(findings)).toEqual([
      "error LOG-001 @ Forever: retention_in_days is not set, so events never expire",
      "error LOG-001 @ Zero: retention_in_days is 0, so events never expire",
    ]);
  });

  test("passes a retention period, also one set through an escape-hatch override", () => {
    const findings = findingsOf(logRetention, (s) => {
      logGroup(s);
      new CloudwatchLogGroup(s, "Overridden", { name: "/overridden" }).addOverride("retention_in_days", 14);
    });
    expect(findings).toEqual([]);
  });
});
