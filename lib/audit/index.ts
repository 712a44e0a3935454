export { auditActions, type AuditAction } from "./actions";
export { GENESIS, hashRecord, verifyChain, type AuditContent, type AuditRecord, type ChainProblem } from "./chain";
export {
  appendAudit,
  auditOutcomeOf,
  auditOutcomes,
  auditRoles,
  prismaOutcomes,
  toAuditContent,
  toAuditRecord,
  verifyAuditTrail,
  type AuditActor,
  type AuditEntryInput,
  type AuditOrigin,
  type AuditOutcome,
  type AuditRole,
  type StoredAuditContent,
  type TrailCheck,
  type UnsealedRows,
} from "./service";
export { AuditSealer, startAuditSealer, type SealRound } from "./sealer";
