/**
 * The monthly cost of what a stack runs before and after a plan, from the plan's resource
 * values and configuration references, priced with a {@link PriceTable}.
 */
import {
  cents,
  ec2Monthly,
  fargateMonthly,
  FargateCapacity,
  interfaceEndpointMonthly,
  loadBalancerMonthly,
  splitTasks,
  CapacityStrategyItem,
} from "./cost-model";
import { configAddress, PlanConfiguration, PlanJson, regionOf } from "./plan";
import { PricedCpuArchitecture, LoadBalancerType, PriceTable, RegionPrices } from "./prices";

/** What a cost line prices, as the report's "Item" column shows it. */
export type CostCategory =
  | "NAT gateway"
  | "Public IPv4"
  | "Interface endpoint"
  | "Load balancer"
  | "Fargate"
  | "Fargate Spot"
  | "EC2 (Auto Scaling)"
  | "EC2 (Batch)"
  | "EC2 instance"
  | "Log ingestion"
  | "KMS key"
  | "Secret";

/** One priced item on one side of the plan. */
export interface CostLine {
  /** Full instance address of the priced resource. */
  readonly address: string;
  /** What is priced. */
  readonly category: CostCategory;
  /** What is priced, e.g. `2 tasks × 1 vCPU / 2 GiB X86_64`. */
  readonly quantity: string;
  /** Per month, in cents precision. */
  readonly monthly: number;
}

/** One item before and after the plan. */
export interface CostDelta {
  /** Full instance address of the priced resource. */
  readonly address: string;
  /** What is priced; a resource can have several lines (a service on Fargate and Fargate Spot). */
  readonly category: CostCategory;
  /** The quantity after the plan (before it, for items the plan removes). */
  readonly quantity: string;
  /** Monthly cost before the plan (0 for items it creates). */
  readonly before: number;
  /** Monthly cost after the plan (0 for items it removes). */
  readonly after: number;
  /** `after - before`, rounded to cents. */
  readonly delta: number;
}

/** A stack's monthly cost before and after its plan, item by item, as {@link estimatePlanCost} returns it. */
export interface CostEstimate {
  /** The AWS region priced. */
  readonly region: string;
  /** The price table's currency code, e.g. `USD`. */
  readonly currency: string;
  /** The price table's date (`version`), so a reader knows how current the prices are. */
  readonly priceTableVersion: string;
  /** Monthly cost of what the stack runs now (before the plan) and after it. */
  readonly monthlyBefore: number;
  /** Monthly cost of what the stack runs after the plan. */
  readonly monthlyAfter: number;
  /** `monthlyAfter - monthlyBefore`: positive when the plan costs more. */
  readonly delta: number;
  /** Every priced item, by address. */
  readonly items: readonly CostDelta[];
  /** What could not be priced, and why. */
  readonly notes: readonly string[];
  /** What the estimate assumes. */
  readonly assumptions: readonly string[];
}

/** Resource types that cost money by use; present ones are named in the notes as not estimated. */
export const USAGE_PRICED_TYPES: Readonly<Record<string, string>> = {
  aws_efs_file_system: "storage and throughput are billed by use",
  aws_s3_bucket: "storage and requests are billed by use",
  aws_ecr_repository: "image storage is billed by use",
  aws_dynamodb_table: "capacity and storage are billed by use",
  aws_sqs_queue: "requests are billed by use",
  aws_db_instance: "database instances are not in the price table",
  aws_rds_cluster: "database clusters are not in the price table",
  aws_batch_compute_environment: "jobs are billed by the capacity they use while they run",
};

type Side = "before" | "after";
type Values = Record<string, unknown>;

interface SideResource {
  readonly address: string;
  readonly type: string;
  readonly values: Values;
  /** after_unknown for the after side; nothing is unknown before. */
  readonly unknown: Values;
}

interface Context {
  readonly side: Side;
  readonly resources: ReadonlyMap<string, SideResource>;
  readonly config: PlanConfiguration;
  readonly prices: RegionPrices;
  readonly table: PriceTable;
  readonly notes: Set<string>;
}

