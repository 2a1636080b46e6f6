import { IConstruct } from "constructs";
import { fail, isToken } from "../core/errors";
import { checkIntegerRange, checkOneOf, checkUnique } from "../core/validate";

/** Linux capabilities Docker can add to or drop from a container. */
export type LinuxCapability =
  | "ALL"
  | "AUDIT_CONTROL"
  | "AUDIT_WRITE"
  | "BLOCK_SUSPEND"
  | "CHOWN"
  | "DAC_OVERRIDE"
  | "DAC_READ_SEARCH"
  | "FOWNER"
  | "FSETID"
  | "IPC_LOCK"
  | "IPC_OWNER"
  | "KILL"
  | "LEASE"
  | "LINUX_IMMUTABLE"
  | "MAC_ADMIN"
  | "MAC_OVERRIDE"
  | "MKNOD"
  | "NET_ADMIN"
  | "NET_BIND_SERVICE"
  | "NET_BROADCAST"
  | "NET_RAW"
  | "SETFCAP"
  | "SETGID"
  | "SETPCAP"
  | "SETUID"
  | "SYS_ADMIN"
  | "SYS_BOOT"
  | "SYS_CHROOT"
  | "SYS_MODULE"
  | "SYS_NICE"
  | "SYS_PACCT"
  | "SYS_PTRACE"
  | "SYS_RAWIO"
  | "SYS_RESOURCE"
  | "SYS_TIME"
  | "SYS_TTY_CONFIG"
  | "SYSLOG"
  | "WAKE_ALARM";

const CAPABILITIES: readonly LinuxCapability[] = [
  "ALL",
  "AUDIT_CONTROL",
  "AUDIT_WRITE",
  "BLOCK_SUSPEND",
  "CHOWN",
  "DAC_OVERRIDE",
  "DAC_READ_SEARCH",
  "FOWNER",
  "FSETID",
  "IPC_LOCK",
  "IPC_OWNER",
  "KILL",
  "LEASE",
  "LINUX_IMMUTABLE",
  "MAC_ADMIN",
  "MAC_OVERRIDE",
  "MKNOD",
  "NET_ADMIN",
  "NET_BIND_SERVICE",
  "NET_BROADCAST",
  "NET_RAW",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_ADMIN",
  "SYS_BOOT",
  "SYS_CHROOT",
  "SYS_MODULE",
  "SYS_NICE",
  "SYS_PACCT",
  "SYS_PTRACE",
  "SYS_RAWIO",
  "SYS_RESOURCE",
  "SYS_TIME",
  "SYS_TTY_CONFIG",
  "SYSLOG",
  "WAKE_ALARM",
];
/** The only capability Fargate lets a container add (for debuggers and profilers); any may be dropped. */
export const FARGATE_ADDABLE_CAPABILITIES: readonly LinuxCapability[] = ["SYS_PTRACE"];

/** A tmpfs mount (memory-backed, EC2 only). */
export interface TmpfsMount {
  /** Absolute path in the container. */
  readonly containerPath: string;
  /** Size in MiB. */
  readonly sizeMiB: number;
  /** Mount options, e.g. `["noexec", "nosuid"]`. @default - Docker's */
  readonly mountOptions?: readonly string[];
}

/** A host device exposed to the container (EC2 only). */
export interface LinuxDevice {
  /** Path of the device on the instance, e.g. `/dev/fuse`. */
  readonly hostPath: string;
  /** Path in the container. @default - the host path */
  readonly containerPath?: string;
  /** What the container may do with it. @default ["read", "write", "mknod"] (Docker's) */
  readonly permissions?: readonly ("read" | "write" | "mknod")[];
}

/** Linux-specific container settings; ECS refuses most of them on Fargate, and so does this library. */
export interface LinuxParameters {
  /** Capabilities to add (on Fargate only `SYS_PTRACE`) and drop. @default - Docker's default set */
  readonly capabilities?: {
    /** Capabilities added to Docker's default set. @default [] */
    readonly add?: readonly LinuxCapability[];
    /** Capabilities dropped from Docker's default set. @default [] */
    readonly drop?: readonly LinuxCapability[];
  };
  /** Memory-backed mounts (EC2 only). @default [] */
  readonly tmpfs?: readonly TmpfsMount[];
  /** Size of `/dev/shm` in MiB (EC2 only). @default - Docker's 64 MiB */
  readonly sharedMemorySizeMiB?: number;
  /** Host devices (EC2 only). @default [] */
  readonly devices?: readonly LinuxDevice[];
  /** Swap the container may use in MiB, 0 for none (EC2 with swap on the instance only). @default - the instance's setting */
  readonly maxSwapMiB?: number;
  /** How readily memory pages are swapped, 0 to 100; needs `maxSwapMiB` (EC2 only). @default 60 */
  readonly swappiness?: number;
}

