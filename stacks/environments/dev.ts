import { InterfaceEndpointPresets } from "../../src";
import type { EnvironmentConfig } from "./types";

/** Development: small, two AZs, one shared NAT gateway, endpoints so image pulls and logs skip NAT. */
export const dev: EnvironmentConfig = {
  name: "dev",
  org: "acme",
  environmentClass: "non-production",
  accountId: "111111111111",
  region: "eu-west-1",
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  backend: { type: "s3", bucket: "acme-terraform-state-111111111111", region: "eu-west-1" },
  network: {
    cidr: "10.10.0.0/16",
    natGateways: "single",
    interfaceEndpoints: InterfaceEndpointPresets.FARGATE_WITHOUT_NAT,
    flowLogRetentionDays: 30,
  },
  tags: {
    Environment: "dev",
    Owner: "platform-team",
    CostCenter: "cc-1001",
    Application: "ecs-platform",
    DataClassification: "internal",
  },
};
