import { changesOf, offlinePlan } from "../offline/offline-plans";
import { DELIVERY_OFFLINE_STACK } from "./offline-stack";

/** The bootstrap, registry and every bootstrap stack of the app through the real provider: validate and an offline plan. */
describe("bootstrap and registry against the real provider", () => {
  test("the module stack plans: state buckets, lock table, roles, repositories, policies, scanning, replication", async () => {
    const plan = await offlinePlan(DELIVERY_OFFLINE_STACK);
    expect(changesOf(plan, "aws_s3_bucket")).toHaveLength(2);
    expect(changesOf(plan, "aws_dynamodb_table")).toHaveLength(1);
    expect(changesOf(plan, "aws_iam_openid_connect_provider")).toHaveLength(0);
    expect(changesOf(plan, "aws_iam_role")).toHaveLength(3);
    expect(changesOf(plan, "aws_ecr_repository")).toHaveLength(2);
    expect(changesOf(plan, "aws_ecr_lifecycle_policy")).toHaveLength(1);
    expect(changesOf(plan, "aws_ecr_repository_policy")).toHaveLength(1);
    expect(changesOf(plan, "aws_ecr_registry_scanning_configuration")).toHaveLength(1);
    expect(changesOf(plan, "aws_ecr_replication_configuration")).toHaveLength(1);
    const deploy = changesOf(plan, "aws_iam_role").find((c) => (c.change.after as any).name === "acme-terraform-deploy")!;
    expect((deploy.change.after as any).permissions_boundary).toBe("arn:aws:iam::123456789012:policy/acme-deploy-boundary");
  });

  test.each(["shared", "dev", "staging", "prod"])("bootstrap-%s plans its state bucket, OIDC provider and both roles", async (account) => {
    const plan = await offlinePlan(`bootstrap-${account}`);
    expect(changesOf(plan, "aws_s3_bucket")).toHaveLength(1);
    expect(changesOf(plan, "aws_iam_openid_connect_provider")).toHaveLength(1);
    expect(
      changesOf(plan, "aws_iam_role")
        .map((c) => (c.change.after as any).name)
        .sort(),
    ).toEqual(["acme-terraform-deploy", "acme-terraform-plan"]);
    expect(changesOf(plan, "aws_kms_key")).toHaveLength(account === "prod" ? 1 : 0);
  });

  test("the registry stack plans one repository per image the environments run, and their push roles", async () => {
    const plan = await offlinePlan("registry");
    expect(
      changesOf(plan, "aws_ecr_repository")
        .map((c) => (c.change.after as any).name)
        .sort(),
    ).toEqual(["acme/reindex", "acme/report", "acme/web", "acme/worker"]);
    expect(changesOf(plan, "aws_ecr_repository_policy")).toHaveLength(4);
    expect(changesOf(plan, "aws_iam_role")).toHaveLength(4);
  });
});
