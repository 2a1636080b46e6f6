import type { ITerraformDependable } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { checkArn } from "../core/arn";
import { ExecAuditAttributes, execAuditStatements } from "../core/exec-audit";
import { fail, isToken } from "../core/errors";
import type { IGrantable } from "../core/grant";
import { PolicyStatement } from "../core/iam";
import { LOG_RETENTION_DAYS } from "../core/log-retention";
import { checkName, NameRules } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange, checkOneOf, checkUnique } from "../core/validate";
import { checkContainer, ContainerOptions, containerSecrets, DEFAULT_STOP_TIMEOUT_SECONDS, renderContainerDefinition } from "./container";
import { describeFargateMemory, isFargateSize } from "./fargate-sizes";
import { checkRoleOptions, Role, RoleOptions } from "../core/role";
import { EXEC_STATEMENT } from "./role-statements";
import { ContainerInfo, ITaskDefinition } from "./types";
import { checkEfsVolume, EfsVolumeOptions, efsStatements, renderVolumes } from "./volumes";
import { createWorkloadLogs } from "./workload-resources";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** The launch type a task definition is registered for: Fargate (serverless), EC2 capacity, or ECS Anywhere's external (on-premises) instances. */
export type Compatibility = "FARGATE" | "EC2" | "EXTERNAL";
/** How tasks are networked: own ENI (`awsvpc`), Docker bridge with port mapping, or the instance's network. */
export type NetworkMode = "awsvpc" | "bridge" | "host";
/** The CPU architecture the images are built for. */
export type CpuArchitecture = "X86_64" | "ARM64";

/** The platform tasks run on (Linux only on Fargate). */
export interface RuntimePlatform {
  /** ARM64 (Graviton) is cheaper per vCPU; the images must be built for it. @default "X86_64" */
  readonly cpuArchitecture?: CpuArchitecture;
}

/** Which container and port a load balancer or Service Connect sends traffic to. */
export interface PortSelector {
  /** The container traffic goes to. @default - the task definition's default container */
  readonly containerName?: string;
  /** A port mapping name (`portMappings[].name`). @default - the container's first port */
  readonly portName?: string;
  /** A container port; an alternative to `portName`. @default - the container's first port */
  readonly containerPort?: number;
}

/** A resolved {@link PortSelector}. */
export interface SelectedPort {
  /** The container traffic goes to. */
  readonly containerName: string;
  /** The port the container listens on. */
  readonly containerPort: number;
  /** The port's transport protocol. */
  readonly protocol: "tcp" | "udp";
  /** The port mapping's name, when it has one (Service Connect needs it). */
  readonly name?: string;
  /** The port's application protocol, when set. */
  readonly appProtocol?: "http" | "http2" | "grpc";
}

/**
 * The props a task definition and a Batch job definition (which runs as an ECS task) share: task
 * storage, the log group, tags and the roles.
 */
export interface WorkloadDefinitionOptions {
  /** Fargate task storage in GiB, 21 to 200. @default - 20 GiB, Fargate's free amount */
  readonly ephemeralStorageGiB?: number;
  /** Days the container logs are kept. @default 30 */
  readonly logRetentionDays?: number;
  /** KMS key ARN that encrypts the log group (its key policy must allow CloudWatch Logs). @default - CloudWatch Logs' own encryption */
  readonly logKmsKeyArn?: string;
  /** Tags for the definition, its log group and roles. @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Permissions boundary and path of the IAM roles the construct creates (the execution role and the task or job role).
   * @default - the stack's `RoleDefaults` (none unless the stack declares them)
   */
  readonly roleOptions?: RoleOptions;
}

