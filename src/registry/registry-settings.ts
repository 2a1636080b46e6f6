import { Construct } from "constructs";
import { EcrRegistryScanningConfiguration } from "@cdktf/provider-aws/lib/ecr-registry-scanning-configuration";
import { EcrReplicationConfiguration } from "@cdktf/provider-aws/lib/ecr-replication-configuration";
import { fail, isToken } from "../core/errors";
import { checkNotEmpty, checkOneOf } from "../core/validate";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** Where images are copied to. */
export interface ReplicationDestination {
  /** Region to replicate to, e.g. `eu-central-1`. */
  readonly region: string;
  /** Account to replicate to (its registry must allow it with a registry policy). @default - this account */
  readonly accountId?: string;
}

/** Properties of {@link RegistryScanning}. */
export interface RegistryScanningProps {
  /**
   * `BASIC` scans on push with each repository's own setting; `ENHANCED` (Amazon Inspector)
   * scans operating-system and language packages, on push and, with `continuous`, as new CVEs appear.
   */
  readonly type: "BASIC" | "ENHANCED";
  /** Enhanced scanning re-scans images when new vulnerabilities are published. @default false - on push only */
  readonly continuous?: boolean;
  /** Repository name filters the scan rule applies to (wildcards allowed). @default ["*"] - every repository */
  readonly repositoryFilters?: readonly string[];
}

/**
 * The registry's scanning configuration. There is one per account and region: create it in one stack
 * only (the registry stack), where it owns the setting for every repository.
 */
export class RegistryScanning extends Construct {
  /** The `aws_ecr_registry_scanning_configuration`. */
  public readonly resource: EcrRegistryScanningConfiguration;

  constructor(scope: Construct, id: string, props: RegistryScanningProps) {
    super(scope, id);
    checkRequiredProps(this, "RegistryScanningProps", props, { type: K.string });
    checkOneOf(this, "REGISTRY_SCAN_TYPE", "type", props.type, ["BASIC", "ENHANCED"]);
    const filters = props.repositoryFilters ?? ["*"];
    checkNotEmpty(this, "REGISTRY_SCAN_FILTERS", "repositoryFilters", filters);
    if (props.continuous && props.type === "BASIC") {
      fail(this, {
        code: "REGISTRY_SCAN_CONTINUOUS",
        property: "continuous",
        value: true,
        allowed: 'false with type "BASIC" (continuous scanning is enhanced only)',
      });
    }
    this.resource = new EcrRegistryScanningConfiguration(this, "Resource", {
      scanType: props.type,
      rule: [
        {
          scanFrequency: props.continuous ? "CONTINUOUS_SCAN" : "SCAN_ON_PUSH",
          repositoryFilter: filters.map((filter) => ({ filter, filterType: "WILDCARD" })),
        },
      ],
    });
  }
}

/** Properties of {@link RegistryReplication}. */
export interface RegistryReplicationProps {
  /** Up to 25 destinations. */
  readonly destinations: readonly ReplicationDestination[];
  /** Only repositories whose names start with one of these are replicated. @default - every repository */
  readonly repositoryPrefixes?: readonly string[];
  /** This registry's account, the default destination account. */
  readonly accountId: string;
}

/** The registry's replication configuration (one per account and region, like {@link RegistryScanning}). */
export class RegistryReplication extends Construct {
  /** The `aws_ecr_replication_configuration`. */
  public readonly resource: EcrReplicationConfiguration;

  constructor(scope: Construct, id: string, props: RegistryReplicationProps) {
    super(scope, id);
    checkRequiredProps(this, "RegistryReplicationProps", props, { destinations: K.list("replication destinations"), accountId: K.string });
    if (props.destinations.length === 0 || props.destinations.length > 25) {
      fail(this, {
        code: "REGISTRY_REPLICATION_DESTINATIONS",
        property: "destinations",
        value: props.destinations,
        allowed: "1 to 25 destinations",
      });
    }
    props.destinations.forEach((d, i) => {
      if (!isToken(d.region) && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(d.region)) {
        fail(this, {
          code: "REGISTRY_REPLICATION_REGION",
          property: `destinations[${i}].region`,
          value: d.region,
          allowed: "an AWS region name such as eu-central-1",
        });
      }
      const account = d.accountId ?? props.accountId;
      if (!isToken(account) && !/^\d{12}$/.test(account)) {
        fail(this, {
          code: "REGISTRY_REPLICATION_ACCOUNT",
          property: `destinations[${i}].accountId`,
          value: account,
          allowed: "a 12-digit AWS account id",
        });
      }
    });
    const prefixes = props.repositoryPrefixes ?? [];
    this.resource = new EcrReplicationConfiguration(this, "Resource", {
      replicationConfiguration: {
        rule: [
          {
            destination: props.destinations.map((d) => ({ region: d.region, registryId: d.accountId ?? props.accountId })),
            repositoryFilter: prefixes.length > 0 ? prefixes.map((filter) => ({ filter, filterType: "PREFIX_MATCH" })) : undefined,
          },
        ],
      },
    });
  }
}
