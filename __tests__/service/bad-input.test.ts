import { Construct } from "constructs";
import { ApplicationLoadBalancer } from "../../src/ingress/application-load-balancer";
import { NetworkLoadBalancer } from "../../src/ingress/network-load-balancer";
import { Network } from "../../src/network/network";
import { CloudMapService } from "../../src/service/cloud-map";
import { ServiceAutoScaling } from "../../src/service/autoscaling";
import { Service, ServiceProps } from "../../src/service/service";
import { StepScalingOptions } from "../../src/service/step-scaling";
import { ContainerImage } from "../../src/task/image";
import { TaskDefinition } from "../../src/task/task-definition";
import { PATH_ALLOWED } from "../core/role-messages";
import { expectedMessage, Rejection, testRejections } from "../helpers";
import { alb, CERTIFICATE_ARN, platform, webTask } from "./fixtures";

type Build = (scope: Construct) => Partial<ServiceProps>;

/** A Service named acme-test-web on the fixture platform and web task, with `extra(scope)` props. */
const service =
  (extra: Build = () => ({})) =>
  (scope: Construct) => {
    const { cluster } = platform(scope);
    new Service(scope, "Web", { name: "acme-test-web", cluster, taskDefinition: webTask(scope), ...extra(scope) });
  };
/** The same, with `props` as they are. */
const serviceWith = (props: Partial<ServiceProps>) => service(() => props);
/** The same, behind the fixture ALB's HTTPS listener (priority 10, host www.example.com), with `more(scope)`. */
const behindAlb = (more: Build = () => ({})) =>
  service((scope) => {
    const lb = alb(scope, scope.node.findChild("Network") as Network);
    return { loadBalancer: { listener: lb.listener, priority: 10, hostHeaders: ["www.example.com"] }, ...more(scope) };
  });
const nlbOf = (scope: Construct) =>
  new NetworkLoadBalancer(scope, "Nlb", { name: "acme-nlb", network: scope.node.findChild("Network") as Network });
const albListener = (scope: Construct) => (scope.node.findChild("Alb") as ApplicationLoadBalancer).listener;
/** Auto scaling from 1 to 4 tasks with `more` on top. */
const scaling = (more: object) => serviceWith({ autoScaling: { minCapacity: 1, maxCapacity: 4, ...more } });
const QUEUE = { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible" };
/** One step scaling policy `q` on queue depth with `more` over a valid single scale-out step. */
const step = (more: Partial<StepScalingOptions>) =>
  scaling({ stepScaling: { q: { metric: QUEUE, scaleOut: [{ from: 1, change: 1 }], ...more } } });
const blueGreen = (more: object = {}) => behindAlb(() => ({ deployment: { type: "blueGreen", testListenerPort: 8443, ...more } as any }));
const HTTP_NAMESPACE = { namespaceArn: "arn:ns", namespaceId: "ns-1", namespaceName: "acme", namespaceType: "HTTP" as const };
const manyTags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));

/** An EC2 (awsvpc) task on a cluster with an EC2 capacity provider, with `extra` service props. */
const ec2Service = (extra: Partial<ServiceProps>) => (scope: Construct) => {
  const { cluster } = platform(scope, { ec2CapacityProvider: "acme-test-m7g" });
  const taskDefinition = new TaskDefinition(scope, "Task", {
    name: "acme-test-ec2",
    compatibility: "EC2",
    containers: { web: { image: ContainerImage.fromRegistry("x:1"), portMappings: [{ containerPort: 80 }] } },
  });
  new Service(scope, "Web", { name: "acme-test-web", cluster, taskDefinition, ...extra });
};
/** A service whose only container maps no port, with `extra(scope)` props. */
const portless = (extra: (scope: Construct, network: Network) => Partial<ServiceProps>) => (scope: Construct) => {
  const { cluster, network } = platform(scope);
  const taskDefinition = new TaskDefinition(scope, "Task", {
    name: "acme-test-worker",
    containers: { worker: { image: ContainerImage.fromRegistry("x:1") } },
  });
  return new Service(scope, "Web", { name: "acme-test-worker", cluster, taskDefinition, ...extra(scope, network) });
};

/**
 * Every input the service module's constructs reject: [what is wrong, how to build it, the full message].
 * Each message has the library's one shape: `<path>: invalid <property> <value>: expected <allowed> [<CODE>]`.
 */
