import { createHash } from "node:crypto";

/**
 * The audit trail is a hash chain: each row's hash covers its own content and the previous row's
 * hash, so editing, deleting or reordering any row breaks every link after it, and `verifyChain`
 * names the first broken one. Pure: the storage lives in the services.
 */
export interface AuditContent {
  seq: number;
  at: string;
  actorId: string;
  actorName: string;
  role: string;
  patientId: string | null;
  action: string;
  eventIds: string[];
  address: string | null;
  userAgent: string | null;
  outcome: string;
  detail: string | null;
}

export interface AuditRecord extends AuditContent {
  prevHash: string;
  hash: string;
}

/** The hash before the first row. */
export const GENESIS = "0".repeat(64);

/** A fixed field order, so the same content always hashes the same whatever produced the object. */
export function canonicalContent(content: AuditContent): string {
  return JSON.stringify([
    content.seq,
    content.at,
    content.actorId,
    content.actorName,
    content.role,
    content.patientId,
    content.action,
    content.eventIds,
    content.address,
    content.userAgent,
    content.outcome,
    content.detail,
  ]);
}

export function hashRecord(prevHash: string, content: AuditContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalContent(content)).digest("hex");
}

export type ChainProblem =
  | { kind: "edited"; seq: number; message: string }
  | { kind: "broken-link"; seq: number; message: string }
  | { kind: "gap"; seq: number; message: string };

/**
 * Checks rows in storage order (by seq), continuing `after` when verifying in batches. Returns the
 * first problem, or null when every link holds.
 * Edited: a row's hash no longer matches its content. Broken link: a row does not point at the row
 * before it (a row deleted or moved). Gap: a sequence number is missing (a row deleted).
 */
export function verifyChain(rows: Iterable<AuditRecord>, after?: AuditRecord): { checked: number; problem: ChainProblem | null } {
  let previous: AuditRecord | undefined = after;
  let checked = 0;
  for (const row of rows) {
    checked += 1;
    const expectedPrev = previous ? previous.hash : GENESIS;
    if (previous && row.seq !== previous.seq + 1) {
      return { checked, problem: { kind: "gap", seq: row.seq, message: `Row ${row.seq} follows row ${previous.seq}: rows ${previous.seq + 1}–${row.seq - 1} are missing.` } };
    }
    if (row.prevHash !== expectedPrev) {
      return {
        checked,
        problem: { kind: "broken-link", seq: row.seq, message: `Row ${row.seq} does not follow the row before it: a row was removed, inserted or moved here.` },
      };
    }
    if (hashRecord(row.prevHash, row) !== row.hash) {
      return { checked, problem: { kind: "edited", seq: row.seq, message: `Row ${row.seq} was changed after it was written: its content no longer matches its hash.` } };
    }
    previous = row;
  }
  return { checked, problem: null };
}
