import "server-only";
import type { $Enums, Prisma, PrismaClient } from "@prisma/client";
import { actorRoles, type Actor } from "@/lib/auth/actor";
import { z } from "zod";
import { replaceUnsafeText } from "@/lib/events/text";
import type { AuditAction } from "./actions";
import { verifyChain, type AuditContent, type AuditRecord, type ChainProblem } from "./chain";

type Tx = Prisma.TransactionClient;

/** An actor's role, or "unknown" for a failed sign-in that named no account. */
export const auditRoles = [...actorRoles, "unknown"] as const;
export type AuditRole = (typeof auditRoles)[number];

/** Who the row is about: a signed-in user, a system task, or who a failed sign-in claimed to be. */
export type AuditActor = Pick<Actor, "id" | "name"> & { role: AuditRole };

/** Where a request came from, as the server saw it. */
export interface AuditOrigin {
  address?: string;
  userAgent?: string;
}

export const auditOutcomes = ["ok", "denied", "not-found", "invalid", "conflict", "failed", "locked"] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/**
 * The Prisma client's name for each outcome. The database stores the words above (the "AuditOutcome"
 * enum, whose labels are exactly these), but "not-found" cannot be a Prisma name: the schema maps it
 * to not_found. Translated here, at the trail's two doors (writing a row, reading one back), so the
 * rest of the app and the hashed content only ever see the stored words.
 */
export const prismaOutcomes = {
  ok: "ok",
  denied: "denied",
  "not-found": "not_found",
  invalid: "invalid",
  conflict: "conflict",
  failed: "failed",
  locked: "locked",
} as const satisfies Record<AuditOutcome, $Enums.AuditOutcome>;

const outcomeOfPrisma = Object.fromEntries(Object.entries(prismaOutcomes).map(([stored, name]) => [name, stored])) as Record<$Enums.AuditOutcome, AuditOutcome>;

export function auditOutcomeOf(value: $Enums.AuditOutcome): AuditOutcome {
  return outcomeOfPrisma[value];
}

export interface AuditEntryInput {
  patientId?: string | null;
  action: AuditAction;
  eventIds?: string[];
  /** ok | denied (outside the actor's teams or role) | not-found | invalid | conflict | failed | locked */
  outcome?: AuditOutcome;
  detail?: string;
}

/**
 * Appends one row to the trail inside the caller's transaction, so the row exists exactly when what
 * it records does. No lock: the row is numbered by a sequence (a trigger, see the migration
 * 20261202500000_audit_sealer) and chained moments after it commits by the sealer (./sealer.ts), so
 * concurrent requests never wait for one another here.
 */
export async function appendAudit(tx: Tx, actor: AuditActor, origin: AuditOrigin | undefined, entry: AuditEntryInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      at: new Date(),
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
      outcome: prismaOutcomes[entry.outcome ?? "ok"],
      detail: entry.detail === undefined || entry.detail === null ? null : replaceUnsafeText(entry.detail),
    },
    select: { seq: true },
  });
}

type Row = Prisma.AuditEntryGetPayload<object>;
type SealRow = { prevHash: string; hash: string };

const eventIdList = z.array(z.string());

/** The row's event ids (a JSON column), parsed: a row the trail did not write fails loudly, naming it, rather than hash or show a cast. */
function eventIdsOf(row: Row): string[] {
  const parsed = eventIdList.safeParse(row.eventIds);
  if (!parsed.success) throw new Error(`Audit row ${row.seq}: stored eventIds is not a list of event ids (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/** A stored row's content: what the hash covers, its role and outcome from their closed lists. */
export type StoredAuditContent = AuditContent & { role: AuditRole; outcome: AuditOutcome };

/** What a stored row says, as the hash covers it. */
export function toAuditContent(row: Row): StoredAuditContent {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    role: row.role,
    patientId: row.patientId,
    action: row.action,
    eventIds: eventIdsOf(row),
    address: row.address,
    userAgent: row.userAgent,
    outcome: auditOutcomeOf(row.outcome),
    detail: row.detail,
  };
}

/** A stored row with its seal; `hash` is null while the row waits for the sealer (a second or two). */
export function toAuditRecord(row: Row & { seal?: SealRow | null }): StoredAuditContent & { prevHash: string | null; hash: string | null } {
  return { ...toAuditContent(row), prevHash: row.seal?.prevHash ?? null, hash: row.seal?.hash ?? null };
}

export interface UnsealedRows {
  count: number;
  oldestSeq: number;
  oldestAt: string;
}

export interface TrailCheck {
  /** Sealed rows checked. */
  checked: number;
  problem: ChainProblem | null;
  /** Rows written but not sealed yet (the newest ones; none once the sealer has caught up). */
  unsealed: UnsealedRows | null;
  /** The last sealed row, `<seq>:<hash>`, to keep as an anchor. */
  head: { seq: number; hash: string } | null;
}

/**
 * Walks the whole trail in batches (`npm run audit:verify`, the admin's "check the chain"): every
 * sealed row must match its hash and point at the sealed row before it; unsealed rows may only follow
 * the last sealed one (the sealer seals a prefix in seq order, so an unsealed row between sealed ones
 * was written into the past or lost its seal); a seal whose row is gone is reported too.
 */
export async function verifyAuditTrail(prisma: PrismaClient, batchSize = 5000): Promise<TrailCheck> {
  let previous: AuditRecord | undefined;
  let checked = 0;
  let cursor = 0;
  let unsealed = null as UnsealedRows | null;
  let problem: ChainProblem | null = null;
  walk: for (;;) {
    const rows = await prisma.auditEntry.findMany({ where: { seq: { gt: cursor } }, orderBy: { seq: "asc" }, take: batchSize, include: { seal: true } });
    if (rows.length === 0) break;
    const sealed: AuditRecord[] = [];
    for (const row of rows) {
      if (!row.seal) {
        if (unsealed) unsealed.count += 1;
        else unsealed = { count: 1, oldestSeq: row.seq, oldestAt: row.at.toISOString() };
        continue;
      }
      if (unsealed) {
        problem = {
          kind: "unsealed-inside",
          seq: unsealed.oldestSeq,
          message: `Row ${unsealed.oldestSeq} is not sealed but row ${row.seq} after it is: it was written after the chain was sealed past it, or its seal was removed.`,
        };
        break;
      }
      sealed.push({ ...toAuditContent(row), prevHash: row.seal.prevHash, hash: row.seal.hash });
    }
    const result = verifyChain(sealed, previous);
    checked += result.checked;
    if (result.problem) return { checked, problem: result.problem, unsealed, head: null };
    if (problem) break walk;
    if (sealed.length > 0) previous = sealed[sealed.length - 1];
    cursor = rows[rows.length - 1].seq;
  }
  if (!problem) {
    const [orphan] = await prisma.$queryRawUnsafe<{ seq: number }[]>(
      `SELECT s."seq" FROM "AuditSeal" s WHERE NOT EXISTS (SELECT 1 FROM "AuditEntry" e WHERE e."seq" = s."seq") ORDER BY s."seq" LIMIT 1`,
    );
    if (orphan) problem = { kind: "missing", seq: Number(orphan.seq), message: `Row ${orphan.seq} was sealed but is gone from the trail: it was deleted.` };
  }
  return { checked, problem, unsealed, head: previous ? { seq: previous.seq, hash: previous.hash } : null };
}