type Pricer = (r: SideResource, ctx: Context) => CostLine[];

const PRICERS: Readonly<Record<string, Pricer>> = {
  aws_nat_gateway: (r, ctx) => [
    line(r, "NAT gateway", `1 × ${ctx.table.hoursPerMonth} h`, ctx.prices.natGatewayHour * ctx.table.hoursPerMonth),
  ],
  aws_eip: (r, ctx) => [
    line(r, "Public IPv4", `1 address × ${ctx.table.hoursPerMonth} h`, ctx.prices.publicIpv4Hour * ctx.table.hoursPerMonth),
  ],
  aws_vpc_endpoint: priceEndpoint,
  aws_lb: (r, ctx) => {
    const type = (str(r, "load_balancer_type") ?? "application") as LoadBalancerType;
    const units = ctx.table.assumptions.loadBalancerCapacityUnits;
    return [
      line(r, "Load balancer", `${type}, ${units} capacity unit(s)`, loadBalancerMonthly(type, units, ctx.prices, ctx.table.hoursPerMonth)),
    ];
  },
  aws_ecs_service: priceService,
  aws_autoscaling_group: priceAutoScalingGroup,
  aws_batch_compute_environment: priceBatch,
  aws_instance: (r, ctx) => {
    const type = str(r, "instance_type");
    const monthly = type === undefined ? undefined : ec2Monthly(type, 1, ctx.prices, ctx.table.hoursPerMonth);
    if (monthly === undefined) return unpriced(ctx, r, `instance type ${type ?? "unknown"} is not in the price table`);
    return [line(r, "EC2 instance", `1 × ${type}`, monthly)];
  },
  aws_cloudwatch_log_group: (r, ctx) => {
    const gib = ctx.table.assumptions.logIngestionGiBPerLogGroupMonth;
    return [line(r, "Log ingestion", `${gib} GiB/month (assumed)`, gib * ctx.prices.logIngestionGiB)];
  },
  aws_kms_key: (r, ctx) => [line(r, "KMS key", "1 key", ctx.prices.kmsKeyMonth)],
  aws_secretsmanager_secret: (r, ctx) => [line(r, "Secret", "1 secret", ctx.prices.secretMonth)],
};

/** How {@link estimatePlanCost} prices a plan. */
export interface EstimateOptions {
  /** The AWS region whose prices apply (use it when the provider's region is not a constant). @default - the plan's aws provider region */
  readonly region?: string;
}

/**
 * Prices both sides of a plan. Returns `{ reason }` instead when the region is unknown or not in the table
 * (`reason` says which).
 */
export function estimatePlanCost(
  plan: PlanJson,
  table: PriceTable,
  options: EstimateOptions = {},
): CostEstimate | { readonly reason: string } {
  const region = options.region ?? regionOf(plan);
  if (region === undefined) return { reason: "the plan's aws provider region is not a constant; pass --region" };
  const prices = table.regions[region];
  if (prices === undefined)
    return { reason: `price table ${table.version} has no prices for ${region} (it has ${Object.keys(table.regions).join(", ")})` };
  const config = new PlanConfiguration(plan);
  const notes = new Set<string>();
  const sides: Record<Side, CostLine[]> = { before: [], after: [] };
  for (const side of ["before", "after"] as const) {
    const resources = sideResources(plan, side);
    const ctx: Context = { side, resources, config, prices, table, notes: side === "after" ? notes : new Set() };
    for (const r of resources.values()) sides[side].push(...(PRICERS[r.type]?.(r, ctx) ?? []));
    if (side === "after") {
      const counts = new Map<string, number>();
      for (const r of resources.values()) if (USAGE_PRICED_TYPES[r.type]) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
      for (const [type, n] of counts) notes.add(`${n} × ${type} not estimated: ${USAGE_PRICED_TYPES[type]}`);
    }
  }
  const items = joinSides(sides.before, sides.after);
  const monthlyBefore = cents(sides.before.reduce((s, l) => s + l.monthly, 0));
  const monthlyAfter = cents(sides.after.reduce((s, l) => s + l.monthly, 0));
  return {
    region,
    currency: table.currency,
    priceTableVersion: table.version,
    monthlyBefore,
    monthlyAfter,
    delta: cents(monthlyAfter - monthlyBefore),
    items,
    notes: [...notes].sort(),
    assumptions: assumptionsOf(table),
  };
}

