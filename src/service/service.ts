import { ITerraformDependable } from "cdktf";
import { warn } from "../core/warnings";
import { warnCircuitBreakerOff } from "./circuit-breaker-warning";
import { Construct } from "constructs";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { validateCapacityProviderStrategy, isFargateProvider } from "../cluster/capacity-strategy";
import type { CapacityProviderStrategyItem, ICluster, INamespace } from "../cluster/types";
import { dependsOnAll } from "../core/depends-on";
import { fail, isToken } from "../core/errors";
import { checkName, NameRules } from "../core/naming";
import { checkRoleOptions, RoleOptions } from "../core/role";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange, checkMinMax, checkOneOf, checkUnique } from "../core/validate";
import type { ApplicationListener } from "../ingress/application-listener";
import { ApplicationTargetGroup } from "../ingress/application-target-group";
import type { NetworkTargetGroup } from "../ingress/network-target-group";
import { Connections, IConnectable, Peer, Port } from "../network/connections";
import { SecurityGroup } from "../network/security-group";
import type { SubnetTier } from "../network/subnet-plan";
import type { PortSelector, SelectedPort, TaskDefinition } from "../task/task-definition";
import { checkServiceAlarms, ServiceAlarmOptions, ServiceAlarms } from "./alarms";
import { AutoScalingOptions, checkAutoScaling, ServiceAutoScaling } from "./autoscaling";
import { AlarmRef, BlueGreenDeployment, BlueGreenDeploymentOptions, checkBlueGreen } from "./blue-green";
import { CloudMapOptions, CloudMapService } from "./cloud-map";
import {
  ApplicationLoadBalancerTarget,
  attachToApplicationLoadBalancer,
  attachToNetworkLoadBalancer,
  NetworkLoadBalancerTarget,
} from "./load-balancing";
import { InfrastructureRole } from "./infrastructure-role";
import { checkManagedEbsVolume, ManagedEbsVolumeOptions, renderVolumeConfiguration } from "./managed-ebs-volume";
import { checkVpcLattice, renderVpcLattice, VpcLatticeOptions } from "./vpc-lattice";
import { checkPlacement, PlacementOptions, renderPlacementConstraints, renderPlacementStrategies } from "./placement";
import {
  checkResolvedEndpoints,
  checkServiceConnect,
  needsInfrastructureRoleForTls,
  renderServiceConnect,
  ServiceConnectOptions,
} from "./service-connect";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** ECS replaces tasks in batches; the circuit breaker rolls back a deployment whose tasks keep failing. */
export interface RollingDeploymentOptions {
  /** Selects ECS's own (rolling update) deployment controller. */
  readonly type: "rolling";
  /** Running tasks kept during a deployment, as a percent of the desired count, 0 to 100. @default 100 (0 for a daemon service) */
  readonly minHealthyPercent?: number;
  /** Tasks allowed during a deployment, as a percent of the desired count, 100 to 200 (exactly 100 for a daemon service). @default 200 (100 for a daemon service) */
  readonly maxPercent?: number;
  /** Stop and roll back a deployment whose tasks fail to start or become healthy (replica services). @default true */
  readonly circuitBreaker?: boolean;
  /**
   * CloudWatch alarm names whose ALARM state rolls back a deployment while it runs (and during its bake
   * time). Giving a list replaces the service's own alarms; `[]` turns alarm rollback off.
   * @default - the service's own 5xx, unhealthy-target and tasks-below-desired alarms (none with `alarms.enabled: false` or for a daemon service)
   */
  readonly rollbackAlarmNames?: readonly string[];
}

/** How new task definition revisions roll out: ECS rolling update or CodeDeploy blue/green. */
export type DeploymentOptions = RollingDeploymentOptions | BlueGreenDeploymentOptions;

/** Where ECS copies tags onto the tasks it starts from: the service's tags, the task definition's, or none. */
export type PropagateTags = "SERVICE" | "TASK_DEFINITION" | "NONE";

/** `REPLICA` keeps a desired count of tasks; `DAEMON` runs exactly one task on every EC2 container instance. */
export type SchedulingStrategy = "REPLICA" | "DAEMON";

/** Who rolls out task definition revisions: Terraform on every apply, or a pipeline (Terraform then ignores them). */
export type TaskDefinitionChanges = "terraform" | "ignore";

