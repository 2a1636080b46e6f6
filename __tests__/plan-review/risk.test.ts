import { ResourceChangeSummary } from "../../src/plan-review/changes";
import { ChangeAction } from "../../src/plan-review/plan";
import { PROTECTED_RESOURCE_TYPES, removedFlags, renameFlags, riskFlags } from "../../src/plan-review/risk";

/**
 * The risk flags a reviewer sees in the PR comment: which resources are flagged, how seriously, and
 * the sentence that says what goes wrong. Pure functions over summarized changes, no plan needed.
 */
const summary = (address: string, action: ChangeAction, replacedBecause: string[] = []): ResourceChangeSummary => ({
  address,
  type: address.slice(0, address.indexOf(".")),
  action,
  module: "M",
  attributes: [],
  replacedBecause,
});

describe("riskFlags", () => {
  test("flags the deletion and the replacement of a stateful type, with what is lost and what forces the replacement", () => {
    const flags = riskFlags(
      [
        summary("aws_efs_file_system.Files", "delete"),
        summary("aws_db_instance.Db", "replace", ["engine_version", "identifier"]),
        summary("aws_efs_file_system.Updated", "update"),
        summary("aws_efs_file_system.New", "create"),
      ],
      [],
    );
    expect(flags).toEqual([
      {
        level: "danger",
        kind: "delete",
        address: "aws_efs_file_system.Files",
        type: "aws_efs_file_system",
        reason: PROTECTED_RESOURCE_TYPES.aws_efs_file_system,
      },
      {
        level: "danger",
        kind: "replace",
        address: "aws_db_instance.Db",
        type: "aws_db_instance",
        reason: PROTECTED_RESOURCE_TYPES.aws_db_instance,
        forcedBy: ["engine_version", "identifier"],
      },
    ]);
    // A deletion says nothing of what forces it.
    expect(flags[0]).not.toHaveProperty("forcedBy");
  });

  test("leaves out types that are not stateful, and a deletion that is the first half of a flagged rename", () => {
    const changes = [summary("aws_ecs_task_definition.Web", "delete"), summary("aws_efs_file_system.Old", "delete")];
    expect(riskFlags(changes, [])).toHaveLength(1);
    const rename = {
      type: "aws_efs_file_system",
      from: "aws_efs_file_system.Old",
      to: "aws_efs_file_system.New",
      matchedBy: "name" as const,
    };
    expect(riskFlags(changes, [], PROTECTED_RESOURCE_TYPES, [rename])).toEqual([]);
  });

  test("says which attributes drifted, or that the resource is gone", () => {
    const flags = riskFlags(
      [],
      [
        {
          address: "aws_ecs_service.Api",
          type: "aws_ecs_service",
          action: "update",
          attributes: [
            { path: "desired_count", before: "2", after: "5" },
            { path: "tags.Owner", before: "null", after: '"me"' },
          ],
        },
        { address: "aws_security_group.Sg", type: "aws_security_group", action: "update", attributes: [] },
        { address: "aws_lb.Lb", type: "aws_lb", action: "delete", attributes: [] },
      ],
    );
    expect(flags.map((f) => [f.level, f.kind, f.address, f.reason])).toEqual([
      ["warning", "drift", "aws_ecs_service.Api", "changed outside Terraform: desired_count, tags.Owner; apply reverts it"],
      ["warning", "drift", "aws_security_group.Sg", "changed outside Terraform; apply reverts it"],
      ["warning", "drift", "aws_lb.Lb", "deleted outside Terraform; apply reverts it"],
    ]);
  });
});

