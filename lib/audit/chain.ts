import { createHash } from "node:crypto";

/**
 * The audit trail is a hash chain: each row's hash covers its own content and the previous row's
 * hash, so editing, deleting or reordering any row breaks every link after it, and `verifyChain`
 * names the first broken one. Rows are written unchained and sealed (chained) moments later by the
 * sealer (./sealer.ts). Pure: the storage lives in the services.
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
  | { kind: "unsealed-inside"; seq: number; message: string }
  | { kind: "missing"; seq: number; message: string };

/**
 * Checks sealed rows in seq order, continuing `after` when verifying in batches. Returns the first
 * problem, or null when every link holds.
 * Edited: a row's hash no longer matches its content. Broken link: a row does not point at the sealed
 * row before it (a row deleted, moved or inserted). Numbers may skip: a transaction that rolled back
 * had drawn its number from the sequence, so a gap in seq is not by itself a missing row; a missing
 * row shows as the broken link after it.
 */
export function verifyChain(rows: Iterable<AuditRecord>, after?: AuditRecord): { checked: number; problem: ChainProblem | null } {
  let previous: AuditRecord | undefined = after;
  let checked = 0;
  for (const row of rows) {
    checked += 1;
    const expectedPrev = previous ? previous.hash : GENESIS;
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
