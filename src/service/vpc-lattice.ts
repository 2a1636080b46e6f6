import { IConstruct } from "constructs";
import { EcsServiceVpcLatticeConfigurations } from "@cdktf/provider-aws/lib/ecs-service";
import { fail, isToken } from "../core/errors";
import type { TaskDefinition } from "../task/task-definition";

/** A VPC Lattice target group the service's tasks are registered in. */
export interface VpcLatticeTarget {
  /** ARN of the VPC Lattice target group (type `IP`, in the service's VPC), e.g. from `aws_vpclattice_target_group`. */
  readonly targetGroupArn: string;
  /** Name of the task definition's port mapping whose port VPC Lattice sends traffic to (port mappings need a `name`). */
  readonly portName: string;
}

/** VPC Lattice for a service (`vpc_lattice_configurations` on `aws_ecs_service`). */
export interface VpcLatticeOptions {
  /** Target groups keyed by a stable name; 1 or more, each target group once. */
  readonly targets: Readonly<Record<string, VpcLatticeTarget>>;
  /**
   * An existing ECS infrastructure role with AWS's `AmazonECSInfrastructureRolePolicyForVpcLattice`.
   * @default - the service's infrastructure role, with that policy attached
   */
  readonly roleArn?: string;
  /**
   * Id of the region's `com.amazonaws.<region>.vpc-lattice` managed prefix list: when set, the tasks'
   * security group allows it on each target's port. Lattice traffic arrives from these addresses, so
   * without the rule (or an equivalent one) health checks and requests are dropped.
   * @default - no ingress rule is added
   */
  readonly prefixListId?: string;
}

const TARGET_GROUP_ARN = /^arn:aws[a-z-]*:vpc-lattice:[a-z0-9-]+:\d{12}:targetgroup\/tg-[0-9a-z]+$/;

/** Checks the targets (each port name exists, ARNs are Lattice target groups, each once) and returns the selected container ports by key. */
export function checkVpcLattice(scope: IConstruct, options: VpcLatticeOptions, taskDefinition: TaskDefinition): Record<string, number> {
  const entries = Object.entries(options.targets ?? {});
  if (entries.length === 0) {
    fail(scope, {
      code: "VPC_LATTICE_TARGETS",
      property: "vpcLattice.targets",
      value: options.targets,
      allowed: "at least one target group",
    });
  }
  const role = options.roleArn;
  if (role !== undefined && !isToken(role) && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+/.test(role)) {
    fail(scope, {
      code: "VPC_LATTICE_ROLE",
      property: "vpcLattice.roleArn",
      value: role,
      allowed: "an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
    });
  }
  const seen = new Map<string, string>();
  const ports: Record<string, number> = {};
  for (const [key, target] of entries) {
    const property = `vpcLattice.targets.${key}`;
    const arn = target.targetGroupArn;
    if (!isToken(arn)) {
      if (typeof arn !== "string" || !TARGET_GROUP_ARN.test(arn)) {
        fail(scope, {
          code: "VPC_LATTICE_TARGET_GROUP",
          property: `${property}.targetGroupArn`,
          value: arn,
          allowed: "a VPC Lattice target group ARN (arn:aws:vpc-lattice:<region>:<account>:targetgroup/tg-<id>)",
        });
      }
      const other = seen.get(arn);
      if (other !== undefined) {
        fail(scope, {
          code: "VPC_LATTICE_TARGET_GROUP",
          property: `${property}.targetGroupArn`,
          value: arn,
          allowed: `a target group no other target of this service uses (${other} has it)`,
        });
      }
      seen.set(arn, key);
    }
    if (typeof target.portName !== "string" || target.portName.length === 0) {
      fail(scope, {
        code: "VPC_LATTICE_PORT_NAME",
        property: `${property}.portName`,
        value: target.portName,
        allowed: "a port mapping name",
      });
    }
    const container = taskDefinition.containers.find((c) => c.portMappings.some((p) => p.name === target.portName));
    ports[key] = taskDefinition.selectPort(scope, property, { portName: target.portName, containerName: container?.name }).containerPort;
  }
  return ports;
}

/** The service's `vpc_lattice_configurations` blocks, in key order (so adding a target moves no other block). */
export function renderVpcLattice(options: VpcLatticeOptions, roleArn: string): EcsServiceVpcLatticeConfigurations[] {
  return Object.keys(options.targets)
    .sort()
    .map((key) => ({ targetGroupArn: options.targets[key].targetGroupArn, portName: options.targets[key].portName, roleArn }));
}
