import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing";
import { fromWallClock } from "@/lib/events";
import { clinicToday, listAlerts, reevaluateAllAlerts, type ServiceContext } from "@/lib/patients";
import { testActor, value } from "@/lib/patients/testing";
import { generateCohort } from "./cohort";
import { backdateDemoAlerts, loadPatients } from "./load";

describeEachDatabase("demo alerts dated as if Flarewatch had been in use", (db) => {
  it("each demo alert is raised at noon of its latest finding's day, so the inbox shows alerts days and weeks old", async () => {
    const today = clinicToday();
    const cohort = generateCohort({ patients: 12, eventsPerPatient: 60, identifierPrefix: "AGE", today });
    await loadPatients(db(), cohort);
    await reevaluateAllAlerts(db());
    const ctx: ServiceContext = { db: db(), actor: testActor };
    const demo = async () => value(await listAlerts(ctx)).filter((a) => a.patientIdentifier.startsWith("AGE-"));
    const raised = await demo();
    expect(raised.length).toBeGreaterThan(2);
    expect(raised.map((a) => a.daysOpen).every((days) => days === 0)).toBe(true);

    expect(await backdateDemoAlerts(db(), cohort.map((p) => p.patient.identifier), "UTC")).toBeGreaterThanOrEqual(raised.length);
    const rows = await db().sql.query<{ raisedAt: Date; latest: Date }>(
      `SELECT a."raisedAt", (SELECT max(e."occurredAt") FROM "Event" e WHERE e."patientId" = a."patientId" AND e.current AND e."chainId"::text IN (SELECT jsonb_array_elements_text(a.evidence))) AS latest
         FROM "Alert" a JOIN "Patient" p ON p.id = a."patientId" WHERE p.identifier LIKE 'AGE-%'`,
    );
    for (const row of rows) {
      const day = fromWallClock(new Date(row.latest), "day");
      expect(day <= today).toBe(true);
      expect(new Date(row.raisedAt).toISOString()).toBe(`${day}T12:00:00.000Z`);
    }
    const ages = (await demo()).map((a) => a.daysOpen);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(7);
  });
});
