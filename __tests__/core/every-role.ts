import { Construct } from "constructs";
import { ComputeEnvironment, JobDefinition } from "../../src/batch";
import { GithubActionsRole, GithubOidcProvider } from "../../src/bootstrap";
import { Cluster } from "../../src/cluster/cluster";
import { ICluster } from "../../src/cluster/types";
import { RoleOptions } from "../../src/core/role";
import { Network } from "../../src/network/network";
import { SchedulerSchedule } from "../../src/schedule/scheduler-schedule";
import { Service } from "../../src/service/service";
import { ContainerImage } from "../../src/task/image";
import { TaskDefinition } from "../../src/task/task-definition";
import { pingProps } from "../schedule/fixtures";
import { alb, platform, webTask } from "../service/fixtures";

/** What {@link everyRole} built that other roles' constructs can use. */
export interface EveryRoleParts {
  readonly cluster: ICluster;
  readonly network: Network;
  readonly taskDefinition: TaskDefinition;
  readonly computeEnvironment: ComputeEnvironment;
  readonly jobDefinition: JobDefinition;
}

/**
 * Every kind of role the library creates, in one stack: 13 roles (task and execution roles of two
 * services, flow logs, container instances, CodeDeploy, the ECS infrastructure role, Scheduler, the
 * Batch instance, execution and job roles, GitHub Actions).
 */
export function everyRole(scope: Construct, roleOptions?: RoleOptions): EveryRoleParts {
  const { cluster, network } = platform(scope);
  new Cluster(scope, "Hosts", {
    name: "acme-hosts",
    network,
    ec2CapacityProviders: { general: { instanceTypes: ["m7i.large"], maxSize: 2 } },
    roleOptions,
  });
  const lb = alb(scope, network);
  const taskDefinition = webTask(scope, "Task", { roleOptions });
  new Service(scope, "Web", {
    name: "acme-test-web",
    cluster,
    taskDefinition,
    loadBalancer: { listener: lb.listener, priority: 10, hostHeaders: ["www.example.com"] },
    deployment: { type: "blueGreen", testListenerPort: 8443 },
    roleOptions,
  });
  new Service(scope, "Store", {
    name: "acme-test-store",
    cluster,
    taskDefinition: webTask(scope, "StoreTask", {
      name: "acme-test-store",
      ebsVolumeName: "data",
      roleOptions,
      containers: {
        web: {
          image: ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:1.27"),
          mountPoints: [{ volume: "data", containerPath: "/data" }],
        },
      },
    }),
    ebsVolume: { sizeGiB: 20 },
    roleOptions,
  });
  new SchedulerSchedule(scope, "Ping", { ...pingProps, roleOptions });
  const computeEnvironment = new ComputeEnvironment(scope, "Batch", {
    name: "acme-test-batch",
    type: "EC2",
    network,
    maxVcpus: 16,
    roleOptions,
  });
  const jobDefinition = new JobDefinition(scope, "Job", {
    name: "acme-test-job",
    image: ContainerImage.fromRegistry("busybox:1.36"),
    roleOptions,
  });
  new GithubActionsRole(scope, "Deploy", {
    name: "acme-deploy",
    description: "deploys",
    provider: new GithubOidcProvider(scope, "Oidc"),
    trustedBy: [{ repository: "acme/platform", subject: { kind: "environment", environment: "prod" } }],
    ...roleOptions,
  });
  return { cluster, network: network, taskDefinition, computeEnvironment, jobDefinition };
}
