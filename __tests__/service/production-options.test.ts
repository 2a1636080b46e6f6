import { Construct } from "constructs";
import { Service, ServiceProps } from "../../src/service/service";
import { InfrastructureRole } from "../../src/service/infrastructure-role";
import { ContainerImage } from "../../src/task/image";
import { TaskDefinition } from "../../src/task/task-definition";
import { resourceAt, resourcesOf, synth } from "../helpers";
import { platform, webTask } from "./fixtures";

const CA = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0b7d2c1e-1111-2222-3333-444455556666";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const svc = (s: ReturnType<typeof synth>) => resourceAt(s, "aws_ecs_service", "Web/Resource");
const policyOf = (s: ReturnType<typeof synth>, path: string) => JSON.parse(resourceAt(s, "aws_iam_role_policy", path).policy);
const attachments = (s: ReturnType<typeof synth>) =>
  Object.values(resourcesOf(s, "aws_iam_role_policy_attachment")).map((a: any) => a.policy_arn);

/** A Fargate web service on the fixture platform with `extra(scope)` props. */
function service(scope: Construct, extra: (scope: Construct) => Partial<ServiceProps> = () => ({})): Service {
  const { cluster } = platform(scope);
  return new Service(scope, "Web", { name: "acme-test-web", cluster, taskDefinition: webTask(scope), ...extra(scope) });
}

/** A Fargate task with a `data` volume configured at launch, mounted at /data. */
function ebsTask(scope: Construct): TaskDefinition {
  return webTask(scope, "EbsTask", {
    ebsVolumeName: "data",
    containers: {
      web: {
        image: ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:1.27"),
        portMappings: [{ containerPort: 8080, name: "http", appProtocol: "http" }],
        mountPoints: [{ volume: "data", containerPath: "/data" }],
      },
    },
  });
}

describe("Service Connect TLS and timeouts", () => {
  test("timeouts and the ingress port override reach the endpoint's service block", () => {
    const s = synth((stack) =>
      service(stack, () => ({
        serviceConnect: {
          endpoints: [{ portName: "http", idleTimeoutSeconds: 600, perRequestTimeoutSeconds: 120, ingressPortOverride: 15000 }],
        },
      })),
    );
    expect(svc(s).service_connect_configuration.service).toEqual([
      {
        port_name: "http",
        discovery_name: "http",
        client_alias: { port: 8080 },
        ingress_port_override: 15000,
        timeout: { idle_timeout_seconds: 600, per_request_timeout_seconds: 120 },
      },
    ]);
    expect(Object.keys(resourcesOf(s, "aws_iam_role")).filter((k) => k.includes("Infrastructure"))).toEqual([]);
  });

  test("TLS: the Private CA and key reach the endpoint, ECS gets an infrastructure role with AWS's TLS policy and exactly that key", () => {
    const s = synth((stack) =>
      service(stack, () => ({
        serviceConnect: { endpoints: [{ portName: "http", tls: { certificateAuthorityArn: CA, kmsKeyArn: KEY } }] },
      })),
    );
    const [endpoint] = svc(s).service_connect_configuration.service;
    expect(endpoint.tls).toEqual({
      issuer_cert_authority: { aws_pca_authority_arn: CA },
      kms_key: KEY,
      role_arn: expect.stringMatching(/aws_iam_role\.Web_InfrastructureRole_.*\.arn/),
    });
    const role = resourceAt(s, "aws_iam_role", "Web/InfrastructureRole");
    expect(role.name).toBe("acme-test-web-infrastructure");
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "ecs.amazonaws.com" });
    expect(attachments(s)).toEqual([InfrastructureRole.SERVICE_CONNECT_TLS_POLICY_ARN]);
    expect(policyOf(s, "Web/InfrastructureRole/Policy").Statement).toEqual([
      { Sid: "CertificateKeys", Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], Resource: KEY },
    ]);
    // The service waits for the policy attachment, so ECS can issue certificates when it starts.
    expect(svc(s).depends_on).toContainEqual(
      expect.stringMatching(/^aws_iam_role_policy_attachment\.Web_InfrastructureRole_ServiceConnectTlsPolicy_/),
    );
  });

  test("TLS with a role of its own creates no infrastructure role", () => {
    const roleArn = "arn:aws:iam::123456789012:role/acme-sc-tls";
    const s = synth((stack) =>
      service(stack, () => ({ serviceConnect: { endpoints: [{ portName: "http", tls: { certificateAuthorityArn: CA, roleArn } }] } })),
    );
    expect(svc(s).service_connect_configuration.service[0].tls.role_arn).toBe(roleArn);
    expect(attachments(s)).toEqual([]);
  });
});

