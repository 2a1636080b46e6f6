import { App, TerraformStack } from "cdktf";
import { buildAppTeam } from "../../examples/app-team/main";
import { buildEc2Capacity } from "../../examples/ec2-capacity/main";
import { buildMicroservices } from "../../examples/microservices/main";
import { buildEcsAnywhere } from "../../examples/ecs-anywhere/main";
import { buildMinimal } from "../../examples/minimal/main";
import { buildWorkersAndJobs } from "../../examples/workers-and-jobs/main";
import { BootstrapStack } from "../../stacks/bootstrap-stack";
import { bootstrapConfig } from "../../stacks/bootstrap/config";
import { buildGeneratedSplit } from "../../scripts/bench/generated-stack";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { loadEnvironments } from "../../stacks/environments";
import { scheduledJobsOfflineStack } from "../batch/offline-stack";
import { deliveryOfflineStack } from "../bootstrap/offline-stack";
import { boundaryOfflineStack } from "../core/boundary-offline-stack";
import { clusterOfflineStack } from "../cluster/offline-stack";
import { dnsOfflineStack } from "../dns/offline-stack";
import { ingressOfflineStack } from "../ingress/offline-stack";
import { networkOfflineStack } from "../network/offline-stack";
import { operationsOfflineStack } from "../notifications/offline-stack";
import { reviewOfflineStack } from "../plan-review/fixtures/review-stack";
import { policyOfflineStack } from "../policy/offline-stack";
import { RegistryStack } from "../../stacks/registry-stack";
import { servicesOfflineStack } from "../service/offline-stack";

/**
 * Every stack the suite checks against the real provider: the environment stacks, the examples,
 * and one stack per module exercising all its features. They are planned together in one
 * Terraform run (see offline-plans.ts).
 */
export const OFFLINE_STACKS: ReadonlyArray<(app: App) => TerraformStack | TerraformStack[]> = [
  (app) => loadEnvironments({}).map((config) => new EnvironmentStack(app, config)),
  (app) => [
    ...Object.keys(bootstrapConfig.accounts).map((account) => new BootstrapStack(app, bootstrapConfig, account)),
    new RegistryStack(app, bootstrapConfig),
  ],
  buildMinimal,
  buildMicroservices,
  buildWorkersAndJobs,
  buildEc2Capacity,
  // An application team's stack on the platform's cluster, from the platform's outputs.
  (app) => buildAppTeam(app),
  buildEcsAnywhere,
  clusterOfflineStack,
  ingressOfflineStack,
  servicesOfflineStack,
  scheduledJobsOfflineStack,
  reviewOfflineStack,
  policyOfflineStack,
  deliveryOfflineStack,
  operationsOfflineStack,
  // The split-stack layout: a platform stack and two service groups reading it (cross-stack references).
  (app) => buildGeneratedSplit(app, 4, 2, "split"),
  dnsOfflineStack,
  networkOfflineStack,
  // Every kind of library role under one stack-wide permissions boundary and path.
  boundaryOfflineStack,
];
