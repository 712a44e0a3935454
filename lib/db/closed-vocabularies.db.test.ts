import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, it } from "vitest";
import { alertLifecycleStatuses, alertPriorities } from "@/lib/alerts";
import { GENESIS, hashRecord, type AuditContent } from "@/lib/audit/chain";
import { AuditSealer } from "@/lib/audit/sealer";
import { appendAudit, auditOutcomes, auditRoles, verifyAuditTrail } from "@/lib/audit/service";
import { actorRoles, roles } from "@/lib/auth/actor";
import { datePrecisions, eventKinds, eventStatuses } from "@/lib/events";
import { applyMigrations, readMigrations, type SqlRunner } from "./migrate";
import { testTargets, type TestTarget } from "./testing";

const MIGRATION = "20261203300000_closed_vocabularies";

/** A migration target the test can stop half-way: the runner for migrations and raw rows, and a Prisma client once migrated. */
interface Opened {
  sql: SqlRunner;
  prisma: () => PrismaClient;
  close(): Promise<void>;
}

async function openPglite(): Promise<Opened> {
  const db = await PGlite.create();
  const runner = (d: Pick<PGlite, "exec" | "query">): SqlRunner => ({
    exec: async (sql) => void (await d.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await d.query<T>(sql, params)).rows,
    transaction: (fn) => fn(runner(d)),
  });
  let prisma: PrismaClient | undefined;
  return {
    sql: runner(db),
    prisma: () => (prisma ??= new PrismaClient({ adapter: new PrismaPGlite(db) })),
    close: async () => {
      await prisma?.$disconnect();
      await db.close();
    },
  };
}

