import "server-only";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { fieldErrorsOf, toWallClock } from "@/lib/events";
import type { AuditAction } from "@/lib/audit";
import { actorRead, patientRead, unrecordedRead, visiblePatientWhere, visibleToSql, type RecordNote, type Tx } from "@/lib/service";
import { patientNames, viewer, type AlertView } from "./alert-mapping";
import { clinicToday } from "./clinic";
import { alertPriorities, type AlertPriority } from "@/lib/alerts";
import type { ServiceContext } from "./context";
import { invalid, ok, type Result } from "./result";
import { refreshScreening } from "./screening";

export const alertFilter = z.object({
  status: z.enum(["active", "open", "acknowledged", "resolved", "dismissed", "all"]).default("active"),
  priority: z.enum(["high", "normal", "any"]).default("any"),
  patientId: z.string().optional(),
});

/**
 * The alerts of the actor's patients (the inbox, the open-alerts CSV) or of one patient: by default
 * open and acknowledged ones, high priority first, then oldest episode first.
 */
export async function listAlerts(ctx: ServiceContext, filter: unknown = {}, action?: AuditAction): Promise<Result<AlertView[]>> {
  const parsed = alertFilter.safeParse(filter);
  const patientId = parsed.success ? parsed.data.patientId : undefined;
  const read = async (tx: Tx, note: RecordNote, patients: Prisma.PatientWhereInput): Promise<Result<AlertView[]>> => {
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    // Screening alerts move from due to overdue as days pass: bring those that changed since up to date first.
    await refreshScreening(tx, ctx, patientId);
    const { status, priority } = parsed.data;
    const rows = await tx.alert.findMany({
      where: {
        ...(status === "active" ? { status: { in: ["open", "acknowledged"] } } : status === "all" ? { status: { not: "withdrawn" } } : { status }),
        ...(priority !== "any" ? { priority } : {}),
        ...(patientId ? { patientId } : {}),
        patient: patients,
      },
      include: { patient: patientNames },
      orderBy: [{ priority: "asc" }, { episodeStart: "asc" }, { key: "asc" }],
    });
    if (!patientId) note.detail = `${rows.length} alert${rows.length === 1 ? "" : "s"} (status ${status}, priority ${priority})`;
    return ok(rows.map(await viewer(tx)));
  };
  return patientId !== undefined
    ? patientRead(ctx, action ?? "patient.alerts", patientId, (tx, note) => read(tx, note, visiblePatientWhere(ctx.actor)))
    : actorRead(ctx, action ?? "alert.list", (tx, note, scope) => read(tx, note, scope.patientWhere));
}

/**
 * Counts for the navigation: alerts on the actor's patients waiting for someone: open ones, read from
 * the patient summaries (kept in each write's transaction; only those with an open alert, a partial
 * index), and acknowledged ones whose review date has come (a date that passes without a write, so
 * read from the alerts themselves: acknowledged alerts with a review date are few).
 */
export async function activeAlertCounts(ctx: ServiceContext): Promise<{ open: number; high: number }> {
  const visible = visibleToSql(ctx.actor, `s."patientId"`, 1);
  // Two numbers about the actor's own patients, on every page: no record is shown, so no audit row.
  return unrecordedRead(ctx, async (db) => {
    const [row] = await db.$queryRawUnsafe<{ open: number; high: number }[]>(
      `SELECT coalesce(sum(s."openAlerts"), 0)::int AS open, coalesce(sum(s."openHighAlerts"), 0)::int AS high
         FROM "PatientSummary" s WHERE s."openAlerts" > 0 AND ${visible.sql}`,
      ...visible.params,
    );
    const due = await db.alert.groupBy({
      by: ["priority"],
      where: { status: "acknowledged", reviewDate: { lte: toWallClock(clinicToday()) }, patient: visiblePatientWhere(ctx.actor) },
      _count: { _all: true },
    });
    const dueCount = due.reduce((sum, r) => sum + r._count._all, 0);
    const dueHigh = due.find((r) => r.priority === "high")?._count._all ?? 0;
    return { open: Number(row.open) + dueCount, high: Number(row.high) + dueHigh };
  });
}

