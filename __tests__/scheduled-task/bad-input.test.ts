import { Construct } from "constructs";
import { EventRuleTrigger, EventRuleTriggerProps } from "../../src/scheduled-task/rule-trigger";
import { expectedMessage, testRejections, validationErrorOf } from "../helpers";
import { ScheduledTask } from "../../src/scheduled-task/scheduled-task";
import { scheduleOptionRejections } from "../schedule/option-rejections";
import { nightly, NightlyProps, testTaskDefinition } from "./fixtures";

/**
 * Every bad input the scheduled-task constructs reject, each with the library's one message shape:
 * `<construct path>: invalid <property> <value>: expected <allowed> [<CODE>]`.
 */

const RESERVED_TAG_KEY = 'a key of 1 to 128 characters not starting with "aws:"';
const NAME_64 = "1 to 64 characters of letters, digits and ._-";
const RULE_ONLY =
  'no value with trigger "eventbridge-rule" (EventBridge rules run in UTC and have no time window, dates, groups or key; use the default "scheduler" trigger)';
const NOT_AWSVPC = (property: string) =>
  `no ${property} for a task definition in bridge network mode (only awsvpc tasks have their own network interface)`;

const task = (extra: Partial<NightlyProps>) => (scope: Construct) => nightly(scope, extra);
const bridge: Partial<NightlyProps> = { compatibility: "EC2", networkMode: "bridge", providers: ["acme-ec2"] };

const rule = (extra: Partial<EventRuleTriggerProps>) => (scope: Construct) =>
  new EventRuleTrigger(scope, "Rule", {
    name: "acme-test-nightly-report",
    schedule: "cron(0 2 * * ? *)",
    clusterArn: "arn:aws:ecs:eu-west-1:111122223333:cluster/acme-test",
    runTask: {
      taskDefinitionArn: "arn:aws:ecs:eu-west-1:111122223333:task-definition/acme-test-report:3",
      taskCount: 1,
      group: "scheduled:acme-test-nightly-report",
      enableEcsManagedTags: true,
    },
    statements: [
      { sid: "RunTask", actions: ["ecs:RunTask"], resources: ["arn:aws:ecs:eu-west-1:111122223333:task-definition/acme-test-report:*"] },
    ],
    summary: "the nightly report",
    ...extra,
  });

