import { hclLiteral, pruneEdit, type StateValue } from "./prune";

/**
 * The cut that plans only what an edit can change (prune.ts). That the cut plans the same as the
 * whole edit is checked against the real provider in change-safety.test.ts.
 */
const base = () => ({
  terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "~> 5.100" } } },
  provider: { aws: [{ region: "eu-west-1" }] },
  data: { aws_region: { Region: {} } },
  locals: { KeyArn: "${aws_kms_key.Key.arn}" },
  resource: {
    aws_vpc: { Vpc: { cidr_block: "10.0.0.0/16" } },
    aws_subnet: {
      A: { vpc_id: "${aws_vpc.Vpc.id}", cidr_block: "10.0.0.0/24" },
      B: { vpc_id: "${aws_vpc.Vpc.id}", cidr_block: "10.0.1.0/24" },
    },
    aws_security_group: { Sg: { vpc_id: "${aws_vpc.Vpc.id}", name_prefix: "web-", lifecycle: { create_before_destroy: true } } },
    aws_lb: { Lb: { subnets: ["${aws_subnet.A.id}", "${aws_subnet.B.id}"], security_groups: ["${aws_security_group.Sg.id}"] } },
    aws_kms_key: { Key: { description: "logs" } },
    aws_cloudwatch_log_group: {
      Logs: { name: 'logs-${element(split(":", aws_kms_key.Key.arn), 4)}', kms_key_id: "${local.KeyArn}", retention_in_days: 30 },
    },
    aws_iam_role: { Role: { name: "role", depends_on: ["aws_security_group.Sg", "aws_subnet.B"] } },
  },
  output: { VpcId: { value: "${aws_vpc.Vpc.id}" } },
});
type Stack = ReturnType<typeof base>;

const STATE: Record<string, Record<string, unknown>> = {
  "aws_vpc.Vpc": { id: "vpc-0a", cidr_block: "10.0.0.0/16" },
  "aws_subnet.A": { id: "subnet-0a", vpc_id: "vpc-0a" },
  "aws_subnet.B": { id: "subnet-0b", vpc_id: "vpc-0a" },
  "aws_security_group.Sg": { id: "sg-0a", ingress: [{ from_port: 443, cidr_blocks: ["0.0.0.0/0"] }] },
  "aws_kms_key.Key": { arn: "arn:aws:kms:eu-west-1:111111111111:key/k-1" },
  "aws_iam_role.Role": { arn: "arn:aws:iam::111111111111:role/role" },
};
const prior: StateValue = (address, attribute) => STATE[address]?.[attribute];
const edited = (change: (stack: Stack) => void): Stack => {
  const stack = base();
  change(stack);
  return stack;
};
const kept = (stack: Stack, state: StateValue = prior) => [...(pruneEdit(base(), stack, state)?.kept ?? ["(whole)"])].sort();

describe("pruneEdit: what an edit's plan can change", () => {
  test("keeps the resources the edit changes and those that read or depend on them, nothing else", () => {
    expect(kept(edited((s) => (s.resource.aws_subnet.B.cidr_block = "10.0.2.0/24")))).toEqual([
      "aws_iam_role.Role",
      "aws_lb.Lb",
      "aws_subnet.B",
    ]);
    expect(kept(edited((s) => (s.resource.aws_vpc.Vpc.cidr_block = "10.1.0.0/16")))).toEqual([
      "aws_iam_role.Role",
      "aws_lb.Lb",
      "aws_security_group.Sg",
      "aws_subnet.A",
      "aws_subnet.B",
      "aws_vpc.Vpc",
    ]);
  });

  test("a resource the edit adds is kept, with the resources that read it", () => {
    const stack = edited((s) => {
      (s.resource as any).aws_subnet.C = { vpc_id: "${aws_vpc.Vpc.id}", cidr_block: "10.0.2.0/24" };
      s.resource.aws_lb.Lb.subnets.push("${aws_subnet.C.id}");
    });
    expect(kept(stack)).toEqual(["aws_lb.Lb", "aws_subnet.C"]);
  });

  test("a resource that reads a changed one through a local is kept", () => {
    expect(kept(edited((s) => (s.resource.aws_kms_key.Key.description = "audit logs")))).toEqual([
      "aws_cloudwatch_log_group.Logs",
      "aws_kms_key.Key",
    ]);
  });

  test("an edit that changes nothing plans no resource", () => {
    const cut = pruneEdit(base(), base(), prior);
    expect(cut?.kept.size).toBe(0);
    expect(cut?.json.resource).toEqual({});
  });

  test("both ends of a moved block are kept", () => {
    const stack = edited((s) => {
      (s.resource.aws_subnet as any).Second = s.resource.aws_subnet.B;
      delete (s.resource.aws_subnet as any).B;
      s.resource.aws_lb.Lb.subnets[1] = "${aws_subnet.Second.id}";
      (s as any).moved = [{ from: "aws_subnet.B", to: "aws_subnet.Second" }];
    });
    expect(kept(stack)).toEqual(["aws_lb.Lb", "aws_subnet.Second"]);
    expect(pruneEdit(base(), stack, prior)?.json.moved).toEqual([{ from: "aws_subnet.B", to: "aws_subnet.Second" }]);
  });
});

