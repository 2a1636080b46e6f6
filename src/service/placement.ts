import { IConstruct } from "constructs";
import { EcsServiceOrderedPlacementStrategy, EcsServicePlacementConstraints } from "@cdktf/provider-aws/lib/ecs-service";
import { fail } from "../core/errors";

/** How ECS picks EC2 instances for tasks (Fargate places tasks itself). */
export type PlacementStrategy =
  /** Even out tasks over the values of `field`, e.g. `attribute:ecs.availability-zone` or `instanceId`. */
  | { readonly type: "spread"; readonly field: string }
  /** Fill instances by the least available `cpu` or `memory`, to run fewer instances. */
  | { readonly type: "binpack"; readonly field: "cpu" | "memory" }
  | { readonly type: "random" };

/** Which EC2 instances may run tasks. */
export type PlacementConstraint =
  /** Every task on a different instance. */
  | { readonly type: "distinctInstance" }
  /** Instances matching a cluster query expression, e.g. `attribute:ecs.instance-type =~ m7g.*`. */
  | { readonly type: "memberOf"; readonly expression: string };

/** Common strategies. */
export const PlacementStrategies = {
  spreadAcrossAzs: { type: "spread", field: "attribute:ecs.availability-zone" },
  spreadAcrossInstances: { type: "spread", field: "instanceId" },
  binpackMemory: { type: "binpack", field: "memory" },
  binpackCpu: { type: "binpack", field: "cpu" },
  random: { type: "random" },
} as const satisfies Record<string, PlacementStrategy>;

/** EC2 task placement for a service: the order ECS picks instances in and which instances qualify. */
export interface PlacementOptions {
  /** Applied in order, at most 5. @default [] (ECS's default: spread across AZs) */
  readonly strategies?: readonly PlacementStrategy[];
  /** At most 10. @default [] */
  readonly constraints?: readonly PlacementConstraint[];
}

/** ECS's limits on a service's placement strategies and constraints. */
export const PLACEMENT_LIMITS = { strategies: 5, constraints: 10 } as const;

/** Fails on placement for a Fargate task definition, or more strategies or constraints than ECS allows. */
export function checkPlacement(
  scope: IConstruct,
  property: string,
  placement: PlacementOptions,
  compatibility: "FARGATE" | "EC2" | "EXTERNAL",
): void {
  const strategies = placement.strategies ?? [];
  const constraints = placement.constraints ?? [];
  if (compatibility === "FARGATE" && (strategies.length > 0 || constraints.length > 0)) {
    fail(scope, {
      code: "PLACEMENT_ON_FARGATE",
      property,
      value: placement,
      allowed: "no placement strategies or constraints for a Fargate task definition (Fargate places tasks itself)",
    });
  }
  if (strategies.length > PLACEMENT_LIMITS.strategies) {
    fail(scope, {
      code: "PLACEMENT_TOO_MANY",
      property: `${property}.strategies`,
      value: strategies.length,
      allowed: `at most ${PLACEMENT_LIMITS.strategies} strategies`,
    });
  }
  if (constraints.length > PLACEMENT_LIMITS.constraints) {
    fail(scope, {
      code: "PLACEMENT_TOO_MANY",
      property: `${property}.constraints`,
      value: constraints.length,
      allowed: `at most ${PLACEMENT_LIMITS.constraints} constraints`,
    });
  }
}

/** Renders strategies as the service's `ordered_placement_strategy` blocks, in the given order. */
export function renderPlacementStrategies(strategies: readonly PlacementStrategy[]): EcsServiceOrderedPlacementStrategy[] {
  return strategies.map((s) => (s.type === "random" ? { type: "random" } : { type: s.type, field: s.field }));
}

/** Renders constraints as the service's `placement_constraints` blocks. */
export function renderPlacementConstraints(constraints: readonly PlacementConstraint[]): EcsServicePlacementConstraints[] {
  return constraints.map((c) => (c.type === "memberOf" ? { type: "memberOf", expression: c.expression } : { type: "distinctInstance" }));
}
