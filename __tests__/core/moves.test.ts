import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { moveFrom } from "../../src/core/moves";
import { Port } from "../../src/network/connections";
import { SecurityGroup } from "../../src/network/security-group";

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

describe("moveFrom and security group rules named after their peer", () => {
  /** A load balancer group that reaches a service group; the service's construct may be renamed, before or after the rule exists. */
  function build(serviceId: string, rename?: { from: string; when: "before" | "after" }) {
    const stack = new TerraformStack(Testing.app(), "test");
    const lb = new SecurityGroup(stack, "LoadBalancer", { vpcId: "vpc-1", name: "lb", description: "lb", allowAllOutbound: false });
    const service = new Construct(stack, serviceId);
    const group = new SecurityGroup(service, "SecurityGroup", { vpcId: "vpc-1", name: "svc", description: "svc" });
    if (rename?.when === "before") moveFrom(service, rename.from);
    group.connections.allowFrom(lb, Port.tcp(8080));
    if (rename?.when === "after") moveFrom(service, rename.from);
    return JSON.parse(Testing.synth(stack));
  }
  const egressOf = (json: any) =>
    Object.keys(json.resource.aws_vpc_security_group_egress_rule)
      .filter((n) => n.startsWith("LoadBalancer_"))
      .map((n) => `aws_vpc_security_group_egress_rule.${n}`);

  test.each(["before", "after"] as const)(
    "the load balancer's egress rule to a service renamed %s the rule was added moves from its old address",
    (when) => {
      const [old] = egressOf(build("Web"));
      const renamed = build("Frontend", { from: "Web", when });
      const [now] = egressOf(renamed);
      expect(now).not.toBe(old);
      expect(renamed.moved).toContainEqual({ from: old, to: now });
    },
  );

  test("the service's own ingress rule, under the renamed construct, moves once, from its old address", () => {
    const ingressOf = (json: any) =>
      Object.keys(json.resource.aws_vpc_security_group_ingress_rule).map((n) => `aws_vpc_security_group_ingress_rule.${n}`);
    const [old] = ingressOf(build("Web"));
    const renamed = build("Frontend", { from: "Web", when: "after" });
    const moves = renamed.moved.filter((m: { to: string }) => m.to.startsWith("aws_vpc_security_group_ingress_rule."));
    expect(moves).toEqual([{ from: old, to: ingressOf(renamed)[0] }]);
  });

  test("a rule whose peer was not renamed gets no moved block", () => {
    const json = build("Frontend", { from: "Web", when: "after" });
    const froms = json.moved.map((m: { from: string }) => m.from);
    expect(new Set(froms).size).toBe(froms.length);
    expect(json.moved.every((m: { to: string }) => !m.to.includes("LoadBalancer_SecurityGroup_Resource"))).toBe(true);
  });
});
