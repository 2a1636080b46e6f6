import { Testing } from "cdktf";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { validateEnvironmentConfig, type EnvironmentConfig } from "../../stacks/environments";
import { BASE_LAYOUTS, BASES, EDITS } from "./edits";
import { planEdits, type PlannedEdits } from "./harness";
import { PIPELINE_BASE, PIPELINE_REVISION, pipelineBase, pipelineCases } from "./pipeline-cases";
import { resourceAddresses } from "../stacks/synth-env";

/**
 * Each ordinary day-2 edit of an environment stack, planned offline against the state its base
 * configuration left (see harness.ts), replaces and deletes exactly what its row in edits.ts says;
 * and CI-driven delivery's cases (pipeline-cases.ts) plan what docs/delivery.md promises. All are
 * planned in the same three Terraform plans.
 */
const synth = (config: EnvironmentConfig) =>
  JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), validateEnvironmentConfig(config)), true));
/** An address without cdktf's hash suffix: `aws_subnet.Network_PublicSubnet3`. */
const short = (address: string) => address.replace(/_[0-9A-F]{8}$/, "");

const started = performance.now();
const baseJson = Object.fromEntries(
  Object.entries(BASES).map(([name, config]) => [name, (BASE_LAYOUTS[name as keyof typeof BASES] ?? ((json) => json))(synth(config))]),
);
const editJson = Object.fromEntries(EDITS.map((e) => [e.id, synth(e.edit(BASES[e.base]))]));
/** Edits are planned cut down to what they can change (prune.ts); this one is also planned whole, to compare. */
const TWIN = "add-az";
const WHOLE_TWIN = `${TWIN} (whole)`;
let planned: PlannedEdits;

beforeAll(() => {
  planned = planEdits(
    { ...baseJson, [PIPELINE_BASE]: pipelineBase() },
    {
      ...Object.fromEntries(EDITS.map((e) => [e.id, { base: e.base, json: editJson[e.id] }])),
      [WHOLE_TWIN]: { base: "dev", json: editJson[TWIN], whole: true },
      ...pipelineCases(),
    },
  );
  console.log(
    `change-safety: ${EDITS.length} edits on ${Object.keys(BASES).length} bases and the CI-delivery cases planned in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
});

describe("change safety: day-2 edits of the environment stacks", () => {
  test("covers at least 25 edits", () => {
    expect(EDITS.length).toBeGreaterThanOrEqual(25);
  });

  test.each(EDITS.map((e) => [e.id, e] as const))("%s: replaces and deletes only what its row says", (id, edit) => {
    const outcome = planned.outcomes[id];
    expect(outcome).toBeDefined();
    // Something must have changed, or the edit did not reach Terraform.
    expect(
      outcome.created.length + outcome.updated.length + outcome.replaced.length + outcome.deleted.length + outcome.moved.length,
    ).toBeGreaterThan(0);
    expect(outcome.replaced.map(short).sort()).toEqual([...edit.replaced].sort());
    const removed = resourceAddresses(baseJson[edit.base]).filter(
      (a) => !resourceAddresses(editJson[id]).includes(a) && !outcome.moved.some((m) => m.startsWith(`${a} `)),
    );
    const deleted = edit.deleted === "removed" ? removed : (edit.deleted ?? []);
    expect(outcome.deleted.map(short)).toEqual(deleted.map(short).sort());
    if (edit.deleted === "removed") expect(removed.length).toBeGreaterThan(0);
    if (edit.replacedNewFirst) expect(outcome.replacedNewFirst.map(short).sort()).toEqual([...edit.replacedNewFirst].sort());
    if (edit.updated) expect(outcome.updated.map(short).sort()).toEqual([...edit.updated].sort());
    const declared = (editJson[id].moved ?? []).length;
    expect(outcome.moved.length).toBe(edit.moves === "declared" ? declared : 0);
    if (edit.moves === "declared") expect(declared).toBeGreaterThan(10);
  });
});

describe("change safety: planning only what an edit can change", () => {
  test("plans what the whole edit plans, with under half of its resources", () => {
    expect(planned.outcomes[TWIN]).toEqual(planned.outcomes[WHOLE_TWIN]);
    expect(planned.outcomes[TWIN].updated.length).toBeGreaterThan(10);
    expect(planned.resourcesPlanned(WHOLE_TWIN)).toBe(resourceAddresses(editJson[TWIN]).length);
    expect(planned.resourcesPlanned(TWIN)).toBeLessThan(resourceAddresses(editJson[TWIN]).length / 2);
  });

  test("an edit planned cut down has no whole plan to give", () => {
    expect(() => planned.planOf(TWIN)).toThrow(`edit "${TWIN}" was planned cut down to what it can change: plan it with whole: true`);
  });
});

const change = (plan: any, type: string) => plan.resource_changes.find((rc: any) => rc.type === type);

/**
 * CI-driven delivery against the real provider: after a deployment the pipeline made out of band
 * (state holds a revision Terraform never registered), the next plan must leave the service alone.
 */
describe("Service taskDefinitionChanges against a prior state", () => {
  test('"ignore": a plan after the pipeline deployed its own revision changes nothing', () => {
    const again = planned.planOf("ci-again");
    expect(again.resource_changes!.length).toBeGreaterThan(0);
    expect(again.resource_changes!.filter((rc: any) => rc.change.actions.join() !== "no-op")).toEqual([]);
  });

  test('"ignore": a code edit replaces only the task definition, whose old revision stays registered', () => {
    const edited = planned.planOf("ci-edited");
    expect(change(edited, "aws_ecs_service").change.actions).toEqual(["no-op"]);
    const task = change(edited, "aws_ecs_task_definition");
    expect(task.change.actions).toEqual(["delete", "create"]);
    expect(task.change.before.skip_destroy).toBe(true);
    expect(task.change.after.skip_destroy).toBe(true);
  });

  test('"terraform" (the default): the same state makes the plan roll the service back to Terraform\'s revision, which "ignore" prevents', () => {
    const service = change(planned.planOf("ci-terraform"), "aws_ecs_service");
    expect(service.change.actions).toEqual(["update"]);
    expect(service.change.before.task_definition).toBe(PIPELINE_REVISION);
    expect(service.change.after.task_definition).toMatch(/\$\{|task-definition\/acme-test-web:1$/);
  });
});
