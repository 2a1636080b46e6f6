/**
 * What the plan review says about a stack's cost beyond the estimate itself: how the monthly
 * estimate compares with the AWS Budgets budgets the plan creates or keeps (a flag, never a gate
 * failure), and advice lines where a cheaper setup is likely, each with the price-table numbers
 * and the assumption behind it.
 */
import { cents } from "./cost-model";
import type { CostDelta, CostEstimate } from "./cost-estimate";
import type { PlanJson } from "./plan";
import type { PricedCpuArchitecture, PriceTable } from "./prices";

/** One budget of the plan next to the estimate. */
export interface BudgetComparison {
  /** Address of the `aws_budgets_budget`. */
  readonly address: string;
  /** The budget's name. */
  readonly name: string;
  /** What the budget counts: everything the stack tags (`stack`) or the ECS service's cost only (`ecs`). */
  readonly scope: "stack" | "ecs";
  /** The monthly limit, in `currency`. */
  readonly limit: number;
  /** The budget's unit (currency code). */
  readonly currency: string;
  /** The part of the estimate the budget counts; absent when it could not be compared. */
  readonly estimate?: number;
  /** `exceeded` when the estimate is above the limit; `not-compared` says why in `reason`. */
  readonly status: "within" | "exceeded" | "not-compared";
  /** Why the budget was not compared. */
  readonly reason?: string;
}

/** One piece of cost advice. */
export interface CostAdvice {
  /** What kind of advice. */
  readonly kind: "interface-endpoints" | "fargate-spot";
  /** The resources it is about. */
  readonly addresses: readonly string[];
  /** The advice, with the numbers from the price table. */
  readonly message: string;
  /** What the saving assumes. */
  readonly assumption: string;
  /** Estimated saving per month, in the estimate's currency. */
  readonly monthlySaving: number;
}

/** AWS's service name in cost filters for ECS (Fargate is billed under it). */
const ECS_SERVICE = "Amazon Elastic Container Service";

type Values = Record<string, unknown>;

/** The monthly cost budgets the plan leaves in place (its `after` side), compared with the estimate after the plan. */
export function compareBudgets(plan: PlanJson, cost: CostEstimate): BudgetComparison[] {
  const out: BudgetComparison[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.type !== "aws_budgets_budget" || rc.mode === "data") continue;
    const after = rc.change.after as Values | null | undefined;
    if (!after || typeof after !== "object") continue;
    const name = typeof after.name === "string" ? after.name : rc.address;
    const filters = Array.isArray(after.cost_filter) ? (after.cost_filter as Values[]) : [];
    const names = filters.map((f) => f?.name);
    const ecsOnly = filters.some(
      (f) => f?.name === "Service" && Array.isArray(f.values) && f.values.length === 1 && f.values[0] === ECS_SERVICE,
    );
    const scope: BudgetComparison["scope"] = ecsOnly ? "ecs" : "stack";
    const limit = Number(after.limit_amount);
    const currency = typeof after.limit_unit === "string" ? after.limit_unit : "";
    const base = { address: rc.address, name, scope, limit: Number.isFinite(limit) ? limit : 0, currency };
    const notCompared = (reason: string): BudgetComparison => ({ ...base, status: "not-compared", reason });
    if (after.budget_type !== "COST") {
      out.push(notCompared(`a ${String(after.budget_type)} budget counts usage, not cost`));
    } else if (after.time_unit !== "MONTHLY") {
      out.push(notCompared(`its period is ${String(after.time_unit)}, the estimate is monthly`));
    } else if (!Number.isFinite(limit) || typeof after.limit_amount !== "string") {
      out.push(notCompared("its limit is not known until apply"));
    } else if (currency !== cost.currency) {
      out.push(notCompared(`its limit is in ${currency || "an unknown unit"}, the price table in ${cost.currency}`));
    } else if (names.some((n) => n !== "TagKeyValue" && !(ecsOnly && n === "Service"))) {
      out.push(notCompared(`it filters by ${names.filter((n) => n !== "TagKeyValue").join(", ")}, which the estimate cannot split by`));
    } else {
      const counted = ecsOnly ? cost.items.filter((i) => i.category === "Fargate" || i.category === "Fargate Spot") : cost.items;
      const estimate = cents(counted.reduce((sum, i) => sum + i.after, 0));
      out.push({ ...base, estimate, status: estimate > limit ? "exceeded" : "within" });
    }
  }
  return out.sort((a, b) => (a.address < b.address ? -1 : 1));
}

/**
 * Advice where the plan's own numbers point at a cheaper setup:
 * - interface endpoints that cost more a month than the NAT gateway that could carry their traffic,
 *   in a stack with at most one NAT gateway (a single NAT gateway marks a low-traffic, non-production
 *   environment; production runs one per zone and keeps endpoints for resilience);
 * - ECS services that run entirely on on-demand Fargate, priced on Fargate Spot.
 */
