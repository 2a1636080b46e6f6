import type {
  ContainerInsights,
  Ec2CapacityProviderOptions,
  FargateStorageEncryptionOptions,
  InterfaceEndpointService,
  NatMode,
  SubnetTiers,
} from "../../src";
import type { EnvironmentClass } from "../../src/policy";

/** Where a stack keeps its state. */
export type BackendConfig =
  | { readonly type: "local"; readonly path?: string }
  | {
      readonly type: "s3";
      readonly bucket: string;
      readonly region: string;
      /** @default - `<org>/<environment>/terraform.tfstate` */
      readonly key?: string;
      /** Lock with an S3 lock file (Terraform 1.10+). @default true unless dynamodbTable is set */
      readonly useLockfile?: boolean;
      /** Lock with a DynamoDB table instead (older setups). @default - none */
      readonly dynamodbTable?: string;
      /** KMS key for state encryption. @default - S3-managed keys */
      readonly kmsKeyId?: string;
    };

/** Production or not: decides the guardrails' severities and `prevent_destroy` (the policy pack's own type). */
export type { EnvironmentClass };

export interface NetworkConfig {
  readonly cidr: string;
  readonly natGateways: NatMode;
  /** @default public and private tiers, sized automatically */
  readonly tiers?: SubnetTiers;
  /** @default [] */
  readonly interfaceEndpoints?: readonly InterfaceEndpointService[];
  /** @default 90 */
  readonly flowLogRetentionDays?: number;
}

/** Cluster capacity: the default strategy splits tasks between Fargate and Fargate Spot. */
export interface ClusterConfig {
  /** Tasks always on regular Fargate before weights apply. */
  readonly fargateBase: number;
  readonly fargateWeight: number;
  readonly fargateSpotWeight: number;
  readonly containerInsights: ContainerInsights;
  /** EC2 Auto Scaling group capacity providers by key. @default - none */
  readonly ec2CapacityProviders?: Record<string, Ec2CapacityProviderOptions>;
  /**
   * Encrypt the Fargate tasks' ephemeral storage with a customer managed key (a rotating KMS key
   * whose policy lets Fargate use it for this cluster only). Turning it on updates the cluster in place;
   * tasks started afterwards use the key.
   * @default - none: Fargate encrypts ephemeral storage with an AWS owned key
   */
  readonly fargateStorageEncryption?: FargateStorageEncryptionOptions;
}

export interface IngressConfig {
  /** ACM certificate for the public HTTPS listener. @default - HTTP only (not allowed in production) */
  readonly certificateArn?: string;
  readonly deletionProtection: boolean;
}

/**
 * Where operational events and budget alerts go, and the environment's monthly budget.
 * Amounts are in USD, the currency of the plan review's price table, so the review can compare them.
 */
export interface OperationsConfig {
  /**
   * An existing SNS topic the on-call rota is paged from, in the environment's account and region.
   * Owner: the on-call team (it is created and subscribed outside this repository). Its policy must
   * let `events.amazonaws.com` (the stack's notification rules) and `budgets.amazonaws.com` publish,
   * and its KMS key, if it has one, let them use it.
   * @default - the stack creates an encrypted topic `<org>-<env>-operations`
   */
  readonly onCallTopicArn?: string;
  /** E-mail addresses subscribed to the topic the stack creates (not used with onCallTopicArn). @default - none */
  readonly notificationEmails?: readonly string[];
  /** The monthly AWS Budgets limit of everything tagged with the environment's `Environment` tag, in USD. */
  readonly monthlyBudgetUsd: number;
  /** E-mail addresses the budget notifies besides the topic (finance, the budget owner). @default - none */
  readonly budgetEmails?: readonly string[];
  /** A second monthly budget on the environment's ECS (Fargate) cost, in USD. @default - none */
  readonly fargateMonthlyBudgetUsd?: number;
}

/** Sizing shared by every kind of workload. */
export interface WorkloadSize {
  /**
   * The key this workload had before it was renamed: its resources move to the new key's addresses
   * (Terraform `moved` blocks) and keep their AWS names, so the rename replaces nothing.
   * @default - not renamed
   */
  readonly renamedFrom?: string;
  /** ECS Exec into the workload's containers (services only), audited by the cluster. @default false */
  readonly enableExec?: boolean;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly architecture: "X86_64" | "ARM64";
}

/**
 * How new images reach a service: `config` (the default) through the image tag in the config and a
 * pull request; `ci` through the application repository's image workflow, which registers task
 * definitions and updates the service itself (Terraform then ignores the running revision).
 */
export type ServiceDelivery = { readonly mode: "config" } | { readonly mode: "ci"; readonly repository: string };

