import { Fn, ITerraformDependable } from "cdktf";
import { warn } from "../core/warnings";
import { Construct } from "constructs";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { EgressOnlyInternetGateway } from "@cdktf/provider-aws/lib/egress-only-internet-gateway";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { checkRegion } from "../core/arn";
import { fail, isToken } from "../core/errors";
import { checkName, NameRules } from "../core/naming";
import { checkTags, withName } from "../core/tags";
import { checkOneOf } from "../core/validate";
import { Port, Peer } from "./connections";
import {
  endpointId,
  endpointServiceName,
  GATEWAY_ENDPOINT_SERVICES,
  GatewayEndpointService,
  INTERFACE_ENDPOINT_SERVICES,
  InterfaceEndpointService,
} from "./endpoints";
import { FlowLogOptions, VpcFlowLog } from "./flow-logs";
import { SecurityGroup } from "./security-group";
import {
  IPV6_SUBNET_NEWBITS,
  ipv6SubnetNumber,
  isIpv6Cidr,
  MAX_AZS,
  planSubnets,
  SUBNET_TIERS,
  SubnetTier,
  TierRequest,
} from "./subnet-plan";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** How private subnets reach the internet. */
export type NatMode = "none" | "single" | "perAz";

/** Size or explicit blocks for one subnet tier; set at most one of the two. */
export interface SubnetTierOptions {
  /**
   * Prefix length of each subnet in the tier (one subnet per availability zone), from the VPC's
   * own prefix length to 28.
   * @default - tiers without a size share the space left equally
   */
  readonly prefixLength?: number;
  /**
   * Explicit blocks by availability zone slot, inside the VPC CIDR; excludes `prefixLength`. Entry `i`
   * is zone `i`'s subnet; list at least one per zone, and entries past the zone count reserve blocks
   * for zones added later. Use it to keep a network planned by an older layout where it is.
   * @default - planned: a fixed slot per zone in a region reserved for `reservedAzs` zones
   */
  readonly cidrBlocks?: readonly string[];
}

/** Which tiers exist; a tier left out has no subnets. */
export interface SubnetTiers {
  /**
   * Subnets routed to an internet gateway, for load balancers and NAT gateways (no public IPs on launch).
   * @default - no public subnets
   */
  readonly public?: SubnetTierOptions;
  /**
   * Subnets whose default route goes through NAT (when there is any), where workloads run.
   * @default - no private subnets
   */
  readonly private?: SubnetTierOptions;
  /**
   * Subnets with no route to the internet, only the gateway endpoints; for databases or workloads without NAT.
   * @default - no isolated subnets
   */
  readonly isolated?: SubnetTierOptions;
}

/** What other constructs need from a network. */
export interface INetwork {
  /** The VPC id (`vpc-...`; a token for a VPC created in the same stack). */
  readonly vpcId: string;
  /** The VPC's primary IPv4 CIDR block, e.g. `10.0.0.0/16`; used for "from inside the VPC" rules. */
  readonly vpcCidr: string;
  /**
   * The VPC's IPv6 block when the network is dual-stack (every subnet then has an IPv6 /64); a token
   * for a VPC created in the same stack. Dual-stack load balancers need it.
   * @default - undefined: the network is IPv4 only
   */
  readonly ipv6CidrBlock?: string;
  /** Availability zone names, in the order the subnet lists follow. */
  readonly availabilityZones: readonly string[];
  /** Public subnet ids, one per availability zone in zone order; empty when there is no public tier. */
  readonly publicSubnetIds: readonly string[];
  /** Private (NAT-routed) subnet ids, one per availability zone in zone order; empty when there is no private tier. */
  readonly privateSubnetIds: readonly string[];
  /** Isolated subnet ids, one per availability zone in zone order; empty when there is no isolated tier. */
  readonly isolatedSubnetIds: readonly string[];
  /** The subnets workloads run in by default: private when the network has them, otherwise isolated. */
  readonly workloadSubnetIds: readonly string[];
  /** Which tier `workloadSubnetIds` are from. */
  readonly workloadSubnetTier: SubnetTier;
  /**
   * What must exist before anything that needs the internet through the public subnets: the internet
   * gateway, the public default route and the public subnets' route table associations. Internet-facing
   * load balancers depend on it (AWS refuses one in a VPC without an internet gateway, and a destroy
   * must remove the load balancer before the gateway). Empty for a network built elsewhere.
   */
  readonly internetConnectivity: readonly ITerraformDependable[];
  /**
   * Per tier, what gives its subnets their routes: the route table associations, default routes (NAT
   * for private), and the gateway and interface endpoints serving the tier. Services depend on their
   * tier's list, so tasks never start before they can pull images and reach their endpoints. Empty
   * lists for a network built elsewhere.
   */
  readonly subnetConnectivity: Readonly<Record<SubnetTier, readonly ITerraformDependable[]>>;
}