export function costAdvice(cost: CostEstimate, table: PriceTable): CostAdvice[] {
  const prices = table.regions[cost.region];
  if (!prices) return [];
  const advice: CostAdvice[] = [];
  const m = (n: number) => money(n, cost.currency);
  const hours = table.hoursPerMonth;

  const endpoints = cost.items.filter((i) => i.category === "Interface endpoint" && i.after > 0);
  const nats = cost.items.filter((i) => i.category === "NAT gateway" && i.after > 0);
  const endpointTotal = cents(endpoints.reduce((s, i) => s + i.after, 0));
  const singleNatMonthly = cents((prices.natGatewayHour + prices.publicIpv4Hour) * hours);
  const natTotal = nats.length > 0 ? cents(nats.reduce((s, i) => s + i.after, 0)) : singleNatMonthly;
  if (endpoints.length > 0 && nats.length <= 1 && endpointTotal > natTotal) {
    const azHours = cents(endpointTotal / prices.interfaceEndpointAzHour / hours);
    const natText =
      nats.length === 1
        ? `the stack's NAT gateway (${m(natTotal)} a month) already reaches the same AWS APIs`
        : `one NAT gateway with its public IPv4 address would cost ${m(singleNatMonthly)} a month (${m(prices.natGatewayHour)} + ${m(prices.publicIpv4Hour)} an hour × ${hours} h)`;
    const saving = nats.length === 1 ? endpointTotal : cents(endpointTotal - singleNatMonthly);
    const breakEven =
      prices.natGatewayGiB !== undefined && prices.interfaceEndpointGiB !== undefined && prices.natGatewayGiB > prices.interfaceEndpointGiB
        ? ` Break-even: ${Math.round(saving / (prices.natGatewayGiB - prices.interfaceEndpointGiB))} GiB a month through them (NAT processing ${m(prices.natGatewayGiB)}/GiB against ${m(prices.interfaceEndpointGiB)}/GiB at an endpoint).`
        : " The price table has no data processing prices, so the break-even traffic is not computed.";
    advice.push({
      kind: "interface-endpoints",
      addresses: endpoints.map((i) => i.address),
      message:
        `${endpoints.length} interface endpoint(s) cost ${m(endpointTotal)} a month (${azHours} endpoint-AZ × ${m(prices.interfaceEndpointAzHour)} an hour × ${hours} h), ` +
        `while ${natText}: routing that traffic through NAT instead saves about ${m(saving)} a month.${breakEven}`,
      assumption:
        "A low-traffic environment (at most one NAT gateway) whose tasks may reach AWS APIs over the NAT gateway; keep the endpoints where traffic is heavy, where tasks must not use the internet path, or for the free gateway endpoints (S3, DynamoDB), which this does not count.",
      monthlySaving: saving,
    });
  }

  const byService = new Map<string, CostDelta[]>();
  for (const i of cost.items) {
    if (!i.address.startsWith("aws_ecs_service.") || i.after <= 0) continue;
    if (i.category !== "Fargate" && i.category !== "Fargate Spot") continue;
    byService.set(i.address, [...(byService.get(i.address) ?? []), i]);
  }
  for (const [address, lines] of byService) {
    if (lines.some((l) => l.category === "Fargate Spot")) continue;
    const onDemand = lines[0];
    const task = parseFargateQuantity(onDemand.quantity);
    if (!task) continue;
    const od = prices.fargate[task.architecture];
    const spot = prices.fargateSpot[task.architecture];
    const ratio = (task.vcpu * spot.vcpuHour + task.memoryGiB * spot.gibHour) / (task.vcpu * od.vcpuHour + task.memoryGiB * od.gibHour);
    const spotMonthly = cents(onDemand.after * ratio);
    const saving = cents(onDemand.after - spotMonthly);
    if (saving <= 0) continue;
    advice.push({
      kind: "fargate-spot",
      addresses: [address],
      message:
        `${address} runs 100 % on on-demand Fargate (${onDemand.quantity}): ${m(onDemand.after)} a month. On Fargate Spot the same tasks cost about ${m(spotMonthly)} ` +
        `(${task.architecture} ${m(spot.vcpuHour)}/vCPU-h and ${m(spot.gibHour)}/GiB-h against ${m(od.vcpuHour)} and ${m(od.gibHour)}), saving ${m(saving)} a month.`,
      assumption:
        "The service tolerates tasks stopped with two minutes' notice (stateless, more than one task); keep a base on FARGATE for availability. Spot prices float: the table's are a sample.",
      monthlySaving: saving,
    });
  }
  return advice;
}

/** Reads the estimate's Fargate quantity, `2 task(s) × 0.5 vCPU / 1 GiB ARM64`. */
function parseFargateQuantity(quantity: string): { vcpu: number; memoryGiB: number; architecture: PricedCpuArchitecture } | undefined {
  const match = /× ([\d.]+) vCPU \/ ([\d.]+) GiB (X86_64|ARM64)$/.exec(quantity);
  if (!match) return undefined;
  return { vcpu: Number(match[1]), memoryGiB: Number(match[2]), architecture: match[3] as PricedCpuArchitecture };
}

function money(amount: number, currency: string): string {
  const digits = Math.abs(amount) < 1 ? 4 : 2;
  const text = Math.abs(amount).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: digits });
  const sign = amount < 0 ? "-" : "";
  return currency === "USD" ? `${sign}$${text}` : `${sign}${text} ${currency}`;
}
