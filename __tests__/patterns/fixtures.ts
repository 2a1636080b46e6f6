import { Construct } from "constructs";
import { Cluster } from "../../src/cluster/cluster";
import { ICluster } from "../../src/cluster/types";
import { ApplicationLoadBalancer } from "../../src/ingress/application-load-balancer";
import { Network } from "../../src/network/network";
import { Queue } from "../../src/queue/queue";
import { ContainerImage } from "../../src/task/image";
import { TaskDefinition } from "../../src/task/task-definition";

export const CERTIFICATE_ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/0b7d2c1e-1111-2222-3333-444455556666";

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

/** A Fargate task with one `web` container serving port 8080. */
export function webTask(scope: Construct, id = "WebTask"): TaskDefinition {
  return new TaskDefinition(scope, id, {
    name: "acme-test-web",
    containers: {
      web: {
        image: ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:1.27"),
        portMappings: [{ containerPort: 8080, name: "http", appProtocol: "http" }],
      },
    },
  });
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