/** Attributes of an existing network, for `Network.fromAttributes`. */
export interface NetworkAttributes {
  /** Id of the existing VPC (`vpc-...`). */
  readonly vpcId: string;
  /** The existing VPC's primary IPv4 CIDR block. */
  readonly vpcCidr: string;
  /**
   * The existing VPC's IPv6 block, when it and every subnet below are dual-stack, e.g. `2001:db8:1234:5600::/56`.
   * @default - none: the network is treated as IPv4 only
   */
  readonly ipv6CidrBlock?: string;
  /** Availability zones of the subnets below, in the same order. */
  readonly availabilityZones: readonly string[];
  /**
   * Public subnet ids, one per availability zone.
   * @default []
   */
  readonly publicSubnetIds?: readonly string[];
  /**
   * Private (NAT-routed) subnet ids, one per availability zone; when set, workloads run here.
   * @default []
   */
  readonly privateSubnetIds?: readonly string[];
  /**
   * Isolated subnet ids, one per availability zone; workloads run here when there are no private subnets.
   * @default []
   */
  readonly isolatedSubnetIds?: readonly string[];
}

/** Settings for {@link Network}. */
export interface NetworkProps {
  /** Name prefix for every resource, e.g. `acme-dev`; lowercase, digits and hyphens, at most 40 characters. */
  readonly name: string;
  /** The VPC's IPv4 CIDR block, /16 to /28. */
  readonly cidr: string;
  /** Availability zones, 2 to 6, e.g. `["eu-west-1a", "eu-west-1b"]`. Explicit so plans need no AWS call. */
  readonly availabilityZones: readonly string[];
  /**
   * Region the VPC is in (used for endpoint service names).
   * @default - derived from the availability zone names (`eu-west-1a` → `eu-west-1`)
   */
  readonly region?: string;
  /**
   * Subnet tiers to create, one subnet per tier per availability zone; tiers without a size share the VPC equally.
   * @default { public: {}, private: {} }
   */
  readonly tiers?: SubnetTiers;
  /**
   * Availability zone slots each planned tier reserves, counting the zones in use: the most zones this
   * network can grow to without moving a subnet. Zone `i` always takes slot `i` of its tier, so adding
   * or removing the last zone adds or removes only that zone's subnets. Lower it only when a small
   * VPC cannot hold six slots per tier. (AWS CDK's `reservedAzs` counts extra zones; this counts all.)
   * @default Network.MAX_AZS (6)
   */
  readonly reservedAzs?: number;
  /**
   * NAT gateways for the private tier: none, one shared (cheap, for dev; a single AZ failure cuts
   * egress for all), or one per availability zone (for production).
   * @default "perAz" when the network has public and private subnets, otherwise "none"
   */
  readonly natGateways?: NatMode;
  /** VPC flow logs. @default - on, to CloudWatch Logs, all traffic, kept 90 days */
  readonly flowLogs?: FlowLogOptions;
  /** Gateway endpoints attached to the private and isolated route tables (they cost nothing). @default ["s3", "dynamodb"] */
  readonly gatewayEndpoints?: readonly GatewayEndpointService[];
  /** Interface endpoints by service name; see `InterfaceEndpointPresets`. @default [] */
  readonly interfaceEndpoints?: readonly InterfaceEndpointService[];
  /**
   * Tier the interface endpoints are placed in.
   * @default "private" when the network has private subnets, otherwise "isolated"
   */
  readonly interfaceEndpointTier?: "private" | "isolated";
  /** Endpoint policies (JSON documents) by endpoint service name; only for endpoints this network creates. @default - AWS's full-access policy */
  readonly endpointPolicies?: Readonly<Partial<Record<GatewayEndpointService | InterfaceEndpointService, string>>>;
  /**
   * Dual-stack IPv6: an Amazon-provided IPv6 /56 on the VPC and a /64 on every subnet, numbered by the
   * same fixed per-zone slots as IPv4 (`Network.ipv6SubnetNumbers`), so adding a zone moves no block.
   * Private and isolated subnets give new interfaces an IPv6 address; public ones do not (a public
   * subnet's IPv6 address is reachable from the internet). The public tier routes `::/0` to the
   * internet gateway; the private tier routes `::/0` to an egress-only internet gateway (outbound
   * only, no hourly charge), whatever `natGateways` says; the isolated tier gets no IPv6 route. Turning it on
   * later updates the VPC and subnets in place. Tasks get IPv6 addresses only once the account's ECS
   * `dualStackIPv6` setting is on.
   * @default false
   */
  readonly dualStack?: boolean;
  /** Tags for every resource; each also gets a `Name`. @default - none */
  readonly tags?: Record<string, string>;
}