/** Properties of a {@link TaskDefinition}. */
export interface TaskDefinitionProps extends WorkloadDefinitionOptions {
  /** Task family, e.g. `acme-dev-web`; also names the log group and roles. */
  readonly name: string;
  /**
   * The launch type the task definition is registered for. `EXTERNAL` (ECS Anywhere) takes `bridge` or
   * `host` networking only and no EFS volumes, EBS volume or ephemeral storage.
   * @default "FARGATE"
   */
  readonly compatibility?: Compatibility;
  /** Only `awsvpc` on Fargate; `bridge` or `host` on `EXTERNAL`. @default "awsvpc" ("bridge" for EXTERNAL) */
  readonly networkMode?: NetworkMode;
  /** Task CPU units (1024 = one vCPU); on Fargate one of 256, 512, 1024, 2048, 4096, 8192, 16384. @default 256 */
  readonly cpu?: number;
  /** Task memory in MiB; on Fargate a size the Fargate table allows with `cpu`. @default 512 */
  readonly memoryMiB?: number;
  /** CPU architecture (and, on Fargate, Linux) the tasks run on. @default { cpuArchitecture: "X86_64" } */
  readonly runtimePlatform?: RuntimePlatform;
  /** The containers, by name. At least one; at least one must be essential. */
  readonly containers: Record<string, ContainerOptions>;
  /**
   * The container load balancers and Service Connect use unless told otherwise.
   * @default - the first container with a port mapping, else the first container
   */
  readonly defaultContainerName?: string;
  /** EFS volumes by volume name. @default {} */
  readonly efsVolumes?: Record<string, EfsVolumeOptions>;
  /** Task-storage volumes (shared by the containers, gone with the task), e.g. for `/tmp` under a read-only root. @default [] */
  readonly scratchVolumes?: readonly string[];
  /**
   * Name of a volume whose Amazon EBS volume is configured at launch (`configure_at_launch`): the
   * service's `ebsVolume` sets its size, type and encryption. ECS attaches at most one per task.
   * @default - none
   */
  readonly ebsVolumeName?: string;
  /** Name of the CloudWatch log group the task definition creates for its containers. @default `/ecs/<name>` */
  readonly logGroupName?: string;
  /**
   * Region for the `awslogs` driver.
   * @default - the region of the stack's aws provider (a `data.aws_region`, which makes no API call)
   */
  readonly region?: string;
}

/**
 * An ECS task definition with typed containers, its own log group, and two separate roles: an
 * execution role that can read exactly the images, log group and secrets the containers use, and a
 * task role for the application that starts with no permissions.
 */
export class TaskDefinition extends Construct implements ITaskDefinition, IGrantable {
  /** CPU units when none are given: a quarter vCPU, Fargate's smallest size. */
  public static readonly DEFAULT_CPU = 256;
  /** Memory in MiB when none is given: the smallest Fargate allows with 256 CPU units. */
  public static readonly DEFAULT_MEMORY_MIB = 512;
  /** Days container logs are kept: a month of history without paying to keep logs forever. */
  public static readonly DEFAULT_LOG_RETENTION_DAYS = 30;
  /** Seconds between SIGTERM and SIGKILL: Fargate's maximum, which covers the Fargate Spot two-minute notice. */
  public static readonly DEFAULT_STOP_TIMEOUT_SECONDS = DEFAULT_STOP_TIMEOUT_SECONDS;

  public readonly family: string;
  public readonly taskDefinitionArn: string;
  public readonly compatibility: Compatibility;
  public readonly networkMode: NetworkMode;
  /** Task CPU units (1024 = one vCPU). */
  public readonly cpu: number;
  /** Task memory in MiB. */
  public readonly memoryMiB: number;
  public readonly containers: readonly ContainerInfo[];
  public readonly defaultContainerName: string;
  /** Name of the log group the containers write to. */
  public readonly logGroupName: string;
  /** ARN of the log group the containers write to. */
  public readonly logGroupArn: string;
  /** Region the containers log to (a token by default). */
  public readonly region: string;
  /** The role ECS uses to pull images, write logs and read secrets; never assumed by the application. */
  public readonly executionRole: Role;
  /** The role the application runs with; starts with no permissions (add them with {@link grant}). */
  public readonly taskRole: Role;
  /** The task definition resource, for escape hatches. */
  public readonly resource: EcsTaskDefinition;
  /** True when any container keeps its root filesystem read-only (ECS Exec cannot start its agent there). */
  public readonly hasReadonlyRootFilesystem: boolean;
  /** The volume configured at launch with an EBS volume, when the task definition has one. */
  public readonly ebsVolumeName?: string;
  private execEnabled = false;
  private readonly execAuditKeys = new Set<string>();

