import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { applyPolicies, logRetention, PolicyPack, suppress } from "../../src/policy";
import { errorOf } from "../helpers";

type Build = (scope: Construct) => void;

/** `errorOf` builds in a fresh TerraformStack with id `test`. */
const pack =
  (props: Partial<Parameters<typeof applyPolicies>[1]>): Build =>
  (scope) =>
    applyPolicies(scope as TerraformStack, { environmentClass: "production", printSummary: false, writeReports: false, ...props });

/** The whole message, as a regex anchored on both ends. */
function exactly(message: string): RegExp {
  return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/** Every message has the library's one shape: `<path>: invalid <property> <value>: expected <allowed> [<CODE>]`. */
const SHAPE = /^test(\/[\w-]+)*: invalid \S+ .+: expected .+ \[[A-Z0-9_]+\]$/s;

const REQUIRED_TAG_ALLOWED = 'expected a tag key resources can carry: 1 to 128 characters, not blank, not starting with "aws:" [POLICY_REQUIRED_TAG]';
const SUPPRESSION_RULE_ID_ALLOWED = `expected a rule id such as "ECS-003" (a letter, then letters, digits, '.', '_' or '-') [POLICY_SUPPRESSION_RULE_ID]`;

const cases: Array<[string, Build, string]> = [
  // PolicyPack
  [
    "a pack applied to a construct that is not a stack",
    (scope) => new PolicyPack(new Construct(scope, "Group"), "PolicyPack", { environmentClass: "production" }),
    'test/Group/PolicyPack: invalid scope "test/Group": expected a TerraformStack (the pack checks one whole stack) [POLICY_PACK_SCOPE]',
  ],
  [
    "a second pack on one stack",
    (scope) => {
      pack({})(scope);
      new PolicyPack(scope, "Another", { environmentClass: "production" });
    },
    'test/Another: invalid scope "test": expected a stack without a policy pack (it has test/PolicyPack) [POLICY_PACK_DUPLICATE]',
  ],
  ["an unknown environment class", pack({ environmentClass: "prod" as never }), 'test/PolicyPack: invalid environmentClass "prod": expected one of "production", "non-production" [POLICY_ENVIRONMENT_CLASS]'],
  ["a rule listed twice", pack({ rules: [logRetention, logRetention] }), 'test/PolicyPack: invalid rules "LOG-001": expected unique values (this one appears more than once) [POLICY_RULE_DUPLICATE]'],
  ["a rule id that cannot be suppressed by name", pack({ rules: [{ ...logRetention, id: "LOG 1" }] }), 'test/PolicyPack: invalid rules[0].id "LOG 1": expected a rule id such as "ECS-003" [POLICY_RULE_ID]'],
  ["a blank required tag", pack({ requiredTags: ["Owner", " "] }), `test/PolicyPack: invalid requiredTags[1] " ": ${REQUIRED_TAG_ALLOWED}`],
  ["a required tag over 128 characters", pack({ requiredTags: ["t".repeat(129)] }), `test/PolicyPack: invalid requiredTags[0] "${"t".repeat(129)}": ${REQUIRED_TAG_ALLOWED}`],
  ["a required tag with the reserved aws: prefix", pack({ requiredTags: ["aws:owner"] }), `test/PolicyPack: invalid requiredTags[0] "aws:owner": ${REQUIRED_TAG_ALLOWED}`],
  ["a required tag listed twice", pack({ requiredTags: ["Owner", "Owner"] }), 'test/PolicyPack: invalid requiredTags "Owner": expected unique values (this one appears more than once) [POLICY_REQUIRED_TAG_DUPLICATE]'],
  // suppress()
  [
    "a suppression without a reason",
    (scope) => suppress(scope, "LOG-001", ""),
    'test: invalid reason "": expected a non-empty reason explaining why LOG-001 does not apply here [POLICY_SUPPRESSION_REASON]',
  ],
  [
    "a suppression whose reason is only whitespace",
    (scope) => suppress(scope, "LOG-001", "   "),
    'test: invalid reason "   ": expected a non-empty reason explaining why LOG-001 does not apply here [POLICY_SUPPRESSION_REASON]',
  ],
  ["a suppression of a malformed rule id", (scope) => suppress(scope, "LOG 001", "reason"), `test: invalid ruleId "LOG 001": ${SUPPRESSION_RULE_ID_ALLOWED}`],
  [
    "a rule suppressed twice on one construct",
    (scope) => {
      suppress(scope, "LOG-001", "first");
      suppress(scope, "LOG-001", "second");
    },
    'test: invalid ruleId "LOG-001": expected a rule not suppressed here already (it is, with reason "first") [POLICY_SUPPRESSION_DUPLICATE]',
  ],
];

describe("policy module: bad input", () => {
  // errorOf fails the test unless the error is a ValidationError.
  test.each(cases)("rejects %s with a ValidationError naming path, property, value and what is allowed", (_, build, message) => {
    expect(errorOf(build)).toMatch(exactly(message));
    expect(message).toMatch(SHAPE);
  });
});
