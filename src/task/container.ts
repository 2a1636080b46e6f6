import { IConstruct } from "constructs";
import { fail, isToken } from "../core/errors";
import { checkIntegerRange, checkOneOf, checkUnique } from "../core/validate";
import {
  checkLinuxParameters,
  checkRestartPolicy,
  checkSystemControls,
  ContainerRestartPolicy,
  LinuxParameters,
  renderLinuxParameters,
  renderRestartPolicy,
} from "./container-runtime";
import { ContainerImage } from "./image";
import { Secret } from "./secret";

/** Seconds ECS waits after SIGTERM before SIGKILL: the whole of Fargate Spot's two-minute notice, and the most Fargate allows. */
export const DEFAULT_STOP_TIMEOUT_SECONDS = 120;
/** The largest `stopTimeoutSeconds` Fargate accepts. */
export const MAX_FARGATE_STOP_TIMEOUT_SECONDS = 120;
/** The largest `startTimeoutSeconds` Fargate accepts. */
export const MAX_FARGATE_START_TIMEOUT_SECONDS = 600;

/** Transport protocol of a port mapping. */
export type PortProtocol = "tcp" | "udp";
/** Application protocol of a port, which Service Connect uses for metrics and retries. */
export type AppProtocol = "http" | "http2" | "grpc";

/** A port the container listens on, and how it is exposed. */
export interface PortMapping {
  /** The port the container listens on. */
  readonly containerPort: number;
  /** Transport protocol of the port. @default "tcp" */
  readonly protocol?: PortProtocol;
  /**
   * Name of the port, unique in the task definition; load balancers and Service Connect refer to it.
   * @default - unnamed (Service Connect cannot use the port)
   */
  readonly name?: string;
  /** Application protocol, for Service Connect metrics and retries. @default - none (plain TCP) */
  readonly appProtocol?: AppProtocol;
  /**
   * Host port, for the `bridge` network mode only (`0` picks a dynamic port).
   * @default - the container port with `awsvpc` and `host`; dynamic with `bridge`
   */
  readonly hostPort?: number;
}

/** Docker health check ECS runs inside the container; an unhealthy essential container is replaced. */
export interface ContainerHealthCheck {
  /** `["CMD", "bin", "arg"]` or `["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]`. */
  readonly command: readonly string[];
  /** Seconds between checks, 5 to 300. @default 30 */
  readonly intervalSeconds?: number;
  /** Seconds a check may take before it counts as failed, 2 to 60. @default 5 */
  readonly timeoutSeconds?: number;
  /** Consecutive failures before the container is unhealthy, 1 to 10. @default 3 */
  readonly retries?: number;
  /** Grace period before failures count, 0 to 300. @default 0 */
  readonly startPeriodSeconds?: number;
}

/** Linux resource limits ECS lets a container set (`docker run --ulimit`). */
export type UlimitName =
  | "core"
  | "cpu"
  | "data"
  | "fsize"
  | "locks"
  | "memlock"
  | "msgqueue"
  | "nice"
  | "nofile"
  | "nproc"
  | "rss"
  | "rtprio"
  | "rttime"
  | "sigpending"
  | "stack";

/** A Linux resource limit for the container, e.g. `{ name: "nofile", softLimit: 65536, hardLimit: 65536 }`. */
export interface Ulimit {
  /** The resource limited. */
  readonly name: UlimitName;
  /** The limit the process starts with; at most `hardLimit`. */
  readonly softLimit: number;
  /** The ceiling the process may raise the soft limit to. */
  readonly hardLimit: number;
}

/** The state another container must reach: started, exited, exited with 0, or passing its health check. */
export type ContainerDependencyCondition = "START" | "COMPLETE" | "SUCCESS" | "HEALTHY";

/** A container this one waits for before it starts (e.g. a migration that must succeed). */
export interface ContainerDependency {
  /** Another container of the same task definition. */
  readonly containerName: string;
  /** `HEALTHY` needs a health check on that container. */
  readonly condition: ContainerDependencyCondition;
}

