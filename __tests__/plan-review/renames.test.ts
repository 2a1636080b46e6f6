import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  EXIT_PROTECTED_DESTROY,
  EXIT_RENAME_OR_COLLISION,
  findNameCollisions,
  findRenames,
  gate,
  loadPriceTable,
  NamedResource,
  PlanJson,
  renderJson,
  renderMarkdown,
  reviewPlan,
  StackReview,
} from "../../src/plan-review";
import { CliEnvironment, main } from "../../src/plan-review/cli";
import { dev, type EnvironmentConfig } from "../../stacks/environments";
import { synthEnvironment } from "../stacks/synth-env";

/**
 * Renames in the plan review. `dev-rename` is a real plan (hashicorp/aws, offline) of the dev stack
 * with its web service renamed to `frontend` and the AWS names kept, against the state dev left,
 * without `moved` blocks; `dev-rename-moved` is the same rename with them. Regenerate both with
 * `npx tsx __tests__/plan-review/fixtures/generate-rename.ts`.
 */
const FIXTURES = join(__dirname, "fixtures");
const GOLDEN = join(__dirname, "golden");
const prices = loadPriceTable(join(FIXTURES, "prices-2025-06-01.json"));

function fixture(name: "dev-rename" | "dev-rename-moved"): { plan: PlanJson; paths: Map<string, string> } {
  const plan = JSON.parse(readFileSync(join(FIXTURES, `${name}.plan.json`), "utf8"));
  const paths = new Map(Object.entries(JSON.parse(readFileSync(join(FIXTURES, `${name}.paths.json`), "utf8")) as Record<string, string>));
  return { plan, paths };
}

