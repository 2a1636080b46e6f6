import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Network, useAwsProviderRange } from "../src";
import type { EnvironmentConfig } from "./environments/types";

/**
 * One deployable environment: owns the aws provider, the state backend and default tags, and
 * composes the library's modules from an {@link EnvironmentConfig}.
 */
export class EnvironmentStack extends TerraformStack {
  public readonly network: Network;

  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, config.name);
    const prefix = `${config.org}-${config.name}`;

    new AwsProvider(this, "aws", {
      region: config.region,
      // A plan against the wrong account fails before it reads anything.
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { ...config.tags } }],
      assumeRole: config.deployRoleArn ? [{ roleArn: config.deployRoleArn, sessionName: `cdktf-${config.name}` }] : undefined,
    });
    useAwsProviderRange(this);
    this.configureBackend(config);

    this.network = new Network(this, "Network", {
      name: prefix,
      cidr: config.network.cidr,
      availabilityZones: config.availabilityZones,
      region: config.region,
      tiers: config.network.tiers,
      natGateways: config.network.natGateways,
      interfaceEndpoints: config.network.interfaceEndpoints,
      flowLogs: { retentionDays: config.network.flowLogRetentionDays },
    });

    new TerraformOutput(this, "vpc_id", { value: this.network.vpcId, description: "VPC id" });
    new TerraformOutput(this, "private_subnet_ids", { value: this.network.privateSubnetIds, description: "Private subnet ids" });
    new TerraformOutput(this, "public_subnet_ids", { value: this.network.publicSubnetIds, description: "Public subnet ids" });
  }

  private configureBackend(config: EnvironmentConfig): void {
    const backend = config.backend;
    if (backend.type === "local") {
      new LocalBackend(this, { path: backend.path ?? `terraform.${config.name}.tfstate` });
      return;
    }
    new S3Backend(this, {
      bucket: backend.bucket,
      key: backend.key ?? `${config.org}/${config.name}/terraform.tfstate`,
      region: backend.region,
      encrypt: true,
      kmsKeyId: backend.kmsKeyId,
      dynamodbTable: backend.dynamodbTable,
    });
    if (backend.useLockfile ?? backend.dynamodbTable === undefined) {
      // cdktf 0.21's S3Backend has no use_lockfile yet.
      this.addOverride("terraform.backend.s3.use_lockfile", true);
    }
  }
}