/** A task volume mounted into the container. */
export interface MountPoint {
  /** A key of the task definition's `efsVolumes` or an entry of its `scratchVolumes`. */
  readonly volume: string;
  /** Absolute path in the container where the volume appears. */
  readonly containerPath: string;
  /** Mount the volume read-only in this container. @default false */
  readonly readOnly?: boolean;
}

/** Where a container's stdout and stderr go. */
export type ContainerLogging =
  /** The task definition's log group, one stream per task under `streamPrefix`. */
  | {
      readonly driver: "awslogs";
      /**
       * Log stream name prefix; streams are named `<prefix>/<container>/<task id>`.
       * @default - the container name
       */
      readonly streamPrefix?: string;
    }
  /** A FireLens log router container of the same task; options go to its output plugin. */
  | {
      readonly driver: "awsfirelens";
      /**
       * Output plugin options, e.g. `{ Name: "cloudwatch_logs", region: "eu-west-1" }`.
       * @default {}
       */
      readonly options?: Record<string, string>;
      /** Plugin options read from Secrets Manager or SSM by the execution role (e.g. an HTTP output's token). @default {} */
      readonly secretOptions?: Record<string, Secret>;
    }
  /**
   * A Docker log driver the ECS agent runs: `splunk` on Fargate and EC2; `fluentd`, `gelf`, `syslog`,
   * `json-file` and `journald` on EC2 only (the instance must allow them in `ECS_AVAILABLE_LOGGING_DRIVERS`).
   */
  | {
      readonly driver: DockerLogDriver;
      /** The driver's options, e.g. `{ "splunk-url": "https://splunk:8088" }`. @default {} */
      readonly options?: Record<string, string>;
      /** Options read from Secrets Manager or SSM by the execution role, e.g. `{ "splunk-token": secret }`. @default {} */
      readonly secretOptions?: Record<string, Secret>;
    }
  /** Discard logs. An explicit opt-out. */
  | { readonly driver: "none" };

/** Docker log drivers besides `awslogs`, `awsfirelens` and `none`. */
export type DockerLogDriver = "splunk" | "fluentd" | "gelf" | "syslog" | "json-file" | "journald";
/** The log drivers Fargate runs: everything else needs EC2. */
export const FARGATE_LOG_DRIVERS: readonly string[] = ["awslogs", "awsfirelens", "splunk", "none"];
const LOG_DRIVERS = ["awslogs", "awsfirelens", "none", "splunk", "fluentd", "gelf", "syslog", "json-file", "journald"];

/** Makes this container a FireLens log router (Fluent Bit or Fluentd) for the others. */
export interface FireLensOptions {
  /** The log router the container image runs. */
  readonly type: "fluentbit" | "fluentd";
  /** e.g. `{ "enable-ecs-log-metadata": "true" }`. @default - none */
  readonly options?: Record<string, string>;
}

