import { PolicyResource } from "../types";
import { parseJsonArgument } from "./values";

/** Resource types that carry container definitions (ECS task definitions and Batch job definitions). */
export const CONTAINER_RESOURCE_TYPES: readonly string[] = ["aws_ecs_task_definition", "aws_batch_job_definition"];

/** One container definition (ECS API shape, camelCase keys) and a label to name it in messages. */
export interface ContainerView {
  /** `container "web"`, or `the job container` when the definition has no name. */
  readonly label: string;
  readonly definition: Readonly<Record<string, unknown>>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function view(definition: Record<string, unknown>, fallback: string): ContainerView {
  const name = typeof definition.name === "string" ? definition.name : undefined;
  return { label: name ? `container "${name}"` : fallback, definition };
}

/**
 * The containers of a task or job definition, read from the JSON strings the provider takes
 * (`container_definitions`; Batch `container_properties`, `ecs_properties`, `node_properties`).
 * A definition only known at apply (a `${...}` expression) yields no containers.
 */
export function containersOf(resource: PolicyResource): ContainerView[] {
  const config = resource.config;
  if (resource.type === "aws_ecs_task_definition") {
    const list = parseJsonArgument(config.container_definitions);
    return Array.isArray(list) ? list.filter(isObject).map((c, i) => view(c, `container #${i + 1}`)) : [];
  }
  if (resource.type !== "aws_batch_job_definition") return [];
  const found: ContainerView[] = [];
  const single = parseJsonArgument(config.container_properties);
  if (isObject(single)) found.push(view(single, "the job container"));
  const ecs = parseJsonArgument(config.ecs_properties);
  if (isObject(ecs) && Array.isArray(ecs.taskProperties)) {
    for (const task of ecs.taskProperties.filter(isObject)) {
      if (Array.isArray(task.containers)) found.push(...task.containers.filter(isObject).map((c, i) => view(c, `container #${i + 1}`)));
    }
  }
  const nodes = parseJsonArgument(config.node_properties);
  if (isObject(nodes) && Array.isArray(nodes.nodeRangeProperties)) {
    for (const range of nodes.nodeRangeProperties.filter(isObject)) {
      if (isObject(range.container)) found.push(view(range.container, `the container of nodes ${String(range.targetNodes ?? "?")}`));
    }
  }
  return found;
}
