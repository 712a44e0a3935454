import { expect, it } from "vitest";
import { testActor } from "@/lib/patients/testing";
import { describeEachDatabase } from "@/lib/db/testing";
import type { Database } from "@/lib/db";
import { AuditSealer } from "./sealer";
import type { AuditAction } from "./actions";
import { appendAudit, verifyAuditTrail } from "./service";

/** An action of the test's own: the chain covers any text, and these rows are counted by their names. */
const testAction = (name: string) => name as AuditAction;

async function appendSome(db: Database, n: number, prefix = "test") {
  for (let i = 0; i < n; i++) {
    await db.prisma.$transaction((tx) => appendAudit(tx, testActor, { address: "127.0.0.1", userAgent: "vitest" }, { patientId: null, action: testAction(`${prefix}-${i}`) }));
  }
}

/** Tampering needs the append-only triggers and the seal's foreign key out of the way, as an attacker with database rights would. */
async function tamper(db: Database, sql: string) {
  await db.sql.transaction(async (tx) => {
    await tx.exec(`ALTER TABLE "AuditEntry" DISABLE TRIGGER ALL; ALTER TABLE "AuditSeal" DISABLE TRIGGER ALL`);
    await tx.exec(sql);
    await tx.exec(`ALTER TABLE "AuditEntry" ENABLE TRIGGER ALL; ALTER TABLE "AuditSeal" ENABLE TRIGGER ALL`);
  });
}

const swap = (table: string, a: number, b: number) =>
  `UPDATE "${table}" SET seq = -1 WHERE seq = ${a}; UPDATE "${table}" SET seq = ${a} WHERE seq = ${b}; UPDATE "${table}" SET seq = ${b} WHERE seq = -1;`;