/** One container of a task definition, typed; rendered to ECS's JSON by `renderContainerDefinition`. */
export interface ContainerOptions {
  /** The image the container runs; private ECR images are granted pull on the execution role. */
  readonly image: ContainerImage;
  /** CPU units reserved for the container (1024 = one vCPU). @default - shares the task's CPU */
  readonly cpu?: number;
  /** Hard memory limit: the container is killed above it. @default - none (the task limit applies) */
  readonly memoryLimitMiB?: number;
  /** Soft memory reservation. @default - none */
  readonly memoryReservationMiB?: number;
  /** When an essential container stops, the task stops. @default true */
  readonly essential?: boolean;
  /** Ports the container listens on; names must be unique in the task definition. @default [] */
  readonly portMappings?: readonly PortMapping[];
  /** Plain environment variables. Put secrets in `secrets`. @default {} */
  readonly environment?: Record<string, string>;
  /** Environment variables read from Secrets Manager or SSM at start by the execution role. @default {} */
  readonly secrets?: Record<string, Secret>;
  /** Arguments that replace the image's CMD. @default - the image's CMD */
  readonly command?: readonly string[];
  /** Executable that replaces the image's ENTRYPOINT. @default - the image's ENTRYPOINT */
  readonly entryPoint?: readonly string[];
  /** Directory the command runs in. @default - the image's WORKDIR */
  readonly workingDirectory?: string;
  /** Docker health check; needed for `dependsOn` with `HEALTHY`. @default - none */
  readonly healthCheck?: ContainerHealthCheck;
  /**
   * Seconds between SIGTERM and SIGKILL when the task stops, 2 to 120 on Fargate.
   * @default 120 (covers Fargate Spot's two-minute interruption notice)
   */
  readonly stopTimeoutSeconds?: number;
  /** User (and group) to run as, e.g. `"1000:1000"`. @default - the image's USER */
  readonly user?: string;
  /** Mount the root filesystem read-only; write to volumes instead. @default true */
  readonly readonlyRootFilesystem?: boolean;
  /** Linux resource limits, at most one per name. @default - Docker's defaults */
  readonly ulimits?: readonly Ulimit[];
  /** Containers that must reach a state before this one starts. @default [] */
  readonly dependsOn?: readonly ContainerDependency[];
  /** Task volumes mounted into the container. @default [] */
  readonly mountPoints?: readonly MountPoint[];
  /** Where stdout and stderr go. @default { driver: "awslogs" } into the task definition's log group */
  readonly logging?: ContainerLogging;
  /** Makes this container the task's FireLens log router (at most one per task). @default - not a log router */
  readonly firelens?: FireLensOptions;
  /** Run an init process (PID 1) that reaps zombies and forwards signals; recommended with ECS Exec. @default false */
  readonly initProcessEnabled?: boolean;
  /** Capabilities, tmpfs, shared memory, devices and swap, checked against the launch type. @default - Docker's */
  readonly linuxParameters?: LinuxParameters;
  /** Restart the container in place when it exits, instead of stopping the task. @default - no restart (the task stops if essential) */
  readonly restartPolicy?: ContainerRestartPolicy;
  /**
   * Credentials for a private registry outside ECR: a Secrets Manager secret holding
   * `{"username": ..., "password": ...}`; the execution role may read exactly this secret (and its key).
   * @default - none (public or ECR images)
   */
  readonly repositoryCredentials?: Secret;
  /** Docker labels on the container, e.g. for a log agent's or proxy's discovery. @default {} */
  readonly dockerLabels?: Record<string, string>;
  /**
   * S3 object ARNs of `.env` files (up to 10) loaded into the environment at start; the execution role
   * may read exactly these objects. Variables in `environment` win over the files.
   * @default []
   */
  readonly environmentFiles?: readonly string[];
  /** Namespaced kernel parameters, e.g. `{ "net.core.somaxconn": "1024" }` (only `net.*` on Fargate). @default {} */
  readonly systemControls?: Record<string, string>;
  /**
   * Seconds ECS waits for this container's dependencies before giving up on starting it (2 to 600 on
   * Fargate). @default - ECS's: 3 minutes on Fargate, the agent's setting on EC2
   */
  readonly startTimeoutSeconds?: number;
  /** Whether ECS pins the image tag to the digest it resolved at deployment (`enabled`), or pulls the tag each time. @default "enabled" (ECS's) */
  readonly versionConsistency?: "enabled" | "disabled";
  /** Allocate a TTY (`docker run -t`). @default false */
  readonly pseudoTerminal?: boolean;
  /** Keep stdin open (`docker run -i`). @default false */
  readonly interactive?: boolean;
  /**
   * GPUs reserved for the container (`resourceRequirements` GPU), EC2 only: ECS places the task on a
   * container instance with that many free GPUs (a capacity provider on the `gpu` AMI variant) and
   * exposes them to the container. @default - none
   */
  readonly gpuCount?: number;
}

/** What rendering needs from the task definition. */
export interface ContainerRenderContext {
  /** The task's network mode; host ports are written out except under `bridge`. */
  readonly networkMode: "awsvpc" | "bridge" | "host";
  /** Log group and region the `awslogs` driver writes to. */
  readonly logGroupName: string;
  /** Region of the log group, for the `awslogs-region` option. */
  readonly region: string;
}

