/**
 * Every bad input plan review rejects, each with the library's one error shape:
 * `<where>: invalid <property> <value>: expected <allowed> [<CODE>]`. `<where>` is what the caller
 * can fix: the CLI (`plan-review`), the file at fault, the plan resource, or the function called.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ValidationError } from "../../src/core/errors";
import {
  DEFAULT_PRICE_TABLE_PATH,
  parsePolicyReport,
  parsePriceTable,
  PlanJson,
  readStackBase,
  reviewPlan,
  summarizeChanges,
} from "../../src/plan-review";
import { actionOf } from "../../src/plan-review/plan";
import { CliEnvironment, CliOptions, main, parseArgs, runPlanReview, synthesizeApp, UsageError } from "../../src/plan-review/cli";

/** The shipped price table with one change applied. */
function table(change: (data: any) => void = () => undefined): unknown {
  const data = JSON.parse(readFileSync(DEFAULT_PRICE_TABLE_PATH, "utf8"));
  change(data);
  return data;
}

function planWithActions(actions: string[]): PlanJson {
  return {
    format_version: "1.2",
    resource_changes: [
      {
        address: "aws_ecs_service.Api_F70053CD",
        type: "aws_ecs_service",
        name: "Api_F70053CD",
        change: { actions, before: null, after: {} },
      },
    ],
  };
}

/** A synthesized output with a `dev` stack, and CLI options that review it without synthesizing or planning. */
function cliSetup(overrides: Partial<CliOptions> = {}): { root: string; options: CliOptions; env: CliEnvironment } {
  const root = mkdtempSync(join(tmpdir(), "plan-review-bad-input-"));
  mkdirSync(join(root, "cdktf.out", "stacks", "dev"), { recursive: true });
  writeFileSync(join(root, "cdktf.out", "stacks", "dev", "cdk.tf.json"), "{}");
  const options: CliOptions = { ...parseArgs([]), outDir: join(root, "out"), synthDir: join(root, "cdktf.out"), ...overrides };
  const never = async (): Promise<never> => {
    throw new Error("must not run for bad input");
  };
  return { root, options, env: { synthesize: never, plan: never, log: () => undefined } };
}

