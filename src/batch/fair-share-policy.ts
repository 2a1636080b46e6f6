import { Construct } from "constructs";
import { BatchSchedulingPolicy } from "@cdktf/provider-aws/lib/batch-scheduling-policy";
import { fail, isToken } from "../core/errors";
import { checkName } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange, checkNumberRange } from "../core/validate";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Fair-share scheduling: jobs carry a share identifier, and shares get capacity by weight. */
export interface FairShareOptions {
  /**
   * Weight factor per share identifier (e.g. `{ reports: 1, backfill: 4 }`); a lower weight gets
   * more capacity. An identifier ending in `*` matches every identifier with that prefix.
   * @default {} - every share identifier weighs 1
   */
  readonly shares?: Record<string, number>;
  /** Seconds of past usage that count against a share, 0 to 604800. @default 0 - only current usage */
  readonly shareDecaySeconds?: number;
  /** Percentage of capacity (0 to 99) reserved for share identifiers that have no running jobs yet. @default 0 */
  readonly computeReservation?: number;
}

/** Props of a {@link FairSharePolicy}. */
export interface FairSharePolicyProps extends FairShareOptions {
  /** Policy name, at most 128 characters. */
  readonly name: string;
  /** Tags for the scheduling policy. @default - none */
  readonly tags?: Record<string, string>;
}

/** An `aws_batch_scheduling_policy` with a fair-share policy, for one job queue. */
export class FairSharePolicy extends Construct {
  /** Batch accepts at most 500 share identifiers per policy. */
  public static readonly MAX_SHARES = 500;
  /** ARN of the scheduling policy (a token), set on the job queue's `scheduling_policy_arn`. */
  public readonly schedulingPolicyArn: string;

  constructor(scope: Construct, id: string, props: FairSharePolicyProps) {
    super(scope, id);
    checkRequiredProps(this, "FairSharePolicyProps", props, { name: K.string });
    const shares = props.shares ?? {};
    checkName(this, "BATCH_SCHEDULING_POLICY_NAME", "name", props.name, {
      maxLength: 128,
      pattern: /^[a-zA-Z0-9_-]+$/,
      describe: "letters, digits, hyphens and underscores",
    });
    checkTags(this, "tags", props.tags);
    checkIntegerRange(this, "BATCH_FAIR_SHARE_DECAY", "fairShare.shareDecaySeconds", props.shareDecaySeconds, 0, 604800, "seconds");
    checkIntegerRange(this, "BATCH_FAIR_SHARE_RESERVATION", "fairShare.computeReservation", props.computeReservation, 0, 99, "percent");
    const entries = Object.entries(shares);
    if (entries.length > FairSharePolicy.MAX_SHARES) {
      fail(this, {
        code: "BATCH_FAIR_SHARE_COUNT",
        property: "fairShare.shares",
        value: entries.length,
        allowed: `at most ${FairSharePolicy.MAX_SHARES} share identifiers`,
      });
    }
    for (const [identifier, weight] of entries) {
      if (!isToken(identifier) && !/^[a-zA-Z0-9_]{1,255}\*?$/.test(identifier)) {
        fail(this, {
          code: "BATCH_FAIR_SHARE_IDENTIFIER",
          property: `fairShare.shares.${identifier}`,
          value: identifier,
          allowed: "a share identifier of letters, digits and underscores (up to 255), optionally ending in *",
        });
      }
      checkNumberRange(this, "BATCH_FAIR_SHARE_WEIGHT", `fairShare.shares.${identifier}`, weight, 0.0001, 999.9999);
    }
    const policy = new BatchSchedulingPolicy(this, "Resource", {
      name: props.name,
      fairSharePolicy: {
        shareDecaySeconds: props.shareDecaySeconds,
        computeReservation: props.computeReservation,
        shareDistribution: entries.map(([shareIdentifier, weightFactor]) => ({ shareIdentifier, weightFactor })),
      },
      tags: withName(props.name, props.tags),
    });
    this.schedulingPolicyArn = policy.arn;
  }
}
