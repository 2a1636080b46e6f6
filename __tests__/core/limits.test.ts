/**
 * Every limit constant pinned to the figure AWS or GitHub documents, restated here with its source,
 * so a mistyped or "raised" limit fails a test instead of failing at apply time or on GitHub.
 * Tables of allowed values also get the values just outside them.
 */
import { MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS } from "../../src/core/tags";
import { NameRules } from "../../src/core/naming";
import { MAX_IMAGE_NAME_LENGTH } from "../../src/core/image-reference";
import { LOG_RETENTION_DAYS } from "../../src/core/log-retention";
import { MAX_PREFIX_LENGTH, MIN_PREFIX_LENGTH } from "../../src/network/subnet-plan";
import { MAX_COMMENT_CHARS } from "../../src/plan-review/render-markdown";
import { MAX_HOURS_PER_MONTH } from "../../src/plan-review/prices";
import { MAX_OVERRIDES_LENGTH } from "../../src/scheduled-task/target";
import { MAX_FARGATE_STOP_TIMEOUT_SECONDS } from "../../src/task/container";
import { MAX_TASKS_PER_SERVICE } from "../../src/service/autoscaling";
import { STRATEGY_MAX_BASE, STRATEGY_MAX_WEIGHT } from "../../src/cluster/capacity-strategy";
import { MAX_RETRY_RULES } from "../../src/batch/job-container";

describe("limit constants match the documented figures", () => {
  test.each<[string, number, number]>([
    ["tags per resource (AWS tagging: 50 user tags)", MAX_TAGS, 50],
    ["tag key length (AWS tagging: 128 Unicode characters)", MAX_TAG_KEY_LENGTH, 128],
    ["tag value length (AWS tagging: 256 Unicode characters)", MAX_TAG_VALUE_LENGTH, 256],
    ["shortest VPC/subnet prefix (Amazon VPC: /16)", MIN_PREFIX_LENGTH, 16],
    ["longest VPC/subnet prefix (Amazon VPC: /28)", MAX_PREFIX_LENGTH, 28],
    ["image repository name length (distribution/reference: 255)", MAX_IMAGE_NAME_LENGTH, 255],
    ["hours in the longest month (31 x 24)", MAX_HOURS_PER_MONTH, 744],
    ["ECS RunTask overrides (8,192 characters)", MAX_OVERRIDES_LENGTH, 8192],
    ["Fargate stopTimeout (ECS: at most 120 seconds)", MAX_FARGATE_STOP_TIMEOUT_SECONDS, 120],
    ["tasks per service (ECS service quota: 5,000)", MAX_TASKS_PER_SERVICE, 5000],
    ["capacity provider strategy base (ECS API: 0 to 100,000)", STRATEGY_MAX_BASE, 100000],
    ["capacity provider strategy weight (ECS API: 0 to 1,000)", STRATEGY_MAX_WEIGHT, 1000],
    ["Batch evaluateOnExit retry rules (AWS Batch: up to 5)", MAX_RETRY_RULES, 5],
    ["ECS names (255 characters)", NameRules.ecs.maxLength, 255],
    ["load balancer and target group names (Elastic Load Balancing: 32 characters)", NameRules.loadBalancer.maxLength, 32],
    ["IAM role names (IAM: 64 characters)", NameRules.iamRole.maxLength, 64],
    ["log group names (CloudWatch Logs: 512 characters)", NameRules.logGroup.maxLength, 512],
    ["security group names (EC2: 255 characters)", NameRules.securityGroup.maxLength, 255],
  ])("%s", (_what, actual, documented) => {
    expect(actual).toBe(documented);
  });

  test("a PR comment stays under GitHub's 65,536-character limit, with room for the truncation note", () => {
    expect(MAX_COMMENT_CHARS).toBeLessThanOrEqual(65536 - 500);
    expect(MAX_COMMENT_CHARS).toBeGreaterThanOrEqual(60000);
  });
});

describe("the CloudWatch Logs retention table", () => {
  // PutRetentionPolicy's documented values.
  const documented = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

  test("is exactly the documented list", () => {
    expect([...LOG_RETENTION_DAYS]).toEqual(documented);
  });

  test("has nothing just outside each value", () => {
    const allowed = new Set<number>(LOG_RETENTION_DAYS);
    for (const days of documented) {
      for (const near of [days - 1, days + 1]) if (!documented.includes(near)) expect(allowed.has(near)).toBe(false);
    }
    expect(allowed.has(0)).toBe(false);
    expect(allowed.has(3654)).toBe(false);
  });
});
