import { Construct } from "constructs";
import { EnvironmentBudget, EnvironmentBudgetProps } from "../../src/budgets";
import { expectedMessage, testRejections } from "../helpers";

/** Every bad input EnvironmentBudget rejects, with the library's one message shape. */
const budget = (props: Partial<EnvironmentBudgetProps>) => (scope: Construct) =>
  new EnvironmentBudget(scope, "Budget", {
    name: "acme-test",
    monthlyLimit: 100,
    costAllocationTag: { key: "Environment", values: ["test"] },
    emailAddresses: ["finance@example.com"],
    ...props,
  });
const P = "test/Budget";

testRejections([
  [
    "a name with a colon",
    budget({ name: "acme:test" }),
    expectedMessage(P, "name", "acme:test", "1 to 100 characters of any characters but : and \\", "BUDGET_NAME"),
  ],
  [
    "a name that leaves no room for -fargate",
    budget({ name: "a".repeat(95), fargate: { monthlyLimit: 1 } }),
    expectedMessage(P, "name", "a".repeat(95), "at most 92 characters, leaving room for -fargate", "BUDGET_NAME"),
  ],
  [
    "a zero limit",
    budget({ monthlyLimit: 0 }),
    expectedMessage(P, "monthlyLimit", 0, "a positive amount with at most two decimals", "BUDGET_LIMIT"),
  ],
  [
    "a limit in tenths of a cent",
    budget({ monthlyLimit: 10.005 }),
    expectedMessage(P, "monthlyLimit", 10.005, "a positive amount with at most two decimals", "BUDGET_LIMIT"),
  ],
  [
    "a limit given as a string (from JSON)",
    budget({ monthlyLimit: "100" as any }),
    expectedMessage(P, "monthlyLimit", "100", "a positive amount with at most two decimals", "BUDGET_LIMIT"),
  ],
  [
    "a currency symbol",
    budget({ currency: "$" }),
    expectedMessage(P, "currency", "$", "a three-letter ISO 4217 currency code such as USD", "BUDGET_CURRENCY"),
  ],
  [
    "no cost allocation tag",
    budget({ costAllocationTag: undefined as any }),
    expectedMessage(P, "costAllocationTag.key", undefined, "a tag key of 1 to 128 characters without $", "BUDGET_TAG"),
  ],
  [
    "a tag key with $",
    budget({ costAllocationTag: { key: "Env$", values: ["x"] } }),
    expectedMessage(P, "costAllocationTag.key", "Env$", "a tag key of 1 to 128 characters without $", "BUDGET_TAG"),
  ],
  [
    "no tag values",
    budget({ costAllocationTag: { key: "Environment", values: [] } }),
    expectedMessage(P, "costAllocationTag.values", [], "at least one item", "BUDGET_TAG"),
  ],
  [
    "tag values as a string",
    budget({ costAllocationTag: { key: "Environment", values: "dev" as any } }),
    expectedMessage(P, "costAllocationTag.values", "dev", "a list of tag values", "BUDGET_TAG"),
  ],
  [
    "six thresholds",
    budget({ thresholds: [50, 60, 70, 80, 90, 100].map((percent) => ({ percent, type: "ACTUAL" as const })) }),
    expectedMessage(P, "thresholds", 6, "at most 5 thresholds (AWS Budgets' limit of notifications per budget)", "BUDGET_THRESHOLDS"),
  ],
  [
    "a threshold of 0 %",
    budget({ thresholds: [{ percent: 0, type: "ACTUAL" }] }),
    expectedMessage(P, "thresholds[0].percent", 0, "a number from 1 to 1000", "BUDGET_THRESHOLD"),
  ],
  [
    "a threshold type that is not ACTUAL or FORECASTED",
    budget({ thresholds: [{ percent: 80, type: "actual" as any }] }),
    expectedMessage(P, "thresholds[0].type", "actual", 'one of "ACTUAL", "FORECASTED"', "BUDGET_THRESHOLD"),
  ],
  [
    "one threshold twice",
    budget({
      thresholds: [
        { percent: 80, type: "ACTUAL" },
        { percent: 80, type: "ACTUAL" },
      ],
    }),
    expectedMessage(P, "thresholds", "ACTUAL 80%", "unique values (this one appears more than once)", "BUDGET_THRESHOLD_DUPLICATE"),
  ],
  [
    "eleven e-mail addresses",
    budget({ emailAddresses: Array.from({ length: 11 }, (_, i) => `f${i}@example.com`) }),
    expectedMessage(P, "emailAddresses", 11, "at most 10 addresses (AWS Budgets' limit per notification)", "BUDGET_EMAILS"),
  ],
  [
    "an address that is not one",
    budget({ emailAddresses: ["finance"] }),
    expectedMessage(P, "emailAddresses[0]", "finance", "an e-mail address such as finance@example.com", "BUDGET_EMAIL"),
  ],
  [
    "neither a topic nor an address",
    budget({ emailAddresses: [] }),
    expectedMessage(
      P,
      "topic",
      undefined,
      "a topic, e-mail addresses or both (a budget nobody hears about guards nothing)",
      "BUDGET_NO_SUBSCRIBER",
    ),
  ],
  [
    "a negative Fargate limit",
    budget({ fargate: { monthlyLimit: -5 } }),
    expectedMessage(P, "fargate.monthlyLimit", -5, "a positive amount with at most two decimals", "BUDGET_LIMIT"),
  ],
]);

describe("EnvironmentBudget: required props from a JSON config", () => {
  testRejections([
    [
      "a budget without name",
      (scope) =>
        new EnvironmentBudget(
          scope,
          "Budget",
          JSON.parse('{"monthlyLimit":100,"costAllocationTag":{"key":"Environment","values":["test"]}}'),
        ),
      expectedMessage(P, "name", undefined, "a string (required)", "PROP_REQUIRED"),
    ],
  ]);
});
