/** The ECS agent configuration and user data script of container instances, as pure functions. */

export interface EcsAgentSettings {
  /** The cluster the instance joins. */
  readonly clusterName: string;
  /** Drain tasks when EC2 sends a Spot interruption notice. */
  readonly spotInstanceDraining: boolean;
  /** Keep `awsvpc` tasks away from the instance metadata service (and so from the instance role). */
  readonly blockTaskMetadataAccess: boolean;
  /** Let the agent report the instance's GPUs (GPU AMI). */
  readonly gpuSupport: boolean;
  /** Tags ECS puts on the container instance when it registers. */
  readonly containerInstanceTags?: Readonly<Record<string, string>>;
  /** The group has a warm pool: the agent must not register while the instance is warming up in it. @default false */
  readonly warmPoolsCheck?: boolean;
  /** Further `ECS_*` agent settings; they cannot replace the ones above. */
  readonly extraSettings?: Readonly<Record<string, string>>;
}

/** `ecs.config` keys this library sets itself. */
export const MANAGED_AGENT_SETTINGS: readonly string[] = [
  "ECS_CLUSTER",
  "ECS_ENABLE_SPOT_INSTANCE_DRAINING",
  "ECS_AWSVPC_BLOCK_IMDS",
  "ECS_ENABLE_GPU_SUPPORT",
  "ECS_CONTAINER_INSTANCE_TAGS",
  "ECS_WARM_POOLS_CHECK",
];

/** The `/etc/ecs/ecs.config` lines, in a stable order. */
export function renderEcsConfig(settings: EcsAgentSettings): string[] {
  const lines = [`ECS_CLUSTER=${settings.clusterName}`];
  lines.push(`ECS_ENABLE_SPOT_INSTANCE_DRAINING=${settings.spotInstanceDraining}`);
  lines.push(`ECS_AWSVPC_BLOCK_IMDS=${settings.blockTaskMetadataAccess}`);
  if (settings.gpuSupport) lines.push("ECS_ENABLE_GPU_SUPPORT=true");
  // The agent reads the Auto Scaling lifecycle state from instance metadata and waits until the
  // instance is InService, so a warm pool instance never registers (and never gets tasks) while warming.
  if (settings.warmPoolsCheck) lines.push("ECS_WARM_POOLS_CHECK=true");
  const tags = settings.containerInstanceTags ?? {};
  if (Object.keys(tags).length > 0) {
    lines.push(`ECS_CONTAINER_INSTANCE_TAGS=${JSON.stringify(tags)}`);
  }
  for (const [key, value] of Object.entries(settings.extraSettings ?? {})) {
    lines.push(`${key}=${value}`);
  }
  return lines;
}

/**
 * The user data script: appends the agent settings to `/etc/ecs/ecs.config` before the agent starts
 * (the ECS-optimized AMI starts it after cloud-init). A quoted heredoc keeps the shell from expanding
 * anything in the values.
 */
export function renderUserData(settings: EcsAgentSettings): string {
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    "cat <<'ECS_CONFIG' >> /etc/ecs/ecs.config",
    ...renderEcsConfig(settings),
    "ECS_CONFIG",
    "",
  ].join("\n");
}

/** The launch template's `user_data`: the script, base64-encoded here so the plan shows the exact bytes. */
export function encodeUserData(settings: EcsAgentSettings): string {
  return Buffer.from(renderUserData(settings), "utf8").toString("base64");
}