/** Properties of a {@link Service}. */
export interface ServiceProps {
  /** Service name, e.g. `acme-dev-web`; also names its security group, target groups, alarms and policies. */
  readonly name: string;
  /** The cluster the service runs in; its network, capacity providers and namespace are the defaults. */
  readonly cluster: ICluster;
  /** An `awsvpc` task definition. */
  readonly taskDefinition: TaskDefinition;
  /** Tasks to run (not for a daemon service). @default - autoScaling.minCapacity with auto scaling, otherwise 2 (one per AZ survives an AZ loss) */
  readonly desiredCount?: number;
  /**
   * `DAEMON` runs one task on every container instance of the cluster's EC2 capacity (log shippers,
   * node agents): EC2 task definitions only, with no desired count, auto scaling, capacity provider
   * strategy or placement strategies (placement constraints pick the instances).
   * @default "REPLICA"
   */
  readonly schedulingStrategy?: SchedulingStrategy;
  /**
   * Capacity providers and weights the tasks are spread over; Fargate task definitions need Fargate providers.
   * @default - the cluster's default strategy, written out so the plan shows it
   */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /** Subnets the tasks run in. @default - the network's workload tier (private, else isolated) */
  readonly subnetTier?: SubnetTier;
  /** Give each task a public IP (Fargate only, with public subnets). @default false */
  readonly assignPublicIp?: boolean;
  /** Let tasks open any outbound connection (IPv4, and IPv6 in a dual-stack network); false starts with no egress (add it with `connections.allowTo`). @default true */
  readonly allowAllOutbound?: boolean;
  /** Behind an application load balancer. Excludes `networkLoadBalancer`. @default - not load balanced */
  readonly loadBalancer?: ApplicationLoadBalancerTarget;
  /** Behind a network load balancer. Excludes `loadBalancer`. @default - not load balanced */
  readonly networkLoadBalancer?: NetworkLoadBalancerTarget;
  /** Service Connect client (and server, with endpoints). @default - off */
  readonly serviceConnect?: ServiceConnectOptions;
  /** Cloud Map DNS discovery (A records per task). @default - off */
  readonly cloudMapDiscovery?: CloudMapOptions;
  /**
   * Register the tasks in VPC Lattice target groups (rolling deployments only); ECS does it with the
   * service's infrastructure role, which gets AWS's VPC Lattice policy. @default - no VPC Lattice
   */
  readonly vpcLattice?: VpcLatticeOptions;
  /**
   * The Amazon EBS volume ECS creates for each task at the task definition's `ebsVolumeName` (rolling
   * deployments only). ECS manages it with the service's infrastructure role. @default - none (required when the task definition has `ebsVolumeName`)
   */
  readonly ebsVolume?: ManagedEbsVolumeOptions;
  /**
   * Let ECS move tasks between Availability Zones when they become unbalanced (after an AZ outage or
   * failed placements). Rolling replica services only.
   * @default - true when the service's subnets span more than one AZ and its first placement strategy (if any) spreads across AZs
   */
  readonly availabilityZoneRebalancing?: boolean;
  /**
   * Values whose change starts a new deployment even when nothing else changed (Terraform's
   * `triggers`), e.g. `{ image: digest }` or `{ secret: versionId }` so tasks pick up a rotated secret.
   * Rolling deployments only. @default - none
   */
  readonly redeployOn?: Record<string, string>;
  /** How new revisions roll out: rolling (ECS) or blue/green (CodeDeploy, ALB only). @default { type: "rolling" } with circuit breaker and rollback */
  readonly deployment?: DeploymentOptions;
  /** Application Auto Scaling of the desired count (Terraform then ignores `desired_count`). @default - a fixed desired count */
  readonly autoScaling?: AutoScalingOptions;
  /** ECS Exec (`aws ecs execute-command`); adds the Session Manager channels to the task role. @default false */
  readonly enableExec?: boolean;
  /** EC2 placement strategies and constraints. @default - ECS's defaults */
  readonly placement?: PlacementOptions;
  /** Seconds load balancer health checks are ignored after a task starts. @default 60 when load balanced */
  readonly healthCheckGracePeriodSeconds?: number;
  /** Which tags ECS copies onto tasks. @default "SERVICE" */
  readonly propagateTags?: PropagateTags;
  /** Make `terraform apply` wait until the deployment is steady. @default false */
  readonly waitForSteadyState?: boolean;
  /**
   * Who rolls out new task definition revisions. `"terraform"`: each apply points the service at the
   * revision Terraform registers. `"ignore"` is for CI-driven delivery, where a pipeline registers
   * revisions and updates the service itself (the image workflow's `ci` mode): Terraform creates the
   * service with the first revision, then ignores `task_definition`, so an apply never rolls back a
   * deployment the pipeline made; and the revisions Terraform registers are never deregistered
   * (`skip_destroy`), so the service can always roll back to one of them. Changes to the task
   * definition in code then reach the service with the pipeline's next deployment.
   * @default "terraform"
   */
  readonly taskDefinitionChanges?: TaskDefinitionChanges;
  /** CloudWatch alarms on the service; `{ enabled: false }` opts out. @default - CPU, memory, task count, 5xx and unhealthy target alarms with no notification */
  readonly alarms?: ServiceAlarmOptions;
  /** Tags for the service and everything it creates (security group, target groups, alarms, roles). @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Permissions boundary and path of the IAM roles this construct creates (the infrastructure role and the blue/green CodeDeploy role; the task definition's roles take the task definition's).
   * @default - the stack's `RoleDefaults` (none unless the stack declares them)
   */
  readonly roleOptions?: RoleOptions;
}

/**
 * An ECS service in the cluster's network with its own security group, behind an application or
 * network load balancer, with Service Connect or Cloud Map discovery, auto scaling, alarms, and a
 * rolling (circuit breaker) or CodeDeploy blue/green deployment.
 */
export class Service extends Construct implements IConnectable {
  /** Tasks run without auto scaling: two, so one task per AZ survives the loss of an AZ. */
  public static readonly DEFAULT_DESIRED_COUNT = 2;
  /** Seconds load balancer health checks are ignored after a task starts: time for a typical app to boot. */
  public static readonly DEFAULT_HEALTH_CHECK_GRACE_PERIOD_SECONDS = 60;
  /** Rolling deployments keep every running task until its replacement is healthy (no capacity dip). */
  public static readonly DEFAULT_MIN_HEALTHY_PERCENT = 100;
  /** Rolling deployments may double the task count while new tasks start (ECS's default). */
  public static readonly DEFAULT_MAX_PERCENT = 200;
  /** A daemon service replaces its one task per instance in place: ECS stops the old task before it starts the new one. */
  public static readonly DEFAULT_DAEMON_MIN_HEALTHY_PERCENT = 0;

