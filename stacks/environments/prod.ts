import { base } from "./base";
import { deriveEnvironment } from "./define";

/** Production: three AZs, one NAT gateway per AZ, long retention, prevent_destroy on stateful resources. */
export const prod = deriveEnvironment(base, {
  name: "prod",
  environmentClass: "production",
  accountId: "333333333333",
  deployRoleArn: "arn:aws:iam::333333333333:role/acme-terraform-deploy",
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  backend: { type: "s3", bucket: "acme-terraform-state-333333333333", region: "eu-west-1", kmsKeyId: "alias/acme-terraform-state" },
  network: { cidr: "10.30.0.0/16", natGateways: "perAz", flowLogRetentionDays: 365 },
  tags: { Environment: "prod", DataClassification: "confidential" },
});
