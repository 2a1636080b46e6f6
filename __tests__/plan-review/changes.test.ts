import { constructPathsFromSynth, PlanJson, summarizeChanges } from "../../src/plan-review";
import { actionOf } from "../../src/plan-review/plan";
import { attributeChanges, moduleOfResource } from "../../src/plan-review/changes";
import { riskFlags } from "../../src/plan-review/risk";

const change = (
  over: Partial<{
    actions: string[];
    before: unknown;
    after: unknown;
    after_unknown: unknown;
    before_sensitive: unknown;
    after_sensitive: unknown;
  }>,
) => ({
  change: { actions: ["update"], before: {}, after: {}, ...over },
});

describe("actionOf", () => {
  test("folds both replacement orders into replace", () => {
    expect(actionOf(["delete", "create"])).toBe("replace");
    expect(actionOf(["create", "delete"])).toBe("replace");
    expect(actionOf(["no-op"])).toBe("no-op");
    expect(actionOf(["forget"])).toBe("forget");
  });
});

describe("attributeChanges", () => {
  test("lists nested leaves that differ, with paths into blocks", () => {
    const changes = attributeChanges(
      change({
        before: { desired_count: 2, network_configuration: [{ subnets: ["a"], assign_public_ip: false }] },
        after: { desired_count: 3, network_configuration: [{ subnets: ["a", "b"], assign_public_ip: false }] },
      }),
    );
    expect(changes).toEqual([
      { path: "desired_count", before: "2", after: "3" },
      { path: "network_configuration[0].subnets", before: '["a"]', after: '["a","b"]' },
    ]);
  });

  test.each<[string, Parameters<typeof change>[0]]>([
    [
      "a list that grows with a sensitive leaf inside",
      { before: { a: [{ x: 1 }] }, after: { a: [{ s: "secret" }, { x: 1 }] }, after_sensitive: { a: [{ s: true }, {}] } },
    ],
    ["an object that appears (before null)", { before: { a: null }, after: { a: { s: "secret" } }, after_sensitive: { a: { s: true } } }],
    ["an object that disappears", { before: { a: { s: "secret" } }, after: { a: null }, before_sensitive: { a: { s: true } } }],
    [
      "a leaf sensitive only before, deep inside",
      { before: { a: [[{ s: "secret" }]] }, after: { a: [] }, before_sensitive: { a: [[{ s: true }]] } },
    ],
    [
      "a value known after apply whose old value had a sensitive leaf",
      { before: { a: [{ s: "secret" }] }, after: {}, after_unknown: { a: true }, before_sensitive: { a: [{ s: true }] } },
    ],
  ])("masks the whole value when any leaf inside it is sensitive on either side: %s", (_what, c) => {
    const rendered = attributeChanges(change(c));
    expect(rendered).toHaveLength(1);
    expect(JSON.stringify(rendered)).not.toContain("secret");
    expect(rendered[0].before === "(sensitive)" || rendered[0].after === "(sensitive)").toBe(true);
  });

  test("masks values that are sensitive on either side, also under a sensitive parent", () => {
    const changes = attributeChanges(
      change({
        before: { password: "old", secrets: { a: "x" }, plain: "1" },
        after: { password: "new", secrets: { a: "y" }, plain: "2" },
        before_sensitive: { password: true },
        after_sensitive: { secrets: true },
      }),
    );
    expect(changes).toEqual([
      { path: "password", before: "(sensitive)", after: "(sensitive)" },
      { path: "plain", before: '"1"', after: '"2"' },
      { path: "secrets", before: "(sensitive)", after: "(sensitive)" },
    ]);
  });

  test("shows values only apply knows, and skips computed attributes that were never set", () => {
    const changes = attributeChanges(
      change({ before: { task_definition: "arn:1", revision: null }, after: {}, after_unknown: { task_definition: true, revision: true } }),
    );
    expect(changes).toEqual([{ path: "task_definition", before: '"arn:1"', after: "(known after apply)" }]);
  });

  test("cuts long values", () => {
    const [c] = attributeChanges(change({ before: { policy: "x".repeat(100) }, after: { policy: "y" } }));
    expect(c.before).toHaveLength(60);
    expect(c.before.endsWith("…")).toBe(true);
  });
});

