import { ExternalInstances } from "../../src/cluster/external-instances";
import { ExternalService } from "../../src/service/external-service";
import { Service } from "../../src/service/service";
import { ContainerImage } from "../../src/task/image";
import { TaskDefinition } from "../../src/task/task-definition";
import { errorOf, resourceAt, synth } from "../helpers";
import { platform, webTask } from "./fixtures";

const externalTask = (scope: any, props: object = {}) =>
  new TaskDefinition(scope, "Task", {
    name: "acme-test-agent",
    compatibility: "EXTERNAL",
    containers: {
      agent: {
        image: ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:1.27"),
        portMappings: [{ containerPort: 80, hostPort: 8080 }],
      },
    },
    ...props,
  });

describe("ECS Anywhere", () => {
  test("an EXTERNAL task definition defaults to bridge networking; the service runs with launch type EXTERNAL and no network configuration", () => {
    const s = synth((stack) => {
      const { cluster } = platform(stack);
      new ExternalService(stack, "Agent", { name: "acme-test-agent", cluster, taskDefinition: externalTask(stack) });
    });
    expect(resourceAt(s, "aws_ecs_task_definition", "Task")).toMatchObject({
      requires_compatibilities: ["EXTERNAL"],
      network_mode: "bridge",
    });
    const service = resourceAt(s, "aws_ecs_service", "Agent");
    expect(service).toMatchObject({
      launch_type: "EXTERNAL",
      desired_count: 1,
      deployment_minimum_healthy_percent: 0,
      deployment_maximum_percent: 100,
      deployment_circuit_breaker: { enable: true, rollback: true },
    });
    expect(service).not.toHaveProperty("network_configuration");
    expect(service).not.toHaveProperty("capacity_provider_strategy");
  });

  test("ExternalInstances: a role trusted by SSM with the two managed policies, and an activation waiting for them", () => {
    const s = synth((stack) => {
      const hosts = new ExternalInstances(stack, "Hosts", { clusterName: "acme-test" });
      expect(hosts.registrationCommand("eu-west-1")).toMatch(
        /ecs-anywhere-install-latest\.sh.*bash \/tmp\/ecs-anywhere-install\.sh --region "eu-west-1" --cluster "acme-test" --activation-id "\$\{TfToken/,
      );
    });
    expect(resourceAt(s, "aws_iam_role", "Hosts/Role").assume_role_policy).toContain('"Service":"ssm.amazonaws.com"');
    expect(resourceAt(s, "aws_ssm_activation", "Hosts/Activation")).toMatchObject({
      name: "acme-test-ecs-anywhere",
      registration_limit: 10,
      depends_on: [expect.stringContaining("Hosts_SsmPolicy"), expect.stringContaining("Hosts_EcsPolicy")],
    });
  });

  test.each<[string, (scope: any) => unknown, RegExp]>([
    [
      "awsvpc on EXTERNAL",
      (s) => externalTask(s, { networkMode: "awsvpc" }),
      /invalid networkMode "awsvpc": expected one of "bridge", "host" \[TASK_NETWORK_MODE\]$/,
    ],
    [
      "EFS on EXTERNAL",
      (s) => externalTask(s, { efsVolumes: { data: { fileSystemId: "fs-12345678" } } }),
      /invalid efsVolumes \["data"\]: expected no EFS volumes on EXTERNAL .* \[EXTERNAL_UNSUPPORTED\]$/,
    ],
    [
      "ephemeral storage on EXTERNAL",
      (s) => externalTask(s, { ephemeralStorageGiB: 30 }),
      /no ephemeralStorageGiB on EXTERNAL .*\[EPHEMERAL_STORAGE_FARGATE_ONLY\]$/,
    ],
    [
      "a load balancer on an external service (a JavaScript config)",
      (s) =>
        new ExternalService(s, "Agent", {
          name: "a",
          cluster: platform(s).cluster,
          taskDefinition: externalTask(s),
          loadBalancer: {},
        } as any),
      /^test\/Agent: invalid loadBalancer "set": expected nothing: load balancers cannot target external instances \[EXTERNAL_UNSUPPORTED\]$/,
    ],
    [
      "Service Connect on an external service",
      (s) =>
        new ExternalService(s, "Agent", {
          name: "a",
          cluster: platform(s).cluster,
          taskDefinition: externalTask(s),
          serviceConnect: {},
        } as any),
      /invalid serviceConnect .* \[EXTERNAL_UNSUPPORTED\]$/,
    ],
    [
      "a capacity provider strategy on an external service",
      (s) =>
        new ExternalService(s, "Agent", {
          name: "a",
          cluster: platform(s).cluster,
          taskDefinition: externalTask(s),
          capacityProviderStrategy: [{ capacityProvider: "FARGATE" }],
        } as any),
      /invalid capacityProviderStrategy .* \[EXTERNAL_UNSUPPORTED\]$/,
    ],
    [
      "a Fargate task definition on an external service",
      (s) => new ExternalService(s, "Agent", { name: "a", cluster: platform(s).cluster, taskDefinition: webTask(s) }),
      /invalid taskDefinition\.compatibility "FARGATE": expected "EXTERNAL" .* \[EXTERNAL_SERVICE_TASK\]$/,
    ],
    [
      "an EXTERNAL task definition in a Service",
      (s) => new Service(s, "Web", { name: "a", cluster: platform(s).cluster, taskDefinition: externalTask(s) }),
      /expected "FARGATE" or "EC2" \(an EXTERNAL task definition runs on ECS Anywhere instances: use ExternalService\) \[SERVICE_EXTERNAL_TASK\]$/,
    ],
    [
      "a registration limit over 1000",
      (s) => new ExternalInstances(s, "Hosts", { clusterName: "c", registrationLimit: 1001 }),
      /\[EXTERNAL_REGISTRATION_LIMIT\]$/,
    ],
    [
      "an expiration date that is not RFC 3339",
      (s) => new ExternalInstances(s, "Hosts", { clusterName: "c", expirationDate: "31/12/2026" }),
      /invalid expirationDate "31\/12\/2026": expected an RFC 3339 time such as 2026-12-31T00:00:00Z \[EXTERNAL_EXPIRATION_DATE\]$/,
    ],
  ])("throws on %s", (_name, build, message) => {
    expect(errorOf(build)).toMatch(message);
  });
});
