import { Aspects, LocalBackend, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Network, PreventDestroy, useAwsProviderRange } from "../src";
import type { EnvironmentConfig } from "./environments/types";

/**
 * One deployable environment (`cdktf deploy <name>`): owns the aws provider, the state backend and
 * default tags, and composes the library's modules from an {@link EnvironmentConfig}.
 */
export class EnvironmentStack extends TerraformStack {
  public readonly config: EnvironmentConfig;
  /** `<org>-<env>`, the prefix of every name in the stack. */
  public readonly prefix: string;
  public readonly network: Network;

  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, config.name);
    this.config = config;
    this.prefix = `${config.org}-${config.name}`;

    new AwsProvider(this, "aws", {
      region: config.region,
      // A plan or apply with credentials for any other account fails before touching anything.
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { ...config.tags } }],
      assumeRole: config.deployRoleArn ? [{ roleArn: config.deployRoleArn, sessionName: `cdktf-${config.name}` }] : undefined,
    });
    useAwsProviderRange(this);
    this.configureBackend();

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

    if (config.environmentClass === "production") {
      Aspects.of(this).add(new PreventDestroy());
    }

    new TerraformOutput(this, "vpc_id", { value: this.network.vpcId, description: "VPC id" });
    new TerraformOutput(this, "private_subnet_ids", { value: this.network.privateSubnetIds, description: "Private subnet ids" });
    new TerraformOutput(this, "public_subnet_ids", { value: this.network.publicSubnetIds, description: "Public subnet ids" });
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
