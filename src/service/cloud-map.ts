import { Construct } from "constructs";
import { ServiceDiscoveryService } from "@cdktf/provider-aws/lib/service-discovery-service";
import { fail, isToken } from "../core/errors";
import { checkTags } from "../core/tags";
import { checkIntegerRange } from "../core/validate";
import type { INamespace } from "../cluster/types";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Cloud Map DNS discovery for a service: one A record per task under `<name>.<namespace>`. */
export interface CloudMapOptions {
  /** DNS label of the service, e.g. `api` → `api.<namespace>`: 1 to 63 letters, digits, hyphens and underscores. */
  readonly name: string;
  /** A `DNS_PRIVATE` namespace. @default - the cluster's default namespace */
  readonly namespace?: INamespace;
  /** Seconds resolvers cache the A records, 0 to 86400. @default 10 */
  readonly dnsTtlSeconds?: number;
}

/** Properties of a {@link CloudMapService}. */
export interface CloudMapServiceProps {
  /** DNS label of the service within the namespace, e.g. `api`. */
  readonly name: string;
  /** The `DNS_PRIVATE` namespace the records go in. */
  readonly namespace: INamespace;
  /** Seconds resolvers cache the A records, 0 to 86400. @default 10 */
  readonly dnsTtlSeconds?: number;
  /** Tags for the Cloud Map service. @default - none */
  readonly tags?: Record<string, string>;
}

/** One DNS label as Cloud Map accepts it for a service name: no dots, no hyphen at either end. */
const DNS_LABEL = /^[a-zA-Z0-9_](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?$/;

/**
 * A Cloud Map service with one A record per task (awsvpc gives each task its own IP). ECS
 * registers and deregisters the tasks and reports their health.
 */
export class CloudMapService extends Construct {
  /** A short TTL, so clients stop resolving to a stopped task within seconds. */
  public static readonly DEFAULT_DNS_TTL_SECONDS = 10;
  /** ARN of the Cloud Map service, for the ECS service's `service_registries` block. */
  public readonly serviceArn: string;

  constructor(scope: Construct, id: string, props: CloudMapServiceProps) {
    super(scope, id);
    checkRequiredProps(this, "CloudMapServiceProps", props, { name: K.string, namespace: K.reference("an INamespace", "namespaceId") });
    const ttl = props.dnsTtlSeconds ?? CloudMapService.DEFAULT_DNS_TTL_SECONDS;
    if (!isToken(props.name) && !DNS_LABEL.test(props.name)) {
      fail(this, {
        code: "CLOUD_MAP_NAME",
        property: "cloudMapDiscovery.name",
        value: props.name,
        allowed: "one DNS label of 1 to 63 letters, digits, hyphens and underscores, not starting or ending with a hyphen",
      });
    }
    checkIntegerRange(this, "CLOUD_MAP_TTL", "cloudMapDiscovery.dnsTtlSeconds", ttl, 0, 86400, "seconds");
    checkTags(this, "tags", props.tags);
    const resource = new ServiceDiscoveryService(this, "Resource", {
      name: props.name,
      dnsConfig: {
        namespaceId: props.namespace.namespaceId,
        routingPolicy: "MULTIVALUE",
        dnsRecords: [{ type: "A", ttl }],
      },
      // ECS sends task health to Cloud Map; unhealthy tasks leave DNS at once.
      healthCheckCustomConfig: {},
      tags: props.tags,
    });
    this.serviceArn = resource.arn;
  }
}
