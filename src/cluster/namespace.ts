import { Construct } from "constructs";
import { ServiceDiscoveryHttpNamespace } from "@cdktf/provider-aws/lib/service-discovery-http-namespace";
import { ServiceDiscoveryPrivateDnsNamespace } from "@cdktf/provider-aws/lib/service-discovery-private-dns-namespace";
import { fail, isToken } from "../core/errors";
import { checkName, NameRule } from "../core/naming";
import { withName } from "../core/tags";
import { checkOneOf } from "../core/validate";
import { INamespace } from "./types";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** The cluster's default Cloud Map namespace. */
export interface NamespaceOptions {
  /**
   * `DNS_PRIVATE`: a private hosted zone in the cluster's VPC; services are reachable by DNS name and
   * through Service Connect. `HTTP`: API discovery only, for Service Connect.
   */
  readonly type: "DNS_PRIVATE" | "HTTP";
  /** Namespace name, e.g. `acme-dev.internal` (a DNS domain name for `DNS_PRIVATE`). */
  readonly name: string;
  /** Free-text description shown in the Cloud Map console. @default - "Default namespace of ECS cluster <cluster name>" */
  readonly description?: string;
}

export interface ClusterNamespaceProps extends NamespaceOptions {
  /** The VPC a `DNS_PRIVATE` namespace's hosted zone is associated with. */
  readonly vpcId: string;
  /** The cluster this is the default namespace of; it appears in the default description. */
  readonly clusterName: string;
  /** Tags for the namespace; it also gets a `Name` tag equal to the namespace name. @default - none */
  readonly tags?: Record<string, string>;
}

/** Route 53 limits: labels of letters, digits and inner hyphens, at most 63 characters each, 253 in all. */
const DNS_NAME: NameRule = {
  maxLength: 253,
  pattern: /^(?!-)[a-zA-Z0-9-]{1,63}(?<!-)(\.(?!-)[a-zA-Z0-9-]{1,63}(?<!-))*$/,
  describe: "dot-separated labels of letters, digits and inner hyphens, each at most 63 characters",
};
/** Cloud Map HTTP namespace names: printable ASCII without spaces. */
const HTTP_NAME: NameRule = { maxLength: 1024, pattern: /^[!-~]+$/, describe: "printable ASCII characters without spaces" };
/** Cloud Map limit on a namespace description (API `CreateHttpNamespace`, `CreatePrivateDnsNamespace`). */
const MAX_DESCRIPTION_LENGTH = 1024;

/** A Cloud Map namespace: a private DNS namespace in the cluster's VPC, or an HTTP namespace. */
export class ClusterNamespace extends Construct implements INamespace {
  public readonly namespaceArn: string;
  public readonly namespaceId: string;
  public readonly namespaceName: string;
  public readonly namespaceType: "DNS_PRIVATE" | "HTTP";

  constructor(scope: Construct, id: string, props: ClusterNamespaceProps) {
    super(scope, id);
    checkRequiredProps(this, "ClusterNamespaceProps", props, { vpcId: K.string, clusterName: K.string, type: K.string, name: K.string });
    const description = props.description ?? `Default namespace of ECS cluster ${props.clusterName}`;
    const tags = withName(props.name, props.tags);
    checkOneOf(this, "CLUSTER_NAMESPACE_TYPE", "namespace.type", props.type, ["DNS_PRIVATE", "HTTP"]);
    if (!isToken(description) && description.length > MAX_DESCRIPTION_LENGTH) {
      fail(this, {
        code: "CLUSTER_NAMESPACE_DESCRIPTION",
        property: "namespace.description",
        value: description,
        allowed: `at most ${MAX_DESCRIPTION_LENGTH} characters`,
      });
    }
    this.namespaceType = props.type;
    if (props.type === "DNS_PRIVATE") {
      checkName(this, "CLUSTER_NAMESPACE_NAME", "namespace.name", props.name, DNS_NAME);
      const resource = new ServiceDiscoveryPrivateDnsNamespace(this, "Resource", { name: props.name, vpc: props.vpcId, description, tags });
      this.namespaceArn = resource.arn;
      this.namespaceId = resource.id;
      this.namespaceName = resource.name;
    } else {
      checkName(this, "CLUSTER_NAMESPACE_NAME", "namespace.name", props.name, HTTP_NAME);
      const resource = new ServiceDiscoveryHttpNamespace(this, "Resource", { name: props.name, description, tags });
      this.namespaceArn = resource.arn;
      this.namespaceId = resource.id;
      this.namespaceName = resource.name;
    }
  }
}
