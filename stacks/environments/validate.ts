import { fail, NameRules } from "../../src/core";
import { REQUIRED_TAGS, type BatchConfig, type EnvironmentConfig, type ScheduledTaskConfig, type ServiceConfig } from "./types";

/** A Docker image tag, as registries accept it. */
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** An image digest: the content address ECR records for every pushed image. */
const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * Checks an environment config when it is loaded, before any construct is built, so a typo in a
 * config file fails with the environment, the field and what is allowed. Module props are checked
 * again by the modules themselves.
 */
export function validateEnvironmentConfig(config: EnvironmentConfig): EnvironmentConfig {
  const where = `environments/${config.name}`;
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(config.name)) {
    fail(where, {
      code: "ENV_NAME",
      property: "name",
      value: config.name,
      allowed: "1 to 16 lowercase letters, digits and hyphens, starting with a letter",
    });
  }
  if (!/^[a-z][a-z0-9]{1,11}$/.test(config.org)) {
    fail(where, {
      code: "ENV_ORG",
      property: "org",
      value: config.org,
      allowed: "2 to 12 lowercase letters and digits, starting with a letter",
    });
  }
  const prefix = `${config.org}-${config.name}`;
  if (prefix.length > NameRules.prefix.maxLength - 12) {
    fail(where, {
      code: "ENV_PREFIX",
      property: "name",
      value: prefix,
      allowed: `an <org>-<env> prefix of at most ${NameRules.prefix.maxLength - 12} characters, leaving room for component names`,
    });
  }
  if (!["production", "non-production"].includes(config.environmentClass)) {
    fail(where, {
      code: "ENV_CLASS",
      property: "environmentClass",
      value: config.environmentClass,
      allowed: '"production" or "non-production"',
    });
  }
  if (!/^\d{12}$/.test(config.accountId)) {
    fail(where, { code: "ENV_ACCOUNT", property: "accountId", value: config.accountId, allowed: "a 12-digit AWS account id" });
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(config.region)) {
    fail(where, { code: "ENV_REGION", property: "region", value: config.region, allowed: "an AWS region name such as eu-west-1" });
  }
  config.availabilityZones.forEach((az, i) => {
    if (!new RegExp(`^${config.region}[a-z]$`).test(az)) {
      fail(where, {
        code: "ENV_AZ",
        property: `availabilityZones[${i}]`,
        value: az,
        allowed: `a zone of ${config.region}, such as ${config.region}a`,
      });
    }
  });
  if (config.deployRoleArn !== undefined && !new RegExp(`^arn:aws[a-z-]*:iam::${config.accountId}:role/.+`).test(config.deployRoleArn)) {
    fail(where, {
      code: "ENV_DEPLOY_ROLE",
      property: "deployRoleArn",
      value: config.deployRoleArn,
      allowed: `an IAM role ARN in account ${config.accountId}`,
    });
  }
  if (
    config.permissionsBoundaryArn !== undefined &&
    !new RegExp(`^arn:aws[a-z-]*:iam::${config.accountId}:policy/[\\w+=,.@/-]+$`).test(config.permissionsBoundaryArn)
  ) {
    fail(where, {
      code: "ENV_PERMISSIONS_BOUNDARY",
      property: "permissionsBoundaryArn",
      value: config.permissionsBoundaryArn,
      allowed: `a customer managed IAM policy ARN in account ${config.accountId} (arn:aws:iam::${config.accountId}:policy/<name>)`,
    });
  }
  if (config.rolePath !== undefined && (typeof config.rolePath !== "string" || !/^\/(?:[\x21-\x7E]{1,510}\/)?$/.test(config.rolePath))) {
    fail(where, {
      code: "ENV_ROLE_PATH",
      property: "rolePath",
      value: config.rolePath,
      allowed: '"/" or a path of printable ASCII characters starting and ending with "/", e.g. "/platform/"',
    });
  }
  for (const tag of REQUIRED_TAGS) {
    if (!config.tags[tag])
      fail(where, {
        code: "ENV_TAG_MISSING",
        property: `tags.${tag}`,
        value: config.tags[tag],
        allowed: "a non-empty value (required on every environment)",
      });
  }
  if (config.tags.Environment !== config.name) {
    fail(where, {
      code: "ENV_TAG_ENVIRONMENT",
      property: "tags.Environment",
      value: config.tags.Environment,
      allowed: `the environment name "${config.name}"`,
    });
  }
  const keys = [...Object.keys(config.services), ...Object.keys(config.scheduledTasks), ...Object.keys(config.batch.jobs)];
  for (const key of keys) {
    if (!/^[a-z][a-z0-9-]{0,19}$/.test(key)) {
      fail(where, {
        code: "ENV_WORKLOAD_KEY",
        property: "services",
        value: key,
        allowed: "workload keys of 1 to 20 lowercase letters, digits and hyphens (they become names)",
      });
    }
  }
  const images: [string, { readonly repository: string; readonly imageTag: string }][] = [
    ...Object.entries(config.services).map(([k, w]) => [`services.${k}`, w] as [string, ServiceConfig]),
    ...Object.entries(config.scheduledTasks).map(([k, w]) => [`scheduledTasks.${k}`, w] as [string, ScheduledTaskConfig]),
    ...Object.entries(config.batch.jobs).map(([k, w]) => [`batch.jobs.${k}`, w] as [string, BatchConfig["jobs"][string]]),
  ];
  for (const [path, workload] of images) {
    if (!IMAGE_TAG.test(workload.imageTag) && !IMAGE_DIGEST.test(workload.imageTag)) {
      fail(where, {
        code: "ENV_IMAGE_TAG",
        property: `${path}.imageTag`,
        value: workload.imageTag,
        allowed:
          "an image tag (1 to 128 letters, digits, '_', '.', '-', not starting with '.' or '-') or a digest sha256:<64 lowercase hex>",
      });
    }
    if (workload.imageTag.toLowerCase() === "latest") {
      fail(where, {
        code: "ENV_IMAGE_TAG",
        property: `${path}.imageTag`,
        value: workload.imageTag,
        allowed: "a version tag or digest, not latest (repositories are immutable)",
      });
    }
  }
  if (config.imageRegistry !== undefined && !/^\d{12}$/.test(config.imageRegistry.accountId)) {
    fail(where, {
      code: "ENV_IMAGE_REGISTRY",
      property: "imageRegistry.accountId",
      value: config.imageRegistry.accountId,
      allowed: "a 12-digit AWS account id",
    });
  }
  for (const [key, service] of Object.entries(config.services)) {
    const mode = service.delivery?.mode;
    if (mode !== undefined && mode !== "config" && mode !== "ci") {
      fail(where, { code: "ENV_DELIVERY_MODE", property: `services.${key}.delivery.mode`, value: mode, allowed: '"config" or "ci"' });
    }
  }
  const dupe = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dupe)
    fail(where, {
      code: "ENV_WORKLOAD_KEY_DUPLICATE",
      property: "services",
      value: dupe,
      allowed: "each workload key once across services, scheduled tasks and Batch jobs",
    });
  for (const [section, workloads] of [
    ["services", config.services],
    ["scheduledTasks", config.scheduledTasks],
  ] as const) {
    for (const [key, workload] of Object.entries(workloads as Record<string, { readonly renamedFrom?: unknown }>)) {
      const from = workload.renamedFrom;
      if (from !== undefined && (typeof from !== "string" || !/^[a-z][a-z0-9-]{0,19}$/.test(from) || from === key || keys.includes(from))) {
        fail(where, {
          code: "ENV_RENAMED_FROM",
          property: `${section}.${key}.renamedFrom`,
          value: from,
          allowed: "the workload's previous key: a workload key format, not its own key and not a key still in use",
        });
      }
    }
  }
  const priorities = Object.entries(config.services).flatMap(([key, s]) => (s.kind === "web" ? [[key, s.priority] as const] : []));
  priorities.forEach(([key, priority], i) => {
    const other = priorities.findIndex(([, p]) => p === priority);
    if (other !== i) {
      fail(where, {
        code: "ENV_PRIORITY_DUPLICATE",
        property: `services.${key}.priority`,
        value: priority,
        allowed: `a listener priority not already used by services.${priorities[other][0]}`,
      });
    }
  });
  validateOperations(where, config);
  if (config.environmentClass === "production") {
    if (!config.operations?.onCallTopicArn) {
      fail(where, {
        code: "ENV_PROD_ONCALL",
        property: "operations.onCallTopicArn",
        value: config.operations?.onCallTopicArn,
        allowed: "the on-call SNS topic ARN in production (deployment failures and alarms must page someone)",
      });
    }
    if (!config.ingress.certificateArn) {
      fail(where, {
        code: "ENV_PROD_HTTPS",
        property: "ingress.certificateArn",
        value: config.ingress.certificateArn,
        allowed: "an ACM certificate ARN in production (HTTPS only)",
      });
    }
    if (config.availabilityZones.length < 3) {
      fail(where, {
        code: "ENV_PROD_AZS",
        property: "availabilityZones",
        value: config.availabilityZones,
        allowed: "at least 3 zones in production",
      });
    }
    if (config.network.natGateways !== "perAz") {
      fail(where, {
        code: "ENV_PROD_NAT",
        property: "network.natGateways",
        value: config.network.natGateways,
        allowed: '"perAz" in production (a single NAT gateway is a single point of failure)',
      });
    }
    if (config.backend.type !== "s3") {
      fail(where, {
        code: "ENV_PROD_BACKEND",
        property: "backend.type",
        value: config.backend.type,
        allowed: '"s3" in production (local state is lost with the machine)',
      });
    }
  }
  return config;
}

