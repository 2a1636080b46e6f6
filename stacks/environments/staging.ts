import { accountSettings } from "../bootstrap/config";
import { base } from "./base";
import { deriveEnvironment } from "./define";

/** Staging: production-shaped network in its own account, still non-production class. */
export const staging = deriveEnvironment(base, {
  name: "staging",
  ...accountSettings("staging"),
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  network: {
    cidr: "10.20.0.0/16",
    natGateways: "single",
    // The blocks staging was deployed with (0.1's packed layout), pinned so the stable slot layout moves nothing.
    tiers: {
      public: { cidrBlocks: ["10.20.48.0/24", "10.20.49.0/24", "10.20.50.0/24"] },
      private: { cidrBlocks: ["10.20.0.0/20", "10.20.16.0/20", "10.20.32.0/20"] },
    },
    flowLogRetentionDays: 90,
  },
  ingress: {
    certificateArn: "arn:aws:acm:eu-west-1:222222222222:certificate/2c0e1f3a-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
    deletionProtection: false,
  },
  operations: { monthlyBudgetUsd: 800 },
  tags: { Environment: "staging" },
});
