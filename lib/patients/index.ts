export { createPatient, getPatient, listPatients, updatePatient } from "./patients";
export { amendEvent, getEvent, getEventHistory, getTimeline, getTimelinePage, markEnteredInError, recordEvent, recordEvents } from "./events";
export { getPatientPage, getChartWindow, type PatientPageData, type PatientPageQuery } from "./patient-page";
export { timelinePageQuery, type TimelinePage, type TimelinePageQuery } from "./timeline-query";
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
  upgradeOutdatedAlerts,
  type AlertView,
  type BacktestView,
} from "./alerts";
export { importFhirBundle, importReadBundle, type ImportOutcome, type ImportReport, type ImportRejection, type ImportedResource } from "./fhir-import";
export { exportPatientBundle, patientEverything, type EverythingOptions, type EverythingPage } from "./fhir-export";
export { clinicTimeZone } from "./clinic";
export { previewLabCsv, importLabCsv, exportEventsCsv, exportOpenAlertsCsv, type LabCsvPreview, type LabCsvPreviewRow, type LabCsvImport } from "./csv";
export { listWorklist, worklistSorts, type WorklistPage, type WorklistRow, type WorklistQuery, type WorklistSort } from "./worklist";
export { listAlertPage, type AlertPage } from "./inbox";
export { getScreeningPlan, type ScreeningView } from "./screening";
export { changeCareTeams, type CareTeamChange, type CareTeams } from "./care-teams";