  /** The ECS service name (`props.name`). */
  public readonly serviceName: string;
  /** The cluster the service runs in. */
  public readonly cluster: ICluster;
  /** The service ARN (the provider's `id`). */
  public readonly serviceArn: string;
  public readonly connections: Connections;
  /** The service's own security group; only its load balancer and peers given to `allowFrom` get in. */
  public readonly securityGroup: SecurityGroup;
  /** The task definition the service runs. */
  public readonly taskDefinition: TaskDefinition;
  /** The port load balancers and peers reach (the default container's first port when not load balanced). */
  public readonly trafficPort?: SelectedPort;
  /** The (blue) target group, when load balanced. */
  public readonly targetGroup?: ApplicationTargetGroup | NetworkTargetGroup;
  /** The scalable target and its policies, when `autoScaling` is set. */
  public readonly autoScaling?: ServiceAutoScaling;
  /** The service's CloudWatch alarms, unless turned off with `alarms.enabled: false`. */
  public readonly alarms?: ServiceAlarms;
  /** The ECS infrastructure role, when ECS manages EBS volumes or Service Connect TLS certificates for the service. */
  public readonly infrastructureRole?: InfrastructureRole;
  /** The CodeDeploy application, deployment group and role, with a blue/green deployment. */
  public readonly blueGreen?: BlueGreenDeployment;
  /** The Cloud Map service tasks register in, with `cloudMapDiscovery`. */
  public readonly cloudMapService?: CloudMapService;
  /** The service resource, for escape hatches. */
  public readonly resource: EcsService;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    checkRequiredProps(this, "ServiceProps", props, {
      name: K.string,
      cluster: K.reference("an ICluster such as a Cluster", "clusterArn", "clusterName", "network"),
      taskDefinition: K.reference("a TaskDefinition", "taskDefinitionArn", "family"),
    });
    const td = props.taskDefinition;
    const network = props.cluster.network;
    const deployment: DeploymentOptions = props.deployment ?? { type: "rolling" };
    const schedulingStrategy = props.schedulingStrategy ?? "REPLICA";
    const daemon = schedulingStrategy === "DAEMON";
    const desiredCount = daemon ? undefined : (props.desiredCount ?? props.autoScaling?.minCapacity ?? Service.DEFAULT_DESIRED_COUNT);
    const strategy = daemon ? [] : (props.capacityProviderStrategy ?? props.cluster.defaultCapacityProviderStrategy);
    const subnetTier = props.subnetTier ?? network.workloadSubnetTier;
    const assignPublicIp = props.assignPublicIp ?? false;
    const allowAllOutbound = props.allowAllOutbound ?? true;
    const enableExec = props.enableExec ?? false;
    const placement = props.placement ?? {};
    const loadBalanced = props.loadBalancer !== undefined || props.networkLoadBalancer !== undefined;
    const gracePeriod =
      props.healthCheckGracePeriodSeconds ?? (loadBalanced ? Service.DEFAULT_HEALTH_CHECK_GRACE_PERIOD_SECONDS : undefined);
    const propagateTags = props.propagateTags ?? "SERVICE";
    const alarmOptions = props.alarms ?? {};
    const alarmsEnabled = alarmOptions.enabled ?? true;
    const tags = props.tags;
    this.cluster = props.cluster;

    checkName(this, "SERVICE_NAME", "name", props.name, NameRules.ecs);
    checkTags(this, "tags", tags);
    checkRoleOptions(this, "roleOptions", props.roleOptions);
    checkIntegerRange(this, "SERVICE_DESIRED_COUNT", "desiredCount", desiredCount, 0, 5000);
    checkOneOf(this, "SERVICE_SCHEDULING_STRATEGY", "schedulingStrategy", schedulingStrategy, ["REPLICA", "DAEMON"]);
    // Autoscaling would pull a count above its maximum straight back down on the first evaluation.
    checkMinMax(
      this,
      "SERVICE_DESIRED_ABOVE_MAX",
      "desiredCount",
      props.desiredCount,
      "autoScaling.maxCapacity",
      props.autoScaling?.maxCapacity,
    );
    checkIntegerRange(this, "SERVICE_GRACE_PERIOD", "healthCheckGracePeriodSeconds", gracePeriod, 0, 2147483647, "seconds");
    checkOneOf(this, "SERVICE_PROPAGATE_TAGS", "propagateTags", propagateTags, ["SERVICE", "TASK_DEFINITION", "NONE"]);
    const taskDefinitionChanges = props.taskDefinitionChanges ?? "terraform";
    checkOneOf(this, "SERVICE_TASK_DEFINITION_CHANGES", "taskDefinitionChanges", taskDefinitionChanges, ["terraform", "ignore"]);
    if (td.compatibility === "EXTERNAL") {
      fail(this, {
        code: "SERVICE_EXTERNAL_TASK",
        property: "taskDefinition.compatibility",
        value: "EXTERNAL",
        allowed: '"FARGATE" or "EC2" (an EXTERNAL task definition runs on ECS Anywhere instances: use ExternalService)',
      });
    }
    if (td.networkMode !== "awsvpc") {
      fail(this, {
        code: "SERVICE_NETWORK_MODE",
        property: "taskDefinition.networkMode",
        value: td.networkMode,
        allowed: '"awsvpc" (each task gets its own network interface and the service its own security group)',
      });
    }
    if (props.healthCheckGracePeriodSeconds !== undefined && !loadBalanced) {
      fail(this, {
        code: "SERVICE_GRACE_PERIOD_WITHOUT_LB",
        property: "healthCheckGracePeriodSeconds",
        value: props.healthCheckGracePeriodSeconds,
        allowed: "no grace period on a service without a load balancer",
      });
    }
    if (props.loadBalancer && props.networkLoadBalancer) {
      fail(this, {
        code: "SERVICE_TWO_LOAD_BALANCERS",
        property: "networkLoadBalancer",
        value: "both loadBalancer and networkLoadBalancer",
        allowed: "one of loadBalancer and networkLoadBalancer",
      });
    }
    if (daemon) this.checkDaemon(props, td);
    else this.checkCapacity(strategy, td);
    checkPlacement(this, "placement", placement, td.compatibility);
    const subnetIds = this.subnets(subnetTier, assignPublicIp, td);
    this.checkEbsVolume(props, td, deployment);
    this.checkRedeployOn(props.redeployOn, deployment);
    if (props.autoScaling) checkAutoScaling(this, "autoScaling", props.autoScaling, props.loadBalancer !== undefined);
    if (alarmsEnabled) checkServiceAlarms(this, "alarms", alarmOptions);
    this.checkDeployment(deployment, props, daemon);
    const latticePorts = props.vpcLattice ? this.checkVpcLattice(props.vpcLattice, td, deployment) : {};
    const rebalancing = this.rebalancing(props, deployment, daemon, subnetIds, placement);