describe("renameFlags", () => {
  test("a rename is a danger flag at the new address, naming the old one and, for a stateful type, what is lost", () => {
    const flags = renameFlags(
      [
        { type: "aws_efs_file_system", from: "aws_efs_file_system.Web", to: "aws_efs_file_system.Frontend", matchedBy: "name" },
        {
          type: "aws_ecs_task_definition",
          from: "aws_ecs_task_definition.Web",
          to: "aws_ecs_task_definition.Frontend",
          matchedBy: "logical-id",
        },
      ],
      [],
    );
    expect(flags).toEqual([
      {
        level: "danger",
        kind: "rename",
        address: "aws_efs_file_system.Frontend",
        type: "aws_efs_file_system",
        from: "aws_efs_file_system.Web",
        reason: `renamed from aws_efs_file_system.Web without a move: destroyed and created again (${PROTECTED_RESOURCE_TYPES.aws_efs_file_system})`,
      },
      {
        level: "danger",
        kind: "rename",
        address: "aws_ecs_task_definition.Frontend",
        type: "aws_ecs_task_definition",
        from: "aws_ecs_task_definition.Web",
        reason: "renamed from aws_ecs_task_definition.Web without a move: destroyed and created again",
      },
    ]);
  });

  test("a collision says who holds the name (or the listener rule's priority) and what AWS does", () => {
    const flags = renameFlags(
      [],
      [
        {
          type: "aws_ecs_cluster",
          address: "aws_ecs_cluster.New",
          name: "dev",
          heldBy: "aws_ecs_cluster.Old",
          holder: "deleted",
          consequence: "the create fails",
        },
        {
          type: "aws_lb_listener_rule",
          address: "aws_lb_listener_rule.B",
          name: "10",
          heldBy: "aws_lb_listener_rule.A",
          holder: "kept",
          consequence: "PriorityInUse",
        },
        {
          type: "aws_security_group",
          address: "aws_security_group.Sg",
          name: "web",
          heldBy: "aws_security_group.Sg",
          holder: "replaced",
          consequence: "InvalidGroup.Duplicate",
        },
      ],
    );
    expect(flags.map((f) => [f.level, f.kind, f.address, f.from, f.reason])).toEqual([
      [
        "danger",
        "collision",
        "aws_ecs_cluster.New",
        "aws_ecs_cluster.Old",
        'name "dev" is held by aws_ecs_cluster.Old (deleted in the same apply): the create fails',
      ],
      [
        "danger",
        "collision",
        "aws_lb_listener_rule.B",
        "aws_lb_listener_rule.A",
        'priority "10" is held by aws_lb_listener_rule.A (kept): PriorityInUse',
      ],
      [
        "danger",
        "collision",
        "aws_security_group.Sg",
        "aws_security_group.Sg",
        'name "web" is held by the object it replaces (create_before_destroy): InvalidGroup.Duplicate',
      ],
    ]);
    expect(flags.map((f) => f.type)).toEqual(["aws_ecs_cluster", "aws_lb_listener_rule", "aws_security_group"]);
  });
});

describe("removedFlags", () => {
  test("offline, a removed address of a stateful type is a deletion; other types are not flagged", () => {
    expect(removedFlags(["aws_efs_file_system.Files", "aws_ecs_task_definition.Web", "aws_db_instance.Db"])).toEqual([
      {
        level: "danger",
        kind: "delete",
        address: "aws_efs_file_system.Files",
        type: "aws_efs_file_system",
        reason: `removed since the base: ${PROTECTED_RESOURCE_TYPES.aws_efs_file_system}`,
      },
      {
        level: "danger",
        kind: "delete",
        address: "aws_db_instance.Db",
        type: "aws_db_instance",
        reason: `removed since the base: ${PROTECTED_RESOURCE_TYPES.aws_db_instance}`,
      },
    ]);
  });

  test("takes a caller's list of protected types", () => {
    expect(removedFlags(["aws_ecs_task_definition.Web"], { aws_ecs_task_definition: "old revisions go" })).toEqual([
      {
        level: "danger",
        kind: "delete",
        address: "aws_ecs_task_definition.Web",
        type: "aws_ecs_task_definition",
        reason: "removed since the base: old revisions go",
      },
    ]);
  });
});

test("the stateful types are flagged with a sentence each", () => {
  expect(PROTECTED_RESOURCE_TYPES.aws_efs_file_system).toBe("its files are deleted");
  for (const reason of Object.values(PROTECTED_RESOURCE_TYPES)) expect(reason).toMatch(/\w+ \w+/);
});
