import "server-only";
import type { Prisma } from "@prisma/client";
import { alertFlagEntries, courseBundle, eventFullUrl, everythingPage, patientFullUrl, type Bundle, type BundleEntry, type FlagAlert, type Resource } from "@/lib/fhir";
import { todayIn } from "@/lib/events";
import { patientRead, txSql } from "@/lib/service";
import { patientAlertViews, type AlertView } from "./alert-mapping";
import { clinicTimeZone } from "./clinic";
import type { ServiceContext } from "./context";
import { toPatient } from "./mapping";
import { ok, type Result } from "./result";

type Tx = Prisma.TransactionClient;
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

interface CourseOptions {
  timeZone?: string;
  now?: Date;
}

/** The patient (already seen by the caller), their current events, import keys and alerts as Flags, in one transaction. */
async function loadCourse(tx: Tx, patientId: string, options: CourseOptions) {
  const patient = toPatient(await tx.patient.findUniqueOrThrow({ where: { id: patientId } }));
  // One after another: a transaction is one connection.
  const events = await queryTimeline(txSql(tx), patientId, {});
  const keys = await tx.$queryRawUnsafe<{ chainId: string; sourceKey: string }[]>(
    `SELECT "chainId"::text AS "chainId", "sourceKey" FROM "Event" WHERE "patientId" = $1::uuid AND "sourceKey" IS NOT NULL`,
    patientId,
  );
  const alerts = await patientAlertViews(tx, patientId);
  const timeZone = options.timeZone ?? clinicTimeZone();
  const evidenceUrls = new Map(events.map((e) => [e.id, eventFullUrl(e)]));
  const flags = alertFlagEntries(
    alerts.map((a) => flagAlert(a, timeZone)),
    { reference: patientFullUrl(patient) },
    evidenceUrls,
    timeZone,
  );
  const bundle = courseBundle(
    patient,
    events,
    { timeZone, sourceKeys: new Map(keys.map((k) => [k.chainId, k.sourceKey])), generatedAt: (options.now ?? new Date()).toISOString() },
    flags,
  );
  return { patient, events, alerts, bundle };
}

/**
 * The patient's whole course (current, valid versions) as a FHIR R4 collection Bundle (FHIR.md), with
 * each of the patient's alerts as a Flag after the events it cites. Imported events keep the identifier
 * they came with, so exporting and importing elsewhere, or back, changes nothing twice.
 */
export async function exportPatientBundle(ctx: ServiceContext, patientId: string, options: CourseOptions = {}): Promise<Result<Bundle>> {
  return patientRead(ctx, "patient.export.fhir", patientId, async (tx, note) => {
    const { events, alerts, bundle } = await loadCourse(tx, patientId, options);
    note.detail = `${events.length} events, ${alerts.length} alerts`;
    return ok(bundle);
  });
}

export interface EverythingOptions extends CourseOptions {
  /** An instant: only what was recorded since (the Patient always comes first; alerts only without it). */
  since?: Date;
  offset?: number;
  count?: number;
}

export interface EverythingPage {
  entries: BundleEntry[];
  /** Resources matching, over all pages. */
  total: number;
}

/**
 * FHIR `Patient/{id}/$everything`: the same course as the export, each resource with meta.lastUpdated
 * (when its current version was recorded), filtered by `_since` and cut into pages. Sign-in, the
 * care-team 404 and the audit row are those of every read.
 */
export async function patientEverything(ctx: ServiceContext, patientId: string, options: EverythingOptions = {}): Promise<Result<EverythingPage>> {
  return patientRead(ctx, "patient.fhir.everything", patientId, async (tx, note) => {
    const { patient, events, bundle } = await loadCourse(tx, patientId, options);
    const recorded = new Map<string, string>([[patientFullUrl(patient), patient.createdAt], ...events.map((e) => [eventFullUrl(e), e.recordedAt] as [string, string])]);
    const since = options.since?.getTime();
    const matching = bundle.entry
      .filter((entry) => {
        if (since === undefined) return true;
        const at = entry.fullUrl ? recorded.get(entry.fullUrl) : undefined;
        // The Patient heads every answer; a Flag has no recorded time of its own and comes only without _since.
        return entry.fullUrl === patientFullUrl(patient) || (at !== undefined && Date.parse(at) >= since);
      })
      .map((entry) => {
        const at = entry.fullUrl ? recorded.get(entry.fullUrl) : undefined;
        if (!at || !entry.resource) return entry;
        const resource = entry.resource as Resource & { meta?: Record<string, unknown> };
        return { ...entry, resource: { ...resource, meta: { ...(resource.meta ?? {}), lastUpdated: at } } as Resource };
      });
    const offset = options.offset ?? 0;
    const count = options.count ?? everythingPage.defaultCount;
    const entries = matching.slice(offset, offset + count);
    note.detail = `${entries.length} of ${matching.length} resources${options.since ? ` since ${options.since.toISOString()}` : ""}`;
    note.eventIds = events.filter((e) => entries.some((x) => x.fullUrl === eventFullUrl(e))).map((e) => e.id);
    return ok({ entries, total: matching.length });
  });
}