/** What checking a container needs from the task definition. */
export interface ContainerCheckContext {
  /** The task's launch type; Fargate caps `stopTimeoutSeconds` at 120. */
  readonly compatibility: "FARGATE" | "EC2" | "EXTERNAL";
  /** The task's network mode; only `bridge` allows a host port other than the container port. */
  readonly networkMode: "awsvpc" | "bridge" | "host";
  /** The task's memory in MiB, the ceiling of each container's memory. */
  readonly memoryMiB: number;
  /** The task's CPU units, the ceiling of each container's CPU. */
  readonly cpu: number;
  /** All container names of the task definition. */
  readonly containerNames: readonly string[];
  /** Containers that have a health check. */
  readonly containersWithHealthCheck: readonly string[];
  /** Volume names the task definition declares. */
  readonly volumeNames: readonly string[];
  /** True when one container of the task is a FireLens router. */
  readonly hasLogRouter: boolean;
}

const CONTAINER_NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const PORT_NAME = /^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks one container against the rules ECS enforces at registration; fails with the property path. */
export function checkContainer(scope: IConstruct, name: string, options: ContainerOptions, ctx: ContainerCheckContext): void {
  const at = `containers.${name}`;
  if (!CONTAINER_NAME.test(name)) {
    fail(scope, {
      code: "CONTAINER_NAME_INVALID",
      property: at,
      value: name,
      allowed: "1 to 255 letters, digits, hyphens and underscores",
    });
  }
  options.image.validate(scope, `${at}.image`);
  checkIntegerRange(scope, "CONTAINER_CPU", `${at}.cpu`, options.cpu, 0, ctx.cpu, "CPU units (the task's CPU)");
  checkContainerMemory(scope, at, options, ctx.memoryMiB);

  for (const [i, port] of (options.portMappings ?? []).entries()) {
    const p = `${at}.portMappings[${i}]`;
    checkIntegerRange(scope, "CONTAINER_PORT", `${p}.containerPort`, port.containerPort, 1, 65535);
    if (port.name !== undefined && !isToken(port.name) && !PORT_NAME.test(port.name)) {
      fail(scope, {
        code: "PORT_NAME_INVALID",
        property: `${p}.name`,
        value: port.name,
        allowed: "1 to 64 lowercase letters, digits, hyphens and underscores, starting and ending with a letter or digit",
      });
    }
    // 0 asks Docker for a dynamic host port (bridge mode).
    checkIntegerRange(scope, "CONTAINER_HOST_PORT", `${p}.hostPort`, port.hostPort, 0, 65535);
    if (port.hostPort !== undefined && ctx.networkMode !== "bridge" && port.hostPort !== port.containerPort) {
      fail(scope, {
        code: "HOST_PORT_MISMATCH",
        property: `${p}.hostPort`,
        value: port.hostPort,
        allowed: `the container port (${port.containerPort}) or nothing with the ${ctx.networkMode} network mode`,
      });
    }
    if (port.appProtocol !== undefined && (port.protocol ?? "tcp") !== "tcp") {
      fail(scope, {
        code: "APP_PROTOCOL_NEEDS_TCP",
        property: `${p}.appProtocol`,
        value: port.appProtocol,
        allowed: "no appProtocol on a UDP port",
      });
    }
  }

  for (const [key, value] of Object.entries(options.environment ?? {})) {
    // From JSON or plain JavaScript a number or boolean slips in; ECS takes strings only.
    if (typeof value !== "string") {
      fail(scope, {
        code: "ENVIRONMENT_VALUE_INVALID",
        property: `${at}.environment.${key}`,
        value,
        allowed: "a string (quote numbers and booleans)",
      });
    }
    if (!ENV_NAME.test(key))
      fail(scope, {
        code: "ENVIRONMENT_NAME_INVALID",
        property: `${at}.environment`,
        value: key,
        allowed: "a variable name of letters, digits and underscores, not starting with a digit",
      });
  }
  if (options.workingDirectory !== undefined && !isToken(options.workingDirectory) && !options.workingDirectory.startsWith("/")) {
    fail(scope, {
      code: "WORKING_DIRECTORY_INVALID",
      property: `${at}.workingDirectory`,
      value: options.workingDirectory,
      allowed: "an absolute path such as /app",
    });
  }
  for (const [key, secret] of Object.entries(options.secrets ?? {})) {
    if (!ENV_NAME.test(key))
      fail(scope, {
        code: "ENVIRONMENT_NAME_INVALID",
        property: `${at}.secrets`,
        value: key,
        allowed: "a variable name of letters, digits and underscores, not starting with a digit",
      });
    if (options.environment?.[key] !== undefined)
      fail(scope, {
        code: "SECRET_SHADOWS_ENVIRONMENT",
        property: `${at}.secrets.${key}`,
        value: key,
        allowed: "a name not also used in environment",
      });
    secret.validate(scope, `${at}.secrets.${key}`);
  }

  if (options.healthCheck) checkHealthCheck(scope, `${at}.healthCheck`, options.healthCheck);
  const maxStop = ctx.compatibility === "FARGATE" ? MAX_FARGATE_STOP_TIMEOUT_SECONDS : 86400;
  checkIntegerRange(scope, "STOP_TIMEOUT", `${at}.stopTimeoutSeconds`, options.stopTimeoutSeconds, 2, maxStop, "seconds");

  for (const [i, ulimit] of (options.ulimits ?? []).entries()) {
    if (!isToken(ulimit.softLimit) && !isToken(ulimit.hardLimit) && ulimit.softLimit > ulimit.hardLimit) {
      fail(scope, {
        code: "ULIMIT_SOFT_ABOVE_HARD",
        property: `${at}.ulimits[${i}].softLimit`,
        value: ulimit.softLimit,
        allowed: `at most the hard limit (${ulimit.hardLimit})`,
      });
    }
  }
  checkUnique(
    scope,
    "ULIMIT_DUPLICATE",
    `${at}.ulimits`,
    (options.ulimits ?? []).map((u) => u.name),
  );

  for (const [i, dep] of (options.dependsOn ?? []).entries()) {
    const p = `${at}.dependsOn[${i}]`;
    if (dep.containerName === name || !ctx.containerNames.includes(dep.containerName)) {
      fail(scope, {
        code: "DEPENDS_ON_UNKNOWN_CONTAINER",
        property: `${p}.containerName`,
        value: dep.containerName,
        allowed: `another container of this task: ${ctx.containerNames.filter((n) => n !== name).join(", ") || "(none)"}`,
      });
    }
    checkOneOf(scope, "DEPENDS_ON_CONDITION", `${p}.condition`, dep.condition, ["START", "COMPLETE", "SUCCESS", "HEALTHY"]);
    if (dep.condition === "HEALTHY" && !ctx.containersWithHealthCheck.includes(dep.containerName)) {
      fail(scope, {
        code: "DEPENDS_ON_NO_HEALTH_CHECK",
        property: `${p}.condition`,
        value: dep.condition,
        allowed: `START, COMPLETE or SUCCESS: container ${dep.containerName} has no health check`,
      });
    }
  }

  for (const [i, mount] of (options.mountPoints ?? []).entries()) {
    if (!ctx.volumeNames.includes(mount.volume)) {
      fail(scope, {
        code: "MOUNT_UNKNOWN_VOLUME",
        property: `${at}.mountPoints[${i}].volume`,
        value: mount.volume,
        allowed: `a volume of this task: ${ctx.volumeNames.join(", ") || "(none declared)"}`,
      });
    }
    if (!isToken(mount.containerPath) && !mount.containerPath.startsWith("/")) {
      fail(scope, {
        code: "MOUNT_PATH_INVALID",
        property: `${at}.mountPoints[${i}].containerPath`,
        value: mount.containerPath,
        allowed: "an absolute path",
      });
    }
  }

  checkRuntimeOptions(scope, at, options, ctx);

  if (options.logging?.driver === "awsfirelens" && !ctx.hasLogRouter) {
    fail(scope, {
      code: "FIRELENS_NO_ROUTER",
      property: `${at}.logging.driver`,
      value: "awsfirelens",
      allowed: "awslogs, or a container with `firelens` set in the same task",
    });
  }
}

