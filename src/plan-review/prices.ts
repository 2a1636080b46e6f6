import { readFileSync } from "node:fs";
import { join } from "node:path";

import type { CpuArchitecture } from "../task/task-definition";

export type { CpuArchitecture };
export type LoadBalancerType = "application" | "network" | "gateway";

export interface FargateRate {
  readonly vcpuHour: number;
  readonly gibHour: number;
}

export interface Ec2Rate {
  readonly hour: number;
  readonly vcpu: number;
}

/** Prices of one region, in the table's currency. */
export interface RegionPrices {
  readonly natGatewayHour: number;
  /** Every public IPv4 address (an Elastic IP, attached or not). */
  readonly publicIpv4Hour: number;
  /** An interface endpoint in one availability zone (one subnet). */
  readonly interfaceEndpointAzHour: number;
  readonly loadBalancerHour: Readonly<Record<LoadBalancerType, number>>;
  readonly loadBalancerCapacityUnitHour: Readonly<Record<LoadBalancerType, number>>;
  readonly fargate: Readonly<Record<CpuArchitecture, FargateRate>>;
  readonly fargateSpot: Readonly<Record<CpuArchitecture, FargateRate>>;
  readonly logIngestionGiB: number;
  readonly kmsKeyMonth: number;
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
  readonly schemaVersion: 1;
  /** The date the prices were taken, `YYYY-MM-DD`. */
  readonly version: string;
  readonly currency: string;
  /** Where the prices come from. */
  readonly source: string;
  readonly hoursPerMonth: number;
  readonly assumptions: UsageAssumptions;
  readonly regions: Readonly<Record<string, RegionPrices>>;
}

/** The table shipped with the library. */
export const DEFAULT_PRICE_TABLE_PATH = join(__dirname, "..", "..", "pricing", "aws-prices.json");

/** Loads and checks a price table (the shipped one by default). */
export function loadPriceTable(file: string = DEFAULT_PRICE_TABLE_PATH): PriceTable {
  return parsePriceTable(JSON.parse(readFileSync(file, "utf8")), file);
}

/** Checks a parsed table: every price a non-negative number, naming the first bad field. */
export function parsePriceTable(data: unknown, source = "price table"): PriceTable {
  const bad = (path: string, what: string): never => {
    throw new Error(`${source}: ${path} ${what}`);
  };
  const table = data as Partial<PriceTable>;
  if (table?.schemaVersion !== 1) bad("schemaVersion", "must be 1");
  if (typeof table.version !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(table.version)) bad("version", "must be a date, YYYY-MM-DD");
  if (typeof table.currency !== "string") bad("currency", "must be a string");
  if (typeof table.source !== "string") bad("source", "must be a string");
  const number = (value: unknown, path: string) => {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) bad(path, "must be a non-negative number");
  };
  number(table.hoursPerMonth, "hoursPerMonth");
  number(table.assumptions?.logIngestionGiBPerLogGroupMonth, "assumptions.logIngestionGiBPerLogGroupMonth");
  number(table.assumptions?.loadBalancerCapacityUnits, "assumptions.loadBalancerCapacityUnits");
  if (!table.regions || typeof table.regions !== "object" || Object.keys(table.regions).length === 0) bad("regions", "must name at least one region");
  for (const [region, prices] of Object.entries(table.regions as Record<string, RegionPrices>)) {
    const at = `regions.${region}`;
    for (const key of ["natGatewayHour", "publicIpv4Hour", "interfaceEndpointAzHour", "logIngestionGiB", "kmsKeyMonth", "secretMonth"] as const) {
      number(prices?.[key], `${at}.${key}`);
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
    for (const [type, rate] of Object.entries(prices.ec2 ?? bad(`${at}.ec2`, "must map instance types to prices"))) {
      number(rate?.hour, `${at}.ec2.${type}.hour`);
      number(rate?.vcpu, `${at}.ec2.${type}.vcpu`);
    }
  }
  return table as PriceTable;
}
