import { InterfaceEndpointPresets } from "../../src";
import type { EnvironmentConfig } from "./types";

/**
 * What every environment shares. Environments derive from it with `deriveEnvironment` and change
 * only what differs (account, sizing, NAT, protection).
 */
export const base: EnvironmentConfig = {
  name: "base",
  org: "acme",
  environmentClass: "non-production",
  accountId: "111111111111",
  region: "eu-west-1",
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  backend: { type: "s3", bucket: "acme-terraform-state", region: "eu-west-1" },
  network: {
    cidr: "10.10.0.0/16",
    natGateways: "single",
    tiers: { public: { prefixLength: 24 }, private: { prefixLength: 20 } },
    interfaceEndpoints: InterfaceEndpointPresets.FARGATE_WITHOUT_NAT,
    flowLogRetentionDays: 90,
  },
  tags: {
    Environment: "base",
    Owner: "platform-team",
    CostCenter: "cc-1001",
    Application: "ecs-platform",
    DataClassification: "internal",
  },
};
