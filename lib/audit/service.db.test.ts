import { expect, it } from "vitest";
import { testActor } from "@/lib/patients/testing";
import { describeEachDatabase } from "@/lib/db/testing";
import type { Database } from "@/lib/db";
import { appendAudit, verifyAuditTrail } from "./service";

async function appendSome(db: Database, n: number) {
  for (let i = 0; i < n; i++) {
    await db.prisma.$transaction((tx) =>
      appendAudit(tx, testActor, { address: "127.0.0.1", userAgent: "vitest" }, { patientId: null, action: `test-${i}` }),
    );
  }
}

/** Tampering needs the append-only trigger out of the way, as an attacker with database rights would. */
async function tamper(db: Database, sql: string) {
  await db.sql.transaction(async (tx) => {
    await tx.exec(`ALTER TABLE "AuditEntry" DISABLE TRIGGER USER`);
    await tx.exec(sql);
    await tx.exec(`ALTER TABLE "AuditEntry" ENABLE TRIGGER USER`);
  });
}

describeEachDatabase("the audit trail", (db) => {
  it("chains appended rows, also when written concurrently", async () => {
    await appendSome(db(), 3);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => db().prisma.$transaction((tx) => appendAudit(tx, testActor, undefined, { action: `concurrent-${i}` }))),
    );
    expect(await verifyAuditTrail(db().prisma, 4)).toMatchObject({ checked: 11, problem: null });
  });

  it("refuses updates and deletions", async () => {
    await expect(db().sql.exec(`UPDATE "AuditEntry" SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db().sql.exec(`DELETE FROM "AuditEntry" WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it("detects an edited row", async () => {
    await tamper(db(), `UPDATE "AuditEntry" SET "actorName" = 'Someone else' WHERE seq = 2`);
    expect((await verifyAuditTrail(db().prisma)).problem).toMatchObject({ kind: "edited", seq: 2 });
    await tamper(db(), `UPDATE "AuditEntry" SET "actorName" = '${testActor.name}' WHERE seq = 2`);
    expect((await verifyAuditTrail(db().prisma)).problem).toBeNull();
  });

  it("detects reordered rows", async () => {
    await tamper(db(), `UPDATE "AuditEntry" SET seq = -1 WHERE seq = 3; UPDATE "AuditEntry" SET seq = 3 WHERE seq = 4; UPDATE "AuditEntry" SET seq = 4 WHERE seq = -1`);
    expect((await verifyAuditTrail(db().prisma)).problem).toMatchObject({ kind: "broken-link", seq: 3 });
    await tamper(db(), `UPDATE "AuditEntry" SET seq = -1 WHERE seq = 3; UPDATE "AuditEntry" SET seq = 3 WHERE seq = 4; UPDATE "AuditEntry" SET seq = 4 WHERE seq = -1`);
    expect((await verifyAuditTrail(db().prisma)).problem).toBeNull();
  });

  it("detects a deleted row", async () => {
    await tamper(db(), `DELETE FROM "AuditEntry" WHERE seq = 5`);
    expect((await verifyAuditTrail(db().prisma)).problem).toMatchObject({ kind: "gap", seq: 6 });
  });
});
