import { TerraformPlanJson } from "../../src/terraform";
import { offlinePlan } from "../offline/offline-plans";
import { SERVICES_OFFLINE_STACK } from "./offline-stack";

describe("task definitions and services against the real provider", () => {
  let result: { plan?: TerraformPlanJson };

  beforeAll(async () => {
    result = { plan: await offlinePlan(SERVICES_OFFLINE_STACK) };
  });

  const created = (type: string) =>
    (result.plan?.resource_changes ?? []).filter((c) => c.type === type && c.change.actions.join() === "create");
  const after = (type: string, match: RegExp) => {
    const found = created(type).filter((c) => match.test(c.address));
    if (found.length !== 1)
      throw new Error(`expected one ${type} matching ${match}, found ${found.map((c) => c.address).join(", ") || "none"}`);
    return found[0].change.after as Record<string, any>;
  };

  test("validates and plans seven services, seven task definitions and one execution and task role each", () => {
    expect(result.plan).toBeDefined();
    expect(created("aws_ecs_service")).toHaveLength(7);
    expect(created("aws_ecs_task_definition")).toHaveLength(7);
    expect(created("aws_iam_role").filter((c) => /ExecutionRole|TaskRole/.test(c.address))).toHaveLength(14);
  });

  test("rolling services rebalance across AZs and roll back on their own alarms; blue/green does neither", () => {
    const web = after("aws_ecs_service", /Web_[0-9A-F]{8}$/);
    expect(web.availability_zone_rebalancing).toBe("ENABLED");
    expect(web.alarms).toEqual([
      {
        // A set in the provider's schema: the plan lists it sorted.
        alarm_names: ["acme-test-web-5xx", "acme-test-web-tasks-below-desired", "acme-test-web-unhealthy-targets"],
        enable: true,
        rollback: true,
      },
    ]);
    const admin = after("aws_ecs_service", /Admin_[0-9A-F]{8}$/);
    expect(admin.alarms).toEqual([]);
  });

  test("Service Connect: TLS from the Private CA with the infrastructure role, timeouts, an ingress port override, triggers", () => {
    const [endpoint] = after("aws_ecs_service", /Api_[0-9A-F]{8}$/).service_connect_configuration[0].service;
    expect(endpoint.timeout).toEqual([{ idle_timeout_seconds: 300, per_request_timeout_seconds: 60 }]);
    expect(endpoint.tls).toHaveLength(1);
    expect(after("aws_iam_role", /Api_InfrastructureRole_[0-9A-F]{8}$/).name).toBe("acme-test-api-infrastructure");
    const mqtt = after("aws_ecs_service", /Mqtt_[0-9A-F]{8}$/);
    expect(mqtt.service_connect_configuration[0].service[0]).toMatchObject({
      ingress_port_override: 11883,
      timeout: [{ idle_timeout_seconds: 3600, per_request_timeout_seconds: null }],
    });
    expect(mqtt).toMatchObject({ triggers: { brokerConfig: "2026-11-30" }, force_new_deployment: true });
  });

  test("the container long tail survives the provider's container definition normalisation", () => {
    const [broker] = JSON.parse(after("aws_ecs_task_definition", /TcpTask_[0-9A-F]{8}$/).container_definitions);
    expect(broker).toMatchObject({
      restartPolicy: { enabled: true, ignoredExitCodes: [0], restartAttemptPeriod: 120 },
      environmentFiles: [{ value: "arn:aws:s3:::acme-test-config/mqtt/production.env", type: "s3" }],
      linuxParameters: { capabilities: { add: ["SYS_PTRACE"], drop: ["ALL"] } },
      systemControls: [{ namespace: "net.ipv4.tcp_keepalive_time", value: "120" }],
      startTimeout: 60,
      versionConsistency: "disabled",
    });
    expect(broker.repositoryCredentials).toEqual({ credentialsParameter: expect.stringContaining(":secret:acme/test/registry-") });
    expect(broker.logConfiguration).toMatchObject({ logDriver: "splunk", secretOptions: [{ name: "splunk-token" }] });
  });

  test("(e) ledger: registered in a VPC Lattice target group through its infrastructure role, port open to the Lattice prefix list", () => {
    const svc = after("aws_ecs_service", /Ledger_[0-9A-F]{8}$/);
    expect(svc.vpc_lattice_configurations).toEqual([{ port_name: "pg" }]);
    const policies = created("aws_iam_role_policy_attachment")
      .filter((c) => /Ledger_InfrastructureRole/.test(c.address))
      .map((c) => (c.change.after as { policy_arn: string }).policy_arn)
      .sort();
    expect(policies).toEqual([
      "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForVpcLattice",
      "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForVolumes",
    ]);
    expect(after("aws_vpclattice_target_group", /LedgerLatticeTargets/)).toMatchObject({
      type: "IP",
      config: [expect.objectContaining({ port: 5432, protocol: "TCP" })],
    });
    expect(
      created("aws_vpc_security_group_ingress_rule")
        .map((c) => c.change.after as { prefix_list_id?: string; from_port: number })
        .filter((r) => r.prefix_list_id === "pl-0a1b2c3d4e5f60718")
        .map((r) => r.from_port),
    ).toEqual([5432]);
  });

  test("(e) ledger: a gp3 volume configured at launch, encrypted with the workload key", () => {
    const td = after("aws_ecs_task_definition", /LedgerTask_[0-9A-F]{8}$/);
    expect(td.volume).toEqual([expect.objectContaining({ name: "ledger", configure_at_launch: true })]);
    const [volume] = after("aws_ecs_service", /Ledger_[0-9A-F]{8}$/).volume_configuration;
    expect(volume.name).toBe("ledger");
    expect(volume.managed_ebs_volume[0]).toMatchObject({
      size_in_gb: 100,
      volume_type: "gp3",
      iops: 6000,
      throughput: 250,
      encrypted: true,
      file_system_type: "xfs",
    });
  });

  test("(f) replay: an io2 volume from a snapshot, hydrated at a set rate, with the snapshot's file system", () => {
    const [volume] = after("aws_ecs_service", /Replay_[0-9A-F]{8}$/).volume_configuration;
    expect(volume.name).toBe("journal");
    expect(volume.managed_ebs_volume[0]).toMatchObject({
      size_in_gb: 200,
      volume_type: "io2",
      iops: 10000,
      snapshot_id: "snap-0123456789abcdef0",
      volume_initialization_rate: 200,
      encrypted: true,
      file_system_type: "ext4",
    });
    expect(volume.managed_ebs_volume[0].kms_key_id).toBeFalsy();
  });

  test("(a) web: Fargate + Spot strategy, HTTPS listener rule, three tracking policies and two schedules", () => {
    const web = after("aws_ecs_service", /Web_[0-9A-F]{8}$/);
    expect(web.capacity_provider_strategy).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ capacity_provider: "FARGATE", base: 2, weight: 1 }),
        expect.objectContaining({ capacity_provider: "FARGATE_SPOT", weight: 4 }),
      ]),
    );
    expect(web.network_configuration).toEqual([expect.objectContaining({ assign_public_ip: false })]);
    expect(web.deployment_circuit_breaker).toEqual([{ enable: true, rollback: true }]);
    expect(created("aws_appautoscaling_policy").filter((c) => /Web_AutoScaling/.test(c.address))).toHaveLength(3);
    expect(created("aws_appautoscaling_scheduled_action")).toHaveLength(2);
    const containers = JSON.parse(after("aws_ecs_task_definition", /WebTask_[0-9A-F]{8}$/).container_definitions);
    expect(containers.map((c: any) => [c.name, c.readonlyRootFilesystem, c.stopTimeout])).toEqual([
      ["log-router", false, 120],
      ["web", true, 120],
    ]);
  });

  test("(b) api: Service Connect endpoint, Cloud Map service, EFS with IAM auth and transit encryption", () => {
    const api = after("aws_ecs_service", /Api_[0-9A-F]{8}$/);
    expect(api.service_connect_configuration[0]).toMatchObject({
      enabled: true,
      service: [expect.objectContaining({ port_name: "api", discovery_name: "api" })],
    });
    expect(created("aws_service_discovery_service")).toHaveLength(1);
    const td = after("aws_ecs_task_definition", /ApiTask_[0-9A-F]{8}$/);
    expect(td.runtime_platform).toEqual([{ cpu_architecture: "ARM64", operating_system_family: "LINUX" }]);
    expect(td.volume.find((v: any) => v.name === "data").efs_volume_configuration[0]).toMatchObject({
      transit_encryption: "ENABLED",
      authorization_config: [expect.objectContaining({ iam: "ENABLED" })],
    });
  });

  test("(c) worker: step policies and alarms on queue depth, scale to zero, exec on", () => {
    const worker = after("aws_ecs_service", /Worker_[0-9A-F]{8}$/);
    expect(worker).toMatchObject({ desired_count: 0, enable_execute_command: true });
    const out = after("aws_appautoscaling_policy", /queue-depth_ScaleOutPolicy/);
    expect(out.step_scaling_policy_configuration[0].step_adjustment).toHaveLength(3);
    expect(after("aws_cloudwatch_metric_alarm", /queue-depth_ScaleInAlarm/)).toMatchObject({
      threshold: 0,
      comparison_operator: "LessThanOrEqualToThreshold",
    });
  });

  test("(c) worker queue: SSE-SQS, long polling, a dead-letter queue only it may redrive into, and an alarm on dead letters", () => {
    expect(after("aws_sqs_queue", /\.Jobs$/)).toMatchObject({
      name: "acme-test-jobs",
      sqs_managed_sse_enabled: true,
      receive_wait_time_seconds: 20,
      visibility_timeout_seconds: 300,
    });
    expect(after("aws_sqs_queue", /Jobs_DeadLetterQueue_[0-9A-F]{8}$/)).toMatchObject({ name: "acme-test-jobs-dlq" });
    expect(created("aws_sqs_queue_redrive_allow_policy")).toHaveLength(1);
    expect(after("aws_cloudwatch_metric_alarm", /Jobs_DeadLetterAlarm/)).toMatchObject({ alarm_name: "acme-test-jobs-dlq-not-empty" });
  });

  test("(d) admin: CODE_DEPLOY controller, deployment group with two target groups and a custom canary", () => {
    expect(after("aws_ecs_service", /Admin_[0-9A-F]{8}$/).deployment_controller).toEqual([{ type: "CODE_DEPLOY" }]);
    const group = after("aws_codedeploy_deployment_group", /Admin_BlueGreen/);
    expect(group.deployment_config_name).toBe("acme-test-admin-canary-10pct-5min");
    expect(group.load_balancer_info[0].target_group_pair_info[0].target_group).toHaveLength(2);
    expect(
      created("aws_lb_listener")
        .map((c) => (c.change.after as any).port)
        .sort(),
    ).toEqual([1883, 443, 80, 8443].sort());
  });

  test("every service has its alarms, notifying the topic", () => {
    const alarms = created("aws_cloudwatch_metric_alarm").filter((c) => /_Alarms_/.test(c.address));
    expect(alarms.length).toBe(3 + 5 + 3 + 5 + 4 + 3 + 3);
  });
});
