import { Construct } from "constructs";
import { LoadBalancedWebService, LoadBalancedWebServiceProps } from "../../src/patterns/load-balanced-web-service";
import { QueueProcessingService, QueueProcessingServiceProps } from "../../src/patterns/queue-processing-service";
import { expectedMessage, Rejection, testRejections } from "../helpers";
import { platform, webTask, workerTaskAndQueue } from "./fixtures";

function web(props: Partial<LoadBalancedWebServiceProps>): (scope: Construct) => void {
  return (scope) => {
    const { cluster, alb } = platform(scope);
    new LoadBalancedWebService(scope, "Web", {
      name: "acme-test-web",
      cluster,
      taskDefinition: webTask(scope),
      loadBalancer: { listener: alb.listener, priority: 10, pathPatterns: ["/*"] },
      ...props,
    });
  };
}

function worker(props: Partial<QueueProcessingServiceProps>): (scope: Construct) => void {
  return (scope) => {
    const { cluster } = platform(scope);
    const { queue, task } = workerTaskAndQueue(scope);
    new QueueProcessingService(scope, "Worker", { name: "acme-test-worker", cluster, taskDefinition: task, queue, ...props });
  };
}

const cases: Rejection[] = [
  [
    "a web service that may run no task",
    web({ minCapacity: 0 }),
    expectedMessage(
      "test/Web",
      "minCapacity",
      0,
      "at least 1 (target tracking cannot start a service from zero; use scaleToZero for scheduled zero)",
      "WEB_SERVICE_MIN_CAPACITY",
    ),
  ],
  [
    "a web service with maxCapacity below minCapacity",
    web({ minCapacity: 5, maxCapacity: 3 }),
    expectedMessage("test/Web", "minCapacity", 5, "a value no greater than maxCapacity (3)", "WEB_SERVICE_MIN_ABOVE_MAX"),
  ],
  [
    "a CPU target above 100%",
    web({ cpuTargetPercent: 120 }),
    expectedMessage("test/Web", "cpuTargetPercent", 120, "a number from 1 to 100", "WEB_SERVICE_CPU_TARGET"),
  ],
  [
    "a scale-to-zero schedule that is not cron, rate or at",
    web({ scaleToZero: { stopSchedule: "every evening", startSchedule: "cron(0 7 ? * MON-FRI *)" } }),
    expectedMessage(
      "test/Web/Default",
      "autoScaling.scheduled.evening.schedule",
      "every evening",
      "an expression of the form cron(...), rate(...) or at(...)",
      "AUTOSCALING_SCHEDULE",
    ),
  ],
  [
    "a web task definition with no port the load balancer could reach",
    (scope) => {
      const { cluster, alb } = platform(scope);
      const { task } = workerTaskAndQueue(scope);
      new LoadBalancedWebService(scope, "Web", {
        name: "acme-test-web",
        cluster,
        taskDefinition: task,
        loadBalancer: { listener: alb.listener, priority: 10, pathPatterns: ["/*"] },
      });
    },
    expectedMessage(
      "test/Web/Default",
      "loadBalancer.containerName",
      "worker",
      "a container with at least one port mapping",
      "CONTAINER_HAS_NO_PORT",
    ),
  ],
  [
    "a worker strategy naming a provider the cluster lacks",
    worker({ capacityProviderStrategy: [{ capacityProvider: "acme-test-gpu", weight: 1 }] }),
    expectedMessage(
      "test/Worker/Default",
      "capacityProviderStrategy[0].capacityProvider",
      "acme-test-gpu",
      'a capacity provider of the cluster: "FARGATE", "FARGATE_SPOT"',
      "CLUSTER_STRATEGY_UNKNOWN_PROVIDER",
    ),
  ],
  [
    "a worker scale-out step that removes tasks",
    worker({ scaleOutSteps: [{ from: 1, change: -1 }] }),
    expectedMessage(
      "test/Worker/Default",
      "autoScaling.stepScaling.queue-depth.scaleOut[0].change",
      -1,
      "a positive change",
      "STEP_SCALING_DIRECTION",
    ),
  ],
  [
    "a worker with minCapacity above maxCapacity",
    worker({ minCapacity: 5, maxCapacity: 2 }),
    expectedMessage("test/Worker", "minCapacity", 5, "a value no greater than maxCapacity (2)", "QUEUE_SERVICE_MIN_ABOVE_MAX"),
  ],
  [
    "a web service with more than 5000 tasks",
    web({ maxCapacity: 5001 }),
    expectedMessage("test/Web", "maxCapacity", 5001, "an integer from 1 to 5000", "WEB_SERVICE_MAX_CAPACITY"),
  ],
  [
    "a worker with maxCapacity 0",
    worker({ maxCapacity: 0 }),
    expectedMessage("test/Worker", "maxCapacity", 0, "an integer from 1 to 5000", "QUEUE_SERVICE_MAX_CAPACITY"),
  ],
];

describe("patterns: bad input", () => {
  testRejections(cases);
});

describe("patterns: required props from a JSON or plain-JavaScript config", () => {
  testRejections([
    [
      "a QueueProcessingService without queue",
      (scope) => {
        const { cluster } = platform(scope);
        const { task } = workerTaskAndQueue(scope);
        return new QueueProcessingService(scope, "Worker", {
          name: "acme-worker",
          cluster,
          taskDefinition: task,
        } as QueueProcessingServiceProps);
      },
      expectedMessage(
        "test/Worker",
        "queue",
        undefined,
        "an IQueue such as a Queue (an object with queueArn, queueUrl) (required)",
        "PROP_REQUIRED",
      ),
    ],
    [
      "a LoadBalancedWebService whose load balancer has no listener",
      (scope) => {
        const { cluster } = platform(scope);
        return new LoadBalancedWebService(scope, "Web", {
          name: "acme-web",
          cluster,
          taskDefinition: webTask(scope),
          ...JSON.parse('{"loadBalancer":{"priority":10}}'),
        });
      },
      expectedMessage(
        "test/Web",
        "loadBalancer.listener",
        undefined,
        "an ApplicationListener (an object with listenerArn) (required)",
        "PROP_REQUIRED",
      ),
    ],
  ]);
});
