/*
 * The one list of resource types whose loss loses data or breaks traffic. Production stacks lock
 * the ones marked `preventDestroy` (`STATEFUL_RESOURCE_TYPES`, the `PreventDestroy` Aspect); the
 * plan review flags a delete or replace of any of them, saying what is lost
 * (`PROTECTED_RESOURCE_TYPES`). A new stateful type is added here once.
 */

/** What losing a resource of one type costs, and whether production stacks lock it. */
export interface StatefulType {
  /** What a reviewer should know when a plan deletes or replaces one. */
  readonly loss: string;
  /** Whether `PreventDestroy` sets `lifecycle.prevent_destroy` on it. */
  readonly preventDestroy: boolean;
}

/** Every stateful resource type, by Terraform type. */
export const STATEFUL_TYPES: Readonly<Record<string, StatefulType>> = {
  aws_vpc: { loss: "every subnet, endpoint and workload in the VPC goes with it", preventDestroy: true },
  aws_subnet: { loss: "tasks, load balancers and endpoints in the subnet are torn down", preventDestroy: true },
  aws_nat_gateway: { loss: "private subnets lose internet egress, and the egress IP changes", preventDestroy: false },
  aws_eip: { loss: "the public IP address changes; partners' allow-lists break", preventDestroy: false },
  aws_internet_gateway: { loss: "public subnets lose internet access", preventDestroy: false },
  aws_lb: { loss: "traffic stops and the DNS name changes", preventDestroy: true },
  aws_lb_listener: { loss: "traffic on its port stops", preventDestroy: true },
  aws_lb_target_group: { loss: "the load balancer has nowhere to send traffic until targets register again", preventDestroy: false },
  aws_ecs_cluster: { loss: "every service and task in the cluster stops", preventDestroy: true },
  aws_ecs_service: { loss: "its tasks stop; traffic drops until a new service is healthy", preventDestroy: false },
  aws_efs_file_system: { loss: "its files are deleted", preventDestroy: true },
  aws_cloudwatch_log_group: { loss: "its log records are deleted", preventDestroy: true },
  aws_batch_compute_environment: { loss: "running jobs fail and queued jobs cannot start", preventDestroy: false },
  aws_batch_job_queue: { loss: "queued jobs are lost", preventDestroy: false },
  aws_iam_role: { loss: "trust relationships and ARN references held outside this stack break", preventDestroy: false },
  aws_iam_openid_connect_provider: { loss: "every role federated through it stops working", preventDestroy: false },
  aws_kms_key: { loss: "data encrypted under it is unreadable once the key is gone", preventDestroy: true },
  aws_s3_bucket: { loss: "its objects are deleted", preventDestroy: true },
  aws_dynamodb_table: { loss: "its items are deleted", preventDestroy: true },
  aws_db_instance: { loss: "its data is deleted unless a final snapshot is taken", preventDestroy: false },
  aws_rds_cluster: { loss: "its data is deleted unless a final snapshot is taken", preventDestroy: false },
  aws_sqs_queue: { loss: "messages in the queue are lost", preventDestroy: true },
  aws_ecr_repository: { loss: "its images are deleted; tasks cannot pull them", preventDestroy: true },
  aws_secretsmanager_secret: { loss: "the secret value is lost after the recovery window", preventDestroy: true },
  aws_service_discovery_private_dns_namespace: { loss: "service discovery names stop resolving", preventDestroy: true },
  aws_service_discovery_http_namespace: { loss: "service discovery stops", preventDestroy: true },
};