const DEFAULT_TIERS: SubnetTiers = { public: {}, private: {} };

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * A VPC with public, private and isolated subnet tiers across availability zones, NAT, flow logs,
 * a locked-down default security group, and gateway and interface endpoints.
 */
export class Network extends Construct implements INetwork {
  /** S3 and DynamoDB gateway endpoints: free, and they keep ECR image layers and table traffic off NAT. */
  public static readonly DEFAULT_GATEWAY_ENDPOINTS: readonly GatewayEndpointService[] = ["s3", "dynamodb"];
  /** Fewest availability zones accepted: two, so one zone failing leaves capacity (and ALBs need two). */
  public static readonly MIN_AZS = 2;
  /** Most availability zones accepted; no AWS region used here has more than six. */
  public static readonly MAX_AZS = MAX_AZS;

  /** A network built elsewhere (another stack or hand-written Terraform). */
  public static fromAttributes(attrs: NetworkAttributes): INetwork {
    if (attrs.ipv6CidrBlock !== undefined && !isToken(attrs.ipv6CidrBlock) && !isIpv6Cidr(attrs.ipv6CidrBlock)) {
      fail("Network.fromAttributes", {
        code: "NETWORK_INVALID_IPV6_CIDR",
        property: "ipv6CidrBlock",
        value: attrs.ipv6CidrBlock,
        allowed: "an IPv6 CIDR block whose address is the start of its range, such as 2001:db8:1234:5600::/56",
      });
    }
    const privateSubnetIds = attrs.privateSubnetIds ?? [];
    const isolatedSubnetIds = attrs.isolatedSubnetIds ?? [];
    const workloadSubnetTier: SubnetTier = privateSubnetIds.length > 0 ? "private" : "isolated";
    return {
      vpcId: attrs.vpcId,
      vpcCidr: attrs.vpcCidr,
      ipv6CidrBlock: attrs.ipv6CidrBlock,
      availabilityZones: attrs.availabilityZones,
      publicSubnetIds: attrs.publicSubnetIds ?? [],
      privateSubnetIds,
      isolatedSubnetIds,
      workloadSubnetIds: workloadSubnetTier === "private" ? privateSubnetIds : isolatedSubnetIds,
      workloadSubnetTier,
      // A network built elsewhere is routed already; nothing in this stack to wait for.
      internetConnectivity: [],
      subnetConnectivity: { public: [], private: [], isolated: [] },
    };
  }

