import "server-only";
import { z } from "zod";
import { alertPriorities, type AlertPriority } from "@/lib/alerts";
import { fieldErrorsOf } from "@/lib/events";
import { audited, visibleToSql } from "./access";
import { alertFilter, patientNames, viewer, type AlertView } from "./alerts";
import type { ServiceContext } from "./context";
import { invalid, ok, type Result } from "./result";

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
  return audited(ctx, "alert.list", async (tx, note) => {
    const parsed = alertPageQuery.safeParse(query);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const { status, priority, after, before, limit } = parsed.data;
    const cursorText = before ?? after;
    const position = cursorText ? decode(cursorText) : undefined;
    if (cursorText && !position) return invalid({ [before ? "before" : "after"]: ["Not a page of this inbox: start again from the first page"] });
    const params: unknown[] = [];
    const visible = visibleToSql(ctx.actor, `a."patientId"`, 1);
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