  constructor(scope: Construct, id: string, props: TaskDefinitionProps) {
    super(scope, id);
    checkRequiredProps(this, "TaskDefinitionProps", props, {
      name: K.string,
      containers: K.record("containers by name", { image: K.reference("a ContainerImage", "imageName") }),
    });
    const compatibility = props.compatibility ?? "FARGATE";
    const external = compatibility === "EXTERNAL";
    // External instances have no VPC network interfaces for awsvpc; Docker's bridge is ECS Anywhere's usual mode.
    const networkMode = props.networkMode ?? (external ? "bridge" : "awsvpc");
    const cpu = props.cpu ?? TaskDefinition.DEFAULT_CPU;
    const memoryMiB = props.memoryMiB ?? TaskDefinition.DEFAULT_MEMORY_MIB;
    const cpuArchitecture = props.runtimePlatform?.cpuArchitecture ?? "X86_64";
    const efsVolumes = props.efsVolumes ?? {};
    const scratchVolumes = props.scratchVolumes ?? [];
    const logRetentionDays = props.logRetentionDays ?? TaskDefinition.DEFAULT_LOG_RETENTION_DAYS;
    const logGroupName = props.logGroupName ?? `/ecs/${props.name}`;
    const containerNames = Object.keys(props.containers);

    checkName(this, "TASK_FAMILY", "name", props.name, NameRules.ecs);
    checkName(this, "LOG_GROUP_NAME", "logGroupName", logGroupName, NameRules.logGroup);
    checkTags(this, "tags", props.tags);
    checkRoleOptions(this, "roleOptions", props.roleOptions);
    checkArn(this, "LOG_KMS_KEY", "logKmsKeyArn", props.logKmsKeyArn, "kmsKey");
    checkOneOf(this, "TASK_COMPATIBILITY", "compatibility", compatibility, ["FARGATE", "EC2", "EXTERNAL"]);
    checkOneOf(
      this,
      "TASK_NETWORK_MODE",
      "networkMode",
      networkMode,
      compatibility === "FARGATE" ? ["awsvpc"] : external ? ["bridge", "host"] : ["awsvpc", "bridge", "host"],
    );
    if (external) this.checkExternal(props);
    checkOneOf(this, "TASK_CPU_ARCHITECTURE", "runtimePlatform.cpuArchitecture", cpuArchitecture, ["X86_64", "ARM64"]);
    checkOneOf(this, "LOG_RETENTION", "logRetentionDays", logRetentionDays, LOG_RETENTION_DAYS);
    this.checkSize(compatibility, cpu, memoryMiB);
    if (props.ephemeralStorageGiB !== undefined && compatibility !== "FARGATE") {
      fail(this, {
        code: "EPHEMERAL_STORAGE_FARGATE_ONLY",
        property: "ephemeralStorageGiB",
        value: props.ephemeralStorageGiB,
        allowed: `no ephemeralStorageGiB on ${compatibility} (size the instance volume instead)`,
      });
    }
    checkIntegerRange(this, "EPHEMERAL_STORAGE", "ephemeralStorageGiB", props.ephemeralStorageGiB, 21, 200, "GiB");
    const ebsVolumes = props.ebsVolumeName === undefined ? [] : [props.ebsVolumeName];
    const volumeNames = [...Object.keys(efsVolumes), ...scratchVolumes, ...ebsVolumes];
    this.checkContainers(props.containers, { compatibility, networkMode, cpu, memoryMiB }, volumeNames);
    checkUnique(this, "VOLUME_NAME_DUPLICATE", props.ebsVolumeName === undefined ? "scratchVolumes" : "ebsVolumeName", volumeNames);
    for (const [name, volume] of Object.entries(efsVolumes)) checkEfsVolume(this, `efsVolumes.${name}`, volume);

    this.family = props.name;
    this.ebsVolumeName = props.ebsVolumeName;
    this.compatibility = compatibility;
    this.networkMode = networkMode;
    this.cpu = cpu;
    this.memoryMiB = memoryMiB;
    this.hasReadonlyRootFilesystem = Object.values(props.containers).some((c) => c.readonlyRootFilesystem ?? true);
    this.containers = containerNames.map((name) => ({
      name,
      portMappings: (props.containers[name].portMappings ?? []).map((p) => ({
        name: p.name,
        containerPort: p.containerPort,
        protocol: p.protocol ?? "tcp",
        appProtocol: p.appProtocol,
      })),
    }));
    this.defaultContainerName = this.pickDefaultContainer(props.defaultContainerName);
    this.region = props.region ?? new DataAwsRegion(this, "Region").name;

    const containers = Object.values(props.containers);
    const { logGroup, executionRole } = createWorkloadLogs(this, {
      props,
      logGroupName,
      logRetentionDays,
      executionRoleName: `${props.name}-execution`,
      executionRoleDescription: `ECS pulls images, writes logs and reads secrets for ${props.name} with this role`,
      images: containers.map((c) => c.image),
      secrets: containers.flatMap((c) => containerSecrets(c)),
      environmentFileArns: containers.flatMap((c) => c.environmentFiles ?? []),
    });
    this.logGroupName = logGroup.name;
    this.logGroupArn = logGroup.arn;
    this.executionRole = executionRole;

    this.taskRole = new Role(this, "TaskRole", {
      name: `${props.name}-task`,
      assumedBy: "ecs-tasks.amazonaws.com",
      description: `The ${props.name} application runs with this role`,
      tags: props.tags,
      ...props.roleOptions,
    });
    for (const statement of efsStatements(efsVolumes)) this.taskRole.addToPolicy(statement);

    const renderContext = { networkMode, logGroupName: logGroup.name, region: this.region };
    this.resource = new EcsTaskDefinition(this, "Resource", {
      family: props.name,
      requiresCompatibilities: [compatibility],
      networkMode,
      cpu: String(cpu),
      memory: String(memoryMiB),
      executionRoleArn: this.executionRole.roleArn,
      taskRoleArn: this.taskRole.roleArn,
      runtimePlatform: compatibility === "FARGATE" ? { cpuArchitecture, operatingSystemFamily: "LINUX" } : { cpuArchitecture },
      ephemeralStorage: props.ephemeralStorageGiB === undefined ? undefined : { sizeInGib: props.ephemeralStorageGiB },
      containerDefinitions: JSON.stringify(
        containerNames.map((name) => renderContainerDefinition(name, props.containers[name], renderContext)),
      ),
      volume: renderVolumes(efsVolumes, scratchVolumes, ebsVolumes),
      tags: withName(props.name, props.tags),
    });
    this.taskDefinitionArn = this.resource.arn;
  }

