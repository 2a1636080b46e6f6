export { EnvironmentBudget } from "./environment-budget";
export type { BudgetThreshold, CostAllocationTagFilter, EnvironmentBudgetProps, FargateBudgetOptions } from "./environment-budget";
