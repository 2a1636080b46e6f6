import { IAspect, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";

/**
 * Resource types whose loss loses data or breaks traffic: the VPC and its subnets, load balancers
 * and listeners, log groups holding records, file systems, state-bearing stores and the cluster.
 */
export const STATEFUL_RESOURCE_TYPES: readonly string[] = [
  "aws_vpc",
  "aws_subnet",
  "aws_lb",
  "aws_lb_listener",
  "aws_cloudwatch_log_group",
  "aws_efs_file_system",
  "aws_ecs_cluster",
  "aws_kms_key",
  "aws_s3_bucket",
  "aws_sqs_queue",
  "aws_service_discovery_private_dns_namespace",
  "aws_service_discovery_http_namespace",
];

/**
 * An Aspect that sets `lifecycle.prevent_destroy` on every resource of the given types, so a plan
 * that would destroy or replace one fails instead of reaching an apply. Apply it to production
 * stacks: `Aspects.of(stack).add(new PreventDestroy())`.
 */
export class PreventDestroy implements IAspect {
  constructor(private readonly resourceTypes: readonly string[] = STATEFUL_RESOURCE_TYPES) {}

  public visit(node: IConstruct): void {
    if (node instanceof TerraformResource && this.resourceTypes.includes(node.terraformResourceType)) {
      node.lifecycle = { ...(node.lifecycle ?? {}), preventDestroy: true };
    }
  }
}
