export { riskOf, riskSentence, riskCategoryNames, type Risk, type RiskCategory, type RiskReason, type ScreeningPatient, type ScreeningRecord } from "./risk";
export {
  screeningPlan,
  screeningRecord,
  addMonths,
  panelWords,
  screeningItemNames,
  screeningItemShort,
  itemStatusNames,
  type ItemStatus,
  type ItemEvidence,
  type PlanState,
  type ScreeningItem,
  type ScreeningItemId,
  type ScreeningPlan,
  type ScreeningRound,
} from "./plan";
export { storedScreeningPlan } from "./plan-schema";
