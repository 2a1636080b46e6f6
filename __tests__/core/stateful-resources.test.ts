import { STATEFUL_RESOURCE_TYPES } from "../../src/core";
import { PROTECTED_RESOURCE_TYPES } from "../../src/plan-review";

describe("stateful resource types", () => {
  it("locks these types in production (prevent_destroy)", () => {
    expect([...STATEFUL_RESOURCE_TYPES].sort()).toEqual([
      "aws_cloudwatch_log_group",
      "aws_dynamodb_table",
      "aws_ecr_repository",
      "aws_ecs_cluster",
      "aws_efs_file_system",
      "aws_kms_key",
      "aws_lb",
      "aws_lb_listener",
      "aws_s3_bucket",
      "aws_secretsmanager_secret",
      "aws_service_discovery_http_namespace",
      "aws_service_discovery_private_dns_namespace",
      "aws_sqs_queue",
      "aws_subnet",
      "aws_vpc",
    ]);
  });

  it("flags a delete or replace in the plan review of every type production locks, saying what is lost", () => {
    for (const type of STATEFUL_RESOURCE_TYPES) expect(PROTECTED_RESOURCE_TYPES[type]).toMatch(/\w{3,}/);
  });

  it("flags more than it locks: NAT gateways, IAM roles and databases are reviewed, not locked", () => {
    expect(PROTECTED_RESOURCE_TYPES.aws_nat_gateway).toBe("private subnets lose internet egress, and the egress IP changes");
    expect(PROTECTED_RESOURCE_TYPES.aws_db_instance).toBe("its data is deleted unless a final snapshot is taken");
    expect(STATEFUL_RESOURCE_TYPES).not.toContain("aws_iam_role");
    expect(Object.keys(PROTECTED_RESOURCE_TYPES)).toHaveLength(26);
  });
});
