import { accountSettings } from "../bootstrap/config";
import { base } from "./base";
import { deriveEnvironment } from "./define";

/** Development: two AZs, one shared NAT gateway, short retention, four in five tasks on Fargate Spot with no on-demand base, HTTP only, scaled to zero at night. */
export const dev = deriveEnvironment(base, {
  name: "dev",
  // Account, state bucket and deploy role come from the bootstrap config, so they always match a bootstrap stack.
  ...accountSettings("dev"),
  network: {
    cidr: "10.10.0.0/16",
    natGateways: "single",
    // The blocks dev was deployed with (0.1's packed layout), pinned so the stable slot layout moves
    // nothing; the third entries reserve eu-west-1c's subnets, so adding that zone adds only them.
    tiers: {
      public: { cidrBlocks: ["10.10.32.0/24", "10.10.33.0/24", "10.10.34.0/24"] },
      private: { cidrBlocks: ["10.10.0.0/20", "10.10.16.0/20", "10.10.48.0/20"] },
    },
    flowLogRetentionDays: 30,
  },
  cluster: { fargateBase: 0, fargateWeight: 1, fargateSpotWeight: 4 },
  services: {
    web: { kind: "web", minCapacity: 1, maxCapacity: 3, scaleToZeroAtNight: true },
    worker: { kind: "worker", maxCapacity: 2 },
  },
  batch: { maxVcpus: 8 },
  // Below the plan review's estimate on purpose: the review flags it and its cost advice says where the money goes.
  operations: { monthlyBudgetUsd: 250 },
  logRetentionDays: 7,
  tags: { Environment: "dev" },
});