function validateOperations(where: string, config: EnvironmentConfig): void {
  const ops = config.operations;
  if (ops === null || typeof ops !== "object") {
    fail(where, { code: "ENV_OPERATIONS", property: "operations", value: ops, allowed: "an object with at least monthlyBudgetUsd" });
  }
  const amount = (property: string, value: unknown) => {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      fail(where, { code: "ENV_BUDGET", property: `operations.${property}`, value, allowed: "a positive amount in USD" });
    }
  };
  amount("monthlyBudgetUsd", ops.monthlyBudgetUsd);
  if (ops.fargateMonthlyBudgetUsd !== undefined) amount("fargateMonthlyBudgetUsd", ops.fargateMonthlyBudgetUsd);
  const topic = ops.onCallTopicArn;
  if (
    topic !== undefined &&
    topic !== "" &&
    !new RegExp(`^arn:aws[a-z-]*:sns:${config.region}:${config.accountId}:[A-Za-z0-9_-]{1,256}$`).test(topic)
  ) {
    fail(where, {
      code: "ENV_ONCALL_TOPIC",
      property: "operations.onCallTopicArn",
      value: topic,
      allowed: `an SNS topic ARN in ${config.region} and account ${config.accountId} (EventBridge rules target topics of their own account)`,
    });
  }
  if (topic && ops.notificationEmails !== undefined && ops.notificationEmails.length > 0) {
    // Subscriptions of a topic owned elsewhere are its owner's business.
    fail(where, {
      code: "ENV_ONCALL_EMAILS",
      property: "operations.notificationEmails",
      value: ops.notificationEmails,
      allowed: "no e-mail subscriptions with onCallTopicArn (subscribe them on the on-call topic itself)",
    });
  }
}