/**
 * The alert inbox one page at a time: high priority first, then the longest open (raised first), read
 * along the index on (status, priority, raisedAt, id) with a keyset cursor instead of loading every alert.
 */
export const alertPageQuery = alertFilter.omit({ patientId: true }).extend({
  after: z.string().max(300).regex(/^[A-Za-z0-9_-]+$/, { error: "Not a page of this inbox" }).optional(),
  before: z.string().max(300).regex(/^[A-Za-z0-9_-]+$/, { error: "Not a page of this inbox" }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export interface AlertPage {
  alerts: AlertView[];
  next?: string;
  previous?: string;
}

const encode = (row: { priority: string; raisedAt: string; id: string }) => Buffer.from(JSON.stringify([row.priority, row.raisedAt, row.id]), "utf8").toString("base64url");
function decode(text: string): [AlertPriority, string, string] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    // The priority is compared with the enum column: a word outside the list is not a cursor (PostgreSQL would refuse it).
    const isPriority = (v: unknown): v is AlertPriority => (alertPriorities as readonly unknown[]).includes(v);
    if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === "string" && v.length <= 100) && isPriority(value[0]) && !Number.isNaN(Date.parse(value[1])))
      return [value[0], value[1], value[2]];
  } catch {
    // not a cursor the inbox wrote
  }
  return undefined;
}

/** One page of the inbox: only the actor's patients; one transaction, one audit row. */
export async function listAlertPage(ctx: ServiceContext, query: unknown = {}): Promise<Result<AlertPage>> {
  return actorRead(ctx, "alert.list", async (tx, note, scope) => {
    const parsed = alertPageQuery.safeParse(query);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const { status, priority, after, before, limit } = parsed.data;
    const cursorText = before ?? after;
    const position = cursorText ? decode(cursorText) : undefined;
    if (cursorText && !position) return invalid({ [before ? "before" : "after"]: ["Not a page of this inbox: start again from the first page"] });
    const params: unknown[] = [];
    const visible = scope.sql(`a."patientId"`, 1);
    params.push(...visible.params);
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [visible.sql];
    const statuses = status === "active" ? ["open", "acknowledged"] : status === "all" ? ["open", "acknowledged", "resolved", "dismissed"] : [status];
    where.push(`a.status = ANY(${param(statuses)}::text[]::"AlertStatus"[])`);
    if (priority !== "any") where.push(`a.priority = ${param(priority)}::"AlertPriority"`);
    const backwards = before !== undefined;
    if (position) {
      where.push(`(a.priority, a."raisedAt", a.id) ${backwards ? "<" : ">"} (${param(position[0])}::"AlertPriority", ${param(position[1])}::timestamptz, ${param(position[2])}::uuid)`);
    }
    const direction = backwards ? "DESC" : "ASC";
    const ids = await tx.$queryRawUnsafe<{ id: string; priority: string; raisedAt: Date }[]>(
      `SELECT a.id::text AS id, a.priority, a."raisedAt" FROM "Alert" a WHERE ${where.join(" AND ")}
        ORDER BY a.priority ${direction}, a."raisedAt" ${direction}, a.id ${direction} LIMIT ${limit + 1}`,
      ...params,
    );
    const more = ids.length > limit;
    const shown = ids.slice(0, limit);
    if (backwards) shown.reverse();
    const rows = await tx.alert.findMany({ where: { id: { in: shown.map((row) => row.id) } }, include: { patient: patientNames } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const view = await viewer(tx);
    const alerts = shown.map((row) => view(byId.get(row.id)!));
    const cursorOf = (row: (typeof shown)[number]) => encode({ priority: row.priority, raisedAt: new Date(row.raisedAt).toISOString(), id: row.id });
    note.detail = `${alerts.length} alert${alerts.length === 1 ? "" : "s"} on this page (status ${status}, priority ${priority})`;
    return ok({
      alerts,
      ...(shown.length > 0 && (backwards || more) ? { next: cursorOf(shown.at(-1)!) } : {}),
      ...(shown.length > 0 && (backwards ? more : after !== undefined) ? { previous: cursorOf(shown[0]) } : {}),
    });
  });
}
