import { everywhere, Rule } from "../types";
import { numberOf } from "../inspect/values";

/** LOG-001: log groups expire their events. */
export const logRetention: Rule = {
  id: "LOG-001",
  title: "Log groups have a retention period",
  rationale:
    "A log group without retention keeps every event forever: costs grow without bound and personal data outlives any retention policy.",
  severity: everywhere("error"),
  appliesTo: ["aws_cloudwatch_log_group"],
  references: ["CKV_AWS_66", "CKV_AWS_338", "NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod", "Security Hub CloudWatch.16"],
  check(resource) {
    const days = resource.config.retention_in_days;
    if (typeof days === "string" && days.includes("${")) return [];
    const value = numberOf(days);
    if (value !== undefined && value > 0) return [];
    return [
      {
        message:
          days === undefined
            ? "retention_in_days is not set, so events never expire"
            : `retention_in_days is ${JSON.stringify(days)}, so events never expire`,
        fix: "Set retention_in_days (e.g. 90, or 365 and more where audit rules require it).",
      },
    ];
  },
};
