import { Aspects, LocalBackend, S3Backend, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { moveFrom } from "../src/core";
import {
  applyPolicies,
  ApplicationLoadBalancer,
  Cluster,
  ComputeEnvironment,
  EnvironmentBudget,
  ContainerImage,
  FARGATE,
  GithubActionsRole,
  GithubOidcProvider,
  FARGATE_SPOT,
  JobDefinition,
  JobQueue,
  LoadBalancedWebService,
  Queue,
  QueueProcessingService,
  Network,
  NotificationTopic,
  OperationalNotifications,
  PreventDestroy,
  ScheduledTask,
  Service,
  TaskDefinition,
  type INotificationTopic,
  type TaskDefinitionProps,
  RoleDefaults,
  useAwsAccount,
  useAwsProviderRange,
} from "../src";
import { fail } from "../src/core";
import {
  REQUIRED_TAGS,
  type EnvironmentConfig,
  type ScheduledTaskConfig,
  type ServiceDelivery,
  type WebServiceConfig,
  type WorkerServiceConfig,
  type WorkloadSize,
} from "./environments/types";

/** Construct ids are PascalCase: config key `nightly-report` → `NightlyReport`. */
function pascal(key: string): string {
  return key
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/**
 * One deployable environment (`cdktf deploy <name>`): owns the aws provider, the state backend and
 * default tags, and composes the library's modules from an {@link EnvironmentConfig}:
 * Network → Cluster → public load balancer → services, scheduled tasks and a Batch queue.
 */
export class EnvironmentStack extends TerraformStack {
  /** Seconds Service Connect waits for a whole response from a web service (AWS's 15 cuts off slow requests). */
  public static readonly DEFAULT_REQUEST_TIMEOUT_SECONDS = 60;
  /**
   * Seconds an idle Service Connect connection stays open: AWS's HTTP default, written out so the plan
   * shows it, and above the load balancer's 60-second idle timeout so the proxy never closes first.
   */
  public static readonly SERVICE_CONNECT_IDLE_TIMEOUT_SECONDS = 300;
  public readonly config: EnvironmentConfig;
  /** `<org>-<env>`, the prefix of every name in the stack. */
  public readonly prefix: string;
  public readonly network: Network;
  public readonly cluster: Cluster;
  public readonly loadBalancer: ApplicationLoadBalancer;
  public readonly services: Record<string, Service> = {};
  /** The roles the image workflow of CI-driven services (`delivery: { mode: "ci" }`) deploys with, by service key. */
  public readonly serviceDeployRoles: Record<string, GithubActionsRole> = {};
  public readonly scheduledTasks: Record<string, ScheduledTask> = {};
  public readonly jobQueue: JobQueue;
  /** Where operational events and budget alerts go: the on-call topic (prod) or a topic of the stack's own. */
  public readonly notificationTopic: INotificationTopic;
  public readonly notifications: OperationalNotifications;
  public readonly budget: EnvironmentBudget;

  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, config.name);
    this.config = config;
    this.prefix = `${config.org}-${config.name}`;
    // Trust policies of the roles below carry aws:SourceAccount / aws:SourceArn for this account.
    useAwsAccount(this, config.accountId);
    // Before any construct: every role the stack creates takes the boundary and path (IAM-003 checks it).
    if (config.permissionsBoundaryArn !== undefined || config.rolePath !== undefined) {
      RoleDefaults.of(this).set({ permissionsBoundaryArn: config.permissionsBoundaryArn, path: config.rolePath });
    }

    // The workflows already hold the plan or deploy role (OIDC) and set TF_VAR_assume_role_arn="":
    // the provider skips an assume_role whose role_arn is empty.
    const assumeRoleArn = config.deployRoleArn
      ? new TerraformVariable(this, "assume_role_arn", {
          type: "string",
          default: config.deployRoleArn,
          description: "Role the provider assumes; empty when the caller's credentials already are the plan or deploy role",
        })
      : undefined;
    new AwsProvider(this, "aws", {
      region: config.region,
      // A plan or apply with credentials for any other account fails before touching anything.
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { ...config.tags } }],
      assumeRole: assumeRoleArn ? [{ roleArn: assumeRoleArn.stringValue, sessionName: `cdktf-${config.name}` }] : undefined,
    });
    useAwsProviderRange(this);
    this.configureBackend();
    // Guardrails: errors fail `cdktf synth`; reports land next to cdk.tf.json.
    applyPolicies(this, { environmentClass: config.environmentClass, requiredTags: REQUIRED_TAGS });

    this.network = new Network(this, "Network", {
      name: this.prefix,
      cidr: config.network.cidr,
      availabilityZones: config.availabilityZones,
      region: config.region,
      tiers: config.network.tiers,
      natGateways: config.network.natGateways,
      interfaceEndpoints: config.network.interfaceEndpoints,
      flowLogs: { retentionDays: config.network.flowLogRetentionDays },
    });

    const capacity = config.cluster;
    this.cluster = new Cluster(this, "Cluster", {
      name: this.prefix,
      network: this.network,
      containerInsights: capacity.containerInsights,
      ec2CapacityProviders: capacity.ec2CapacityProviders,
      fargateStorageEncryption: capacity.fargateStorageEncryption,
      defaultCapacityProviderStrategy: [
        { capacityProvider: FARGATE, base: capacity.fargateBase, weight: capacity.fargateWeight },
        { capacityProvider: FARGATE_SPOT, weight: capacity.fargateSpotWeight },
      ],
      namespace: { type: "DNS_PRIVATE", name: `${config.name}.${config.org}.internal` },
    });

    this.loadBalancer = new ApplicationLoadBalancer(this, "PublicLoadBalancer", {
      name: `${this.prefix}-public`,
      network: this.network,
      certificateArn: config.ingress.certificateArn,
      deletionProtection: config.ingress.deletionProtection,
    });

    for (const [key, service] of Object.entries(config.services)) {
      this.services[key] = service.kind === "web" ? this.webService(key, service) : this.workerService(key, service);
      if (service.renamedFrom !== undefined) this.moveWorkload(key, service.renamedFrom);
    }
    for (const [key, task] of Object.entries(config.scheduledTasks)) {
      this.scheduledTasks[key] = this.scheduledTask(key, task);
      if (task.renamedFrom !== undefined) this.moveWorkload(key, task.renamedFrom);
    }
    this.jobQueue = this.batch();
    const ops = config.operations;
    this.notificationTopic = ops.onCallTopicArn
      ? NotificationTopic.fromTopicArn(this, "operations.onCallTopicArn", ops.onCallTopicArn)
      : new NotificationTopic(this, "NotificationTopic", { name: `${this.prefix}-operations`, emailSubscriptions: ops.notificationEmails });
    this.notifications = new OperationalNotifications(this, "Notifications", {
      name: this.prefix,
      topic: this.notificationTopic,
      services: Object.values(this.services),
      jobQueues: [this.jobQueue],
    });
    this.budget = new EnvironmentBudget(this, "Budget", {
      name: this.prefix,
      monthlyLimit: ops.monthlyBudgetUsd,
      currency: "USD",
      costAllocationTag: { key: "Environment", values: [config.tags.Environment] },
      topic: this.notificationTopic,
      emailAddresses: ops.budgetEmails,
      fargate: ops.fargateMonthlyBudgetUsd === undefined ? undefined : { monthlyLimit: ops.fargateMonthlyBudgetUsd },
    });

    if (config.environmentClass === "production") {
      Aspects.of(this).add(new PreventDestroy());
    }
    this.outputs();
  }

  private image(repository: string, tag: string): ContainerImage {
    const { accountId, region } = this.config.imageRegistry ?? this.config;
    return ContainerImage.fromEcrRepository(
      `arn:aws:ecr:${region}:${accountId}:repository/${repository}`,
      tag,
      `${accountId}.dkr.ecr.${region}.amazonaws.com/${repository}`,
    );
  }

  /**
   * A workload key renamed in the config keeps its state: every construct the old key named (the
   * service or scheduled task, its task definition, queue and listener rule) gets `moved` blocks
   * from its old addresses. Its AWS names stay those of the old key (`renamedFrom`).
   */
  private moveWorkload(key: string, renamedFrom: string): void {
    const ids = ["", "Task", "Queue"].map((suffix) => [`${pascal(key)}${suffix}`, `${pascal(renamedFrom)}${suffix}`]);
    const renamed = this.node.findAll().filter((c) => ids.some(([id]) => c.node.id === id));
    for (const construct of renamed) {
      if (renamed.some((other) => other !== construct && construct.node.scopes.includes(other))) continue;
      moveFrom(construct, ids.find(([id]) => id === construct.node.id)![1]);
    }
  }

  /** The `<key>` in AWS names: the key the workload was deployed under, which a rename keeps. */
  private nameKey(key: string, config: { readonly renamedFrom?: string }): string {
    return config.renamedFrom ?? key;
  }

  /** A Fargate task definition `<prefix>-<key>` sized from the config, logging with the environment's retention. */
  private taskDefinition(
    key: string,
    size: WorkloadSize & { readonly renamedFrom?: string },
    options: Pick<TaskDefinitionProps, "containers" | "scratchVolumes">,
  ): TaskDefinition {
    return new TaskDefinition(this, `${pascal(key)}Task`, {
      name: `${this.prefix}-${this.nameKey(key, size)}`,
      cpu: size.cpu,
      memoryMiB: size.memoryMiB,
      runtimePlatform: { cpuArchitecture: size.architecture },
      logRetentionDays: this.config.logRetentionDays,
      ...options,
    });
  }

  private webService(key: string, config: WebServiceConfig): Service {
    const name = `${this.prefix}-${this.nameKey(key, config)}`;
    const task = this.taskDefinition(key, config, {
      scratchVolumes: ["tmp"],
      containers: {
        app: {
          image: this.image(config.repository, config.imageTag),
          portMappings: [{ containerPort: config.containerPort, name: "http", appProtocol: "http" }],
          environment: { ENVIRONMENT: this.config.name },
          mountPoints: [{ volume: "tmp", containerPath: "/tmp" }],
        },
      },
    });
    const web = new LoadBalancedWebService(this, pascal(key), {
      name,
      cluster: this.cluster,
      taskDefinition: task,
      taskDefinitionChanges: config.delivery?.mode === "ci" ? "ignore" : undefined,
      enableExec: config.enableExec,
      loadBalancer: {
        listener: this.loadBalancer.listener,
        priority: config.priority,
        pathPatterns: config.pathPatterns,
        healthCheck: { path: config.healthCheckPath },
      },
      // The other services reach the web tier inside the environment at http://<key>, through the proxies.
      serviceConnect: {
        endpoints: [
          {
            portName: "http",
            discoveryName: this.nameKey(key, config),
            port: 80,
            perRequestTimeoutSeconds: config.requestTimeoutSeconds ?? EnvironmentStack.DEFAULT_REQUEST_TIMEOUT_SECONDS,
            idleTimeoutSeconds: EnvironmentStack.SERVICE_CONNECT_IDLE_TIMEOUT_SECONDS,
          },
        ],
      },
      minCapacity: config.minCapacity,
      maxCapacity: config.maxCapacity,
      cpuTargetPercent: config.cpuTargetPercent,
      scaleToZero: config.scaleToZeroAtNight
        ? { stopSchedule: "cron(0 20 ? * MON-FRI *)", startSchedule: "cron(0 7 ? * MON-FRI *)" }
        : undefined,
    });
    this.ciDelivery(key, web.service, task, config.delivery);
    return web.service;
  }

  private workerService(key: string, config: WorkerServiceConfig): Service {
    const name = `${this.prefix}-${this.nameKey(key, config)}`;
    // The queue keeps its address (Queue's resource id is Default) and gains a dead-letter queue.
    const queue = new Queue(this, `${pascal(key)}Queue`, { name: `${name}-jobs` });
    const task = this.taskDefinition(key, config, {
      containers: {
        worker: {
          image: this.image(config.repository, config.imageTag),
          environment: { ENVIRONMENT: this.config.name, QUEUE_URL: queue.queueUrl },
        },
      },
    });
    const worker = new QueueProcessingService(this, pascal(key), {
      name,
      cluster: this.cluster,
      taskDefinition: task,
      queue,
      taskDefinitionChanges: config.delivery?.mode === "ci" ? "ignore" : undefined,
      enableExec: config.enableExec,
      serviceConnect: {},
      maxCapacity: config.maxCapacity,
    });
    this.ciDelivery(key, worker.service, task, config.delivery);
    return worker.service;
  }

  /**
   * For a CI-driven service: the role the application's image workflow (`mode: ci`) assumes to roll
   * it out, trusted only by that repository's jobs in this environment's GitHub environment running
   * this platform's image workflow from main; it may update exactly this service and pass exactly
   * its two roles to ECS tasks.
   */
  private ciDelivery(key: string, service: Service, task: TaskDefinition, delivery: ServiceDelivery | undefined): void {
    if (delivery?.mode !== "ci") return;
    const platform = this.config.platformRepository;
    if (!platform) {
      fail(`environments/${this.config.name}`, {
        code: "ENV_CI_DELIVERY_PLATFORM",
        property: "platformRepository",
        value: platform,
        allowed: `this platform repository (owner/name), whose image workflow services.${key}'s deploy role trusts`,
      });
    }
    const role = new GithubActionsRole(this, `${pascal(key)}DeployRole`, {
      name: `${this.prefix}-${key}-deploy`,
      description: `Rolls out ${service.serviceName} from ${delivery.repository}'s image workflow`,
      provider: GithubOidcProvider.fromAccount(this.config.accountId),
      trustedBy: [
        {
          repository: delivery.repository,
          subject: { kind: "environment", environment: this.config.name },
          workflow: { repository: platform, path: ".github/workflows/image.yml", ref: "refs/heads/main" },
        },
      ],
    });
    role.addToPrincipalPolicy({ sid: "Service", actions: ["ecs:DescribeServices", "ecs:UpdateService"], resources: [service.serviceArn] });
    // Task definitions have no resource-level permission for these two actions.
    role.addToPrincipalPolicy({
      sid: "TaskDefinitions",
      actions: ["ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"],
      resources: ["*"],
    });
    role.addToPrincipalPolicy({
      sid: "PassTaskRoles",
      actions: ["iam:PassRole"],
      resources: [task.taskRoleArn, task.executionRoleArn],
      conditions: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
    });
    this.serviceDeployRoles[key] = role;
  }

  private scheduledTask(key: string, config: ScheduledTaskConfig): ScheduledTask {
    const name = `${this.prefix}-${this.nameKey(key, config)}`;
    const task = this.taskDefinition(key, config, {
      containers: { job: { image: this.image(config.repository, config.imageTag), command: [...config.command] } },
    });
    return new ScheduledTask(this, pascal(key), {
      name,
      cluster: this.cluster,
      taskDefinition: task,
      schedule: config.schedule,
      timeZone: config.timeZone,
    });
  }

  private batch(): JobQueue {
    const { batch } = this.config;
    const spot = new ComputeEnvironment(this, "BatchFargateSpot", {
      name: `${this.prefix}-batch-spot`,
      type: "FARGATE_SPOT",
      network: this.network,
      maxVcpus: batch.maxVcpus,
    });
    const onDemand = new ComputeEnvironment(this, "BatchFargate", {
      name: `${this.prefix}-batch`,
      type: "FARGATE",
      network: this.network,
      maxVcpus: Math.max(4, batch.maxVcpus / 4),
    });
    const queue = new JobQueue(this, "BatchQueue", {
      name: `${this.prefix}-jobs`,
      computeEnvironments: [
        { computeEnvironment: spot, order: 1 },
        { computeEnvironment: onDemand, order: 2 },
      ],
    });
    for (const [key, job] of Object.entries(batch.jobs)) {
      new JobDefinition(this, `${pascal(key)}Job`, {
        name: `${this.prefix}-${key}`,
        image: this.image(job.repository, job.imageTag),
        vcpus: job.vcpus,
        memoryMiB: job.memoryMiB,
        command: [...job.command],
        logRetentionDays: this.config.logRetentionDays,
      });
    }
    return queue;
  }

  private outputs(): void {
    if (Object.keys(this.serviceDeployRoles).length > 0) {
      new TerraformOutput(this, "service_deploy_role_arns", {
        value: Object.fromEntries(Object.entries(this.serviceDeployRoles).map(([key, role]) => [key, role.roleArn])),
        description: "Roles the image workflow deploys CI-driven services with, by service key",
      });
    }
    new TerraformOutput(this, "vpc_id", { value: this.network.vpcId, description: "VPC id" });
    new TerraformOutput(this, "private_subnet_ids", { value: this.network.privateSubnetIds, description: "Private subnet ids" });
    new TerraformOutput(this, "public_subnet_ids", { value: this.network.publicSubnetIds, description: "Public subnet ids" });
    new TerraformOutput(this, "cluster_name", { value: this.cluster.clusterName, description: "ECS cluster name" });
    // With vpc_cidr and availability_zones, what an application team's stack needs for Cluster.fromAttributes and
    // Network.fromAttributes (examples/app-team reads them from `terraform output -json`).
    new TerraformOutput(this, "cluster_arn", { value: this.cluster.clusterArn, description: "ECS cluster ARN" });
    new TerraformOutput(this, "vpc_cidr", { value: this.network.vpcCidr, description: "VPC IPv4 CIDR block" });
    new TerraformOutput(this, "availability_zones", {
      value: this.network.availabilityZones,
      description: "Availability zones of the subnet id lists, in the same order",
    });
    new TerraformOutput(this, "load_balancer_dns_name", { value: this.loadBalancer.dnsName, description: "Public load balancer DNS name" });
    new TerraformOutput(this, "service_names", {
      value: Object.values(this.services).map((s) => s.serviceName),
      description: "ECS service names",
    });
    new TerraformOutput(this, "job_queue_arn", { value: this.jobQueue.jobQueueArn, description: "Batch job queue ARN" });
  }

  private configureBackend(): void {
    const { backend, name, org } = this.config;
    if (backend.type === "local") {
      new LocalBackend(this, { path: backend.path ?? `terraform.${name}.tfstate` });
      return;
    }
    new S3Backend(this, {
      bucket: backend.bucket,
      key: backend.key ?? `${org}/${name}/terraform.tfstate`,
      region: backend.region,
      encrypt: true,
      kmsKeyId: backend.kmsKeyId,
      dynamodbTable: backend.dynamodbTable,
    });
    if (backend.useLockfile ?? backend.dynamodbTable === undefined) {
      // cdktf 0.21's S3Backend has no use_lockfile option yet (Terraform 1.10+ S3-native locking).
      this.addOverride("terraform.backend.s3.use_lockfile", true);
    }
  }
}
