import { Fn } from "cdktf";
import { Construct } from "constructs";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { Cluster } from "../../src/cluster/cluster";
import { ICluster } from "../../src/cluster/types";
import { Service } from "../../src/service/service";
import { ContainerImage } from "../../src/task/image";
import { TaskDefinition } from "../../src/task/task-definition";
import { resourceAt, resourcesOf, synth } from "../helpers";
import { imported, network, platformClusterAttributes, platformNamespace as namespace } from "./fixtures";

const ARN = platformClusterAttributes.clusterArn;

/** A service `acme-dev-api` in the cluster built by `cluster`. */
function serviceIn(cluster: (scope: Construct) => ICluster, extra: { serviceConnect?: object; enableExec?: boolean } = {}) {
  return synth((stack) => {
    const taskDefinition = new TaskDefinition(stack, "Task", {
      name: "acme-dev-api",
      containers: { app: { image: ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:1.27") } },
    });
    new Service(stack, "Api", { name: "acme-dev-api", cluster: cluster(stack), taskDefinition, ...extra });
  });
}

describe("Cluster.fromAttributes", () => {
  test("creates no resources and defaults to both Fargate providers with the library's default strategy", () => {
    let cluster: ICluster | undefined;
    const s = synth((stack) => {
      cluster = imported()(stack);
    });
    expect(s.parsed.resource ?? {}).toEqual({});
    expect(cluster).toMatchObject({ clusterName: "acme-dev", clusterArn: ARN, network });
    expect(cluster?.capacityProviderNames).toEqual(["FARGATE", "FARGATE_SPOT"]);
    expect(cluster?.defaultCapacityProviderStrategy).toEqual([
      { capacityProvider: "FARGATE", base: 1, weight: 1 },
      { capacityProvider: "FARGATE_SPOT", weight: 3 },
    ]);
    expect(cluster?.capacityProviderAssociation).toBeUndefined();
    expect(cluster?.defaultNamespace).toBeUndefined();
  });

  test("a service in the imported cluster targets its ARN, writes out the strategy and depends on nothing in the platform stack", () => {
    const s = serviceIn(imported());
    expect(s.json).toHaveResourceWithProperties(EcsService, {
      name: "acme-dev-api",
      cluster: ARN,
      capacity_provider_strategy: [
        { capacity_provider: "FARGATE", base: 1, weight: 1 },
        { capacity_provider: "FARGATE_SPOT", weight: 3 },
      ],
      network_configuration: { subnets: ["subnet-a", "subnet-b"], assign_public_ip: false, security_groups: [expect.any(String)] },
    });
    const service = resourceAt(s, "aws_ecs_service", "Api");
    // Nothing in the platform stack: only the service's own rollback alarm and its task's role permissions, which it names.
    expect((service.depends_on ?? []).filter((d: string) => !/^aws_iam_role(_policy)?\.Task_/.test(d))).toEqual([
      expect.stringMatching(/^aws_cloudwatch_metric_alarm\.Api_Alarms_TasksBelowDesired_/),
    ]);
  });

  test("derives the default strategy from EC2-only providers", () => {
    const s = synth((stack) => {
      const cluster = imported({ capacityProviderNames: ["acme-dev-general", "acme-dev-gpu"] })(stack);
      expect(cluster.defaultCapacityProviderStrategy).toEqual([
        { capacityProvider: "acme-dev-general", weight: 1 },
        { capacityProvider: "acme-dev-gpu", weight: 1 },
      ]);
    });
    expect(resourcesOf(s, "aws_ecs_service")).toEqual({});
  });

  test("Service Connect uses the given default namespace", () => {
    const s = serviceIn(imported({ defaultNamespace: namespace }), { serviceConnect: {} });
    expect(resourceAt(s, "aws_ecs_service", "Api").service_connect_configuration).toMatchObject({
      enabled: true,
      namespace: namespace.namespaceArn,
    });
  });

  test("ECS Exec grants the cluster's audit key and log group to the task role", () => {
    const execAudit = {
      kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/00000003-0000-4000-8000-000000000003",
      logGroupName: "/aws/ecs/acme-dev/exec",
      logGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/ecs/acme-dev/exec",
    };
    const s = serviceIn(imported({ execAudit }), { enableExec: true });
    const taskPolicy = JSON.parse(resourceAt(s, "aws_iam_role_policy", "Task/TaskRole/Policy").policy);
    const resources = taskPolicy.Statement.flatMap((statement: { Resource: string | string[] }) => statement.Resource);
    expect(resources).toEqual(expect.arrayContaining([execAudit.kmsKeyArn, `${execAudit.logGroupArn}:*`]));
  });

  test("passes tokens through (values read from another stack's outputs at plan time)", () => {
    const s = synth((stack) => {
      const cluster = Cluster.fromAttributes(stack, "Platform", {
        clusterName: Fn.element(Fn.split(",", "acme-dev,x"), 0),
        clusterArn: Fn.element(Fn.split(",", `${ARN},x`), 0),
        network,
      });
      expect(cluster.clusterName).toMatch(/\$\{TfToken/);
    });
    expect(s.parsed.resource ?? {}).toEqual({});
  });
});
