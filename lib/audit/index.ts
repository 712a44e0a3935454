export { GENESIS, hashRecord, verifyChain, type AuditContent, type AuditRecord, type ChainProblem } from "./chain";
