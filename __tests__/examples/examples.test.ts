import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App, Testing } from "cdktf";
import { buildAppTeam } from "../../examples/app-team/main";
import { changesOf, offlinePlan, synthesizedStack } from "../offline/offline-plans";

/** The examples use only the public API; each one validates and plans against the real provider. */
const after = (plan: Awaited<ReturnType<typeof offlinePlan>>, type: string) => changesOf(plan, type).map((c) => c.change.after as any);

describe("examples", () => {
  test("examples import the library only through its public entry point", () => {
    const root = join(__dirname, "..", "..", "examples");
    const files = [
      "common.ts",
      ...readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => join(d.name, "main.ts")),
    ];
    expect(files).toHaveLength(7);
    for (const file of files) {
      const imports = [...readFileSync(join(root, file), "utf8").matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
      const internal = imports.filter(
        // An example may import its own sibling files (the app-team's output loader), never the library's internals.
        (path) => path.includes("/src/") || (path.startsWith(".") && !/^(\.\.\/)+src$|^\.\.\/common$|^\.\/[a-z-]+$/.test(path)),
      );
      expect({ file, internal }).toEqual({ file, internal: [] });
    }
  });

  test.each([
    "example-minimal",
    "example-microservices",
    "example-workers-and-jobs",
    "example-ec2-capacity",
    "example-app-team",
    "example-ecs-anywhere",
  ])("%s: every resource carries the Environment default tag, and task roles trust ECS only from the example's account", async (stack) => {
    const plan = await offlinePlan(stack);
    for (const vpc of after(plan, "aws_vpc")) expect(vpc.tags_all).toMatchObject({ Environment: "example", ManagedBy: "cdktf" });
    const roles = after(plan, "aws_iam_role").filter((r) => r.assume_role_policy.includes("ecs-tasks.amazonaws.com"));
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) {
      expect(JSON.parse(role.assume_role_policy).Statement[0].Condition).toEqual({
        StringEquals: { "aws:SourceAccount": "123456789012" },
        ArnLike: { "aws:SourceArn": "arn:*:ecs:*:123456789012:*" },
      });
    }
  });

  test("minimal: one Fargate service behind a public load balancer in a new VPC", async () => {
    const plan = await offlinePlan("example-minimal");
    expect(after(plan, "aws_vpc")).toHaveLength(1);
    expect(after(plan, "aws_lb")).toEqual([expect.objectContaining({ internal: false })]);
    const [service] = after(plan, "aws_ecs_service");
    expect(service).toMatchObject({ name: "demo-web", desired_count: 2, network_configuration: [{ assign_public_ip: false }] });
    expect(service.load_balancer).toEqual([expect.objectContaining({ container_name: "web", container_port: 8080 })]);
  });

  test("microservices: the frontend reaches the API over Service Connect, and only the frontend may", async () => {
    const plan = await offlinePlan("example-microservices");
    const services = after(plan, "aws_ecs_service");
    const api = services.find((s) => s.name === "shop-api");
    const frontend = services.find((s) => s.name === "shop-frontend");
    expect(api.service_connect_configuration[0]).toMatchObject({
      enabled: true,
      service: [
        expect.objectContaining({
          port_name: "api",
          discovery_name: "api",
          timeout: [{ idle_timeout_seconds: 300, per_request_timeout_seconds: 60 }],
        }),
      ],
    });
    expect(frontend.service_connect_configuration[0]).toMatchObject({ enabled: true });
    expect(frontend.service_connect_configuration[0].service ?? []).toEqual([]);
    const ingressTo9000 = after(plan, "aws_vpc_security_group_ingress_rule").filter((r) => r.from_port === 9000);
    expect(ingressTo9000).toHaveLength(1);
    expect(after(plan, "aws_service_discovery_private_dns_namespace")).toEqual([expect.objectContaining({ name: "shop.internal" })]);
  });

  test("workers and jobs: queue-depth scaling, a nightly Fargate Spot task, and a Spot-first Batch queue with a schedule", async () => {
    const plan = await offlinePlan("example-workers-and-jobs");
    expect(after(plan, "aws_appautoscaling_policy").some((p) => p.policy_type === "StepScaling")).toBe(true);
    // The worker's queue (a Queue, consumed through QueueProcessingService) has a dead-letter queue.
    expect(after(plan, "aws_sqs_queue").map((q) => q.name)).toEqual(expect.arrayContaining(["jobs-orders", "jobs-orders-dlq"]));
    const schedules = after(plan, "aws_scheduler_schedule");
    expect(schedules.map((s) => s.schedule_expression).sort()).toEqual(["cron(0 2 * * ? *)", "cron(30 1 * * ? *)"]);
    const [queue] = after(plan, "aws_batch_job_queue");
    expect(queue.compute_environment_order).toHaveLength(2);
    expect(
      after(plan, "aws_batch_compute_environment")
        .map((c) => c.compute_resources[0].type)
        .sort(),
    ).toEqual(["FARGATE", "FARGATE_SPOT"]);
  });

  test("EC2 capacity: a Graviton group with Spot and managed scaling runs a binpacked service", async () => {
    const plan = await offlinePlan("example-ec2-capacity");
    const [template] = after(plan, "aws_launch_template");
    expect(template.image_id).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id");
    const [provider] = after(plan, "aws_ecs_capacity_provider");
    expect(provider.auto_scaling_group_provider[0]).toMatchObject({
      managed_termination_protection: "ENABLED",
      managed_scaling: [expect.objectContaining({ target_capacity: 90 })],
    });
    const [service] = after(plan, "aws_ecs_service");
    expect(service.ordered_placement_strategy).toEqual([
      { type: "spread", field: "attribute:ecs.availability-zone" },
      { type: "binpack", field: "memory" },
    ]);
  });

  test("app team: deploys into the platform's network and cluster from its outputs, creating neither", async () => {
    const plan = await offlinePlan("example-app-team");
    const platform = JSON.parse(readFileSync(join(__dirname, "..", "..", "examples", "app-team", "platform-outputs.dev.json"), "utf8"));
    const value = (name: string) => platform[name].value;
    for (const type of ["aws_vpc", "aws_subnet", "aws_ecs_cluster", "aws_ecs_cluster_capacity_providers", "aws_nat_gateway"]) {
      expect({ type, planned: changesOf(plan, type).length }).toEqual({ type, planned: 0 });
    }
    const services = after(plan, "aws_ecs_service");
    expect(services.map((s) => s.name).sort()).toEqual(["billing-api", "billing-worker"]);
    for (const service of services) {
      expect(service.cluster).toBe(value("cluster_arn"));
      expect(service.network_configuration[0]).toMatchObject({ assign_public_ip: false, subnets: value("private_subnet_ids") });
    }
    // The API sits behind the team's own internal load balancer in the platform's private subnets and VPC.
    expect(after(plan, "aws_lb")).toEqual([
      expect.objectContaining({ name: "billing-internal", internal: true, subnets: value("private_subnet_ids") }),
    ]);
    expect(after(plan, "aws_lb_target_group")).toEqual([expect.objectContaining({ vpc_id: value("vpc_id"), port: 8080 })]);
    expect(after(plan, "aws_security_group").every((g) => g.vpc_id === value("vpc_id"))).toBe(true);
    // The worker's queue has a dead-letter queue, and the worker scales on its depth.
    expect(
      after(plan, "aws_sqs_queue")
        .map((q) => q.name)
        .sort(),
    ).toEqual(["billing-invoices", "billing-invoices-dlq"]);
    expect(after(plan, "aws_appautoscaling_policy").filter((p) => p.policy_type === "StepScaling")).toHaveLength(2);
  });

  test("app team: the worker may consume the queue and the API may send to it, nothing more", () => {
    const stack = buildAppTeam(new App({ outdir: "unused" }));
    const policies = JSON.parse(Testing.synth(stack)).resource.aws_iam_role_policy as Record<string, { policy: string }>;
    const statements = (prefix: string) =>
      Object.entries(policies)
        .filter(([key]) => key.startsWith(prefix))
        .flatMap(([, p]) => JSON.parse(p.policy).Statement);
    const queueArn = "${aws_sqs_queue.Invoices.arn}";
    expect(statements("WorkerTask_TaskRole")).toEqual([
      expect.objectContaining({
        Effect: "Allow",
        Action: expect.arrayContaining(["sqs:ReceiveMessage", "sqs:DeleteMessage"]),
        Resource: queueArn,
      }),
    ]);
    expect(statements("WorkerTask_TaskRole")[0].Action).not.toContain("sqs:SendMessage");
    expect(statements("ApiTask_TaskRole")).toEqual([
      expect.objectContaining({
        Effect: "Allow",
        Action: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
        Resource: queueArn,
      }),
    ]);
  });

  test("ecs-anywhere: an SSM activation for the external instances' role, and an EXTERNAL service with no network configuration", async () => {
    const plan = await offlinePlan("example-ecs-anywhere");
    const [activation] = after(plan, "aws_ssm_activation");
    expect(activation).toMatchObject({ registration_limit: 5 });
    const role = after(plan, "aws_iam_role").find((r) => r.assume_role_policy.includes("ssm.amazonaws.com"));
    expect(JSON.parse(role.assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:*:ssm:*:123456789012:*" },
    });
    expect(
      after(plan, "aws_iam_role_policy_attachment")
        .map((a) => a.policy_arn)
        .sort(),
    ).toEqual([
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
    ]);
    const [service] = after(plan, "aws_ecs_service");
    expect(service).toMatchObject({ name: "edge-collector", launch_type: "EXTERNAL", desired_count: 2, network_configuration: [] });
    const [task] = after(plan, "aws_ecs_task_definition");
    expect(task).toMatchObject({ requires_compatibilities: ["EXTERNAL"], network_mode: "bridge" });
    // The activation code is a secret: its output is sensitive, so the plan never shows it.
    const outputs = (await synthesizedStack("example-ecs-anywhere")).output;
    expect(outputs.activation_code.sensitive).toBe(true);
    expect(outputs.registration_command.sensitive).toBe(true);
    expect(after(plan, "aws_vpc")).toEqual([expect.objectContaining({ assign_generated_ipv6_cidr_block: true })]);
  });
});