function expectGolden(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("a rename against a deployed state (dev's web service renamed to frontend, names kept, no moved blocks)", () => {
  const { plan, paths } = fixture("dev-rename");
  const review = reviewPlan({ stack: "dev", plan, prices, constructPaths: paths });
  const markdown = renderMarkdown([review], { gate: gate([review]), constructPaths: { dev: paths } });

  test("renders the golden Markdown report and JSON summary", () => {
    expectGolden("dev-rename.md", markdown);
    expectGolden("dev-rename.json", renderJson([review], gate([review])));
  });

  test("pairs each deletion with its creation as one rename: 20 of the 21, matched by name or logical id", () => {
    expect(review.counts).toMatchObject({ create: 21, delete: 21, replace: 0 });
    expect(review.renames).toHaveLength(20);
    expect(review.renames.find((r) => r.type === "aws_ecs_service")).toEqual({
      type: "aws_ecs_service",
      from: "aws_ecs_service.Web_3C8945DB",
      to: "aws_ecs_service.Frontend_23D93C55",
      matchedBy: "name",
      name: "acme-dev-web",
      idChange: { from: "Web", to: "Frontend" },
    });
    // The security group keeps its name prefix; its rules have no name and pair by logical id.
    expect(review.renames.find((r) => r.type === "aws_security_group")).toMatchObject({ matchedBy: "name", name: "acme-dev-web-service-" });
    expect(review.renames.filter((r) => r.matchedBy === "logical-id").map((r) => r.type)).toEqual([
      "aws_appautoscaling_target",
      "aws_lb_listener_rule",
      "aws_vpc_security_group_egress_rule",
      "aws_vpc_security_group_ingress_rule",
    ]);
    // Each deletion and creation is in one rename at most.
    const ends = review.renames.flatMap((r) => [r.from, r.to]);
    expect(new Set(ends).size).toBe(ends.length);
    // The load balancer's rule to the service is named after its peer: a new rule, not this one renamed.
    const unpaired = review.changes.filter((c) => (c.action === "delete" || c.action === "create") && !ends.includes(c.address));
    expect(unpaired.map((c) => c.address)).toEqual([
      "aws_vpc_security_group_egress_rule.PublicLoadBalancer_SecurityGroup_Egress8ac7f261_FFCC115A",
      "aws_vpc_security_group_egress_rule.PublicLoadBalancer_SecurityGroup_Egressd4bd1412_A94EBAA4",
    ]);
  });

  test("flags every rename as danger, and the gate fails on them without --fail-on-destroy", () => {
    const renameFlags = review.flags.filter((f) => f.kind === "rename");
    expect(renameFlags).toHaveLength(20);
    expect(renameFlags.every((f) => f.level === "danger")).toBe(true);
    expect(renameFlags.find((f) => f.type === "aws_ecs_service")).toMatchObject({
      address: "aws_ecs_service.Frontend_23D93C55",
      from: "aws_ecs_service.Web_3C8945DB",
      reason: expect.stringMatching(
        /^renamed from aws_ecs_service\.Web_3C8945DB without a move: destroyed and created again \(its tasks stop/,
      ),
    });
    // The renamed service and log group are flagged once, as renames, not again as protected deletions.
    expect(review.flags.filter((f) => f.kind === "delete")).toEqual([]);
    const result = gate([review]);
    expect(result.exitCode).toBe(EXIT_RENAME_OR_COLLISION);
    expect(result.reasons).toEqual(["renamed without a move: dev (20)", "name collisions that would fail the apply: dev (11)"]);
    expect(gate([review], { failOnDestroy: true }).exitCode).toBe(EXIT_RENAME_OR_COLLISION);
    expect(markdown).toContain("**Gate: fails** (exit code 8)");
  });

  test("flags the names the new resources ask for while the old ones hold them", () => {
    expect(review.collisions.map((c) => [c.type, c.name, c.holder])).toEqual([
      ["aws_cloudwatch_log_group", "/ecs/acme-dev-web", "deleted"],
      ["aws_cloudwatch_metric_alarm", "acme-dev-web-cpu-high", "deleted"],
      ["aws_cloudwatch_metric_alarm", "acme-dev-web-5xx", "deleted"],
      ["aws_cloudwatch_metric_alarm", "acme-dev-web-memory-high", "deleted"],
      ["aws_cloudwatch_metric_alarm", "acme-dev-web-tasks-below-desired", "deleted"],
      ["aws_cloudwatch_metric_alarm", "acme-dev-web-unhealthy-targets", "deleted"],
      ["aws_ecs_service", "acme-dev-web", "deleted"],
      ["aws_iam_role", "acme-dev-web-execution", "deleted"],
      ["aws_iam_role", "acme-dev-web-task", "deleted"],
      ["aws_lb_listener_rule", "100", "deleted"],
      ["aws_lb_target_group", "acme-dev-web-51743c", "deleted"],
    ]);
    // name_prefix gives the new security group a name of its own.
    expect(review.collisions.some((c) => c.type === "aws_security_group")).toBe(false);
    expect(markdown).toContain(
      '> - `aws_lb_target_group.Frontend_TargetGroup_E1F0D2C6`: name "acme-dev-web-51743c" is held by aws_lb_target_group.Web_TargetGroup_FE6444AE (deleted in the same apply): DuplicateTargetGroupName: the target group name is taken.',
    );
  });

  test("shows each rename once and suggests the move that keeps it, with the moved blocks", () => {
    for (const r of review.renames) {
      // Once in the renames table, and its deletion nowhere else.
      expect(markdown.split(`| ${"`"}${r.to}${"`"} | ${"`"}${r.from}${"`"} |`)).toHaveLength(2);
      expect(markdown).not.toContain(`| delete | ${"`"}${r.from}${"`"}`);
      expect(markdown).toContain(`moved {\n  from = ${r.from}\n  to   = ${r.to}\n}`);
    }
    expect(markdown).toContain(
      '**Suggested move:** `Web` → `Frontend` (15 resource(s)): call `moveFrom(construct, "Web")` on the constructs at `dev/Frontend`, `dev/PublicLoadBalancer/HttpListener/Frontend`',
    );
    expect(markdown).toContain(
      '**Suggested move:** `WebTask` → `FrontendTask` (5 resource(s)): call `moveFrom(construct, "WebTask")` on the construct at `dev/FrontendTask`',
    );
    expect(markdown).toContain(
      "| ⛔ rename | `aws_ecs_service.Frontend_23D93C55` (renamed from `aws_ecs_service.Web_3C8945DB`, no move) |",
    );
    expect(markdown).toMatch(/<b>Frontend<\/b>: 14 rename<\/summary>/);
  });
});

describe("the same rename with its moved blocks (renamedFrom)", () => {
  const { plan, paths } = fixture("dev-rename-moved");
  const review = reviewPlan({ stack: "dev", plan, prices, constructPaths: paths });

  test("plans moves only: nothing destroyed, no rename or collision, and the gate passes", () => {
    expect(review.counts).toMatchObject({ create: 0, delete: 0, replace: 0 });
    expect(review.renames).toEqual([]);
    expect(review.collisions).toEqual([]);
    expect(review.flags).toEqual([]);
    expect(gate([review], { failOnDestroy: true }).exitCode).toBe(0);
    const moved = (plan.resource_changes ?? []).filter((rc) => rc.previous_address);
    expect(moved).toHaveLength(21);
    const markdown = renderMarkdown([review], { gate: gate([review]) });
    expect(markdown).toContain("| update | `aws_cloudwatch_event_rule.Notifications_Deployments_9FAD72DA` |");
    expect(markdown).not.toContain("Renames without a move");
  });
});

/** The dev stack's synthesized JSON, with the web service renamed (`moved: false` leaves the moved blocks out). */
function synthDev(change?: { key: string; renamedFrom?: boolean; moved?: boolean }): any {
  let config: EnvironmentConfig = dev;
  if (change) {
    const { web, ...rest } = dev.services;
    config = { ...dev, services: { ...rest, [change.key]: { ...web, ...(change.renamedFrom ? { renamedFrom: "web" } : {}) } } };
  }
  const json = synthEnvironment(config).json;
  if (change?.moved === false) delete json.moved;
  return json;
}

const EMPTY_PLAN: PlanJson = { format_version: "1.2", resource_changes: [] };

describe("offline: the synthesized stack against a base instead of an empty state", () => {
  const base = synthDev();
  const renamedKeepingNames = synthDev({ key: "frontend", renamedFrom: true, moved: false });
  const pinned = readFileSync(join(__dirname, "..", "stacks", "addresses", "dev.txt"), "utf8")
    .trim()
    .split("\n");

  test("without a base, an empty-state review says deletions, renames and collisions were not checked", () => {
    const review = reviewPlan({ stack: "dev", plan: EMPTY_PLAN, prices, emptyState: true });
    expect(review.unchecked).toMatch(/^planned against an empty state with no base to compare with/);
    const markdown = renderMarkdown([review], { gate: gate([review]) });
    expect(markdown).toContain("❔ deletions not checked");
    expect(markdown).toContain("> **Not checked:** planned against an empty state with no base to compare with");
  });

  test("against the pinned address list: the renamed addresses pair as renames by logical id, and the gate fails", () => {
    const review = reviewPlan({
      stack: "dev",
      plan: EMPTY_PLAN,
      prices,
      emptyState: true,
      synthesized: renamedKeepingNames,
      base: { source: "dev.txt", addresses: pinned },
    });
    expect(review.base).toMatchObject({ source: "dev.txt", withNames: false, moved: [] });
    expect(review.base!.removed).toHaveLength(21);
    expect(review.base!.added).toHaveLength(21);
    // Addresses only: every pairing comes from the logical ids; the load balancer's rule to the service stays unpaired.
    expect(review.renames).toHaveLength(20);
    expect(review.renames.every((r) => r.matchedBy === "logical-id")).toBe(true);
    expect(review.renames).toContainEqual({
      type: "aws_ecs_service",
      from: "aws_ecs_service.Web_3C8945DB",
      to: "aws_ecs_service.Frontend_23D93C55",
      matchedBy: "logical-id",
      idChange: { from: "Web", to: "Frontend" },
    });
    expect(review.collisions).toEqual([]);
    expect(gate([review]).exitCode).toBe(EXIT_RENAME_OR_COLLISION);
    const markdown = renderMarkdown([review], { gate: gate([review]) });
    expect(markdown).toContain("### Compared with the base (`dev.txt`)");
    expect(markdown).toContain("this change removes 21 address(es) (20 of them renamed), adds 21 and moves 0.");
    expect(markdown).toContain("| `aws_vpc_security_group_egress_rule.PublicLoadBalancer_SecurityGroup_Egress8ac7f261_FFCC115A` |");
  });

  test("against the base branch's synthesized stack: renames by name, and the collisions", () => {
    const review = reviewPlan({
      stack: "dev",
      plan: EMPTY_PLAN,
      prices,
      emptyState: true,
      synthesized: renamedKeepingNames,
      base: {
        source: "base",
        addresses: Object.entries(base.resource).flatMap(([t, r]) => Object.keys(r as object).map((n) => `${t}.${n}`)),
        stack: base,
      },
    });
    expect(review.renames).toHaveLength(20);
    expect(review.renames.find((r) => r.type === "aws_ecs_service")).toMatchObject({ matchedBy: "name", name: "acme-dev-web" });
    // Names the synthesized configuration knows (the listener rule's listener is an interpolation: unknown, assumed the same).
    expect(review.collisions.map((c) => c.type)).toEqual([
      "aws_cloudwatch_log_group",
      "aws_cloudwatch_metric_alarm",
      "aws_cloudwatch_metric_alarm",
      "aws_cloudwatch_metric_alarm",
      "aws_cloudwatch_metric_alarm",
      "aws_cloudwatch_metric_alarm",
      "aws_ecs_service",
      "aws_iam_role",
      "aws_iam_role",
      "aws_lb_listener_rule",
      "aws_lb_target_group",
    ]);
    expect(gate([review]).reasons).toEqual(["renamed without a move: dev (20)", "name collisions that would fail the apply: dev (11)"]);
  });

  test("a rename with its moved blocks compares as moves: nothing removed, and the gate passes", () => {
    const review = reviewPlan({
      stack: "dev",
      plan: EMPTY_PLAN,
      prices,
      emptyState: true,
      synthesized: synthDev({ key: "frontend", renamedFrom: true }),
      base: { source: "dev.txt", addresses: pinned },
    });
    expect(review.base!.removed).toEqual([]);
    expect(review.base!.added).toEqual([]);
    expect(review.base!.moved.length).toBeGreaterThan(20);
    expect(review.renames).toEqual([]);
    expect(gate([review], { failOnDestroy: true }).exitCode).toBe(0);
  });

  test("a removed service's protected resources are danger flags (gating with --fail-on-destroy), not renames", () => {
    const { web: _web, ...rest } = dev.services;
    const review = reviewPlan({
      stack: "dev",
      plan: EMPTY_PLAN,
      prices,
      emptyState: true,
      synthesized: synthEnvironment({ ...dev, services: rest }).json,
      base: { source: "dev.txt", addresses: pinned },
    });
    expect(review.renames).toEqual([]);
    expect(review.flags.filter((f) => f.kind === "delete").map((f) => f.type)).toEqual([
      "aws_cloudwatch_log_group",
      "aws_ecs_service",
      "aws_iam_role",
      "aws_iam_role",
      "aws_lb_target_group",
    ]);
    expect(gate([review]).exitCode).toBe(0);
    expect(gate([review], { failOnDestroy: true }).exitCode).toBe(EXIT_PROTECTED_DESTROY);
  });

  test("the CLI compares offline plans with --base-addresses and --base-synth, and fails the gate with exit code 8", async () => {
    const root = mkdtempSync(join(tmpdir(), "plan-review-base-"));
    const write = (dir: string, json: unknown) => {
      mkdirSync(join(root, dir, "stacks", "dev"), { recursive: true });
      writeFileSync(join(root, dir, "stacks", "dev", "cdk.tf.json"), JSON.stringify(json));
    };
    write("head", renamedKeepingNames);
    write("base", base);
    const logs: string[] = [];
    const env: CliEnvironment = {
      synthesize: async () => undefined,
      plan: async (_dir, planFile) => ({ plan: EMPTY_PLAN, planFile, seconds: 0 }),
      log: (line) => logs.push(line),
    };
    const run = (...flags: string[]) =>
      main(["dev", "--offline", "--synth-dir", join(root, "head"), "--out", join(root, "out"), ...flags], env);
    expect(await run("--base-addresses", join(__dirname, "..", "stacks", "addresses"))).toBe(EXIT_RENAME_OR_COLLISION);
    const summary = JSON.parse(readFileSync(join(root, "out", "summary.json"), "utf8"));
    const stack = summary.stacks[0] as StackReview;
    expect(stack.renames).toHaveLength(20);
    expect(stack.base?.source).toMatch(/addresses\/dev\.txt$/);
    expect(readFileSync(join(root, "out", "comment.md"), "utf8")).toContain("### Renames without a move");

    expect(await run("--base-synth", join(root, "base"))).toBe(EXIT_RENAME_OR_COLLISION);
    const withNames = JSON.parse(readFileSync(join(root, "out", "summary.json"), "utf8")).stacks[0] as StackReview;
    expect(withNames.collisions).toHaveLength(11);
    expect(logs.at(-1)).toMatch(
      /exit code 8 \(renamed without a move: dev \(20\); name collisions that would fail the apply: dev \(11\)\)$/,
    );

    // Without a base the review still runs and passes, but says what it could not check.
    expect(await run()).toBe(0);
    expect(readFileSync(join(root, "out", "report.md"), "utf8")).toContain("> **Not checked:**");
  });
});

describe("rename and collision rules", () => {
  const r = (
    address: string,
    role: NamedResource["role"],
    values: Record<string, unknown> = {},
    before?: Record<string, unknown>,
  ): NamedResource => {
    const [type, name] = address.split(".");
    return { address, type, name, role, values, ...(before ? { before } : {}) };
  };

  test("a name shared by several deletions or creations pairs nothing by name; the logical id decides", () => {
    const renames = findRenames([
      r("aws_iam_role_policy.A_Role_Policy_11111111", "deleted", { name: "inline" }),
      r("aws_iam_role_policy.B_Role_Policy_22222222", "deleted", { name: "inline" }),
      r("aws_iam_role_policy.C_Role_Policy_33333333", "created", { name: "inline" }),
    ]);
    expect(renames).toEqual([
      {
        type: "aws_iam_role_policy",
        from: "aws_iam_role_policy.A_Role_Policy_11111111",
        to: "aws_iam_role_policy.C_Role_Policy_33333333",
        matchedBy: "logical-id",
        idChange: { from: "A", to: "C" },
      },
    ]);
  });

  test("types differ, or more than one construct id differs: no rename", () => {
    expect(findRenames([r("aws_sqs_queue.Web_Queue_11111111", "deleted"), r("aws_sns_topic.Frontend_Queue_22222222", "created")])).toEqual(
      [],
    );
    expect(findRenames([r("aws_sqs_queue.Web_Queue_11111111", "deleted"), r("aws_sqs_queue.Frontend_Jobs_22222222", "created")])).toEqual(
      [],
    );
  });

  test("a fixed name replaced with create_before_destroy collides with itself; a name prefix or another VPC does not", () => {
    expect(
      findNameCollisions([r("aws_lb_target_group.Web_TargetGroup_11111111", "replaced-new-first", { name: "web" }, { name: "web" })]),
    ).toMatchObject([{ holder: "replaced", consequence: expect.stringMatching(/^DuplicateTargetGroupName/) }]);
    expect(
      findNameCollisions([
        r("aws_security_group.Old_11111111", "deleted", { name: "web", vpc_id: "vpc-1" }),
        r("aws_security_group.New_22222222", "created", { name: "web", vpc_id: "vpc-2" }),
        r("aws_security_group.Prefixed_33333333", "created", { name_prefix: "web-" }),
      ]),
    ).toEqual([]);
    expect(
      findNameCollisions([
        r("aws_iam_role.Kept_11111111", "kept", { name: "deployer" }),
        r("aws_iam_role.New_22222222", "created", { name: "deployer" }),
        r("aws_iam_role.Unknown_33333333", "created", { name: "${var.name}" }),
      ]),
    ).toMatchObject([{ address: "aws_iam_role.New_22222222", heldBy: "aws_iam_role.Kept_11111111", holder: "kept" }]);
  });
});
