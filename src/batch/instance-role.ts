import { Construct } from "constructs";
import { ContainerInstances, createEcsInstanceRole } from "../cluster/container-instances";
import { checkName, NameRules, safeName } from "../core/naming";
import { RoleOptions } from "../core/role";
import { checkTags } from "../core/tags";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Props of an {@link InstanceRole}. */
export interface InstanceRoleProps extends RoleOptions {
  /** Role and instance profile name; shortened with a hash when over 64 characters. */
  readonly roleName: string;
  /** Tags for the role and the instance profile. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * The role and instance profile of a Batch EC2/Spot compute environment's instances: only the ECS
 * agent policy and Session Manager (so hosts need no SSH key or open port). Jobs never use it:
 * they get their own job role, and IMDSv2 with a hop limit of 1 keeps containers away from it.
 */
export class InstanceRole extends Construct {
  /** `AmazonEC2ContainerServiceforEC2Role`: register with ECS, pull from ECR, write agent logs. */
  public static readonly ECS_MANAGED_POLICY_ARN = ContainerInstances.ECS_MANAGED_POLICY_ARN;
  /** `AmazonSSMManagedInstanceCore`: Session Manager access instead of SSH. */
  public static readonly SSM_MANAGED_POLICY_ARN = ContainerInstances.SSM_MANAGED_POLICY_ARN;

  /** ARN of the IAM role the instances run with (a token). */
  public readonly roleArn: string;
  /** ARN of the instance profile (a token); Batch's `compute_resources.instance_role` takes this, not the role ARN. */
  public readonly instanceProfileArn: string;

  constructor(scope: Construct, id: string, props: InstanceRoleProps) {
    super(scope, id);
    checkRequiredProps(this, "InstanceRoleProps", props, { roleName: K.string });
    const name = safeName(props.roleName, NameRules.iamRole.maxLength);
    checkName(this, "INSTANCE_ROLE_NAME", "name", name, NameRules.iamRole);
    checkTags(this, "tags", props.tags);
    const { role, instanceProfile } = createEcsInstanceRole(this, "Resource", {
      name,
      description: "AWS Batch compute environment instances",
      tags: props.tags,
      roleOptions: props,
    });
    this.roleArn = role.arn;
    this.instanceProfileArn = instanceProfile.arn;
  }
}
