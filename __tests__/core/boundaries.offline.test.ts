import { Testing } from "cdktf";
import { evaluatePolicies } from "../../src/policy/evaluate";
import { iamPermissionsBoundary } from "../../src/policy/rules/iam-permissions-boundary";
import { TerraformPlanJson } from "../../src/terraform";
import { offlinePlan } from "../offline/offline-plans";
import { BOUNDARY_OFFLINE_STACK, boundaryOfflineStack, STACK_BOUNDARY, STACK_ROLE_PATH } from "./boundary-offline-stack";

/** A stack-wide permissions boundary and path reach every role the library creates, as the real provider plans them. */
describe("permissions boundaries against the real provider", () => {
  let plan: TerraformPlanJson;

  beforeAll(async () => {
    plan = await offlinePlan(BOUNDARY_OFFLINE_STACK);
  });

  const roles = () =>
    (plan.resource_changes ?? [])
      .filter((c) => c.type === "aws_iam_role" && c.change.actions.join() === "create")
      .map((c) => c.change.after as any);

  test("plans every kind of role the library creates", () => {
    expect(
      roles()
        .map((r) => r.name)
        .sort(),
    ).toEqual([
      "acme-deploy",
      "acme-hosts-ecs-anywhere",
      "acme-hosts-ecs-instance",
      "acme-test-batch-batch-instance",
      "acme-test-export-events",
      "acme-test-job-batch-execution",
      "acme-test-job-batch-job",
      "acme-test-nightly-scheduler",
      "acme-test-ping-scheduler",
      "acme-test-store-execution",
      "acme-test-store-infrastructure",
      "acme-test-store-task",
      "acme-test-vpc-flow-logs",
      "acme-test-web-codedeploy",
      "acme-test-web-execution",
      "acme-test-web-task",
    ]);
  });

  test("every planned aws_iam_role carries the stack's boundary and path", () => {
    for (const role of roles())
      expect({ name: role.name, boundary: role.permissions_boundary, path: role.path }).toEqual({
        name: role.name,
        boundary: STACK_BOUNDARY,
        path: STACK_ROLE_PATH,
      });
  });

  test("IAM-003 (production) finds nothing in the stack", () => {
    const stack = boundaryOfflineStack(Testing.app());
    const findings = evaluatePolicies(stack, { environmentClass: "production", rules: [iamPermissionsBoundary], requiredTags: [] });
    expect(findings.map((f) => `${f.ruleId} ${f.constructPath}: ${f.message}`)).toEqual([]);
  });
});
