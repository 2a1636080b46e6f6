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
      /** Lock with an S3 lock file (Terraform 1.10+). @default true */
      readonly useLockfile?: boolean;
      /** Lock with a DynamoDB table instead (older setups). @default - none */
      readonly dynamodbTable?: string;
      /** KMS key for state encryption. @default - S3-managed keys */
      readonly kmsKeyId?: string;
    };

/** Everything that differs between environments; validated by `validateEnvironmentConfig`. */
export interface EnvironmentConfig {
  /** Stack name and the `<env>` in names, e.g. `dev`, `pr-123`. */
  readonly name: string;
  /** Organisation prefix of every name: `<org>-<env>-<component>`. */
  readonly org: string;
  /** Production-class environments get stricter defaults and guardrails. */
  readonly environmentClass: "production" | "non-production";
  /** The AWS account the environment lives in; the provider refuses any other. */
  readonly accountId: string;
  readonly region: string;
  readonly availabilityZones: readonly string[];
  /** Role the provider assumes to deploy, per environment account. @default - the caller's credentials */
  readonly deployRoleArn?: string;
  readonly backend: BackendConfig;
  readonly network: {
    readonly cidr: string;
    readonly natGateways: NatMode;
    readonly tiers?: SubnetTiers;
    readonly interfaceEndpoints?: readonly InterfaceEndpointService[];
    readonly flowLogRetentionDays?: number;
  };
  /** Tags on every resource (through the provider's default_tags). */
  readonly tags: {
    readonly Environment: string;
    readonly Owner: string;
    readonly CostCenter: string;
    readonly Application: string;
    readonly DataClassification: string;
    readonly [key: string]: string;
  };
}
