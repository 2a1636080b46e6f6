export { KNOWN_AFTER_APPLY, SENSITIVE, constructPathsFromSynth, summarizeChanges } from "./changes";
export type { AttributeChange, ChangeCounts, DriftSummary, PlanChanges, ResourceChangeSummary, SummarizeOptions } from "./changes";
export { estimatePlanCost } from "./cost-estimate";
export type { CostCategory, CostDelta, CostEstimate, CostLine, EstimateOptions } from "./cost-estimate";
export type { CapacityStrategyItem, FargateCapacity, FargateTasks } from "./cost-model";
export { PlanConfiguration } from "./plan";
export type { ChangeAction, PlanConfigModule, PlanConfigResource, PlanExpression, PlanJson, PlanResourceChange } from "./plan";
export { POLICY_REPORT_FILE, POLICY_SARIF_FILE, parsePolicyReport, readPolicyReport, summarizePolicy } from "./policy";
export type { PolicyFinding, PolicyLevel, PolicyReport, PolicySummary } from "./policy";
export { DEFAULT_PRICE_TABLE_PATH, loadPriceTable, parsePriceTable } from "./prices";
export type { PricedCpuArchitecture, Ec2Rate, FargateRate, LoadBalancerType, PriceTable, RegionPrices, UsageAssumptions } from "./prices";
export { renderJson } from "./render-json";
export type { ReviewSummary } from "./render-json";
export { MAX_COMMENT_CHARS, REPORT_MARKER, renderMarkdown, truncateForComment } from "./render-markdown";
export type { MarkdownOptions } from "./render-markdown";
export {
  EXIT_PLAN_FAILED,
  EXIT_POLICY_ERRORS,
  EXIT_PROTECTED_DESTROY,
  EXIT_RENAME_OR_COLLISION,
  EXIT_USAGE,
  gate,
  reviewPlan,
} from "./review";
export type { FailedStackReview, GateOptions, GateResult, ReviewOptions, StackReview, StackReviewResult } from "./review";
export { PROTECTED_RESOURCE_TYPES } from "./risk";
export { UNIQUE_NAMES, findNameCollisions, findRenames, namedResourcesOfPlan } from "./renames";
export type { UniqueName } from "./renames";
export type { NameCollision, NamedResource, Rename } from "./renames";
export { compareWithBase, readStackBase } from "./baseline";
export type { BaseComparison, StackBase, SynthesizedStack } from "./baseline";
export type { RiskFlag, RiskKind, RiskLevel } from "./risk";
export type { BudgetComparison, CostAdvice } from "./budget-advice";
