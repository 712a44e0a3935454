import { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "@prisma/client";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, it } from "vitest";
import { applyMigrations, readMigrations, type SqlRunner } from "@/lib/db/migrate";
import { testActor } from "@/lib/patients/testing";
import type { AuditAction } from "./actions";
import { GENESIS, hashRecord, type AuditContent } from "./chain";
import { AuditSealer } from "./sealer";
import { appendAudit, verifyAuditTrail } from "./service";

function runner(db: Pick<PGlite, "exec" | "query">): SqlRunner {
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    transaction: (fn) => fn(runner(db)),
  };
}

describe("upgrading an install to the sealed trail (migration 20261202500000_audit_sealer)", () => {
  it("keeps the rows chained before it valid, with the same head, and continues the chain after them", async () => {
    const pglite = await PGlite.create();
    const all = readMigrations();
    const at = all.findIndex((m) => m.name === "20261202500000_audit_sealer");
    await applyMigrations(runner(pglite), all.slice(0, at));
    // Rows as the previous version wrote them: chained at insert time, numbered 1, 2, 3.
    let prevHash = GENESIS;
    for (let seq = 1; seq <= 3; seq++) {
      const content: AuditContent = {
        seq,
        at: `2026-11-30T10:00:0${seq}.000Z`,
        actorId: "u1",
        actorName: "Dr A",
        role: "oncologist",
        patientId: null,
        action: `old-${seq}`,
        eventIds: [],
        address: null,
        userAgent: null,
        outcome: "ok",
        detail: null,
      };
      const hash = hashRecord(prevHash, content);
      await pglite.query(
        `INSERT INTO "AuditEntry" (seq, at, "actorId", "actorName", role, action, "eventIds", outcome, "prevHash", hash) VALUES ($1, $2, 'u1', 'Dr A', 'oncologist', $3, '[]', 'ok', $4, $5)`,
        [seq, content.at, content.action, prevHash, hash],
      );
      prevHash = hash;
    }
    const oldHead = prevHash;
    await applyMigrations(runner(pglite), all);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    try {
      expect(await verifyAuditTrail(prisma)).toMatchObject({ checked: 3, problem: null, unsealed: null, head: { seq: 3, hash: oldHead } });
      await prisma.$transaction((tx) => appendAudit(tx, testActor, undefined, { action: "new" as AuditAction }));
      expect((await prisma.auditEntry.findFirstOrThrow({ where: { action: "new" } })).seq).toBe(4);
      await new AuditSealer(prisma).sealNow();
      const check = await verifyAuditTrail(prisma);
      expect(check).toMatchObject({ checked: 4, problem: null, unsealed: null, head: { seq: 4 } });
      expect((await prisma.auditSeal.findUniqueOrThrow({ where: { seq: 4 } })).prevHash).toBe(oldHead);
    } finally {
      await prisma.$disconnect();
      await pglite.close();
    }
  });
});
