import "server-only";
import { isUniqueViolation } from "@/lib/db";
import { Prisma } from "@prisma/client";
import { z } from "zod";
import {
  amendmentInput,
  enteredInErrorInput,
  eventInput,
  fieldErrorsOf,
  timelineQuery,
  type EventInput,
  type TimelineEvent,
} from "@/lib/events";
import type { ServiceContext } from "./context";
import { reevaluatePatientAlerts } from "./alerts";
import { eventColumns, toTimelineEvent } from "./mapping";
import { queryTimeline, queryTimelinePage, timelinePageQuery, type TimelinePage } from "./timeline-query";
import { isUuid } from "./patients";
import { conflict, invalid, notFound, ok, type Result } from "./result";

type Tx = Prisma.TransactionClient;


/**
 * Runs one write to a patient's record as one transaction. Everything a write implies for that
 * patient (the event, the alerts it raises or resolves, later its audit row) happens inside it or not at all.
 */
export async function writeToRecord<T>(ctx: ServiceContext, patientOf: (value: T) => string, fn: (tx: Tx) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await ctx.db.prisma.$transaction(async (tx) => {
      const result = await fn(tx);
      // A failed business check must leave nothing behind: roll back by throwing, return the failure.
      if (!result.ok) throw new RolledBack(result);
      await reevaluatePatientAlerts(tx, patientOf(result.value));
      return result;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as Result<T>;
    // The partial unique index on current versions: another amendment won the race.
    if (isUniqueViolation(error)) {
      return conflict("This event was changed by someone else at the same time. Reload it to see the latest version.");
    }
    throw error;
  }
}

class RolledBack {
  constructor(readonly result: Result<unknown>) {}
}

async function insertFirstVersion(ctx: ServiceContext, tx: Tx, patientId: string, event: EventInput): Promise<TimelineEvent> {
  const id = crypto.randomUUID();
  const row = await tx.event.create({
    data: {
      id,
      chainId: id,
      version: 1,
      current: true,
      status: "final",
      patientId,
      ...eventColumns(event),
      recordedBy: ctx.actor.name,
      recordedRole: ctx.actor.role,
    },
  });
  return toTimelineEvent(row);
}

export async function recordEvent(ctx: ServiceContext, patientId: string, input: unknown): Promise<Result<TimelineEvent>> {
  const parsed = eventInput.safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  if (!isUuid(patientId)) return notFound(`No patient with id ${patientId}`);
  const event = parsed.data as EventInput;
  return writeToRecord(ctx, (event) => event.patientId, async (tx) => {
    const patient = await tx.patient.findUnique({ where: { id: patientId }, select: { id: true } });
    if (!patient) return notFound(`No patient with id ${patientId}`);
    return ok(await insertFirstVersion(ctx, tx, patientId, event));
  });
}

const eventInputs = z
  .array(eventInput, { error: "Send a list of events" })
  .min(1, { error: "Send at least one event" })
  .max(50, { error: "Record at most 50 events at once" });

/**
 * Several events observed together (a flare's skin assessment and its CK) in one transaction: all
 * are recorded or none is. Field errors are keyed by position: "1.payload.value".
 */
export async function recordEvents(ctx: ServiceContext, patientId: string, inputs: unknown): Promise<Result<TimelineEvent[]>> {
  const parsed = eventInputs.safeParse(inputs);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  if (!isUuid(patientId)) return notFound(`No patient with id ${patientId}`);
  const events = parsed.data as EventInput[];
  return writeToRecord(ctx, () => patientId, async (tx) => {
    const patient = await tx.patient.findUnique({ where: { id: patientId }, select: { id: true } });
    if (!patient) return notFound(`No patient with id ${patientId}`);
    const recorded: TimelineEvent[] = [];
    // One after another: a transaction is one connection, and the order is the order given.
    for (const event of events) recorded.push(await insertFirstVersion(ctx, tx, patientId, event));
    return ok(recorded);
  });
}

/**
 * Writes a new version of an event on top of the one the caller saw. The previous version stays,
 * no longer current; if someone else wrote a version meanwhile, the caller gets a conflict.
 */
async function supersede(
  ctx: ServiceContext,
  eventId: string,
  expectedVersion: number,
  next: (current: TimelineEvent) => Result<{ event: EventInput; status: "amended" | "entered_in_error"; reason?: string }>,
): Promise<Result<TimelineEvent>> {
  if (!isUuid(eventId)) return notFound(`No event with id ${eventId}`);
  return writeToRecord(ctx, (event) => event.patientId, async (tx) => {
    const head = await tx.event.findFirst({ where: { chainId: eventId, current: true } });
    if (!head) return notFound(`No event with id ${eventId}`);
    if (head.version !== expectedVersion) {
      return conflict(
        `This event has changed since you opened it (you saw version ${expectedVersion}, it is now version ${head.version}). Reload it and apply your change again.`,
        head.version,
      );
    }
    const current = toTimelineEvent(head);
    if (current.status === "entered_in_error") return conflict("This event was marked entered in error; record a new event instead.", head.version);
    const change = next(current);
    if (!change.ok) return change;
    // Conditional on the version we read: a concurrent writer that got here first leaves 0 rows.
    const released = await tx.event.updateMany({ where: { id: head.id, current: true, version: expectedVersion }, data: { current: false } });
    if (released.count !== 1) return conflict("This event was changed by someone else at the same time. Reload it to see the latest version.");
    const row = await tx.event.create({
      data: {
        chainId: head.chainId,
        version: head.version + 1,
        supersedesId: head.id,
        current: true,
        status: change.value.status,
        statusReason: change.value.reason ?? null,
        patientId: head.patientId,
        ...eventColumns(change.value.event),
        recordedBy: ctx.actor.name,
        recordedRole: ctx.actor.role,
      },
    });
    return ok(toTimelineEvent(row));
  });
}

export async function amendEvent(ctx: ServiceContext, eventId: string, input: unknown): Promise<Result<TimelineEvent>> {
  const parsed = amendmentInput.safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const { expectedVersion, event, reason } = parsed.data as { expectedVersion: number; event: EventInput; reason?: string };
  return supersede(ctx, eventId, expectedVersion, (current) =>
    current.kind !== event.kind
      ? invalid({ "event.kind": [`An amendment keeps the kind (${current.kind}); mark this event entered in error and record a new one instead`] })
      : ok({ event, status: "amended", reason }),
  );
}

export async function markEnteredInError(ctx: ServiceContext, eventId: string, input: unknown): Promise<Result<TimelineEvent>> {
  const parsed = enteredInErrorInput.safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const { expectedVersion, reason } = parsed.data;
  return supersede(ctx, eventId, expectedVersion, (current) =>
    ok({
      event: { kind: current.kind, occurredAt: current.occurredAt, endedAt: current.endedAt, payload: current.payload } as EventInput,
      status: "entered_in_error",
      reason,
    }),
  );
}

/** The current, valid version of each event of a patient, in clinical order. */
export async function getTimeline(ctx: ServiceContext, patientId: string, query: unknown = {}): Promise<Result<TimelineEvent[]>> {
  const parsed = timelineQuery.safeParse(query);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  if (!isUuid(patientId)) return notFound(`No patient with id ${patientId}`);
  const [patient, events] = await Promise.all([
    ctx.db.prisma.patient.findUnique({ where: { id: patientId }, select: { id: true } }),
    queryTimeline(ctx.db.sql, patientId, parsed.data),
  ]);
  if (!patient) return notFound(`No patient with id ${patientId}`);
  return ok(events);
}

/** One page of the timeline, most recent first, with the number of events the filters match. */
export async function getTimelinePage(ctx: ServiceContext, patientId: string, query: unknown = {}): Promise<Result<TimelinePage>> {
  const parsed = timelinePageQuery.safeParse(query);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  if (!isUuid(patientId)) return notFound(`No patient with id ${patientId}`);
  const [patient, page] = await Promise.all([
    ctx.db.prisma.patient.findUnique({ where: { id: patientId }, select: { id: true } }),
    queryTimelinePage(ctx.db.sql, patientId, parsed.data),
  ]);
  if (!patient) return notFound(`No patient with id ${patientId}`);
  return ok(page);
}

/** The current version of one event. */
export async function getEvent(ctx: ServiceContext, eventId: string): Promise<Result<TimelineEvent>> {
  if (!isUuid(eventId)) return notFound(`No event with id ${eventId}`);
  const row = await ctx.db.prisma.event.findFirst({ where: { chainId: eventId, current: true } });
  return row ? ok(toTimelineEvent(row)) : notFound(`No event with id ${eventId}`);
}

/** Every version of one event, oldest first: what was recorded, by whom, and what replaced it. */
export async function getEventHistory(ctx: ServiceContext, eventId: string): Promise<Result<TimelineEvent[]>> {
  if (!isUuid(eventId)) return notFound(`No event with id ${eventId}`);
  const rows = await ctx.db.prisma.event.findMany({ where: { chainId: eventId }, orderBy: { version: "asc" } });
  return rows.length > 0 ? ok(rows.map(toTimelineEvent)) : notFound(`No event with id ${eventId}`);
}