describe("pruneEdit: the cut-down stack", () => {
  const cut = (stack: Stack, state: StateValue = prior) => pruneEdit(base(), stack, state)!.json;

  test("a reference to a resource left out becomes its value in the state; one to a kept resource stays", () => {
    const json = cut(edited((s) => (s.resource.aws_subnet.B.cidr_block = "10.0.2.0/24")));
    expect(json.resource.aws_lb.Lb).toEqual({ subnets: ['${"subnet-0a"}', "${aws_subnet.B.id}"], security_groups: ['${"sg-0a"}'] });
    expect(json.resource.aws_subnet.B.vpc_id).toBe('${"vpc-0a"}');
    expect(Object.keys(json.resource).sort()).toEqual(["aws_iam_role", "aws_lb", "aws_subnet"]);
  });

  test("references inside function calls and template text are resolved; quoted strings and other names stay", () => {
    const json = cut(
      edited((s) => {
        s.resource.aws_cloudwatch_log_group.Logs.retention_in_days = 90;
        (s.resource.aws_cloudwatch_log_group.Logs as any).tags = {
          Key: '${replace(aws_kms_key.Key.arn, "aws_kms_key.Key.arn", data.aws_region.Region.name)}',
        };
      }),
    );
    const logs = json.resource.aws_cloudwatch_log_group.Logs;
    expect(logs.name).toBe('logs-${element(split(":", "arn:aws:kms:eu-west-1:111111111111:key/k-1"), 4)}');
    expect(logs.tags.Key).toBe(
      '${replace("arn:aws:kms:eu-west-1:111111111111:key/k-1", "aws_kms_key.Key.arn", data.aws_region.Region.name)}',
    );
    // Locals, data sources and outputs stay, with their references to left-out resources resolved.
    expect(json.locals).toEqual({ KeyArn: '${"arn:aws:kms:eu-west-1:111111111111:key/k-1"}' });
    expect(json.data).toEqual(base().data);
    expect(json.output).toEqual({ VpcId: { value: '${"vpc-0a"}' } });
  });

  test("a list or object attribute is written as an HCL collection", () => {
    const json = cut(edited((s) => ((s.resource.aws_lb.Lb as any).idle_timeout = "${length(aws_security_group.Sg.ingress)}")));
    expect(json.resource.aws_lb.Lb.idle_timeout).toBe('${length([{"from_port":443,"cidr_blocks":["0.0.0.0/0"]}])}');
  });

  test("depends_on keeps only kept resources", () => {
    const json = cut(
      edited((s) => {
        s.resource.aws_iam_role.Role.name = "role-2";
        s.resource.aws_subnet.B.cidr_block = "10.0.2.0/24";
      }),
    );
    expect(json.resource.aws_iam_role.Role).toEqual({ name: "role-2", depends_on: ["aws_subnet.B"] });
    const alone = cut(edited((s) => (s.resource.aws_iam_role.Role.name = "role-2")));
    expect(alone.resource.aws_iam_role.Role).toEqual({ name: "role-2" });
  });

  test("a resource whose attribute the state lacks stays in the stack, its own references resolved", () => {
    const lacking: StateValue = (address, attribute) =>
      address === "aws_security_group.Sg" && attribute === "id" ? undefined : prior(address, attribute);
    const stack = edited((s) => (s.resource.aws_lb.Lb.subnets = ["${aws_subnet.A.id}"]));
    expect(kept(stack, lacking)).toEqual(["aws_lb.Lb", "aws_security_group.Sg"]);
    const json = cut(stack, lacking);
    expect(json.resource.aws_lb.Lb.security_groups).toEqual(["${aws_security_group.Sg.id}"]);
    expect(json.resource.aws_security_group.Sg.vpc_id).toBe('${"vpc-0a"}');
  });
});

describe("pruneEdit: what it does not understand is planned whole", () => {
  test.each<[string, (s: Stack) => void]>([
    ["a different provider configuration", (s) => (s.provider.aws[0].region = "eu-west-2")],
    ["a different terraform block", (s) => (s.terraform.required_providers.aws.version = "~> 6.0")],
    ["count", (s) => ((s.resource.aws_subnet.B as any).count = 2)],
    ["for_each", (s) => ((s.resource.aws_iam_role.Role as any).for_each = '${toset(["a"])}')],
    ["a dynamic block", (s) => ((s.resource.aws_security_group.Sg as any).dynamic = { ingress: { for_each: [] } })],
    ["replace_triggered_by", (s) => ((s.resource.aws_lb.Lb as any).lifecycle = { replace_triggered_by: ["aws_subnet.A"] })],
    ["a module call", (s) => ((s as any).module = { Other: { source: "./other" } })],
    ["an import block", (s) => ((s as any).import = [{ to: "aws_vpc.Vpc", id: "vpc-0a" }])],
    ["a template directive", (s) => (s.resource.aws_iam_role.Role.name = "%{ if true }role%{ endif }")],
    ["a template inside a quoted string of an interpolation", (s) => (s.resource.aws_iam_role.Role.name = '${upper("${aws_vpc.Vpc.id}")}')],
    ["an unterminated interpolation", (s) => (s.resource.aws_iam_role.Role.name = "${aws_vpc.Vpc.id")],
  ])("%s", (_what, change) => {
    expect(pruneEdit(base(), edited(change), prior)).toBeUndefined();
  });
});

describe("hclLiteral", () => {
  test("writes JSON values as HCL expressions", () => {
    expect(hclLiteral({ a: [1, true, null], "b c": "d" })).toBe('{"a":[1,true,null],"b c":"d"}');
    expect(hclLiteral(undefined)).toBe("null");
  });

  test("escapes what HCL would read as a template, and the escapes JSON has and HCL lacks", () => {
    expect(hclLiteral("${aws:username} %{x} $${y}")).toBe('"$${aws:username} %%{x} $$${y}"');
    expect(hclLiteral('a\bb\fc\n\t"\\')).toBe('"a\\u0008b\\u000cc\\n\\t\\"\\\\"');
    // A backslash before a letter is a backslash, not the start of an escape.
    expect(hclLiteral("C:\\bin")).toBe('"C:\\\\bin"');
    expect(hclLiteral({ "${k}": "v" })).toBe('{"$${k}":"v"}');
  });
});
