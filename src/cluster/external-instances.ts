import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SsmActivation } from "@cdktf/provider-aws/lib/ssm-activation";
import { fail, isToken } from "../core/errors";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";
import { checkIntegerRange } from "../core/validate";
import { Role } from "../core/role";
import { checkName, NameRules } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import { ContainerInstances } from "./container-instances";

/** Settings of {@link ExternalInstances}: the cluster side of ECS Anywhere. */
export interface ExternalInstancesProps {
  /** The cluster the on-premises instances register with; the role is `<clusterName>-ecs-anywhere`. */
  readonly clusterName: string;
  /**
   * Most instances that may register with this activation, 1 to 1000. Each registration uses one;
   * register more later with a new activation (`terraform apply -replace`).
   * @default ExternalInstances.DEFAULT_REGISTRATION_LIMIT (10)
   */
  readonly registrationLimit?: number;
  /**
   * When the activation code stops working, an RFC 3339 time such as `2026-12-31T00:00:00Z`, at most
   * 30 days ahead (SSM's limit, checked by AWS at apply). Registered instances keep working after it.
   * @default - 24 hours after the activation is created (SSM's default)
   */
  readonly expirationDate?: string;
  /** Tags for the role and the activation; each also gets a `Name`. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * What on-premises servers and VMs need to join a cluster as ECS Anywhere external instances: the
 * IAM role they run with (trusted by Systems Manager, with only the `AmazonSSMManagedInstanceCore`
 * and `AmazonEC2ContainerServiceforEC2Role` managed policies) and an SSM activation for that role.
 * The activation's id and code go into the registration command (see docs/ecs-anywhere.md); the code
 * is a secret, so output it as `sensitive`. The construct makes no output itself.
 */
export class ExternalInstances extends Construct {
  /** Registrations one activation allows when none is given: a small first batch of hosts. */
  public static readonly DEFAULT_REGISTRATION_LIMIT = 10;
  /** Most registrations SSM allows for one activation. */
  public static readonly MAX_REGISTRATION_LIMIT = 1000;

  /** The role the external instances run with (`<clusterName>-ecs-anywhere`). */
  public readonly role: Role;
  /** Name of that role, as `aws ssm create-activation --iam-role` would take it. */
  public readonly roleName: string;
  /** The activation's id (`--activation-id` of the install script). */
  public readonly activationId: string;
  /** The activation code (`--activation-code` of the install script). A secret: output it only as `sensitive`. */
  public readonly activationCode: string;
  /** The cluster the instances register with (`--cluster` of the install script). */
  public readonly clusterName: string;
  /** The activation resource, for escape hatches. */
  public readonly activation: SsmActivation;
  /** The role's managed policy attachments; the activation waits for them. */
  public readonly policyAttachments: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: ExternalInstancesProps) {
    super(scope, id);
    checkRequiredProps(this, "ExternalInstancesProps", props, { clusterName: K.string });
    const registrationLimit = props.registrationLimit ?? ExternalInstances.DEFAULT_REGISTRATION_LIMIT;
    checkName(this, "EXTERNAL_CLUSTER_NAME", "clusterName", props.clusterName, NameRules.ecs);
    checkTags(this, "tags", props.tags);
    checkIntegerRange(
      this,
      "EXTERNAL_REGISTRATION_LIMIT",
      "registrationLimit",
      registrationLimit,
      1,
      ExternalInstances.MAX_REGISTRATION_LIMIT,
      "instances",
    );
    const expiration = props.expirationDate;
    if (
      expiration !== undefined &&
      !isToken(expiration) &&
      !(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(expiration) && !Number.isNaN(Date.parse(expiration)))
    ) {
      fail(this, {
        code: "EXTERNAL_EXPIRATION_DATE",
        property: "expirationDate",
        value: expiration,
        allowed: "an RFC 3339 time such as 2026-12-31T00:00:00Z",
      });
    }

    const name = `${props.clusterName}-ecs-anywhere`;
    this.role = new Role(this, "Role", {
      name,
      // Systems Manager assumes the role for the hybrid-activated instances (with the account's confused-deputy conditions).
      assumedBy: "ssm.amazonaws.com",
      description: `ECS Anywhere external instances of cluster ${props.clusterName}`,
      tags: props.tags,
    });
    this.roleName = this.role.roleName;
    this.policyAttachments = [
      new IamRolePolicyAttachment(this, "SsmPolicy", { role: this.role.roleName, policyArn: ContainerInstances.SSM_MANAGED_POLICY_ARN }),
      new IamRolePolicyAttachment(this, "EcsPolicy", { role: this.role.roleName, policyArn: ContainerInstances.ECS_MANAGED_POLICY_ARN }),
    ];
    this.activation = new SsmActivation(this, "Activation", {
      name,
      description: `Registers ECS Anywhere instances with cluster ${props.clusterName}`,
      iamRole: this.role.roleName,
      registrationLimit,
      expirationDate: expiration,
      tags: withName(name, props.tags),
      // An instance registered before the policies exist could not reach ECS or SSM.
      dependsOn: [...this.policyAttachments],
    });
    this.activationId = this.activation.id;
    this.activationCode = this.activation.activationCode;
    this.clusterName = props.clusterName;
  }

  /**
   * The command that registers a host, run as root on it: AWS's install script with this
   * activation. Contains the activation code: print it only from a sensitive output.
   */
  public registrationCommand(region: string): string {
    return [
      'curl --proto "https" -o "/tmp/ecs-anywhere-install.sh" "https://amazon-ecs-agent.s3.amazonaws.com/ecs-anywhere-install-latest.sh"',
      `bash /tmp/ecs-anywhere-install.sh --region "${region}" --cluster "${this.clusterName}" --activation-id "${this.activationId}" --activation-code "${this.activationCode}"`,
    ].join(" && ");
  }
}
