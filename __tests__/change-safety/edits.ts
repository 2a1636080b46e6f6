import { dev, prod, staging, deriveEnvironment, type EnvironmentConfig } from "../../stacks/environments";

/**
 * The ordinary day-2 edits the change-safety suite plans against the state of their base, and the
 * blast radius each may have: the exact resources it replaces and deletes (addresses without
 * cdktf's hash suffix). `"removed"` means exactly the resources the edit takes out of the
 * configuration, nothing else. The table in docs/change-safety.md is this list.
 */
export interface DayTwoEdit {
  readonly id: string;
  /** The configuration the state comes from. */
  readonly base: BaseName;
  /** What a pull request would say. */
  readonly title: string;
  readonly edit: (config: EnvironmentConfig) => EnvironmentConfig;
  /** Resources the plan may replace (delete and create). */
  readonly replaced: readonly string[];
  /** The replacements that must create the new object first (`create_before_destroy`). @default - not checked */
  readonly replacedNewFirst?: readonly string[];
  /** Exactly the resources the plan updates in place. @default - not checked */
  readonly updated?: readonly string[];
  /** Resources the plan may delete. @default [] */
  readonly deleted?: readonly string[] | "removed";
  /** `"declared"`: the plan moves every address the configuration's `moved` blocks name. @default none */
  readonly moves?: "declared";
  /** Why the blast radius is what it is, for the docs. */
  readonly why: string;
}

export type BaseName = "dev" | "staging" | "prod" | "dev-ec2" | "dev-0.1";

const EC2_PROVIDER = {
  general: { instanceTypes: ["m7g.large", "c7g.large"], minSize: 0, maxSize: 6, onDemandBaseCapacity: 1, spotPercentage: 50 },
};

/** The configurations states are built from. */
export const BASES: Record<BaseName, EnvironmentConfig> = {
  dev,
  staging,
  prod,
  "dev-ec2": deriveEnvironment(dev, { cluster: { ec2CapacityProviders: EC2_PROVIDER } }),
  "dev-0.1": dev,
};

/**
 * Bases whose synthesized Terraform is what an older release wrote. `dev-0.1`: release 0.1's
 * security groups, with a fixed `name` (the `name` prop) and no `create_before_destroy`.
 */
export const BASE_LAYOUTS: Partial<Record<BaseName, (json: any) => any>> = {
  "dev-0.1": (json) => {
    for (const group of Object.values<any>(json.resource.aws_security_group)) {
      group.name = group.name_prefix.replace(/-$/, "");
      delete group.name_prefix;
      delete group.lifecycle;
    }
    return json;
  },
};

const web = dev.services.web as Extract<EnvironmentConfig["services"][string], { kind: "web" }>;
const withService = (c: EnvironmentConfig, key: string, service: object) =>
  ({ ...c, services: { ...c.services, [key]: service } }) as EnvironmentConfig;
const withoutService = (c: EnvironmentConfig, key: string) => ({
  ...c,
  services: Object.fromEntries(Object.entries(c.services).filter(([k]) => k !== key)),
});
const TASK_REVISION = "a new task definition revision (task definitions are immutable; the service rolls to it)";

