import { Construct } from "constructs";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import { checkArn } from "../core/arn";
import { fail, isToken } from "../core/errors";
import type { IGrantable } from "../core/grant";
import type { PolicyStatement } from "../core/iam";
import { LOG_RETENTION_DAYS } from "../core/log-retention";
import { checkName, NameRules } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import { checkIntegerRange, checkOneOf } from "../core/validate";
import type { ContainerImage } from "../task/image";
import { checkRoleOptions, Role } from "../core/role";
import type { Secret } from "../task/secret";
import type { WorkloadDefinitionOptions } from "../task/task-definition";
import { createWorkloadLogs } from "../task/workload-resources";
import {
  DEFAULT_RETRY_RULES,
  EXIT_CODE_PATTERN,
  fargateJobSizeProblem,
  JobPlatform,
  MAX_RETRY_RULES,
  REASON_PATTERN,
  renderContainerProperties,
  renderRetryStrategy,
  RetryRule,
} from "./job-container";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** What schedules and submitters need from a job definition. */
export interface IJobDefinition {
  /** ARN with revision (a token). */
  readonly jobDefinitionArn: string;
  /** ARN without the revision, `arn:...:job-definition/<name>`, for permissions that survive new revisions. */
  readonly jobDefinitionArnPrefix: string;
  /** Name of the job definition (all revisions share it). */
  readonly jobDefinitionName: string;
  /** Where its jobs run; decides which compute environments can take them. */
  readonly platform: JobPlatform;
}

/** Props of a {@link JobDefinition}. */
export interface JobDefinitionProps extends WorkloadDefinitionOptions {
  /** Job definition name (at most 128 characters), e.g. `acme-dev-reindex`; also names the log group and roles. */
  readonly name: string;
  /** Where the jobs run; must match the queue's compute environments (Fargate or EC2/Spot). @default "FARGATE" */
  readonly platform?: JobPlatform;
  /** The container image; an ECR image also grants the execution role pull access to that repository only. */
  readonly image: ContainerImage;
  /** vCPUs; on Fargate 0.25, 0.5, 1, 2, 4, 8 or 16, on EC2 a whole number. @default 1 */
  readonly vcpus?: number;
  /** Memory in MiB; on Fargate a size the Fargate table allows with `vcpus`. @default 2048 */
  readonly memoryMiB?: number;
  /** EC2 only: GPUs. @default - none */
  readonly gpus?: number;
  /** Command; `Ref::<name>` placeholders take values from `parameters` or the submission. @default - the image's command */
  readonly command?: readonly string[];
  /** Default values for `Ref::` placeholders in `command`. @default - none */
  readonly parameters?: Record<string, string>;
  /** Plain environment variables; names starting with `AWS_BATCH` are reserved by Batch. @default - none */
  readonly environment?: Record<string, string>;
  /** Environment variables read from Secrets Manager or SSM by the execution role. @default - none */
  readonly secrets?: Record<string, Secret>;
  /** Mount the container's root filesystem read-only, so a compromised job cannot change its own binaries. @default true */
  readonly readonlyRootFilesystem?: boolean;
  /** Fargate only. @default "X86_64" */
  readonly cpuArchitecture?: "X86_64" | "ARM64";
  /** An existing role for the job. @default - a new role with no permissions (`jobRole`) */
  readonly jobRoleArn?: string;
  /** Attempts per job (and per array child), 1 to 10. @default 3 */
  readonly retryAttempts?: number;
  /** At most 5; the first match decides. `[]` retries every failure. @default DEFAULT_RETRY_RULES */
  readonly retryRules?: readonly RetryRule[];
  /** Seconds an attempt may run before Batch stops it, at least 60. @default 21600 (6 hours) */
  readonly timeoutSeconds?: number;
  /** Copy the job definition's and job's tags (`tags` among them) to the jobs' ECS tasks. @default true */
  readonly propagateTags?: boolean;
}

/**
 * A Batch container job definition for Fargate or EC2: vCPU/memory checked against the Fargate
 * table, a read-only root filesystem, secrets read by a separate execution role that can reach
 * only the log group, images and secrets it needs, a job role that starts with no permissions,
 * `awslogs` into its own log group with retention, a timeout, and retries for Spot reclaims only.
 *
 * Array jobs: every child gets its own attempts, timeout and log stream (`<name>/default/<task id>`);
 * children read `AWS_BATCH_JOB_ARRAY_INDEX`, which is why the `AWS_BATCH` prefix is reserved here.
 */