  public readonly vpcId: string;
  public readonly vpcCidr: string;
  public readonly ipv6CidrBlock?: string;
  /** True when the network is dual-stack (`dualStack`). */
  public readonly dualStack: boolean;
  /**
   * Per tier, the `cidrsubnet(ipv6_cidr_block, 8, n)` subnet number of each zone's IPv6 /64, in zone
   * order (public 0-5, private 16-21, isolated 32-37); empty lists when the network is IPv4 only.
   */
  public readonly ipv6SubnetNumbers: Record<SubnetTier, number[]> = { public: [], private: [], isolated: [] };
  /** The egress-only internet gateway of the private tier's IPv6 traffic, when dual-stack with a private tier. */
  public readonly egressOnlyInternetGatewayId?: string;
  /** Region of the VPC, as given or derived from the zone names; used in endpoint service names. */
  public readonly region: string;
  public readonly availabilityZones: readonly string[];
  public readonly publicSubnetIds: string[] = [];
  public readonly privateSubnetIds: string[] = [];
  public readonly isolatedSubnetIds: string[] = [];
  public readonly workloadSubnetIds: readonly string[];
  public readonly workloadSubnetTier: SubnetTier;
  /** Planned subnet CIDRs by tier, in availability zone order. */
  public readonly subnetCidrs: Record<SubnetTier, string[]> = { public: [], private: [], isolated: [] };
  /** Route table ids by tier (public and isolated share one; private has one per AZ). */
  public readonly routeTableIds: Record<SubnetTier, string[]> = { public: [], private: [], isolated: [] };
  /** NAT gateway ids in availability zone order: one per zone, one in total, or none, as `natMode` says. */
  public readonly natGatewayIds: string[] = [];
  public readonly internetConnectivity: ITerraformDependable[] = [];
  public readonly subnetConnectivity: Record<SubnetTier, ITerraformDependable[]> = { public: [], private: [], isolated: [] };
  /** The NAT layout in effect, after the default was applied. */
  public readonly natMode: NatMode;
  /** The security group of the interface endpoints, when there are any. */
  public readonly endpointSecurityGroup?: SecurityGroup;
  /** The flow log, unless `flowLogs.enabled` is false. */
  public readonly flowLog?: VpcFlowLog;
  /** The VPC resource, for escape hatches. */
  public readonly vpc: Vpc;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    checkRequiredProps(this, "NetworkProps", props, { name: K.string, cidr: K.string, availabilityZones: K.strings });
    const tiers = props.tiers ?? DEFAULT_TIERS;
    const gatewayEndpoints = props.gatewayEndpoints ?? Network.DEFAULT_GATEWAY_ENDPOINTS;
    const interfaceEndpoints = props.interfaceEndpoints ?? [];
    const tags = props.tags;
    const dualStack = props.dualStack ?? false;

    checkName(this, "NETWORK_NAME", "name", props.name, NameRules.prefix);
    checkTags(this, "tags", tags);
    if (typeof dualStack !== "boolean") {
      fail(this, { code: "NETWORK_DUAL_STACK", property: "dualStack", value: dualStack, allowed: "true or false" });
    }
    this.dualStack = dualStack;
    this.availabilityZones = this.checkAvailabilityZones(props.availabilityZones);
    checkRegion(this, "NETWORK_REGION", "region", props.region);
    this.region = props.region ?? this.regionFromAzs(props.availabilityZones);
    const strayZone = isToken(this.region)
      ? undefined
      : this.availabilityZones.find((az) => !isToken(az) && !new RegExp(`^${this.region}[a-z]$`).test(az));
    if (strayZone !== undefined) {
      // Subnets in another region's zone fail only at apply (InvalidParameterValue).
      fail(this, {
        code: "NETWORK_AZ_REGION",
        property: "availabilityZones",
        value: strayZone,
        allowed: `zones of ${this.region} such as ${this.region}a`,
      });
    }
    const has = (tier: SubnetTier) => tiers[tier] !== undefined;
    const hasPublic = has("public");
    const hasPrivate = has("private");
    this.natMode = props.natGateways ?? (hasPublic && hasPrivate ? "perAz" : "none");
    this.checkTiersAndNat(tiers, this.natMode);
    this.checkEndpoints(gatewayEndpoints, interfaceEndpoints, props.endpointPolicies);

