import "server-only";
import { alertFlagEntries, courseBundle, eventFullUrl, patientFullUrl, type Bundle, type FlagAlert } from "@/lib/fhir";
import { todayIn } from "@/lib/events";
import { audited, seePatient, txSql } from "./access";
import { patientAlertViews, type AlertView } from "./alerts";
import { clinicTimeZone } from "./clinic";
import type { ServiceContext } from "./context";
import { toPatient } from "./mapping";
import { ok, type Result } from "./result";
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
  return audited(ctx, "patient.export.fhir", async (tx, note) => {
    const seen = await seePatient(tx, ctx, note, patientId);
    if (!seen.ok) return seen;
    const patient = toPatient(await tx.patient.findUniqueOrThrow({ where: { id: patientId } }));
    // One after another: a transaction is one connection.
    const events = await queryTimeline(txSql(tx), patientId, {});
    const keys = await tx.$queryRawUnsafe<{ chainId: string; sourceKey: string }[]>(
      `SELECT "chainId"::text AS "chainId", "sourceKey" FROM "Event" WHERE "patientId" = $1::uuid AND "sourceKey" IS NOT NULL`,
      patientId,
    );
    const alerts = await patientAlertViews(tx, patientId);
    note.detail = `${events.length} events, ${alerts.length} alerts`;
    const timeZone = options.timeZone ?? clinicTimeZone();
    const evidenceUrls = new Map(events.map((e) => [e.id, eventFullUrl(e)]));
    const flags = alertFlagEntries(
      alerts.map((a) => flagAlert(a, timeZone)),
      { reference: patientFullUrl(patient) },
      evidenceUrls,
      timeZone,
    );
    return ok(
      courseBundle(
        patient,
        events,
        { timeZone, sourceKeys: new Map(keys.map((k) => [k.chainId, k.sourceKey])), generatedAt: (options.now ?? new Date()).toISOString() },
        flags,
      ),
    );
  });
}
