import { Construct } from "constructs";
import { JobQueue } from "../../src/batch/job-queue";
import { ComputeEnvironment } from "../../src/batch/compute-environment";
import { Service } from "../../src/service/service";
import { platform, webTask } from "../service/fixtures";

export const ONCALL_TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:acme-oncall";

/** The service fixtures' platform with two services, `acme-test-web` and `acme-test-api`, and a Batch queue. */
export function watched(scope: Construct) {
  const { cluster, network } = platform(scope);
  const web = new Service(scope, "Web", { name: "acme-test-web", cluster, taskDefinition: webTask(scope, "WebTask") });
  const api = new Service(scope, "Api", {
    name: "acme-test-api",
    cluster,
    taskDefinition: webTask(scope, "ApiTask", { name: "acme-test-api" }),
  });
  const ce = new ComputeEnvironment(scope, "Ce", { name: "acme-test-spot", type: "FARGATE_SPOT", network });
  const jobQueue = new JobQueue(scope, "Queue", { name: "acme-test-jobs", computeEnvironments: [{ computeEnvironment: ce, order: 1 }] });
  return { cluster, network, web, api, jobQueue };
}
