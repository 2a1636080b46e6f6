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

  test("shows a block added with a value only apply knows inside it (a load balancer attached to a service)", () => {
    const changes = attributeChanges(
      change({
        before: { load_balancer: [], desired_count: 2 },
        after: { load_balancer: [{ container_name: "web", container_port: 80, target_group_arn: null }], desired_count: 2 },
        after_unknown: { load_balancer: [{ target_group_arn: true }] },
      }),
    );
    expect(changes).toEqual([{ path: "load_balancer", before: "[]", after: "(known after apply)" }]);
  });

  test("shows a list that grows by an element only apply knows, with its old value", () => {
    const changes = attributeChanges(
      change({ before: { subnets: ["subnet-a"] }, after: { subnets: ["subnet-a", null] }, after_unknown: { subnets: [false, true] } }),
    );
    expect(changes).toEqual([{ path: "subnets", before: '["subnet-a"]', after: "(known after apply)" }]);
  });

  test("a partly known value with a sensitive leaf on the old side is masked", () => {
    const changes = attributeChanges(
      change({
        before: { auth: [{ secret: "s3cret" }] },
        after: { auth: [{ secret: null }, { secret: null }] },
        after_unknown: { auth: [{ secret: true }, { secret: true }] },
        before_sensitive: { auth: [{ secret: true }] },
      }),
    );
    expect(changes).toEqual([{ path: "auth", before: "(sensitive)", after: "(known after apply)" }]);
  });

  test("an unchanged value, an equal structure and a null that stays null are not changes", () => {
    expect(
      attributeChanges(
        change({
          before: { name: "a", tags: { a: "1" }, ports: [80, 443], gone: null, rules: [{ from: 1 }] },
          after: { name: "a", tags: { a: "1" }, ports: [80, 443], gone: null, rules: [{ from: 1 }] },
        }),
      ),
    ).toEqual([]);
  });

  test("a value that changes type or shape is one change of the whole value", () => {
    expect(
      attributeChanges(
        change({
          before: { a: "1", b: { x: 1 }, c: [1, 2], d: null, e: [{ x: 1 }] },
          after: { a: 1, b: [1], c: [1, 2, 3], d: { x: 1 }, e: { x: 1 } },
        }),
      ),
    ).toEqual([
      { path: "a", before: '"1"', after: "1" },
      { path: "b", before: '{"x":1}', after: "[1]" },
      { path: "c", before: "[1,2]", after: "[1,2,3]" },
      { path: "d", before: "null", after: '{"x":1}' },
      { path: "e", before: '[{"x":1}]', after: '{"x":1}' },
    ]);
    // A string and a list of the same length are not compared element by element.
    expect(attributeChanges(change({ before: { s: "ab", l: [1, 2] }, after: { s: ["a", "b"], l: "12" } }))).toEqual([
      { path: "l", before: "[1,2]", after: '"12"' },
      { path: "s", before: '"ab"', after: '["a","b"]' },
    ]);
  });

  test("a created or deleted resource's values are compared against nothing", () => {
    expect(attributeChanges({ change: { actions: ["create"], before: null, after: { name: "q" } } })).toEqual([
      { path: "name", before: "null", after: '"q"' },
    ]);
    expect(attributeChanges({ change: { actions: ["delete"], before: { name: "q" }, after: null } })).toEqual([
      { path: "name", before: '"q"', after: "null" },
    ]);
  });

  test("paths name nested keys with dots and list indexes in brackets", () => {
    expect(
      attributeChanges(
        change({
          before: { container: [{ env: [{ name: "A", value: "1" }] }] },
          after: { container: [{ env: [{ name: "A", value: "2" }] }] },
        }),
      ),
    ).toEqual([{ path: "container[0].env[0].value", before: '"1"', after: '"2"' }]);
  });

  test("an object sensitive only on the old side is masked whole, not walked key by key", () => {
    expect(
      attributeChanges(change({ before: { auth: { token: "old" } }, after: { auth: { token: "new" } }, before_sensitive: { auth: true } })),
    ).toEqual([{ path: "auth", before: "(sensitive)", after: "(sensitive)" }]);
  });

  test("a sensitive value that does not change is not listed", () => {
    expect(
      attributeChanges(
        change({
          before: { auth: { token: "same" }, keys: ["a"] },
          after: { auth: { token: "same" }, keys: ["a"] },
          before_sensitive: { auth: true, keys: true },
          after_sensitive: { auth: true, keys: true },
        }),
      ),
    ).toEqual([]);
  });

  test("a list of the same length is compared element by element, each with its own sensitivity", () => {
    expect(
      attributeChanges(
        change({
          before: { rules: [{ cidr: "10.0.0.0/8", secret: "a" }, { cidr: "x" }] },
          after: { rules: [{ cidr: "10.0.0.0/16", secret: "b" }, { cidr: "x" }] },
          after_sensitive: { rules: [{ secret: true }, {}] },
          before_sensitive: { rules: [{ secret: true }, {}] },
        }),
      ),
    ).toEqual([
      { path: "rules[0].cidr", before: '"10.0.0.0/8"', after: '"10.0.0.0/16"' },
      { path: "rules[0].secret", before: "(sensitive)", after: "(sensitive)" },
    ]);
  });

  test("an object with one sensitive leaf among plain ones is masked whole when it appears", () => {
    const [c] = attributeChanges(
      change({ before: { a: null }, after: { a: { s: "secret", p: "plain" } }, after_sensitive: { a: { s: true, p: false } } }),
    );
    expect(c).toEqual({ path: "a", before: "(sensitive)", after: "(sensitive)" });
  });

  test("a value only apply knows is skipped when the old one was empty or unset, and shown otherwise", () => {
    const changes = attributeChanges(
      change({
        before: { tags_all: {}, ids: [], gone: null, settings: { a: 1 }, names: ["x"], count: 0, flag: false, label: "" },
        // A new computed attribute: absent before, null (unknown) after.
        after: { arn: null },
        after_unknown: {
          tags_all: true,
          ids: true,
          gone: true,
          arn: true,
          settings: true,
          names: true,
          count: true,
          flag: true,
          label: true,
        },
      }),
    );
    expect(changes).toEqual([
      { path: "count", before: "0", after: "(known after apply)" },
      { path: "flag", before: "false", after: "(known after apply)" },
      { path: "label", before: '""', after: "(known after apply)" },
      { path: "names", before: '["x"]', after: "(known after apply)" },
      { path: "settings", before: '{"a":1}', after: "(known after apply)" },
    ]);
  });

  test("cuts long values", () => {
    const [c] = attributeChanges(change({ before: { policy: "x".repeat(100) }, after: { policy: "y" } }));
    expect(c.before).toHaveLength(60);
    expect(c.before).toBe(`"${"x".repeat(58)}…`);
    // 60 characters exactly are shown whole.
    const [exact] = attributeChanges(change({ before: { policy: "x".repeat(58) }, after: { policy: "y" } }));
    expect(exact.before).toBe(`"${"x".repeat(58)}"`);
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

  test("an instance of a counted resource is grouped by its resource's construct path", () => {
    // The name's first part (Subnets) is not the construct (Network): only the path lookup gives Network.
    const paths = new Map([["aws_subnet.Subnets_Private_1", "dev/Network/Private/Resource"]]);
    expect(moduleOfResource({ address: "aws_subnet.Subnets_Private_1[1]", name: "Subnets_Private_1" }, paths)).toBe("Network");
    expect(moduleOfResource({ address: 'aws_subnet.Subnets_Private_1["a"]', name: "Subnets_Private_1" }, paths)).toBe("Network");
    expect(moduleOfResource({ address: "aws_subnet.Subnets_Private_1[10]", name: "Subnets_Private_1" }, paths)).toBe("Network");
  });

  test("a resource directly under the stack is its own group", () => {
    const paths = new Map([["aws_s3_bucket.Logs", "dev/Logs"]]);
    expect(moduleOfResource({ address: "aws_s3_bucket.Logs", name: "Logs" }, paths)).toBe("Logs");
  });

  test("a resource the construct paths do not know, with no name prefix and no module, is in (root)", () => {
    expect(moduleOfResource({ address: "aws_vpc._x", name: "_x" }, new Map([["aws_vpc.other", "dev/Network/Resource"]]))).toBe("(root)");
  });

  test("reads construct paths from the metadata cdktf writes into cdk.tf.json, skipping resources without one", () => {
    const paths = constructPathsFromSynth({
      resource: {
        aws_vpc: { Network_1: { "//": { metadata: { path: "dev/Network/Resource" } } }, Bare: {} },
        aws_subnet: {
          Network_S_1: { "//": { metadata: { path: "dev/Network/S/Resource" } } },
          NoPath: { "//": { metadata: {} } },
          NoMetadata: { "//": {} },
        },
      },
    });
    expect([...paths]).toEqual([
      ["aws_vpc.Network_1", "dev/Network/Resource"],
      ["aws_subnet.Network_S_1", "dev/Network/S/Resource"],
    ]);
    expect([...constructPathsFromSynth({})]).toEqual([]);
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

describe("what a reviewer sees of each change", () => {
  const rc = (address: string, actions: string[], over: Record<string, unknown> = {}) => ({
    address,
    type: address.slice(0, address.indexOf(".")),
    name: address.slice(address.indexOf(".") + 1),
    change: { actions, before: {}, after: {}, ...over },
  });
  const plan = (resource_changes: PlanJson["resource_changes"], resource_drift: PlanJson["resource_drift"] = []): PlanJson => ({
    format_version: "1.2",
    resource_changes,
    resource_drift,
  });

  test("an update lists its changed attributes; a creation and a deletion list none", () => {
    const s = summarizeChanges(
      plan([
        rc("aws_ecs_service.Api_1", ["update"], { before: { desired_count: 2 }, after: { desired_count: 3 } }),
        rc("aws_sqs_queue.Q_1", ["create"], { before: null, after: { name: "q" } }),
        rc("aws_sqs_queue.Old_1", ["delete"], { before: { name: "old" }, after: null }),
      ]),
    );
    expect(s.changes.map((c) => [c.address, c.action, c.attributes])).toEqual([
      ["aws_ecs_service.Api_1", "update", [{ path: "desired_count", before: "2", after: "3" }]],
      ["aws_sqs_queue.Old_1", "delete", []],
      ["aws_sqs_queue.Q_1", "create", []],
    ]);
    expect(s.counts).toEqual({ create: 1, update: 1, replace: 0, delete: 1, "no-op": 0, read: 0, forget: 0 });
  });

  test("a replacement shows its known new values and the values known after apply that force it, not its new ids", () => {
    const [replaced] = summarizeChanges(
      plan([
        rc("aws_ecs_task_definition.T_1", ["delete", "create"], {
          before: { cpu: "256", arn: "arn:1", family: "f", image: "a", memory: "512" },
          after: { cpu: "512", family: "f", memory: "1024" },
          after_unknown: { arn: true, image: true },
          replace_paths: [["cpu"], ["image"]],
        }),
      ]),
    ).changes;
    expect(replaced.action).toBe("replace");
    expect(replaced.replacedBecause).toEqual(["cpu", "image"]);
    expect(replaced.attributes).toEqual([
      { path: "cpu", before: '"256"', after: '"512"' },
      { path: "image", before: '"a"', after: "(known after apply)" },
      { path: "memory", before: '"512"', after: '"1024"' },
    ]);
  });

  test("only a replacement says what forces it, even when the plan lists replace paths for an update", () => {
    const [updated] = summarizeChanges(plan([rc("aws_lb.L_1", ["update"], { replace_paths: [["name"]] })])).changes;
    expect(updated.replacedBecause).toEqual([]);
    const [replaced] = summarizeChanges(plan([rc("aws_lb.L_1", ["create", "delete"])])).changes;
    expect(replaced.replacedBecause).toEqual([]);
  });

  test("carries Terraform's reason and the address a resource moved from", () => {
    const [moved, deleted] = summarizeChanges(
      plan([
        { ...rc("aws_sqs_queue.A_1", ["update"], { before: { n: 1 }, after: { n: 2 } }), previous_address: "aws_sqs_queue.Old_1" },
        { ...rc("aws_sqs_queue.B_1", ["delete"]), action_reason: "delete_because_no_resource_config" },
      ]),
    ).changes;
    expect(moved.movedFrom).toBe("aws_sqs_queue.Old_1");
    expect(moved.reason).toBeUndefined();
    expect(deleted.reason).toBe("delete_because_no_resource_config");
    expect(deleted.movedFrom).toBeUndefined();
  });

  test("groups by the construct path when cdk.tf.json gives one", () => {
    const [c] = summarizeChanges(plan([rc("aws_sqs_queue.Q_1", ["create"])]), {
      constructPaths: new Map([["aws_sqs_queue.Q_1", "dev/Jobs/Queue/Resource"]]),
    }).changes;
    expect(c.module).toBe("Jobs");
  });

  test("lists changes and drift in address order", () => {
    const s = summarizeChanges(
      plan(
        [
          rc("aws_sqs_queue.b", ["create"]),
          rc("aws_sqs_queue.c", ["create"]),
          rc("aws_sqs_queue.a", ["create"]),
          rc("aws_sqs_queue.b", ["create"]),
        ],
        [rc("aws_lb.z", ["delete"]), rc("aws_lb.y", ["delete"]), { ...rc("data.aws_region.r", ["read"]), mode: "data" }],
      ),
    );
    expect(s.changes.map((c) => c.address)).toEqual(["aws_sqs_queue.a", "aws_sqs_queue.b", "aws_sqs_queue.b", "aws_sqs_queue.c"]);
    expect(s.drift.map((d) => [d.address, d.action])).toEqual([
      ["aws_lb.y", "delete"],
      ["aws_lb.z", "delete"],
    ]);
  });

  test("a plan without resource changes or drift has nothing to list", () => {
    const s = summarizeChanges({ format_version: "1.2" });
    expect(s.changes).toEqual([]);
    expect(s.drift).toEqual([]);
    expect(Object.values(s.counts).every((n) => n === 0)).toBe(true);
  });

  describe("maxAttributesPerResource", () => {
    const many = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`a${String(i).padStart(2, "0")}`, i]));
    const changed = Object.fromEntries(Object.entries(many).map(([k, v]) => [k, v + 1]));
    const wide = plan(
      [rc("aws_ecs_service.S_1", ["update"], { before: many, after: changed })],
      [rc("aws_ecs_service.S_1", ["update"], { before: many, after: changed })],
    );

    test("lists 12 attributes by default and counts the rest, for changes and drift", () => {
      const s = summarizeChanges(wide);
      for (const attributes of [s.changes[0].attributes, s.drift[0].attributes]) {
        expect(attributes).toHaveLength(13);
        expect(attributes[11]).toEqual({ path: "a11", before: "11", after: "12" });
        expect(attributes[12]).toEqual({ path: "(2 more)", before: "", after: "" });
      }
    });

    test("lists exactly the limit without a count line, and 0 lists only the count", () => {
      expect(summarizeChanges(wide, { maxAttributesPerResource: 14 }).changes[0].attributes).toHaveLength(14);
      expect(summarizeChanges(wide, { maxAttributesPerResource: 0 }).changes[0].attributes).toEqual([
        { path: "(14 more)", before: "", after: "" },
      ]);
    });

    test.each([-1, 1.5, NaN])("rejects %p with the project's message", (max) => {
      expect(() => summarizeChanges(wide, { maxAttributesPerResource: max })).toThrow(
        expect.objectContaining({
          name: "ValidationError",
          code: "PLAN_REVIEW_MAX_ATTRIBUTES",
          constructPath: "summarizeChanges",
          property: "maxAttributesPerResource",
          allowed: "a whole number of attributes, 0 or more",
        }),
      );
    });
  });
});
