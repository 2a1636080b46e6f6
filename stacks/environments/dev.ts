import { base } from "./base";
import { deriveEnvironment } from "./define";

/** Development: two AZs, one shared NAT gateway, short log retention, Spot-heavy capacity. */
export const dev = deriveEnvironment(base, {
  name: "dev",
  accountId: "111111111111",
  deployRoleArn: "arn:aws:iam::111111111111:role/acme-terraform-deploy",
  backend: { type: "s3", bucket: "acme-terraform-state-111111111111", region: "eu-west-1" },
  network: { cidr: "10.10.0.0/16", natGateways: "single", flowLogRetentionDays: 30 },
  tags: { Environment: "dev" },
});
