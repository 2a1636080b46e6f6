import { base } from "./base";
import { deriveEnvironment } from "./define";

/** Staging: production-shaped network in its own account, still non-production class. */
export const staging = deriveEnvironment(base, {
  name: "staging",
  accountId: "222222222222",
  deployRoleArn: "arn:aws:iam::222222222222:role/acme-terraform-deploy",
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  backend: { type: "s3", bucket: "acme-terraform-state-222222222222", region: "eu-west-1" },
  network: { cidr: "10.20.0.0/16", natGateways: "single", flowLogRetentionDays: 90 },
  ingress: {
    certificateArn: "arn:aws:acm:eu-west-1:222222222222:certificate/2c0e1f3a-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
    deletionProtection: false,
  },
  tags: { Environment: "staging" },
});
