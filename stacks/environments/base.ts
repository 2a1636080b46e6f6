import { InterfaceEndpointPresets } from "../../src";
import { accountSettings, bootstrapConfig, imageRegistry } from "../bootstrap/config";
import images from "./images.json";
import type { EnvironmentConfig } from "./types";

/**
 * The image version each repository runs, in every environment that does not pin its own: the one
 * line the image workflow's pull request changes (config-driven delivery, docs/delivery.md).
 */
export const IMAGE_TAGS: Readonly<Record<string, string>> = images;

/**
 * What every environment shares. Environments derive from it with `deriveEnvironment` and change
 * only what differs (account, sizing, NAT, protection).
 */
export const base: EnvironmentConfig = {
  name: "base",
  org: "acme",
  environmentClass: "non-production",
  ...accountSettings("dev"),
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  // Images are built once and pulled from the shared registry account (see stacks/bootstrap/config.ts).
  imageRegistry: imageRegistry(),
  platformRepository: bootstrapConfig.github.repository,
  network: {
    cidr: "10.10.0.0/16",
    natGateways: "single",
    // New environments take the stable slot layout at these sizes; dev, staging and prod pin the blocks they were deployed with.
    tiers: { public: { prefixLength: 24 }, private: { prefixLength: 20 } },
    interfaceEndpoints: InterfaceEndpointPresets.FARGATE_WITHOUT_NAT,
    flowLogRetentionDays: 90,
  },
  cluster: { fargateBase: 1, fargateWeight: 1, fargateSpotWeight: 3, containerInsights: "enabled" },
  ingress: { deletionProtection: false },
  services: {
    web: {
      kind: "web",
      repository: "acme/web",
      imageTag: IMAGE_TAGS["acme/web"],
      cpu: 512,
      memoryMiB: 1024,
      architecture: "ARM64",
      containerPort: 8080,
      healthCheckPath: "/health",
      priority: 100,
      pathPatterns: ["/*"],
      minCapacity: 2,
      maxCapacity: 10,
      cpuTargetPercent: 60,
    },
    worker: {
      kind: "worker",
      repository: "acme/worker",
      imageTag: IMAGE_TAGS["acme/worker"],
      cpu: 256,
      memoryMiB: 512,
      architecture: "ARM64",
      maxCapacity: 10,
    },
  },
  scheduledTasks: {
    report: {
      repository: "acme/report",
      imageTag: IMAGE_TAGS["acme/report"],
      cpu: 512,
      memoryMiB: 1024,
      architecture: "X86_64",
      command: ["report", "--nightly"],
      schedule: "cron(0 2 * * ? *)",
      timeZone: "Europe/Dublin",
    },
  },
  batch: {
    maxVcpus: 32,
    jobs: {
      reindex: {
        repository: "acme/reindex",
        imageTag: IMAGE_TAGS["acme/reindex"],
        vcpus: 1,
        memoryMiB: 2048,
        command: ["reindex", "--all"],
      },
    },
  },
  operations: {
    monthlyBudgetUsd: 500,
    notificationEmails: ["platform-alerts@acme.example"],
    budgetEmails: ["platform-finance@acme.example"],
  },
  logRetentionDays: 30,
  tags: {
    Environment: "base",
    Owner: "platform-team",
    CostCenter: "cc-1001",
    Application: "ecs-platform",
    DataClassification: "internal",
  },
};
