import "server-only";
import type { PrismaClient } from "@prisma/client";
import { GENESIS, hashRecord } from "./chain";
import { toAuditContent } from "./service";

/**
 * The sealer: chains audit rows after they commit, so writing one takes no lock (issue 13).
 *
 * Rows are numbered by a sequence when they are inserted, but transactions commit in any order: row 11
 * can be visible while row 10's transaction is still running, and a row numbered 10 may still appear
 * (or never appear, when its transaction rolls back). Chaining 11 now and 10 later would be a reorder,
 * so the sealer never seals past a number that an unfinished transaction may still hold:
 *
 * 1. A *mark* reads the sequence's last number L, then the transaction-id horizon X, in that order: X
 *    is a transaction id given out after L was read (`pg_current_xact_id()` in a statement of its own),
 *    so every id given out before it is smaller. Not a snapshot's xmax: that is one past the latest
 *    *completed* id, and a transaction still running can hold a larger one (a newer transaction T draws
 *    number 10, an older one draws 11 and commits, nothing newer has completed: xmax ≤ T's id, and 11
 *    was sealed while 10 was still to come; the two-server test caught it).
 * 2. The numbering trigger gives each transaction its id before it draws a number, so a transaction
 *    holding any number ≤ L already had an id < X when the mark was taken.
 * 3. Once the oldest running transaction id (`pg_snapshot_xmin`) is ≥ X, every such transaction has
 *    committed or rolled back: every row numbered ≤ L that will ever exist is visible now, and the
 *    rows up to L can be chained in seq order for good. Numbers that never appear are rollbacks.
 *
 * This is exact, not a guess such as "rows older than N seconds" (a 5-minute export would defeat any
 * N); its cost is that one long-running writing transaction anywhere on the server holds sealing back
 * until it ends (rows stay written, only their seal waits), and `audit:verify` reports the wait.
 *
 * One sealer per install: every app server runs the timer, and each round is one transaction that
 * first takes `pg_try_advisory_xact_lock` on a key of this schema; a server that does not get it skips
 * the round. Nothing is kept in a server's memory that another needs: the seals are in the database,
 * and the marks a server keeps are its own (a server that just started takes its own). On PGlite there
 * is a single connection in a single process, so there is only one sealer anyway.
 */

export const SEALER_LOCK = 727433;

interface Mark {
  /** Every row numbered up to this one… */
  upTo: number;
  /** …is final once the oldest running transaction id is at least this one. */
  xmax: bigint;
}

export interface SealRound {
  /** false: another sealer held the lock this round (true also when nothing was due). */
  elected: boolean;
  sealed: number;
  /** The newest sealed row after this round. */
  head: { seq: number; hash: string } | null;
}

export interface SealerOptions {
  /** Rows chained per transaction. */
  batchSize?: number;
}

export class AuditSealer {
  private marks: Mark[] = [];
  /** Every row up to this number is sealed (seals are never removed, so this only grows). */
  private sealedUpTo = 0;
  private readonly batchSize: number;

  constructor(
    private readonly prisma: PrismaClient,
    options: SealerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
  }

  /** Notes the numbers handed out so far; they can be sealed once the transactions now running end. */
  async mark(): Promise<Mark> {
    // Two statements, in this order: the number first, then the horizon (one statement could read them in either order).
    const [sequence] = await this.prisma.$queryRawUnsafe<{ last: string; called: boolean }[]>(`SELECT last_value::text AS last, is_called AS called FROM "AuditEntry_seq_seq"`);
    const upTo = Number(sequence.last) - (sequence.called ? 0 : 1);
    const last = this.marks[this.marks.length - 1];
    // Nothing numbered since the last mark: it still stands (and no transaction id is spent on an idle second).
    if (last && upTo <= last.upTo) return last;
    if (!last && upTo <= this.sealedUpTo) return { upTo, xmax: 0n };
    // Another server's sealer may have sealed them (this one was not elected): nothing to mark either.
    if (!last) {
      const head = await this.prisma.auditSeal.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
      if (head && upTo <= head.seq) {
        this.sealedUpTo = head.seq;
        return { upTo, xmax: 0n };
      }
    }
    // A fresh transaction id (the statement's own, committed at once): larger than every id given out before.
    const [horizon] = await this.prisma.$queryRawUnsafe<{ xmax: string }[]>(`SELECT pg_current_xact_id()::text AS xmax`);
    const mark = { upTo, xmax: BigInt(horizon.xmax) };
    this.marks.push(mark);
    return mark;
  }

