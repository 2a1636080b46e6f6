import { Construct } from "constructs";
import { Cluster } from "../../src/cluster/cluster";
import { ICluster } from "../../src/cluster/types";
import { ApplicationLoadBalancer } from "../../src/ingress/application-load-balancer";
import { Network } from "../../src/network/network";
import { Queue } from "../../src/queue/queue";
import { ContainerImage } from "../../src/task/image";
import { TaskDefinition } from "../../src/task/task-definition";

import { CERTIFICATE_ARN } from "../fixtures";

export { CERTIFICATE_ARN, webTask } from "../fixtures";

/** A network, a cluster with both Fargate providers and a public ALB. */
export function platform(scope: Construct): { network: Network; cluster: ICluster; alb: ApplicationLoadBalancer } {
  const network = new Network(scope, "Network", {
    name: "acme-test",
    cidr: "10.0.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    natGateways: "single",
  });
  const cluster = new Cluster(scope, "Cluster", { name: "acme-test", network });
  const alb = new ApplicationLoadBalancer(scope, "Alb", { name: "acme-test-public", network, certificateArn: CERTIFICATE_ARN });
  return { network, cluster, alb };
}

/** A queue and a worker task that reads its URL. */
export function workerTaskAndQueue(scope: Construct): { queue: Queue; task: TaskDefinition } {
  const queue = new Queue(scope, "Jobs", { name: "acme-test-jobs" });
  const task = new TaskDefinition(scope, "WorkerTask", {
    name: "acme-test-worker",
    containers: {
      worker: {
        image: ContainerImage.fromRegistry("public.ecr.aws/docker/library/busybox:1.36"),
        environment: { QUEUE_URL: queue.queueUrl },
      },
    },
  });
  return { queue, task };
}