  /**
   * The execution and task roles' permissions: a service depends on them so its first tasks never
   * start before ECS may pull their images and the application may use its grants (they would fail
   * with AccessDenied and could trip the deployment circuit breaker of a new service).
   */
  public get rolePermissions(): ITerraformDependable[] {
    return [this.executionRole.permissions, this.taskRole.permissions];
  }

  public get executionRoleArn(): string {
    return this.executionRole.roleArn;
  }

  public get taskRoleArn(): string {
    return this.taskRole.roleArn;
  }

  /** True once {@link enableExec} has been called. */
  public get isExecEnabled(): boolean {
    return this.execEnabled;
  }

  /**
   * Adds a statement to the application's (task) role, as `IGrantable`: resources' `grantXxx(taskDefinition)`
   * methods call this. Prefer those, or {@link grant}, which refuses `*`.
   */
  public addToPrincipalPolicy(statement: PolicyStatement): void {
    this.taskRole.addToPolicy(statement);
  }

  /** Lets the application call `actions` on exactly `resourceArns` (no `*`). */
  public grant(actions: readonly string[], resourceArns: readonly string[], sid?: string): void {
    if (actions.length === 0) fail(this, { code: "GRANT_NO_ACTIONS", property: "actions", value: actions, allowed: "at least one action" });
    if (resourceArns.length === 0 || resourceArns.some((arn) => !isToken(arn) && (arn === "*" || !arn.startsWith("arn:")))) {
      fail(this, {
        code: "GRANT_RESOURCE_NOT_ARN",
        property: "resourceArns",
        value: resourceArns,
        allowed: 'one or more ARNs, no "*" (use addToPrincipalPolicy for actions without resource-level permissions)',
      });
    }
    this.taskRole.addToPolicy({ sid, actions, resources: resourceArns });
  }

