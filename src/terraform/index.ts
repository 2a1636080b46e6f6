export { TerraformCheckError, checkStackOffline, checkStacksOffline } from "./offline-check";
export type { CheckStacksOptions, CheckStage, OfflineCheckOptions, OfflineCheckResult, TerraformPlanJson } from "./offline-check";
export { PROVIDER_MIRROR_ENV, findProviderMirror } from "./provider-mirror";
export type { PlanConfigModule, PlanConfigResource, PlanExpression, PlanJson, PlanResourceChange } from "./plan-json";