const ENV_FILE_OBJECT = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+\.env$/;

function checkRuntimeOptions(scope: IConstruct, at: string, options: ContainerOptions, ctx: ContainerCheckContext): void {
  if (options.linuxParameters) checkLinuxParameters(scope, `${at}.linuxParameters`, options.linuxParameters, ctx);
  if (options.systemControls) checkSystemControls(scope, `${at}.systemControls`, options.systemControls, ctx);
  if (options.restartPolicy) checkRestartPolicy(scope, `${at}.restartPolicy`, options.restartPolicy);
  const maxStart = ctx.compatibility === "FARGATE" ? MAX_FARGATE_START_TIMEOUT_SECONDS : 2147483647;
  checkIntegerRange(scope, "START_TIMEOUT", `${at}.startTimeoutSeconds`, options.startTimeoutSeconds, 2, maxStart, "seconds");
  checkOneOf(scope, "VERSION_CONSISTENCY", `${at}.versionConsistency`, options.versionConsistency, ["enabled", "disabled"]);
  if (options.gpuCount !== undefined && ctx.compatibility === "FARGATE") {
    fail(scope, {
      code: "GPU_ON_FARGATE",
      property: `${at}.gpuCount`,
      value: options.gpuCount,
      allowed: "no GPUs on Fargate (an EC2 task definition on a GPU capacity provider)",
    });
  }
  checkIntegerRange(scope, "GPU_COUNT", `${at}.gpuCount`, options.gpuCount, 1, 16, "GPUs");
  const credentials = options.repositoryCredentials;
  if (credentials) {
    if (credentials.source !== "secretsmanager" || credentials.jsonKey !== undefined) {
      fail(scope, {
        code: "REPOSITORY_CREDENTIALS",
        property: `${at}.repositoryCredentials`,
        value: credentials.source === "secretsmanager" ? `${credentials.arn} (key ${credentials.jsonKey})` : credentials.arn,
        allowed: "a whole Secrets Manager secret (Secret.fromSecretsManager(arn) without a JSON key) holding username and password",
      });
    }
    credentials.validate(scope, `${at}.repositoryCredentials`);
    if (options.image.ecrRepositoryArn) {
      fail(scope, {
        code: "REPOSITORY_CREDENTIALS_ECR",
        property: `${at}.repositoryCredentials`,
        value: credentials.arn,
        allowed: "no registry credentials for an ECR image (the execution role pulls it)",
      });
    }
  }
  const files = options.environmentFiles ?? [];
  if (!isToken(files) && files.length > 10) {
    fail(scope, { code: "ENVIRONMENT_FILES", property: `${at}.environmentFiles`, value: files.length, allowed: "at most 10 files" });
  }
  files.forEach((arn, i) => {
    if (!isToken(arn) && !ENV_FILE_OBJECT.test(arn)) {
      fail(scope, {
        code: "ENVIRONMENT_FILE_ARN",
        property: `${at}.environmentFiles[${i}]`,
        value: arn,
        allowed: "an S3 object ARN ending in .env (arn:aws:s3:::<bucket>/<key>.env)",
      });
    }
  });
  const logging = options.logging;
  if (logging) {
    checkOneOf(scope, "LOG_DRIVER", `${at}.logging.driver`, logging.driver, LOG_DRIVERS);
    if (ctx.compatibility === "FARGATE" && !FARGATE_LOG_DRIVERS.includes(logging.driver)) {
      fail(scope, {
        code: "LOG_DRIVER_FARGATE",
        property: `${at}.logging.driver`,
        value: logging.driver,
        allowed: "awslogs, awsfirelens, splunk or none on Fargate (the others need EC2)",
      });
    }
    if ("secretOptions" in logging) {
      for (const [name, secret] of Object.entries(logging.secretOptions ?? {})) {
        secret.validate(scope, `${at}.logging.secretOptions.${name}`);
        if (logging.options?.[name] !== undefined) {
          fail(scope, {
            code: "LOG_SECRET_SHADOWS_OPTION",
            property: `${at}.logging.secretOptions.${name}`,
            value: name,
            allowed: "a name not also used in logging.options",
          });
        }
      }
    }
  }
  if (options.dockerLabels) {
    for (const key of Object.keys(options.dockerLabels)) {
      if (key.length === 0 || key.length > 255)
        fail(scope, { code: "DOCKER_LABEL", property: `${at}.dockerLabels`, value: key, allowed: "a label key of 1 to 255 characters" });
    }
  }
}

