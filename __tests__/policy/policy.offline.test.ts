import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PolicyPack } from "../../src/policy";
import { TerraformPlanJson } from "../../src/terraform";
import { OFFLINE_PLANS_ENV, offlinePlan } from "../offline/offline-plans";
import { POLICY_OFFLINE_STACK } from "./offline-stack";

/** The stack's plan and its synthesized directory, from the combined offline run. */
async function planPolicyStack(): Promise<{ plan: TerraformPlanJson; stackDir: string }> {
  const plan = await offlinePlan(POLICY_OFFLINE_STACK);
  return { plan, stackDir: join(process.env[OFFLINE_PLANS_ENV] ?? "", "cdktf.out", "stacks", POLICY_OFFLINE_STACK) };
}

/** The compliant platform stack synthesizes (the pack finds no error), and the real provider validates and plans it. */
describe("policy pack against the real provider", () => {
  let plan: TerraformPlanJson;
  let stackDir: string;

  beforeAll(async () => {
    ({ plan, stackDir } = await planPolicyStack());
  });

  const created = (type: string) =>
    (plan.resource_changes ?? []).filter((c) => c.type === type && c.change.actions.join() === "create").map((c) => c.change.after as any);

  test("synth passes in production with one suppressed finding, and the reports sit next to cdk.tf.json", () => {
    const report = JSON.parse(readFileSync(join(stackDir, PolicyPack.REPORT_FILE), "utf8"));
    expect(report.summary).toEqual({ errors: 0, warnings: 0, suppressed: 1 });
    expect(report.findings[0]).toMatchObject({
      ruleId: "LOG-001",
      constructPath: "policy/Legacy/AuditArchive",
      suppressed: { declaredAt: "policy/Legacy" },
    });
    expect(existsSync(join(stackDir, PolicyPack.SARIF_FILE))).toBe(true);
  });

  test("the compliant settings the rules ask for are valid Terraform and reach the plan", () => {
    expect(created("aws_ecs_cluster")[0].setting).toEqual([{ name: "containerInsights", value: "enabled" }]);
    expect(created("aws_ecs_cluster")[0].configuration[0].execute_command_configuration[0].logging).toBe("OVERRIDE");
    expect(created("aws_lb")[0]).toMatchObject({ drop_invalid_header_fields: true, enable_deletion_protection: true, internal: false });
    expect(
      created("aws_lb_listener")
        .map((l) => [l.protocol, l.default_action[0].type])
        .sort(),
    ).toEqual([
      ["HTTP", "redirect"],
      ["HTTPS", "forward"],
    ]);
    expect(created("aws_launch_template")[0].metadata_options[0].http_tokens).toBe("required");
    expect(created("aws_launch_template")[0].block_device_mappings[0].ebs[0].encrypted).toBe("true");
    expect(created("aws_ecs_service")[0]).toMatchObject({
      enable_execute_command: true,
      deployment_circuit_breaker: [{ enable: true, rollback: true }],
      network_configuration: [{ assign_public_ip: false }],
    });
    expect(created("aws_scheduler_schedule")[0].target[0].retry_policy).toEqual([
      { maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 },
    ]);
    expect(created("aws_cloudwatch_event_target")[0].retry_policy).toEqual([
      { maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 },
    ]);
    expect(created("aws_nat_gateway")).toHaveLength(2);
    expect(created("aws_flow_log")).toHaveLength(1);
  });

  test("the suppressed exception is planned as written, and the provider's default tags carry the required tags", () => {
    const groups = created("aws_cloudwatch_log_group");
    expect(groups.find((g) => g.name === "/acme/audit-archive").retention_in_days).toBe(0);
    expect(groups.every((g) => g.tags_all.Owner === "platform-team" && g.tags_all.CostCenter === "cc-1001")).toBe(true);
  });
});
