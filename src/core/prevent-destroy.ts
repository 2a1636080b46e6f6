import { IAspect, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import { STATEFUL_TYPES } from "./stateful-resources";

/**
 * Resource types whose loss loses data or breaks traffic: the VPC and its subnets, load balancers
 * and listeners, log groups holding records, file systems, state-bearing stores (buckets, queues,
 * DynamoDB tables, ECR repositories and their images, Secrets Manager secrets, KMS keys) and the cluster.
 */
export const STATEFUL_RESOURCE_TYPES: readonly string[] = Object.keys(STATEFUL_TYPES).filter((type) => STATEFUL_TYPES[type].preventDestroy);

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