/** Runs `build` (sync or async) and returns the message of the ValidationError it must throw. */
async function validationMessage(build: () => unknown): Promise<string> {
  try {
    await build();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error("expected a ValidationError, but nothing was thrown");
}

const PRICE = "a non-negative number";

describe("plan review bad input", () => {
  test.each<[string, () => unknown, RegExp]>([
    // Plans
    [
      "a plan action list Terraform does not write, named by resource",
      () => summarizeChanges(planWithActions(["explode"])),
      /^aws_ecs_service\.Api_F70053CD: invalid change\.actions \["explode"\]: expected one action of create, update, replace, delete, no-op, read, forget, or "create" and "delete" \(a replacement\) \[PLAN_REVIEW_UNKNOWN_ACTIONS\]$/,
    ],
    [
      "an action list given to actionOf without an address",
      () => actionOf(["create", "update"]),
      /^terraform plan: invalid change\.actions \["create","update"\]: expected one action of .*, or "create" and "delete" \(a replacement\) \[PLAN_REVIEW_UNKNOWN_ACTIONS\]$/,
    ],
    [
      "a negative attribute limit",
      () => summarizeChanges(planWithActions(["create"]), { maxAttributesPerResource: -1 }),
      /^summarizeChanges: invalid maxAttributesPerResource -1: expected a whole number of attributes, 0 or more \[PLAN_REVIEW_MAX_ATTRIBUTES\]$/,
    ],
    [
      "a fractional attribute limit",
      () => summarizeChanges(planWithActions(["create"]), { maxAttributesPerResource: 2.5 }),
      /^summarizeChanges: invalid maxAttributesPerResource 2\.5: expected a whole number of attributes, 0 or more \[PLAN_REVIEW_MAX_ATTRIBUTES\]$/,
    ],
    // Price tables
    [
      "a table of another schema version",
      () => parsePriceTable(table((d) => (d.schemaVersion = 2))),
      /^price table: invalid schemaVersion 2: expected 1 \[PLAN_REVIEW_PRICE_TABLE_SCHEMA\]$/,
    ],
    [
      "something that is not a table",
      () => parsePriceTable(null, "my.json"),
      /^my\.json: invalid schemaVersion \(missing\): expected 1 \[PLAN_REVIEW_PRICE_TABLE_SCHEMA\]$/,
    ],
    [
      "a table without a date version",
      () =>
        parsePriceTable(
          table((d) => (d.version = "latest")),
          "my.json",
        ),
      /^my\.json: invalid version "latest": expected the date the prices were taken, YYYY-MM-DD \[PLAN_REVIEW_PRICE_TABLE_VERSION\]$/,
    ],
    [
      "a currency that is not a string",
      () =>
        parsePriceTable(
          table((d) => (d.currency = 840)),
          "my.json",
        ),
      /^my\.json: invalid currency 840: expected a currency code string, e\.g\. USD \[PLAN_REVIEW_PRICE_TABLE_STRING\]$/,
    ],
    [
      "a table without its source",
      () =>
        parsePriceTable(
          table((d) => delete d.source),
          "my.json",
        ),
      /^my\.json: invalid source \(missing\): expected a string saying where the prices come from \[PLAN_REVIEW_PRICE_TABLE_STRING\]$/,
    ],
    [
      "no hours in a month",
      () =>
        parsePriceTable(
          table((d) => (d.hoursPerMonth = 0)),
          "my.json",
        ),
      /^my\.json: invalid hoursPerMonth 0: expected hours in a month, from 1 to 744 \(31 days\); AWS's calculator uses 730 \[PLAN_REVIEW_PRICE_TABLE_HOURS\]$/,
    ],
    [
      "more hours than a month has",
      () =>
        parsePriceTable(
          table((d) => (d.hoursPerMonth = 8760)),
          "my.json",
        ),
      /^my\.json: invalid hoursPerMonth 8760: expected hours in a month, from 1 to 744 \(31 days\); AWS's calculator uses 730 \[PLAN_REVIEW_PRICE_TABLE_HOURS\]$/,
    ],
    [
      "an assumption given as a string",
      () =>
        parsePriceTable(
          table((d) => (d.assumptions.loadBalancerCapacityUnits = "2")),
          "my.json",
        ),
      new RegExp(`^my\\.json: invalid assumptions\\.loadBalancerCapacityUnits "2": expected ${PRICE} \\[PLAN_REVIEW_PRICE_TABLE_PRICE\\]$`),
    ],
    [
      "a table without regions",
      () =>
        parsePriceTable(
          table((d) => (d.regions = {})),
          "my.json",
        ),
      /^my\.json: invalid regions \{\}: expected an object with the prices of at least one region \[PLAN_REVIEW_PRICE_TABLE_REGIONS\]$/,
    ],
    [
      "a region that is not an object",
      () =>
        parsePriceTable(
          table((d) => (d.regions["eu-west-1"] = null)),
          "my.json",
        ),
      /^my\.json: invalid regions\.eu-west-1 null: expected an object with the region's prices \[PLAN_REVIEW_PRICE_TABLE_REGION\]$/,
    ],
    [
      "a missing price, named by its path",
      () =>
        parsePriceTable(
          table((d) => delete d.regions["eu-west-1"].fargateSpot.ARM64.gibHour),
          "my.json",
        ),
      new RegExp(
        `^my\\.json: invalid regions\\.eu-west-1\\.fargateSpot\\.ARM64\\.gibHour \\(missing\\): expected ${PRICE} \\[PLAN_REVIEW_PRICE_TABLE_PRICE\\]$`,
      ),
    ],
    [
      "a negative price",
      () =>
        parsePriceTable(
          table((d) => (d.regions["us-east-1"].ec2["m7g.large"].hour = -1)),
          "my.json",
        ),
      new RegExp(
        `^my\\.json: invalid regions\\.us-east-1\\.ec2\\.m7g\\.large\\.hour -1: expected ${PRICE} \\[PLAN_REVIEW_PRICE_TABLE_PRICE\\]$`,
      ),
    ],
    [
      "a region without EC2 prices",
      () =>
        parsePriceTable(
          table((d) => delete d.regions["eu-west-1"].ec2),
          "my.json",
        ),
      /^my\.json: invalid regions\.eu-west-1\.ec2 \(missing\): expected an object mapping instance types to prices \[PLAN_REVIEW_PRICE_TABLE_EC2\]$/,
    ],
    // Policy reports
    [
      "a report without findings",
      () => parsePolicyReport({}, "p.json"),
      /^p\.json: invalid findings \(missing\): expected an array of findings \[PLAN_REVIEW_POLICY_REPORT_FINDINGS\]$/,
    ],
    [
      "a finding without a rule id",
      () => parsePolicyReport({ findings: [{ severity: "error", message: "m" }] }),
      /^policy report: invalid findings\[0\]\.ruleId \(missing\): expected a rule id string \[PLAN_REVIEW_POLICY_REPORT_STRING\]$/,
    ],
    [
      "an unknown level",
      () => parsePolicyReport({ findings: [{ ruleId: "A", severity: "fatal", message: "m" }] }),
      /^policy report: invalid findings\[0\]\.severity "fatal": expected one of error, warning, info \[PLAN_REVIEW_POLICY_REPORT_SEVERITY\]$/,
    ],
    [
      "a finding without a message",
      () => parsePolicyReport({ findings: [{ ruleId: "A", severity: "info" }] }),
      /^policy report: invalid findings\[0\]\.message \(missing\): expected a message string \[PLAN_REVIEW_POLICY_REPORT_STRING\]$/,
    ],
    [
      "a suppression without a reason",
      () => parsePolicyReport({ findings: [{ ruleId: "A", severity: "error", message: "m", suppressed: {} }] }),
      /^policy report: invalid findings\[0\]\.suppressed\.reason \(missing\): expected a string \(a suppression needs a reason\) \[PLAN_REVIEW_POLICY_REPORT_SUPPRESSION\]$/,
    ],
    // Command line
    [
      "an unknown option",
      () => parseArgs(["--ofline"]),
      /^plan-review: invalid option "--ofline": expected one of --offline, --out, --fail-on-destroy, --prices, --region, --no-refresh, --no-lock, --synth-dir, --base-addresses, --base-synth, --help \[PLAN_REVIEW_UNKNOWN_OPTION\]$/,
    ],
    [
      "an option without its value",
      () => parseArgs(["--out"]),
      /^plan-review: invalid --out \(missing\): expected a non-empty value after the option \(not another option\) \[PLAN_REVIEW_OPTION_VALUE\]$/,
    ],
    [
      "an option followed by another option",
      () => parseArgs(["--prices", "--offline"]),
      /^plan-review: invalid --prices "--offline": expected a non-empty value after the option \(not another option\) \[PLAN_REVIEW_OPTION_VALUE\]$/,
    ],
    [
      'an empty option value (--out "")',
      () => parseArgs(["--out", ""]),
      /^plan-review: invalid --out "": expected a non-empty value after the option \(not another option\) \[PLAN_REVIEW_OPTION_VALUE\]$/,
    ],
    [
      "a value given to a flag (--offline=yes)",
      () => parseArgs(["--offline=yes"]),
      /^plan-review: invalid --offline "yes": expected the flag alone, without a value \[PLAN_REVIEW_FLAG_VALUE\]$/,
    ],
    [
      "an unknown short option",
      () => parseArgs(["-x"]),
      /^plan-review: invalid option "-x": expected one of --offline, .* \[PLAN_REVIEW_UNKNOWN_OPTION\]$/,
    ],
    [
      "a region that does not exist",
      () => parseArgs(["--region", "eu-west-7"]),
      /^plan-review: invalid --region "eu-west-7": expected an AWS region code that exists, such as eu-west-1 \[PLAN_REVIEW_REGION\]$/,
    ],
    [
      "a --synth-dir that does not exist (a typo in CI must not review nothing and pass)",
      () => {
        const t = cliSetup();
        return runPlanReview({ ...t.options, synthDir: join(t.root, "cdktf.ouut") }, t.env);
      },
      /^plan-review: invalid --synth-dir "\/.*\/cdktf\.ouut": expected a cdktf output directory holding stacks\/<name>\/cdk\.tf\.json \(it does not exist\) \[PLAN_REVIEW_SYNTH_DIR\]$/,
    ],
    [
      "a --synth-dir without a stacks folder",
      () => {
        const t = cliSetup();
        return runPlanReview({ ...t.options, synthDir: t.root }, t.env);
      },
      /^plan-review: invalid --synth-dir "\/.*": expected a cdktf output directory holding stacks\/<name>\/cdk\.tf\.json \(it has no stacks\/ folder\) \[PLAN_REVIEW_SYNTH_DIR\]$/,
    ],
    [
      "a base without --offline (a real plan compares with the deployed state already)",
      () => parseArgs(["--base-addresses", "pinned"]),
      /^plan-review: invalid --base-addresses "pinned": expected --offline as well \(a real plan compares with the deployed state already\) \[PLAN_REVIEW_BASE_NEEDS_OFFLINE\]$/,
    ],
    [
      "two bases",
      () => parseArgs(["--offline", "--base-addresses", "pinned", "--base-synth", "base.out"]),
      /^plan-review: invalid --base-synth "base\.out": expected one base: --base-addresses \(pinned address lists\) or --base-synth \(the base branch's synthesized output\), not both \[PLAN_REVIEW_BASE_TWICE\]$/,
    ],
    [
      "a --base-synth without its value",
      () => parseArgs(["--offline", "--base-synth"]),
      /^plan-review: invalid --base-synth \(missing\): expected a non-empty value after the option \(not another option\) \[PLAN_REVIEW_OPTION_VALUE\]$/,
    ],
    [
      "a --base-addresses directory that does not exist (a typo must not compare with nothing and pass)",
      () => {
        const t = cliSetup();
        return runPlanReview({ ...t.options, offline: true, base: { kind: "addresses", dir: join(t.root, "pinned") } }, t.env);
      },
      /^plan-review: invalid --base-addresses "\/.*\/pinned": expected a directory holding <stack>\.txt address lists \(it does not exist\) \[PLAN_REVIEW_BASE_DIR\]$/,
    ],
    [
      "a --base-synth directory without a stacks folder",
      () => {
        const t = cliSetup();
        return runPlanReview({ ...t.options, offline: true, base: { kind: "synth", dir: t.root } }, t.env);
      },
      /^plan-review: invalid --base-synth "\/.*": expected a directory holding stacks\/<name>\/cdk\.tf\.json \(it has no stacks\/ folder\) \[PLAN_REVIEW_BASE_DIR\]$/,
    ],
    [
      "a pinned address list with a line that is not an address, naming the file",
      () => {
        const dir = mkdtempSync(join(tmpdir(), "plan-review-base-"));
        writeFileSync(join(dir, "dev.txt"), "aws_vpc.Network_1C6012B5\nNetwork VPC\n");
        return readStackBase("addresses", dir, "dev");
      },
      /^\/.*\/dev\.txt: invalid address "Network VPC": expected one resource address per line, <type>\.<name> \(e\.g\. aws_ecs_service\.Web_3C8945DB\) \[PLAN_REVIEW_BASE_ADDRESS\]$/,
    ],
    [
      "a base stack that is not JSON, naming the file",
      () => {
        const dir = mkdtempSync(join(tmpdir(), "plan-review-base-"));
        mkdirSync(join(dir, "stacks", "dev"), { recursive: true });
        writeFileSync(join(dir, "stacks", "dev", "cdk.tf.json"), "{ not json");
        return readStackBase("synth", dir, "dev");
      },
      /^\/.*\/stacks\/dev\/cdk\.tf\.json: invalid cdk\.tf\.json "\/.*": expected JSON \(.*\) \[PLAN_REVIEW_BASE_SYNTH\]$/,
    ],
    [
      "a base stack whose resources are not an object",
      () => {
        const dir = mkdtempSync(join(tmpdir(), "plan-review-base-"));
        mkdirSync(join(dir, "stacks", "dev"), { recursive: true });
        writeFileSync(join(dir, "stacks", "dev", "cdk.tf.json"), JSON.stringify({ resource: [] }));
        return readStackBase("synth", dir, "dev");
      },
      /^\/.*\/cdk\.tf\.json: invalid resource \[\]: expected a synthesized stack: an object whose resource blocks are keyed by type and name \[PLAN_REVIEW_BASE_SYNTH\]$/,
    ],
    [
      "reviewPlan given a base without the synthesized stack to compare",
      () =>
        reviewPlan({
          stack: "dev",
          plan: planWithActions(["create"]),
          prices: parsePriceTable(table()),
          emptyState: true,
          base: { source: "b", addresses: [] },
        }),
      /^reviewPlan: invalid synthesized \(missing\): expected the stack's synthesized cdk\.tf\.json, to compare with the base \[PLAN_REVIEW_BASE_WITHOUT_SYNTH\]$/,
    ],
    [
      "a stack name that could escape the output directory",
      () => parseArgs(["../etc"]),
      /^plan-review: invalid stack "\.\.\/etc": expected a stack name of letters, digits, - and _ \[PLAN_REVIEW_STACK_NAME\]$/,
    ],
    [
      "a stack that was not synthesized, naming the ones that were",
      () => {
        const t = cliSetup({ stacks: ["qa", "dev"] });
        return runPlanReview(t.options, t.env);
      },
      /^plan-review: invalid stacks \["qa"\]: expected stacks synthesized in \/.*\/cdktf\.out \(have: dev\) \[PLAN_REVIEW_UNKNOWN_STACK\]$/,
    ],
    [
      "a price table file that cannot be read",
      () => {
        const t = cliSetup();
        return runPlanReview({ ...t.options, pricesFile: join(t.root, "none.json") }, t.env);
      },
      /^plan-review: invalid --prices "\/.*\/none\.json": expected a readable JSON price table \(ENOENT: no such file or directory, open '.*none\.json'\) \[PLAN_REVIEW_PRICE_TABLE_FILE\]$/,
    ],
    [
      "a price table file with a bad price, naming the file",
      () => {
        const t = cliSetup();
        const file = join(t.root, "prices.json");
        writeFileSync(file, JSON.stringify(table((d) => (d.regions["eu-west-1"].natGatewayHour = -0.05))));
        return runPlanReview({ ...t.options, pricesFile: file }, t.env);
      },
      new RegExp(
        `^/.*/prices\\.json: invalid regions\\.eu-west-1\\.natGatewayHour -0\\.05: expected ${PRICE} \\[PLAN_REVIEW_PRICE_TABLE_PRICE\\]$`,
      ),
    ],
    [
      "a cdktf.json without an app command",
      async () => {
        const t = cliSetup();
        writeFileSync(join(t.root, "cdktf.json"), JSON.stringify({ language: "typescript" }));
        const cwd = process.cwd();
        process.chdir(t.root);
        try {
          await synthesizeApp(join(t.root, "synth"));
        } finally {
          process.chdir(cwd);
        }
      },
      /^cdktf\.json: invalid app \(missing\): expected the command that synthesizes the app \[PLAN_REVIEW_NO_APP\]$/,
    ],
  ])("rejects %s", async (_, build, message) => {
    expect(await validationMessage(build)).toMatch(message);
  });

  test("command-line and price-table rejections are usage errors, which main turns into exit code 64", async () => {
    expect(() => parseArgs(["--nope"])).toThrow(UsageError);
    const t = cliSetup();
    await expect(runPlanReview({ ...t.options, pricesFile: join(t.root, "none.json") }, t.env)).rejects.toThrow(UsageError);
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      for (const argv of [
        ["--out", ""],
        ["--region", "mars-1"],
        ["--synth-dir", "/nonexistent/cdktf.out"],
        ["--base-synth", "base.out"],
        ["--offline", "--base-addresses", "/nonexistent/pinned"],
      ]) {
        expect(await main(argv)).toBe(64);
        expect(error.mock.calls.at(-1)![0]).toMatch(
          /^plan-review: invalid --[a-z-]+ .*: expected .* \[PLAN_REVIEW_[A-Z_]+\]\n\nUsage: plan-review/,
        );
      }
      error.mockClear();
      expect(await main(["--nope"])).toBe(64);
      expect(error.mock.calls[0][0]).toMatch(
        /^plan-review: invalid option "--nope": expected one of .* \[PLAN_REVIEW_UNKNOWN_OPTION\]\n\nUsage: plan-review/,
      );
    } finally {
      error.mockRestore();
    }
  });
});