/** Every secret a container reads at start (environment, registry credentials, log options): the execution role's grants. */
export function containerSecrets(options: ContainerOptions): Secret[] {
  const logSecrets = options.logging && "secretOptions" in options.logging ? Object.values(options.logging.secretOptions ?? {}) : [];
  return [
    ...Object.values(options.secrets ?? {}),
    ...(options.repositoryCredentials ? [options.repositoryCredentials] : []),
    ...logSecrets,
  ];
}

function checkContainerMemory(scope: IConstruct, at: string, options: ContainerOptions, taskMemoryMiB: number): void {
  const hard = options.memoryLimitMiB;
  const soft = options.memoryReservationMiB;
  checkIntegerRange(scope, "CONTAINER_MEMORY_ABOVE_TASK", `${at}.memoryLimitMiB`, hard, 6, taskMemoryMiB, "MiB (the task's memoryMiB)");
  checkIntegerRange(
    scope,
    "CONTAINER_MEMORY_ABOVE_TASK",
    `${at}.memoryReservationMiB`,
    soft,
    6,
    taskMemoryMiB,
    "MiB (the task's memoryMiB)",
  );
  if (hard !== undefined && soft !== undefined && !isToken(hard) && !isToken(soft) && soft > hard) {
    fail(scope, {
      code: "CONTAINER_RESERVATION_ABOVE_LIMIT",
      property: `${at}.memoryReservationMiB`,
      value: soft,
      allowed: `at most memoryLimitMiB (${hard})`,
    });
  }
}