/**
 * Restart a container that exits in place, without replacing the task (ECS's container restart
 * policy): for sidecars and workers that may crash without losing the task's other containers.
 */
export interface ContainerRestartPolicy {
  /** Turn the policy on. @default true */
  readonly enabled?: boolean;
  /** Exit codes that do not restart the container (e.g. `[0]` for a job that may finish), at most 50. @default [] */
  readonly ignoredExitCodes?: readonly number[];
  /** Seconds a container must run before a restart is attempted, 60 to 1800. @default 300 (ECS's) */
  readonly restartAttemptPeriodSeconds?: number;
}

/** The launch type facts the checks below need. */
export interface RuntimeCheckContext {
  readonly compatibility: "FARGATE" | "EC2" | "EXTERNAL";
  readonly networkMode: "awsvpc" | "bridge" | "host";
}

/** Namespaced kernel parameters Docker lets a container set; Fargate allows the network ones only. */
const NAMESPACED_SYSCTL =
  /^(?:net\.[\w.-]+|kernel\.(?:msgmax|msgmnb|msgmni|sem|shmall|shmmax|shmmni|shm_rmid_forced)|fs\.mqueue\.[\w.-]+)$/;

function ec2Only(scope: IConstruct, property: string, value: unknown, ctx: RuntimeCheckContext, what: string): void {
  if (ctx.compatibility === "FARGATE" && value !== undefined) {
    fail(scope, { code: "LINUX_PARAMETER_FARGATE", property, value, allowed: `no ${what} on Fargate (EC2 task definitions only)` });
  }
}

/** Checks linux parameters against what the launch type allows. */
export function checkLinuxParameters(scope: IConstruct, at: string, params: LinuxParameters, ctx: RuntimeCheckContext): void {
  const add = params.capabilities?.add ?? [];
  const drop = params.capabilities?.drop ?? [];
  [...add.map((c, i) => [c, `add[${i}]`] as const), ...drop.map((c, i) => [c, `drop[${i}]`] as const)].forEach(([cap, where]) =>
    checkOneOf(scope, "LINUX_CAPABILITY", `${at}.capabilities.${where}`, cap, CAPABILITIES),
  );
  if (ctx.compatibility === "FARGATE") {
    add.forEach((cap, i) => {
      if (!FARGATE_ADDABLE_CAPABILITIES.includes(cap)) {
        fail(scope, {
          code: "LINUX_CAPABILITY_FARGATE",
          property: `${at}.capabilities.add[${i}]`,
          value: cap,
          allowed: '"SYS_PTRACE", the only capability Fargate lets a container add',
        });
      }
    });
  }
  checkUnique(scope, "LINUX_CAPABILITY_DUPLICATE", `${at}.capabilities.add`, [...add]);
  checkUnique(scope, "LINUX_CAPABILITY_DUPLICATE", `${at}.capabilities.drop`, [...drop]);
  ec2Only(scope, `${at}.tmpfs`, params.tmpfs, ctx, "tmpfs mounts");
  ec2Only(scope, `${at}.sharedMemorySizeMiB`, params.sharedMemorySizeMiB, ctx, "sharedMemorySizeMiB");
  ec2Only(scope, `${at}.devices`, params.devices, ctx, "host devices");
  ec2Only(scope, `${at}.maxSwapMiB`, params.maxSwapMiB, ctx, "swap");
  ec2Only(scope, `${at}.swappiness`, params.swappiness, ctx, "swappiness");
  (params.tmpfs ?? []).forEach((t, i) => {
    if (!isToken(t.containerPath) && !t.containerPath.startsWith("/"))
      fail(scope, { code: "TMPFS_PATH", property: `${at}.tmpfs[${i}].containerPath`, value: t.containerPath, allowed: "an absolute path" });
    checkIntegerRange(scope, "TMPFS_SIZE", `${at}.tmpfs[${i}].sizeMiB`, t.sizeMiB, 1, 2147483647, "MiB");
  });
  (params.devices ?? []).forEach((d, i) => {
    if (!isToken(d.hostPath) && !d.hostPath.startsWith("/dev/"))
      fail(scope, {
        code: "DEVICE_PATH",
        property: `${at}.devices[${i}].hostPath`,
        value: d.hostPath,
        allowed: "a device path under /dev/",
      });
  });
  checkIntegerRange(scope, "SHARED_MEMORY_SIZE", `${at}.sharedMemorySizeMiB`, params.sharedMemorySizeMiB, 1, 2147483647, "MiB");
  checkIntegerRange(scope, "MAX_SWAP", `${at}.maxSwapMiB`, params.maxSwapMiB, 0, 2147483647, "MiB");
  checkIntegerRange(scope, "SWAPPINESS", `${at}.swappiness`, params.swappiness, 0, 100);
  if (params.swappiness !== undefined && params.maxSwapMiB === undefined) {
    fail(scope, {
      code: "SWAPPINESS_WITHOUT_SWAP",
      property: `${at}.swappiness`,
      value: params.swappiness,
      allowed: "swappiness only with maxSwapMiB (ECS ignores it otherwise)",
    });
  }
}

