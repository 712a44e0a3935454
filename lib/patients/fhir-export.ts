import "server-only";
import { alertFlagEntries, courseBundle, eventFullUrl, patientFullUrl, type Bundle, type FlagAlert } from "@/lib/fhir";
import { todayIn } from "@/lib/events";
import { listAlerts, type AlertView } from "./alerts";
import { clinicTimeZone } from "./clinic";
import type { ServiceContext } from "./context";
import { getPatient, isUuid } from "./patients";
import { notFound, ok, type Result } from "./result";
import { queryTimeline } from "./timeline-query";

function flagAlert(alert: AlertView, timeZone: string): FlagAlert {
  const endedAt = alert.resolvedBy?.date ?? (alert.dismissedAt ? todayIn(timeZone, new Date(alert.dismissedAt)) : undefined);
  return {
    id: alert.id,
    key: alert.key,
    ruleId: alert.ruleId,
    status: alert.status,
    priority: alert.priority,
    episodeStart: alert.episodeStart,
    evidence: alert.evidence,
    reason: alert.reason,
    ...(endedAt ? { endedAt } : {}),
  };
}

/**
 * The patient's whole course (current, valid versions) as a FHIR R4 collection Bundle (FHIR.md), with
 * each of the patient's alerts as a Flag after the events it cites. Imported events keep the identifier
 * they came with, so exporting and importing elsewhere, or back, changes nothing twice.
 */
export async function exportPatientBundle(ctx: ServiceContext, patientId: string, options: { timeZone?: string; now?: Date } = {}): Promise<Result<Bundle>> {
  if (!isUuid(patientId)) return notFound(`No patient with id ${patientId}`);
  const patient = await getPatient(ctx, patientId);
  if (!patient.ok) return patient;
  const [events, keys, alerts] = await Promise.all([
    queryTimeline(ctx.db.sql, patientId, {}),
    ctx.db.sql.query<{ chainId: string; sourceKey: string }>(`SELECT "chainId", "sourceKey" FROM "Event" WHERE "patientId" = $1 AND "sourceKey" IS NOT NULL`, [patientId]),
    listAlerts(ctx, { patientId, status: "all" }),
  ]);
  if (!alerts.ok) return alerts;
  const timeZone = options.timeZone ?? clinicTimeZone();
  const evidenceUrls = new Map(events.map((e) => [e.id, eventFullUrl(e)]));
  const flags = alertFlagEntries(
    alerts.value.map((a) => flagAlert(a, timeZone)),
    { reference: patientFullUrl(patient.value) },
    evidenceUrls,
    timeZone,
  );
  return ok(
    courseBundle(
      patient.value,
      events,
      { timeZone, sourceKeys: new Map(keys.map((k) => [k.chainId, k.sourceKey])), generatedAt: (options.now ?? new Date()).toISOString() },
      flags,
    ),
  );
}
