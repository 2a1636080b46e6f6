/**
 * VPC endpoint catalogue: the gateway and interface endpoints the Network module knows by name.
 * A closed set, so a typo fails at synth time instead of at apply time.
 */

/** Gateway endpoints (free; attached to route tables). */
export type GatewayEndpointService = "s3" | "dynamodb";
/** Every gateway endpoint service AWS offers: only S3 and DynamoDB have one. */
export const GATEWAY_ENDPOINT_SERVICES: readonly GatewayEndpointService[] = ["s3", "dynamodb"];

/** What a Fargate task needs without NAT (see `InterfaceEndpointPresets.FARGATE_WITHOUT_NAT`). */
const FARGATE_ENDPOINTS = [
  "ecr.api",
  "ecr.dkr",
  "logs",
  "secretsmanager",
  "ssm",
  "ssmmessages",
  "ec2messages",
  "sts",
  "kms",
  "ecs",
  "ecs-agent",
  "ecs-telemetry",
] as const;

/** Interface endpoints (billed per AZ-hour; placed in subnets with a security group). */
export const INTERFACE_ENDPOINT_SERVICES = [
  ...FARGATE_ENDPOINTS,
  "monitoring",
  "elasticloadbalancing",
  "autoscaling",
  "application-autoscaling",
  "elasticfilesystem",
  "sqs",
  "sns",
  "events",
  "scheduler",
  "batch",
  "xray",
  "ec2",
  "servicediscovery",
] as const;
/** An interface endpoint service this library knows, named as in `com.amazonaws.<region>.<service>`. */
export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINT_SERVICES)[number];

/** Named sets of interface endpoints. */
export class InterfaceEndpointPresets {
  /**
   * Everything a Fargate task in subnets without NAT needs: pull from ECR (the image layers come
   * through the S3 gateway endpoint), write logs, read Secrets Manager and SSM parameters, use STS
   * and KMS, and run ECS Exec.
   */
  public static readonly FARGATE_WITHOUT_NAT: readonly InterfaceEndpointService[] = FARGATE_ENDPOINTS;

  /** ECR and logs only: the minimum for pulling private images and shipping logs without NAT. */
  public static readonly ECR_AND_LOGS: readonly InterfaceEndpointService[] = ["ecr.api", "ecr.dkr", "logs"];
}

/** Construct id for an endpoint, derived from the (closed) service name: `ecr.api` → `EcrApi`. */
export function endpointId(service: string): string {
  return service
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/** The AWS service name of an endpoint, `com.amazonaws.<region>.<service>` (commercial partition naming). */
export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}
