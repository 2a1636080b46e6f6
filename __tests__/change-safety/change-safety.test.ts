import { Testing } from "cdktf";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { validateEnvironmentConfig, type EnvironmentConfig } from "../../stacks/environments";
import { BASE_LAYOUTS, BASES, EDITS } from "./edits";
import { planEdits, type EditOutcome } from "./harness";
import { resourceAddresses } from "../stacks/synth-env";

/**
 * Each ordinary day-2 edit of an environment stack, planned offline against the state its base
 * configuration left (see harness.ts), replaces and deletes exactly what its row in edits.ts says.
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
let outcomes: Record<string, EditOutcome>;

beforeAll(() => {
  outcomes = planEdits(baseJson, Object.fromEntries(EDITS.map((e) => [e.id, { base: e.base, json: editJson[e.id] }])));
  console.log(
    `change-safety: ${EDITS.length} edits on ${Object.keys(BASES).length} bases planned in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
});

describe("change safety: day-2 edits of the environment stacks", () => {
  test("covers at least 25 edits", () => {
    expect(EDITS.length).toBeGreaterThanOrEqual(25);
  });

  test.each(EDITS.map((e) => [e.id, e] as const))("%s: replaces and deletes only what its row says", (id, edit) => {
    const outcome = outcomes[id];
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
