import { TerraformPlanJson } from "../../src/terraform";
import { offlinePlan } from "../offline/offline-plans";
import { CLUSTER_OFFLINE_STACK } from "./offline-stack";

/** The Cluster module against the real hashicorp/aws provider: terraform validate and an offline plan of one stack. */
describe("Cluster against the real provider", () => {
  let plan: TerraformPlanJson;

  beforeAll(async () => {
    plan = await offlinePlan(CLUSTER_OFFLINE_STACK);
  });

  const created = (type: string) =>
    (plan.resource_changes ?? []).filter((c) => c.type === type && c.change.actions.join() === "create").map((c) => c.change.after as any);

  test("validates and plans the cluster with Container Insights, audited exec and the namespace as Service Connect default", () => {
    const [cluster] = created("aws_ecs_cluster");
    expect(cluster).toMatchObject({ name: "acme-cl", setting: [{ name: "containerInsights", value: "enhanced" }] });
    expect(cluster.configuration[0].execute_command_configuration[0]).toMatchObject({
      logging: "OVERRIDE",
      log_configuration: [
        {
          cloud_watch_encryption_enabled: true,
          cloud_watch_log_group_name: "/ecs/acme-cl/exec",
          s3_bucket_name: "acme-cl-exec-audit",
          s3_bucket_encryption_enabled: true,
          s3_key_prefix: "exec/",
        },
      ],
    });
    expect(created("aws_kms_key")[0]).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(created("aws_cloudwatch_log_group").find((g) => g.name === "/ecs/acme-cl/exec")).toMatchObject({ retention_in_days: 90 });
    expect(created("aws_service_discovery_private_dns_namespace")[0]).toMatchObject({ name: "acme-cl.internal" });
  });

  test("associates Fargate, Fargate Spot and the EC2 providers with the given default strategy", () => {
    const [association] = created("aws_ecs_cluster_capacity_providers");
    expect(association.cluster_name).toBe("acme-cl");
    expect(association.default_capacity_provider_strategy).toEqual(
      expect.arrayContaining([
        { capacity_provider: "FARGATE", base: 2, weight: 1 },
        { capacity_provider: "FARGATE_SPOT", base: 0, weight: 4 },
      ]),
    );
    const providers = created("aws_ecs_capacity_provider");
    expect(providers.map((p) => p.name).sort()).toEqual(["acme-cl-gpu", "acme-cl-graviton", "acme-cl-rocket", "acme-cl-steady"]);
    expect(providers.find((p) => p.name === "acme-cl-graviton").auto_scaling_group_provider[0]).toMatchObject({
      managed_termination_protection: "ENABLED",
      managed_draining: "ENABLED",
      managed_scaling: [{ status: "ENABLED", target_capacity: 90, maximum_scaling_step_size: 2, instance_warmup_period: 120 }],
    });
  });

  test("plans a mixed-instances Graviton group with scale-in protection, force delete and the ECS tag", () => {
    const group = created("aws_autoscaling_group").find((g) => g.name === "acme-cl-graviton");
    expect(group).toMatchObject({ protect_from_scale_in: true, force_delete: true, capacity_rebalance: true, min_size: 0, max_size: 6 });
    expect(group.mixed_instances_policy[0].instances_distribution[0]).toMatchObject({
      on_demand_base_capacity: 1,
      on_demand_percentage_above_base_capacity: 25,
      spot_allocation_strategy: "price-capacity-optimized",
    });
    expect(group.tag).toEqual(expect.arrayContaining([{ key: "AmazonECSManaged", value: "true", propagate_at_launch: true }]));
    const template = created("aws_launch_template").find((t) => t.name === "acme-cl-graviton");
    expect(template).toMatchObject({
      image_id: "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
      metadata_options: [{ http_tokens: "required", http_put_response_hop_limit: 1 }],
      block_device_mappings: [{ ebs: [{ encrypted: "true", volume_type: "gp3" }] }],
    });
  });

  test("plans a daemon service on the EC2 capacity: launch type EC2, no desired count or strategy, 0/100 percent", () => {
    const [agent] = created("aws_ecs_service");
    expect(agent).toMatchObject({
      name: "acme-cl-log-agent",
      scheduling_strategy: "DAEMON",
      launch_type: "EC2",
      capacity_provider_strategy: [],
      deployment_minimum_healthy_percent: 0,
      deployment_maximum_percent: 100,
      deployment_circuit_breaker: [],
    });
    const [agentContainer] = JSON.parse(
      created("aws_ecs_task_definition").find((t) => t.family === "acme-cl-log-agent").container_definitions,
    );
    const [trainer] = JSON.parse(created("aws_ecs_task_definition").find((t) => t.family === "acme-cl-trainer").container_definitions);
    expect(trainer).toMatchObject({
      resourceRequirements: [{ type: "GPU", value: "1" }],
      pseudoTerminal: true,
      interactive: true,
      logConfiguration: { logDriver: "fluentd", options: { "fluentd-address": "unix:///var/run/fluent.sock", tag: "trainer" } },
    });
    expect(agentContainer).toMatchObject({
      linuxParameters: { tmpfs: [{ containerPath: "/run/agent", size: 64 }], sharedMemorySize: 128, devices: [{ hostPath: "/dev/fuse" }] },
      systemControls: [{ namespace: "kernel.shmmax", value: "68719476736" }],
      restartPolicy: { enabled: true, restartAttemptPeriod: 300 },
      startTimeout: 900,
      logConfiguration: { logDriver: "json-file" },
    });
  });

  test("plans the steady group's pinned AMI release, instance refresh and warm pool, and the Fargate storage key", () => {
    const steady = created("aws_autoscaling_group").find((g) => g.name === "acme-cl-steady");
    expect(steady.instance_refresh[0]).toMatchObject({ strategy: "Rolling" });
    expect(steady.instance_refresh[0].preferences[0]).toMatchObject({
      min_healthy_percentage: 50,
      checkpoint_percentages: [50, 100],
      checkpoint_delay: "300",
      scale_in_protected_instances: "Refresh",
    });
    expect(steady.warm_pool[0]).toMatchObject({ min_size: 1, pool_state: "Stopped" });
    const template = created("aws_launch_template").find((t) => t.name === "acme-cl-steady");
    // Instances warming in the pool must not register with the cluster: the agent waits for InService.
    expect(Buffer.from(template.user_data, "base64").toString("utf8")).toContain("ECS_WARM_POOLS_CHECK=true\n");
    expect(template.image_id).toBe(
      "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/amzn2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64/image_id",
    );
    expect(created("aws_kms_alias").map((a) => a.name)).toContain("alias/acme-cl-fargate-storage");
  });

  test("plans the GPU group on the gpu AMI variant with the agent's GPU support on", () => {
    const template = created("aws_launch_template").find((t) => t.name === "acme-cl-gpu");
    expect(template.image_id).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id");
    expect(Buffer.from(template.user_data, "base64").toString("utf8")).toContain("ECS_ENABLE_GPU_SUPPORT=true");
    const group = created("aws_autoscaling_group").find((g) => g.name === "acme-cl-gpu");
    expect(group.mixed_instances_policy[0].launch_template[0].override.map((o: any) => o.instance_type)).toEqual([
      "g5.xlarge",
      "g6.xlarge",
    ]);
  });

  test("plans the Bottlerocket group: the arm64 aws-ecs-2 AMI, TOML user data, an OS volume and a 50 GiB data volume, both encrypted", () => {
    const template = created("aws_launch_template").find((t) => t.name === "acme-cl-rocket");
    expect(template.image_id).toBe("resolve:ssm:/aws/service/bottlerocket/aws-ecs-2/arm64/latest/image_id");
    expect(Buffer.from(template.user_data, "base64").toString("utf8")).toBe(
      '[settings.ecs]\ncluster = "acme-cl"\nenable-spot-instance-draining = true\nawsvpc-block-imds = true\n',
    );
    expect(template.block_device_mappings).toEqual([
      expect.objectContaining({ device_name: "/dev/xvda", ebs: [expect.objectContaining({ encrypted: "true", volume_type: "gp3" })] }),
      expect.objectContaining({
        device_name: "/dev/xvdb",
        ebs: [expect.objectContaining({ encrypted: "true", volume_type: "gp3", volume_size: 50 })],
      }),
    ]);
    expect(template.metadata_options[0]).toMatchObject({ http_tokens: "required", http_put_response_hop_limit: 1 });
    const group = created("aws_autoscaling_group").find((g) => g.name === "acme-cl-rocket");
    expect(group.mixed_instances_policy[0].instances_distribution[0]).toMatchObject({ on_demand_percentage_above_base_capacity: 0 });
  });
});
