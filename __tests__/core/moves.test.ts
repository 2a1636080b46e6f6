import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { moveFrom } from "../../src/core/moves";

function build(id: string, rename?: string) {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const group = new Construct(stack, id);
  new SqsQueue(group, "Queue", { name: "jobs" });
  new SqsQueue(new Construct(group, "Nested"), "Dlq", { name: "jobs-dlq" });
  const moved = rename ? moveFrom(group, rename) : 0;
  return { json: JSON.parse(Testing.synth(stack)), moved, stack, group };
}

describe("moveFrom", () => {
  test("moves every resource under a renamed construct from the address it had under the old id", () => {
    const before = Object.keys(build("Web").json.resource.aws_sqs_queue).sort();
    const after = build("Frontend", "Web");
    expect(after.moved).toBe(2);
    const moves = after.json.moved.map((m: { from: string; to: string }) => [m.from, m.to]).sort();
    expect(moves.map(([from]: string[]) => from)).toEqual(before.map((a) => `aws_sqs_queue.${a}`));
    expect(moves.map(([, to]: string[]) => to).sort()).toEqual(
      Object.keys(after.json.resource.aws_sqs_queue)
        .map((a) => `aws_sqs_queue.${a}`)
        .sort(),
    );
  });

  test.each([
    ["its current id", "Frontend"],
    ["an id that is not a construct id", "web service"],
  ])("throws on %s", (_name, oldId) => {
    expect(() => build("Frontend", oldId)).toThrow(/invalid oldId .*\[MOVE_FROM_ID\]/);
  });

  test("throws when a sibling still has the old id", () => {
    const app = new App();
    const stack = new TerraformStack(app, "test");
    new Construct(stack, "Web");
    const renamed = new Construct(stack, "Frontend");
    expect(() => moveFrom(renamed, "Web")).toThrow(/no sibling construct still has.*\[MOVE_FROM_ID\]/);
  });
});