describe("moduleOfResource", () => {
  test("takes the first construct under the stack from the construct path", () => {
    const paths = new Map([["aws_vpc.x", "dev/Network/Resource"]]);
    expect(moduleOfResource({ address: "aws_vpc.x", name: "x" }, paths)).toBe("Network");
  });

  test("falls back to the first part of the cdktf name, then the child module", () => {
    expect(moduleOfResource({ address: "aws_ecs_service.Api_F70053CD", name: "Api_F70053CD" })).toBe("Api");
    expect(moduleOfResource({ address: "module.m.aws_vpc._x", name: "_x", module_address: "module.m" })).toBe("module.m");
  });

  test("reads construct paths from the metadata cdktf writes into cdk.tf.json", () => {
    const paths = constructPathsFromSynth({
      resource: { aws_vpc: { Network_1: { "//": { metadata: { path: "dev/Network/Resource" } } } } },
    });
    expect([...paths]).toEqual([["aws_vpc.Network_1", "dev/Network/Resource"]]);
  });
});

describe("summarizeChanges and riskFlags", () => {
  const plan: PlanJson = {
    format_version: "1.2",
    resource_changes: [
      {
        address: "aws_efs_file_system.Files",
        type: "aws_efs_file_system",
        name: "Files",
        change: { actions: ["delete"], before: {}, after: null },
      },
      {
        address: "aws_ecs_task_definition.Api_T_1",
        type: "aws_ecs_task_definition",
        name: "Api_T_1",
        change: { actions: ["create", "delete"], before: {}, after: {}, replace_paths: [["cpu"]] },
      },
      { address: "data.aws_region.r", mode: "data", type: "aws_region", name: "r", change: { actions: ["read"], before: null, after: {} } },
      {
        address: "aws_vpc.Network_1",
        previous_address: "aws_vpc.Old_1",
        type: "aws_vpc",
        name: "Network_1",
        change: { actions: ["no-op"], before: {}, after: {} },
      },
    ],
    resource_drift: [
      {
        address: "aws_ecs_service.Api_1",
        type: "aws_ecs_service",
        name: "Api_1",
        change: { actions: ["update"], before: { desired_count: 2 }, after: { desired_count: 5 } },
      },
      { address: "aws_lb.Ingress_1", type: "aws_lb", name: "Ingress_1", change: { actions: ["delete"], before: {}, after: null } },
    ],
  };

  test("counts managed resources by action and leaves data sources and no-ops out of the list", () => {
    const s = summarizeChanges(plan);
    expect(s.counts).toEqual({ create: 0, update: 0, replace: 1, delete: 1, "no-op": 1, read: 0, forget: 0 });
    expect(s.changes.map((c) => c.address)).toEqual(["aws_ecs_task_definition.Api_T_1", "aws_efs_file_system.Files"]);
  });

  test("flags a protected deletion as danger and every drifted resource as a warning", () => {
    const s = summarizeChanges(plan);
    expect(riskFlags(s.changes, s.drift)).toEqual([
      {
        level: "danger",
        kind: "delete",
        address: "aws_efs_file_system.Files",
        type: "aws_efs_file_system",
        reason: "its files are deleted",
      },
      {
        level: "warning",
        kind: "drift",
        address: "aws_ecs_service.Api_1",
        type: "aws_ecs_service",
        reason: "changed outside Terraform: desired_count; apply reverts it",
      },
      {
        level: "warning",
        kind: "drift",
        address: "aws_lb.Ingress_1",
        type: "aws_lb",
        reason: "deleted outside Terraform; apply reverts it",
      },
    ]);
  });

  test("takes a caller's list of protected types", () => {
    const s = summarizeChanges(plan);
    expect(riskFlags(s.changes, [], { aws_ecs_task_definition: "old revisions are deregistered" })).toEqual([
      {
        level: "danger",
        kind: "replace",
        address: "aws_ecs_task_definition.Api_T_1",
        type: "aws_ecs_task_definition",
        reason: "old revisions are deregistered",
        forcedBy: ["cpu"],
      },
    ]);
  });
});
