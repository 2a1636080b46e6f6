import { Construct } from "constructs";
import {
  failureQueueSendStatements,
  renderFailureQueuePolicy,
  renderFlexibleTimeWindow,
  renderRetryPolicy,
} from "../../src/schedule/render";
import { SchedulerSchedule, SchedulerScheduleProps } from "../../src/schedule/scheduler-schedule";
import { resourceAt, resourcesOf, synth } from "../helpers";
import { pingProps } from "./fixtures";

const build = (scope: Construct, extra: Partial<SchedulerScheduleProps> = {}) =>
  new SchedulerSchedule(scope, "Ping", { ...pingProps, ...extra });

describe("schedule rendering", () => {
  test("retry policy and time window shapes", () => {
    expect(renderRetryPolicy(3, 3600)).toEqual({ maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 });
    expect(renderFlexibleTimeWindow(undefined)).toEqual({ mode: "OFF" });
    expect(renderFlexibleTimeWindow(30)).toEqual({ mode: "FLEXIBLE", maximumWindowInMinutes: 30 });
  });

  test("the failure queue policy denies plain HTTP and lets only the listed rules send", () => {
    expect(JSON.parse(renderFailureQueuePolicy("arn:q", []))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "sqs:*",
          Resource: "arn:q",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
    const policy = JSON.parse(renderFailureQueuePolicy("arn:q", ["arn:r1", "arn:r2"]));
    expect(policy.Statement[1]).toEqual({
      Sid: "AllowEventBridgeRules",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: "arn:q",
      Condition: { ArnEquals: { "aws:SourceArn": ["arn:r1", "arn:r2"] } },
    });
  });

  test("sending to the queue needs the key only when there is one", () => {
    expect(failureQueueSendStatements("arn:q")).toEqual([
      { sid: "SendFailedInvocations", actions: ["sqs:SendMessage"], resources: ["arn:q"] },
    ]);
    expect(failureQueueSendStatements("arn:q", "arn:k")[1]).toEqual({
      sid: "EncryptFailedInvocations",
      actions: ["kms:GenerateDataKey", "kms:Decrypt"],
      resources: ["arn:k"],
    });
  });
});

describe("SchedulerSchedule", () => {
  test("invokes a universal target with its own role holding only the target's statements and the queue", () => {
    const s = synth((stack) =>
      build(stack, {
        description: "Pings the work queue",
        kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/00000002-0000-4000-8000-000000000002",
      }),
    );
    const schedule = resourceAt(s, "aws_scheduler_schedule", "Ping");
    expect(schedule).toMatchObject({
      name: "acme-test-ping",
      description: "Pings the work queue",
      schedule_expression: "rate(5 minutes)",
      kms_key_arn: "arn:aws:kms:eu-west-1:111122223333:key/00000002-0000-4000-8000-000000000002",
      target: { arn: "arn:aws:scheduler:::aws-sdk:sqs:sendMessage" },
    });
    expect(schedule.target.ecs_parameters).toBeUndefined();
    const policy = JSON.parse(resourceAt(s, "aws_iam_role_policy", "Ping/Role/Policy").policy);
    expect(policy.Statement.map((st: any) => st.Sid)).toEqual(["Send", "SendFailedInvocations"]);
    expect(resourceAt(s, "aws_iam_role", "Ping/Role").name).toBe("acme-test-ping-scheduler");
  });

  test("without a failure pattern only failed invocations are caught: no rule", () => {
    const s = synth((stack) => build(stack));
    expect(resourcesOf(s, "aws_cloudwatch_event_rule")).toEqual({});
    const queuePolicy = JSON.parse(resourceAt(s, "aws_sqs_queue_policy", "Ping/FailureQueue/Policy").policy);
    expect(queuePolicy.Statement).toHaveLength(1);
  });

  test("derived names over IAM's 64 characters are shortened with a hash, not rejected", () => {
    const name = `acme-${"x".repeat(55)}`;
    const s = synth((stack) => build(stack, { name }));
    const roleName = resourceAt(s, "aws_iam_role", "Ping/Role").name;
    expect(roleName).toHaveLength(64);
    expect(roleName).toMatch(/^acme-x+-[0-9a-f]{8}$/);
  });
});
