/**
 * Pure pieces of a Batch container job definition: the Fargate size check (the ECS Fargate table,
 * in vCPUs), the retry strategy and the `container_properties` document.
 */
import { FARGATE_SIZES, FargateCpu, FargateMemoryRange, fargateMemoryOptions } from "../task/fargate-sizes";
import type { Secret } from "../task/secret";

/** Where a job definition's jobs run (`platform_capabilities`): Fargate, or EC2/Spot instances Batch manages. */
export type JobPlatform = "FARGATE" | "EC2";

/** vCPU values Fargate accepts for a Batch job (the ECS task CPU values divided by 1024). */
export const FARGATE_JOB_VCPUS: readonly number[] = Object.keys(FARGATE_SIZES)
  .map((cpu) => Number(cpu) / 1024)
  .sort((a, b) => a - b);

/** Why a Fargate vCPU/memory pair is not accepted, as "what is allowed", or undefined when it is. */
export function fargateJobSizeProblem(vcpus: number, memoryMiB: number): string | undefined {
  if (!FARGATE_JOB_VCPUS.includes(vcpus)) return `vcpus one of ${FARGATE_JOB_VCPUS.join(", ")} on Fargate`;
  const cpu = (vcpus * 1024) as FargateCpu;
  if (fargateMemoryOptions(cpu).includes(memoryMiB)) return undefined;
  const row = FARGATE_SIZES[cpu];
  const range = row as FargateMemoryRange;
  const what = Array.isArray(row) ? `one of ${row.join(", ")}` : `from ${range.minMiB} to ${range.maxMiB} in steps of ${range.stepMiB}`;
  return `memoryMiB ${what} with ${vcpus} vCPU on Fargate`;
}

/** One `evaluate_on_exit` rule: the first rule whose conditions all match decides. */
export interface RetryRule {
  /** `RETRY` starts another attempt (while attempts remain); `EXIT` ends the job as FAILED now. */
  readonly action: "RETRY" | "EXIT";
  /** Glob on the exit code: digits, optionally ending in `*`. @default - any */
  readonly onExitCode?: string;
  /** Glob on the job's reason (e.g. `CannotPullContainerError*`). @default - any */
  readonly onReason?: string;
  /** Glob on the status reason (e.g. `Host EC2*`). @default - any */
  readonly onStatusReason?: string;
}

/**
 * Retry what the infrastructure took away, fail fast on the application's own errors: an EC2 Spot
 * reclaim (status reason `Host EC2 (instance i-...) terminated.`), a Fargate Spot reclaim (ECS stop
 * reason `Your Spot Task was interrupted.`); anything else exits without another attempt, because
 * Batch retries every failure that no rule matches.
 */
export const DEFAULT_RETRY_RULES: readonly RetryRule[] = [
  { action: "RETRY", onStatusReason: "Host EC2*" },
  { action: "RETRY", onStatusReason: "Your Spot Task was interrupted*" },
  { action: "EXIT", onReason: "*" },
];

/** Batch takes at most 5 rules; patterns are at most 512 characters. */
export const MAX_RETRY_RULES = 5;
/** What Batch accepts in `onExitCode`: digits, optionally ending in `*` (a prefix match). */
export const EXIT_CODE_PATTERN = /^[0-9]*\*?$/;
/** What Batch accepts in `onReason` and `onStatusReason`: letters, digits, `.`, `:` and spaces, optionally ending in `*`. */
export const REASON_PATTERN = /^[A-Za-z0-9.: \t]*\*?$/;

/** Pure: the `retry_strategy` block; no `evaluate_on_exit` when `rules` is empty (Batch then retries every failure). */
export function renderRetryStrategy(attempts: number, rules: readonly RetryRule[]) {
  return {
    attempts,
    evaluateOnExit:
      rules.length > 0
        ? rules.map((r) => ({ action: r.action, onExitCode: r.onExitCode, onReason: r.onReason, onStatusReason: r.onStatusReason }))
        : undefined,
  };
}

/** The resolved settings `renderContainerProperties` turns into `container_properties` (defaults already applied). */
export interface JobContainerProps {
  /** Fargate adds network, platform version and runtime platform settings. */
  readonly platform: JobPlatform;
  /** Image reference, e.g. `111122223333.dkr.ecr.eu-west-1.amazonaws.com/acme/reindex:1.4.2`. */
  readonly image: string;
  /** vCPUs reserved per attempt (fractional on Fargate). */
  readonly vcpus: number;
  /** Memory reserved per attempt, in MiB. */
  readonly memoryMiB: number;
  /** GPUs reserved per attempt (EC2 only). @default - no GPU requirement */
  readonly gpus?: number;
  /** Command, with `Ref::` placeholders. @default - the image's command */
  readonly command?: readonly string[];
  /** Plain environment variables, by name. */
  readonly environment: Record<string, string>;
  /** Environment variables the execution role reads from Secrets Manager or SSM, by name. */
  readonly secrets: Record<string, Secret>;
  /** Mount the container's root filesystem read-only. */
  readonly readonlyRootFilesystem: boolean;
  /** Role Batch/ECS uses to pull the image, write logs and read secrets. */
  readonly executionRoleArn: string;
  /** Role the job's code runs with. */
  readonly jobRoleArn: string;
  /** CloudWatch Logs group of the `awslogs` driver. */
  readonly logGroupName: string;
  /** `awslogs-stream-prefix`: streams are named `<prefix>/default/<task id>`. */
  readonly logStreamPrefix: string;
  /** Fargate only. */
  readonly cpuArchitecture: "X86_64" | "ARM64";
  /** Fargate only. @default - 20 GiB */
  readonly ephemeralStorageGiB?: number;
}

/**
 * The `container_properties` JSON. Fargate jobs get no public IP (`assignPublicIp: DISABLED`, they
 * run in private subnets), the latest platform version and an explicit CPU architecture. The
 * `awslogs` region is left out: Batch sends logs to the job's own region by default.
 */
export function renderContainerProperties(p: JobContainerProps): string {
  const fargate = p.platform === "FARGATE";
  const resourceRequirements = [
    { type: "VCPU", value: String(p.vcpus) },
    { type: "MEMORY", value: String(p.memoryMiB) },
    ...(p.gpus !== undefined ? [{ type: "GPU", value: String(p.gpus) }] : []),
  ];
  const properties: Record<string, unknown> = {
    image: p.image,
    ...(p.command !== undefined ? { command: [...p.command] } : {}),
    jobRoleArn: p.jobRoleArn,
    executionRoleArn: p.executionRoleArn,
    resourceRequirements,
    environment: Object.entries(p.environment).map(([name, value]) => ({ name, value })),
    secrets: Object.entries(p.secrets).map(([name, secret]) => ({ name, valueFrom: secret.valueFrom })),
    readonlyRootFilesystem: p.readonlyRootFilesystem,
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": p.logGroupName, "awslogs-stream-prefix": p.logStreamPrefix },
    },
  };
  if (fargate) {
    properties.networkConfiguration = { assignPublicIp: "DISABLED" };
    properties.fargatePlatformConfiguration = { platformVersion: "LATEST" };
    properties.runtimePlatform = { operatingSystemFamily: "LINUX", cpuArchitecture: p.cpuArchitecture };
    if (p.ephemeralStorageGiB !== undefined) properties.ephemeralStorage = { sizeInGiB: p.ephemeralStorageGiB };
  }
  return JSON.stringify(properties);
}