/** The assumptions behind every estimate made with `table`, as the report states them. */
export function assumptionsOf(table: PriceTable): string[] {
  const a = table.assumptions;
  return [
    `${table.hoursPerMonth} hours a month at the on-demand list prices of price table ${table.version} (${table.currency}).`,
    "ECS services run their desired count all month, split across capacity providers by base and weight as ECS places them; tasks on EC2 capacity are priced through their Auto Scaling group.",
    "Auto Scaling groups run their desired capacity (their minimum size when unset) of the launch template's instance type at the on-demand price.",
    `Load balancers use ${a.loadBalancerCapacityUnits} capacity unit(s) an hour on average.`,
    `Each log group ingests ${a.logIngestionGiBPerLogGroupMonth} GiB a month; log storage is not included.`,
    "Not included: data processed by NAT gateways, endpoints and load balancers, data transfer, EBS volumes, storage, and Savings Plans or other discounts.",
  ];
}

function sideResources(plan: PlanJson, side: Side): Map<string, SideResource> {
  const resources = new Map<string, SideResource>();
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode === "data") continue;
    const values = rc.change[side];
    if (values === null || values === undefined || typeof values !== "object") continue;
    const unknown =
      side === "after" && rc.change.after_unknown && typeof rc.change.after_unknown === "object" ? (rc.change.after_unknown as Values) : {};
    resources.set(rc.address, { address: rc.address, type: rc.type, values: values as Values, unknown });
  }
  return resources;
}

function joinSides(before: readonly CostLine[], after: readonly CostLine[]): CostDelta[] {
  const key = (l: CostLine) => `${l.address}\u0000${l.category}`;
  const rows = new Map<string, { address: string; category: CostCategory; quantity: string; before: number; after: number }>();
  for (const l of before) rows.set(key(l), { address: l.address, category: l.category, quantity: l.quantity, before: l.monthly, after: 0 });
  for (const l of after) {
    const row = rows.get(key(l));
    if (row) rows.set(key(l), { ...row, quantity: l.quantity, after: l.monthly });
    else rows.set(key(l), { address: l.address, category: l.category, quantity: l.quantity, before: 0, after: l.monthly });
  }
  return [...rows.values()]
    .map((r) => ({ ...r, delta: cents(r.after - r.before) }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : a.category.localeCompare(b.category)));
}

function line(r: SideResource, category: CostCategory, quantity: string, monthly: number): CostLine {
  return { address: r.address, category, quantity, monthly: cents(monthly) };
}

function unpriced(ctx: Context, r: SideResource, why: string): CostLine[] {
  ctx.notes.add(`${r.address} not priced: ${why}`);
  return [];
}

/** A known (not unknown) attribute value. */
function value(r: SideResource, key: string): unknown {
  return r.unknown[key] === true ? undefined : r.values[key];
}

function str(r: SideResource, key: string): string | undefined {
  const v = value(r, key);
  return typeof v === "string" && v !== "" ? v : undefined;
}

