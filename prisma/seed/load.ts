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
