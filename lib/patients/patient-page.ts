import "server-only";
import { z } from "zod";
import { fieldErrorsOf, type Patient, type TimelineEvent } from "@/lib/events";
import { chartForPage } from "@/lib/timeline/chart-digest";
import { buildTimeline, type TimelineModel } from "@/lib/timeline";
import type { ServiceContext } from "./context";
import { patientAlertViews, settingsInForce, type AlertView } from "./alert-mapping";
import { alertStatusText } from "./alert-status";
import { clinicTimeZone, clinicToday } from "./clinic";
import { patientRead, txSql } from "@/lib/service";
import { toPatient } from "./mapping";
import { invalid, ok, type Result } from "./result";
import { screeningOf, type ScreeningView } from "./screening";
import { readChart } from "./timeline-chart";
import { eventsFromJson, queryLatestEvents, queryTimelinePage, timelinePageQuery, timelineSelect, type TimelinePage } from "./timeline-query";

/** Everything the patient page shows, read in one transaction with one audit row. */
export interface PatientPageData {
  patient: Patient & { teams: { id: string; name: string }[] };
  /** The chart: the stored overview with day 0 and the alerts lane for this read. */
  chart: TimelineModel;
  /** Every alert of the patient but withdrawn ones. */
  alerts: AlertView[];
  /** The event list's page (most recent first) for the filters asked. */
  events: TimelinePage;
  /** The alerts' evidence events that are current and valid, for their descriptions and chart links. */
  evidence: TimelineEvent[];
  /** The cancer-screening plan as of the clinic's today (its alerts brought up to date first). */
  screening: ScreeningView;
}

export const patientPageQuery = z.object({
  referenceEventId: z.string().max(100).optional(),
  events: timelinePageQuery.default({ limit: 50, offset: 0 }),
});
export type PatientPageQuery = z.input<typeof patientPageQuery>;

const EVIDENCE_SQL = timelineSelect(`AND e."chainId" = ANY($2::uuid[])`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The patient page in one read: header, chart overview, alerts with their evidence and the first
 * page of events. Reads the stored chart overview (lib/patients/timeline-chart.ts), never the whole record.
 */
export async function getPatientPage(ctx: ServiceContext, patientId: string, query: unknown = {}): Promise<Result<PatientPageData>> {
  return patientRead(ctx, "patient.page", patientId, async (tx, note) => {
    const parsed = patientPageQuery.safeParse(query);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const sql = txSql(tx);
    const row = await tx.patient.findUniqueOrThrow({ where: { id: patientId }, include: { teams: { include: { team: true } } } });
    const patient = { ...toPatient(row), teams: row.teams.map((t) => ({ id: t.team.id, name: t.team.name })).sort((a, b) => a.name.localeCompare(b.name)) };
    const stored = await readChart(sql, patientId);
    // Screening items fall due with time alone: bring those alerts up to date before reading alerts.
    // The settings in force, read once for the screening plan and the alerts' overdue threshold.
    const inForce = await settingsInForce(tx);
    const screening = await screeningOf(tx, patientId, inForce);
    const alerts = await patientAlertViews(tx, patientId, inForce);
    const evidenceIds = [...new Set(alerts.flatMap((a) => a.evidence))].filter((id) => UUID.test(id));
    const evidence = evidenceIds.length > 0 ? eventsFromJson((await sql.query<{ events: unknown }>(EVIDENCE_SQL, [patientId, evidenceIds]))[0].events) : [];
    const list = parsed.data.events;
    const filtered = list.kinds !== undefined || list.from !== undefined || list.to !== undefined;
    const events = filtered ? await queryTimelinePage(sql, patientId, list) : await queryLatestEvents(sql, patientId, list, stored.eventCount);
    note.eventIds = events.events.map((event) => event.id);
    const today = clinicToday();
    const chart = chartForPage(stored.model, {
      referenceEventId: parsed.data.referenceEventId,
      alerts: alerts.map((a) => ({
        key: a.key,
        date: a.episodeStart,
        priority: a.priority,
        evidenceIds: a.evidence,
        reason: a.reason,
        status: alertStatusText(a, today, clinicTimeZone()),
      })),
      evidence,
      today,
    });
    return ok({ patient, chart, alerts, events, evidence, screening });
  });
}

/** The chart of a window of the record at full detail (for zooming in): every event in [from, to]. */
export async function getChartWindow(ctx: ServiceContext, patientId: string, query: unknown = {}): Promise<Result<TimelineModel>> {
  return patientRead(ctx, "patient.chart", patientId, async (tx) => {
    const parsed = chartWindowQuery.safeParse(query);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const { from, to } = parsed.data;
    const [row] = await txSql(tx).query<{ events: unknown }>(
      timelineSelect(`AND e."occurredAt" >= $2::timestamp AND e."occurredAt" < ($3::date + 1)::timestamp`),
      [patientId, from, to],
    );
    return ok(buildTimeline(eventsFromJson(row.events)));
  });
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date as YYYY-MM-DD" });
export const chartWindowQuery = z
  .object({ from: day, to: day })
  .refine((q) => q.from <= q.to, { error: "The window must end on or after its start", path: ["to"] });
