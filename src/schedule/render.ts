/** Pure functions turning schedule options into provider shapes; unit-tested without synth. */
import type { PolicyStatement } from "../core/iam";

/** The `retry_policy` block shared by Scheduler targets and EventBridge rule targets. */
export interface RetryPolicyShape {
  /** Retries of a failed invocation, 0 to 185. */
  readonly maximumRetryAttempts: number;
  /** Seconds after the scheduled time an invocation may still be retried, 60 to 86400. */
  readonly maximumEventAgeInSeconds: number;
}

/** Pure: the retry policy block from the schedule's retry options. */
export function renderRetryPolicy(retryAttempts: number, maxEventAgeSeconds: number): RetryPolicyShape {
  return { maximumRetryAttempts: retryAttempts, maximumEventAgeInSeconds: maxEventAgeSeconds };
}

/** `OFF` unless a window is given; Scheduler then picks a start time inside it. */
export function renderFlexibleTimeWindow(minutes: number | undefined): {
  readonly mode: "OFF" | "FLEXIBLE";
  readonly maximumWindowInMinutes?: number;
} {
  return minutes === undefined ? { mode: "OFF" } : { mode: "FLEXIBLE", maximumWindowInMinutes: minutes };
}

/** What the role that delivers failed invocations needs on the queue (and its key, when there is one). */
export function failureQueueSendStatements(queueArn: string, kmsKeyArn?: string): PolicyStatement[] {
  const statements: PolicyStatement[] = [{ sid: "SendFailedInvocations", actions: ["sqs:SendMessage"], resources: [queueArn] }];
  if (kmsKeyArn !== undefined) {
    statements.push({ sid: "EncryptFailedInvocations", actions: ["kms:GenerateDataKey", "kms:Decrypt"], resources: [kmsKeyArn] });
  }
  return statements;
}

/**
 * The failure queue's resource policy: refuse anything not sent over TLS, and let EventBridge
 * deliver from the given rules only (`aws:SourceArn`), so no other rule can write to the queue.
 */
export function renderFailureQueuePolicy(queueArn: string, eventRuleArns: readonly string[]): string {
  const statements: object[] = [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "sqs:*",
      Resource: queueArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ];
  if (eventRuleArns.length > 0) {
    statements.push({
      Sid: "AllowEventBridgeRules",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: queueArn,
      Condition: { ArnEquals: { "aws:SourceArn": eventRuleArns.length === 1 ? eventRuleArns[0] : [...eventRuleArns] } },
    });
  }
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
