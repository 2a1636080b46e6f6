import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { Service, ServiceProps } from "../../src/service/service";
import { ContainerImage } from "../../src/task/image";
import { TaskDefinition } from "../../src/task/task-definition";
import { NetworkLoadBalancer } from "../../src/ingress/network-load-balancer";
import { Network } from "../../src/network/network";
import { Cluster } from "../../src/cluster/cluster";
import { resourceAt, resourcesOf, synth } from "../helpers";
import { alb, platform, webTask } from "./fixtures";

type Build = (scope: Construct) => Partial<ServiceProps>;

/** Builds a platform, a web task and a Service with `extra(scope)` props. */
function service(scope: Construct, extra: Build = () => ({}), id = "Web"): Service {
  const { cluster } = platform(scope);
  const taskDefinition = webTask(scope);
  return new Service(scope, id, { name: "acme-test-web", cluster, taskDefinition, ...extra(scope) });
}

function withAlb(more: Build = () => ({})): Build {
  return (scope) => {
    const lb = alb(scope, scope.node.findChild("Network") as Network);
    return { loadBalancer: { listener: lb.listener, priority: 10, hostHeaders: ["www.example.com"] }, ...more(scope) };
  };
}

const svc = (s: ReturnType<typeof synth>) => resourceAt(s, "aws_ecs_service", "Web/Resource");