function checkHealthCheck(scope: IConstruct, at: string, hc: ContainerHealthCheck): void {
  const first = hc.command[0];
  if (hc.command.length === 0 || !["CMD", "CMD-SHELL", "NONE"].includes(first) || (first !== "NONE" && hc.command.length < 2)) {
    fail(scope, {
      code: "HEALTH_CHECK_COMMAND",
      property: `${at}.command`,
      value: hc.command,
      allowed: '["CMD", <exe>, ...args] or ["CMD-SHELL", <shell command>]',
    });
  }
  checkIntegerRange(scope, "HEALTH_CHECK_INTERVAL", `${at}.intervalSeconds`, hc.intervalSeconds, 5, 300, "seconds");
  checkIntegerRange(scope, "HEALTH_CHECK_TIMEOUT", `${at}.timeoutSeconds`, hc.timeoutSeconds, 2, 60, "seconds");
  checkIntegerRange(scope, "HEALTH_CHECK_RETRIES", `${at}.retries`, hc.retries, 1, 10);
  checkIntegerRange(scope, "HEALTH_CHECK_START_PERIOD", `${at}.startPeriodSeconds`, hc.startPeriodSeconds, 0, 300, "seconds");
}

/**
 * Renders one container as the JSON object ECS registers. Every value AWS would fill in by default
 * (health check timings, host ports under awsvpc) is written out, so the plan shows no drift after apply.
 */