export class JobDefinition extends Construct implements IJobDefinition, IGrantable {
  /** Default vCPUs per attempt: 1, the smallest size that is valid on both Fargate and EC2. */
  public static readonly DEFAULT_VCPUS = 1;
  /** Default memory in MiB: 2048, the smallest Fargate allows with 1 vCPU. */
  public static readonly DEFAULT_MEMORY_MIB = 2048;
  /** Default attempts per job: 3, so two Spot reclaims in a row still let the job finish. */
  public static readonly DEFAULT_RETRY_ATTEMPTS = 3;
  /** Default attempt timeout in seconds: 6 hours, so a hung job stops instead of holding capacity forever (Batch has no default). */
  public static readonly DEFAULT_TIMEOUT_SECONDS = 21600;
  /** Default job log retention in days: a month of history without keeping logs forever. */
  public static readonly DEFAULT_LOG_RETENTION_DAYS = 30;
  /** Batch job definition names: up to 128 letters, digits, hyphens and underscores. */
  public static readonly NAME_RULE = { maxLength: 128, pattern: /^[a-zA-Z0-9_-]+$/, describe: "letters, digits, hyphens and underscores" };

  /** ARN with revision (a token). */
  public readonly jobDefinitionArn: string;
  /** ARN without the revision (a token), for permissions that survive new revisions. */
  public readonly jobDefinitionArnPrefix: string;
  /** Name of the job definition (a token). */
  public readonly jobDefinitionName: string;
  /** Where the jobs run. */
  public readonly platform: JobPlatform;
  /** The role Batch pulls the image, writes logs and reads secrets with; never the job's own role. */
  public readonly executionRole: Role;
  /** The job's role, unless `jobRoleArn` was given. */
  public readonly jobRole?: Role;
  /** ARN of the role the job runs with: the given `jobRoleArn` or the created `jobRole`. */
  public readonly jobRoleArn: string;
  /** Name of the job's log group, `/aws/batch/<name>` (a token). */
  public readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: JobDefinitionProps) {
    super(scope, id);
    checkRequiredProps(this, "JobDefinitionProps", props, { name: K.string, image: K.reference("a ContainerImage", "imageName") });
    const platform = props.platform ?? "FARGATE";
    const fargate = platform === "FARGATE";
    const vcpus = props.vcpus ?? JobDefinition.DEFAULT_VCPUS;
    const memoryMiB = props.memoryMiB ?? JobDefinition.DEFAULT_MEMORY_MIB;
    const environment = props.environment ?? {};
    const secrets = props.secrets ?? {};
    const retryAttempts = props.retryAttempts ?? JobDefinition.DEFAULT_RETRY_ATTEMPTS;
    const retryRules = props.retryRules ?? DEFAULT_RETRY_RULES;
    const timeoutSeconds = props.timeoutSeconds ?? JobDefinition.DEFAULT_TIMEOUT_SECONDS;
    const logRetentionDays = props.logRetentionDays ?? JobDefinition.DEFAULT_LOG_RETENTION_DAYS;
    const logGroupName = `/aws/batch/${props.name}`;
    this.platform = platform;

    checkName(this, "BATCH_JOB_DEFINITION_NAME", "name", props.name, JobDefinition.NAME_RULE);
    checkName(this, "LOG_GROUP_NAME", "name", logGroupName, NameRules.logGroup);
    checkTags(this, "tags", props.tags);
    checkRoleOptions(this, "roleOptions", props.roleOptions);
    checkArn(this, "JOB_ROLE_ARN", "jobRoleArn", props.jobRoleArn, "iamRole");
    checkArn(this, "JOB_LOG_KMS_KEY", "logKmsKeyArn", props.logKmsKeyArn, "kmsKey");
    checkOneOf(this, "BATCH_JOB_PLATFORM", "platform", platform, ["FARGATE", "EC2"]);
    checkOneOf(this, "LOG_RETENTION", "logRetentionDays", logRetentionDays, LOG_RETENTION_DAYS);
    checkIntegerRange(this, "BATCH_RETRY_ATTEMPTS", "retryAttempts", retryAttempts, 1, 10);
    checkIntegerRange(this, "BATCH_TIMEOUT", "timeoutSeconds", timeoutSeconds, 60, 2_147_483_647, "seconds");
    this.checkSize(fargate, vcpus, memoryMiB, props);
    this.checkEnvironment(environment, secrets);
    this.checkRetryRules(retryRules);
    props.image.validate(this, "image");
    if (props.command !== undefined && props.command.length === 0) {
      fail(this, {
        code: "BATCH_COMMAND_EMPTY",
        property: "command",
        value: [],
        allowed: "at least one argument, or no command (the image's own)",
      });
    }

    const { logGroup, executionRole } = createWorkloadLogs(this, {
      props,
      logGroupName,
      logRetentionDays,
      executionRoleName: `${props.name}-batch-execution`,
      executionRoleDescription: `Batch pulls the image, writes logs and reads secrets for ${props.name} with this role`,
      images: [props.image],
      secrets: Object.values(secrets),
    });
    this.logGroupName = logGroup.name;
    this.executionRole = executionRole;
    if (props.jobRoleArn === undefined) {
      this.jobRole = new Role(this, "JobRole", {
        name: `${props.name}-batch-job`,
        assumedBy: "ecs-tasks.amazonaws.com",
        description: `The ${props.name} job runs with this role`,
        tags: props.tags,
        ...props.roleOptions,
      });
    }
    this.jobRoleArn = props.jobRoleArn ?? this.jobRole!.roleArn;

    const definition = new BatchJobDefinition(this, "Resource", {
      name: props.name,
      type: "container",
      platformCapabilities: [platform],
      containerProperties: renderContainerProperties({
        platform,
        image: props.image.imageName,
        vcpus,
        memoryMiB,
        gpus: props.gpus,
        command: props.command,
        environment,
        secrets,
        readonlyRootFilesystem: props.readonlyRootFilesystem ?? true,
        executionRoleArn: this.executionRole.roleArn,
        jobRoleArn: this.jobRoleArn,
        logGroupName: logGroup.name,
        logStreamPrefix: props.name,
        cpuArchitecture: props.cpuArchitecture ?? "X86_64",
        ephemeralStorageGiB: props.ephemeralStorageGiB,
      }),
      parameters: props.parameters,
      retryStrategy: renderRetryStrategy(retryAttempts, retryRules),
      timeout: { attemptDurationSeconds: timeoutSeconds },
      propagateTags: props.propagateTags ?? true,
      tags: withName(props.name, props.tags),
    });
    this.jobDefinitionArn = definition.arn;
    this.jobDefinitionArnPrefix = definition.arnPrefix;
    this.jobDefinitionName = definition.name;
  }

  /** Lets the job call `actions` on exactly `resourceArns` (no `*`). Only for the role this construct created. */
  public grant(actions: readonly string[], resourceArns: readonly string[], sid?: string): void {
    this.ownJobRole();
    if (
      actions.length === 0 ||
      resourceArns.length === 0 ||
      resourceArns.some((arn) => !isToken(arn) && (arn === "*" || !arn.startsWith("arn:")))
    ) {
      fail(this, {
        code: "BATCH_GRANT",
        property: "resourceArns",
        value: resourceArns,
        allowed: 'at least one action and one or more ARNs, no "*"',
      });
    }
    this.addToPrincipalPolicy({ sid, actions, resources: resourceArns });
  }

  /**
   * Adds a statement to the job role, as `IGrantable` (`queue.grantSend(jobDefinition)`). Only for
   * the role this construct created.
   */
  public addToPrincipalPolicy(statement: PolicyStatement): void {
    this.ownJobRole().addToPolicy(statement);
  }

  private ownJobRole(): Role {
    if (this.jobRole === undefined) {
      fail(this, {
        code: "BATCH_JOB_ROLE_EXTERNAL",
        property: "jobRoleArn",
        value: this.jobRoleArn,
        allowed: "no jobRoleArn when granting through the job definition (grant on your own role instead)",
      });
    }
    return this.jobRole;
  }

  private checkSize(fargate: boolean, vcpus: number, memoryMiB: number, props: JobDefinitionProps): void {
    if (isToken(vcpus) || isToken(memoryMiB)) return;
    if (fargate) {
      const problem = fargateJobSizeProblem(vcpus, memoryMiB);
      if (problem !== undefined) {
        const property = problem.startsWith("vcpus") ? "vcpus" : "memoryMiB";
        fail(this, { code: "BATCH_FARGATE_SIZE", property, value: property === "vcpus" ? vcpus : memoryMiB, allowed: problem });
      }
      if (props.gpus !== undefined) {
        fail(this, { code: "BATCH_EC2_ONLY", property: "gpus", value: props.gpus, allowed: 'no gpus on Fargate (use platform "EC2")' });
      }
      checkIntegerRange(this, "BATCH_EPHEMERAL_STORAGE", "ephemeralStorageGiB", props.ephemeralStorageGiB, 21, 200, "GiB");
      checkOneOf(this, "BATCH_CPU_ARCHITECTURE", "cpuArchitecture", props.cpuArchitecture, ["X86_64", "ARM64"]);
      return;
    }
    checkIntegerRange(this, "BATCH_EC2_VCPUS", "vcpus", vcpus, 1, 10_000);
    checkIntegerRange(this, "BATCH_EC2_MEMORY", "memoryMiB", memoryMiB, 4, 24_576_000, "MiB");
    checkIntegerRange(this, "BATCH_GPUS", "gpus", props.gpus, 1, 64);
    for (const property of ["cpuArchitecture", "ephemeralStorageGiB"] as const) {
      if (props[property] !== undefined) {
        fail(this, {
          code: "BATCH_FARGATE_ONLY",
          property,
          value: props[property],
          allowed: `no ${property} on EC2 (the instance decides it)`,
        });
      }
    }
  }

  private checkEnvironment(environment: Record<string, string>, secrets: Record<string, Secret>): void {
    const names = [...Object.keys(environment), ...Object.keys(secrets)];
    for (const name of names) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name.toUpperCase().startsWith("AWS_BATCH")) {
        fail(this, {
          code: "BATCH_ENVIRONMENT_NAME",
          property: name in secrets ? `secrets.${name}` : `environment.${name}`,
          value: name,
          allowed: "a variable name of letters, digits and underscores, not starting with a digit or AWS_BATCH (reserved by Batch)",
        });
      }
      if (name in environment && name in secrets) {
        fail(this, {
          code: "BATCH_ENVIRONMENT_DUPLICATE",
          property: `secrets.${name}`,
          value: name,
          allowed: "a name not also set in environment",
        });
      }
    }
    for (const [name, secret] of Object.entries(secrets)) secret.validate(this, `secrets.${name}`);
  }

  private checkRetryRules(rules: readonly RetryRule[]): void {
    if (rules.length > MAX_RETRY_RULES) {
      fail(this, {
        code: "BATCH_RETRY_RULES",
        property: "retryRules",
        value: `${rules.length} rules`,
        allowed: `at most ${MAX_RETRY_RULES} rules`,
      });
    }
    rules.forEach((rule, i) => {
      checkOneOf(this, "BATCH_RETRY_ACTION", `retryRules[${i}].action`, rule.action, ["RETRY", "EXIT"]);
      if (rule.onExitCode === undefined && rule.onReason === undefined && rule.onStatusReason === undefined) {
        fail(this, {
          code: "BATCH_RETRY_CONDITION",
          property: `retryRules[${i}]`,
          value: rule,
          allowed: "at least one of onExitCode, onReason, onStatusReason",
        });
      }
      const patterns: Array<[string, string | undefined, RegExp, string]> = [
        ["onExitCode", rule.onExitCode, EXIT_CODE_PATTERN, "digits, optionally ending in *"],
        ["onReason", rule.onReason, REASON_PATTERN, "letters, digits, periods, colons and spaces, optionally ending in *"],
        ["onStatusReason", rule.onStatusReason, REASON_PATTERN, "letters, digits, periods, colons and spaces, optionally ending in *"],
      ];
      for (const [property, value, pattern, describe] of patterns) {
        if (value === undefined || isToken(value)) continue;
        if (value.length === 0 || value.length > 512 || !pattern.test(value)) {
          fail(this, {
            code: "BATCH_RETRY_PATTERN",
            property: `retryRules[${i}].${property}`,
            value,
            allowed: `1 to 512 characters of ${describe}`,
          });
        }
      }
    });
  }
}