    checkOneOf(this, "NETWORK_ENDPOINT_TIER", "interfaceEndpointTier", props.interfaceEndpointTier, ["private", "isolated"]);

    const requests: TierRequest[] = SUBNET_TIERS.filter(has).map((tier) => ({ tier, ...tiers[tier] }));
    const plan = planSubnets(
      { vpcCidr: props.cidr, azCount: this.availabilityZones.length, reservedAzs: props.reservedAzs, tiers: requests },
      (issue) => fail(this, issue),
    );

    this.vpc = new Vpc(this, "Resource", {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      // Left out (not false) when IPv4 only, so networks from before dual-stack existed plan no change.
      assignGeneratedIpv6CidrBlock: dualStack ? true : undefined,
      tags: withName(props.name, tags),
    });
    this.vpcId = this.vpc.id;
    this.vpcCidr = props.cidr;
    this.ipv6CidrBlock = dualStack ? this.vpc.ipv6CidrBlock : undefined;

    // Managing the default group strips all its rules, so nothing can use it by accident.
    new DefaultSecurityGroup(this, "DefaultSecurityGroup", {
      vpcId: this.vpc.id,
      tags: withName(`${props.name}-default-do-not-use`, tags),
    });

    const subnetsByTier: Record<SubnetTier, Subnet[]> = { public: [], private: [], isolated: [] };
    for (const planned of plan) {
      const az = this.availabilityZones[planned.azIndex];
      const tierId = planned.tier.charAt(0).toUpperCase() + planned.tier.slice(1);
      const ipv6Number = ipv6SubnetNumber(planned.tier, planned.azIndex);
      const subnet = new Subnet(this, `${tierId}Subnet${planned.azIndex + 1}`, {
        vpcId: this.vpc.id,
        cidrBlock: planned.cidr,
        availabilityZone: az,
        // Nothing in this library needs a public IP on launch, not even in public subnets (load balancers get their own).
        mapPublicIpOnLaunch: false,
        // The VPC's /56 is only known at apply: Terraform carves the /64 from it by its fixed subnet number.
        ipv6CidrBlock: dualStack ? Fn.cidrsubnet(this.vpc.ipv6CidrBlock, IPV6_SUBNET_NEWBITS, ipv6Number) : undefined,
        // An IPv6 address in a public subnet is reachable from the internet, like a public IPv4 address.
        assignIpv6AddressOnCreation: dualStack ? planned.tier !== "public" : undefined,
        tags: { ...withName(`${props.name}-${planned.tier}-${az}`, tags), Tier: planned.tier },
      });
      subnetsByTier[planned.tier].push(subnet);
      this.subnetCidrs[planned.tier].push(planned.cidr);
      if (dualStack) this.ipv6SubnetNumbers[planned.tier].push(ipv6Number);
    }
    this.publicSubnetIds.push(...subnetsByTier.public.map((s) => s.id));
    this.privateSubnetIds.push(...subnetsByTier.private.map((s) => s.id));
    this.isolatedSubnetIds.push(...subnetsByTier.isolated.map((s) => s.id));
    this.workloadSubnetTier = hasPrivate ? "private" : "isolated";
    this.workloadSubnetIds = hasPrivate ? this.privateSubnetIds : this.isolatedSubnetIds;

    const natGateways = this.buildPublicTier(props.name, subnetsByTier.public, tags);
    const egressOnly =
      dualStack && subnetsByTier.private.length > 0
        ? new EgressOnlyInternetGateway(this, "EgressOnlyInternetGateway", { vpcId: this.vpc.id, tags: withName(props.name, tags) })
        : undefined;
    this.egressOnlyInternetGatewayId = egressOnly?.id;
    this.buildPrivateTier(props.name, subnetsByTier.private, natGateways, egressOnly, tags);
    this.buildIsolatedTier(props.name, subnetsByTier.isolated, tags);