describe("managed EBS volumes", () => {
  test("the task volume is configured at launch; the service writes out type, encryption and file system, with an infrastructure role", () => {
    const s = synth((stack) =>
      service(stack, (scope) => ({ taskDefinition: ebsTask(scope), ebsVolume: { sizeGiB: 100, kmsKeyArn: KEY } })),
    );
    expect(resourceAt(s, "aws_ecs_task_definition", "EbsTask").volume).toEqual([{ name: "data", configure_at_launch: true }]);
    expect(svc(s).volume_configuration).toEqual({
      name: "data",
      managed_ebs_volume: {
        role_arn: expect.stringMatching(/aws_iam_role\.Web_InfrastructureRole_.*\.arn/),
        size_in_gb: 100,
        volume_type: "gp3",
        encrypted: true,
        kms_key_id: KEY,
        file_system_type: "xfs",
        tag_specifications: [{ resource_type: "volume", propagate_tags: "SERVICE", tags: { Name: "acme-test-web" } }],
      },
    });
    expect(attachments(s)).toEqual([InfrastructureRole.VOLUMES_POLICY_ARN]);
    expect(policyOf(s, "Web/InfrastructureRole/Policy").Statement[0]).toMatchObject({
      Sid: "VolumeKeys",
      Action: ["kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncrypt*"],
      Resource: KEY,
    });
  });

  test("io2 from a snapshot: provisioned IOPS, initialization rate and the snapshot reach the volume", () => {
    const s = synth((stack) =>
      service(stack, (scope) => ({
        taskDefinition: ebsTask(scope),
        ebsVolume: {
          volumeType: "io2",
          sizeGiB: 50,
          iops: 20000,
          snapshotId: "snap-0123456789abcdef0",
          volumeInitializationRateMiBps: 200,
        },
      })),
    );
    expect(svc(s).volume_configuration.managed_ebs_volume).toMatchObject({
      volume_type: "io2",
      iops: 20000,
      snapshot_id: "snap-0123456789abcdef0",
      volume_initialization_rate: 200,
    });
  });

  test("one infrastructure role serves both TLS and volumes", () => {
    const s = synth((stack) =>
      service(stack, (scope) => ({
        taskDefinition: ebsTask(scope),
        ebsVolume: { sizeGiB: 20 },
        serviceConnect: { endpoints: [{ portName: "http", tls: { certificateAuthorityArn: CA } }] },
      })),
    );
    expect(Object.keys(resourcesOf(s, "aws_iam_role")).filter((k) => k.includes("Infrastructure"))).toHaveLength(1);
    expect(attachments(s).sort()).toEqual(
      [InfrastructureRole.SERVICE_CONNECT_TLS_POLICY_ARN, InfrastructureRole.VOLUMES_POLICY_ARN].sort(),
    );
  });
});

describe("daemon services", () => {
  test("DAEMON on EC2: launch type EC2, no desired count or strategy, 0/100 percent, no circuit breaker, rebalancing or alarm rollback", () => {
    const s = synth((stack) => {
      const { cluster } = platform(stack, { ec2CapacityProvider: "acme-test-m7g" });
      const taskDefinition = new TaskDefinition(stack, "Task", {
        name: "acme-test-agent",
        compatibility: "EC2",
        containers: { agent: { image: ContainerImage.fromRegistry("public.ecr.aws/datadog/agent:7") } },
      });
      new Service(stack, "Web", {
        name: "acme-test-agent",
        cluster,
        taskDefinition,
        schedulingStrategy: "DAEMON",
        placement: { constraints: [{ type: "memberOf", expression: "attribute:ecs.os-type == linux" }] },
      });
    });
    const r = svc(s);
    expect(r).toMatchObject({
      scheduling_strategy: "DAEMON",
      launch_type: "EC2",
      deployment_minimum_healthy_percent: 0,
      deployment_maximum_percent: 100,
      placement_constraints: [{ type: "memberOf", expression: "attribute:ecs.os-type == linux" }],
    });
    for (const key of [
      "desired_count",
      "capacity_provider_strategy",
      "deployment_circuit_breaker",
      "availability_zone_rebalancing",
      "alarms",
    ]) {
      expect(r[key]).toBeUndefined();
    }
  });
});

describe("AZ rebalancing", () => {
  test("off by default when the first EC2 placement strategy does not spread across AZs; on when it does", () => {
    const build = (strategies: any[]) =>
      synth((stack) => {
        const { cluster } = platform(stack, { ec2CapacityProvider: "acme-test-m7g" });
        const taskDefinition = new TaskDefinition(stack, "Task", {
          name: "acme-test-ec2",
          compatibility: "EC2",
          containers: { web: { image: ContainerImage.fromRegistry("x:1"), portMappings: [{ containerPort: 80 }] } },
        });
        new Service(stack, "Web", { name: "acme-test-web", cluster, taskDefinition, placement: { strategies } });
      });
    expect(svc(build([{ type: "binpack", field: "memory" }])).availability_zone_rebalancing).toBe("DISABLED");
    expect(svc(build([{ type: "spread", field: "attribute:ecs.availability-zone" }])).availability_zone_rebalancing).toBe("ENABLED");
  });
});
