import "server-only";
import { courseBundle, type Bundle } from "@/lib/fhir";
import { clinicTimeZone } from "./clinic";
import type { ServiceContext } from "./context";
import { getPatient, isUuid } from "./patients";
import { notFound, ok, type Result } from "./result";
import { queryTimeline } from "./timeline-query";

/**
 * The patient's whole course (current, valid versions) as a FHIR R4 collection Bundle (FHIR.md).
 * Imported events keep the identifier they came with, so exporting and importing elsewhere, or back,
 * changes nothing twice.
 */
export async function exportPatientBundle(ctx: ServiceContext, patientId: string, options: { timeZone?: string; now?: Date } = {}): Promise<Result<Bundle>> {
  if (!isUuid(patientId)) return notFound(`No patient with id ${patientId}`);
  const patient = await getPatient(ctx, patientId);
  if (!patient.ok) return patient;
  const [events, keys] = await Promise.all([
    queryTimeline(ctx.db.sql, patientId, {}),
    ctx.db.sql.query<{ chainId: string; sourceKey: string }>(`SELECT "chainId", "sourceKey" FROM "Event" WHERE "patientId" = $1 AND "sourceKey" IS NOT NULL`, [patientId]),
  ]);
  return ok(
    courseBundle(patient.value, events, {
      timeZone: options.timeZone ?? clinicTimeZone(),
      sourceKeys: new Map(keys.map((k) => [k.chainId, k.sourceKey])),
      generatedAt: (options.now ?? new Date()).toISOString(),
    }),
  );
}