    if (props.flowLogs?.enabled ?? true) {
      this.flowLog = new VpcFlowLog(this, "FlowLog", { ...props.flowLogs, vpcId: this.vpc.id, name: props.name, tags });
    } else {
      warn(this, "NETWORK_FLOW_LOGS_OFF", "VPC flow logs are off: traffic to and from this VPC is not recorded.");
    }

    const gatewayRouteTables = [...this.routeTableIds.private, ...this.routeTableIds.isolated];
    for (const service of gatewayEndpoints) {
      const endpoint = new VpcEndpoint(this, `${endpointId(service)}GatewayEndpoint`, {
        vpcId: this.vpc.id,
        serviceName: endpointServiceName(this.region, service),
        vpcEndpointType: "Gateway",
        routeTableIds: gatewayRouteTables,
        policy: props.endpointPolicies?.[service],
        tags: withName(`${props.name}-${service}-gateway`, tags),
      });
      // ECR image layers come from S3: tasks in these tiers pull through the gateway endpoint.
      if (this.privateSubnetIds.length > 0) this.subnetConnectivity.private.push(endpoint);
      if (this.isolatedSubnetIds.length > 0) this.subnetConnectivity.isolated.push(endpoint);
    }

    if (interfaceEndpoints.length > 0) {
      const tier = props.interfaceEndpointTier ?? (hasPrivate ? "private" : "isolated");
      const subnetIds = tier === "private" ? this.privateSubnetIds : this.isolatedSubnetIds;
      if (subnetIds.length === 0) {
        fail(this, {
          code: "NETWORK_ENDPOINT_TIER",
          property: "interfaceEndpointTier",
          value: tier,
          allowed: "a tier this network has (add it to tiers, or pick the other tier)",
        });
      }
      this.endpointSecurityGroup = new SecurityGroup(this, "EndpointSecurityGroup", {
        vpcId: this.vpc.id,
        name: `${props.name}-vpc-endpoints`,
        description: "Interface VPC endpoints: HTTPS from inside the VPC only",
        allowAllOutbound: false,
        tags,
      });
      this.endpointSecurityGroup.connections.allowFrom(Peer.ipv4(props.cidr), Port.HTTPS, "HTTPS from the VPC");
      for (const service of interfaceEndpoints) {
        const endpoint = new VpcEndpoint(this, `${endpointId(service)}Endpoint`, {
          vpcId: this.vpc.id,
          serviceName: endpointServiceName(this.region, service),
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds,
          securityGroupIds: [this.endpointSecurityGroup.securityGroupId],
          policy: props.endpointPolicies?.[service],
          tags: withName(`${props.name}-${service}`, tags),
        });
        this.subnetConnectivity[tier].push(endpoint);
      }
    }
  }

  private buildPublicTier(name: string, subnets: Subnet[], tags?: Record<string, string>): NatGateway[] {
    if (subnets.length === 0) return [];
    const igw = new InternetGateway(this, "InternetGateway", { vpcId: this.vpc.id, tags: withName(name, tags) });
    const table = new RouteTable(this, "PublicRouteTable", { vpcId: this.vpc.id, tags: withName(`${name}-public`, tags) });
    this.routeTableIds.public.push(table.id);
    const route = new Route(this, "PublicDefaultRoute", { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
    this.internetConnectivity.push(igw, route);
    if (this.dualStack) {
      this.internetConnectivity.push(
        new Route(this, "PublicDefaultRouteIpv6", { routeTableId: table.id, destinationIpv6CidrBlock: "::/0", gatewayId: igw.id }),
      );
    }
    subnets.forEach((subnet, i) => {
      this.internetConnectivity.push(
        new RouteTableAssociation(this, `PublicSubnet${i + 1}RouteTableAssociation`, { subnetId: subnet.id, routeTableId: table.id }),
      );
    });
    this.subnetConnectivity.public.push(...this.internetConnectivity);

    const natCount = this.natMode === "perAz" ? subnets.length : this.natMode === "single" ? 1 : 0;
    const gateways: NatGateway[] = [];
    for (let i = 0; i < natCount; i++) {
      const az = this.availabilityZones[i];
      const eip = new Eip(this, `NatEip${i + 1}`, { domain: "vpc", tags: withName(`${name}-nat-${az}`, tags) });
      const nat = new NatGateway(this, `NatGateway${i + 1}`, {
        allocationId: eip.allocationId,
        subnetId: subnets[i].id,
        tags: withName(`${name}-nat-${az}`, tags),
        dependsOn: [igw],
      });
      gateways.push(nat);
      this.natGatewayIds.push(nat.id);
    }
    return gateways;
  }

  private buildPrivateTier(
    name: string,
    subnets: Subnet[],
    nats: NatGateway[],
    egressOnly: EgressOnlyInternetGateway | undefined,
    tags?: Record<string, string>,
  ): void {
    subnets.forEach((subnet, i) => {
      const az = this.availabilityZones[i];
      const table = new RouteTable(this, `PrivateRouteTable${i + 1}`, {
        vpcId: this.vpc.id,
        tags: withName(`${name}-private-${az}`, tags),
      });
      this.routeTableIds.private.push(table.id);
      this.subnetConnectivity.private.push(
        new RouteTableAssociation(this, `PrivateSubnet${i + 1}RouteTableAssociation`, { subnetId: subnet.id, routeTableId: table.id }),
      );
      if (nats.length > 0) {
        const route = new Route(this, `PrivateDefaultRoute${i + 1}`, {
          routeTableId: table.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: nats[Math.min(i, nats.length - 1)].id,
        });
        this.subnetConnectivity.private.push(route);
      }
      if (egressOnly) {
        this.subnetConnectivity.private.push(
          new Route(this, `PrivateDefaultRouteIpv6${i + 1}`, {
            routeTableId: table.id,
            destinationIpv6CidrBlock: "::/0",
            egressOnlyGatewayId: egressOnly.id,
          }),
        );
      }
    });
  }

  private buildIsolatedTier(name: string, subnets: Subnet[], tags?: Record<string, string>): void {
    if (subnets.length === 0) return;
    const table = new RouteTable(this, "IsolatedRouteTable", { vpcId: this.vpc.id, tags: withName(`${name}-isolated`, tags) });
    this.routeTableIds.isolated.push(table.id);
    subnets.forEach((subnet, i) => {
      this.subnetConnectivity.isolated.push(
        new RouteTableAssociation(this, `IsolatedSubnet${i + 1}RouteTableAssociation`, { subnetId: subnet.id, routeTableId: table.id }),
      );
    });
  }

  private checkAvailabilityZones(azs: readonly string[]): readonly string[] {
    if (isToken(azs)) {
      fail(this, {
        code: "NETWORK_AZ_TOKEN",
        property: "availabilityZones",
        value: "(unresolved token)",
        allowed: "an explicit list of zone names, so subnets can be planned at synth time",
      });
    }
    if (azs.length < Network.MIN_AZS || azs.length > Network.MAX_AZS) {
      fail(this, {
        code: "NETWORK_AZ_COUNT",
        property: "availabilityZones",
        value: azs,
        allowed: `${Network.MIN_AZS} to ${Network.MAX_AZS} availability zones`,
      });
    }
    const seen = new Set<string>();
    for (const az of azs) {
      if (seen.has(az)) {
        fail(this, { code: "NETWORK_AZ_DUPLICATE", property: "availabilityZones", value: az, allowed: "each zone once" });
      }
      seen.add(az);
    }
    return azs;
  }

  private regionFromAzs(azs: readonly string[]): string {
    const regions = new Set(azs.map((az) => /^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$/.exec(az)?.[1]));
    const [region] = [...regions];
    if (regions.size !== 1 || region === undefined) {
      fail(this, {
        code: "NETWORK_REGION",
        property: "availabilityZones",
        value: azs,
        allowed: "zone names of one region such as eu-west-1a, or set region explicitly",
      });
    }
    return region;
  }

  private checkTiersAndNat(tiers: SubnetTiers, nat: NatMode): void {
    if (!SUBNET_TIERS.some((tier) => tiers[tier] !== undefined)) {
      fail(this, { code: "NETWORK_NO_TIERS", property: "tiers", value: tiers, allowed: "at least one of public, private, isolated" });
    }
    if (!["none", "single", "perAz"].includes(nat)) {
      fail(this, { code: "NETWORK_NAT_MODE", property: "natGateways", value: nat, allowed: '"none", "single" or "perAz"' });
    }
    if (nat !== "none" && tiers.public === undefined) {
      fail(this, {
        code: "NETWORK_NAT_WITHOUT_PUBLIC",
        property: "natGateways",
        value: nat,
        allowed: '"none" when there is no public tier (NAT gateways live in public subnets)',
      });
    }
    if (nat !== "none" && tiers.private === undefined) {
      warn(this, "NETWORK_NAT_WITHOUT_PRIVATE_TIER", `natGateways is "${nat}" but there is no private tier to route through it.`);
    }
    if (nat === "none" && tiers.private !== undefined) {
      warn(
        this,
        "NETWORK_PRIVATE_WITHOUT_NAT",
        this.dualStack
          ? "Private subnets without NAT reach the internet over IPv6 only (the egress-only gateway); IPv4-only AWS endpoints need interface endpoints (see InterfaceEndpointPresets)."
          : "Private subnets without NAT have no internet route; tasks there need interface endpoints (see InterfaceEndpointPresets).",
      );
    }
  }

  private checkEndpoints(gateway: readonly string[], iface: readonly string[], policies: NetworkProps["endpointPolicies"]): void {
    gateway.forEach((service, i) => {
      if (!(GATEWAY_ENDPOINT_SERVICES as readonly string[]).includes(service)) {
        fail(this, {
          code: "NETWORK_UNKNOWN_ENDPOINT",
          property: `gatewayEndpoints[${i}]`,
          value: service,
          allowed: `one of ${GATEWAY_ENDPOINT_SERVICES.join(", ")}`,
        });
      }
    });
    iface.forEach((service, i) => {
      if (!(INTERFACE_ENDPOINT_SERVICES as readonly string[]).includes(service)) {
        fail(this, {
          code: "NETWORK_UNKNOWN_ENDPOINT",
          property: `interfaceEndpoints[${i}]`,
          value: service,
          allowed: `a known interface endpoint: ${INTERFACE_ENDPOINT_SERVICES.join(", ")}`,
        });
      }
    });
    for (const [property, list] of [
      ["gatewayEndpoints", gateway],
      ["interfaceEndpoints", iface],
    ] as const) {
      const dupe = list.find((s, i) => list.indexOf(s) !== i);
      if (dupe) fail(this, { code: "NETWORK_DUPLICATE_ENDPOINT", property, value: dupe, allowed: "each endpoint once" });
    }
    for (const [service, policy] of Object.entries(policies ?? {})) {
      if (policy !== undefined && !isToken(policy) && !isJsonObject(policy)) {
        fail(this, {
          code: "NETWORK_ENDPOINT_POLICY_JSON",
          property: `endpointPolicies.${service}`,
          value: policy,
          allowed: "an IAM policy document as a JSON object string",
        });
      }
    }
    for (const service of Object.keys(policies ?? {})) {
      if (!gateway.includes(service) && !iface.includes(service)) {
        fail(this, {
          code: "NETWORK_ENDPOINT_POLICY",
          property: `endpointPolicies.${service}`,
          value: service,
          allowed: "a policy for an endpoint this network creates",
        });
      }
    }
  }
}
