export { createUser, listUsers, resetPassword, resetTwoFactor, updateUser, type UserView } from "./users";
export { createTeam, listTeams, setPatientTeam, teamNames, type TeamView } from "./teams";
export {
  AUDIT_PAGE_SIZE,
  auditCsv,
  auditCsvColumns,
  describeAuditFilter,
  queryAudit,
  verifyAudit,
  type AuditFilter,
  type AuditPage,
  type AuditPatient,
  type AuditRow,
  type ChainCheck,
} from "./audit";
