import type { TimelineEvent, TimelineQuery } from "@/lib/events";
import { toWallClock } from "@/lib/events";
import type { SqlRunner } from "@/lib/db";

/**
 * The timeline in one round trip, shaped by PostgreSQL into the domain's JSON: one json_agg row
 * instead of 20 000 rows of 15 columns each, which is what keeps a years-long record fast to read.
 * Wall-clock columns are formatted as the clinical dates they are, at their recorded precision.
 */
const clinical = (column: string, precision: string) =>
  `CASE WHEN ${precision} = 'time' THEN to_char(${column}, 'YYYY-MM-DD"T"HH24:MI') ELSE to_char(${column}, 'YYYY-MM-DD') END`;

/** The timeline JSON for patient $1, narrowed by `where` (SQL over the alias `e`). */
export function timelineSelect(where: string): string {
  return `
  SELECT coalesce(json_agg(json_build_object(
           'id', e."chainId", 'versionId', e.id, 'version', e.version, 'status', e.status,
           'statusReason', e."statusReason", 'patientId', e."patientId", 'kind', e.kind,
           'occurredAt', ${clinical(`e."occurredAt"`, `e."datePrecision"`)},
           'endedAt', ${clinical(`e."endedAt"`, `e."endPrecision"`)},
           'datePrecision', e."datePrecision", 'payload', e.payload,
           'recordedAt', to_char(e."recordedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'recordedBy', e."recordedBy", 'recordedRole', e."recordedRole"
         ) ORDER BY e."occurredAt", e."recordedAt", e.id), '[]'::json) AS events
    FROM "Event" e
   WHERE e."patientId" = $1::uuid AND e.current AND e.status <> 'entered_in_error'
     ${where}`;
}

export const TIMELINE_SQL = timelineSelect(`
     AND ($2::text[] IS NULL OR e.kind = ANY($2::text[]))
     AND ($3::timestamp IS NULL OR e."occurredAt" >= $3::timestamp)
     AND ($4::timestamp IS NULL OR e."occurredAt" <= $4::timestamp)`);

export async function queryTimeline(sql: SqlRunner, patientId: string, query: TimelineQuery): Promise<TimelineEvent[]> {
  const to = query.to ? toWallClock(query.to.length === 10 ? `${query.to}T23:59` : query.to) : null;
  const [row] = await sql.query<{ events: unknown }>(TIMELINE_SQL, [
    patientId,
    query.kinds ?? null,
    query.from ? toWallClock(query.from).toISOString().slice(0, 19) : null,
    to ? to.toISOString().slice(0, 19) : null,
  ]);
  // PGlite hands json back parsed; node-postgres too. Absent optional fields are null in SQL.
  const events = (typeof row.events === "string" ? JSON.parse(row.events) : row.events) as (TimelineEvent & { statusReason: string | null; endedAt: string | null })[];
  for (const event of events) {
    if (event.statusReason === null) delete (event as { statusReason?: unknown }).statusReason;
    if (event.endedAt === null) delete (event as { endedAt?: unknown }).endedAt;
  }
  return events;
}