describe("Service", () => {
  test("defaults: the cluster's strategy written out, private subnets, no public IP, its own security group, 2 tasks", () => {
    const s = synth((stack) => service(stack));
    expect(s.json).toHaveResourceWithProperties(EcsService, { name: "acme-test-web", desired_count: 2 });
    expect(svc(s)).toMatchObject({
      name: "acme-test-web",
      desired_count: 2,
      capacity_provider_strategy: [
        { capacity_provider: "FARGATE", base: 1, weight: 1 },
        { capacity_provider: "FARGATE_SPOT", weight: 3 },
      ],
      network_configuration: { assign_public_ip: false },
      propagate_tags: "SERVICE",
      enable_ecs_managed_tags: true,
      enable_execute_command: false,
      wait_for_steady_state: false,
    });
    const r = svc(s);
    expect(r.network_configuration.subnets).toHaveLength(2);
    expect(r.network_configuration.subnets.every((x: string) => /aws_subnet\.Network_PrivateSubnet/.test(x))).toBe(true);
    expect(r.network_configuration.security_groups).toEqual([expect.stringMatching(/aws_security_group\.Web_SecurityGroup_/)]);
    expect(resourceAt(s, "aws_security_group", "Web/SecurityGroup").name_prefix).toBe("acme-test-web-service-");
    expect(r.load_balancer).toBeUndefined();
    expect(r.health_check_grace_period_seconds).toBeUndefined();
  });

  test("waits for its roles' policies (even one granted after it was built) and its subnets' routes", () => {
    const s = synth((stack) => {
      const web = service(stack);
      web.taskDefinition.grant(["sqs:ReceiveMessage"], ["arn:aws:sqs:eu-west-1:111111111111:jobs"]);
    });
    const dependsOn: string[] = svc(s).depends_on;
    expect(dependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_iam_role_policy\.Task_ExecutionRole_Policy_/),
        expect.stringMatching(/^aws_iam_role_policy\.Task_TaskRole_Policy_/),
        expect.stringMatching(/^aws_route_table_association\.Network_PrivateSubnet1RouteTableAssociation_/),
        expect.stringMatching(/^aws_route\.Network_PrivateDefaultRoute1_/),
      ]),
    );
  });

  test("rolling deployment by default: ECS controller, 100/200 percent, circuit breaker with rollback", () => {
    const s = synth((stack) => service(stack));
    expect(svc(s)).toMatchObject({
      deployment_controller: { type: "ECS" },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      deployment_circuit_breaker: { enable: true, rollback: true },
      force_new_deployment: true,
    });
    expect(svc(s).lifecycle).toBeUndefined();
  });

  test("rolling deployment alarms roll back on the named alarms, which replace the service's own", () => {
    const s = synth((stack) =>
      service(stack, () => ({
        deployment: { type: "rolling", minHealthyPercent: 50, maxPercent: 150, rollbackAlarmNames: ["acme-errors"] },
      })),
    );
    expect(svc(s)).toMatchObject({
      deployment_minimum_healthy_percent: 50,
      deployment_maximum_percent: 150,
      alarms: { alarm_names: ["acme-errors"], enable: true, rollback: true },
    });
    // The named alarms are not in the stack, and the service's own are replaced: no alarm to wait for.
    expect(svc(s).depends_on.filter((d: string) => d.startsWith("aws_cloudwatch_metric_alarm."))).toEqual([]);
  });

  test("rolling deployments roll back on the service's own task-count alarm by default; [] or alarms off opt out", () => {
    const s = synth((stack) => service(stack));
    expect(svc(s).alarms).toEqual({ alarm_names: ["acme-test-web-tasks-below-desired"], enable: true, rollback: true });
    // The alarm is keyed on the service name, not the service's attribute, so there is no cycle.
    expect(resourceAt(s, "aws_cloudwatch_metric_alarm", "Web/Alarms/CpuHigh").dimensions).toEqual({
      ClusterName: expect.stringMatching(/aws_ecs_cluster\.Cluster\.name/),
      ServiceName: "acme-test-web",
    });
    const none = synth((stack) => service(stack, () => ({ deployment: { type: "rolling", rollbackAlarmNames: [] } })));
    expect(svc(none).alarms).toBeUndefined();
    const off = synth((stack) => service(stack, () => ({ alarms: { enabled: false } })));
    expect(svc(off).alarms).toBeUndefined();
  });

  test("AZ rebalancing is on for a service in two AZs, and can be turned off", () => {
    expect(svc(synth((stack) => service(stack))).availability_zone_rebalancing).toBe("ENABLED");
    const off = synth((stack) => service(stack, () => ({ availabilityZoneRebalancing: false })));
    expect(svc(off).availability_zone_rebalancing).toBe("DISABLED");
  });

  test("redeployOn becomes triggers, next to the force_new_deployment the provider needs for them", () => {
    const s = synth((stack) => service(stack, () => ({ redeployOn: { imageDigest: "sha256:abc", secretVersion: "v7" } })));
    expect(svc(s)).toMatchObject({ triggers: { imageDigest: "sha256:abc", secretVersion: "v7" }, force_new_deployment: true });
    expect(svc(synth((stack) => service(stack))).triggers).toBeUndefined();
  });

  test("behind an ALB: target group on the container port, a host rule with its priority, and only the ALB let in", () => {
    const s2 = synth((stack) => service(stack, withAlb()));
    const r = svc(s2);
    expect(r.load_balancer).toEqual([
      {
        container_name: "web",
        container_port: 8080,
        target_group_arn: expect.stringMatching(/aws_lb_target_group\.Web_TargetGroup_.*\.arn/),
      },
    ]);
    expect(r.health_check_grace_period_seconds).toBe(60);
    expect(r.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_ecs_cluster_capacity_providers\./),
        expect.stringMatching(/^aws_lb_listener_rule\.Alb_HttpsListener_Web_/),
        // The alarms a rolling deployment rolls back on exist before the service names them.
        expect.stringMatching(/^aws_cloudwatch_metric_alarm\.Web_Alarms_TasksBelowDesired_/),
        expect.stringMatching(/^aws_cloudwatch_metric_alarm\.Web_Alarms_UnhealthyTargets_/),
        expect.stringMatching(/^aws_cloudwatch_metric_alarm\.Web_Alarms_Http5xx_/),
      ]),
    );
    expect(r.alarms).toEqual({
      alarm_names: ["acme-test-web-tasks-below-desired", "acme-test-web-unhealthy-targets", "acme-test-web-5xx"],
      enable: true,
      rollback: true,
    });
    expect(resourceAt(s2, "aws_lb_target_group", "Web/TargetGroup")).toMatchObject({ port: 8080, target_type: "ip", protocol: "HTTP" });
    const rule = resourceAt(s2, "aws_lb_listener_rule", "Alb/HttpsListener/Web");
    expect(rule.priority).toBe(10);
    expect(JSON.stringify(rule.condition)).toContain("www.example.com");
    const ingress = Object.values(resourcesOf(s2, "aws_vpc_security_group_ingress_rule")).filter((x: any) =>
      /Web_SecurityGroup/.test(x.security_group_id),
    );
    expect(ingress).toEqual([
      expect.objectContaining({
        from_port: 8080,
        to_port: 8080,
        ip_protocol: "tcp",
        referenced_security_group_id: expect.stringMatching(/Alb_SecurityGroup/),
      }),
    ]);
  });

  test("long names get a generated target group name of at most 32 characters instead of failing", () => {
    const s = synth((stack) => {
      const { cluster, network } = platform(stack);
      const lb = alb(stack, network);
      new Service(stack, "Web", {
        name: "acme-production-customer-portal-frontend",
        cluster,
        taskDefinition: webTask(stack),
        loadBalancer: { listener: lb.listener, priority: 5, pathPatterns: ["/*"] },
      });
    });
    const name = resourceAt(s, "aws_lb_target_group", "Web/TargetGroup").name;
    expect(name.length).toBeLessThanOrEqual(32);
    expect(name.startsWith("acme-production")).toBe(true);
  });

  test("behind an NLB: a TCP target group, a listener forwarding to it, the NLB let in on the container port", () => {
    const s = synth((stack) => {
      const { cluster, network } = platform(stack);
      const nlb = new NetworkLoadBalancer(stack, "Nlb", { name: "acme-test-tcp", network });
      new Service(stack, "Web", {
        name: "acme-test-web",
        cluster,
        taskDefinition: webTask(stack),
        networkLoadBalancer: { loadBalancer: nlb, listenerPort: 443 },
      });
    });
    expect(resourceAt(s, "aws_lb_target_group", "Web/TargetGroup")).toMatchObject({ protocol: "TCP", port: 8080 });
    expect(resourceAt(s, "aws_lb_listener", "Nlb/Web")).toMatchObject({ port: 443, protocol: "TCP" });
    expect(svc(s).depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_ecs_cluster_capacity_providers\./),
        expect.stringMatching(/aws_lb_listener\.Nlb_Web_/),
        expect.stringMatching(/^aws_cloudwatch_metric_alarm\.Web_Alarms_TasksBelowDesired_/),
        expect.stringMatching(/^aws_cloudwatch_metric_alarm\.Web_Alarms_UnhealthyTargets_/),
      ]),
    );
    // An NLB has no 5xx metric: the unhealthy-target and task-count alarms roll a deployment back.
    expect(svc(s).alarms.alarm_names).toEqual(["acme-test-web-tasks-below-desired", "acme-test-web-unhealthy-targets"]);
    const ingress = Object.values(resourcesOf(s, "aws_vpc_security_group_ingress_rule")).filter((x: any) =>
      /Web_SecurityGroup/.test(x.security_group_id),
    );
    expect(ingress).toEqual([
      expect.objectContaining({ from_port: 8080, referenced_security_group_id: expect.stringMatching(/Nlb_SecurityGroup/) }),
    ]);
  });

  test("allowFrom lets a named peer service reach the container port", () => {
    const s = synth((stack) => {
      const api = service(stack, () => ({}), "Web");
      const other = new Service(stack, "Worker", {
        name: "acme-test-worker",
        cluster: api.cluster,
        taskDefinition: webTask(stack, "WorkerTask", { name: "acme-test-worker" }),
      });
      api.allowFrom(other);
    });
    const ingress = Object.values(resourcesOf(s, "aws_vpc_security_group_ingress_rule")).filter((x: any) =>
      /Web_SecurityGroup/.test(x.security_group_id),
    );
    expect(ingress).toEqual([
      expect.objectContaining({ from_port: 8080, referenced_security_group_id: expect.stringMatching(/Worker_SecurityGroup/) }),
    ]);
  });

  test("auto scaling: a scalable target, CPU/memory/request tracking, desired count from the minimum, desired_count ignored", () => {
    const s = synth((stack) =>
      service(
        stack,
        withAlb(() => ({
          autoScaling: { minCapacity: 2, maxCapacity: 10, targetTracking: { cpuPercent: 60, memoryPercent: 70, requestsPerTarget: 500 } },
        })),
      ),
    );
    expect(svc(s).desired_count).toBe(2);
    expect(svc(s).lifecycle).toEqual({ ignore_changes: ["desired_count"] });
    expect(resourceAt(s, "aws_appautoscaling_target", "Web/AutoScaling/Target")).toMatchObject({
      min_capacity: 2,
      max_capacity: 10,
      scalable_dimension: "ecs:service:DesiredCount",
      service_namespace: "ecs",
    });
    expect(resourceAt(s, "aws_appautoscaling_target", "Web/AutoScaling/Target").resource_id).toMatch(
      /^service\/\$\{aws_ecs_cluster\.Cluster\.name\}\/\$\{aws_ecs_service\..*\.name\}$/,
    );
    const cpu = resourceAt(s, "aws_appautoscaling_policy", "Web/AutoScaling/CpuTracking");
    expect(cpu).toMatchObject({
      name: "acme-test-web-cpu-tracking",
      policy_type: "TargetTrackingScaling",
      target_tracking_scaling_policy_configuration: {
        target_value: 60,
        scale_in_cooldown: 300,
        scale_out_cooldown: 60,
        predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageCPUUtilization" },
      },
    });
    const requests = resourceAt(s, "aws_appautoscaling_policy", "Web/AutoScaling/RequestsTracking");
    expect(requests.target_tracking_scaling_policy_configuration.predefined_metric_specification).toMatchObject({
      predefined_metric_type: "ALBRequestCountPerTarget",
      resource_label: expect.stringMatching(/^\$\{aws_lb\..*\.arn_suffix\}\/\$\{aws_lb_target_group\..*\.arn_suffix\}$/),
    });
    // One change at a time per scalable target: each policy waits for the one before.
    expect(resourceAt(s, "aws_appautoscaling_policy", "Web/AutoScaling/MemoryTracking").depends_on).toEqual([
      expect.stringMatching(/aws_appautoscaling_policy\.Web_AutoScaling_CpuTracking/),
    ]);
  });

  test("step scaling on SQS queue depth: an alarm per direction wired to its step policy", () => {
    const s = synth((stack) =>
      service(stack, () => ({
        autoScaling: {
          minCapacity: 0,
          maxCapacity: 20,
          stepScaling: {
            "queue-depth": {
              metric: {
                namespace: "AWS/SQS",
                metricName: "ApproximateNumberOfMessagesVisible",
                dimensions: { QueueName: "jobs" },
                statistic: "Maximum",
              },
              scaleOut: [
                { from: 1, change: 1 },
                { from: 100, change: 5 },
              ],
              scaleIn: [{ upTo: 0, change: -1 }],
            },
          },
        },
      })),
    );
    expect(svc(s).desired_count).toBe(0);
    const out = resourceAt(s, "aws_appautoscaling_policy", "Web/AutoScaling/queue-depth/ScaleOutPolicy");
    expect(out.step_scaling_policy_configuration).toMatchObject({
      adjustment_type: "ChangeInCapacity",
      step_adjustment: [
        { metric_interval_lower_bound: "0", metric_interval_upper_bound: "99", scaling_adjustment: 1 },
        { metric_interval_lower_bound: "99", scaling_adjustment: 5 },
      ],
    });
    const outAlarm = resourceAt(s, "aws_cloudwatch_metric_alarm", "Web/AutoScaling/queue-depth/ScaleOutAlarm");
    expect(outAlarm).toMatchObject({
      alarm_name: "acme-test-web-queue-depth-out",
      namespace: "AWS/SQS",
      metric_name: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "jobs" },
      statistic: "Maximum",
      threshold: 1,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      alarm_actions: [expect.stringMatching(/aws_appautoscaling_policy\.Web_AutoScaling_queue-depth_ScaleOutPolicy_.*\.arn/)],
    });
    expect(resourceAt(s, "aws_cloudwatch_metric_alarm", "Web/AutoScaling/queue-depth/ScaleInAlarm")).toMatchObject({
      threshold: 0,
      comparison_operator: "LessThanOrEqualToThreshold",
      treat_missing_data: "breaching",
    });
  });

  test("scheduled actions scale dev to zero at night and back in the morning", () => {
    const s = synth((stack) =>
      service(stack, () => ({
        autoScaling: {
          minCapacity: 1,
          maxCapacity: 4,
          scheduled: {
            night: { schedule: "cron(0 20 ? * MON-FRI *)", minCapacity: 0, maxCapacity: 0, timezone: "Europe/Dublin" },
            morning: { schedule: "cron(0 7 ? * MON-FRI *)", minCapacity: 1, maxCapacity: 4 },
          },
        },
      })),
    );
    expect(resourceAt(s, "aws_appautoscaling_scheduled_action", "Web/AutoScaling/night")).toMatchObject({
      name: "acme-test-web-night",
      schedule: "cron(0 20 ? * MON-FRI *)",
      timezone: "Europe/Dublin",
      scalable_target_action: { min_capacity: "0", max_capacity: "0" },
    });
    expect(resourceAt(s, "aws_appautoscaling_scheduled_action", "Web/AutoScaling/morning").timezone).toBe("UTC");
  });

  test("blue/green: CODE_DEPLOY controller, Terraform ignores task definition and load balancer, a green group on a test listener", () => {
    const s = synth((stack) =>
      service(
        stack,
        withAlb(() => ({ deployment: { type: "blueGreen", testListenerPort: 8443 } })),
      ),
    );
    const r = svc(s);
    expect(r.deployment_controller).toEqual({ type: "CODE_DEPLOY" });
    expect(r.lifecycle).toEqual({ ignore_changes: ["task_definition", "load_balancer"] });
    expect(r.deployment_circuit_breaker).toBeUndefined();
    expect(r.force_new_deployment).toBeUndefined();
    expect(resourceAt(s, "aws_lb_listener", "Alb/TestListener8443")).toMatchObject({ port: 8443, protocol: "HTTPS" });
    expect(resourceAt(s, "aws_lb_target_group", "Web/BlueGreen/GreenTargetGroup").name).toMatch(/^acme-test-web-green-[0-9a-f]{6}$/);
    const prodRule = resourceAt(s, "aws_lb_listener_rule", "Alb/HttpsListener/Web");
    const testRule = resourceAt(s, "aws_lb_listener_rule", "Alb/TestListener8443/WebGreen");
    expect(prodRule.lifecycle).toEqual({ ignore_changes: ["action"] });
    expect(testRule.lifecycle).toEqual({ ignore_changes: ["action"] });
    expect(testRule.priority).toBe(10);
  });

  test("blue/green: deployment group with both target groups, both listeners, auto-rollback on failure and on the service alarms", () => {
    const s = synth((stack) =>
      service(
        stack,
        withAlb(() => ({ deployment: { type: "blueGreen", testListenerPort: 8443, terminationWaitMinutes: 15 } })),
      ),
    );
    expect(resourceAt(s, "aws_codedeploy_app", "Web/BlueGreen/Application")).toMatchObject({
      name: "acme-test-web",
      compute_platform: "ECS",
    });
    const group = resourceAt(s, "aws_codedeploy_deployment_group", "Web/BlueGreen/Resource");
    expect(group).toMatchObject({
      deployment_config_name: "CodeDeployDefault.ECSAllAtOnce",
      deployment_style: { deployment_type: "BLUE_GREEN", deployment_option: "WITH_TRAFFIC_CONTROL" },
      blue_green_deployment_config: {
        deployment_ready_option: { action_on_timeout: "CONTINUE_DEPLOYMENT" },
        terminate_blue_instances_on_deployment_success: { action: "TERMINATE", termination_wait_time_in_minutes: 15 },
      },
      auto_rollback_configuration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] },
      alarm_configuration: {
        enabled: true,
        alarms: [
          "acme-test-web-cpu-high",
          "acme-test-web-memory-high",
          "acme-test-web-tasks-below-desired",
          "acme-test-web-unhealthy-targets",
          "acme-test-web-5xx",
        ],
      },
    });
    const pair = group.load_balancer_info.target_group_pair_info;
    expect(pair.target_group).toHaveLength(2);
    expect(pair.prod_traffic_route.listener_arns).toEqual([expect.stringMatching(/Alb_HttpsListener/)]);
    expect(pair.test_traffic_route.listener_arns).toEqual([expect.stringMatching(/Alb_TestListener8443/)]);
  });

  test("blue/green: the CodeDeploy role is scoped to the service's task sets, listeners, rules, alarms and task roles", () => {
    const s = synth((stack) =>
      service(
        stack,
        withAlb(() => ({ deployment: { type: "blueGreen", testListenerPort: 8443 } })),
      ),
    );
    expect(JSON.parse(resourceAt(s, "aws_iam_role", "Web/BlueGreen/Role").assume_role_policy).Statement[0].Principal.Service).toBe(
      "codedeploy.amazonaws.com",
    );
    const statements = policyJson(resourceAt(s, "aws_iam_role_policy", "Web/BlueGreen/Role/Policy").policy).Statement;
    const bySid = Object.fromEntries(statements.map((x: any) => [x.Sid, x]));
    expect(bySid.EcsTaskSets.Resource).toEqual([
      expect.stringMatching(/aws_ecs_service\..*\.id/),
      expect.stringMatching(/replace\(aws_ecs_service\..*\.id, ':service\/', ':task-set\/'\)\}\/\*$/),
    ]);
    expect(bySid.ShiftTraffic.Resource).toHaveLength(4);
    expect(bySid.PassTaskRoles).toMatchObject({
      Action: "iam:PassRole",
      Condition: { StringLike: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
    });
    expect(bySid.ReadAlarms.Resource).toHaveLength(5);
    const wildcards = statements.filter((x: any) => x.Resource === "*").map((x: any) => x.Sid);
    expect(wildcards).toEqual(["DescribeLoadBalancing"]);
  });

  test("blue/green: a custom canary creates its own deployment config", () => {
    const s = synth((stack) =>
      service(
        stack,
        withAlb(() => ({
          deployment: {
            type: "blueGreen",
            testListenerPort: 8443,
            config: { type: "canary", percentage: 20, intervalMinutes: 10 },
            approvalWaitMinutes: 30,
          },
        })),
      ),
    );
    expect(resourceAt(s, "aws_codedeploy_deployment_config", "Web/BlueGreen/Config")).toMatchObject({
      deployment_config_name: "acme-test-web-canary-20pct-10min",
      compute_platform: "ECS",
      traffic_routing_config: { type: "TimeBasedCanary", time_based_canary: { percentage: 20, interval: 10 } },
    });
    expect(
      resourceAt(s, "aws_codedeploy_deployment_group", "Web/BlueGreen/Resource").blue_green_deployment_config.deployment_ready_option,
    ).toEqual({
      action_on_timeout: "STOP_DEPLOYMENT",
      wait_time_in_minutes: 30,
    });
  });

  test("Service Connect server: the cluster's namespace, the named port, proxy logs in the task's log group", () => {
    const s = synth((stack) =>
      service(stack, () => ({ serviceConnect: { endpoints: [{ portName: "http", discoveryName: "web", port: 80 }] } })),
    );
    expect(svc(s).service_connect_configuration).toMatchObject({
      enabled: true,
      namespace: expect.stringMatching(/aws_service_discovery_private_dns_namespace\..*\.arn/),
      log_configuration: { log_driver: "awslogs", options: { "awslogs-stream-prefix": "service-connect" } },
      service: [{ port_name: "http", discovery_name: "web", client_alias: { port: 80 } }],
    });
  });

  test("Service Connect client only: no endpoints", () => {
    const s = synth((stack) => service(stack, () => ({ serviceConnect: {} })));
    expect(svc(s).service_connect_configuration).toMatchObject({ enabled: true });
    expect(svc(s).service_connect_configuration.service).toBeUndefined();
  });

  test("Cloud Map discovery: a service with A records in the namespace, registered on the ECS service", () => {
    const s = synth((stack) => service(stack, () => ({ cloudMapDiscovery: { name: "web" } })));
    const discovery = resourceAt(s, "aws_service_discovery_service", "Web/CloudMap");
    expect(discovery).toMatchObject({ name: "web", dns_config: { routing_policy: "MULTIVALUE", dns_records: [{ type: "A", ttl: 10 }] } });
    expect(svc(s).service_registries).toEqual({ registry_arn: expect.stringMatching(/aws_service_discovery_service\..*\.arn/) });
  });

  test("ECS Exec: turned on on the service, Session Manager channels on the task role, a warning about the read-only root", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "exec");
    const web = service(stack, () => ({ enableExec: true }));
    const s = JSON.parse(Testing.synth(stack));
    expect(Object.values(s.resource.aws_ecs_service as Record<string, any>)[0].enable_execute_command).toBe(true);
    const taskPolicy = Object.entries(s.resource.aws_iam_role_policy as Record<string, any>).find(([k]) =>
      k.startsWith("Task_TaskRole"),
    )![1];
    expect(taskPolicy.policy).toContain("ssmmessages:CreateControlChannel");
    expect(web.taskDefinition.isExecEnabled).toBe(true);
    expect(web.node.metadata.map((m) => String(m.data)).join()).toMatch(/writable root filesystem/);
  });

  test("ECS Exec on an audited cluster: the task role may use the session key and write the session log group", () => {
    const s = synth((stack) => {
      const { cluster } = platform(stack);
      const audited = {
        ...cluster,
        execAuditLogging: true,
        execAudit: {
          kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/00000009-0000-4000-8000-000000000009",
          logGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/acme-test/exec",
          logGroupName: "/ecs/acme-test/exec",
        },
      };
      new Service(stack, "Web", { name: "acme-test-web", cluster: audited, taskDefinition: webTask(stack), enableExec: true });
    });
    const statements = JSON.parse(resourceAt(s, "aws_iam_role_policy", "Task/TaskRole/Policy").policy).Statement;
    expect(statements.map((x: any) => x.Sid)).toEqual(["EcsExec", "ExecSessionKey", "ExecDescribeLogGroups", "ExecSessionLogs"]);
    expect(statements[1]).toMatchObject({
      Action: "kms:Decrypt",
      Resource: "arn:aws:kms:eu-west-1:123456789012:key/00000009-0000-4000-8000-000000000009",
    });
  });

  test("works with the cluster module's Cluster: its default strategy and namespace, depending on its capacity provider association", () => {
    const s = synth((stack) => {
      const network = new Network(stack, "Network", {
        name: "acme-test",
        cidr: "10.0.0.0/16",
        availabilityZones: ["eu-west-1a", "eu-west-1b"],
        natGateways: "single",
      });
      const cluster = new Cluster(stack, "Cluster", {
        name: "acme-test",
        network,
        namespace: { type: "DNS_PRIVATE", name: "acme-test.internal" },
      });
      new Service(stack, "Web", {
        name: "acme-test-web",
        cluster,
        taskDefinition: webTask(stack),
        serviceConnect: { endpoints: [{ portName: "http" }] },
        enableExec: true,
      });
    });
    const r = svc(s);
    expect(r.capacity_provider_strategy).toEqual([
      { capacity_provider: "FARGATE", base: 1, weight: 1 },
      { capacity_provider: "FARGATE_SPOT", weight: 3 },
    ]);
    expect(r.service_connect_configuration.namespace).toMatch(/aws_service_discovery_private_dns_namespace\./);
    expect(r.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_ecs_cluster_capacity_providers\./),
        expect.stringMatching(/^aws_cloudwatch_metric_alarm\.Web_Alarms_TasksBelowDesired_/),
      ]),
    );
    expect(JSON.parse(resourceAt(s, "aws_iam_role_policy", "Task/TaskRole/Policy").policy).Statement.map((x: any) => x.Sid)).toContain(
      "ExecSessionKey",
    );
  });

  test("EC2 capacity: placement strategies and constraints reach the service", () => {
    const s = synth((stack) => {
      const { cluster } = platform(stack, { ec2CapacityProvider: "acme-test-m7g" });
      const taskDefinition = new TaskDefinition(stack, "Task", {
        name: "acme-test-web",
        compatibility: "EC2",
        containers: { web: { image: ContainerImage.fromRegistry("x:1"), portMappings: [{ containerPort: 80 }] } },
      });
      new Service(stack, "Web", {
        name: "acme-test-web",
        cluster,
        taskDefinition,
        placement: {
          strategies: [
            { type: "spread", field: "attribute:ecs.availability-zone" },
            { type: "binpack", field: "memory" },
          ],
          constraints: [{ type: "distinctInstance" }],
        },
      });
    });
    expect(svc(s)).toMatchObject({
      capacity_provider_strategy: [{ capacity_provider: "acme-test-m7g", weight: 1 }],
      ordered_placement_strategy: [
        { type: "spread", field: "attribute:ecs.availability-zone" },
        { type: "binpack", field: "memory" },
      ],
      placement_constraints: [{ type: "distinctInstance" }],
    });
  });

  test("alarms: CPU, memory and task count by default, 5xx and unhealthy targets with an ALB, all notifying the topic", () => {
    const topic = "arn:aws:sns:eu-west-1:123456789012:acme-alerts";
    const s = synth((stack) =>
      service(
        stack,
        withAlb(() => ({ alarms: { topicArn: topic, cpuPercent: 75 } })),
      ),
    );
    const alarms = resourcesOf(s, "aws_cloudwatch_metric_alarm");
    expect(
      Object.values(alarms)
        .map((a: any) => a.alarm_name)
        .sort(),
    ).toEqual([
      "acme-test-web-5xx",
      "acme-test-web-cpu-high",
      "acme-test-web-memory-high",
      "acme-test-web-tasks-below-desired",
      "acme-test-web-unhealthy-targets",
    ]);
    expect(Object.values(alarms).every((a: any) => a.alarm_actions[0] === topic && a.ok_actions[0] === topic)).toBe(true);
    expect(resourceAt(s, "aws_cloudwatch_metric_alarm", "Web/Alarms/CpuHigh")).toMatchObject({
      namespace: "AWS/ECS",
      metric_name: "CPUUtilization",
      threshold: 75,
      evaluation_periods: 5,
      period: 60,
    });
    expect(resourceAt(s, "aws_cloudwatch_metric_alarm", "Web/Alarms/Http5xx")).toMatchObject({
      namespace: "AWS/ApplicationELB",
      metric_name: "HTTPCode_Target_5XX_Count",
      statistic: "Sum",
      threshold: 10,
      treat_missing_data: "notBreaching",
    });
    const tasks = resourceAt(s, "aws_cloudwatch_metric_alarm", "Web/Alarms/TasksBelowDesired");
    expect(tasks.metric_query.map((q: any) => q.id)).toEqual(["running", "desired", "missing"]);
    expect(tasks.metric_query[2]).toMatchObject({ expression: "desired - running", return_data: true });
    expect(tasks.period).toBeUndefined();
  });

  test("alarms can be turned off explicitly", () => {
    const s = synth((stack) => service(stack, () => ({ alarms: { enabled: false } })));
    expect(resourcesOf(s, "aws_cloudwatch_metric_alarm")).toEqual({});
  });

  test("health check grace period, propagate tags and wait-for-steady-state are passed through", () => {
    const s = synth((stack) =>
      service(
        stack,
        withAlb(() => ({ healthCheckGracePeriodSeconds: 120, propagateTags: "TASK_DEFINITION", waitForSteadyState: true })),
      ),
    );
    expect(svc(s)).toMatchObject({
      health_check_grace_period_seconds: 120,
      propagate_tags: "TASK_DEFINITION",
      wait_for_steady_state: true,
    });
  });
});

/** Parses a policy whose ARNs hold Terraform expressions with quoted arguments (quotes become `'` for the parse). */
function policyJson(raw: string): any {
  return JSON.parse(raw.replace(/\$\{[^}]*\}/g, (expr) => expr.replace(/"/g, "'")));
}
