export { evaluate, alertKey, reimagingRule } from "./evaluate";
export { flaresOf } from "./flares";
export { episodesOf } from "./episodes";
export { backtest, type BacktestEpisode, type BacktestResult, type BacktestSummary } from "./backtest";
export { reconcile, alertLifecycleStatuses, type AlertLifecycleStatus, type StoredAlert, type AlertInsert, type AlertUpdate, type Reconciliation } from "./lifecycle";
export {
  alertSettings,
  defaultAlertSettings,
  alertSettingFields,
  settingGroupNames,
  type AlertSettings,
  type AlertSettingField,
  type NumberSettingKey,
  type SettingGroup,
} from "./settings";
export type {
  Alert,
  AlertPatient,
  AlertPriority,
  EvaluatedAlertStatus,
  FlareCriterion,
  FlareDomain,
  FlareEpisode,
  FlareFinding,
  FlarePoint,
  ImagingReference,
} from "./types";