export function renderContainerDefinition(name: string, options: ContainerOptions, ctx: ContainerRenderContext): Record<string, unknown> {
  const essential = options.essential ?? true;
  const readonlyRootFilesystem = options.readonlyRootFilesystem ?? true;
  const stopTimeout = options.stopTimeoutSeconds ?? DEFAULT_STOP_TIMEOUT_SECONDS;
  const logging = options.logging ?? { driver: "awslogs" };

  const def: Record<string, unknown> = {
    name,
    image: options.image.imageName,
    essential,
    readonlyRootFilesystem,
    stopTimeout,
    cpu: options.cpu,
    memory: options.memoryLimitMiB,
    memoryReservation: options.memoryReservationMiB,
    portMappings: nonEmpty(
      (options.portMappings ?? []).map((p) => ({
        containerPort: p.containerPort,
        hostPort: ctx.networkMode === "bridge" ? p.hostPort : p.containerPort,
        protocol: p.protocol ?? "tcp",
        name: p.name,
        appProtocol: p.appProtocol,
      })),
    ),
    environment: nonEmpty(sortedEntries(options.environment).map(([key, value]) => ({ name: key, value }))),
    secrets: nonEmpty(sortedEntries(options.secrets).map(([key, secret]) => ({ name: key, valueFrom: secret.valueFrom }))),
    command: options.command ? [...options.command] : undefined,
    entryPoint: options.entryPoint ? [...options.entryPoint] : undefined,
    workingDirectory: options.workingDirectory,
    user: options.user,
    healthCheck: options.healthCheck && {
      command: [...options.healthCheck.command],
      interval: options.healthCheck.intervalSeconds ?? 30,
      timeout: options.healthCheck.timeoutSeconds ?? 5,
      retries: options.healthCheck.retries ?? 3,
      startPeriod: options.healthCheck.startPeriodSeconds ?? 0,
    },
    ulimits: nonEmpty((options.ulimits ?? []).map((u) => ({ name: u.name, softLimit: u.softLimit, hardLimit: u.hardLimit }))),
    dependsOn: nonEmpty((options.dependsOn ?? []).map((d) => ({ containerName: d.containerName, condition: d.condition }))),
    mountPoints: nonEmpty(
      (options.mountPoints ?? []).map((m) => ({ sourceVolume: m.volume, containerPath: m.containerPath, readOnly: m.readOnly ?? false })),
    ),
    linuxParameters: renderLinuxParameters(options.linuxParameters, options.initProcessEnabled ?? false),
    restartPolicy: options.restartPolicy && renderRestartPolicy(options.restartPolicy),
    repositoryCredentials: options.repositoryCredentials && { credentialsParameter: options.repositoryCredentials.arn },
    dockerLabels:
      options.dockerLabels && Object.keys(options.dockerLabels).length > 0
        ? Object.fromEntries(sortedEntries(options.dockerLabels))
        : undefined,
    environmentFiles: nonEmpty((options.environmentFiles ?? []).map((value) => ({ value, type: "s3" }))),
    systemControls: nonEmpty(sortedEntries(options.systemControls).map(([namespace, value]) => ({ namespace, value }))),
    startTimeout: options.startTimeoutSeconds,
    versionConsistency: options.versionConsistency,
    pseudoTerminal: options.pseudoTerminal,
    resourceRequirements: options.gpuCount === undefined ? undefined : [{ type: "GPU", value: String(options.gpuCount) }],
    interactive: options.interactive,
    firelensConfiguration: options.firelens && { type: options.firelens.type, options: options.firelens.options },
    logConfiguration: renderLogging(name, logging, ctx),
  };
  return Object.fromEntries(Object.entries(def).filter(([, v]) => v !== undefined));
}

function renderLogging(name: string, logging: ContainerLogging, ctx: ContainerRenderContext): Record<string, unknown> | undefined {
  switch (logging.driver) {
    case "awslogs":
      return {
        logDriver: "awslogs",
        options: {
          "awslogs-group": ctx.logGroupName,
          "awslogs-region": ctx.region,
          "awslogs-stream-prefix": logging.streamPrefix ?? name,
        },
      };
    case "none":
      return undefined;
    default:
      return {
        logDriver: logging.driver,
        options: logging.options ?? {},
        secretOptions: nonEmpty(sortedEntries(logging.secretOptions).map(([key, secret]) => ({ name: key, valueFrom: secret.valueFrom }))),
      };
  }
}

function sortedEntries<T>(record: Record<string, T> | undefined): [string, T][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}