/** A web service behind the public load balancer. */
export interface WebServiceConfig extends WorkloadSize {
  readonly kind: "web";
  /** Image repository name in the registry account's ECR, e.g. `acme/web`. */
  readonly repository: string;
  /** The image version: an immutable tag (`1.4.2`, a git SHA) or a digest (`sha256:<64 hex>`). */
  readonly imageTag: string;
  readonly containerPort: number;
  readonly healthCheckPath: string;
  /** Listener rule priority on the public load balancer (unique per environment). */
  readonly priority: number;
  readonly pathPatterns: readonly string[];
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly cpuTargetPercent: number;
  /**
   * Seconds Service Connect waits for a whole response from this service before failing the request
   * (AWS's default of 15 cuts off slow reports and uploads); other services in the environment reach it
   * at `http://<key>`. @default 60
   */
  readonly requestTimeoutSeconds?: number;
  /** Scale to zero from 20:00 to 07:00 UTC on weekdays and at weekends (dev). @default false */
  readonly scaleToZeroAtNight?: boolean;
  /** @default { mode: "config" } */
  readonly delivery?: ServiceDelivery;
}

/** A queue worker scaled on the depth of its own SQS queue, on Fargate Spot. */
export interface WorkerServiceConfig extends WorkloadSize {
  readonly kind: "worker";
  readonly repository: string;
  readonly imageTag: string;
  readonly maxCapacity: number;
  /** @default { mode: "config" } */
  readonly delivery?: ServiceDelivery;
}

export type ServiceConfig = WebServiceConfig | WorkerServiceConfig;

export interface ScheduledTaskConfig extends WorkloadSize {
  readonly repository: string;
  readonly imageTag: string;
  readonly command: readonly string[];
  /** `cron(...)` or `rate(...)`. */
  readonly schedule: string;
  readonly timeZone: string;
}

export interface BatchConfig {
  /** vCPUs the Fargate Spot environment may use; the Fargate fallback gets a quarter. */
  readonly maxVcpus: number;
  readonly jobs: Record<
    string,
    {
      readonly repository: string;
      readonly imageTag: string;
      readonly vcpus: number;
      readonly memoryMiB: number;
      readonly command: readonly string[];
    }
  >;
}

/** Everything that differs between environments; checked by `validateEnvironmentConfig` when loaded. */
export interface EnvironmentConfig {
  /** Stack name and the `<env>` in names, e.g. `dev`, `pr-123`: lowercase letters, digits, hyphens. */
  readonly name: string;
  /** Organisation prefix of every name: `<org>-<env>-<component>`. */
  readonly org: string;
  /** Production-class environments get prevent_destroy, deletion protection and stricter guardrails. */
  readonly environmentClass: EnvironmentClass;
  /** The AWS account the environment lives in; the provider refuses any other. */
  readonly accountId: string;
  readonly region: string;
  readonly availabilityZones: readonly string[];
  /** Role the provider assumes to deploy, per environment account. @default - the caller's credentials */
  readonly deployRoleArn?: string;
  /**
   * Permissions boundary (a customer managed policy of the environment's account) on every IAM role the
   * stack creates, checked by the guardrail IAM-003; accounts whose SCPs require one set it.
   * @default - no boundary
   */
  readonly permissionsBoundaryArn?: string;
  /** IAM path of every role the stack creates, e.g. `/platform/`; changing it replaces the roles. @default - "/" */
  readonly rolePath?: string;
  /** The account (and region) whose ECR repositories the images are pulled from. @default - the environment's own account and region */
  readonly imageRegistry?: { readonly accountId: string; readonly region: string };
  /**
   * `owner/name` of this platform repository, whose reusable image workflow CI-driven services'
   * deploy roles trust. @default - none (CI-driven delivery unavailable)
   */
  readonly platformRepository?: string;
  readonly backend: BackendConfig;
  readonly network: NetworkConfig;
  readonly cluster: ClusterConfig;
  readonly ingress: IngressConfig;
  /** Long-running services by key (the key names them: `<org>-<env>-<key>`). */
  readonly services: Record<string, ServiceConfig>;
  readonly scheduledTasks: Record<string, ScheduledTaskConfig>;
  readonly batch: BatchConfig;
  /** Notifications and the budget. */
  readonly operations: OperationsConfig;
  /** Days container logs are kept. */
  readonly logRetentionDays: number;
  /** Tags on every resource (through the provider's default_tags). */
  readonly tags: EnvironmentTags;
}

/** The tags every environment must carry. */
export interface EnvironmentTags {
  readonly Environment: string;
  readonly Owner: string;
  readonly CostCenter: string;
  readonly Application: string;
  readonly DataClassification: string;
  readonly [key: string]: string;
}

export const REQUIRED_TAGS: readonly (keyof EnvironmentTags & string)[] = [
  "Environment",
  "Owner",
  "CostCenter",
  "Application",
  "DataClassification",
];