  /**
   * Gives the task role the Session Manager channels ECS Exec uses and, for a cluster that audits
   * sessions, its session key and log destinations. Idempotent per cluster audit configuration.
   */
  public enableExec(audit?: ExecAuditAttributes): void {
    if (!this.execEnabled) {
      this.execEnabled = true;
      this.taskRole.addToPolicy(EXEC_STATEMENT);
    }
    if (audit && !this.execAuditKeys.has(audit.kmsKeyArn)) {
      this.execAuditKeys.add(audit.kmsKeyArn);
      for (const statement of execAuditStatements(audit)) this.taskRole.addToPolicy(statement);
    }
  }

  /** The `awslogs` settings for a sidecar ECS adds itself (e.g. the Service Connect proxy). */
  public awsLogsOptions(streamPrefix: string): Record<string, string> {
    return { "awslogs-group": this.logGroupName, "awslogs-region": this.region, "awslogs-stream-prefix": streamPrefix };
  }

  /**
   * Resolves which container and port traffic goes to; fails on `scope` (the caller) naming
   * `property` when the container or port does not exist.
   */
  public selectPort(scope: IConstruct, property: string, selector: PortSelector = {}): SelectedPort {
    const containerName = selector.containerName ?? this.defaultContainerName;
    const container = this.containers.find((c) => c.name === containerName);
    if (!container) {
      fail(scope, {
        code: "UNKNOWN_CONTAINER",
        property: `${property}.containerName`,
        value: containerName,
        allowed: `a container of task ${this.family}: ${this.containers.map((c) => c.name).join(", ")}`,
      });
    }
    const ports = container.portMappings;
    const describe = (by: "name" | "containerPort") =>
      ports
        .map((p) => (by === "name" ? p.name : p.containerPort))
        .filter((x) => x !== undefined)
        .join(", ") || "(none)";
    let port: (typeof ports)[number] | undefined;
    if (selector.portName !== undefined) {
      port = ports.find((p) => p.name === selector.portName);
      if (!port)
        fail(scope, {
          code: "UNKNOWN_PORT_NAME",
          property: `${property}.portName`,
          value: selector.portName,
          allowed: `a port name of container ${containerName}: ${describe("name")}`,
        });
    } else if (selector.containerPort !== undefined) {
      port = ports.find((p) => p.containerPort === selector.containerPort);
      if (!port)
        fail(scope, {
          code: "UNKNOWN_CONTAINER_PORT",
          property: `${property}.containerPort`,
          value: selector.containerPort,
          allowed: `a port container ${containerName} maps: ${describe("containerPort")}`,
        });
    } else {
      port = ports[0];
      if (!port)
        fail(scope, {
          code: "CONTAINER_HAS_NO_PORT",
          property: `${property}.containerName`,
          value: containerName,
          allowed: "a container with at least one port mapping",
        });
    }
    return { containerName, containerPort: port.containerPort, protocol: port.protocol, name: port.name, appProtocol: port.appProtocol };
  }

  /** ECS Anywhere's limits that the other checks do not already cover: no EFS and no EBS volumes on external instances. */
  private checkExternal(props: TaskDefinitionProps): void {
    const efs = Object.keys(props.efsVolumes ?? {});
    if (efs.length > 0) {
      fail(this, {
        code: "EXTERNAL_UNSUPPORTED",
        property: "efsVolumes",
        value: efs,
        allowed: "no EFS volumes on EXTERNAL (ECS Anywhere does not mount Amazon EFS; use a host path or a scratch volume)",
      });
    }
    if (props.ebsVolumeName !== undefined) {
      fail(this, {
        code: "EXTERNAL_UNSUPPORTED",
        property: "ebsVolumeName",
        value: props.ebsVolumeName,
        allowed: "no EBS volume configured at launch on EXTERNAL (ECS attaches EBS volumes to Fargate and EC2 tasks only)",
      });
    }
  }

