export { createPatient, getPatient, listPatients } from "./patients";
export { amendEvent, getEvent, getEventHistory, getTimeline, markEnteredInError, recordEvent } from "./events";
export type { ServiceContext } from "./context";
export type { Result, ServiceError } from "./result";
export {
  acknowledgeAlert,
  activeAlertCounts,
  backtestCohort,
  clinicToday,
  dismissAlert,
  getAlertSettings,
  listAlerts,
  reevaluateAllAlerts,
  updateAlertSettings,
  type AlertView,
  type BacktestView,
} from "./alerts";