const cases: Rejection[] = [
  [
    "a role path without slashes for the service's roles",
    serviceWith({ roleOptions: { path: "svc" } }),
    expectedMessage("test/Web", "roleOptions.path", "svc", PATH_ALLOWED, "ROLE_PATH"),
  ],
  // Service: names, tags, counts and networking
  [
    "the service name has characters ECS refuses",
    serviceWith({ name: "acme web" }),
    /^test\/Web: invalid name "acme web": expected 1 to 255 characters of letters, digits, hyphens and underscores \[SERVICE_NAME\]$/,
  ],
  ["more than 50 tags", serviceWith({ tags: manyTags }), /^test\/Web: invalid tags 51: expected at most 50 tags \[TAGS_TOO_MANY\]$/],
  [
    "a tag key in the reserved aws: prefix",
    serviceWith({ tags: { "aws:team": "x" } }),
    /^test\/Web: invalid tags\.aws:team "aws:team": expected a key of 1 to 128 characters not starting with "aws:" \[TAG_KEY_INVALID\]$/,
  ],
  [
    "a tag value over 256 characters",
    serviceWith({ tags: { team: "x".repeat(257) } }),
    /^test\/Web: invalid tags\.team "x{196}\.\.\.: expected a value of at most 256 characters \[TAG_VALUE_TOO_LONG\]$/,
  ],
  [
    "a negative desired count",
    serviceWith({ desiredCount: -1 }),
    /^test\/Web: invalid desiredCount -1: expected an integer from 0 to 5000 \[SERVICE_DESIRED_COUNT\]$/,
  ],
  [
    "a negative health check grace period",
    behindAlb(() => ({ healthCheckGracePeriodSeconds: -1 })),
    /^test\/Web: invalid healthCheckGracePeriodSeconds -1: expected an integer from 0 to 2147483647 seconds \[SERVICE_GRACE_PERIOD\]$/,
  ],
  [
    "a grace period without a load balancer",
    serviceWith({ healthCheckGracePeriodSeconds: 30 }),
    /^test\/Web: invalid healthCheckGracePeriodSeconds 30: expected no grace period on a service without a load balancer \[SERVICE_GRACE_PERIOD_WITHOUT_LB\]$/,
  ],
  [
    "an unknown propagateTags value",
    serviceWith({ propagateTags: "ALL" as any }),
    /^test\/Web: invalid propagateTags "ALL": expected one of "SERVICE", "TASK_DEFINITION", "NONE" \[SERVICE_PROPAGATE_TAGS\]$/,
  ],
  [
    "a task definition in bridge mode",
    (scope) => {
      const { cluster } = platform(scope, { ec2CapacityProvider: "acme-test-m7g" });
      const taskDefinition = new TaskDefinition(scope, "Task", {
        name: "t",
        compatibility: "EC2",
        networkMode: "bridge",
        containers: { web: { image: ContainerImage.fromRegistry("x:1") } },
      });
      new Service(scope, "Web", { name: "acme-test-web", cluster, taskDefinition });
    },
    /^test\/Web: invalid taskDefinition\.networkMode "bridge": expected "awsvpc" \(each task gets its own network interface and the service its own security group\) \[SERVICE_NETWORK_MODE\]$/,
  ],
  [
    "an unknown subnet tier",
    serviceWith({ subnetTier: "dmz" as any }),
    /^test\/Web: invalid subnetTier "dmz": expected one of "public", "private", "isolated" \[SERVICE_SUBNET_TIER\]$/,
  ],
  [
    "a subnet tier the network has no subnets in",
    serviceWith({ subnetTier: "isolated" }),
    /^test\/Web: invalid subnetTier "isolated": expected a tier the network has subnets in \[SERVICE_SUBNET_TIER\]$/,
  ],
  [
    "a public IP in private subnets",
    serviceWith({ assignPublicIp: true }),
    /^test\/Web: invalid assignPublicIp true: expected false unless the tasks run on Fargate in the "public" subnet tier \[SERVICE_PUBLIC_IP\]$/,
  ],

  // Capacity and placement
  [
    "an empty capacity provider strategy",
    serviceWith({ capacityProviderStrategy: [] }),
    /^test\/Web: invalid capacityProviderStrategy \[\]: expected a capacity provider strategy \(the cluster has no default one\) \[SERVICE_NO_CAPACITY\]$/,
  ],
  [
    "a capacity provider the cluster does not have",
    serviceWith({ capacityProviderStrategy: [{ capacityProvider: "acme-gpu" }] }),
    /^test\/Web: invalid capacityProviderStrategy\[0\]\.capacityProvider "acme-gpu": expected a capacity provider of the cluster: "FARGATE", "FARGATE_SPOT" \[CLUSTER_STRATEGY_UNKNOWN_PROVIDER\]$/,
  ],
  [
    "an EC2 capacity provider for a Fargate task",
    (scope) => {
      const { cluster } = platform(scope, { ec2CapacityProvider: "acme-test-m7g" });
      new Service(scope, "Web", { name: "acme-test-web", cluster, taskDefinition: webTask(scope) });
    },
    /^test\/Web: invalid capacityProviderStrategy \["acme-test-m7g"\]: expected FARGATE or FARGATE_SPOT for a Fargate task definition \[SERVICE_CAPACITY_COMPATIBILITY\]$/,
  ],
  [
    "placement for a Fargate task",
    serviceWith({ placement: { strategies: [{ type: "random" }] } }),
    /^test\/Web: invalid placement \{"strategies":\[\{"type":"random"\}\]\}: expected no placement strategies or constraints for a Fargate task definition \(Fargate places tasks itself\) \[PLACEMENT_ON_FARGATE\]$/,
  ],
  [
    "more than 5 placement strategies",
    ec2Service({ placement: { strategies: Array.from({ length: 6 }, () => ({ type: "random" as const })) } }),
    /^test\/Web: invalid placement\.strategies 6: expected at most 5 strategies \[PLACEMENT_TOO_MANY\]$/,
  ],
  [
    "more than 10 placement constraints",
    ec2Service({ placement: { constraints: Array.from({ length: 11 }, () => ({ type: "distinctInstance" as const })) } }),
    /^test\/Web: invalid placement\.constraints 11: expected at most 10 constraints \[PLACEMENT_TOO_MANY\]$/,
  ],

  // Load balancing
  [
    "both an ALB and an NLB",
    behindAlb((scope) => ({ networkLoadBalancer: { loadBalancer: nlbOf(scope), listenerPort: 80 } })),
    /^test\/Web: invalid networkLoadBalancer "both loadBalancer and networkLoadBalancer": expected one of loadBalancer and networkLoadBalancer \[SERVICE_TWO_LOAD_BALANCERS\]$/,
  ],
  [
    "a load balanced container that does not exist",
    behindAlb((scope) => ({
      loadBalancer: { listener: albListener(scope), priority: 10, hostHeaders: ["www.example.com"], containerName: "api" },
    })),
    /^test\/Web: invalid loadBalancer\.containerName "api": expected a container of task acme-test-web: web \[UNKNOWN_CONTAINER\]$/,
  ],
  [
    "a load balanced port name that does not exist",
    behindAlb((scope) => ({
      loadBalancer: { listener: albListener(scope), priority: 10, hostHeaders: ["www.example.com"], portName: "grpc" },
    })),
    /^test\/Web: invalid loadBalancer\.portName "grpc": expected a port name of container web: http \[UNKNOWN_PORT_NAME\]$/,
  ],
  [
    "a load balanced container without a port",
    portless((scope, network) => ({ loadBalancer: { listener: alb(scope, network).listener, priority: 1, pathPatterns: ["/*"] } })),
    /^test\/Web: invalid loadBalancer\.containerName "worker": expected a container with at least one port mapping \[CONTAINER_HAS_NO_PORT\]$/,
  ],
  [
    "a listener rule priority used twice on one listener (checked by the listener)",
    (scope) => {
      const { cluster, network } = platform(scope);
      const rule = { listener: alb(scope, network).listener, priority: 10, pathPatterns: ["/*"] };
      new Service(scope, "Web", { name: "acme-test-web", cluster, taskDefinition: webTask(scope), loadBalancer: rule });
      new Service(scope, "Api", {
        name: "acme-test-api",
        cluster,
        taskDefinition: webTask(scope, "ApiTask", { name: "acme-test-api" }),
        loadBalancer: { ...rule, pathPatterns: ["/api/*"] },
      });
    },
    /^test\/Alb\/HttpsListener\/Api: invalid priority 10: expected a priority not used by another rule of this listener \(test\/Alb\/HttpsListener\/Web has it\) \[LISTENER_RULE_PRIORITY_DUPLICATE\]$/,
  ],
  [
    "allowFrom() on a service without ports",
    (scope) => {
      const worker = portless(() => ({}))(scope);
      worker.allowFrom(worker);
    },
    /^test\/Web: invalid allowFrom "acme-test-worker": expected a task definition with a port mapping \[SERVICE_HAS_NO_PORT\]$/,
  ],

  // Rolling deployment
  [
    "an unknown deployment type",
    serviceWith({ deployment: { type: "canary" } as any }),
    /^test\/Web: invalid deployment\.type "canary": expected one of "rolling", "blueGreen" \[SERVICE_DEPLOYMENT_TYPE\]$/,
  ],
  [
    "a min healthy percent above 100",
    serviceWith({ deployment: { type: "rolling", minHealthyPercent: 150 } }),
    /^test\/Web: invalid deployment\.minHealthyPercent 150: expected an integer from 0 to 100 percent \[SERVICE_DEPLOYMENT_PERCENT\]$/,
  ],
  [
    "a max percent above 200",
    serviceWith({ deployment: { type: "rolling", maxPercent: 300 } }),
    /^test\/Web: invalid deployment\.maxPercent 300: expected an integer from 100 to 200 percent \[SERVICE_DEPLOYMENT_PERCENT\]$/,
  ],
  [
    "a min healthy percent that leaves no room to deploy",
    serviceWith({ deployment: { type: "rolling", minHealthyPercent: 100, maxPercent: 100 } }),
    /^test\/Web: invalid deployment\.minHealthyPercent 100: expected less than deployment\.maxPercent \(100\), or no task can be replaced \[SERVICE_DEPLOYMENT_NO_ROOM\]$/,
  ],

  // Blue/green deployment
  [
    "blue/green without a load balancer",
    serviceWith({ deployment: { type: "blueGreen", testListenerPort: 8443 } }),
    /^test\/Web: invalid deployment "blueGreen": expected blue\/green only with loadBalancer set \(CodeDeploy shifts traffic between two target groups\) \[BLUE_GREEN_NEEDS_LOAD_BALANCER\]$/,
  ],
  [
    "blue/green behind an NLB",
    service((scope) => ({
      networkLoadBalancer: { loadBalancer: nlbOf(scope), listenerPort: 80 },
      deployment: { type: "blueGreen", testListenerPort: 8443 },
    })),
    /^test\/Web: invalid deployment "blueGreen": expected a rolling deployment behind a network load balancer \(blue\/green here needs loadBalancer, an ALB\) \[BLUE_GREEN_NEEDS_LOAD_BALANCER\]$/,
  ],
  [
    "blue/green with neither a test listener port nor a test listener",
    behindAlb(() => ({ deployment: { type: "blueGreen" } })),
    /^test\/Web: invalid deployment\.testListenerPort \(missing\): expected exactly one of testListenerPort and testListener \[BLUE_GREEN_TEST_LISTENER\]$/,
  ],
  [
    "blue/green with a test listener of another load balancer",
    behindAlb((scope) => {
      const other = new ApplicationLoadBalancer(scope, "OtherAlb", {
        name: "acme-test-other",
        network: scope.node.findChild("Network") as Network,
        certificateArn: CERTIFICATE_ARN,
      });
      return { deployment: { type: "blueGreen", testListener: other.listener } };
    }),
    /^test\/Web: invalid deployment\.testListener "test\/OtherAlb\/HttpsListener": expected a listener of the same load balancer as loadBalancer\.listener \[BLUE_GREEN_TEST_LISTENER\]$/,
  ],
  [
    "blue/green with Service Connect",
    behindAlb(() => ({ deployment: { type: "blueGreen", testListenerPort: 8443 }, serviceConnect: {} })),
    /^test\/Web: invalid serviceConnect "enabled": expected no Service Connect with blue\/green \(ECS supports it only with the rolling deployment controller\) \[BLUE_GREEN_SERVICE_CONNECT\]$/,
  ],
  [
    "an unknown predefined deployment config",
    blueGreen({ config: "CodeDeployDefault.ECSHalfAtOnce" }),
    /^test\/Web: invalid deployment\.config "CodeDeployDefault\.ECSHalfAtOnce": expected one of "CodeDeployDefault\.ECSAllAtOnce", "CodeDeployDefault\.ECSLinear10PercentEvery1Minutes", "CodeDeployDefault\.ECSLinear10PercentEvery3Minutes", "CodeDeployDefault\.ECSCanary10Percent5Minutes", "CodeDeployDefault\.ECSCanary10Percent15Minutes" \[BLUE_GREEN_CONFIG\]$/,
  ],
  [
    "an unknown custom deployment config type",
    blueGreen({ config: { type: "blue", percentage: 10, intervalMinutes: 5 } }),
    /^test\/Web: invalid deployment\.config\.type "blue": expected one of "canary", "linear" \[BLUE_GREEN_CONFIG\]$/,
  ],
  [
    "a custom deployment config percentage of 100",
    blueGreen({ config: { type: "linear", percentage: 100, intervalMinutes: 1 } }),
    /^test\/Web: invalid deployment\.config\.percentage 100: expected an integer from 1 to 99 percent \[BLUE_GREEN_CONFIG\]$/,
  ],
  [
    "a custom deployment config interval above 2880 minutes",
    blueGreen({ config: { type: "canary", percentage: 10, intervalMinutes: 3000 } }),
    /^test\/Web: invalid deployment\.config\.intervalMinutes 3000: expected an integer from 1 to 2880 minutes \[BLUE_GREEN_CONFIG\]$/,
  ],
  [
    "a termination wait above 2880 minutes",
    blueGreen({ terminationWaitMinutes: 3000 }),
    /^test\/Web: invalid deployment\.terminationWaitMinutes 3000: expected an integer from 0 to 2880 minutes \[BLUE_GREEN_TERMINATION_WAIT\]$/,
  ],
  [
    "an approval wait of 0 minutes",
    blueGreen({ approvalWaitMinutes: 0 }),
    /^test\/Web: invalid deployment\.approvalWaitMinutes 0: expected an integer from 1 to 2880 minutes \[BLUE_GREEN_APPROVAL_WAIT\]$/,
  ],

  // Auto scaling
  [
    "a minimum capacity above 5000 (with an explicit desired count)",
    serviceWith({ desiredCount: 2, autoScaling: { minCapacity: 5001, maxCapacity: 5000 } }),
    /^test\/Web: invalid autoScaling\.minCapacity 5001: expected an integer from 0 to 5000 \[AUTOSCALING_MIN\]$/,
  ],
  [
    "a maximum capacity of 0",
    serviceWith({ autoScaling: { minCapacity: 0, maxCapacity: 0 } }),
    /^test\/Web: invalid autoScaling\.maxCapacity 0: expected an integer from 1 to 5000 \[AUTOSCALING_MAX\]$/,
  ],
  [
    "a minimum capacity above the maximum",
    serviceWith({ autoScaling: { minCapacity: 5, maxCapacity: 2 } }),
    /^test\/Web: invalid autoScaling\.minCapacity 5: expected a value no greater than autoScaling\.maxCapacity \(2\) \[AUTOSCALING_MIN_ABOVE_MAX\]$/,
  ],
  [
    "a CPU target above 100 percent",
    scaling({ targetTracking: { cpuPercent: 150 } }),
    /^test\/Web: invalid autoScaling\.targetTracking\.cpuPercent 150: expected a number from 1 to 100 \[AUTOSCALING_TARGET_VALUE\]$/,
  ],
  [
    "a memory target of 0 percent",
    scaling({ targetTracking: { memoryPercent: 0 } }),
    /^test\/Web: invalid autoScaling\.targetTracking\.memoryPercent 0: expected a number from 1 to 100 \[AUTOSCALING_TARGET_VALUE\]$/,
  ],
  [
    "a requests-per-target of 0",
    behindAlb(() => ({ autoScaling: { minCapacity: 1, maxCapacity: 4, targetTracking: { requestsPerTarget: 0 } } })),
    /^test\/Web: invalid autoScaling\.targetTracking\.requestsPerTarget 0: expected an integer from 1 to 100000 \[AUTOSCALING_TARGET_VALUE\]$/,
  ],
  [
    "a scale-in cooldown above an hour",
    scaling({ targetTracking: { cpuPercent: 50, scaleInCooldownSeconds: 4000 } }),
    /^test\/Web: invalid autoScaling\.targetTracking\.scaleInCooldownSeconds 4000: expected an integer from 0 to 3600 seconds \[AUTOSCALING_COOLDOWN\]$/,
  ],
  [
    "request tracking without an ALB",
    scaling({ targetTracking: { requestsPerTarget: 100 } }),
    /^test\/Web: invalid autoScaling\.targetTracking\.requestsPerTarget 100: expected requestsPerTarget only on a service behind an application load balancer \(loadBalancer\) \[AUTOSCALING_REQUESTS_NEED_ALB\]$/,
  ],
  [
    "a scheduled action key with a space",
    scaling({ scheduled: { "at night": { schedule: "rate(1 day)", minCapacity: 0 } } }),
    /^test\/Web: invalid autoScaling\.scheduled "at night": expected a key of 1 to 64 letters, digits and hyphens \[AUTOSCALING_KEY\]$/,
  ],
  [
    "a schedule that is not cron, rate or at",
    scaling({ scheduled: { night: { schedule: "0 20 * * *", minCapacity: 0 } } }),
    /^test\/Web: invalid autoScaling\.scheduled\.night\.schedule "0 20 \* \* \*": expected an expression of the form cron\(\.\.\.\), rate\(\.\.\.\) or at\(\.\.\.\) \[AUTOSCALING_SCHEDULE\]$/,
  ],
  [
    "a scheduled-scaling cron with both day fields set (the scheduled tasks' parser refuses it too)",
    scaling({ scheduled: { night: { schedule: "cron(0 20 * * MON-FRI *)", minCapacity: 0 } } }),
    /^test\/Web: invalid autoScaling\.scheduled\.night\.schedule "cron\(0 20 \* \* MON-FRI \*\)": expected .*day-of-month.*day-of-week.* \[AUTOSCALING_SCHEDULE\]$/,
  ],
  [
    "a scheduled-scaling cron minute out of range",
    scaling({ scheduled: { night: { schedule: "cron(61 20 ? * MON-FRI *)", minCapacity: 0 } } }),
    /^test\/Web: invalid autoScaling\.scheduled\.night\.schedule "cron\(61 20 \? \* MON-FRI \*\)": expected .*minutes.* \[AUTOSCALING_SCHEDULE\]$/,
  ],
  [
    "a one-time scaling action in the past (it would never run)",
    scaling({ scheduled: { launch: { schedule: "at(2020-01-01T00:00:00)", maxCapacity: 10 } } }),
    /^test\/Web: invalid autoScaling\.scheduled\.launch\.schedule "at\(2020-01-01T00:00:00\)": expected an at\(\) time that has not passed yet \(a past one never runs\) \[AUTOSCALING_SCHEDULE_PAST\]$/,
  ],
  [
    "a scheduled action in a time zone that does not exist",
    scaling({ scheduled: { night: { schedule: "cron(0 20 ? * MON-FRI *)", minCapacity: 0, timezone: "Europe/Pariss" } } }),
    /^test\/Web: invalid autoScaling\.scheduled\.night\.timezone "Europe\/Pariss": expected an IANA time zone name such as "Europe\/Paris", "America\/New_York" or "UTC" \[SCHEDULE_TIME_ZONE\]$/,
  ],
  [
    "a desired count above the autoscaling maximum",
    serviceWith({ desiredCount: 10, autoScaling: { minCapacity: 1, maxCapacity: 4 } }),
    /^test\/Web: invalid desiredCount 10: expected a value no greater than autoScaling\.maxCapacity \(4\) \[SERVICE_DESIRED_ABOVE_MAX\]$/,
  ],
  [
    "a scheduled action that changes nothing",
    scaling({ scheduled: { night: { schedule: "rate(1 day)" } } }),
    /^test\/Web: invalid autoScaling\.scheduled\.night \{"schedule":"rate\(1 day\)"\}: expected minCapacity, maxCapacity or both \[AUTOSCALING_SCHEDULE_EMPTY\]$/,
  ],
  [
    "a scheduled minimum above the scheduled maximum",
    scaling({ scheduled: { night: { schedule: "rate(1 day)", minCapacity: 3, maxCapacity: 2 } } }),
    /^test\/Web: invalid autoScaling\.scheduled\.night\.minCapacity 3: expected a value no greater than autoScaling\.scheduled\.night\.maxCapacity \(2\) \[AUTOSCALING_MIN_ABOVE_MAX\]$/,
  ],
  [
    "a scheduled maximum above 5000",
    scaling({ scheduled: { peak: { schedule: "rate(1 day)", maxCapacity: 6000 } } }),
    /^test\/Web: invalid autoScaling\.scheduled\.peak\.maxCapacity 6000: expected an integer from 0 to 5000 \[AUTOSCALING_MAX\]$/,
  ],

  // Step scaling
  [
    "a step scaling key with a dot",
    scaling({ stepScaling: { "queue.depth": { metric: QUEUE, scaleOut: [{ from: 1, change: 1 }] } } }),
    /^test\/Web: invalid autoScaling\.stepScaling "queue\.depth": expected a key of 1 to 64 letters, digits and hyphens \[AUTOSCALING_KEY\]$/,
  ],
  [
    "an unknown adjustment type",
    step({ adjustmentType: "Double" as any }),
    /^test\/Web: invalid autoScaling\.stepScaling\.q\.adjustmentType "Double": expected one of "ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity" \[STEP_SCALING_ADJUSTMENT_TYPE\]$/,
  ],
  [
    "an unknown statistic",
    step({ metric: { ...QUEUE, statistic: "p99" as any } }),
    /^test\/Web: invalid autoScaling\.stepScaling\.q\.metric\.statistic "p99": expected one of "Average", "Sum", "Minimum", "Maximum", "SampleCount" \[STEP_SCALING_STATISTIC\]$/,
  ],
  [
    "a period CloudWatch does not offer",
    step({ metric: { ...QUEUE, periodSeconds: 45 } }),
    /^test\/Web: invalid autoScaling\.stepScaling\.q\.metric\.periodSeconds 45: expected one of 10, 30, 60, 120, 300, 600, 900, 3600, 21600, 86400 \[STEP_SCALING_PERIOD\]$/,
  ],
  [
    "a step cooldown above an hour",
    step({ cooldownSeconds: 4000 }),
    /^test\/Web: invalid autoScaling\.stepScaling\.q\.cooldownSeconds 4000: expected an integer from 0 to 3600 seconds \[STEP_SCALING_COOLDOWN\]$/,
  ],
  [
    "0 evaluation periods",
    step({ evaluationPeriods: 0 }),
    /^test\/Web: invalid autoScaling\.stepScaling\.q\.evaluationPeriods 0: expected an integer from 1 to 100 \[STEP_SCALING_EVALUATION_PERIODS\]$/,
  ],
  [
    "no steps at all",
    step({ scaleOut: [] }),
    /^test\/Web: invalid autoScaling\.stepScaling\.q \{"metric":\{"namespace":"AWS\/SQS","metricName":"ApproximateNumberOfMessagesVisible"\},"scaleOut":\[\]\}: expected at least one scaleOut or scaleIn step \[STEP_SCALING_NO_STEPS\]$/,
  ],
  [
    "a scale-out step that removes tasks",
    step({ scaleOut: [{ from: 5, change: -1 }] }),
    /^test\/Web: invalid autoScaling\.stepScaling\.q\.scaleOut\[0\]\.change -1: expected a positive change \[STEP_SCALING_DIRECTION\]$/,
  ],
  [
    "a scale-in step that adds tasks",
    step({ scaleOut: [], scaleIn: [{ upTo: 0, change: 1 }] }),
    /^test\/Web: invalid autoScaling\.stepScaling\.q\.scaleIn\[0\]\.change 1: expected a negative change \[STEP_SCALING_DIRECTION\]$/,
  ],
  [
    "two scale-out steps from the same bound",
    step({
      scaleOut: [
        { from: 5, change: 1 },
        { from: 5, change: 2 },
      ],
    }),
    /^test\/Web: invalid autoScaling\.stepScaling\.q\.scaleOut\.from "5": expected unique values \(this one appears more than once\) \[STEP_SCALING_DUPLICATE_BOUND\]$/,
  ],
  [
    "scale-in and scale-out steps that overlap",
    step({ scaleOut: [{ from: 5, change: 1 }], scaleIn: [{ upTo: 10, change: -1 }] }),
    /^test\/Web: invalid autoScaling\.stepScaling\.q\.scaleIn 10: expected scale-in bounds below the lowest scale-out bound \(5\), so one metric value never triggers both \[STEP_SCALING_OVERLAP\]$/,
  ],

  // Alarms
  [
    "a CPU alarm threshold above 100 percent",
    serviceWith({ alarms: { cpuPercent: 120 } }),
    /^test\/Web: invalid alarms\.cpuPercent 120: expected a number from 1 to 100 \[ALARM_THRESHOLD\]$/,
  ],
  [
    "a memory alarm threshold of 0 percent",
    serviceWith({ alarms: { memoryPercent: 0 } }),
    /^test\/Web: invalid alarms\.memoryPercent 0: expected a number from 1 to 100 \[ALARM_THRESHOLD\]$/,
  ],
  [
    "a negative 5xx alarm threshold",
    serviceWith({ alarms: { http5xxPerMinute: -1 } }),
    /^test\/Web: invalid alarms\.http5xxPerMinute -1: expected an integer from 0 to 1000000 \[ALARM_THRESHOLD\]$/,
  ],
  [
    "an alarm evaluation window above 60 minutes",
    serviceWith({ alarms: { evaluationMinutes: 61 } }),
    /^test\/Web: invalid alarms\.evaluationMinutes 61: expected an integer from 1 to 60 minutes \[ALARM_EVALUATION\]$/,
  ],
  [
    "an alarm topic that is not an SNS ARN",
    serviceWith({ alarms: { topicArn: "acme-alerts" } }),
    /^test\/Web: invalid alarms\.topicArn "acme-alerts": expected an SNS topic ARN \(arn:aws:sns:<region>:<account>:<name>\) \[ALARM_TOPIC_ARN\]$/,
  ],

  // Service Connect and Cloud Map
  [
    "no namespace for Service Connect",
    (scope) => {
      const { cluster } = platform(scope);
      new Service(scope, "Web", {
        name: "acme-test-web",
        cluster: { ...cluster, defaultNamespace: undefined },
        taskDefinition: webTask(scope),
        serviceConnect: {},
      });
    },
    /^test\/Web: invalid serviceConnect\.namespace \(missing\): expected a namespace, or a cluster with a default namespace \[SERVICE_NO_NAMESPACE\]$/,
  ],
  [
    "a Service Connect port name that does not exist",
    serviceWith({ serviceConnect: { endpoints: [{ portName: "grpc" }] } }),
    /^test\/Web: invalid serviceConnect\.endpoints\[0\]\.portName "grpc": expected a port name of container web: http \[UNKNOWN_PORT_NAME\]$/,
  ],
  [
    "the same Service Connect port twice",
    serviceWith({ serviceConnect: { endpoints: [{ portName: "http" }, { portName: "http", discoveryName: "web2" }] } }),
    /^test\/Web: invalid serviceConnect\.endpoints\.portName "http": expected unique values \(this one appears more than once\) \[SERVICE_CONNECT_DUPLICATE_PORT\]$/,
  ],
  [
    "the same Service Connect discovery name twice",
    serviceWith({
      serviceConnect: {
        endpoints: [
          { portName: "http", discoveryName: "web" },
          { portName: "admin", discoveryName: "web" },
        ],
      },
    }),
    /^test\/Web: invalid serviceConnect\.endpoints\.discoveryName "web": expected unique values \(this one appears more than once\) \[SERVICE_CONNECT_DUPLICATE_NAME\]$/,
  ],
  [
    "a Service Connect discovery name with capitals",
    serviceWith({ serviceConnect: { endpoints: [{ portName: "http", discoveryName: "Web" }] } }),
    /^test\/Web: invalid serviceConnect\.endpoints\[0\]\.discoveryName "Web": expected 1 to 64 lowercase letters, digits and inner hyphens \[SERVICE_CONNECT_DISCOVERY_NAME\]$/,
  ],
  [
    "a Service Connect client port above 65535",
    serviceWith({ serviceConnect: { endpoints: [{ portName: "http", port: 70000 }] } }),
    /^test\/Web: invalid serviceConnect\.endpoints\[0\]\.port 70000: expected an integer from 1 to 65535 \[SERVICE_CONNECT_PORT\]$/,
  ],
  [
    "Cloud Map with an HTTP namespace",
    serviceWith({ cloudMapDiscovery: { name: "web", namespace: HTTP_NAMESPACE } }),
    /^test\/Web: invalid cloudMapDiscovery\.namespace "HTTP": expected a DNS_PRIVATE namespace \(HTTP namespaces have no DNS\) \[CLOUD_MAP_NAMESPACE_TYPE\]$/,
  ],
  [
    "a Cloud Map name that is not one DNS label",
    serviceWith({ cloudMapDiscovery: { name: "web.api" } }),
    /^test\/Web\/CloudMap: invalid cloudMapDiscovery\.name "web\.api": expected one DNS label of 1 to 63 letters, digits, hyphens and underscores, not starting or ending with a hyphen \[CLOUD_MAP_NAME\]$/,
  ],
  [
    "a Cloud Map TTL above a day",
    serviceWith({ cloudMapDiscovery: { name: "web", dnsTtlSeconds: 90000 } }),
    /^test\/Web\/CloudMap: invalid cloudMapDiscovery\.dnsTtlSeconds 90000: expected an integer from 0 to 86400 seconds \[CLOUD_MAP_TTL\]$/,
  ],
  [
    "Cloud Map service tags over the AWS limit",
    (scope) => {
      const { cluster } = platform(scope);
      new CloudMapService(scope, "CloudMap", { name: "web", namespace: cluster.defaultNamespace!, tags: manyTags });
    },
    /^test\/CloudMap: invalid tags 51: expected at most 50 tags \[TAGS_TOO_MANY\]$/,
  ],
  // Service Connect TLS and timeouts
  [
    "a per-request timeout on a TCP port",
    portless((scope) => ({
      taskDefinition: new TaskDefinition(scope, "TcpTask", {
        name: "acme-test-tcp",
        containers: { db: { image: ContainerImage.fromRegistry("x:1"), portMappings: [{ containerPort: 5432, name: "pg" }] } },
      }),
      serviceConnect: { endpoints: [{ portName: "pg", perRequestTimeoutSeconds: 60 }] },
    })),
    expectedMessage(
      "test/Web",
      "serviceConnect.endpoints[0].perRequestTimeoutSeconds",
      60,
      "no per-request timeout on TCP port pg (set appProtocol http, http2 or grpc on the port mapping, or use idleTimeoutSeconds)",
      "SERVICE_CONNECT_TIMEOUT_NEEDS_HTTP",
    ),
  ],
  [
    "a per-request timeout that is not a whole number of seconds",
    serviceWith({ serviceConnect: { endpoints: [{ portName: "http", perRequestTimeoutSeconds: 1.5 }] } }),
    expectedMessage(
      "test/Web",
      "serviceConnect.endpoints[0].perRequestTimeoutSeconds",
      1.5,
      "an integer from 0 to 2147483647 seconds",
      "SERVICE_CONNECT_TIMEOUT",
    ),
  ],
  [
    "a negative idle timeout",
    serviceWith({ serviceConnect: { endpoints: [{ portName: "http", idleTimeoutSeconds: -1 }] } }),
    expectedMessage(
      "test/Web",
      "serviceConnect.endpoints[0].idleTimeoutSeconds",
      -1,
      "an integer from 0 to 2147483647 seconds",
      "SERVICE_CONNECT_TIMEOUT",
    ),
  ],
  [
    "an ingress port override outside 1 to 65535",
    serviceWith({ serviceConnect: { endpoints: [{ portName: "http", ingressPortOverride: 0 }] } }),
    expectedMessage("test/Web", "serviceConnect.endpoints[0].ingressPortOverride", 0, "an integer from 1 to 65535", "SERVICE_CONNECT_PORT"),
  ],
  [
    "TLS from something that is not a Private CA",
    serviceWith({
      serviceConnect: {
        endpoints: [{ portName: "http", tls: { certificateAuthorityArn: "arn:aws:acm:eu-west-1:123456789012:certificate/x" } }],
      },
    }),
    expectedMessage(
      "test/Web",
      "serviceConnect.endpoints[0].tls.certificateAuthorityArn",
      "arn:aws:acm:eu-west-1:123456789012:certificate/x",
      "an AWS Private CA ARN (arn:aws:acm-pca:<region>:<account>:certificate-authority/<id>)",
      "SERVICE_CONNECT_TLS_CA",
    ),
  ],
  [
    "a TLS role that is not a role ARN",
    serviceWith({
      serviceConnect: {
        endpoints: [
          {
            portName: "http",
            tls: { certificateAuthorityArn: "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/abc", roleArn: "ecs-tls" },
          },
        ],
      },
    }),
    expectedMessage(
      "test/Web",
      "serviceConnect.endpoints[0].tls.roleArn",
      "ecs-tls",
      "an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
      "SERVICE_CONNECT_TLS_ROLE",
    ),
  ],
  [
    "a TLS key given by alias",
    serviceWith({
      serviceConnect: {
        endpoints: [
          {
            portName: "http",
            tls: {
              certificateAuthorityArn: "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/abc",
              kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/sc",
            },
          },
        ],
      },
    }),
    expectedMessage(
      "test/Web",
      "serviceConnect.endpoints[0].tls.kmsKeyArn",
      "arn:aws:kms:eu-west-1:123456789012:alias/sc",
      "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>), not an alias",
      "SERVICE_CONNECT_TLS_KMS_KEY",
    ),
  ],
  // Managed EBS volumes
  [
    "an EBS volume for a task definition without a volume configured at launch",
    serviceWith({ ebsVolume: { sizeGiB: 10 } }),
    expectedMessage(
      "test/Web",
      "ebsVolume",
      "set",
      "an ebsVolume only with a task definition that declares ebsVolumeName (the volume mounted into containers)",
      "EBS_VOLUME_NO_TASK_VOLUME",
    ),
  ],
  [
    "a task definition with a volume configured at launch but no ebsVolume",
    service((scope) => ({ taskDefinition: webTask(scope, "EbsTask", { ebsVolumeName: "data" }) })),
    expectedMessage(
      "test/Web",
      "ebsVolume",
      undefined,
      "the EBS volume settings for volume data, which the task definition configures at launch",
      "EBS_VOLUME_NOT_CONFIGURED",
    ),
  ],
  ...(
    [
      [
        "no size and no snapshot",
        {},
        "sizeGiB",
        undefined,
        "a size in GiB (1 to 16384 for gp3), or a snapshotId to take the size from",
        "EBS_VOLUME_SIZE",
      ],
      ["a gp3 volume above 16 TiB", { sizeGiB: 20000 }, "sizeGiB", 20000, "an integer from 1 to 16384 GiB for gp3", "EBS_VOLUME_SIZE"],
      [
        "an io2 volume below 4 GiB",
        { volumeType: "io2", sizeGiB: 2, iops: 100 },
        "sizeGiB",
        2,
        "an integer from 4 to 65536 GiB for io2",
        "EBS_VOLUME_SIZE",
      ],
      [
        "gp3 IOPS below the baseline",
        { sizeGiB: 100, iops: 1000 },
        "iops",
        1000,
        "an integer from 3000 to 16000 IOPS for gp3",
        "EBS_VOLUME_IOPS",
      ],
      [
        "gp3 IOPS above 500 per GiB",
        { sizeGiB: 10, iops: 6000 },
        "iops",
        6000,
        "at most 5000 IOPS for a 10 GiB gp3 volume (500 per GiB)",
        "EBS_VOLUME_IOPS_RATIO",
      ],
      ["io2 without IOPS", { volumeType: "io2", sizeGiB: 100 }, "iops", undefined, "provisioned IOPS for io2", "EBS_VOLUME_IOPS"],
      [
        "io2 above 1000 IOPS per GiB",
        { volumeType: "io2", sizeGiB: 10, iops: 20000 },
        "iops",
        20000,
        "at most 10000 IOPS for a 10 GiB io2 volume (1000 per GiB)",
        "EBS_VOLUME_IOPS_RATIO",
      ],
      [
        "IOPS on gp2",
        { volumeType: "gp2", sizeGiB: 100, iops: 3000 },
        "iops",
        3000,
        "no iops for gp2 (only gp3, io1 and io2 take provisioned IOPS)",
        "EBS_VOLUME_IOPS",
      ],
      [
        "throughput on io2",
        { volumeType: "io2", sizeGiB: 100, iops: 3000, throughputMiBps: 500 },
        "throughputMiBps",
        500,
        "no throughput for io2 (only gp3 takes provisioned throughput)",
        "EBS_VOLUME_THROUGHPUT",
      ],
      [
        "gp3 throughput above 1000 MiB/s",
        { sizeGiB: 100, throughputMiBps: 2000 },
        "throughputMiBps",
        2000,
        "an integer from 125 to 1000 MiB/s",
        "EBS_VOLUME_THROUGHPUT",
      ],
      [
        "gp3 throughput above a quarter of the IOPS",
        { sizeGiB: 100, throughputMiBps: 800 },
        "throughputMiBps",
        800,
        "at most 750 MiB/s with 3000 IOPS (0.25 MiB/s per IOPS)",
        "EBS_VOLUME_THROUGHPUT_RATIO",
      ],
      [
        "an initialization rate without a snapshot",
        { sizeGiB: 10, volumeInitializationRateMiBps: 200 },
        "volumeInitializationRateMiBps",
        200,
        "no initialization rate without snapshotId (only volumes from a snapshot are initialised)",
        "EBS_INITIALIZATION_RATE",
      ],
      ["a snapshot id that is not one", { snapshotId: "ami-123" }, "snapshotId", "ami-123", "a snapshot id (snap-...)", "EBS_SNAPSHOT_ID"],
      [
        "a KMS key on an unencrypted volume",
        { sizeGiB: 10, encrypted: false, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/00000002-0000-4000-8000-000000000002" },
        "kmsKeyArn",
        "arn:aws:kms:eu-west-1:123456789012:key/00000002-0000-4000-8000-000000000002",
        "no kmsKeyArn on an unencrypted volume",
        "EBS_KMS_KEY_UNENCRYPTED",
      ],
      [
        "an unknown volume type",
        { volumeType: "gp4", sizeGiB: 10 },
        "volumeType",
        "gp4",
        'one of "gp3", "gp2", "io2", "io1", "st1", "sc1", "standard"',
        "EBS_VOLUME_TYPE",
      ],
      [
        "a role that is not a role ARN",
        { sizeGiB: 10, roleArn: "ecs-infrastructure" },
        "roleArn",
        "ecs-infrastructure",
        "an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
        "EBS_ROLE",
      ],
      [
        "a Windows file system",
        { sizeGiB: 10, fileSystemType: "ntfs" },
        "fileSystemType",
        "ntfs",
        'one of "xfs", "ext4", "ext3"',
        "EBS_FILE_SYSTEM",
      ],
    ] as const
  ).map(([what, volume, property, value, allowed, code]): [string, (scope: Construct) => void, RegExp] => [
    `the EBS volume has ${what}`,
    service((scope) => ({ taskDefinition: webTask(scope, "EbsTask", { ebsVolumeName: "data" }), ebsVolume: volume as any })),
    expectedMessage("test/Web", `ebsVolume.${property}`, value, allowed, code),
  ]),
  [
    "an EBS volume with a blue/green deployment",
    behindAlb((scope) => ({
      taskDefinition: webTask(scope, "EbsTask", { ebsVolumeName: "data" }),
      ebsVolume: { sizeGiB: 10 },
      deployment: { type: "blueGreen", testListenerPort: 8443 },
    })),
    expectedMessage(
      "test/Web",
      "ebsVolume",
      "blueGreen",
      "managed EBS volumes with a rolling deployment only (ECS does not configure volumes for CodeDeploy task sets)",
      "EBS_VOLUME_BLUE_GREEN",
    ),
  ],
  // AZ rebalancing, redeployOn
  [
    "AZ rebalancing on a blue/green service",
    behindAlb(() => ({ deployment: { type: "blueGreen", testListenerPort: 8443 }, availabilityZoneRebalancing: true })),
    expectedMessage(
      "test/Web",
      "availabilityZoneRebalancing",
      true,
      "false or unset for a blue/green (CodeDeploy) service (ECS rebalances rolling replica services only)",
      "AZ_REBALANCING_UNSUPPORTED",
    ),
  ],
  [
    "redeployOn with a blue/green deployment",
    behindAlb(() => ({ deployment: { type: "blueGreen", testListenerPort: 8443 }, redeployOn: { v: "1" } })),
    expectedMessage(
      "test/Web",
      "redeployOn",
      ["v"],
      "no redeployOn with a blue/green deployment (start a CodeDeploy deployment instead)",
      "REDEPLOY_ON_BLUE_GREEN",
    ),
  ],
  [
    "a redeployOn value that is not a string (from JSON)",
    serviceWith({ redeployOn: { build: 42 as any } }),
    expectedMessage("test/Web", "redeployOn.build", 42, "a string (a version, digest or timestamp)", "REDEPLOY_ON_VALUE"),
  ],
  [
    "a rollback alarm named twice",
    serviceWith({ deployment: { type: "rolling", rollbackAlarmNames: ["acme-5xx", "acme-5xx"] } }),
    expectedMessage(
      "test/Web",
      "deployment.rollbackAlarmNames",
      "acme-5xx",
      "unique values (this one appears more than once)",
      "SERVICE_ROLLBACK_ALARM_DUPLICATE",
    ),
  ],
  [
    "an unknown scheduling strategy",
    serviceWith({ schedulingStrategy: "SPREAD" as any }),
    expectedMessage("test/Web", "schedulingStrategy", "SPREAD", 'one of "REPLICA", "DAEMON"', "SERVICE_SCHEDULING_STRATEGY"),
  ],
  // Daemon services
  ...(
    [
      [
        "on Fargate",
        {},
        "taskDefinition.compatibility",
        "FARGATE",
        '"EC2" for a daemon service (Fargate has no instances to run one task on each)',
        "DAEMON_OPTION",
      ],
      [
        "with a desired count",
        { desiredCount: 3 },
        "desiredCount",
        3,
        "no desiredCount for a daemon service (one task per instance)",
        "DAEMON_OPTION",
      ],
      [
        "with auto scaling",
        { autoScaling: { minCapacity: 1, maxCapacity: 2 } },
        "autoScaling",
        "set",
        "no auto scaling for a daemon service (it follows the instance count)",
        "DAEMON_OPTION",
      ],
      [
        "with a capacity provider strategy",
        { capacityProviderStrategy: [{ capacityProvider: "acme-test-m7g" }] },
        "capacityProviderStrategy",
        [{ capacityProvider: "acme-test-m7g" }],
        "no capacity provider strategy for a daemon service (ECS places it on every instance)",
        "DAEMON_OPTION",
      ],
      [
        "with placement strategies",
        { placement: { strategies: [{ type: "random" }] } },
        "placement.strategies",
        [{ type: "random" }],
        "no placement strategies for a daemon service (constraints choose its instances)",
        "DAEMON_OPTION",
      ],
      [
        "with a maximum above 100 percent",
        { deployment: { type: "rolling", maxPercent: 200 } },
        "deployment.maxPercent",
        200,
        "an integer from 100 to 100 percent",
        "SERVICE_DEPLOYMENT_PERCENT",
      ],
      [
        "with a circuit breaker setting",
        { deployment: { type: "rolling", circuitBreaker: true } },
        "deployment.circuitBreaker",
        true,
        "no circuit breaker setting on a daemon service (its threshold counts against a desired count, which a daemon has not)",
        "DAEMON_CIRCUIT_BREAKER",
      ],
      [
        "with a blue/green deployment",
        { deployment: { type: "blueGreen", testListenerPort: 8443 } },
        "deployment.type",
        "blueGreen",
        '"rolling" for a daemon service (CodeDeploy runs replica services only)',
        "DAEMON_BLUE_GREEN",
      ],
      [
        "with AZ rebalancing",
        { availabilityZoneRebalancing: true },
        "availabilityZoneRebalancing",
        true,
        "false or unset for a daemon service (ECS rebalances rolling replica services only)",
        "AZ_REBALANCING_UNSUPPORTED",
      ],
    ] as const
  ).map(([what, extra, property, value, allowed, code]): [string, (scope: Construct) => void, RegExp] => [
    `a daemon service ${what}`,
    what === "on Fargate"
      ? (scope) => {
          const { cluster } = platform(scope, { ec2CapacityProvider: "acme-test-m7g" });
          new Service(scope, "Web", { name: "acme-test-web", cluster, taskDefinition: webTask(scope), schedulingStrategy: "DAEMON" });
        }
      : ec2Service({ schedulingStrategy: "DAEMON", ...(extra as Partial<ServiceProps>) }),
    expectedMessage("test/Web", property, value, allowed, code),
  ]),
  [
    "a daemon service on a cluster without EC2 capacity",
    (scope) => {
      const { cluster } = platform(scope);
      const taskDefinition = new TaskDefinition(scope, "Task", {
        name: "acme-test-agent",
        compatibility: "EC2",
        containers: { agent: { image: ContainerImage.fromRegistry("x:1") } },
      });
      new Service(scope, "Web", { name: "acme-test-agent", cluster, taskDefinition, schedulingStrategy: "DAEMON" });
    },
    expectedMessage(
      "test/Web",
      "cluster.capacityProviderNames",
      ["FARGATE", "FARGATE_SPOT"],
      "a cluster with EC2 capacity providers for a daemon service",
      "DAEMON_OPTION",
    ),
  ],
];

describe("service module bad input", () => {
  // errorOf (in testRejections) returns the message of a ValidationError only; any other error fails the test.
  testRejections(cases);
});

describe("service module: required props from a JSON or plain-JavaScript config", () => {
  testRejections([
    [
      "a Service has no cluster",
      (scope) => new Service(scope, "Web", { ...JSON.parse('{"name":"acme-test-web"}'), taskDefinition: webTask(scope) }),
      expectedMessage(
        "test/Web",
        "cluster",
        undefined,
        "an ICluster such as a Cluster (an object with clusterArn, clusterName, network) (required)",
        "PROP_REQUIRED",
      ),
    ],
    [
      "a Service's cluster is given by name",
      (scope) =>
        new Service(scope, "Web", { ...JSON.parse('{"name":"acme-test-web","cluster":"acme-test"}'), taskDefinition: webTask(scope) }),
      expectedMessage(
        "test/Web",
        "cluster",
        "acme-test",
        "an ICluster such as a Cluster (an object with clusterArn, clusterName, network)",
        "PROP_TYPE",
      ),
    ],
    [
      "a Service has no task definition",
      (scope) => new Service(scope, "Web", { name: "acme-test-web", cluster: platform(scope).cluster } as ServiceProps),
      expectedMessage(
        "test/Web",
        "taskDefinition",
        undefined,
        "a TaskDefinition (an object with taskDefinitionArn, family) (required)",
        "PROP_REQUIRED",
      ),
    ],
    [
      "ServiceAutoScaling's maxCapacity is a string",
      (scope) =>
        new ServiceAutoScaling(
          scope,
          "Scaling",
          JSON.parse('{"name":"acme","clusterName":"c","serviceName":"s","minCapacity":1,"maxCapacity":"4"}'),
        ),
      expectedMessage("test/Scaling", "maxCapacity", "4", "a number", "PROP_TYPE"),
    ],
  ]);
});