  /** The oldest transaction id still running (or the next one to be given out when none is). */
  private async oldestRunning(): Promise<bigint> {
    const [row] = await this.prisma.$queryRawUnsafe<{ xmin: string }[]>(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
    return BigInt(row.xmin);
  }

  /** The highest number below which every row is final, dropping the marks it settles. */
  private async finalUpTo(): Promise<number | null> {
    if (this.marks.length === 0) return null;
    const xmin = await this.oldestRunning();
    let upTo: number | null = null;
    while (this.marks.length > 0 && this.marks[0].xmax <= xmin) upTo = this.marks.shift()!.upTo;
    return upTo;
  }

  /**
   * One round: take a mark, and if elected, seal every row that the marks taken so far prove final.
   * Marks that are not yet final are kept for the next round. What a mark settles in a round where
   * another sealer is elected stays unsealed for this server, but that sealer seals it from its own marks.
   */
  async round(): Promise<SealRound> {
    await this.mark();
    let sealed = 0;
    let head: SealRound["head"] = null;
    const upTo = await this.finalUpTo();
    // Nothing proven final since the last round that sealed: no transaction needed (most idle seconds).
    if (upTo === null || upTo <= this.sealedUpTo) return { elected: true, sealed: 0, head: null };
    for (;;) {
      const batch = await this.prisma.$transaction(async (tx) => {
        const [lock] = await tx.$queryRawUnsafe<{ got: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${SEALER_LOCK}, hashtext(current_schema())) AS got`);
        if (!lock.got) return null;
        const last = await tx.auditSeal.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
        head = last;
        if (upTo === null || (last && last.seq >= upTo)) return 0;
        const rows = await tx.auditEntry.findMany({ where: { seq: { gt: last?.seq ?? 0, lte: upTo } }, orderBy: { seq: "asc" }, take: this.batchSize });
        let prevHash = last?.hash ?? GENESIS;
        const seals = rows.map((row) => {
          const hash = hashRecord(prevHash, toAuditContent(row));
          const seal = { seq: row.seq, prevHash, hash };
          prevHash = hash;
          return seal;
        });
        if (seals.length > 0) {
          await tx.auditSeal.createMany({ data: seals });
          head = { seq: seals[seals.length - 1].seq, hash: prevHash };
        }
        return seals.length;
      });
      if (batch === null) return { elected: false, sealed, head };
      sealed += batch;
      if (batch < this.batchSize) {
        this.sealedUpTo = upTo;
        return { elected: true, sealed, head };
      }
    }
  }

  /**
   * Seals everything written before the call (`npm run audit:seal`, tests): takes a mark, waits up to
   * `timeoutMs` for the transactions running now to end, then seals. `sealed` counts the rows this
   * sealer sealed; `elected` false means another sealer held the lock to the end.
   */
  async sealNow(timeoutMs = 30_000): Promise<SealRound & { waitedMs: number; pending: boolean }> {
    const started = Date.now();
    const mark = await this.mark();
    while ((await this.oldestRunning()) < mark.xmax && Date.now() - started < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 50));
    let result = await this.round();
    let sealed = result.sealed;
    // Another sealer holds the lock: wait for its round to end, then seal what it left.
    while (!result.elected && Date.now() - started < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      result = await this.round();
      sealed += result.sealed;
    }
    const head = await this.prisma.auditSeal.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    const pending = (await this.prisma.auditEntry.count({ where: { seq: { gt: head?.seq ?? 0, lte: mark.upTo } } })) > 0;
    return { elected: result.elected, sealed, head, waitedMs: Date.now() - started, pending };
  }
}

const holder = globalThis as typeof globalThis & { __flarewatchSealer?: { stop(): void } };

/** How often each app server runs a round (FLAREWATCH_AUDIT_SEAL_MS, default 1000; 0 turns the timer off). */
export function sealIntervalFromEnv(): number {
  const raw = process.env.FLAREWATCH_AUDIT_SEAL_MS;
  const value = raw === undefined || raw === "" ? 1000 : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`FLAREWATCH_AUDIT_SEAL_MS must be a number of milliseconds (0 turns the sealer off), not ${raw}`);
  return value;
}

/**
 * Starts this server's sealer timer (instrumentation.ts), once per process. Rounds never overlap; a
 * failed round (database restarting) is logged and the next one tries again.
 */
export function startAuditSealer(prisma: PrismaClient, intervalMs = sealIntervalFromEnv()): { stop(): void } {
  if (holder.__flarewatchSealer) return holder.__flarewatchSealer;
  if (intervalMs === 0) return { stop() {} };
  const sealer = new AuditSealer(prisma);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failing = false;
  const tick = async () => {
    try {
      await sealer.round();
      if (failing) console.log("Flarewatch audit sealer: sealing again.");
      failing = false;
    } catch (error) {
      if (!failing) console.error(`Flarewatch audit sealer: a round failed, retrying every ${intervalMs} ms: ${(error as Error).message}`);
      failing = true;
    }
    if (!stopped) timer = setTimeout(tick, intervalMs).unref();
  };
  timer = setTimeout(tick, intervalMs).unref();
  holder.__flarewatchSealer = {
    stop() {
      stopped = true;
      clearTimeout(timer);
      holder.__flarewatchSealer = undefined;
    },
  };
  return holder.__flarewatchSealer;
}