describe("ScheduledTask bad input", () => {
  const at = "test/Nightly";
  const seventeenSubnets = Array.from({ length: 17 }, (_, i) => `s-${i}`);
  testRejections([
    [
      "a name over 64 characters",
      task({ name: "a".repeat(65) }),
      expectedMessage(at, "name", "a".repeat(65), NAME_64, "SCHEDULED_TASK_NAME"),
    ],
    ["a name with spaces", task({ name: "nightly report" }), expectedMessage(at, "name", "nightly report", NAME_64, "SCHEDULED_TASK_NAME")],
    [
      "a reserved tag key",
      task({ tags: { "aws:team": "x" } }),
      expectedMessage(at, "tags.aws:team", "aws:team", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
    [
      "an unknown trigger",
      task({ trigger: "cron" as any }),
      expectedMessage(at, "trigger", "cron", 'one of "scheduler", "eventbridge-rule"', "SCHEDULED_TASK_TRIGGER"),
    ],
    [
      "more than 10 tasks",
      task({ taskCount: 11 }),
      expectedMessage(at, "taskCount", 11, "an integer from 1 to 10", "SCHEDULED_TASK_COUNT"),
    ],
    [
      "both a launch type and a strategy",
      task({ launchType: "FARGATE", capacityProviderStrategy: [{ capacityProvider: "FARGATE" }] }),
      expectedMessage(at, "launchType", "FARGATE", "either launchType or capacityProviderStrategy, not both", "SCHEDULED_TASK_PLACEMENT"),
    ],
    ...["1.3.0", "1.4", "latest"].map((version): [string, (scope: Construct) => unknown, RegExp] => [
      `Fargate platform version ${version}`,
      task({ platformVersion: version }),
      expectedMessage(
        at,
        "platformVersion",
        version,
        'a Fargate Linux platform version: "LATEST" or "1.4.0" (1.3.0 and earlier are retired: no new task starts on them)',
        "SCHEDULED_TASK_PLATFORM_VERSION",
      ),
    ]),
    [
      "the EC2 launch type for a Fargate task",
      task({ launchType: "EC2" }),
      expectedMessage(at, "launchType", "EC2", 'one of "FARGATE"', "SCHEDULED_TASK_LAUNCH_TYPE"),
    ],
    [
      "a provider the cluster lacks",
      task({ capacityProviderStrategy: [{ capacityProvider: "acme-ec2" }] }),
      expectedMessage(
        at,
        "capacityProviderStrategy[0].capacityProvider",
        "acme-ec2",
        'a capacity provider of the cluster: "FARGATE", "FARGATE_SPOT"',
        "CLUSTER_STRATEGY_UNKNOWN_PROVIDER",
      ),
    ],
    [
      "the same provider twice",
      task({ capacityProviderStrategy: [{ capacityProvider: "FARGATE" }, { capacityProvider: "FARGATE" }] }),
      expectedMessage(
        at,
        "capacityProviderStrategy[1].capacityProvider",
        "FARGATE",
        "each capacity provider at most once",
        "CLUSTER_STRATEGY_DUPLICATE",
      ),
    ],
    [
      "an EC2 provider for a Fargate task",
      task({ providers: ["FARGATE_SPOT", "acme-ec2"], capacityProviderStrategy: [{ capacityProvider: "acme-ec2" }] }),
      expectedMessage(
        at,
        "capacityProviderStrategy[0].capacityProvider",
        "acme-ec2",
        "FARGATE or FARGATE_SPOT for a Fargate task definition",
        "SCHEDULED_TASK_STRATEGY_COMPATIBILITY",
      ),
    ],
    [
      "a Fargate provider for an EC2 task",
      task({ compatibility: "EC2", providers: ["FARGATE", "acme-ec2"], capacityProviderStrategy: [{ capacityProvider: "FARGATE" }] }),
      expectedMessage(
        at,
        "capacityProviderStrategy[0].capacityProvider",
        "FARGATE",
        "an EC2 capacity provider of the cluster for an EC2 task definition",
        "SCHEDULED_TASK_STRATEGY_COMPATIBILITY",
      ),
    ],
    [
      "the Spot default on a cluster without Fargate Spot",
      task({ providers: ["FARGATE"] }),
      // The cluster name is a token: the message shows it unresolved.
      /^test\/Nightly: invalid capacityProviderStrategy \(missing\): expected a capacityProviderStrategy or launchType, because cluster \$\{TfToken\[TOKEN\.\d+\]\} has no FARGATE_SPOT provider \(the default for scheduled jobs\) \[SCHEDULED_TASK_NO_FARGATE_SPOT\]$/,
    ],
    [
      "subnets for a bridge-mode task",
      task({ ...bridge, subnetIds: ["subnet-1"] }),
      expectedMessage(at, "subnetIds", ["subnet-1"], NOT_AWSVPC("subnetIds"), "SCHEDULED_TASK_NETWORK_MODE"),
    ],
    [
      "a public IP setting for a bridge-mode task",
      task({ ...bridge, assignPublicIp: false }),
      expectedMessage(at, "assignPublicIp", false, NOT_AWSVPC("assignPublicIp"), "SCHEDULED_TASK_NETWORK_MODE"),
    ],
    [
      "security groups for a bridge-mode task",
      task({ ...bridge, securityGroups: [] }),
      expectedMessage(at, "securityGroups", "(security groups)", NOT_AWSVPC("securityGroups"), "SCHEDULED_TASK_NETWORK_MODE"),
    ],
    ["no subnets", task({ subnetIds: [] }), expectedMessage(at, "subnetIds", [], "at least one item", "SCHEDULED_TASK_SUBNETS")],
    [
      "17 subnets",
      task({ subnetIds: seventeenSubnets }),
      expectedMessage(at, "subnetIds", seventeenSubnets, "at most 16 subnets", "SCHEDULED_TASK_SUBNETS"),
    ],
    [
      "an empty security group list",
      task({ securityGroups: [] }),
      expectedMessage(at, "securityGroups", 0, "1 to 5 security groups (leave it out to get a new one)", "SCHEDULED_TASK_SECURITY_GROUPS"),
    ],
    [
      "an override for an unknown container",
      task({ containerOverrides: { web: { command: ["x"] } } }),
      expectedMessage(
        at,
        "containerOverrides.web",
        "web",
        "a container of task family acme-test-report: report, sidecar",
        "SCHEDULED_TASK_OVERRIDE_CONTAINER",
      ),
    ],
    [
      "an empty command override",
      task({ containerOverrides: { report: { command: [] } } }),
      expectedMessage(
        at,
        "containerOverrides.report.command",
        [],
        "at least one argument, or no command override",
        "SCHEDULED_TASK_OVERRIDE_COMMAND",
      ),
    ],
    [
      "a bad environment name",
      task({ containerOverrides: { report: { environment: { "MY-VAR": "1" } } } }),
      expectedMessage(
        at,
        "containerOverrides.report.environment",
        "MY-VAR",
        "variable names of letters, digits and underscores, not starting with a digit",
        "SCHEDULED_TASK_OVERRIDE_ENVIRONMENT",
      ),
    ],
    [
      "overrides over 8192 characters",
      task({ containerOverrides: { report: { command: ["x".repeat(8200)] } } }),
      expectedMessage(
        at,
        "containerOverrides",
        "8257 characters",
        "at most 8192 characters of overrides JSON (ECS limit)",
        "SCHEDULED_TASK_OVERRIDES_TOO_LONG",
      ),
    ],
    [
      "at() with the eventbridge-rule trigger",
      task({ trigger: "eventbridge-rule", schedule: "at(2030-01-01T00:00:00)" }),
      expectedMessage(
        at,
        "schedule",
        "at(2030-01-01T00:00:00)",
        "an expression of the form cron(...) or rate(...) (EventBridge rules do not take at())",
        "SCHEDULE_AT_NOT_SUPPORTED",
      ),
    ],
    [
      "a time zone with the eventbridge-rule trigger",
      task({ trigger: "eventbridge-rule", timeZone: "Europe/Paris" }),
      expectedMessage(at, "timeZone", "Europe/Paris", RULE_ONLY, "SCHEDULE_NOT_SUPPORTED_BY_RULE"),
    ],
    [
      "a flexible window with the eventbridge-rule trigger",
      task({ trigger: "eventbridge-rule", flexibleTimeWindowMinutes: 5 }),
      expectedMessage(at, "flexibleTimeWindowMinutes", 5, RULE_ONLY, "SCHEDULE_NOT_SUPPORTED_BY_RULE"),
    ],
    [
      "a start date with the eventbridge-rule trigger",
      task({ trigger: "eventbridge-rule", startDate: "2030-01-01T00:00:00Z" }),
      expectedMessage(at, "startDate", "2030-01-01T00:00:00Z", RULE_ONLY, "SCHEDULE_NOT_SUPPORTED_BY_RULE"),
    ],
    [
      "connections of a task without a security group",
      (scope) => nightly(scope, bridge).connections,
      expectedMessage(
        at,
        "connections",
        undefined,
        "an awsvpc task definition (other network modes have no task security group)",
        "SCHEDULED_TASK_NO_SECURITY_GROUP",
      ),
    ],
    ...scheduleOptionRejections(at, task),
  ]);
});

describe("EventRuleTrigger bad input", () => {
  const at = "test/Rule";
  testRejections([
    [
      "a rule name with spaces",
      rule({ name: "nightly report" }),
      expectedMessage(at, "name", "nightly report", NAME_64, "SCHEDULE_RULE_NAME"),
    ],
    [
      "a reserved tag key",
      rule({ tags: { "aws:team": "x" } }),
      expectedMessage(at, "tags.aws:team", "aws:team", RESERVED_TAG_KEY, "TAG_KEY_INVALID"),
    ],
    [
      "an at() schedule",
      rule({ schedule: "at(2030-01-01T00:00:00)" }),
      expectedMessage(
        at,
        "schedule",
        "at(2030-01-01T00:00:00)",
        "an expression of the form cron(...) or rate(...) (EventBridge rules do not take at())",
        "SCHEDULE_AT_NOT_SUPPORTED",
      ),
    ],
    [
      "a time zone other than UTC",
      rule({ timeZone: "Europe/Paris" }),
      expectedMessage(at, "timeZone", "Europe/Paris", RULE_ONLY, "SCHEDULE_NOT_SUPPORTED_BY_RULE"),
    ],
    [
      "a KMS key",
      rule({ kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/00000002-0000-4000-8000-000000000002" }),
      expectedMessage(
        at,
        "kmsKeyArn",
        "arn:aws:kms:eu-west-1:111122223333:key/00000002-0000-4000-8000-000000000002",
        RULE_ONLY,
        "SCHEDULE_NOT_SUPPORTED_BY_RULE",
      ),
    ],
    [
      "too many retries",
      rule({ retryAttempts: 186 }),
      expectedMessage(at, "retryAttempts", 186, "an integer from 0 to 185", "SCHEDULE_RETRY_ATTEMPTS"),
    ],
    [
      "no statements for the invoke role",
      rule({ statements: [] }),
      expectedMessage(at, "statements", [], "at least one item", "SCHEDULE_TARGET_STATEMENTS"),
    ],
  ]);
});

test("every rejection is a ValidationError carrying the code, property and value", () => {
  expect(validationErrorOf((scope) => nightly(scope, { taskCount: 0 }))).toMatchObject({
    code: "SCHEDULED_TASK_COUNT",
    property: "taskCount",
    value: 0,
    constructPath: "test/Nightly",
  });
});

describe("scheduled-task module: required props from a JSON or plain-JavaScript config", () => {
  testRejections([
    [
      "a ScheduledTask without schedule",
      (scope) => nightly(scope, { schedule: undefined } as unknown as Partial<NightlyProps>),
      expectedMessage("test/Nightly", "schedule", undefined, "a string (required)", "PROP_REQUIRED"),
    ],
    [
      "a ScheduledTask whose cluster is given by ARN",
      (scope) =>
        new ScheduledTask(scope, "Nightly", {
          ...JSON.parse('{"name":"acme-nightly","cluster":"arn:aws:ecs:eu-west-1:123456789012:cluster/acme","schedule":"rate(1 day)"}'),
          taskDefinition: testTaskDefinition(scope),
        }),
      expectedMessage(
        "test/Nightly",
        "cluster",
        "arn:aws:ecs:eu-west-1:123456789012:cluster/acme",
        "an ICluster such as a Cluster (an object with clusterArn, clusterName, network)",
        "PROP_TYPE",
      ),
    ],
  ]);
});