    this.serviceName = props.name;
    this.taskDefinition = td;
    this.securityGroup = new SecurityGroup(this, "SecurityGroup", {
      vpcId: network.vpcId,
      name: `${props.name}-service`,
      description: `ECS service ${props.name}: only its load balancer and named peers get in`,
      allowAllOutbound,
      // In a dual-stack network "any outbound connection" includes IPv6 (through the egress-only gateway).
      allowAllIpv6Outbound: network.ipv6CidrBlock !== undefined,
      tags,
    });
    this.connections = this.securityGroup.connections;

    if (enableExec) {
      td.enableExec(props.cluster.execAudit);
      if (td.hasReadonlyRootFilesystem) {
        warn(
          this,
          "SERVICE_EXEC_READONLY_ROOT",
          "ECS Exec's agent needs a writable root filesystem: set readonlyRootFilesystem: false on the container to exec into, or mount scratch volumes at /managed-agents, /var/lib/amazon/ssm and /var/log/amazon/ssm.",
        );
      }
    }

    // Destroy removes the service before the cluster lets go of the capacity providers it uses.
    const dependsOn: ITerraformDependable[] = props.cluster.capacityProviderAssociation ? [props.cluster.capacityProviderAssociation] : [];
    // First tasks start only once their roles' policies and their subnets' routes and endpoints exist:
    // otherwise they fail with AccessDenied or cannot pull, and can trip a new service's circuit breaker.
    dependsOn.push(...td.rolePermissions, ...network.subnetConnectivity[subnetTier]);
    // Load balancing: target group, listener rule or listener, and the way in through the security group.
    // The listener rule (or NLB listener) lives under the listener, named after the service. A service
    // with id `Default` (the primary child of a pattern, hidden from addresses by cdktf) names it after
    // its parent, so wrapping a service in a pattern keeps every address.
    const ruleId = id === "Default" ? scope.node.id : id;
    const target = { scope: this, ruleId, name: props.name, network, taskDefinition: td, connections: this.connections, tags };
    const attachment = props.loadBalancer
      ? attachToApplicationLoadBalancer(target, props.loadBalancer)
      : props.networkLoadBalancer
        ? attachToNetworkLoadBalancer(target, props.networkLoadBalancer)
        : undefined;
    if (attachment) {
      this.trafficPort = attachment.port;
      this.targetGroup = attachment.targetGroup;
      dependsOn.push(...attachment.targetGroup.attachments);
    } else if (td.containers.some((c) => c.portMappings.length > 0)) {
      this.trafficPort = td.selectPort(this, "taskDefinition", {});
    }

    // One infrastructure role per service, for whatever ECS manages on its behalf (EBS volumes, TLS certificates).
    const tlsEndpoints = (props.serviceConnect?.endpoints ?? []).filter((e) => e.tls !== undefined);
    const needsVolumeRole = props.ebsVolume !== undefined && props.ebsVolume.roleArn === undefined;
    const needsTlsRole = needsInfrastructureRoleForTls(props.serviceConnect?.endpoints ?? []);
    const needsLatticeRole = props.vpcLattice !== undefined && props.vpcLattice.roleArn === undefined;
    const infrastructureRole =
      needsVolumeRole || needsTlsRole || needsLatticeRole
        ? new InfrastructureRole(this, "InfrastructureRole", {
            name: props.name,
            volumes: needsVolumeRole,
            serviceConnectTls: needsTlsRole,
            vpcLattice: needsLatticeRole,
            volumeKmsKeyArns: needsVolumeRole && props.ebsVolume?.kmsKeyArn ? [props.ebsVolume.kmsKeyArn] : [],
            tlsKmsKeyArns: tlsEndpoints.flatMap((e) => (e.tls?.roleArn === undefined && e.tls?.kmsKeyArn ? [e.tls.kmsKeyArn] : [])),
            tags,
            roleOptions: props.roleOptions,
          })
        : undefined;
    if (infrastructureRole) dependsOn.push(...infrastructureRole.attachments);
    this.infrastructureRole = infrastructureRole;
    if (props.vpcLattice?.prefixListId !== undefined) {
      const prefixListId = props.vpcLattice.prefixListId;
      for (const port of new Set(Object.values(latticePorts))) {
        this.connections.allowFrom(Peer.prefixList(prefixListId, "vpc-lattice"), Port.tcp(port), `VPC Lattice on ${port}`);
      }
    }
    const serviceConnect =
      props.serviceConnect && this.renderServiceConnect(props.serviceConnect, props.cluster, infrastructureRole?.roleArn);
    if (props.cloudMapDiscovery) {
      const namespace = this.namespace(props.cloudMapDiscovery.namespace, props.cluster, "cloudMapDiscovery.namespace");
      if (namespace.namespaceType !== "DNS_PRIVATE") {
        fail(this, {
          code: "CLOUD_MAP_NAMESPACE_TYPE",
          property: "cloudMapDiscovery.namespace",
          value: namespace.namespaceType,
          allowed: "a DNS_PRIVATE namespace (HTTP namespaces have no DNS)",
        });
      }
      this.cloudMapService = new CloudMapService(this, "CloudMap", {
        name: props.cloudMapDiscovery.name,
        namespace,
        dnsTtlSeconds: props.cloudMapDiscovery.dnsTtlSeconds,
        tags,
      });
    }

