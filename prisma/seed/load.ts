import type { Prisma } from "@prisma/client";
import { demoDataRecorder, eventInput, toWallClock } from "@/lib/events";
import { eventColumns } from "@/lib/patients/mapping";
import type { Database } from "@/lib/db";
import { analyzeStaleTables } from "@/lib/db/maintenance";
import type { GeneratedPatient } from "./cohort";

export const seedRecorder = { name: demoDataRecorder, role: "system" } as const;

/**
 * Bulk-loads generated patients: every event still passes its kind's schema, but rows go in with
 * createMany in large batches (a 1 000 × 500 cohort is half a million events).
 */
export async function loadPatients(db: Database, patients: GeneratedPatient[], teamsOf: (patient: GeneratedPatient, index: number) => string[] = () => [], batchSize = 5000): Promise<number> {
  let pending: Prisma.EventCreateManyInput[] = [];
  let written = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await db.prisma.event.createMany({ data: pending });
    written += pending.length;
    pending = [];
  };
  for (const [index, generated] of patients.entries()) {
    const { birthDate, ...rest } = generated.patient;
    const patient = await db.prisma.patient.create({
      data: { ...rest, birthDate: birthDate ? toWallClock(birthDate) : null, createdBy: seedRecorder.name, teams: { create: teamsOf(generated, index).map((teamId) => ({ teamId })) } },
    });
    for (const raw of generated.events) {
      const event = eventInput.parse(raw);
      const id = crypto.randomUUID();
      pending.push({
        id,
        chainId: id,
        version: 1,
        current: true,
        status: "final",
        patientId: patient.id,
        ...eventColumns(event),
        recordedBy: seedRecorder.name,
        recordedRole: seedRecorder.role,
      });
      if (pending.length >= batchSize) await flush();
    }
  }
  await flush();
  // The planner's statistics follow a bulk load at once (PGlite has no auto-analyze; PostgreSQL's comes a minute later).
  await analyzeStaleTables(db.prisma);
  return written;
}

/**
 * Demo data only: the alerts of bulk-loaded demo patients are raised by the seed, all "today". As if
 * Flarewatch had been in use while their records were kept, each is dated to noon (clinic time) of the
 * day of its latest finding, so the worklist and the inbox show alerts days and weeks old, some overdue.
 * Never later than it was raised. Returns how many alerts were moved.
 */
export async function backdateDemoAlerts(db: Database, identifiers: readonly string[], timeZone: string): Promise<number> {
  const moved = await db.sql.query<{ id: string }>(
    `UPDATE "Alert" a
        SET "raisedAt" = least(a."raisedAt", ((
              SELECT max(e."occurredAt") FROM "Event" e
               WHERE e."patientId" = a."patientId" AND e.current AND e."chainId"::text IN (SELECT jsonb_array_elements_text(a.evidence))
            )::date + time '12:00') AT TIME ZONE $2)
       FROM "Patient" p
      WHERE p.id = a."patientId" AND p.identifier = ANY($1::text[])
      RETURNING a.id`,
    [[...identifiers], timeZone],
  );
  return moved.length;
}