async function openPostgresSchema(): Promise<Opened> {
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const config: pg.PoolConfig = { connectionString: url, max: 2, options: `-c search_path="${schema}"` };
  const client = new pg.Client(config);
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  const runner: SqlRunner = {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    transaction: async (fn) => {
      await client.query("BEGIN");
      try {
        const result = await fn(runner);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
  };
  let prisma: PrismaClient | undefined;
  return {
    sql: runner,
    prisma: () => (prisma ??= new PrismaClient({ adapter: new PrismaPg(config, { schema }) })),
    close: async () => {
      await prisma?.$disconnect();
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    },
  };
}

const open = (target: TestTarget) => (target === "pglite" ? openPglite() : openPostgresSchema());

/** Audit rows as the previous version wrote them (text columns), sealed as the sealer would have. */
async function writeOldTrail(sql: SqlRunner): Promise<string> {
  const rows: Omit<AuditContent, "seq">[] = [
    { at: "2026-12-01T09:00:01.000Z", actorId: "u1", actorName: "Dr A", role: "oncologist", patientId: null, action: "patient.read", eventIds: ["e1"], address: "10.0.0.1", userAgent: "old", outcome: "ok", detail: null },
    { at: "2026-12-01T09:00:02.000Z", actorId: "system:seed", actorName: "System (seed)", role: "system", patientId: null, action: "patient.read", eventIds: [], address: null, userAgent: null, outcome: "not-found", detail: "gone" },
    { at: "2026-12-01T09:00:03.000Z", actorId: "unknown", actorName: "who@example.org", role: "unknown", patientId: null, action: "sign-in", eventIds: [], address: "10.0.0.2", userAgent: null, outcome: "locked", detail: "too many" },
  ];
  let prevHash = GENESIS;
  for (const row of rows) {
    const [{ seq }] = await sql.query<{ seq: number }>(
      `INSERT INTO "AuditEntry" (at, "actorId", "actorName", role, "patientId", action, "eventIds", address, "userAgent", outcome, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11) RETURNING seq`,
      [row.at, row.actorId, row.actorName, row.role, row.patientId, row.action, JSON.stringify(row.eventIds), row.address, row.userAgent, row.outcome, row.detail],
    );
    const hash = hashRecord(prevHash, { ...row, seq: Number(seq) });
    await sql.query(`INSERT INTO "AuditSeal" (seq, "prevHash", hash) VALUES ($1, $2, $3)`, [seq, prevHash, hash]);
    prevHash = hash;
  }
  return prevHash;
}

const PATIENT = "0b6f7c2e-4d1a-4c5e-9a7b-000000000001";

/** A record as the previous version stored it: a user, a patient, three event versions and an alert. */
async function writeOldRecord(sql: SqlRunner): Promise<void> {
  await sql.query(`INSERT INTO "user" (id, name, email, role) VALUES ('u1', 'Dr A', 'a@example.org', 'nurse')`);
  await sql.query(`INSERT INTO "Patient" (id, identifier, "familyName", "givenName", sex, "createdBy") VALUES ($1, 'V-1', 'Vocab', 'Val', 'female', 'test')`, [PATIENT]);
  const event = `INSERT INTO "Event" (id, "chainId", version, current, status, "statusReason", "patientId", kind, "occurredAt", "datePrecision", "endedAt", "endPrecision", payload, "recordedBy", "recordedRole")
                 VALUES ($1::uuid, $1::uuid, 1, true, $2, $3, $4, $5, $6, $7, $8, $9, '{}', 'Dr A', $10)`;
  await sql.query(event, ["0b6f7c2e-4d1a-4c5e-9a7b-0000000000e1", "final", null, PATIENT, "lab_result", "2026-11-02T08:30:00", "time", null, null, "nurse"]);
  await sql.query(event, ["0b6f7c2e-4d1a-4c5e-9a7b-0000000000e2", "final", null, PATIENT, "medication", "2026-10-01T00:00:00", "day", "2026-10-20T00:00:00", "day", "system"]);
  await sql.query(event, ["0b6f7c2e-4d1a-4c5e-9a7b-0000000000e3", "entered_in_error", "wrong patient", PATIENT, "note", "2026-11-03T00:00:00", "day", null, null, "oncologist"]);
  await sql.query(
    `INSERT INTO "Alert" (id, key, "patientId", "ruleId", "ruleVersion", "settingsVersion", status, priority, "priorityReasons", "episodeStart", domains, evidence, reason)
     VALUES ('0b6f7c2e-4d1a-4c5e-9a7b-0000000000a1', 'k1', $1, 'reimaging-after-flare', 2, 0, 'acknowledged', 'high', '[]', '2026-11-02', '["skin"]', '[]', 'r')`,
    [PATIENT],
  );
}

const enums: [string, readonly string[]][] = [
  ["EventKind", eventKinds],
  ["EventStatus", eventStatuses],
  ["DatePrecision", datePrecisions],
  ["UserRole", roles],
  ["ActorRole", actorRoles],
  ["AuditRole", auditRoles],
  ["AuditOutcome", auditOutcomes],
  ["AlertStatus", alertLifecycleStatuses],
  ["AlertPriority", alertPriorities],
];

for (const target of testTargets) {
  describe(`upgrading an install to the closed vocabularies (migration ${MIGRATION}) [${target}]`, () => {
    it("converts the rows in place, keeps the audit chain verifying and the constraints holding, and refuses a word outside a list", async () => {
      const db = await open(target);
      try {
        const all = readMigrations();
        const at = all.findIndex((m) => m.name === MIGRATION);
        expect(at).toBeGreaterThan(0);
        await applyMigrations(db.sql, all.slice(0, at));
        const oldHead = await writeOldTrail(db.sql);
        await writeOldRecord(db.sql);

        // ALTER COLUMN TYPE rewrites "AuditEntry" without firing its append-only row triggers.
        // (and the migrations after it, which follow it in every upgrade)
        expect(await applyMigrations(db.sql, all)).toEqual(all.slice(at).map((m) => m.name));

        // The database's labels are the code's lists, in order (the words the code writes and reads back).
        for (const [name, list] of enums) {
          const [row] = await db.sql.query<{ labels: string[] | string }>(`SELECT enum_range(NULL::"${name}")::text[] AS labels`);
          const labels = typeof row.labels === "string" ? row.labels.replace(/^\{|\}$/g, "").split(",") : row.labels;
          expect(labels, name).toEqual([...list]);
        }

        const prisma = db.prisma();
        // The hash covers the same words as before: the old rows verify, with the same head.
        expect(await verifyAuditTrail(prisma)).toMatchObject({ checked: 3, problem: null, unsealed: null, head: { seq: 3, hash: oldHead } });
        await prisma.$transaction((tx) => appendAudit(tx, { id: "unknown", name: "x@example.org", role: "unknown" }, undefined, { action: "sign-in", outcome: "not-found" }));
        await new AuditSealer(prisma).sealNow();
        expect(await verifyAuditTrail(prisma)).toMatchObject({ checked: 4, problem: null });
        expect(await db.sql.query(`SELECT role::text, outcome::text FROM "AuditEntry" ORDER BY seq`)).toEqual([
          { role: "oncologist", outcome: "ok" },
          { role: "system", outcome: "not-found" },
          { role: "unknown", outcome: "locked" },
          { role: "unknown", outcome: "not-found" },
        ]);
        await expect(db.sql.exec(`UPDATE "AuditEntry" SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);

        // The record reads back as it was stored.
        const events = await prisma.event.findMany({ orderBy: { id: "asc" }, select: { kind: true, status: true, datePrecision: true, endPrecision: true, recordedRole: true } });
        expect(events).toEqual([
          { kind: "lab_result", status: "final", datePrecision: "time", endPrecision: null, recordedRole: "nurse" },
          { kind: "medication", status: "final", datePrecision: "day", endPrecision: "day", recordedRole: "system" },
          { kind: "note", status: "entered_in_error", datePrecision: "day", endPrecision: null, recordedRole: "oncologist" },
        ]);
        expect(await prisma.alert.findMany({ select: { status: true, priority: true } })).toEqual([{ status: "acknowledged", priority: "high" }]);
        expect(await prisma.user.findMany({ select: { role: true } })).toEqual([{ role: "nurse" }]);

        // The timeline's partial index is back, its predicate against the enum.
        const [index] = await db.sql.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'Event_timeline_idx' AND schemaname = current_schema()`);
        expect(index.indexdef).toMatch(/status <> 'entered_in_error'::"EventStatus"/);

        // What the dropped CHECK constraints said beyond their lists still holds; a word outside a list is refused.
        const insert = (status: string, reason: string | null, endedAt: string | null, endPrecision: string | null, id: string) =>
          db.sql.query(
            `INSERT INTO "Event" (id, "chainId", version, current, status, "statusReason", "patientId", kind, "occurredAt", "datePrecision", "endedAt", "endPrecision", payload, "recordedBy", "recordedRole")
             VALUES ($1::uuid, $1::uuid, 1, true, $2, $3, $4, 'note', '2026-11-05T00:00:00', 'day', $5, $6, '{}', 'Dr A', 'nurse')`,
            [id, status, reason, PATIENT, endedAt, endPrecision],
          );
        await expect(insert("entered_in_error", null, null, null, "0b6f7c2e-4d1a-4c5e-9a7b-0000000000f1")).rejects.toThrow(/Event_statusReason_check/);
        await expect(insert("final", null, "2026-11-06T00:00:00", null, "0b6f7c2e-4d1a-4c5e-9a7b-0000000000f2")).rejects.toThrow(/Event_endPrecision_check/);
        await expect(insert("final", null, "2026-11-01T00:00:00", "day", "0b6f7c2e-4d1a-4c5e-9a7b-0000000000f3")).rejects.toThrow(/Event_endPrecision_check/);
        await expect(insert("deleted", null, null, null, "0b6f7c2e-4d1a-4c5e-9a7b-0000000000f4")).rejects.toThrow(/invalid input value for enum "?EventStatus"?/);
        await expect(db.sql.query(`UPDATE "user" SET role = 'superuser'`)).rejects.toThrow(/invalid input value for enum "?UserRole"?/);
        await insert("final", null, "2026-11-06T00:00:00", "time", "0b6f7c2e-4d1a-4c5e-9a7b-0000000000f5");
      } finally {
        await db.close();
      }
    }, 120_000);
  });
}