export const EDITS: readonly DayTwoEdit[] = [
  {
    id: "add-az",
    base: "dev",
    title: "add an availability zone (eu-west-1c)",
    edit: (c) => ({ ...c, availabilityZones: [...c.availabilityZones, "eu-west-1c"] }),
    replaced: [],
    why: "zone 3's subnets take their reserved blocks; endpoints, the load balancer and services add a subnet in place",
  },
  {
    id: "remove-az",
    base: "staging",
    title: "remove the last availability zone",
    edit: (c) => ({ ...c, availabilityZones: c.availabilityZones.slice(0, 2) }),
    replaced: [],
    deleted: "removed",
    why: "only zone 3's subnets, route table and routes go; the rest drop a subnet in place",
  },
  {
    id: "add-worker",
    base: "dev",
    title: "add a worker service",
    edit: (c) =>
      withService(c, "mailer", {
        kind: "worker",
        repository: "acme/mailer",
        imageTag: "1.0.0",
        cpu: 256,
        memoryMiB: 512,
        architecture: "ARM64",
        maxCapacity: 2,
      }),
    replaced: [],
    why: "new resources only",
  },
  {
    id: "add-web",
    base: "dev",
    title: "add a web service (a new listener rule)",
    edit: (c) => withService(c, "api", { ...web, repository: "acme/api", priority: 200, pathPatterns: ["/api/*"] }),
    replaced: [],
    why: "new resources only, including its listener rule",
  },
  {
    id: "remove-worker",
    base: "dev",
    title: "remove the worker service",
    edit: (c) => withoutService(c, "worker"),
    replaced: [],
    deleted: "removed",
    why: "exactly the worker's resources",
  },
  {
    id: "resize-web",
    base: "dev",
    title: "change the web service's CPU and memory",
    edit: (c) => withService(c, "web", { ...c.services.web, cpu: 1024, memoryMiB: 2048 }),
    replaced: ["aws_ecs_task_definition.WebTask"],
    why: TASK_REVISION,
  },
  {
    id: "bump-image",
    base: "dev",
    title: "bump the web image tag",
    edit: (c) => withService(c, "web", { ...c.services.web, imageTag: "1.5.0" }),
    replaced: ["aws_ecs_task_definition.WebTask"],
    why: TASK_REVISION,
  },
  {
    id: "add-endpoint",
    base: "dev",
    title: "add an interface endpoint (sqs)",
    edit: (c) => deriveEnvironment(c, { network: { interfaceEndpoints: [...(c.network.interfaceEndpoints ?? []), "sqs"] } }),
    replaced: [],
    why: "one new endpoint; services add it to what they wait for",
  },
  {
    id: "nat-per-az",
    base: "staging",
    title: "switch NAT from single to one per AZ",
    edit: (c) => deriveEnvironment(c, { network: { natGateways: "perAz" } }),
    replaced: [],
    why: "two new NAT gateways and EIPs; zones 2 and 3's default routes point to them in place",
  },
  {
    id: "log-retention",
    base: "dev",
    title: "change container log retention",
    edit: (c) => ({ ...c, logRetentionDays: 14 }),
    replaced: [],
    why: "log groups update in place",
  },
  {
    id: "flow-log-retention",
    base: "dev",
    title: "change flow log retention",
    edit: (c) => deriveEnvironment(c, { network: { flowLogRetentionDays: 60 } }),
    replaced: [],
    why: "the flow log group updates in place",
  },
  {
    id: "add-tag",
    base: "dev",
    title: "add a tag to every resource",
    edit: (c) => ({ ...c, tags: { ...c.tags, Team: "payments" } }),
    replaced: [],
    why: "default_tags: tags update in place",
  },
  {
    id: "add-ec2-capacity",
    base: "dev",
    title: "add an EC2 capacity provider",
    edit: (c) => deriveEnvironment(c, { cluster: { ec2CapacityProviders: EC2_PROVIDER } }),
    replaced: [],
    why: "new Auto Scaling group, launch template and capacity provider; the cluster's association updates in place",
  },
  {
    id: "ec2-instance-types",
    base: "dev-ec2",
    title: "change the EC2 capacity provider's instance types",
    edit: (c) =>
      deriveEnvironment(c, {
        cluster: { ec2CapacityProviders: { general: { ...EC2_PROVIDER.general, instanceTypes: ["m7g.xlarge", "c7g.xlarge"] } } },
      }),
    replaced: [],
    why: "the Auto Scaling group's mixed instances policy updates in place",
  },
  {
    id: "ec2-max-size",
    base: "dev-ec2",
    title: "raise the EC2 capacity provider's maximum size",
    edit: (c) => deriveEnvironment(c, { cluster: { ec2CapacityProviders: { general: { ...EC2_PROVIDER.general, maxSize: 12 } } } }),
    replaced: [],
    why: "in place",
  },
  {
    id: "add-scheduled-task",
    base: "dev",
    title: "add a scheduled task",
    edit: (c) => ({ ...c, scheduledTasks: { ...c.scheduledTasks, cleanup: { ...c.scheduledTasks.report, command: ["cleanup"] } } }),
    replaced: [],
    why: "new resources only",
  },
  {
    id: "change-schedule",
    base: "dev",
    title: "change a schedule",
    edit: (c) => ({
      ...c,
      scheduledTasks: { ...c.scheduledTasks, report: { ...c.scheduledTasks.report, schedule: "cron(30 3 * * ? *)" } },
    }),
    replaced: [],
    why: "the schedule updates in place",
  },
  {
    id: "batch-max-vcpus",
    base: "dev",
    title: "raise Batch max vCPUs",
    edit: (c) => deriveEnvironment(c, { batch: { maxVcpus: 16 } }),
    replaced: [],
    why: "compute environments update in place",
  },
  {
    id: "add-batch-job",
    base: "dev",
    title: "add a Batch job definition",
    edit: (c) =>
      deriveEnvironment(c, {
        batch: { jobs: { export: { repository: "acme/export", imageTag: "1.0.0", vcpus: 1, memoryMiB: 2048, command: ["export"] } } },
      }),
    replaced: [],
    why: "new resources only",
  },
  {
    id: "path-pattern",
    base: "dev",
    title: "add a path pattern to the web listener rule",
    edit: (c) => withService(c, "web", { ...c.services.web, pathPatterns: ["/*", "/static/*"] }),
    replaced: [],
    why: "the listener rule's condition updates in place",
  },
  {
    id: "health-check-path",
    base: "dev",
    title: "change the web health check path",
    edit: (c) => withService(c, "web", { ...c.services.web, healthCheckPath: "/healthz" }),
    replaced: [],
    why: "the target group's health check updates in place",
  },
  {
    id: "enable-exec",
    base: "dev",
    title: "enable ECS Exec on the worker",
    edit: (c) => withService(c, "worker", { ...c.services.worker, enableExec: true }),
    replaced: [],
    why: "the service updates in place; the task role gains the Session Manager statements",
  },
  {
    id: "capacity-weights",
    base: "dev",
    title: "change the capacity-provider weights",
    edit: (c) => deriveEnvironment(c, { cluster: { fargateSpotWeight: 2 } }),
    replaced: [],
    why: "the cluster's default strategy and each service's strategy update in place (a new deployment)",
  },
  {
    id: "web-scaling",
    base: "dev",
    title: "raise the web service's scaling limits",
    edit: (c) => withService(c, "web", { ...c.services.web, minCapacity: 2, maxCapacity: 6 }),
    replaced: [],
    why: "the scaling target and scheduled actions update in place",
  },
  {
    id: "deletion-protection",
    base: "dev",
    title: "turn on load balancer deletion protection",
    edit: (c) => deriveEnvironment(c, { ingress: { deletionProtection: true } }),
    replaced: [],
    why: "in place",
  },
  {
    id: "prod-tag",
    base: "prod",
    title: "add a tag in production",
    edit: (c) => ({ ...c, tags: { ...c.tags, Team: "payments" } }),
    replaced: [],
    why: "in place; nothing protected by prevent_destroy is touched",
  },
  {
    id: "prod-scaling",
    base: "prod",
    title: "raise production's worker maximum",
    edit: (c) => withService(c, "worker", { ...c.services.worker, maxCapacity: 40 }),
    replaced: [],
    why: "in place",
  },
  {
    id: "upgrade-0.2-security-groups",
    base: "dev-0.1",
    title: "upgrade the library from 0.1 to 0.2 (security groups take name_prefix and create_before_destroy)",
    edit: (c) => c,
    replaced: [
      "aws_security_group.BatchFargateSpot_SecurityGroup",
      "aws_security_group.BatchFargate_SecurityGroup",
      "aws_security_group.Network_EndpointSecurityGroup",
      "aws_security_group.PublicLoadBalancer_SecurityGroup",
      "aws_security_group.Report_SecurityGroup",
      "aws_security_group.Web_SecurityGroup",
      "aws_security_group.Worker_SecurityGroup",
      "aws_vpc_security_group_egress_rule.BatchFargateSpot_SecurityGroup_AllOutbound",
      "aws_vpc_security_group_egress_rule.BatchFargate_SecurityGroup_AllOutbound",
      "aws_vpc_security_group_egress_rule.PublicLoadBalancer_SecurityGroup_Egress8ac7f261",
      "aws_vpc_security_group_egress_rule.Report_SecurityGroup_AllOutbound",
      "aws_vpc_security_group_egress_rule.Web_SecurityGroup_AllOutbound",
      "aws_vpc_security_group_egress_rule.Worker_SecurityGroup_AllOutbound",
      "aws_vpc_security_group_ingress_rule.Network_EndpointSecurityGroup_Ingressbbb74a8a",
      "aws_vpc_security_group_ingress_rule.PublicLoadBalancer_SecurityGroup_Ingresse9a73315",
      "aws_vpc_security_group_ingress_rule.Web_SecurityGroup_Ingress728b6e36",
    ],
    replacedNewFirst: [
      "aws_security_group.BatchFargateSpot_SecurityGroup",
      "aws_security_group.BatchFargate_SecurityGroup",
      "aws_security_group.Network_EndpointSecurityGroup",
      "aws_security_group.PublicLoadBalancer_SecurityGroup",
      "aws_security_group.Report_SecurityGroup",
      "aws_security_group.Web_SecurityGroup",
      "aws_security_group.Worker_SecurityGroup",
    ],
    updated: [
      "aws_batch_compute_environment.BatchFargateSpot",
      "aws_batch_compute_environment.BatchFargate",
      "aws_ecs_service.Web",
      "aws_ecs_service.Worker",
      "aws_lb.PublicLoadBalancer",
      "aws_scheduler_schedule.Report_Schedule",
      ...[
        "Ec2messages",
        "EcrApi",
        "EcrDkr",
        "EcsAgent",
        "Ecs",
        "EcsTelemetry",
        "Kms",
        "Logs",
        "Secretsmanager",
        "Ssm",
        "Ssmmessages",
        "Sts",
      ].map((e) => `aws_vpc_endpoint.Network_${e}Endpoint`),
    ],
    why: "every security group is replaced once, the new one first (name_prefix forces it; create_before_destroy orders it), and each of its rules is recreated on the new group; the services, load balancer, Batch environments, schedule and endpoints switch groups in place; nothing else changes",
  },
  {
    id: "rename-with-move",
    base: "dev",
    title: "rename the web service's key (renamedFrom)",
    edit: (c) => {
      const { web: renamed, ...rest } = c.services;
      return { ...c, services: { ...rest, frontend: { ...renamed, renamedFrom: "web" } } };
    },
    replaced: [],
    moves: "declared",
    why: "every address of the web service moves (moved blocks), including the load balancer's egress rule named after it, and names stay: nothing is destroyed",
  },
];

export { prod, staging };
