export { GENESIS, hashRecord, verifyChain, type AuditContent, type AuditRecord, type ChainProblem } from "./chain";
export { appendAudit, auditOutcomes, toAuditRecord, verifyAuditTrail, type AuditActor, type AuditEntryInput, type AuditOrigin, type AuditOutcome } from "./service";
