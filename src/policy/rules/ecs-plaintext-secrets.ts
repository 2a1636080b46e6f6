import { everywhere, PolicyContext, Rule, Violation } from "../types";
import { CONTAINER_RESOURCE_TYPES, containersOf } from "../inspect/containers";

/** Words that mark an environment variable name as holding a secret. */
export const SECRET_NAME_WORDS: readonly string[] = [
  "PASSWORD",
  "PASSWD",
  "PASSPHRASE",
  "SECRET",
  "SECRETS",
  "TOKEN",
  "KEY",
  "APIKEY",
  "CREDENTIAL",
  "CREDENTIALS",
  "CREDS",
  "PRIVATE",
];

/** Fragments that mark a name as a secret even without word separators (`DBPASSWORD`, `STRIPEAPIKEY`). */
const SECRET_FRAGMENTS = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "PRIVATEKEY", "ACCESSKEY", "CREDENTIAL"];

/** A final word that names something about a secret rather than the secret itself (`KMS_KEY_ID`, `TOKEN_TYPE`). */
const NON_SECRET_LAST_WORDS = [
  "ID",
  "ARN",
  "NAME",
  "TYPE",
  "PATH",
  "FILE",
  "URL",
  "URI",
  "ENDPOINT",
  "REGION",
  "ALIAS",
  "HEADER",
  "PREFIX",
  "TTL",
  "EXPIRY",
  "LENGTH",
  "VERSION",
];

/** Names that are secrets whatever their words say (AWS Config `ecs-no-environment-secrets` defaults and AWS CLI variables). */
const ALWAYS_SECRET = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "ECS_ENGINE_AUTH_DATA"];

/** Resource types whose value, interpolated into an environment variable, is a secret in plain text. */
const SECRET_SOURCES = [
  "aws_secretsmanager_secret_version",
  "data.aws_secretsmanager_secret_version",
  "random_password",
  "aws_iam_access_key",
];

/** True when an environment variable name looks like it holds a secret. */
export function looksLikeSecretName(name: string): boolean {
  const upper = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
  if (ALWAYS_SECRET.includes(upper)) return true;
  const words = upper.split(/[^A-Z0-9]+/).filter(Boolean);
  if (words.includes("PUBLIC")) return false;
  if (words.length > 1 && NON_SECRET_LAST_WORDS.includes(words[words.length - 1])) return false;
  return words.some((w) => SECRET_NAME_WORDS.includes(w) || SECRET_FRAGMENTS.some((f) => w.includes(f)));
}

/** Why a value is a secret in plain text, if it is: a credential pattern or a reference to a secret's value. */
function secretValueReason(value: unknown, context: PolicyContext): string | undefined {
  if (typeof value !== "string") return undefined;
  if (/\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(value)) return "its value is an AWS access key id";
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) return "its value is a private key";
  const source = context.referencedBy(value).find((r) => SECRET_SOURCES.includes(r.type));
  return source ? `its value interpolates ${source.address}, writing the secret into the task definition` : undefined;
}

/** ECS-005: secrets come from `secrets` / log `secretOptions` (Secrets Manager / SSM), never plain `environment` or log `options`. */
export const ecsPlaintextSecrets: Rule = {
  id: "ECS-005",
  title: "No secrets in plain environment variables or log options",
  rationale:
    "Plain environment variables and log driver options are stored in the task definition, visible to anyone with ecs:DescribeTaskDefinition and in Terraform state; secrets belong in Secrets Manager or SSM and reach the container through `secrets`, and a log driver's token or password through the log configuration's `secretOptions`.",
  severity: everywhere("error"),
  appliesTo: CONTAINER_RESOURCE_TYPES,
  references: ["AVD-AWS-0036", "Security Hub ECS.8", "AWS Config ecs-no-environment-secrets", "CT.ECS.PR.12"],
  check(resource, context): Violation[] {
    const fix = "Move the value to Secrets Manager or SSM Parameter Store and pass it in the container's `secrets` (valueFrom).";
    const violations: Violation[] = [];
    for (const container of containersOf(resource)) {
      const environment = Array.isArray(container.definition.environment) ? container.definition.environment : [];
      for (const variable of environment as { name?: unknown; value?: unknown }[]) {
        const name = typeof variable?.name === "string" ? variable.name : "";
        const reason = looksLikeSecretName(name) ? "its name looks like a secret" : secretValueReason(variable?.value, context);
        if (reason) violations.push({ message: `${container.label} has environment variable "${name}" in plain text: ${reason}`, fix });
      }
      const logging = container.definition.logConfiguration as { options?: unknown } | undefined;
      const options = logging?.options !== null && typeof logging?.options === "object" ? (logging.options as Record<string, unknown>) : {};
      for (const [name, value] of Object.entries(options)) {
        const reason = looksLikeSecretName(name) ? "its name looks like a secret" : secretValueReason(value, context);
        if (reason)
          violations.push({
            message: `${container.label} has log option "${name}" in plain text: ${reason}`,
            fix: "Move the value to Secrets Manager or SSM Parameter Store and pass it in the log configuration's `secretOptions` (logging.secretOptions).",
          });
      }
    }
    return violations;
  },
};
