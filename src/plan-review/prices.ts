import { readFileSync } from "node:fs";
import { join } from "node:path";

import { fail } from "../core/errors";

/**
 * Task CPU architecture as a plan carries it (`runtime_platform.cpu_architecture`); Fargate prices
 * each differently. Written here, not imported from the task module: the plan review reads plans,
 * not constructs (docs/architecture.md, "Layers").
 */
export type PricedCpuArchitecture = "X86_64" | "ARM64";
/** Elastic Load Balancing types, matching `aws_lb.load_balancer_type`; each has its own hourly and capacity unit price. */
export type LoadBalancerType = "application" | "network" | "gateway";

/** Fargate's per-second billing, expressed per hour. */
export interface FargateRate {
  /** Price of one task vCPU for one hour. */
  readonly vcpuHour: number;
  /** Price of one GiB of task memory for one hour. */
  readonly gibHour: number;
}

/** One EC2 instance type's on-demand Linux price and size. */
export interface Ec2Rate {
  /** Price of one instance for one hour. */
  readonly hour: number;
  /** vCPUs of the type; Batch `min_vcpus` is turned into an instance count with it. */
  readonly vcpu: number;
}

/** Prices of one region, in the table's currency. */
export interface RegionPrices {
  /** One NAT gateway for one hour (data processed is not included). */
  readonly natGatewayHour: number;
  /** One GiB processed by a NAT gateway; only cost advice uses it. @default - not in the table: no break-even traffic in the advice */
  readonly natGatewayGiB?: number;
  /** One GiB processed by an interface endpoint; only cost advice uses it. @default - not in the table */
  readonly interfaceEndpointGiB?: number;
  /** Every public IPv4 address (an Elastic IP, attached or not). */
  readonly publicIpv4Hour: number;
  /** An interface endpoint in one availability zone (one subnet). */
  readonly interfaceEndpointAzHour: number;
  /** One load balancer for one hour, by type. */
  readonly loadBalancerHour: Readonly<Record<LoadBalancerType, number>>;
  /** One capacity unit (LCU, NLCU or GLCU) for one hour, by load balancer type. */
  readonly loadBalancerCapacityUnitHour: Readonly<Record<LoadBalancerType, number>>;
  /** On-demand Fargate rates by CPU architecture. */
  readonly fargate: Readonly<Record<PricedCpuArchitecture, FargateRate>>;
  /** Fargate Spot rates by CPU architecture. */
  readonly fargateSpot: Readonly<Record<PricedCpuArchitecture, FargateRate>>;
  /** One GiB of CloudWatch Logs ingestion (standard log class). */
  readonly logIngestionGiB: number;
  /** One customer managed KMS key for one month (requests are not included). */
  readonly kmsKeyMonth: number;
  /** One Secrets Manager secret for one month (API calls are not included). */
  readonly secretMonth: number;
  /** On-demand Linux instances by type. */
  readonly ec2: Readonly<Record<string, Ec2Rate>>;
}

/** What the estimate assumes about usage it cannot see in a plan; part of the table so users can change it. */
export interface UsageAssumptions {
  /** Log data ingested per log group per month. */
  readonly logIngestionGiBPerLogGroupMonth: number;
  /** Average load balancer capacity units (LCU/NLCU/GLCU) used per hour. */
  readonly loadBalancerCapacityUnits: number;
}

/** A dated, versioned price table (`pricing/aws-prices.json`); replace it with your own. */
export interface PriceTable {
  /** The file format's version; only 1 exists, and a table of another version is rejected. */
  readonly schemaVersion: 1;
  /** The date the prices were taken, `YYYY-MM-DD`. */
  readonly version: string;
  /** ISO 4217 code of every price, e.g. `USD` (the report writes `$` only for USD). */
  readonly currency: string;
  /** Where the prices come from. */
  readonly source: string;
  /** Hours a resource runs in a month; AWS's own calculator uses 730. */
  readonly hoursPerMonth: number;
  /** Usage the estimate cannot read from a plan. */
  readonly assumptions: UsageAssumptions;
  /** Prices by AWS region code, e.g. `eu-west-1`; a plan in another region gets no estimate. */
  readonly regions: Readonly<Record<string, RegionPrices>>;
}

/** The table shipped with the library. */
export const DEFAULT_PRICE_TABLE_PATH = join(__dirname, "..", "..", "pricing", "aws-prices.json");

