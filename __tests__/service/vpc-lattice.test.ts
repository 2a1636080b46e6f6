import { Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { Service, ServiceProps } from "../../src/service/service";
import { VpcLatticeOptions } from "../../src/service/vpc-lattice";
import { expectedMessage, testRejections } from "../helpers";
import { alb, platform, webTask } from "./fixtures";

const TG = "arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/tg-0123456789abcdef0";
const TG2 = "arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/tg-0fedcba9876543210";

function service(scope: Construct, vpcLattice: VpcLatticeOptions, props: Partial<ServiceProps> = {}): Service {
  const { cluster } = platform(scope);
  return new Service(scope, "Web", { name: "acme-test-web", cluster, taskDefinition: webTask(scope), vpcLattice, ...props });
}
function synth(build: (stack: TerraformStack) => void): Record<string, Record<string, any>> {
  const stack = new TerraformStack(Testing.app(), "test");
  build(stack);
  return JSON.parse(Testing.synth(stack)).resource;
}

describe("Service with VPC Lattice", () => {
  test("registers the tasks in each target group through an infrastructure role with AWS's Lattice policy", () => {
    const resources = synth((stack) =>
      service(stack, { targets: { Api: { targetGroupArn: TG, portName: "http" }, Admin: { targetGroupArn: TG2, portName: "http" } } }),
    );
    const [svc] = Object.values(resources.aws_ecs_service);
    const role = expect.stringMatching(/^\$\{aws_iam_role\.Web_InfrastructureRole_[0-9A-F]{8}\.arn\}$/);
    // Sorted by key, so adding a target leaves the other blocks where they were.
    expect(svc.vpc_lattice_configurations).toEqual([
      { target_group_arn: TG2, port_name: "http", role_arn: role },
      { target_group_arn: TG, port_name: "http", role_arn: role },
    ]);
    expect(Object.values(resources.aws_iam_role_policy_attachment)).toEqual([
      expect.objectContaining({ policy_arn: "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForVpcLattice" }),
    ]);
    // The service waits for the policy: ECS checks the role when it registers the first task.
    expect(svc.depends_on).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aws_iam_role_policy_attachment\.Web_InfrastructureRole_VpcLatticePolicy_/)]),
    );
  });

  test("uses a given role and creates none; opens the task port to the Lattice prefix list", () => {
    const resources = synth((stack) =>
      service(stack, {
        targets: { Api: { targetGroupArn: TG, portName: "http" } },
        roleArn: "arn:aws:iam::123456789012:role/acme-lattice",
        prefixListId: "pl-0123456789abcdef0",
      }),
    );
    const [svc] = Object.values(resources.aws_ecs_service);
    expect(svc.vpc_lattice_configurations).toEqual([
      { target_group_arn: TG, port_name: "http", role_arn: "arn:aws:iam::123456789012:role/acme-lattice" },
    ]);
    expect(resources.aws_iam_role_policy_attachment).toBeUndefined();
    expect(Object.values(resources.aws_vpc_security_group_ingress_rule)).toEqual([
      expect.objectContaining({ prefix_list_id: "pl-0123456789abcdef0", from_port: 8080, to_port: 8080, ip_protocol: "tcp" }),
    ]);
  });

  test("a service without Lattice renders no configuration and no role", () => {
    const resources = synth((stack) => {
      const { cluster } = platform(stack);
      new Service(stack, "Web", { name: "acme-test-web", cluster, taskDefinition: webTask(stack) });
    });
    const [svc] = Object.values(resources.aws_ecs_service);
    expect(svc.vpc_lattice_configurations).toBeUndefined();
    expect(Object.keys(resources.aws_iam_role).filter((k) => k.includes("InfrastructureRole"))).toEqual([]);
  });
});

const ok = { Api: { targetGroupArn: TG, portName: "http" } };
describe("Service with VPC Lattice: bad input", () => {
  testRejections([
    [
      "no target",
      (s) => service(s, { targets: {} }),
      expectedMessage("test/Web", "vpcLattice.targets", {}, "at least one target group", "VPC_LATTICE_TARGETS"),
    ],
    [
      "an ELB target group ARN",
      (s) =>
        service(s, {
          targets: { Api: { targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc", portName: "http" } },
        }),
      expectedMessage(
        "test/Web",
        "vpcLattice.targets.Api.targetGroupArn",
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc",
        "a VPC Lattice target group ARN (arn:aws:vpc-lattice:<region>:<account>:targetgroup/tg-<id>)",
        "VPC_LATTICE_TARGET_GROUP",
      ),
    ],
    [
      "the same target group twice",
      (s) => service(s, { targets: { A: { targetGroupArn: TG, portName: "http" }, B: { targetGroupArn: TG, portName: "http" } } }),
      expectedMessage(
        "test/Web",
        "vpcLattice.targets.B.targetGroupArn",
        TG,
        "a target group no other target of this service uses (A has it)",
        "VPC_LATTICE_TARGET_GROUP",
      ),
    ],
    [
      "a port name the task definition does not have",
      (s) => service(s, { targets: { Api: { targetGroupArn: TG, portName: "grpc" } } }),
      expectedMessage("test/Web", "vpcLattice.targets.Api.portName", "grpc", "a port name of container web: http", "UNKNOWN_PORT_NAME"),
    ],
    [
      "a role that is not an IAM role ARN",
      (s) => service(s, { ...{ targets: ok }, roleArn: "acme-lattice" }),
      expectedMessage(
        "test/Web",
        "vpcLattice.roleArn",
        "acme-lattice",
        "an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
        "VPC_LATTICE_ROLE",
      ),
    ],
    [
      "VPC Lattice with a CodeDeploy blue/green deployment",
      (s) => {
        const { cluster, network } = platform(s);
        new Service(s, "Web", {
          name: "acme-test-web",
          cluster,
          taskDefinition: webTask(s),
          loadBalancer: { listener: alb(s, network).listener, priority: 10, pathPatterns: ["/*"] },
          deployment: { type: "blueGreen", testListenerPort: 8443 },
          vpcLattice: { targets: ok },
        } as ServiceProps);
      },
      expectedMessage(
        "test/Web",
        "vpcLattice",
        "blueGreen",
        "a rolling deployment (CodeDeploy blue/green shifts load balancer traffic only, not VPC Lattice target groups)",
        "VPC_LATTICE_DEPLOYMENT",
      ),
    ],
  ]);
});
