import { TerraformStack } from "cdktf";
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