describeEachDatabase("the audit trail", (db, target) => {
  it("writes rows unsealed, reports them, and seals them into a chain that verifies", async () => {
    await appendSome(db(), 3);
    expect(await verifyAuditTrail(db().prisma)).toMatchObject({ checked: 0, problem: null, unsealed: { count: 3, oldestSeq: 1 }, head: null });
    const round = await new AuditSealer(db().prisma).sealNow();
    expect(round).toMatchObject({ elected: true, sealed: 3, pending: false, head: { seq: 3 } });
    expect(await verifyAuditTrail(db().prisma)).toMatchObject({ checked: 3, problem: null, unsealed: null, head: round.head });
  });

  it("seals rows written concurrently by many transactions, skipping numbers drawn by transactions that rolled back", async () => {
    const sealer = new AuditSealer(db().prisma, { batchSize: 7 });
    const writers = Array.from({ length: 40 }, (_, i) =>
      db()
        .prisma.$transaction(async (tx) => {
          await appendAudit(tx, testActor, undefined, { action: testAction(`concurrent-${i}`) });
          // Some transactions roll back after drawing a number: that number never appears.
          if (i % 9 === 4) throw new Error("rolled back on purpose");
        })
        .catch((error: Error) => (error.message === "rolled back on purpose" ? "rolled back" : Promise.reject(error))),
    );
    // The sealer runs while they write: it must never seal past a number a running transaction holds.
    const rounds = (async () => {
      for (let i = 0; i < 10; i++) await sealer.round();
    })();
    const outcomes = await Promise.all(writers);
    await rounds;
    await sealer.sealNow();
    const rolledBack = outcomes.filter((o) => o === "rolled back").length;
    expect(rolledBack).toBe(4);
    const check = await verifyAuditTrail(db().prisma, 5);
    expect(check).toMatchObject({ checked: 3 + 40 - rolledBack, problem: null, unsealed: null });
    expect(await db().prisma.auditEntry.count({ where: { action: { startsWith: "concurrent-" } } })).toBe(36);
  });

  it("elects one sealer at a time: two sealers racing seal every row exactly once", async () => {
    await appendSome(db(), 20, "race");
    const [a, b] = [new AuditSealer(db().prisma, { batchSize: 3 }), new AuditSealer(db().prisma, { batchSize: 3 })];
    const [ra, rb] = await Promise.all([a.sealNow(), b.sealNow()]);
    expect(ra.sealed + rb.sealed).toBe(20);
    expect(await verifyAuditTrail(db().prisma)).toMatchObject({ problem: null, unsealed: null });
  });

  if (target === "postgres") {
    it("a server that is not elected skips its round, and seals once the lock is free (PostgreSQL: several servers)", async () => {
      await appendSome(db(), 2, "elected");
      const other = await db().prisma.$transaction(async (tx) => {
        // Another server's sealer mid-round: it holds the install's sealer lock.
        await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(727433, hashtext(current_schema()))::text`);
        return new AuditSealer(db().prisma).sealNow(3000);
      });
      expect(other).toMatchObject({ elected: false, sealed: 0 });
      expect((await verifyAuditTrail(db().prisma)).unsealed).toMatchObject({ count: 2 });
      expect(await new AuditSealer(db().prisma).sealNow()).toMatchObject({ elected: true, sealed: 2 });
    });

    it("does not seal past a number held by a running transaction that took its id after the writer of the next number (two servers writing at once)", async () => {
      // The order that broke the chain in the two-server test: an older transaction B draws the next number
      // after a newer one, T, drew its own, and commits while T runs. Nothing newer than B has completed, so
      // a snapshot's xmax (one past the latest completed id) is not past T's id: T must still hold the seal.
      const gate = () => {
        let open!: () => void;
        const opened = new Promise<void>((resolve) => (open = resolve));
        return { open, opened };
      };
      const [bStarted, tWrote, bMayWrite, tMayCommit] = [gate(), gate(), gate(), gate()];
      const b = db().prisma.$transaction(
        async (tx) => {
          await tx.$queryRawUnsafe(`SELECT pg_current_xact_id()::text`);
          bStarted.open();
          await bMayWrite.opened;
          await appendAudit(tx, testActor, undefined, { action: testAction("older-writer") });
        },
        { timeout: 20_000 },
      );
      await bStarted.opened;
      const t = db().prisma.$transaction(
        async (tx) => {
          await appendAudit(tx, testActor, undefined, { action: testAction("newer-writer") });
          tWrote.open();
          await tMayCommit.opened;
        },
        { timeout: 20_000 },
      );
      await tWrote.opened;
      bMayWrite.open();
      await b;
      const before = (await db().prisma.auditSeal.findFirst({ orderBy: { seq: "desc" } }))?.seq ?? 0;
      const held = await db().prisma.auditEntry.findFirstOrThrow({ where: { action: testAction("older-writer") } });
      const round = await new AuditSealer(db().prisma).sealNow(1500);
      expect(round.pending).toBe(true);
      expect((await db().prisma.auditSeal.findFirst({ orderBy: { seq: "desc" } }))?.seq ?? 0).toBeLessThan(held.seq);
      tMayCommit.open();
      await t;
      expect(await new AuditSealer(db().prisma).sealNow()).toMatchObject({ pending: false });
      expect(await verifyAuditTrail(db().prisma)).toMatchObject({ problem: null, unsealed: null });
      expect(before).toBeLessThan(held.seq);
    });

    it("does not seal past a number held by a transaction still running, and seals it once it commits", async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const wrote = new Promise<void>((resolve) => (written = resolve));
      const slow = db().prisma.$transaction(
        async (tx) => {
          await appendAudit(tx, testActor, undefined, { action: testAction("slow-writer") });
          written();
          await held;
        },
        { timeout: 20_000 },
      );
      await wrote;
      await appendSome(db(), 2, "after-slow");
      const round = await new AuditSealer(db().prisma).sealNow(1500);
      expect(round.pending).toBe(true);
      const slowSeq = (await db().prisma.auditSeal.findFirst({ orderBy: { seq: "desc" } }))?.seq ?? 0;
      const check = await verifyAuditTrail(db().prisma);
      expect(check.head?.seq).toBe(slowSeq);
      expect(check.unsealed).toMatchObject({ count: 2 });
      release();
      await slow;
      expect(await new AuditSealer(db().prisma).sealNow()).toMatchObject({ sealed: 3, pending: false });
      expect(await verifyAuditTrail(db().prisma)).toMatchObject({ problem: null, unsealed: null });
    });
  }

  it("refuses updates and deletions of rows and of seals", async () => {
    await expect(db().sql.exec(`UPDATE "AuditEntry" SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db().sql.exec(`DELETE FROM "AuditEntry" WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db().sql.exec(`UPDATE "AuditSeal" SET hash = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db().sql.exec(`DELETE FROM "AuditSeal" WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it("numbers rows itself: a row cannot be written into the sealed past", async () => {
    const before = await db().prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
    await db().sql.exec(
      `INSERT INTO "AuditEntry" (seq, at, "actorId", "actorName", role, action, "eventIds", outcome) VALUES (2, now(), 'x', 'x', 'system', 'backdated', '[]', 'ok')`,
    );
    const row = await db().prisma.auditEntry.findFirstOrThrow({ where: { action: "backdated" } });
    expect(row.seq).toBeGreaterThan(before.seq);
    await new AuditSealer(db().prisma).sealNow();
    expect((await verifyAuditTrail(db().prisma)).problem).toBeNull();
  });

  it("detects an edited row", async () => {
    await tamper(db(), `UPDATE "AuditEntry" SET "actorName" = 'Someone else' WHERE seq = 2`);
    expect((await verifyAuditTrail(db().prisma)).problem).toMatchObject({ kind: "edited", seq: 2 });
    await tamper(db(), `UPDATE "AuditEntry" SET "actorName" = '${testActor.name}' WHERE seq = 2`);
    expect((await verifyAuditTrail(db().prisma)).problem).toBeNull();
  });

  it("detects reordered rows, with or without their seals", async () => {
    await tamper(db(), swap("AuditEntry", 3, 4));
    expect((await verifyAuditTrail(db().prisma)).problem).toMatchObject({ kind: "edited", seq: 3 });
    await tamper(db(), swap("AuditSeal", 3, 4));
    expect((await verifyAuditTrail(db().prisma)).problem).toMatchObject({ kind: "broken-link", seq: 3 });
    await tamper(db(), swap("AuditEntry", 3, 4) + swap("AuditSeal", 3, 4));
    expect((await verifyAuditTrail(db().prisma)).problem).toBeNull();
  });

  it("detects a row written behind the sealer's back (or whose seal was removed)", async () => {
    // A sealed row in the middle (numbers drawn by transactions that rolled back leave gaps: not "row 6").
    const seal = await db().prisma.auditSeal.findFirstOrThrow({ where: { seq: { gte: 6 } }, orderBy: { seq: "asc" } });
    await tamper(db(), `DELETE FROM "AuditSeal" WHERE seq = ${seal.seq}`);
    expect((await verifyAuditTrail(db().prisma)).problem).toMatchObject({ kind: "unsealed-inside", seq: seal.seq });
    await tamper(db(), `INSERT INTO "AuditSeal" (seq, "prevHash", hash, "sealedAt") VALUES (${seal.seq}, '${seal.prevHash}', '${seal.hash}', now())`);
    expect((await verifyAuditTrail(db().prisma)).problem).toBeNull();
  });

  it("detects a deleted row: the last one by the seal it leaves behind, any other by the broken link after it", async () => {
    const last = await db().prisma.auditSeal.findFirstOrThrow({ orderBy: { seq: "desc" } });
    await tamper(db(), `DELETE FROM "AuditEntry" WHERE seq = ${last.seq}`);
    expect((await verifyAuditTrail(db().prisma)).problem).toMatchObject({ kind: "missing", seq: last.seq });
    // A row in the middle, and the next row the trail holds (the next number may be a rolled-back gap).
    const [victim, next] = await db().prisma.auditSeal.findMany({ where: { seq: { gte: 6 } }, orderBy: { seq: "asc" }, take: 2 });
    await tamper(db(), `DELETE FROM "AuditEntry" WHERE seq = ${victim.seq}`);
    expect((await verifyAuditTrail(db().prisma)).problem).toMatchObject({ kind: "broken-link", seq: next.seq });
  });
});