function num(r: SideResource, key: string): number | undefined {
  const v = value(r, key);
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function block(r: SideResource, key: string): Values | undefined {
  const v = value(r, key);
  const first = Array.isArray(v) ? v[0] : v;
  return first && typeof first === "object" ? (first as Values) : undefined;
}

/** The resource an argument references: by configuration first, then by matching a known value. */
function referenced(
  r: SideResource,
  ctx: Context,
  argument: string | ReadonlyArray<string | number>,
  type: string,
  matches: (candidate: SideResource) => boolean,
): SideResource | undefined {
  for (const target of ctx.config.referencedResources(r.address, argument, type)) {
    const found = [...ctx.resources.values()].find((c) => configAddress(c.address) === target);
    if (found) return found;
  }
  return [...ctx.resources.values()].find((c) => c.type === type && matches(c));
}

function priceEndpoint(r: SideResource, ctx: Context): CostLine[] {
  if (str(r, "vpc_endpoint_type") !== "Interface") return [];
  const subnets = value(r, "subnet_ids");
  let azs = Array.isArray(subnets) ? subnets.length : undefined;
  if (azs === undefined) {
    // Unknown until the subnets exist: count what the configuration lists.
    const constant = ctx.config.expression(r.address, "subnet_ids")?.constant_value;
    azs = Array.isArray(constant)
      ? constant.length
      : ctx.config.referencedResources(r.address, "subnet_ids", "aws_subnet").length || undefined;
  }
  if (azs === undefined) return unpriced(ctx, r, "its subnets are not known");
  const service = str(r, "service_name")?.split(".").slice(3).join(".") ?? "endpoint";
  return [line(r, "Interface endpoint", `${service} × ${azs} AZ`, interfaceEndpointMonthly(azs, ctx.prices, ctx.table.hoursPerMonth))];
}

function priceService(r: SideResource, ctx: Context): CostLine[] {
  if (str(r, "scheduling_strategy") === "DAEMON")
    return unpriced(ctx, r, "a DAEMON service runs on its EC2 instances, priced through their Auto Scaling group");
  const desired = num(r, "desired_count");
  if (desired === undefined) return unpriced(ctx, r, "its desired count is not known");
  if (desired === 0) return [];
  const taskDefinitionArn = str(r, "task_definition");
  const family = taskDefinitionArn?.replace(/^arn:[^:]+:ecs:[^:]*:[^:]*:task-definition\//, "").split(":")[0];
  const td = referenced(r, ctx, "task_definition", "aws_ecs_task_definition", (c) => family !== undefined && str(c, "family") === family);
  if (!td) return unpriced(ctx, r, "its task definition is not in this plan");
  const cpuUnits = num(td, "cpu");
  const memoryMiB = num(td, "memory");
  if (cpuUnits === undefined || memoryMiB === undefined) return unpriced(ctx, r, "its task definition has no task-level cpu and memory");
  const platform = block(td, "runtime_platform");
  const architecture: PricedCpuArchitecture = platform?.cpu_architecture === "ARM64" ? "ARM64" : "X86_64";

  const split = splitTasks(desired, strategyOf(r, ctx));
  const lines: CostLine[] = [];
  for (const capacity of ["FARGATE", "FARGATE_SPOT"] as FargateCapacity[]) {
    const tasks = split[capacity];
    if (!tasks) continue;
    const monthly = fargateMonthly(
      { tasks, vcpu: cpuUnits / 1024, memoryGiB: memoryMiB / 1024, architecture, capacity },
      ctx.prices,
      ctx.table.hoursPerMonth,
    );
    const quantity = `${formatCount(tasks)} task(s) × ${formatCount(cpuUnits / 1024)} vCPU / ${formatCount(memoryMiB / 1024)} GiB ${architecture}`;
    lines.push(line(r, capacity === "FARGATE" ? "Fargate" : "Fargate Spot", quantity, monthly));
  }
  return lines;
}

/** The service's own strategy, else its launch type, else its cluster's default strategy, else EC2 (ECS's rule). */
function strategyOf(r: SideResource, ctx: Context): CapacityStrategyItem[] {
  const own = strategyItems(value(r, "capacity_provider_strategy"));
  if (own.length > 0) return own;
  const launchType = str(r, "launch_type");
  if (launchType) return [{ capacityProvider: launchType, weight: 1 }];
  const clusterArn = str(r, "cluster");
  const clusterRefs = ctx.config.referencedResources(r.address, "cluster", "aws_ecs_cluster");
  const providers = [...ctx.resources.values()].find(
    (c) =>
      c.type === "aws_ecs_cluster_capacity_providers" &&
      (ctx.config.referencedResources(c.address, "cluster_name", "aws_ecs_cluster").some((ref) => clusterRefs.includes(ref)) ||
        (clusterArn !== undefined && str(c, "cluster_name") !== undefined && clusterArn.endsWith(`/${str(c, "cluster_name")}`))),
  );
  const defaults = providers ? strategyItems(value(providers, "default_capacity_provider_strategy")) : [];
  return defaults.length > 0 ? defaults : [{ capacityProvider: "EC2", weight: 1 }];
}

function strategyItems(v: unknown): CapacityStrategyItem[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((item): item is Values => !!item && typeof item === "object" && typeof (item as Values).capacity_provider === "string")
    .map((item) => ({
      capacityProvider: item.capacity_provider as string,
      base: typeof item.base === "number" ? item.base : 0,
      weight: typeof item.weight === "number" ? item.weight : 0,
    }));
}

function priceAutoScalingGroup(r: SideResource, ctx: Context): CostLine[] {
  const desired = num(r, "desired_capacity");
  const count = desired ?? num(r, "min_size");
  if (count === undefined) return unpriced(ctx, r, "its desired capacity and minimum size are not known");
  if (count === 0) return [];
  let instanceType: string | undefined;
  const mixed = block(r, "mixed_instances_policy");
  const mixedTemplate = mixed && Array.isArray(mixed.launch_template) ? (mixed.launch_template[0] as Values | undefined) : undefined;
  const override = mixedTemplate && Array.isArray(mixedTemplate.override) ? (mixedTemplate.override[0] as Values | undefined) : undefined;
  if (typeof override?.instance_type === "string") instanceType = override.instance_type;
  if (instanceType === undefined) {
    const spec = block(r, "launch_template") ?? (mixedTemplate?.launch_template_specification as Values[] | undefined)?.[0];
    const id = typeof spec?.id === "string" ? spec.id : undefined;
    const name = typeof spec?.name === "string" ? spec.name : undefined;
    const argument = block(r, "launch_template")
      ? ["launch_template", 0, spec?.name !== undefined && spec?.name !== null ? "name" : "id"]
      : ["mixed_instances_policy", 0, "launch_template", 0, "launch_template_specification", 0, "launch_template_id"];
    const template = referenced(
      r,
      ctx,
      argument,
      "aws_launch_template",
      (c) => (id !== undefined && str(c, "id") === id) || (name !== undefined && str(c, "name") === name),
    );
    instanceType = template ? str(template, "instance_type") : undefined;
  }
  if (instanceType === undefined)
    return unpriced(ctx, r, "its instance type is not known (attribute-based selection, or a launch template outside this plan)");
  const monthly = ec2Monthly(instanceType, count, ctx.prices, ctx.table.hoursPerMonth);
  if (monthly === undefined) return unpriced(ctx, r, `instance type ${instanceType} is not in the price table`);
  return [line(r, "EC2 (Auto Scaling)", `${count} × ${instanceType} (${desired !== undefined ? "desired" : "minimum"})`, monthly)];
}

function priceBatch(r: SideResource, ctx: Context): CostLine[] {
  const resources = block(r, "compute_resources");
  const type = typeof resources?.type === "string" ? resources.type : undefined;
  const minVcpus = typeof resources?.min_vcpus === "number" ? resources.min_vcpus : 0;
  if ((type !== "EC2" && type !== "SPOT") || minVcpus === 0) return [];
  const types = Array.isArray(resources?.instance_type) ? (resources!.instance_type as string[]) : [];
  const priced = types.find((t) => ctx.prices.ec2[t] !== undefined);
  if (!priced)
    return unpriced(
      ctx,
      r,
      `min_vcpus ${minVcpus} keeps instances running, but none of its instance types (${types.join(", ") || "optimal"}) is in the price table`,
    );
  const count = Math.ceil(minVcpus / ctx.prices.ec2[priced].vcpu);
  const monthly = ec2Monthly(priced, count, ctx.prices, ctx.table.hoursPerMonth)!;
  return [
    line(
      r,
      "EC2 (Batch)",
      `${count} × ${priced} kept for min_vcpus ${minVcpus}${type === "SPOT" ? " (on-demand price as an upper bound)" : ""}`,
      monthly,
    ),
  ];
}

function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