  private checkSize(compatibility: Compatibility, cpu: number, memoryMiB: number): void {
    if (isToken(cpu) || isToken(memoryMiB)) return;
    if (compatibility === "FARGATE" && !isFargateSize(cpu, memoryMiB)) {
      fail(this, {
        code: "FARGATE_SIZE",
        property: "memoryMiB",
        value: { cpu, memoryMiB },
        allowed: `a Fargate size: ${describeFargateMemory(cpu)}`,
      });
    }
    checkIntegerRange(this, "TASK_CPU", "cpu", cpu, 128, 196608, "CPU units");
    checkIntegerRange(this, "TASK_MEMORY", "memoryMiB", memoryMiB, 128, 983040, "MiB");
  }

  private checkContainers(
    containers: Record<string, ContainerOptions>,
    task: { compatibility: Compatibility; networkMode: NetworkMode; cpu: number; memoryMiB: number },
    volumeNames: string[],
  ): void {
    const entries = Object.entries(containers);
    if (entries.length === 0)
      fail(this, { code: "NO_CONTAINERS", property: "containers", value: containers, allowed: "at least one container" });
    if (entries.length > 10)
      fail(this, {
        code: "TOO_MANY_CONTAINERS",
        property: "containers",
        value: entries.length,
        allowed: "at most 10 containers per task definition",
      });
    if (!entries.some(([, c]) => c.essential ?? true)) {
      fail(this, {
        code: "NO_ESSENTIAL_CONTAINER",
        property: "containers",
        value: entries.map(([n]) => n),
        allowed: "at least one essential container",
      });
    }
    const context = {
      ...task,
      containerNames: entries.map(([n]) => n),
      containersWithHealthCheck: entries.filter(([, c]) => c.healthCheck !== undefined).map(([n]) => n),
      volumeNames,
      hasLogRouter: entries.some(([, c]) => c.firelens !== undefined),
    };
    for (const [name, options] of entries) checkContainer(this, name, options, context);
    if (entries.filter(([, c]) => c.firelens !== undefined).length > 1) {
      fail(this, {
        code: "FIRELENS_MORE_THAN_ONE",
        property: "containers",
        value: entries.filter(([, c]) => c.firelens).map(([n]) => n),
        allowed: "at most one FireLens log router",
      });
    }

    const ports = entries.flatMap(([, c]) => c.portMappings ?? []);
    checkUnique(
      this,
      "PORT_NAME_DUPLICATE",
      "containers.*.portMappings.name",
      ports.flatMap((p) => (p.name === undefined ? [] : [p.name])),
    );
    // In awsvpc and host modes all containers share one network namespace, so a port can be bound once.
    if (task.networkMode !== "bridge") {
      checkUnique(
        this,
        "CONTAINER_PORT_DUPLICATE",
        "containers.*.portMappings.containerPort",
        ports.map((p) => `${p.containerPort}/${p.protocol ?? "tcp"}`),
      );
    }
    const sum = (pick: (c: ContainerOptions) => number | undefined) => entries.reduce((total, [, c]) => total + (pick(c) ?? 0), 0);
    const memory = sum((c) => c.memoryReservationMiB ?? c.memoryLimitMiB);
    if (!isToken(memory) && memory > task.memoryMiB) {
      fail(this, {
        code: "CONTAINER_MEMORY_ABOVE_TASK",
        property: "containers.*.memoryReservationMiB",
        value: memory,
        allowed: `a total of at most the task's memoryMiB (${task.memoryMiB})`,
      });
    }
    const cpu = sum((c) => c.cpu);
    if (!isToken(cpu) && cpu > task.cpu) {
      fail(this, {
        code: "CONTAINER_CPU_ABOVE_TASK",
        property: "containers.*.cpu",
        value: cpu,
        allowed: `a total of at most the task's cpu (${task.cpu})`,
      });
    }
  }

  private pickDefaultContainer(requested: string | undefined): string {
    if (requested !== undefined) {
      if (!this.containers.some((c) => c.name === requested)) {
        fail(this, {
          code: "UNKNOWN_CONTAINER",
          property: "defaultContainerName",
          value: requested,
          allowed: `one of ${this.containers.map((c) => c.name).join(", ")}`,
        });
      }
      return requested;
    }
    return (this.containers.find((c) => c.portMappings.length > 0) ?? this.containers[0]).name;
  }
}
