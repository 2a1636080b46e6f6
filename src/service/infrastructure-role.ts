import { Construct } from "constructs";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Role, RoleOptions } from "../core/role";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** What ECS manages with a service's infrastructure role. */
export interface InfrastructureRoleProps {
  /** Role name prefix, e.g. the service name; the role is `<name>-infrastructure`. */
  readonly name: string;
  /** Attach AWS's policy for creating, attaching and deleting the tasks' managed EBS volumes. @default false */
  readonly volumes?: boolean;
  /** Attach AWS's policy for issuing Service Connect TLS certificates from AWS Private CA. @default false */
  readonly serviceConnectTls?: boolean;
  /** Attach AWS's policy for registering the tasks in VPC Lattice target groups. @default false */
  readonly vpcLattice?: boolean;
  /**
   * Customer managed KMS keys the EBS volumes are encrypted with; the role may use exactly these
   * (the key policy must delegate to IAM, as the default key policy does). @default []
   */
  readonly volumeKmsKeyArns?: readonly string[];
  /** Customer managed KMS keys that encrypt the Service Connect certificates' private keys. @default [] */
  readonly tlsKmsKeyArns?: readonly string[];
  /** Tags for the role. @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Permissions boundary and path of the IAM roles this construct creates (the infrastructure role).
   * @default - the stack's `RoleDefaults` (none unless the stack declares them)
   */
  readonly roleOptions?: RoleOptions;
}

/**
 * The ECS infrastructure role (trusted by `ecs.amazonaws.com`) for one service: AWS's managed
 * policies for EBS volumes, Service Connect TLS and VPC Lattice, plus exactly the KMS keys it needs.
 */
export class InfrastructureRole extends Construct {
  /** AWS's managed policy for ECS-managed EBS volumes (create, attach, detach, delete, tag). */
  public static readonly VOLUMES_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForVolumes";
  /** AWS's managed policy for Service Connect TLS (AWS Private CA certificates, Secrets Manager). */
  public static readonly SERVICE_CONNECT_TLS_POLICY_ARN =
    "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity";

  /** AWS's managed policy for VPC Lattice (register and deregister targets, read target groups, describe subnets and VPCs). */
  public static readonly VPC_LATTICE_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForVpcLattice";

  /** The role ARN, for `volume_configuration`, Service Connect `tls` and `vpc_lattice_configurations` blocks. */
  public readonly roleArn: string;
  /** The role itself, for more statements. */
  public readonly role: Role;
  /** The managed policy attachments; a service using the role should depend on them. */
  public readonly attachments: IamRolePolicyAttachment[] = [];

  constructor(scope: Construct, id: string, props: InfrastructureRoleProps) {
    super(scope, id);
    checkRequiredProps(this, "InfrastructureRoleProps", props, { name: K.string });
    this.role = new Role(this, "Role", {
      name: `${props.name}-infrastructure`,
      assumedBy: "ecs.amazonaws.com",
      description: `ECS manages volumes and Service Connect certificates of ${props.name} with this role`,
      tags: props.tags,
      ...props.roleOptions,
    });
    this.roleArn = this.role.roleArn;
    if (props.volumes) {
      this.attachments.push(
        new IamRolePolicyAttachment(this, "VolumesPolicy", { role: this.role.roleName, policyArn: InfrastructureRole.VOLUMES_POLICY_ARN }),
      );
    }
    if (props.serviceConnectTls) {
      this.attachments.push(
        new IamRolePolicyAttachment(this, "ServiceConnectTlsPolicy", {
          role: this.role.roleName,
          policyArn: InfrastructureRole.SERVICE_CONNECT_TLS_POLICY_ARN,
        }),
      );
    }
    if (props.vpcLattice) {
      this.attachments.push(
        new IamRolePolicyAttachment(this, "VpcLatticePolicy", {
          role: this.role.roleName,
          policyArn: InfrastructureRole.VPC_LATTICE_POLICY_ARN,
        }),
      );
    }
    const volumeKeys = [...new Set(props.volumeKmsKeyArns ?? [])];
    if (volumeKeys.length > 0) {
      // What EC2 does with the key when ECS creates and attaches an encrypted volume.
      this.role.addToPolicy({
        sid: "VolumeKeys",
        actions: ["kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncrypt*"],
        resources: volumeKeys,
      });
    }
    const tlsKeys = [...new Set(props.tlsKmsKeyArns ?? [])];
    if (tlsKeys.length > 0) {
      // ECS keeps each certificate's private key in Secrets Manager, encrypted with this key.
      this.role.addToPolicy({
        sid: "CertificateKeys",
        actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
        resources: tlsKeys,
      });
    }
  }
}