    if (alarmsEnabled) {
      // Created before the service and keyed on its name (not its attribute), so the service's
      // deployment can name them without a dependency cycle and they exist when it starts.
      this.alarms = new ServiceAlarms(this, "Alarms", {
        ...alarmOptions,
        name: props.name,
        clusterName: props.cluster.clusterName,
        serviceName: props.name,
        loadBalancer: attachment?.alarmLoadBalancer,
        tags,
      });
    } else {
      warn(this, "SERVICE_ALARMS_OFF", `Alarms are off for service ${props.name}: nobody hears about failing tasks or 5xx responses.`);
    }

    const rolling = deployment.type === "rolling" ? deployment : undefined;
    const ownRollbackAlarms = rolling && rolling.rollbackAlarmNames === undefined && !daemon && this.alarms !== undefined;
    const rollbackAlarmNames = ownRollbackAlarms ? (this.alarms?.deploymentAlarmNames ?? []) : (rolling?.rollbackAlarmNames ?? []);
    // ECS looks the alarms up when a deployment starts: they must exist first.
    if (ownRollbackAlarms) dependsOn.push(...(this.alarms?.deploymentAlarms ?? []));
    checkUnique(this, "SERVICE_ROLLBACK_ALARM_DUPLICATE", "deployment.rollbackAlarmNames", rollbackAlarmNames);
    const ignoreChanges = [
      ...(props.autoScaling ? ["desired_count"] : []),
      // CodeDeploy registers task sets and moves the load balancer between target groups.
      ...(rolling ? [] : ["task_definition", "load_balancer"]),
      // A pipeline deploys revisions itself (CI-driven delivery).
      ...(rolling && taskDefinitionChanges === "ignore" ? ["task_definition"] : []),
    ];
    if (taskDefinitionChanges === "ignore") {
      // A replaced revision stays ACTIVE instead of being deregistered, so the pipeline's rollbacks
      // (and ECS's circuit breaker) can still go back to it.
      td.resource.skipDestroy = true;
    }
    this.resource = new EcsService(this, "Resource", {
      name: props.name,
      cluster: props.cluster.clusterArn,
      taskDefinition: td.taskDefinitionArn,
      desiredCount,
      // A daemon service runs on the cluster's EC2 instances by launch type: ECS refuses a capacity provider strategy for it.
      schedulingStrategy: daemon ? "DAEMON" : undefined,
      launchType: daemon ? "EC2" : undefined,
      capacityProviderStrategy: daemon
        ? undefined
        : strategy.map((item) => ({
            capacityProvider: item.capacityProvider,
            weight: item.weight ?? 1,
            base: item.base,
          })),
      networkConfiguration: { subnets: [...subnetIds], securityGroups: [this.securityGroup.securityGroupId], assignPublicIp },
      loadBalancer: attachment ? [attachment.block] : undefined,
      healthCheckGracePeriodSeconds: gracePeriod,
      deploymentController: { type: rolling ? "ECS" : "CODE_DEPLOY" },
      // The circuit breaker counts failures against the desired count, which a daemon service has not.
      deploymentCircuitBreaker:
        rolling && !daemon ? { enable: rolling.circuitBreaker ?? true, rollback: rolling.circuitBreaker ?? true } : undefined,
      deploymentMinimumHealthyPercent: rolling ? (rolling.minHealthyPercent ?? this.defaultMinHealthyPercent(daemon)) : undefined,
      deploymentMaximumPercent: rolling ? (rolling.maxPercent ?? (daemon ? 100 : Service.DEFAULT_MAX_PERCENT)) : undefined,
      alarms: rollbackAlarmNames.length > 0 ? { alarmNames: [...rollbackAlarmNames], enable: true, rollback: true } : undefined,
      // hashicorp/aws 5.x replaces the service when its capacity provider strategy changes unless
      // force_new_deployment is true (then it updates in place with a new deployment); `triggers`
      // (redeployOn) also only act with it. See docs/service.md, "What a plan does to running tasks".
      forceNewDeployment: rolling ? true : undefined,
      triggers: props.redeployOn && Object.keys(props.redeployOn).length > 0 ? { ...props.redeployOn } : undefined,
      availabilityZoneRebalancing: rebalancing === undefined ? undefined : rebalancing ? "ENABLED" : "DISABLED",
      volumeConfiguration:
        props.ebsVolume && td.ebsVolumeName
          ? renderVolumeConfiguration(
              td.ebsVolumeName,
              props.ebsVolume,
              props.ebsVolume.roleArn ?? (infrastructureRole as InfrastructureRole).roleArn,
              withName(props.name, tags),
            )
          : undefined,
      enableExecuteCommand: enableExec,
      enableEcsManagedTags: true,
      propagateTags,
      orderedPlacementStrategy: placement.strategies ? renderPlacementStrategies(placement.strategies) : undefined,
      placementConstraints: placement.constraints ? renderPlacementConstraints(placement.constraints) : undefined,
      serviceConnectConfiguration: serviceConnect,
      serviceRegistries: this.cloudMapService ? { registryArn: this.cloudMapService.serviceArn } : undefined,
      vpcLatticeConfigurations: props.vpcLattice
        ? renderVpcLattice(props.vpcLattice, props.vpcLattice.roleArn ?? (infrastructureRole as InfrastructureRole).roleArn)
        : undefined,
      waitForSteadyState: props.waitForSteadyState ?? false,
      tags: withName(props.name, tags),
      lifecycle: ignoreChanges.length > 0 ? { ignoreChanges } : undefined,
    });
    this.resource.dependsOn = dependsOnAll(dependsOn);
    this.serviceArn = this.resource.id;

