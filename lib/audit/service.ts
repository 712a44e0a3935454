import "server-only";
import type { Prisma, PrismaClient } from "@prisma/client";
import type { Actor } from "@/lib/auth";
import { replaceUnsafeText } from "@/lib/events/text";
import { GENESIS, hashRecord, verifyChain, type AuditContent, type AuditRecord, type ChainProblem } from "./chain";

type Tx = Prisma.TransactionClient;

/** Who the row is about: a signed-in user, a system task, or who a failed sign-in claimed to be. */
export type AuditActor = Pick<Actor, "id" | "name"> & { role: string };

/** Where a request came from, as the server saw it. */
export interface AuditOrigin {
  address?: string;
  userAgent?: string;
}

export const auditOutcomes = ["ok", "denied", "not-found", "invalid", "conflict", "failed", "locked"] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

export interface AuditEntryInput {
  patientId?: string | null;
  action: string;
  eventIds?: string[];
  /** ok | denied (outside the actor's teams or role) | not-found | invalid | conflict | failed | locked */
  outcome?: AuditOutcome;
  detail?: string;
}

/**
 * Appends one row to the trail inside the caller's transaction, so the row exists exactly when what
 * it records does. Appends are serialised by an advisory lock held to the end of the transaction,
 * which keeps the chain a single line however many servers write.
 */
export async function appendAudit(tx: Tx, actor: AuditActor, origin: AuditOrigin | undefined, entry: AuditEntryInput): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(727432)::text`);
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const content: AuditContent = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actorId: actor.id,
    // Who a failed sign-in claimed to be, and details quoting refused input, may hold NUL or half a
    // UTF-16 pair; the row is written with those replaced rather than not at all.
    actorName: replaceUnsafeText(actor.name),
    role: actor.role,
    patientId: entry.patientId ?? null,
    action: entry.action,
    eventIds: entry.eventIds ?? [],
    address: origin?.address ?? null,
    userAgent: origin?.userAgent ?? null,
    outcome: entry.outcome ?? "ok",
    detail: entry.detail === undefined || entry.detail === null ? null : replaceUnsafeText(entry.detail),
  };
  const prevHash = last?.hash ?? GENESIS;
  await tx.auditEntry.create({ data: { ...content, at: new Date(content.at), prevHash, hash: hashRecord(prevHash, content) } });
}

type Row = Prisma.AuditEntryGetPayload<object>;

export function toAuditRecord(row: Row): AuditRecord {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    role: row.role,
    patientId: row.patientId,
    action: row.action,
    eventIds: row.eventIds as string[],
    address: row.address,
    userAgent: row.userAgent,
    outcome: row.outcome,
    detail: row.detail,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** Walks the whole trail in batches and reports the first broken link (`npm run audit:verify`). */
export async function verifyAuditTrail(prisma: PrismaClient, batchSize = 5000): Promise<{ checked: number; problem: ChainProblem | null }> {
  let previous: AuditRecord | undefined;
  let checked = 0;
  for (;;) {
    const rows = await prisma.auditEntry.findMany({ where: previous ? { seq: { gt: previous.seq } } : {}, orderBy: { seq: "asc" }, take: batchSize });
    if (rows.length === 0) return { checked, problem: null };
    const records = rows.map(toAuditRecord);
    const result = verifyChain(records, previous);
    checked += result.checked;
    if (result.problem) return { checked, problem: result.problem };
    previous = records[records.length - 1];
  }
}
