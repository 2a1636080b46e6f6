import { join } from "node:path";
import { tmpdir } from "node:os";
import { App, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { synth } from "../helpers";
import {
  clusterTasksArn,
  renderContainerOverrides,
  renderRunTaskParameters,
  RunTaskInput,
  runTaskStatements,
  taskDefinitionFamilyArn,
  taskFailurePattern,
} from "../../src/scheduled-task/target";

const TD = "arn:aws:ecs:eu-west-1:111122223333:task-definition/acme-dev-report:7";
const CLUSTER = "arn:aws:ecs:eu-west-1:111122223333:cluster/acme-dev";

describe("renderContainerOverrides", () => {
  test("renders command and environment per container as RunTask overrides", () => {
    const input = renderContainerOverrides({
      report: { command: ["run", "--date", "yesterday"], environment: { MODE: "full", DRY_RUN: "false" } },
    });
    expect(JSON.parse(input!)).toEqual({
      containerOverrides: [
        {
          name: "report",
          command: ["run", "--date", "yesterday"],
          environment: [
            { name: "MODE", value: "full" },
            { name: "DRY_RUN", value: "false" },
          ],
        },
      ],
    });
  });

  test("leaves containers without changes out, and returns nothing when nothing changes", () => {
    expect(renderContainerOverrides({})).toBeUndefined();
    expect(renderContainerOverrides({ report: {} })).toBeUndefined();
    expect(JSON.parse(renderContainerOverrides({ report: {}, sidecar: { command: ["x"] } })!).containerOverrides).toEqual([
      { name: "sidecar", command: ["x"] },
    ]);
  });
});

describe("renderRunTaskParameters", () => {
  const base: RunTaskInput = {
    taskDefinitionArn: TD,
    fargate: true,
    awsvpc: true,
    taskCount: 1,
    capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT" }],
    platformVersion: "LATEST",
    subnetIds: ["subnet-1", "subnet-2"],
    securityGroupIds: ["sg-1"],
    assignPublicIp: false,
    group: "scheduled:acme-dev-report",
    propagateTags: true,
    enableEcsManagedTags: true,
  };

  test("Fargate awsvpc: strategy with weight 1, platform version, private network without public IP", () => {
    expect(renderRunTaskParameters(base)).toEqual({
      taskDefinitionArn: TD,
      taskCount: 1,
      launchType: undefined,
      capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
      platformVersion: "LATEST",
      networkConfiguration: { subnets: ["subnet-1", "subnet-2"], securityGroups: ["sg-1"], assignPublicIp: false },
      group: "scheduled:acme-dev-report",
      propagateTags: "TASK_DEFINITION",
      enableEcsManagedTags: true,
      tags: undefined,
    });
  });

  test("EC2 bridge: no platform version, no network configuration, the cluster default strategy", () => {
    const p = renderRunTaskParameters({
      ...base,
      fargate: false,
      awsvpc: false,
      capacityProviderStrategy: undefined,
      propagateTags: false,
    });
    expect(p.platformVersion).toBeUndefined();
    expect(p.networkConfiguration).toBeUndefined();
    expect(p.capacityProviderStrategy).toBeUndefined();
    expect(p.propagateTags).toBeUndefined();
  });

  test("a launch type is passed as is", () => {
    expect(renderRunTaskParameters({ ...base, capacityProviderStrategy: undefined, launchType: "FARGATE" }).launchType).toBe("FARGATE");
  });
});

describe("run-task permissions", () => {
  test("family ARN drops the revision for literal ARNs, and so does a Terraform local for tokens", () => {
    const stack = new TerraformStack(new App({ outdir: join(tmpdir(), "unused") }), "s");
    expect(taskDefinitionFamilyArn(stack, TD)).toBe("arn:aws:ecs:eu-west-1:111122223333:task-definition/acme-dev-report:*");
    expect(clusterTasksArn(stack, CLUSTER)).toBe("arn:aws:ecs:eu-west-1:111122223333:task/acme-dev/*");
    expect(stack.node.children).toHaveLength(0);
    const s = synth((scope) => {
      const arn = new TerraformVariable(scope, "td", { type: "string" }).stringValue;
      const cluster = new TerraformVariable(scope, "cluster", { type: "string" }).stringValue;
      new TerraformOutput(scope, "family", { value: taskDefinitionFamilyArn(scope, arn) });
      new TerraformOutput(scope, "tasks", { value: clusterTasksArn(scope, cluster) });
    });
    expect(s.parsed.locals).toEqual({
      TaskFamilyArn: '${replace(var.td, "/:[0-9]+$/", ":*")}',
      ClusterTasksArn: '${replace(var.cluster, ":cluster/", ":task/")}/*',
    });
    expect(s.parsed.output.family.value).toBe("${local.TaskFamilyArn}");
  });

  test("RunTask on the family in that cluster, PassRole on the two roles to ECS only, TagResource on launch", () => {
    const statements = runTaskStatements({
      clusterArn: CLUSTER,
      taskDefinitionFamilyArn: "arn:aws:ecs:eu-west-1:111122223333:task-definition/acme-dev-report:*",
      clusterTasksArn: "arn:aws:ecs:eu-west-1:111122223333:task/acme-dev/*",
      taskRoleArn: "arn:aws:iam::111122223333:role/task",
      executionRoleArn: "arn:aws:iam::111122223333:role/exec",
    });
    expect(statements).toEqual([
      {
        sid: "RunTaskInCluster",
        actions: ["ecs:RunTask"],
        resources: ["arn:aws:ecs:eu-west-1:111122223333:task-definition/acme-dev-report:*"],
        conditions: { ArnEquals: { "ecs:cluster": CLUSTER } },
      },
      {
        sid: "PassTaskRoles",
        actions: ["iam:PassRole"],
        resources: ["arn:aws:iam::111122223333:role/task", "arn:aws:iam::111122223333:role/exec"],
        conditions: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
      },
      {
        sid: "TagTasksOnLaunch",
        actions: ["ecs:TagResource"],
        resources: ["arn:aws:ecs:eu-west-1:111122223333:task/acme-dev/*"],
        conditions: { StringEquals: { "ecs:CreateAction": "RunTask" } },
      },
    ]);
  });

  test("no TagResource when runs carry no tags", () => {
    const statements = runTaskStatements({ clusterArn: CLUSTER, taskDefinitionFamilyArn: "f", taskRoleArn: "a", executionRoleArn: "b" });
    expect(statements.map((s) => s.sid)).toEqual(["RunTaskInCluster", "PassTaskRoles"]);
  });
});

describe("taskFailurePattern", () => {
  test("matches stopped tasks of this group and cluster with a non-zero exit code or a failed start", () => {
    expect(taskFailurePattern(CLUSTER, "scheduled:x")).toEqual({
      source: ["aws.ecs"],
      "detail-type": ["ECS Task State Change"],
      detail: {
        clusterArn: [CLUSTER],
        group: ["scheduled:x"],
        lastStatus: ["STOPPED"],
        $or: [{ containers: { exitCode: [{ "anything-but": 0 }] } }, { stopCode: ["TaskFailedToStart"] }],
      },
    });
  });
});
