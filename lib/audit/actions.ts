/**
 * Every action the audit trail records, in one list: a service, the auth flows, the tasks and the seed
 * name their rows from it, so a typo is a type error and the admin's action filter can offer them all.
 * The trail itself stores the text; rows written before an action was renamed keep their old name.
 */
export const auditActions = [
  // A patient's record (lib/patients)
  "patient.create",
  "patient.update",
  "patient.care-teams",
  "patient.read",
  "patient.search",
  "patient.worklist",
  "patient.page",
  "patient.chart",
  "patient.timeline",
  "patient.events",
  "patient.screening",
  "patient.alerts",
  "patient.export.fhir",
  "patient.export.csv",
  "patient.fhir.everything",
  "event.record",
  "event.amend",
  "event.entered-in-error",
  "event.read",
  "event.history",
  "lab-csv.preview",
  "lab-csv.import",
  "fhir.import",
  "fhir.import.preview",
  // Alerts
  "alert.list",
  "alert.acknowledge",
  "alert.dismiss",
  "alert.export.csv",
  "alert-settings.update",
  "alerts.backtest",
  "alerts.reevaluate-all",
  // Administration (lib/admin)
  "admin.users.list",
  "user.create",
  "user.update",
  "user.reset-password",
  "user.reset-two-factor",
  "admin.teams.list",
  "team.create",
  "team.add-patient",
  "team.remove-patient",
  "audit.view",
  "audit.export",
  "audit.verify",
  // Signing in and one's own account (lib/auth)
  "sign-in",
  "sign-in.second-factor",
  "sign-out",
  "account.change-password",
  "two-factor.start-enrolment",
  "two-factor.enrol",
  // Tasks
  "seed.bulk-load",
] as const;

export type AuditAction = (typeof auditActions)[number];