/** Checks kernel parameters: namespaced ones only, network ones only on Fargate. */
export function checkSystemControls(scope: IConstruct, at: string, controls: Record<string, string>, ctx: RuntimeCheckContext): void {
  for (const [name, value] of Object.entries(controls)) {
    if (!NAMESPACED_SYSCTL.test(name)) {
      fail(scope, {
        code: "SYSTEM_CONTROL",
        property: `${at}.${name}`,
        value: name,
        allowed: "a namespaced kernel parameter: net.*, kernel.msg*/sem/shm*, fs.mqueue.*",
      });
    }
    if (ctx.compatibility === "FARGATE" && !name.startsWith("net.")) {
      fail(scope, {
        code: "SYSTEM_CONTROL_FARGATE",
        property: `${at}.${name}`,
        value: name,
        allowed: "a net.* kernel parameter on Fargate (the IPC ones need EC2)",
      });
    }
    if (ctx.networkMode === "host" && name.startsWith("net.")) {
      fail(scope, {
        code: "SYSTEM_CONTROL_HOST_NETWORK",
        property: `${at}.${name}`,
        value: name,
        allowed: "no net.* kernel parameter with the host network mode (it would change the instance's own)",
      });
    }
    if (typeof value !== "string")
      fail(scope, { code: "SYSTEM_CONTROL", property: `${at}.${name}`, value, allowed: 'a string value, e.g. "1"' });
  }
}

/** Checks a restart policy: 60 to 1800 seconds, at most 50 exit codes (integers, each once). */
export function checkRestartPolicy(scope: IConstruct, at: string, policy: ContainerRestartPolicy): void {
  checkIntegerRange(scope, "RESTART_PERIOD", `${at}.restartAttemptPeriodSeconds`, policy.restartAttemptPeriodSeconds, 60, 1800, "seconds");
  const codes = policy.ignoredExitCodes ?? [];
  if (!isToken(codes) && codes.length > 50) {
    fail(scope, { code: "RESTART_EXIT_CODES", property: `${at}.ignoredExitCodes`, value: codes.length, allowed: "at most 50 exit codes" });
  }
  codes.forEach((code, i) => checkIntegerRange(scope, "RESTART_EXIT_CODES", `${at}.ignoredExitCodes[${i}]`, code, -2147483648, 2147483647));
  checkUnique(
    scope,
    "RESTART_EXIT_CODES",
    `${at}.ignoredExitCodes`,
    codes.map((c) => String(c)),
  );
}

/** The `linuxParameters` JSON, with `initProcessEnabled` folded in; undefined when nothing is set. */
export function renderLinuxParameters(
  params: LinuxParameters | undefined,
  initProcessEnabled: boolean,
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {
    initProcessEnabled: initProcessEnabled ? true : undefined,
    capabilities:
      params?.capabilities && ((params.capabilities.add ?? []).length > 0 || (params.capabilities.drop ?? []).length > 0)
        ? {
            add: params.capabilities.add ? [...params.capabilities.add] : undefined,
            drop: params.capabilities.drop ? [...params.capabilities.drop] : undefined,
          }
        : undefined,
    tmpfs: params?.tmpfs?.map((t) => ({
      containerPath: t.containerPath,
      size: t.sizeMiB,
      mountOptions: t.mountOptions ? [...t.mountOptions] : undefined,
    })),
    sharedMemorySize: params?.sharedMemorySizeMiB,
    devices: params?.devices?.map((d) => ({
      hostPath: d.hostPath,
      containerPath: d.containerPath ?? d.hostPath,
      permissions: d.permissions ? [...d.permissions] : undefined,
    })),
    maxSwap: params?.maxSwapMiB,
    swappiness: params?.swappiness,
  };
  const set = Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
  return Object.keys(set).length > 0 ? set : undefined;
}

/** The `restartPolicy` JSON with ECS's defaults written out. */
export function renderRestartPolicy(policy: ContainerRestartPolicy): Record<string, unknown> {
  return {
    enabled: policy.enabled ?? true,
    ignoredExitCodes: [...(policy.ignoredExitCodes ?? [])],
    restartAttemptPeriod: policy.restartAttemptPeriodSeconds ?? 300,
  };
}
