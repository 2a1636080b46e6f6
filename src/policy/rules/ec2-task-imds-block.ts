import { ERROR_IN_PRODUCTION, Rule, Violation } from "../types";

/** The user data's text, when it is a literal base64 string (an expression cannot be read). */
function userDataText(value: unknown): string | undefined {
  if (typeof value !== "string" || value.includes("${")) return undefined;
  const text = Buffer.from(value, "base64").toString("utf8");
  // Base64 of something else decodes to noise; only text that round-trips is user data we can read.
  return Buffer.from(text, "utf8").toString("base64") === value.replace(/\s/g, "") ? text : undefined;
}

/**
 * The last value of `key=` in the AL2023 user data: the `ecs.config` lines of a heredoc, or an
 * `echo KEY=value >> /etc/ecs/ecs.config` (the agent reads the file top to bottom, so the last wins).
 */
function ecsConfigValue(text: string, key: string): string | undefined {
  const values = [...text.matchAll(new RegExp(`\\b${key}=([^\\s'"]*)`, "g"))].map((m) => m[1]);
  return values.at(-1);
}

/** The value of `key` in Bottlerocket's `[settings.ecs]` table. */
function bottlerocketEcsValue(text: string, key: string): string | undefined {
  const table = /^\[settings\.ecs\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text)?.[1] ?? "";
  return new RegExp(`^\\s*${key}\\s*=\\s*(\\S+)\\s*$`, "m").exec(table)?.[1];
}

function check(userData: unknown): Violation[] {
  const text = userDataText(userData);
  if (text === undefined) return [];
  if (/^\[settings\.ecs\]\s*$/m.test(text)) {
    const value = bottlerocketEcsValue(text, "awsvpc-block-imds");
    if (value === "true") return [];
    return [
      {
        message: `the Bottlerocket user data sets settings.ecs.awsvpc-block-imds to ${value ?? "nothing (Bottlerocket's default: false)"}`,
        fix: "Set awsvpc-block-imds = true under [settings.ecs] (blockTaskMetadataAccess: true, the default).",
      },
    ];
  }
  if (ecsConfigValue(text, "ECS_CLUSTER") !== undefined) {
    const value = ecsConfigValue(text, "ECS_AWSVPC_BLOCK_IMDS");
    if (value === "true") return [];
    return [
      {
        message: `the user data sets ECS_AWSVPC_BLOCK_IMDS to ${value ?? "nothing (the agent's default: false)"}`,
        fix: "Write ECS_AWSVPC_BLOCK_IMDS=true to /etc/ecs/ecs.config (blockTaskMetadataAccess: true, the default).",
      },
    ];
  }
  return [];
}

/**
 * EC2-003: ECS container hosts keep `awsvpc` tasks away from the instance metadata service, whichever
 * user data configures the agent (the AL2023 `ecs.config` lines or Bottlerocket's `[settings.ecs]`).
 * Templates whose user data is an expression or configures no ECS agent are not judged.
 */
export const ec2TaskImdsBlock: Rule = {
  id: "EC2-003",
  title: "ECS hosts block awsvpc tasks from instance metadata",
  rationale:
    "A task in awsvpc mode that can reach IMDS can take the container instance role's credentials, which are broader than its own task role; the agent blocks it only when told to (ECS_AWSVPC_BLOCK_IMDS, or Bottlerocket's awsvpc-block-imds), and both default to false.",
  severity: ERROR_IN_PRODUCTION,
  appliesTo: ["aws_launch_template"],
  references: ["ECS container agent configuration: ECS_AWSVPC_BLOCK_IMDS", "Bottlerocket settings: settings.ecs.awsvpc-block-imds"],
  check: (resource) => check(resource.config.user_data),
};
