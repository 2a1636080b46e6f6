import type { InterfaceEndpointService, NatMode, SubnetTiers } from "../../src";

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

export type EnvironmentClass = "production" | "non-production";

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
  readonly backend: BackendConfig;
  readonly network: NetworkConfig;
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
