import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth";
import { AuditSealer } from "@/lib/audit/sealer";
import { verifyAuditTrail } from "@/lib/audit/service";
import { createPatient, recordEvents } from "@/lib/patients";
import { value } from "@/lib/patients/testing";
import { seedCaseEvents, seedCasePatient } from "@/prisma/seed/seed-case";
import { backupPGlite, restorePGlite } from "./backup";
import { openPGlite } from "./client";
import { DatabaseLockedError } from "./lock";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "flarewatch-backup-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Every row that matters, as text, table by table: what a restore must bring back exactly. */
async function contents(dataDir: string) {
  const db = await openPGlite(dataDir);
  try {
    const rows = async (sql: string) => (await db.sql.query<{ row: string }>(sql)).map((r) => r.row);
    return {
      patients: await rows(`SELECT row_to_json(p)::text AS row FROM "Patient" p ORDER BY id`),
      events: await rows(`SELECT row_to_json(e)::text AS row FROM "Event" e ORDER BY id`),
      alerts: await rows(`SELECT row_to_json(a)::text AS row FROM "Alert" a ORDER BY id`),
      audit: await rows(`SELECT row_to_json(a)::text AS row FROM "AuditEntry" a ORDER BY seq`),
      chain: await verifyAuditTrail(db.prisma),
    };
  } finally {
    await db.close();
  }
}

describe("backup and restore of the embedded database", () => {
  it("restores a backup into an empty data directory with every patient, event, alert and audit row, and the chain verifying", async () => {
    const live = path.join(root, "live");
    const db = await openPGlite(live);
    const ctx = { db, actor: systemActor("vitest") };
    const patient = value(await createPatient(ctx, seedCasePatient));
    for (let i = 0; i < seedCaseEvents.length; i += 50) value(await recordEvents(ctx, patient.id, seedCaseEvents.slice(i, i + 50)));
    await new AuditSealer(db.prisma).sealNow();
    await db.close();
    // While the app runs (another live process holds the directory's lock), a backup is refused, not taken half-way.
    fs.writeFileSync(`${live}.lock`, String(process.ppid));
    await expect(backupPGlite(live, path.join(root, "refused.tar.gz"))).rejects.toThrow(DatabaseLockedError);
    expect(fs.existsSync(path.join(root, "refused.tar.gz"))).toBe(false);
    fs.rmSync(`${live}.lock`);

    const file = path.join(root, "backups", "flarewatch.tar.gz");
    const summary = await backupPGlite(live, file);
    expect(summary.patients).toBe(1);
    expect(summary.events).toBe(seedCaseEvents.length);
    expect(summary.alerts).toBeGreaterThan(0);
    expect(fs.statSync(file).size).toBe(summary.bytes);

    const restored = path.join(root, "restored");
    const after = await restorePGlite(file, restored);
    expect(after).toEqual({ patients: summary.patients, events: summary.events, alerts: summary.alerts, auditRows: summary.auditRows, auditHead: summary.auditHead });

    const original = await contents(live);
    const copy = await contents(restored);
    expect(copy.chain).toMatchObject({ checked: original.audit.length, problem: null, unsealed: null });
    // Opening each copy (above) appends nothing, so the two must match row for row.
    expect(copy).toEqual(original);
    expect(original.alerts.length).toBeGreaterThan(0);
  });

  it("never restores over a database", async () => {
    const file = path.join(root, "backups", "flarewatch.tar.gz");
    const occupied = path.join(root, "occupied");
    fs.mkdirSync(occupied, { recursive: true });
    fs.writeFileSync(path.join(occupied, "PG_VERSION"), "17");
    await expect(restorePGlite(file, occupied)).rejects.toThrow(/is not empty/);
    expect(fs.readdirSync(occupied)).toEqual(["PG_VERSION"]);
  });
});
