import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { checkArn } from "../core/arn";
import { policyDocument, serviceTrustPolicy } from "../core/iam";
import { fail } from "../core/errors";
import { checkOneOf } from "../core/validate";
import { checkName, NameRules } from "../core/naming";
import { LOG_RETENTION_DAYS } from "../core/log-retention";
import { checkRoleOptions, RoleOptions, roleSettings } from "../core/role";
import { checkTags, withName } from "../core/tags";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** How a network records its traffic in VPC flow logs. */
export interface FlowLogOptions {
  /**
   * Record flow logs; turning them off is explicit and leaves a synth warning.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Where records go: a CloudWatch Logs group created here (with a delivery role), or an existing S3 bucket.
   * @default "cloudwatch"
   */
  readonly destination?: "cloudwatch" | "s3";
  /** Which traffic to record. @default "ALL" */
  readonly trafficType?: "ALL" | "ACCEPT" | "REJECT";
  /** CloudWatch destination: days to keep records. @default 90 */
  readonly retentionDays?: number;
  /** CloudWatch destination: KMS key for the log group. @default - CloudWatch Logs' own encryption */
  readonly kmsKeyArn?: string;
  /**
   * S3 destination: the bucket ARN (required when destination is "s3"); its bucket policy must let `delivery.logs.amazonaws.com` write.
   * @default - none; required when `destination` is "s3", ignored otherwise
   */
  readonly s3BucketArn?: string;
  /** Longest window, in seconds, over which a flow is aggregated into one record (60 gives fresher records, more of them). @default 600 */
  readonly maxAggregationIntervalSeconds?: 60 | 600;
  /**
   * Permissions boundary and path of the IAM roles this construct creates (CloudWatch destination: the delivery role).
   * @default - the stack's `RoleDefaults` (none unless the stack declares them)
   */
  readonly roleOptions?: RoleOptions;
}

/** Settings for {@link VpcFlowLog}. */
export interface VpcFlowLogProps extends FlowLogOptions {
  /** The VPC whose traffic is recorded. */
  readonly vpcId: string;
  /** Name prefix: the log group is `/vpc/<name>/flow-logs` and the role `<name>-vpc-flow-logs` (1 to 40 lowercase characters). */
  readonly name: string;
  /**
   * Tags for the log group, role and flow log, within AWS tag limits; each also gets a `Name` tag.
   * @default - only the `Name` tag
   */
  readonly tags?: Record<string, string>;
}

/** VPC flow logs to CloudWatch Logs (with a least-privilege delivery role) or to S3. */
export class VpcFlowLog extends Construct {
  /** Days CloudWatch keeps flow log records by default: 90 covers a quarter of incident look-back at modest cost. */
  public static readonly DEFAULT_RETENTION_DAYS = 90;
  /** The log group, when the destination is CloudWatch Logs. */
  public readonly logGroup?: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    checkRequiredProps(this, "VpcFlowLogProps", props, { vpcId: K.string, name: K.string });
    const destination = props.destination ?? "cloudwatch";
    const trafficType = props.trafficType ?? "ALL";
    const retentionDays = props.retentionDays ?? VpcFlowLog.DEFAULT_RETENTION_DAYS;
    const interval = props.maxAggregationIntervalSeconds ?? 600;
    checkName(this, "FLOW_LOG_NAME", "name", props.name, NameRules.prefix);
    checkTags(this, "tags", props.tags);
    checkRoleOptions(this, "roleOptions", props.roleOptions);
    checkOneOf(this, "FLOW_LOG_DESTINATION", "flowLogs.destination", destination, ["cloudwatch", "s3"]);
    checkOneOf(this, "FLOW_LOG_TRAFFIC_TYPE", "flowLogs.trafficType", trafficType, ["ALL", "ACCEPT", "REJECT"]);
    checkOneOf(this, "FLOW_LOG_RETENTION", "flowLogs.retentionDays", retentionDays, LOG_RETENTION_DAYS);
    checkOneOf(this, "FLOW_LOG_INTERVAL", "flowLogs.maxAggregationIntervalSeconds", interval, [60, 600]);
    checkArn(this, "FLOW_LOG_S3_BUCKET", "flowLogs.s3BucketArn", props.s3BucketArn, "s3Bucket");
    checkArn(this, "FLOW_LOG_KMS_KEY", "flowLogs.kmsKeyArn", props.kmsKeyArn, "kmsKey");
    const tags = withName(`${props.name}-flow-logs`, props.tags);

    if (destination === "s3") {
      if (!props.s3BucketArn) {
        fail(this, {
          code: "FLOW_LOG_S3_BUCKET",
          property: "flowLogs.s3BucketArn",
          value: props.s3BucketArn,
          allowed: 'an S3 bucket ARN when flowLogs.destination is "s3"',
        });
      }
      new FlowLog(this, "Resource", {
        vpcId: props.vpcId,
        trafficType,
        logDestinationType: "s3",
        logDestination: props.s3BucketArn,
        maxAggregationInterval: interval,
        tags,
      });
      return;
    }

    this.logGroup = new CloudwatchLogGroup(this, "LogGroup", {
      name: `/vpc/${props.name}/flow-logs`,
      retentionInDays: retentionDays,
      kmsKeyId: props.kmsKeyArn,
      tags,
    });
    const role = new IamRole(this, "Role", {
      name: `${props.name}-vpc-flow-logs`,
      assumeRolePolicy: serviceTrustPolicy(this, "vpc-flow-logs.amazonaws.com"),
      ...roleSettings(this, "roleOptions", props.roleOptions),
      tags,
    });
    new IamRolePolicy(this, "RolePolicy", {
      role: role.id,
      name: "deliver-to-log-group",
      policy: policyDocument([
        {
          actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          resources: [`${this.logGroup.arn}:*`],
        },
      ]),
    });
    new FlowLog(this, "Resource", {
      vpcId: props.vpcId,
      trafficType,
      logDestinationType: "cloud-watch-logs",
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: interval,
      tags,
    });
  }
}
