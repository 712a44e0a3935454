import { expect, it } from "vitest";
import { AuditSealer, verifyAuditTrail } from "@/lib/audit";
import { describeEachDatabase } from "@/lib/db/testing";
import { seedCaseEvents, seedCasePatient } from "@/prisma/seed/seed-case";
import type { ServiceContext } from "./context";
import { createPatient, listAlerts, recordEvent } from "./index";
import { testActor, value } from "./testing";

/*
 * Small JSON columns are parsed on read, not cast: a row that holds something the app never writes
 * (edited by hand, or by a bug) stops the read with the table, the row and the column named, instead
 * of reaching a page as a value of the wrong shape.
 */
const flare = seedCaseEvents.filter((e) => e.occurredAt < "2020-08-18");

describeEachDatabase("stored JSON read back", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  it("an alert's lastImaging, domains or priority reasons that the engine did not write fail the read, naming the alert and the column", async () => {
    const patient = value(await createPatient(ctx(), { ...seedCasePatient, identifier: `JSON-${Date.now()}` }));
    for (const event of flare) value(await recordEvent(ctx(), patient.id, event));
    const [alert] = value(await listAlerts(ctx(), { patientId: patient.id }));
    expect(alert.domains.length).toBeGreaterThan(0);

    const tamper = (column: string, json: string) => db().sql.query(`UPDATE "Alert" SET "${column}" = $1::jsonb WHERE id = $2::uuid`, [json, alert.id]);
    const original = (await db().sql.query<{ lastImaging: unknown; domains: unknown; priorityReasons: unknown }>(
      `SELECT "lastImaging"::text AS "lastImaging", domains::text AS domains, "priorityReasons"::text AS "priorityReasons" FROM "Alert" WHERE id = $1::uuid`,
      [alert.id],
    ))[0] as { lastImaging: string | null; domains: string; priorityReasons: string };

    await tamper("lastImaging", JSON.stringify({ eventId: 7, date: "12/03/2021" }));
    await expect(listAlerts(ctx(), { patientId: patient.id })).rejects.toThrow(`Alert ${alert.id}: stored lastImaging`);
    await db().sql.query(`UPDATE "Alert" SET "lastImaging" = $1::jsonb WHERE id = $2::uuid`, [original.lastImaging, alert.id]);

    await tamper("domains", JSON.stringify(["skin", "bone"]));
    await expect(listAlerts(ctx(), { patientId: patient.id })).rejects.toThrow(`Alert ${alert.id}: stored domains`);
    await tamper("domains", original.domains);

    await tamper("priorityReasons", JSON.stringify("severe"));
    await expect(listAlerts(ctx(), { patientId: patient.id })).rejects.toThrow(`Alert ${alert.id}: stored priorityReasons`);
    await tamper("priorityReasons", original.priorityReasons);

    expect(value(await listAlerts(ctx(), { patientId: patient.id }))[0]).toEqual(alert);
  });

  it("an audit row whose event ids are not a list fails the check, naming the row", async () => {
    value(await createPatient(ctx(), { ...seedCasePatient, identifier: `JSON-AUDIT-${Date.now()}` }));
    await new AuditSealer(db().prisma).sealNow();
    const [{ seq }] = await db().sql.query<{ seq: number }>(`SELECT max(seq) AS seq FROM "AuditSeal"`);
    // The trail is append-only: only a superuser disabling its trigger could do this.
    await db().sql.transaction(async (tx) => {
      await tx.exec(`ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_no_update"`);
      await tx.query(`UPDATE "AuditEntry" SET "eventIds" = '{"id": 1}'::jsonb WHERE seq = $1`, [seq]);
      await tx.exec(`ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_no_update"`);
    });
    await expect(verifyAuditTrail(db().prisma)).rejects.toThrow(`Audit row ${seq}: stored eventIds`);
  });
});
