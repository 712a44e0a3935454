import "server-only";
import { z } from "zod";
import type { ClinicalDate } from "@/lib/events";
import type { SqlRunner } from "@/lib/db";
import { DENSE_KINDS, digestMonth, digestRecord, monthOf, monthStart, overviewModel, type MonthDigest, type MonthKey } from "@/lib/timeline/chart-digest";
import type { TimelineModel } from "@/lib/timeline";
import { eventsFromJson, timelineSelect } from "./timeline-query";

/**
 * The chart overview of a patient, kept in the database (ChartMonth, ChartOverview) and maintained
 * by each write, inside its transaction, from the months it touches (lib/timeline/chart-digest.ts).
 */
type Sql = Pick<SqlRunner, "query">;

/** The event rows of patient $1, as the database keeps them (EventRowCount, maintained by triggers on "Event"). */
const EVENT_ROWS = `(SELECT coalesce((SELECT "rows" FROM "EventRowCount" WHERE "patientId" = $1::uuid), 0))`;
const DENSE = `ARRAY[${DENSE_KINDS.map((k) => `'${k}'`).join(", ")}]::"EventKind"[]`;

/** Current, valid dense events of patient $1 with occurredAt in [$2, $3). */
const MONTH_EVENTS_SQL = timelineSelect(`AND e.kind = ANY(${DENSE}) AND e."occurredAt" >= $2::timestamp AND e."occurredAt" < $3::timestamp`);
const DENSE_EVENTS_SQL = timelineSelect(`AND e.kind = ANY(${DENSE})`);
/** What the overview is built from: every non-dense event and the dense events a month keeps. */
const KEPT_EVENTS_SQL = timelineSelect(
  `AND (e.kind <> ALL(${DENSE}) OR e."chainId" IN (SELECT unnest(m.keep)::uuid FROM "ChartMonth" m WHERE m."patientId" = $1::uuid))`,
);

const monthCounts = z.record(z.string(), z.number().int().nonnegative());

/** A stored month; its counts (a JSON column) parsed, failing loudly on a row the digest did not write. */
const toDigest = (patientId: string) => (row: { month: number; keep: string[]; counts: unknown }): MonthDigest => {
  const parsed = monthCounts.safeParse(typeof row.counts === "string" ? JSON.parse(row.counts) : row.counts);
  if (!parsed.success) throw new Error(`ChartMonth ${patientId}/${row.month}: stored counts are not points per series (${parsed.error.issues[0]?.message})`);
  return { month: row.month, keep: row.keep, counts: parsed.data };
};

async function saveMonths(sql: Sql, patientId: string, months: readonly MonthKey[] | "all", digests: readonly MonthDigest[]): Promise<void> {
  if (months === "all") await sql.query(`DELETE FROM "ChartMonth" WHERE "patientId" = $1::uuid`, [patientId]);
  else await sql.query(`DELETE FROM "ChartMonth" WHERE "patientId" = $1::uuid AND month = ANY($2::int[])`, [patientId, [...months]]);
  const present = digests.filter((d) => Object.keys(d.counts).length > 0 || d.keep.length > 0);
  if (present.length === 0) return;
  await sql.query(
    `INSERT INTO "ChartMonth" ("patientId", month, keep, counts)
     SELECT $1::uuid, d.month, ARRAY(SELECT json_array_elements_text(d.keep)), d.counts::jsonb
       FROM json_to_recordset($2::json) AS d(month int, keep json, counts json)`,
    [patientId, JSON.stringify(present)],
  );
}

/** Builds the overview from the stored months and saves it with the event-row count it reflects. */
async function saveOverview(sql: Sql, patientId: string): Promise<StoredChart> {
  const [kept] = await sql.query<{ events: unknown }>(KEPT_EVENTS_SQL, [patientId]);
  const months = await sql.query<{ month: number; keep: string[]; counts: unknown }>(`SELECT month, keep, counts FROM "ChartMonth" WHERE "patientId" = $1::uuid`, [patientId]);
  const model = overviewModel(eventsFromJson(kept.events), months.map(toDigest(patientId)));
  const [saved] = await sql.query<{ eventCount: number }>(
    `INSERT INTO "ChartOverview" ("patientId", stamp, "eventCount", model, "builtAt")
     SELECT $1::uuid, coalesce(c."rows", 0), coalesce(c."valid", 0), $2, now()
       FROM (SELECT 1) one LEFT JOIN "EventRowCount" c ON c."patientId" = $1::uuid
     ON CONFLICT ("patientId") DO UPDATE SET stamp = excluded.stamp, "eventCount" = excluded."eventCount", model = excluded.model, "builtAt" = excluded."builtAt"
     RETURNING "eventCount"`,
    [patientId, JSON.stringify(model)],
  );
  return { model, eventCount: Number(saved.eventCount) };
}

export interface StoredChart {
  model: TimelineModel;
  /** Current, valid events of the patient. */
  eventCount: number;
}

/**
 * Brings the chart of a patient up to date after a write, inside its transaction: the months of
 * `dates` (the dates the write touched, old and new) are digested again from their events, then the
 * overview is rebuilt from the kept events. Without dates, every month is.
 */
export async function refreshChart(sql: Sql, patientId: string, dates?: readonly ClinicalDate[]): Promise<StoredChart> {
  // The months are complete only once an overview was built from them all: a record bulk-loaded and
  // never read since (or whose stored chart was cleared by an upgrade) has none, and a write to it
  // digests every month rather than saving an overview of the one it touched.
  if (dates !== undefined && (await sql.query(`SELECT 1 FROM "ChartOverview" WHERE "patientId" = $1::uuid`, [patientId])).length === 0) dates = undefined;
  if (dates === undefined) {
    const [row] = await sql.query<{ events: unknown }>(DENSE_EVENTS_SQL, [patientId]);
    await saveMonths(sql, patientId, "all", digestRecord(eventsFromJson(row.events)));
  } else {
    const months = [...new Set(dates.map(monthOf))];
    const digests: MonthDigest[] = [];
    for (const month of months) {
      const [row] = await sql.query<{ events: unknown }>(MONTH_EVENTS_SQL, [patientId, monthStart(month), monthStart(month + 1)]);
      digests.push(digestMonth(month, eventsFromJson(row.events)));
    }
    await saveMonths(sql, patientId, months, digests);
  }
  return saveOverview(sql, patientId);
}

/**
 * The stored overview; rebuilt first when missing or when event rows were written without going
 * through a service write (a bulk load), which the row count shows.
 */
export async function readChart(sql: Sql, patientId: string): Promise<StoredChart> {
  const [row] = await sql.query<{ model: string; fresh: boolean; eventCount: number }>(
    `SELECT c.model, c."eventCount", c.stamp = ${EVENT_ROWS} AS fresh FROM "ChartOverview" c WHERE c."patientId" = $1::uuid`,
    [patientId],
  );
  if (row?.fresh) return { model: JSON.parse(row.model) as TimelineModel, eventCount: Number(row.eventCount) };
  return refreshChart(sql, patientId);
}

/** The stored digests of a patient, by month (for the equality test and the benchmark). */
export async function storedDigests(sql: Sql, patientId: string): Promise<MonthDigest[]> {
  const rows = await sql.query<{ month: number; keep: string[]; counts: unknown }>(`SELECT month, keep, counts FROM "ChartMonth" WHERE "patientId" = $1::uuid ORDER BY month`, [patientId]);
  return rows.map(toDigest(patientId));
}