    if (props.autoScaling) {
      this.autoScaling = new ServiceAutoScaling(this, "AutoScaling", {
        ...props.autoScaling,
        name: props.name,
        clusterName: props.cluster.clusterName,
        serviceName: this.resource.name,
        albResourceLabel: attachment?.albResourceLabel,
        tags,
      });
    }
    if (
      deployment.type === "blueGreen" &&
      props.loadBalancer &&
      attachment?.targetGroupProps &&
      this.targetGroup instanceof ApplicationTargetGroup
    ) {
      const lb = props.loadBalancer;
      const testListener: ApplicationListener =
        deployment.testListener ?? lb.listener.loadBalancer.addTestListener(deployment.testListenerPort as number);
      const serviceAlarms: AlarmRef[] = this.alarms
        ? this.alarms.alarmNames.map((alarmName, i) => ({ alarmName, alarmArn: this.alarms!.alarmArns[i] }))
        : [];
      this.blueGreen = new BlueGreenDeployment(this, "BlueGreen", {
        name: props.name,
        clusterName: props.cluster.clusterName,
        serviceName: this.resource.name,
        serviceArn: this.serviceArn,
        productionListener: lb.listener,
        testListener,
        blueTargetGroup: this.targetGroup,
        greenTargetGroupProps: { ...attachment.targetGroupProps, name: `${props.name}-green` },
        rule: { priority: lb.priority, hostHeaders: lb.hostHeaders, pathPatterns: lb.pathPatterns },
        config: deployment.config,
        terminationWaitMinutes: deployment.terminationWaitMinutes,
        approvalWaitMinutes: deployment.approvalWaitMinutes,
        rollbackAlarms: deployment.rollbackAlarms ?? serviceAlarms,
        passRoleArns: [td.executionRoleArn, td.taskRoleArn],
        tags,
        roleOptions: props.roleOptions,
      });
    }
  }

  /**
   * Lets `peer` (another service, a bastion's group) reach this service's tasks on the selected
   * port, e.g. a Service Connect client calling this server.
   */
  public allowFrom(peer: IConnectable, selector?: PortSelector): void {
    const port = selector ? this.taskDefinition.selectPort(this, "allowFrom", selector) : this.trafficPort;
    if (!port) {
      fail(this, {
        code: "SERVICE_HAS_NO_PORT",
        property: "allowFrom",
        value: this.taskDefinition.family,
        allowed: "a task definition with a port mapping",
      });
    }
    const sgPort = port.protocol === "udp" ? Port.udp(port.containerPort) : Port.tcp(port.containerPort);
    this.connections.allowFrom(peer, sgPort, `to ${port.containerName}:${port.containerPort}`);
  }

  private checkCapacity(strategy: readonly CapacityProviderStrategyItem[], td: TaskDefinition): void {
    if (strategy.length === 0) {
      fail(this, {
        code: "SERVICE_NO_CAPACITY",
        property: "capacityProviderStrategy",
        value: [],
        allowed: "a capacity provider strategy (the cluster has no default one)",
      });
    }
    validateCapacityProviderStrategy(this, "capacityProviderStrategy", strategy, this.cluster);
    const mismatched = strategy
      .map((item) => item.capacityProvider)
      .filter((name) => !isToken(name) && isFargateProvider(name) !== (td.compatibility === "FARGATE"));
    if (mismatched.length > 0) {
      fail(this, {
        code: "SERVICE_CAPACITY_COMPATIBILITY",
        property: "capacityProviderStrategy",
        value: mismatched,
        allowed:
          td.compatibility === "FARGATE"
            ? "FARGATE or FARGATE_SPOT for a Fargate task definition"
            : "EC2 capacity providers for an EC2 task definition",
      });
    }
  }

  private subnets(tier: SubnetTier, assignPublicIp: boolean, td: TaskDefinition): readonly string[] {
    const network = this.cluster.network;
    checkOneOf(this, "SERVICE_SUBNET_TIER", "subnetTier", tier, ["public", "private", "isolated"]);
    const ids = tier === "public" ? network.publicSubnetIds : tier === "private" ? network.privateSubnetIds : network.isolatedSubnetIds;
    if (!isToken(ids) && ids.length === 0) {
      fail(this, { code: "SERVICE_SUBNET_TIER", property: "subnetTier", value: tier, allowed: "a tier the network has subnets in" });
    }
    if (assignPublicIp && (tier !== "public" || td.compatibility !== "FARGATE")) {
      fail(this, {
        code: "SERVICE_PUBLIC_IP",
        property: "assignPublicIp",
        value: true,
        allowed: 'false unless the tasks run on Fargate in the "public" subnet tier',
      });
    }
    if (assignPublicIp)
      warn(
        this,
        "SERVICE_PUBLIC_IP_ASSIGNED",
        "Tasks get public IP addresses: only the security group stands between them and the internet.",
      );
    if (tier === "public" && !assignPublicIp) {
      warn(
        this,
        "SERVICE_PUBLIC_SUBNET_WITHOUT_IP",
        "Tasks in public subnets without public IPs cannot reach the internet (public subnets have no NAT): image pulls fail unless VPC endpoints cover them.",
      );
    }
    return ids;
  }

  private defaultMinHealthyPercent(daemon: boolean): number {
    return daemon ? Service.DEFAULT_DAEMON_MIN_HEALTHY_PERCENT : Service.DEFAULT_MIN_HEALTHY_PERCENT;
  }

  private checkDeployment(deployment: DeploymentOptions, props: ServiceProps, daemon: boolean): void {
    checkOneOf(this, "SERVICE_DEPLOYMENT_TYPE", "deployment.type", deployment.type, ["rolling", "blueGreen"]);
    if (deployment.type === "rolling") {
      const min = deployment.minHealthyPercent ?? this.defaultMinHealthyPercent(daemon);
      const max = deployment.maxPercent ?? (daemon ? 100 : Service.DEFAULT_MAX_PERCENT);
      checkIntegerRange(this, "SERVICE_DEPLOYMENT_PERCENT", "deployment.minHealthyPercent", min, 0, 100, "percent");
      // ECS refuses a daemon deployment above 100%: there is one task slot per instance.
      checkIntegerRange(this, "SERVICE_DEPLOYMENT_PERCENT", "deployment.maxPercent", max, 100, daemon ? 100 : 200, "percent");
      if (!isToken(min) && !isToken(max) && min >= max) {
        fail(this, {
          code: "SERVICE_DEPLOYMENT_NO_ROOM",
          property: "deployment.minHealthyPercent",
          value: min,
          allowed: `less than deployment.maxPercent (${max}), or no task can be replaced`,
        });
      }
      if (deployment.circuitBreaker !== undefined && daemon) {
        fail(this, {
          code: "DAEMON_CIRCUIT_BREAKER",
          property: "deployment.circuitBreaker",
          value: deployment.circuitBreaker,
          allowed: "no circuit breaker setting on a daemon service (its threshold counts against a desired count, which a daemon has not)",
        });
      }
      if (deployment.circuitBreaker === false) warnCircuitBreakerOff(this);
      if (
        deployment.rollbackAlarmNames !== undefined &&
        deployment.rollbackAlarmNames.length === 0 &&
        props.alarms?.enabled !== false &&
        !daemon
      )
        warn(
          this,
          "SERVICE_ALARM_ROLLBACK_OFF",
          "Alarm rollback is off (rollbackAlarmNames: []): a release that answers 5xx keeps running.",
        );
      return;
    }
    if (daemon) {
      fail(this, {
        code: "DAEMON_BLUE_GREEN",
        property: "deployment.type",
        value: "blueGreen",
        allowed: '"rolling" for a daemon service (CodeDeploy runs replica services only)',
      });
    }
    if (!props.loadBalancer) {
      fail(this, {
        code: "BLUE_GREEN_NEEDS_LOAD_BALANCER",
        property: "deployment",
        value: "blueGreen",
        allowed: props.networkLoadBalancer
          ? "a rolling deployment behind a network load balancer (blue/green here needs loadBalancer, an ALB)"
          : "blue/green only with loadBalancer set (CodeDeploy shifts traffic between two target groups)",
      });
    }
    if ((deployment.testListenerPort === undefined) === (deployment.testListener === undefined)) {
      fail(this, {
        code: "BLUE_GREEN_TEST_LISTENER",
        property: "deployment.testListenerPort",
        value: deployment.testListenerPort,
        allowed: "exactly one of testListenerPort and testListener",
      });
    }
    if (deployment.testListener && deployment.testListener.loadBalancer !== props.loadBalancer.listener.loadBalancer) {
      fail(this, {
        code: "BLUE_GREEN_TEST_LISTENER",
        property: "deployment.testListener",
        value: deployment.testListener.node.path,
        allowed: "a listener of the same load balancer as loadBalancer.listener",
      });
    }
    if (props.serviceConnect) {
      fail(this, {
        code: "BLUE_GREEN_SERVICE_CONNECT",
        property: "serviceConnect",
        value: "enabled",
        allowed: "no Service Connect with blue/green (ECS supports it only with the rolling deployment controller)",
      });
    }
    checkBlueGreen(this, "deployment", deployment);
  }

  private checkVpcLattice(options: VpcLatticeOptions, td: TaskDefinition, deployment: DeploymentOptions): Record<string, number> {
    if (deployment.type !== "rolling") {
      fail(this, {
        code: "VPC_LATTICE_DEPLOYMENT",
        property: "vpcLattice",
        value: deployment.type,
        allowed: "a rolling deployment (CodeDeploy blue/green shifts load balancer traffic only, not VPC Lattice target groups)",
      });
    }
    return checkVpcLattice(this, options, td);
  }

  private renderServiceConnect(options: ServiceConnectOptions, cluster: ICluster, infrastructureRoleArn?: string) {
    const endpoints = options.endpoints ?? [];
    const namespace = this.namespace(options.namespace, cluster, "serviceConnect.namespace");
    checkServiceConnect(this, "serviceConnect", endpoints);
    const resolved = endpoints.map((e, i) => {
      const port = this.taskDefinition.selectPort(this, `serviceConnect.endpoints[${i}]`, {
        portName: e.portName,
        containerName: this.containerWithPort(e.portName),
      });
      return { ...e, containerPort: port.containerPort, appProtocol: port.appProtocol };
    });
    checkResolvedEndpoints(this, "serviceConnect", resolved);
    return renderServiceConnect(
      namespace.namespaceArn,
      resolved,
      this.taskDefinition.awsLogsOptions("service-connect"),
      infrastructureRoleArn,
    );
  }

  /** A daemon service runs an EC2 task on every container instance: nothing that sizes or places a replica set applies. */
  private checkDaemon(props: ServiceProps, td: TaskDefinition): void {
    const refuse = (property: string, value: unknown, allowed: string) => fail(this, { code: "DAEMON_OPTION", property, value, allowed });
    if (td.compatibility !== "EC2")
      refuse(
        "taskDefinition.compatibility",
        td.compatibility,
        '"EC2" for a daemon service (Fargate has no instances to run one task on each)',
      );
    const names = props.cluster.capacityProviderNames;
    if (!isToken(names) && !names.some((name) => isToken(name) || !isFargateProvider(name)))
      refuse("cluster.capacityProviderNames", names, "a cluster with EC2 capacity providers for a daemon service");
    if (props.desiredCount !== undefined)
      refuse("desiredCount", props.desiredCount, "no desiredCount for a daemon service (one task per instance)");
    if (props.autoScaling) refuse("autoScaling", "set", "no auto scaling for a daemon service (it follows the instance count)");
    if (props.capacityProviderStrategy)
      refuse(
        "capacityProviderStrategy",
        props.capacityProviderStrategy,
        "no capacity provider strategy for a daemon service (ECS places it on every instance)",
      );
    if ((props.placement?.strategies ?? []).length > 0)
      refuse(
        "placement.strategies",
        props.placement?.strategies,
        "no placement strategies for a daemon service (constraints choose its instances)",
      );
  }

  private checkEbsVolume(props: ServiceProps, td: TaskDefinition, deployment: DeploymentOptions): void {
    if (props.ebsVolume === undefined) {
      if (td.ebsVolumeName !== undefined) {
        fail(this, {
          code: "EBS_VOLUME_NOT_CONFIGURED",
          property: "ebsVolume",
          value: undefined,
          allowed: `the EBS volume settings for volume ${td.ebsVolumeName}, which the task definition configures at launch`,
        });
      }
      return;
    }
    if (td.ebsVolumeName === undefined) {
      fail(this, {
        code: "EBS_VOLUME_NO_TASK_VOLUME",
        property: "ebsVolume",
        value: "set",
        allowed: "an ebsVolume only with a task definition that declares ebsVolumeName (the volume mounted into containers)",
      });
    }
    if (deployment.type !== "rolling") {
      fail(this, {
        code: "EBS_VOLUME_BLUE_GREEN",
        property: "ebsVolume",
        value: deployment.type,
        allowed: "managed EBS volumes with a rolling deployment only (ECS does not configure volumes for CodeDeploy task sets)",
      });
    }
    checkManagedEbsVolume(this, "ebsVolume", props.ebsVolume);
    if (props.ebsVolume.encrypted === false) warn(this, "SERVICE_EBS_UNENCRYPTED", `The EBS volumes of ${props.name} are not encrypted.`);
  }

  private checkRedeployOn(redeployOn: Record<string, string> | undefined, deployment: DeploymentOptions): void {
    if (redeployOn === undefined) return;
    if (deployment.type !== "rolling") {
      fail(this, {
        code: "REDEPLOY_ON_BLUE_GREEN",
        property: "redeployOn",
        value: Object.keys(redeployOn),
        allowed: "no redeployOn with a blue/green deployment (start a CodeDeploy deployment instead)",
      });
    }
    for (const [key, value] of Object.entries(redeployOn)) {
      if (typeof value !== "string") {
        fail(this, {
          code: "REDEPLOY_ON_VALUE",
          property: `redeployOn.${key}`,
          value,
          allowed: "a string (a version, digest or timestamp)",
        });
      }
    }
  }

  /** Whether to write `availability_zone_rebalancing`, and which way. */
  private rebalancing(
    props: ServiceProps,
    deployment: DeploymentOptions,
    daemon: boolean,
    subnetIds: readonly string[],
    placement: PlacementOptions,
  ): boolean | undefined {
    const requested = props.availabilityZoneRebalancing;
    const unsupported = daemon ? "a daemon service" : deployment.type !== "rolling" ? "a blue/green (CodeDeploy) service" : undefined;
    if (unsupported) {
      if (requested === true) {
        fail(this, {
          code: "AZ_REBALANCING_UNSUPPORTED",
          property: "availabilityZoneRebalancing",
          value: true,
          allowed: `false or unset for ${unsupported} (ECS rebalances rolling replica services only)`,
        });
      }
      return undefined;
    }
    if (requested !== undefined) return requested;
    const multiAz = isToken(subnetIds) ? this.cluster.network.availabilityZones.length > 1 : subnetIds.length > 1;
    const first = placement.strategies?.[0];
    const spreadsAzs = first === undefined || (first.type === "spread" && first.field === "attribute:ecs.availability-zone");
    return multiAz && spreadsAzs;
  }

  /** The container that owns port `portName` (port names are unique per task), else the default one for the error message. */
  private containerWithPort(portName: string): string {
    return (
      this.taskDefinition.containers.find((c) => c.portMappings.some((p) => p.name === portName))?.name ??
      this.taskDefinition.defaultContainerName
    );
  }

  private namespace(given: INamespace | undefined, cluster: ICluster, property: string): INamespace {
    const namespace = given ?? cluster.defaultNamespace;
    if (!namespace)
      fail(this, {
        code: "SERVICE_NO_NAMESPACE",
        property,
        value: undefined,
        allowed: "a namespace, or a cluster with a default namespace",
      });
    return namespace;
  }
}