/** The most hours a month has (31 × 24): a larger `hoursPerMonth` is a mistake. */
export const MAX_HOURS_PER_MONTH = 744;

/** Loads and checks a price table (the shipped one by default). */
export function loadPriceTable(file: string = DEFAULT_PRICE_TABLE_PATH): PriceTable {
  return parsePriceTable(JSON.parse(readFileSync(file, "utf8")), file);
}

/**
 * Checks a parsed table: every price a non-negative number. Throws a `ValidationError` naming
 * `source` (the file), the first bad field, its value and what is allowed.
 */
export function parsePriceTable(data: unknown, source = "price table"): PriceTable {
  const bad = (code: string, property: string, value: unknown, allowed: string): never => fail(source, { code, property, value, allowed });
  const table = data as Partial<PriceTable>;
  if (table?.schemaVersion !== 1) bad("PLAN_REVIEW_PRICE_TABLE_SCHEMA", "schemaVersion", table?.schemaVersion, "1");
  if (typeof table.version !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(table.version)) {
    bad("PLAN_REVIEW_PRICE_TABLE_VERSION", "version", table.version, "the date the prices were taken, YYYY-MM-DD");
  }
  if (typeof table.currency !== "string")
    bad("PLAN_REVIEW_PRICE_TABLE_STRING", "currency", table.currency, "a currency code string, e.g. USD");
  if (typeof table.source !== "string")
    bad("PLAN_REVIEW_PRICE_TABLE_STRING", "source", table.source, "a string saying where the prices come from");
  const number = (value: unknown, path: string) => {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
      bad("PLAN_REVIEW_PRICE_TABLE_PRICE", path, value, "a non-negative number");
  };
  const hours = table.hoursPerMonth;
  if (typeof hours !== "number" || !Number.isFinite(hours) || hours < 1 || hours > MAX_HOURS_PER_MONTH) {
    bad(
      "PLAN_REVIEW_PRICE_TABLE_HOURS",
      "hoursPerMonth",
      hours,
      `hours in a month, from 1 to ${MAX_HOURS_PER_MONTH} (31 days); AWS's calculator uses 730`,
    );
  }
  number(table.assumptions?.logIngestionGiBPerLogGroupMonth, "assumptions.logIngestionGiBPerLogGroupMonth");
  number(table.assumptions?.loadBalancerCapacityUnits, "assumptions.loadBalancerCapacityUnits");
  if (!table.regions || typeof table.regions !== "object" || Object.keys(table.regions).length === 0) {
    bad("PLAN_REVIEW_PRICE_TABLE_REGIONS", "regions", table.regions, "an object with the prices of at least one region");
  }
  for (const [region, prices] of Object.entries(table.regions as Record<string, RegionPrices>)) {
    const at = `regions.${region}`;
    if (prices === null || typeof prices !== "object")
      bad("PLAN_REVIEW_PRICE_TABLE_REGION", at, prices, "an object with the region's prices");
    for (const key of [
      "natGatewayHour",
      "publicIpv4Hour",
      "interfaceEndpointAzHour",
      "logIngestionGiB",
      "kmsKeyMonth",
      "secretMonth",
    ] as const) {
      number(prices?.[key], `${at}.${key}`);
    }
    for (const key of ["natGatewayGiB", "interfaceEndpointGiB"] as const) {
      if (prices[key] !== undefined) number(prices[key], `${at}.${key}`);
    }
    for (const key of ["loadBalancerHour", "loadBalancerCapacityUnitHour"] as const) {
      for (const lb of ["application", "network", "gateway"] as const) number(prices[key]?.[lb], `${at}.${key}.${lb}`);
    }
    for (const key of ["fargate", "fargateSpot"] as const) {
      for (const arch of ["X86_64", "ARM64"] as const) {
        number(prices[key]?.[arch]?.vcpuHour, `${at}.${key}.${arch}.vcpuHour`);
        number(prices[key]?.[arch]?.gibHour, `${at}.${key}.${arch}.gibHour`);
      }
    }
    const ec2 =
      prices.ec2 !== null && typeof prices.ec2 === "object"
        ? prices.ec2
        : bad("PLAN_REVIEW_PRICE_TABLE_EC2", `${at}.ec2`, prices.ec2, "an object mapping instance types to prices");
    for (const [type, rate] of Object.entries(ec2)) {
      number(rate?.hour, `${at}.ec2.${type}.hour`);
      number(rate?.vcpu, `${at}.ec2.${type}.vcpu`);
    }
  }
  return table as PriceTable;
}
