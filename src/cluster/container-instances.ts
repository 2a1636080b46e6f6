import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { assumeRolePolicy } from "../core/iam";
import { RoleOptions, roleSettings } from "../core/role";
import { withName } from "../core/tags";
import { Connections } from "../network/connections";
import { SecurityGroup } from "../network/security-group";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Settings of {@link ContainerInstances}, the resources shared by a cluster's EC2 container instances. */
export interface ContainerInstancesProps {
  /** The cluster name; the role is `<clusterName>-ecs-instance`, the group `<clusterName>-ecs-instances`. */
  readonly clusterName: string;
  /** The VPC the instances' security group is created in. */
  readonly vpcId: string;
  /** Tags for the security group, role and instance profile; each also gets a `Name`. @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Permissions boundary and path of the IAM roles this construct creates (the instance role).
   * @default - the stack's `RoleDefaults` (none unless the stack declares them)
   */
  readonly roleOptions?: RoleOptions;
}

/**
 * What every EC2 container instance of a cluster shares: a security group with no ingress (services
 * open what they need through `connections`) and an instance profile whose role has only the two
 * AWS managed policies an ECS host needs. Tasks get their own task roles; `ECS_AWSVPC_BLOCK_IMDS`
 * keeps `awsvpc` tasks away from this role.
 */
export class ContainerInstances extends Construct {
  /** `AmazonEC2ContainerServiceforEC2Role`: register with ECS, pull from ECR, write agent logs. */
  public static readonly ECS_MANAGED_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role";
  /** `AmazonSSMManagedInstanceCore`: Session Manager access to the host instead of SSH keys and open ports. */
  public static readonly SSM_MANAGED_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

  /** The instances' security group `<clusterName>-ecs-instances`: no ingress, all egress. */
  public readonly securityGroup: SecurityGroup;
  /** Traffic rules of the instances; services on bridge or host networking open ports here. */
  public readonly connections: Connections;
  /** The instance role `<clusterName>-ecs-instance`, with only the ECS and SSM managed policies. */
  public readonly role: IamRole;
  /** The instance profile launch templates attach, wrapping {@link ContainerInstances.role}. */
  public readonly instanceProfile: IamInstanceProfile;
  /** The role's policy attachments; instances launched before them could not register with ECS. */
  public readonly policyAttachments: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: ContainerInstancesProps) {
    super(scope, id);
    checkRequiredProps(this, "ContainerInstancesProps", props, { clusterName: K.string, vpcId: K.string });
    this.securityGroup = new SecurityGroup(this, "SecurityGroup", {
      vpcId: props.vpcId,
      name: `${props.clusterName}-ecs-instances`,
      description: `ECS container instances of cluster ${props.clusterName}`,
      // The agent reaches ECS, ECR, CloudWatch Logs and SSM over HTTPS, through NAT or endpoints.
      allowAllOutbound: true,
      tags: props.tags,
    });
    this.connections = this.securityGroup.connections;

    const instanceRole = createEcsInstanceRole(this, "Role", {
      name: `${props.clusterName}-ecs-instance`,
      description: `ECS container instances of cluster ${props.clusterName}`,
      tags: props.tags,
      roleOptions: props.roleOptions,
    });
    this.role = instanceRole.role;
    this.policyAttachments = instanceRole.policyAttachments;
    this.instanceProfile = instanceRole.instanceProfile;
  }
}

/** Settings of {@link createEcsInstanceRole}. */
export interface EcsInstanceRoleOptions {
  /** Name of the role and of the instance profile (at most 64 characters, checked by the caller). */
  readonly name: string;
  /** Description of the role: whose instances assume it. */
  readonly description: string;
  /** Tags for the role and the instance profile; each also gets a `Name`. @default - none */
  readonly tags?: Record<string, string>;
  /** Permissions boundary and path of the role. @default - the stack's `RoleDefaults` */
  readonly roleOptions?: RoleOptions;
}

/** What {@link createEcsInstanceRole} makes. */
export interface EcsInstanceRole {
  /** The role EC2 instances assume. */
  readonly role: IamRole;
  /** The role's managed policy attachments; instances launched before them could not register with ECS. */
  readonly policyAttachments: readonly ITerraformDependable[];
  /** The instance profile wrapping the role, which launch templates and Batch take. */
  readonly instanceProfile: IamInstanceProfile;
}

/**
 * Adds to `scope` the role of an ECS host (id `roleId`, trusted by EC2) with only the ECS agent and
 * Session Manager managed policies (`EcsPolicy`, `SsmPolicy`), and its instance profile
 * (`InstanceProfile`), both named `options.name`. Used by cluster container instances and Batch EC2
 * compute environments.
 */
export function createEcsInstanceRole(scope: Construct, roleId: string, options: EcsInstanceRoleOptions): EcsInstanceRole {
  const role = new IamRole(scope, roleId, {
    name: options.name,
    description: options.description,
    // No aws:SourceArn / aws:SourceAccount condition: EC2 presents neither when an instance profile's
    // role is assumed, so the condition would lock the instances out (see SERVICE_SOURCE_ARNS).
    assumeRolePolicy: assumeRolePolicy(["ec2.amazonaws.com"]),
    ...roleSettings(scope, "roleOptions", options.roleOptions),
    tags: withName(options.name, options.tags),
  });
  const policyAttachments = [
    new IamRolePolicyAttachment(scope, "EcsPolicy", { role: role.name, policyArn: ContainerInstances.ECS_MANAGED_POLICY_ARN }),
    new IamRolePolicyAttachment(scope, "SsmPolicy", { role: role.name, policyArn: ContainerInstances.SSM_MANAGED_POLICY_ARN }),
  ];
  const instanceProfile = new IamInstanceProfile(scope, "InstanceProfile", {
    name: options.name,
    role: role.name,
    tags: withName(options.name, options.tags),
  });
  return { role, policyAttachments, instanceProfile };
}
