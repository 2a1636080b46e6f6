import { Testing, TerraformStack } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { assumeRolePolicy } from "../../src/core/iam";
import { Role, RoleDefaults } from "../../src/core/role";
import { applyPolicies } from "../../src/policy";
import { errorOf, expectedMessage, resourcesOf, synth } from "../helpers";
import { everyRole } from "./every-role";

const BOUNDARY = "arn:aws:iam::123456789012:policy/platform-boundary";
const OTHER = "arn:aws:iam::123456789012:policy/batch-boundary";

const roles = (s: ReturnType<typeof synth>) => Object.values(resourcesOf(s, "aws_iam_role"));

describe("permissions boundaries and paths", () => {
  test("RoleDefaults: every role the library creates in the stack gets the boundary and the path", () => {
    const s = synth((stack) => {
      RoleDefaults.of(stack).set({ permissionsBoundaryArn: BOUNDARY, path: "/platform/" });
      everyRole(stack);
    });
    expect(
      roles(s)
        .map((r) => r.name)
        .sort(),
    ).toEqual([
      "acme-deploy",
      "acme-hosts-ecs-instance",
      "acme-test-batch-batch-instance",
      "acme-test-job-batch-execution",
      "acme-test-job-batch-job",
      "acme-test-ping-scheduler",
      "acme-test-store-execution",
      "acme-test-store-infrastructure",
      "acme-test-store-task",
      "acme-test-vpc-flow-logs",
      "acme-test-web-codedeploy",
      "acme-test-web-execution",
      "acme-test-web-task",
    ]);
    for (const role of roles(s)) expect(role).toMatchObject({ permissions_boundary: BOUNDARY, path: "/platform/" });
  });

  test("without RoleDefaults or roleOptions no role has a boundary or path (the Terraform of existing stacks is unchanged)", () => {
    const s = synth((stack) => everyRole(stack));
    for (const role of roles(s)) {
      expect(role.permissions_boundary).toBeUndefined();
      expect(role.path).toBeUndefined();
    }
  });

  test("roleOptions on each construct sets its roles; it wins over the stack's defaults key by key", () => {
    const s = synth((stack) => {
      RoleDefaults.of(stack).set({ permissionsBoundaryArn: BOUNDARY, path: "/platform/" });
      everyRole(stack, { permissionsBoundaryArn: OTHER });
    });
    const own = roles(s).filter((r) => !String(r.name).endsWith("-vpc-flow-logs"));
    expect(own).toHaveLength(12);
    for (const role of own) expect(role).toMatchObject({ permissions_boundary: OTHER, path: "/platform/" });
    // The network (built by the fixture without roleOptions) keeps the stack's boundary.
    expect(roles(s).find((r) => String(r.name).endsWith("-vpc-flow-logs"))).toMatchObject({ permissions_boundary: BOUNDARY });
  });

  test("the Role construct takes them directly", () => {
    const s = synth((stack) => {
      new Role(stack, "Role", { name: "acme-r", assumedBy: "ecs-tasks.amazonaws.com", description: "d", path: "/a/b/" });
    });
    expect(roles(s)[0]).toMatchObject({ path: "/a/b/" });
    expect(roles(s)[0].permissions_boundary).toBeUndefined();
  });
});

describe("IAM-003: roles carry the stack's permissions boundary", () => {
  function stackWithLooseRole(environmentClass: "production" | "non-production"): TerraformStack {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    RoleDefaults.of(stack).set({ permissionsBoundaryArn: BOUNDARY });
    new Role(stack, "Covered", { name: "acme-covered", assumedBy: "ecs-tasks.amazonaws.com", description: "d" });
    new IamRole(stack, "Loose", { name: "acme-loose", assumeRolePolicy: assumeRolePolicy(["ec2.amazonaws.com"]) });
    new IamRole(stack, "Elsewhere", {
      name: "acme-elsewhere",
      assumeRolePolicy: assumeRolePolicy(["ec2.amazonaws.com"]),
      permissionsBoundary: OTHER,
    });
    applyPolicies(stack, { environmentClass });
    return stack;
  }

  test("production: a hand-written role without the boundary, or with another one, fails synth", () => {
    const stack = stackWithLooseRole("production");
    expect(() => Testing.fullSynth(stack)).toThrow(/IAM-003/);
    const findings = (stack.node.findChild("PolicyPack") as any).findings().filter((f: any) => f.ruleId === "IAM-003");
    expect(findings.map((f: any) => [f.constructPath, f.severity])).toEqual([
      ["test/Elsewhere", "error"],
      ["test/Loose", "error"],
    ]);
    expect(findings.map((f: any) => f.message).join("\n")).toContain(`no permissions boundary; the stack declares ${BOUNDARY}`);
  });

  test("non-production: the same roles are warnings", () => {
    const stack = stackWithLooseRole("non-production");
    expect(() => Testing.fullSynth(stack)).not.toThrow();
    const findings = (stack.node.findChild("PolicyPack") as any).findings().filter((f: any) => f.ruleId === "IAM-003");
    expect(findings.map((f: any) => f.severity)).toEqual(["warning", "warning"]);
  });

  test("a stack that declares no boundary is not checked", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new IamRole(stack, "Loose", { name: "acme-loose", assumeRolePolicy: assumeRolePolicy(["ec2.amazonaws.com"]) });
    applyPolicies(stack, { environmentClass: "production" });
    expect(() => Testing.fullSynth(stack)).not.toThrow();
  });
});

describe("RoleDefaults order", () => {
  test("declaring defaults after a library role exists fails, naming how many roles missed them", () => {
    expect(
      errorOf((stack) => {
        new Role(stack, "Early", { name: "acme-early", assumedBy: "ecs-tasks.amazonaws.com", description: "d" });
        RoleDefaults.of(stack).set({ permissionsBoundaryArn: BOUNDARY });
      }),
    ).toMatch(
      expectedMessage(
        "test",
        "roleDefaults",
        { permissionsBoundaryArn: BOUNDARY },
        "RoleDefaults set before the stack's first role (1 already created without them): call it at the top of the stack's constructor",
        "ROLE_DEFAULTS_LATE",
      ),
    );
  });
});
