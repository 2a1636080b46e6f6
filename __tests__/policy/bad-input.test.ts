import { Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { applyPolicies, logRetention, PolicyPack, suppress } from "../../src/policy";
import { expectedMessage, Rejection, testRejections } from "../helpers";

type Build = (scope: Construct) => void;

/** `testRejections` builds each case in a fresh TerraformStack with id `test`. */
const pack =
  (props: Partial<Parameters<typeof applyPolicies>[1]>): Build =>
  (scope) =>
    applyPolicies(scope as TerraformStack, { environmentClass: "production", printSummary: false, writeReports: false, ...props });

const REQUIRED_TAG_ALLOWED = 'a tag key resources can carry: 1 to 128 characters, not blank, not starting with "aws:"';
const SUPPRESSION_RULE_ID_ALLOWED = `a rule id such as "ECS-003" (a letter, then letters, digits, '.', '_' or '-')`;

const cases: Rejection[] = [
  // PolicyPack
  [
    "a pack applied to a construct that is not a stack",
    (scope) => new PolicyPack(new Construct(scope, "Group"), "PolicyPack", { environmentClass: "production" }),
    expectedMessage(
      "test/Group/PolicyPack",
      "scope",
      "test/Group",
      "a TerraformStack (the pack checks one whole stack)",
      "POLICY_PACK_SCOPE",
    ),
  ],
  [
    "a second pack on one stack",
    (scope) => {
      pack({})(scope);
      new PolicyPack(scope, "Another", { environmentClass: "production" });
    },
    expectedMessage("test/Another", "scope", "test", "a stack without a policy pack (it has test/PolicyPack)", "POLICY_PACK_DUPLICATE"),
  ],
  [
    "applyPolicies called twice on one stack",
    (scope) => {
      pack({})(scope);
      pack({})(scope);
    },
    expectedMessage("test", "applyPolicies", "test", "one policy pack per stack (it has test/PolicyPack already)", "POLICY_PACK_DUPLICATE"),
  ],
  [
    "an unknown environment class",
    pack({ environmentClass: "prod" as never }),
    expectedMessage("test/PolicyPack", "environmentClass", "prod", 'one of "production", "non-production"', "POLICY_ENVIRONMENT_CLASS"),
  ],
  [
    "a rule listed twice",
    pack({ rules: [logRetention, logRetention] }),
    expectedMessage("test/PolicyPack", "rules", "LOG-001", "unique values (this one appears more than once)", "POLICY_RULE_DUPLICATE"),
  ],
  [
    "a rule id that cannot be suppressed by name",
    pack({ rules: [{ ...logRetention, id: "LOG 1" }] }),
    expectedMessage("test/PolicyPack", "rules[0].id", "LOG 1", 'a rule id such as "ECS-003"', "POLICY_RULE_ID"),
  ],
  [
    "a blank required tag",
    pack({ requiredTags: ["Owner", " "] }),
    expectedMessage("test/PolicyPack", "requiredTags[1]", " ", REQUIRED_TAG_ALLOWED, "POLICY_REQUIRED_TAG"),
  ],
  [
    "a required tag over 128 characters",
    pack({ requiredTags: ["t".repeat(129)] }),
    expectedMessage("test/PolicyPack", "requiredTags[0]", "t".repeat(129), REQUIRED_TAG_ALLOWED, "POLICY_REQUIRED_TAG"),
  ],
  [
    "a required tag with the reserved aws: prefix",
    pack({ requiredTags: ["aws:owner"] }),
    expectedMessage("test/PolicyPack", "requiredTags[0]", "aws:owner", REQUIRED_TAG_ALLOWED, "POLICY_REQUIRED_TAG"),
  ],
  [
    "a required tag listed twice",
    pack({ requiredTags: ["Owner", "Owner"] }),
    expectedMessage(
      "test/PolicyPack",
      "requiredTags",
      "Owner",
      "unique values (this one appears more than once)",
      "POLICY_REQUIRED_TAG_DUPLICATE",
    ),
  ],
  // suppress()
  [
    "a suppression without a reason",
    (scope) => suppress(scope, "LOG-001", ""),
    expectedMessage("test", "reason", "", "a non-empty reason explaining why LOG-001 does not apply here", "POLICY_SUPPRESSION_REASON"),
  ],
  [
    "a suppression whose reason is only whitespace",
    (scope) => suppress(scope, "LOG-001", "   "),
    expectedMessage("test", "reason", "   ", "a non-empty reason explaining why LOG-001 does not apply here", "POLICY_SUPPRESSION_REASON"),
  ],
  [
    "a suppression of a malformed rule id",
    (scope) => suppress(scope, "LOG 001", "reason"),
    expectedMessage("test", "ruleId", "LOG 001", SUPPRESSION_RULE_ID_ALLOWED, "POLICY_SUPPRESSION_RULE_ID"),
  ],
  [
    "a rule suppressed twice on one construct",
    (scope) => {
      suppress(scope, "LOG-001", "first");
      suppress(scope, "LOG-001", "second");
    },
    expectedMessage(
      "test",
      "ruleId",
      "LOG-001",
      'a rule not suppressed here already (it is, with reason "first")',
      "POLICY_SUPPRESSION_DUPLICATE",
    ),
  ],
];

describe("policy module: bad input", () => {
  testRejections(cases);
});

describe("policy module: bad suppressions fail synth", () => {
  /** Synthesizes a stack built by `build` with node validations and returns what synth threw. */
  function synthError(build: (stack: TerraformStack) => void): string {
    const stack = new TerraformStack(Testing.app(), "test");
    build(stack);
    try {
      Testing.synth(stack, true);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("expected synth to fail");
  }

  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  test.each([
    ["a rule id that does not exist", "LOG-999", /the id of a rule the stack's policy pack runs \(.*LOG-001.*\)/.source],
    ["a rule id in the wrong case", "log-001", escape('the id of a rule the stack\'s policy pack runs (did you mean "LOG-001"?)')],
    ["a rule id in another format", "LOG_001", escape('the id of a rule the stack\'s policy pack runs (did you mean "LOG-001"?)')],
  ])("a suppression naming %s", (_what, ruleId, allowed) => {
    const message = synthError((stack) => {
      pack({})(stack);
      suppress(new Construct(stack, "Thing"), ruleId, "a reason");
    });
    expect(message).toMatch(
      new RegExp(`test/Thing: invalid ruleId "${ruleId}": expected ${allowed} \\[POLICY_SUPPRESSION_UNKNOWN_RULE\\]`),
    );
  });

  test("suppress() in a stack without a policy pack (it would silence nothing)", () => {
    const message = synthError((stack) => suppress(new Construct(stack, "Thing"), "LOG-001", "a reason"));
    expect(message).toContain(
      'test/Thing: invalid ruleId ["LOG-001"]: expected a suppression in a stack with a policy pack (call applyPolicies(test, ...) first: without one nothing is checked) [POLICY_SUPPRESSION_NO_PACK]',
    );
  });

  test("known rule ids, and POL-001, pass; the pack may be applied after suppress()", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const thing = new Construct(stack, "Thing");
    suppress(thing, "LOG-001", "a reason");
    suppress(thing, "POL-001", "a reason");
    pack({})(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe("policy module: required props from a JSON config", () => {
  testRejections([
    [
      "a PolicyPack without environmentClass",
      (scope) => new PolicyPack(scope, "Policy", JSON.parse("{}")),
      expectedMessage("test/Policy", "environmentClass", undefined, "a string (required)", "PROP_REQUIRED"),
    ],
  ]);
});
