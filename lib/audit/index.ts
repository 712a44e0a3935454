export { auditActions, type AuditAction } from "./actions";
export { GENESIS, hashRecord, verifyChain, type AuditContent, type AuditRecord, type ChainProblem } from "./chain";
export {
  appendAudit,
  auditOutcomes,
  toAuditContent,
  toAuditRecord,
  verifyAuditTrail,
  type AuditActor,
  type AuditEntryInput,
  type AuditOrigin,
  type AuditOutcome,
  type TrailCheck,
  type UnsealedRows,
} from "./service";
export { AuditSealer, startAuditSealer, type SealRound } from "./sealer";
