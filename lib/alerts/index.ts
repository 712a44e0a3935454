export { evaluate, alertKey, alertRules, reimagingRule, immuneMyositisRule, hasDermatomyositis, type EvaluateOptions } from "./evaluate";
export { findingsOf, observationsOf, seriesKey } from "./findings";
export { patientRecord, currentEvents, dayNumber, responseOfRecord, dmSpecificSigns } from "./record";
export { backtest, type BacktestAlert, type BacktestResult, type BacktestSummary } from "./backtest";
export { reconcile, alertLifecycleStatuses, type AlertLifecycleStatus, type StoredAlert, type AlertInsert, type AlertUpdate, type Reconciliation } from "./lifecycle";
export {
  alertSettings,
  defaultAlertSettings,
  alertSettingFields,
  settingGroupNames,
  listSettingKeys,
  namesOneOf,
  type AlertSettings,
  type AlertSettingField,
  type NumberSettingKey,
  type ListSettingKey,
  type SettingGroup,
} from "./settings";
export { formatTimesUln } from "./wording";
export { ruleTitle, episodeStartWords } from "./titles";
export { TROPONIN_DAYS } from "./reason";
export { alertPriorities, flareDomains } from "./types";
export type {
  Alert,
  AlertPatient,
  AlertPriority,
  AlertRuleId,
  DismissedAlert,
  EvaluatedAlertStatus,
  Finding,
  FlareDomain,
  ImagingReference,
  Measure,
  Observation,
  UnansweringScan,
} from "./types";
export { evaluateScreening, screeningDueRule, screeningOverdueRule, screeningRules, isScreeningRule, screeningContinuationOf } from "./screening";
export { screeningPanels, screeningFeatureKeys, type ScreeningPanel, type ScreeningFeature } from "./settings";
