import { Construct } from "constructs";
import { RegistryReplication, RegistryScanning, Repository, type LifecycleRule, type RepositoryProps } from "../../src/registry";
import { expectedMessage, testRejections } from "../helpers";

const at = "test/Repo";
const repo = (extra: Partial<RepositoryProps>) => (scope: Construct) => new Repository(scope, "Repo", { name: "acme/web", ...extra });
const rules = (lifecycleRules: LifecycleRule[]) => repo({ lifecycleRules });
const NAME = "2 to 256 lowercase letters, digits, '.', '_' and '-' in path parts separated by '/' (e.g. acme/web)";

describe("Repository: bad input", () => {
  testRejections([
    ["a name with capitals", repo({ name: "Acme/Web" }), expectedMessage(at, "name", "Acme/Web", NAME, "REGISTRY_NAME")],
    ["a name ending in a slash", repo({ name: "acme/" }), expectedMessage(at, "name", "acme/", NAME, "REGISTRY_NAME")],
    ["a one-character name", repo({ name: "a" }), expectedMessage(at, "name", "a", NAME, "REGISTRY_NAME")],
    [
      "an unknown tag mutability",
      repo({ tagMutability: "immutable" as never }),
      expectedMessage(at, "tagMutability", "immutable", 'one of "IMMUTABLE", "MUTABLE"', "REGISTRY_TAG_MUTABILITY"),
    ],
    [
      "a KMS key without KMS encryption",
      repo({ kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/x" }),
      expectedMessage(at, "kmsKeyArn", "arn:aws:kms:eu-west-1:111111111111:key/x", 'no key unless encryption is "KMS"', "REGISTRY_KMS_KEY"),
    ],
    [
      "two rules with one priority",
      rules([
        { kind: "expireUntagged", days: 14, priority: 1 },
        { kind: "keepLastTagged", tagPrefixes: ["v"], count: 10, priority: 1 },
      ]),
      expectedMessage(
        at,
        "lifecycleRules[1].priority",
        1,
        "a priority not already used by lifecycleRules[0]",
        "REGISTRY_LIFECYCLE_PRIORITY_DUPLICATE",
      ),
    ],
    [
      "a priority that is not a positive integer",
      rules([{ kind: "expireUntagged", days: 14, priority: 0 }]),
      expectedMessage(at, "lifecycleRules[0].priority", 0, "a positive integer", "REGISTRY_LIFECYCLE_PRIORITY"),
    ],
    [
      "a rule selecting every image before another rule",
      rules([
        { kind: "keepLast", count: 100 },
        { kind: "expireUntagged", days: 14 },
      ]),
      expectedMessage(
        at,
        "lifecycleRules[0].priority",
        1,
        "the highest priority number: a rule selecting every image must run last (ECR refuses the policy otherwise)",
        "REGISTRY_LIFECYCLE_ANY_NOT_LAST",
      ),
    ],
    [
      "two rules that select the same images (one can never act)",
      rules([
        { kind: "keepLastTagged", tagPrefixes: ["v", "rc"], count: 10 },
        { kind: "keepLastTagged", tagPrefixes: ["rc", "v"], count: 20 },
      ]),
      expectedMessage(
        at,
        "lifecycleRules[1]",
        "tagged:rc,v",
        "rules selecting different images (lifecycleRules[0] already selects these, so one of the two never acts)",
        "REGISTRY_LIFECYCLE_DUPLICATE",
      ),
    ],
    [
      "two rules selecting every image",
      rules([
        { kind: "keepLast", count: 100, priority: 9 },
        { kind: "keepNewerThan", days: 30, priority: 10 },
      ]),
      expectedMessage(
        at,
        "lifecycleRules[1]",
        "any",
        "rules selecting different images (lifecycleRules[0] already selects these, so one of the two never acts)",
        "REGISTRY_LIFECYCLE_DUPLICATE",
      ),
    ],
    [
      "a tagged rule with no prefixes (it can never match)",
      rules([{ kind: "keepLastTagged", tagPrefixes: [], count: 10 }]),
      expectedMessage(
        at,
        "lifecycleRules[0].tagPrefixes",
        [],
        "1 to 100 tag prefixes (a tagged rule with none can never match)",
        "REGISTRY_LIFECYCLE_TAG_PREFIXES",
      ),
    ],
    [
      "a tag prefix no tag can start with",
      rules([{ kind: "keepLastTagged", tagPrefixes: ["-v"], count: 10 }]),
      expectedMessage(
        at,
        "lifecycleRules[0].tagPrefixes[0]",
        "-v",
        "1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'",
        "REGISTRY_LIFECYCLE_TAG_PREFIX",
      ),
    ],
    [
      "a count of zero",
      rules([{ kind: "keepLast", count: 0 }]),
      expectedMessage(at, "lifecycleRules[0].count", 0, "an integer from 1 to 10000", "REGISTRY_LIFECYCLE_COUNT"),
    ],
    [
      "a fractional number of days",
      rules([{ kind: "expireUntagged", days: 1.5 }]),
      expectedMessage(at, "lifecycleRules[0].days", 1.5, "an integer from 1 to 3650", "REGISTRY_LIFECYCLE_COUNT"),
    ],
    [
      "an unknown rule kind (plain JavaScript config)",
      rules([{ kind: "keepFew", count: 1 } as never]),
      expectedMessage(
        at,
        "lifecycleRules[0].kind",
        "keepFew",
        "one of keepLastTagged, expireUntagged, keepNewerThan, keepLast",
        "REGISTRY_LIFECYCLE_KIND",
      ),
    ],
    [
      "a cross-account grant to a malformed account",
      (scope) => new Repository(scope, "Repo", { name: "acme/web" }).grantPull({ accountId: "1234" }),
      expectedMessage(
        at,
        "grantPull",
        "1234",
        "a 12-digit account id ({ accountId }) or an IAM role ARN ({ roleArn })",
        "REGISTRY_PRINCIPAL",
      ),
    ],
    [
      "a push grant to something that is not a role ARN",
      (scope) => new Repository(scope, "Repo", { name: "acme/web" }).grantPush({ roleArn: "acme-ci" }),
      expectedMessage(
        at,
        "grantPush",
        "acme-ci",
        "a 12-digit account id ({ accountId }) or an IAM role ARN ({ roleArn })",
        "REGISTRY_PRINCIPAL",
      ),
    ],
    [
      "continuous scanning with basic scanning",
      (scope) => new RegistryScanning(scope, "Scan", { type: "BASIC", continuous: true }),
      expectedMessage(
        "test/Scan",
        "continuous",
        true,
        'false with type "BASIC" (continuous scanning is enhanced only)',
        "REGISTRY_SCAN_CONTINUOUS",
      ),
    ],
    [
      "replication to a malformed region",
      (scope) => new RegistryReplication(scope, "Rep", { accountId: "444444444444", destinations: [{ region: "Frankfurt" }] }),
      expectedMessage(
        "test/Rep",
        "destinations[0].region",
        "Frankfurt",
        "an AWS region name such as eu-central-1",
        "REGISTRY_REPLICATION_REGION",
      ),
    ],
    [
      "replication with no destination",
      (scope) => new RegistryReplication(scope, "Rep", { accountId: "444444444444", destinations: [] }),
      expectedMessage("test/Rep", "destinations", [], "1 to 25 destinations", "REGISTRY_REPLICATION_DESTINATIONS"),
    ],
  ]);
});

describe("registry: required props from a JSON config", () => {
  testRejections([
    [
      "a Repository without name",
      (scope) => new Repository(scope, "Repo", JSON.parse('{"imageTagMutability":"IMMUTABLE"}')),
      expectedMessage("test/Repo", "name", undefined, "a string (required)", "PROP_REQUIRED"),
    ],
    [
      "replication destinations as one object",
      (scope) =>
        new RegistryReplication(scope, "Replication", JSON.parse('{"accountId":"111111111111","destinations":{"region":"eu-central-1"}}')),
      expectedMessage("test/Replication", "destinations", { region: "eu-central-1" }, "a list of replication destinations", "PROP_TYPE"),
    ],
  ]);
});
