import { accountSettings } from "../bootstrap/config";
import { base } from "./base";
import { deriveEnvironment } from "./define";

/** Production: three AZs, a NAT gateway per AZ, an on-demand base, HTTPS with deletion protection, prevent_destroy on stateful resources. */
export const prod = deriveEnvironment(base, {
  name: "prod",
  environmentClass: "production",
  ...accountSettings("prod"),
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  network: {
    cidr: "10.30.0.0/16",
    natGateways: "perAz",
    // The blocks prod was deployed with (0.1's packed layout), pinned so the stable slot layout moves nothing.
    tiers: {
      public: { cidrBlocks: ["10.30.48.0/24", "10.30.49.0/24", "10.30.50.0/24"] },
      private: { cidrBlocks: ["10.30.0.0/20", "10.30.16.0/20", "10.30.32.0/20"] },
    },
    flowLogRetentionDays: 365,
  },
  // Fargate ephemeral storage (image layers, scratch space of confidential workloads) under a key the account controls.
  cluster: { fargateBase: 2, fargateWeight: 1, fargateSpotWeight: 1, containerInsights: "enhanced", fargateStorageEncryption: {} },
  ingress: {
    certificateArn: "arn:aws:acm:eu-west-1:333333333333:certificate/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
    deletionProtection: true,
  },
  services: {
    web: { kind: "web", minCapacity: 3, maxCapacity: 30 },
    worker: { kind: "worker", maxCapacity: 20 },
  },
  batch: { maxVcpus: 128 },
  operations: {
    // Owned by the on-call team; its policy lets EventBridge and AWS Budgets of this account publish.
    onCallTopicArn: "arn:aws:sns:eu-west-1:333333333333:acme-oncall",
    notificationEmails: [],
    monthlyBudgetUsd: 1000,
    fargateMonthlyBudgetUsd: 250,
    budgetEmails: ["platform-finance@acme.example"],
  },
  logRetentionDays: 365,
  tags: { Environment: "prod", DataClassification: "confidential" },
});
