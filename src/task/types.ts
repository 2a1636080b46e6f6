/** What services, scheduled tasks and Batch need from a task definition. */
export interface ITaskDefinition {
  /** Task definition family (name without revision). */
  readonly family: string;
  /** ARN with revision, e.g. `arn:aws:ecs:...:task-definition/acme-dev-web:3` (a token). */
  readonly taskDefinitionArn: string;
  /** ARN of the execution role ECS uses to pull images, write logs and read secrets. */
  readonly executionRoleArn: string;
  /** ARN of the role the application assumes. Never the execution role. */
  readonly taskRoleArn: string;
  /** `FARGATE` (awsvpc, validated CPU/memory), `EC2`, or `EXTERNAL` (ECS Anywhere, bridge or host). */
  readonly compatibility: "FARGATE" | "EC2" | "EXTERNAL";
  /** `awsvpc` for Fargate; `awsvpc` or `bridge` for EC2. */
  readonly networkMode: "awsvpc" | "bridge" | "host";
  /** The containers by name, with the ports they expose (for load balancers, Service Connect). */
  readonly containers: readonly ContainerInfo[];
  /** Name of the essential container traffic goes to by default. */
  readonly defaultContainerName: string;
}

/** A container of a task definition as consumers see it: its name and the ports it maps. */
export interface ContainerInfo {
  /** The container name, unique in the task definition. */
  readonly name: string;
  /** The container's port mappings, by which load balancers and Service Connect select a port. */
  readonly portMappings: ReadonlyArray<{
    readonly name?: string;
    readonly containerPort: number;
    readonly protocol: "tcp" | "udp";
    readonly appProtocol?: "http" | "http2" | "grpc";
  }>;
}
