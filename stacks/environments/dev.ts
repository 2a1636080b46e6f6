import { base } from "./base";
import { deriveEnvironment } from "./define";

/** Development: two AZs, one shared NAT gateway, short retention, four in five tasks on Fargate Spot with no on-demand base, HTTP only, scaled to zero at night. */
export const dev = deriveEnvironment(base, {
  name: "dev",
  accountId: "111111111111",
  deployRoleArn: "arn:aws:iam::111111111111:role/acme-terraform-deploy",
  backend: { type: "s3", bucket: "acme-terraform-state-111111111111", region: "eu-west-1" },
  network: { cidr: "10.10.0.0/16", natGateways: "single", flowLogRetentionDays: 30 },
  cluster: { fargateBase: 0, fargateWeight: 1, fargateSpotWeight: 4 },
  services: {
    web: { kind: "web", minCapacity: 1, maxCapacity: 3, scaleToZeroAtNight: true },
    worker: { kind: "worker", maxCapacity: 2 },
  },
  batch: { maxVcpus: 8 },
  logRetentionDays: 7,
  tags: { Environment: "dev" },
});
