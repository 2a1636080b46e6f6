import { Construct } from "constructs";
import { Lazy, Testing, TerraformStack } from "cdktf";
import { checkRequiredProps, PropKinds } from "../../src/core/required-props";
import { fail, ValidationError } from "../../src/core/errors";
import { checkName, NameRules } from "../../src/core/naming";
import { checkTags, MAX_TAGS } from "../../src/core/tags";
import {
  checkIntegerRange,
  checkMinMax,
  checkNotEmpty,
  checkNumberRange,
  checkOneOf,
  checkPort,
  checkUnique,
} from "../../src/core/validate";
import { Role, RoleDefaults, RoleProps } from "../../src/core/role";
import { errorOf, expectedMessage, testRejections } from "../helpers";
import { BOUNDARY_ALLOWED, PATH_ALLOWED } from "./role-messages";

/** Runs `check` against a construct at `test/Thing` and returns the ValidationError's message. */
function rejection(check: (scope: Construct) => void): string {
  return errorOf((stack) => check(new Construct(stack, "Thing")));
}

describe("core checks: bad input", () => {
  test.each<[string, (scope: Construct) => void, RegExp]>([
    [
      "a name over the length limit",
      (s) => checkName(s, "THING_NAME", "name", "x".repeat(41), NameRules.prefix),
      /^test\/Thing: invalid name "x{41}": expected 1 to 40 characters of lowercase letters, digits and inner hyphens \[THING_NAME\]$/,
    ],
    [
      "an empty name",
      (s) => checkName(s, "THING_NAME", "name", "", NameRules.ecs),
      /^test\/Thing: invalid name "": expected 1 to 255 characters of letters, digits, hyphens and underscores \[THING_NAME\]$/,
    ],
    [
      "a name with characters the rule does not allow",
      (s) => checkName(s, "THING_NAME", "name", "-lb-", NameRules.loadBalancer),
      /^test\/Thing: invalid name "-lb-": expected 1 to 32 characters of letters, digits and inner hyphens \[THING_NAME\]$/,
    ],
    [
      "more tags than AWS allows",
      (s) => checkTags(s, "tags", Object.fromEntries(Array.from({ length: MAX_TAGS + 1 }, (_, i) => [`k${i}`, "v"]))),
      /^test\/Thing: invalid tags 51: expected at most 50 tags \[TAGS_TOO_MANY\]$/,
    ],
    [
      "a tag key over 128 characters",
      (s) => checkTags(s, "tags", { ["k".repeat(129)]: "v" }),
      /^test\/Thing: invalid tags\.k{129} "k{129}": expected a key of 1 to 128 characters not starting with "aws:" \[TAG_KEY_INVALID\]$/,
    ],
    [
      "an empty tag key",
      (s) => checkTags(s, "tags", { "": "v" }),
      /^test\/Thing: invalid tags\. "": expected a key of 1 to 128 characters not starting with "aws:" \[TAG_KEY_INVALID\]$/,
    ],
    [
      "a reserved aws: tag key",
      (s) => checkTags(s, "tags", { "AWS:owner": "x" }),
      /^test\/Thing: invalid tags\.AWS:owner "AWS:owner": expected a key of 1 to 128 characters not starting with "aws:" \[TAG_KEY_INVALID\]$/,
    ],
    [
      "a tag value over 256 characters",
      (s) => checkTags(s, "tags", { Team: "v".repeat(257) }),
      /^test\/Thing: invalid tags\.Team "v{196}\.\.\.: expected a value of at most 256 characters \[TAG_VALUE_TOO_LONG\]$/,
    ],
    [
      "a fraction where an integer is required",
      (s) => checkIntegerRange(s, "THING_COUNT", "count", 1.5, 1, 10),
      /^test\/Thing: invalid count 1\.5: expected an integer from 1 to 10 \[THING_COUNT\]$/,
    ],
    [
      "an integer above its range, with the unit in the message",
      (s) => checkIntegerRange(s, "THING_TIMEOUT", "timeoutSeconds", 3601, 1, 3600, "seconds"),
      /^test\/Thing: invalid timeoutSeconds 3601: expected an integer from 1 to 3600 seconds \[THING_TIMEOUT\]$/,
    ],
    [
      "a number below its range",
      (s) => checkNumberRange(s, "THING_RATIO", "ratio", -0.5, 0, 1),
      /^test\/Thing: invalid ratio -0\.5: expected a number from 0 to 1 \[THING_RATIO\]$/,
    ],
    [
      "a number that is not finite",
      (s) => checkNumberRange(s, "THING_RATIO", "ratio", Number.NaN, 0, 1),
      /^test\/Thing: invalid ratio null: expected a number from 0 to 1 \[THING_RATIO\]$/,
    ],
    [
      "a value outside a closed set",
      (s) => checkOneOf<string>(s, "THING_MODE", "mode", "both", ["on", "off"]),
      /^test\/Thing: invalid mode "both": expected one of "on", "off" \[THING_MODE\]$/,
    ],
    [
      "a minimum above its maximum",
      (s) => checkMinMax(s, "THING_CAPACITY", "minCapacity", 5, "maxCapacity", 2),
      /^test\/Thing: invalid minCapacity 5: expected a value no greater than maxCapacity \(2\) \[THING_CAPACITY\]$/,
    ],
    [
      "an empty list where one item is required",
      (s) => checkNotEmpty(s, "THING_SUBNETS", "subnetIds", []),
      /^test\/Thing: invalid subnetIds \[\]: expected at least one item \[THING_SUBNETS\]$/,
    ],
    [
      "a value given twice where values must be unique",
      (s) => checkUnique(s, "THING_DUPLICATE", "names", ["a", "b", "a"]),
      /^test\/Thing: invalid names "a": expected unique values \(this one appears more than once\) \[THING_DUPLICATE\]$/,
    ],
    [
      "port 0",
      (s) => checkPort(s, "THING_PORT", "port", 0),
      /^test\/Thing: invalid port 0: expected an integer from 1 to 65535 \[THING_PORT\]$/,
    ],
    [
      "port 65536",
      (s) => checkPort(s, "THING_PORT", "port", 65536),
      /^test\/Thing: invalid port 65536: expected an integer from 1 to 65535 \[THING_PORT\]$/,
    ],
    [
      "a missing required value (fail with undefined)",
      (s) => fail(s, { code: "THING_REQUIRED", property: "bucketArn", value: undefined, allowed: "a bucket ARN" }),
      /^test\/Thing: invalid bucketArn \(missing\): expected a bucket ARN \[THING_REQUIRED\]$/,
    ],
  ])("rejects %s", (_name, check, message) => {
    expect(rejection(check)).toMatch(message);
  });

  test("the error is a ValidationError carrying each part of the message", () => {
    const scope = new Construct(new Construct(undefined as unknown as Construct, "test"), "Thing");
    let caught: unknown;
    try {
      checkPort(scope, "THING_PORT", "port", 70000);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect(caught).toMatchObject({
      code: "THING_PORT",
      constructPath: "test/Thing",
      property: "port",
      value: 70000,
      allowed: "an integer from 1 to 65535",
    });
  });

  test("a string scope stands in for a construct path", () => {
    expect(() => fail("findThing", { code: "THING", property: "THING_DIR", value: "/tmp", allowed: "a directory" })).toThrow(
      new ValidationError("findThing", { code: "THING", property: "THING_DIR", value: "/tmp", allowed: "a directory" }),
    );
  });

  test("values longer than 200 characters are shortened in the message", () => {
    expect(rejection((s) => checkName(s, "THING_NAME", "name", "y".repeat(300), NameRules.prefix))).toMatch(
      /^test\/Thing: invalid name "y{196}\.\.\.: expected 1 to 40 .* \[THING_NAME\]$/,
    );
  });

  test("unresolved tokens and unset values pass every check", () => {
    const token = Lazy.stringValue({ produce: () => "resolved-later" });
    const number = Lazy.numberValue({ produce: () => 0 });
    expect(() =>
      rejection((s) => {
        checkName(s, "C", "name", token, NameRules.loadBalancer);
        checkName(s, "C", "name", undefined, NameRules.loadBalancer);
        checkTags(s, "tags", { Team: token, [token]: "v" });
        checkIntegerRange(s, "C", "n", number, 1, 2);
        checkNumberRange(s, "C", "n", number, 1, 2);
        checkOneOf<string>(s, "C", "mode", token, ["on"]);
        checkMinMax(s, "C", "min", number, "max", 1);
        checkNotEmpty(s, "C", "list", Lazy.listValue({ produce: () => [] }));
        checkUnique(s, "C", "names", [token, token]);
        checkPort(s, "C", "port", undefined);
      }),
    ).toThrow("expected the construct to throw a ValidationError, but it did not");
  });
});

describe("Role: bad input", () => {
  const role = (extra: Partial<RoleProps>) => (scope: Construct) =>
    new Role(scope, "Role", { name: "acme-role", assumedBy: "ecs-tasks.amazonaws.com", description: "test", ...extra });
  testRejections([
    [
      "a role name with characters IAM refuses",
      role({ name: "acme role" }),
      expectedMessage("test/Role", "name", "acme role", "1 to 64 characters of letters, digits and +=,.@_-", "ROLE_NAME"),
    ],
    [
      "a role tag key in the reserved aws: prefix",
      role({ tags: { "aws:team": "x" } }),
      expectedMessage("test/Role", "tags.aws:team", "aws:team", 'a key of 1 to 128 characters not starting with "aws:"', "TAG_KEY_INVALID"),
    ],
    [
      "a permissions boundary that is a policy name, not an ARN",
      role({ permissionsBoundaryArn: "platform-boundary" }),
      expectedMessage("test/Role", "permissionsBoundaryArn", "platform-boundary", BOUNDARY_ALLOWED, "ROLE_PERMISSIONS_BOUNDARY"),
    ],
    [
      "a permissions boundary that is an AWS managed policy",
      role({ permissionsBoundaryArn: "arn:aws:iam::aws:policy/PowerUserAccess" }),
      expectedMessage(
        "test/Role",
        "permissionsBoundaryArn",
        "arn:aws:iam::aws:policy/PowerUserAccess",
        BOUNDARY_ALLOWED,
        "ROLE_PERMISSIONS_BOUNDARY",
      ),
    ],
    [
      "a permissions boundary that is a role ARN",
      role({ permissionsBoundaryArn: "arn:aws:iam::123456789012:role/boundary" }),
      expectedMessage(
        "test/Role",
        "permissionsBoundaryArn",
        "arn:aws:iam::123456789012:role/boundary",
        BOUNDARY_ALLOWED,
        "ROLE_PERMISSIONS_BOUNDARY",
      ),
    ],
    [
      "a path without the trailing slash",
      role({ path: "/platform" }),
      expectedMessage("test/Role", "path", "/platform", PATH_ALLOWED, "ROLE_PATH"),
    ],
    [
      "a path without the leading slash",
      role({ path: "platform/" }),
      expectedMessage("test/Role", "path", "platform/", PATH_ALLOWED, "ROLE_PATH"),
    ],
    ["a path with a space", role({ path: "/my team/" }), expectedMessage("test/Role", "path", "/my team/", PATH_ALLOWED, "ROLE_PATH")],
    ["an empty path", role({ path: "" }), expectedMessage("test/Role", "path", "", PATH_ALLOWED, "ROLE_PATH")],
    [
      "a path over 512 characters",
      role({ path: `/${"p".repeat(511)}/` }),
      expectedMessage("test/Role", "path", `/${"p".repeat(511)}/`, PATH_ALLOWED, "ROLE_PATH"),
    ],
    [
      "stack defaults with a bad boundary",
      (scope) => RoleDefaults.of(scope).set({ permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/" }),
      expectedMessage(
        "test",
        "roleDefaults.permissionsBoundaryArn",
        "arn:aws:iam::123456789012:policy/",
        BOUNDARY_ALLOWED,
        "ROLE_PERMISSIONS_BOUNDARY",
      ),
    ],
    [
      "stack defaults with a bad path",
      (scope) => RoleDefaults.of(scope).set({ path: "//" }),
      expectedMessage("test", "roleDefaults.path", "//", PATH_ALLOWED, "ROLE_PATH"),
    ],
    [
      "a role without assumedBy (a config from JSON)",
      (scope) => new Role(scope, "Role", JSON.parse('{"name":"acme-test-role","description":"test"}')),
      expectedMessage("test/Role", "assumedBy", undefined, "a string (required)", "PROP_REQUIRED"),
    ],
  ]);
});

describe("checkRequiredProps: bad input", () => {
  const spec = { name: PropKinds.string, port: PropKinds.number, zones: PropKinds.strings, mode: PropKinds.oneOf(["a", "b"]) };
  const valid = { name: "acme", port: 80, zones: ["eu-west-1a"], mode: "a" };
  test.each<[string, unknown, RegExp]>([
    ["props null", null, /^test\/Thing: invalid props \(missing\): expected a ThingProps object \[PROP_REQUIRED\]$/],
    ["props a list", [valid], /^test\/Thing: invalid props \[.*\]: expected a ThingProps object \[PROP_TYPE\]$/],
    ["a prop null", { ...valid, name: null }, /^test\/Thing: invalid name \(missing\): expected a string \(required\) \[PROP_REQUIRED\]$/],
    ["a number that is NaN", { ...valid, port: NaN }, /^test\/Thing: invalid port null: expected a number \[PROP_TYPE\]$/],
    [
      "a list with a number in it",
      { ...valid, zones: ["eu-west-1a", 1] },
      /^test\/Thing: invalid zones \["eu-west-1a",1\]: expected a list of strings \[PROP_TYPE\]$/,
    ],
    ["a value outside a closed set", { ...valid, mode: "c" }, /^test\/Thing: invalid mode "c": expected one of "a", "b" \[PROP_TYPE\]$/],
  ])("%s", (_, props, message) => {
    expect(rejection((s) => checkRequiredProps(s, "ThingProps", props, spec))).toMatch(message);
  });
  test("nested required props name their path", () => {
    const nested = {
      target: PropKinds.object("a target", { arn: PropKinds.string }),
      items: PropKinds.record("items by name", { size: PropKinds.number }),
    };
    expect(rejection((s) => checkRequiredProps(s, "ThingProps", { target: {}, items: {} }, nested))).toMatch(
      /^test\/Thing: invalid target\.arn \(missing\): expected a string \(required\) \[PROP_REQUIRED\]$/,
    );
    expect(rejection((s) => checkRequiredProps(s, "ThingProps", { target: { arn: "x" }, items: { big: { size: "9" } } }, nested))).toMatch(
      /^test\/Thing: invalid items\.big\.size "9": expected a number \[PROP_TYPE\]$/,
    );
  });
  test("valid props and tokens pass", () => {
    const stack = new TerraformStack(Testing.app(), "ok");
    expect(() => checkRequiredProps(new Construct(stack, "Thing"), "ThingProps", valid, spec)).not.toThrow();
    const tokens = {
      ...valid,
      name: Lazy.stringValue({ produce: () => "x" }),
      port: Lazy.numberValue({ produce: () => 1 }),
      zones: Lazy.listValue({ produce: () => [] }),
    };
    expect(() => checkRequiredProps(new Construct(stack, "Tokens"), "ThingProps", tokens, spec)).not.toThrow();
  });
});
