import "server-only";
import { z } from "zod";
import {
  amendmentInput,
  enteredInErrorInput,
  eventInput,
  fieldErrorsOf,
  futureDateErrors,
  implausibleValues,
  sameDayKey,
  sameDayLabel,
  timelineQuery,
  type ClinicalDate,
  type Confirmation,
  type EntryWarning,
  type EventInput,
  type FieldErrors,
  type TimelineEvent,
} from "@/lib/events";
import type { ServiceContext } from "./context";
import { dmSpecificSigns } from "@/lib/alerts";
import type { AuditAction } from "@/lib/audit";
import { eventRead, eventWrite, patientRead, patientWrite, txSql, type RecordNote, type Tx, type WriteCallOptions } from "@/lib/service";
import { reevaluatePatientAlerts, type AlertChange } from "./alert-evaluation";
import { clinicToday } from "./clinic";
import { eventColumns, toTimelineEvent } from "./mapping";
import { isDense } from "@/lib/timeline/chart-digest";
import { refreshChart } from "./timeline-chart";
import { queryTimeline, queryTimelinePage, timelinePageQuery, type TimelinePage } from "./timeline-query";
import { conflict, invalid, needsConfirmation, notFound, ok, unsafeTextRefusal, type Result } from "./result";
import { changesRecist, refreshRecist, vouchForClinicianWrites } from "./recist";
import { refreshSummary } from "./summary";

/**
 * What follows every write to a patient's record in its transaction, after the write and before its
 * audit row: the alerts it raises or resolves, the chart overview and the worklist's row. With
 * `change`, only what the write can affect; without it, the whole record.
 */
function followWrite<T>(change?: (value: T) => AlertChange | undefined): WriteCallOptions<T>["after"] {
  return async (tx, value, patientId) => {
    // A write that says what it touched re-evaluates only the alerts it can affect; others, the whole record.
    const changed = change?.(value);
    await reevaluatePatientAlerts(tx, patientId, undefined, undefined, changed);
    // The chart overview follows in the same transaction: the months touched, or all of them.
    // Months are digested again only when the write touched dense measurements; the overview always.
    const months = changed === undefined ? undefined : changed.kinds.some((kind) => isDense({ kind })) ? changed.dates : [];
    await refreshChart(txSql(tx), patientId, months);
    // The worklist's row for the patient, after the alerts it shows (lib/patients/summary.ts).
    await refreshSummary(tx, patientId);
  };
}

/**
 * Runs one write to a patient's record as one transaction, through the kernel's patientWrite (the
 * access and role check first). Everything a write implies for that patient (the event, the alerts it
 * raises or resolves, its audit row) happens inside it or not at all.
 */
export async function writeToRecord<T>(
  ctx: ServiceContext,
  action: AuditAction,
  patientId: string,
  fn: (tx: Tx, note: RecordNote) => Promise<Result<T>>,
  options: { timeout?: number; change?: (value: T) => AlertChange | undefined } = {},
): Promise<Result<T>> {
  return patientWrite(ctx, action, patientId, fn, { timeout: options.timeout, after: followWrite(options.change) });
}

/**
 * The dates and kinds of the events a write touched, for the alert re-evaluation, with the dates of
 * the scans whose computed RECIST response the write changed (`rescored`). A skin assessment with a
 * DM-specific sign can establish dermatomyositis for the whole record, so it counts as record-wide.
 */
function changeOf(events: readonly TimelineEvent[], rescored: readonly ClinicalDate[] = []): AlertChange {
  const recordWide = events.some((event) => event.kind === "skin_assessment" && event.payload.signs.some((sign) => dmSpecificSigns.includes(sign)));
  return {
    dates: [...events.map((event) => event.occurredAt), ...rescored],
    kinds: [...events.map((event) => event.kind), ...(rescored.length > 0 ? (["imaging"] as const) : [])],
    analytes: events.flatMap((event) => (event.kind === "lab_result" ? [event.payload.analyte] : [])),
    ...(recordWide && { recordWide }),
  };
}

/** What the writer has confirmed after seeing the warnings of a first attempt (docs/data-entry.md). */
export interface WriteOptions {
  confirm?: readonly Confirmation[];
}

/**
 * The checks every clinician write passes after its schema (lib/events/entry-checks): a date after the
 * clinic's today is refused; an implausible value or a second record of the same thing on the same day
 * is written only once confirmed. `prefix` names each event's fields as the caller's input does.
 */
async function checkEntries(
  tx: Tx,
  patientId: string,
  events: readonly EventInput[],
  options: WriteOptions & { prefix: (index: number) => string; replacing?: string },
): Promise<Result<true>> {
  const today = clinicToday();
  const future: FieldErrors = {};
  events.forEach((event, index) => {
    for (const [path, messages] of Object.entries(futureDateErrors(event, today))) future[`${options.prefix(index)}${path}`] = messages;
  });
  if (Object.keys(future).length > 0) return invalid(future, "A date is after today: nothing was saved.");
  const confirmed = new Set(options.confirm ?? []);
  const warnings: EntryWarning[] = [];
  if (!confirmed.has("implausible")) {
    events.forEach((event, index) => {
      for (const found of implausibleValues(event)) warnings.push({ kind: "implausible", path: `${options.prefix(index)}${found.path}`, message: found.message });
    });
  }
  if (!confirmed.has("duplicate") && options.replacing === undefined) {
    const keyed = events.map((event, index) => ({ index, key: sameDayKey(event), event })).filter((e) => e.key !== undefined);
    if (keyed.length > 0) {
      const days = [...new Set(keyed.map((e) => e.event.occurredAt.slice(0, 10)))];
      const kinds = [...new Set(keyed.map((e) => e.event.kind))];
      const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
        `SELECT id::text AS id FROM "Event" WHERE "patientId" = $1::uuid AND current AND status <> 'entered_in_error'
            AND kind = ANY($2::text[]::"EventKind"[]) AND to_char("occurredAt", 'YYYY-MM-DD') = ANY($3::text[])`,
        patientId,
        kinds,
        days,
      );
      const stored = rows.length > 0 ? (await tx.event.findMany({ where: { id: { in: rows.map((r) => r.id) } } })).map(toTimelineEvent) : [];
      for (const { index, key, event } of keyed) {
        const same = stored.find((existing) => sameDayKey(existing) === key);
        if (same) {
          warnings.push({
            kind: "duplicate",
            path: `${options.prefix(index)}occurredAt`,
            message: `${sameDayLabel(same)} is already recorded (by ${same.recordedBy}). Save this ${event.kind.replace("_", " ")} as well only if it is a separate one.`,
            existing: { id: same.id, label: sameDayLabel(same), recordedBy: same.recordedBy, recordedAt: same.recordedAt },
          });
        }
      }
    }
  }
  return warnings.length > 0 ? needsConfirmation(warnings) : ok(true);
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

export async function recordEvent(ctx: ServiceContext, patientId: string, input: unknown, options: WriteOptions = {}): Promise<Result<TimelineEvent>> {
  let rescored: ClinicalDate[] = [];
  return writeToRecord(ctx, "event.record", patientId, async (tx, note) => {
    const unsafe = unsafeTextRefusal(input);
    if (unsafe) return unsafe;
    const parsed = eventInput.safeParse(input);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const checked = await checkEntries(tx, patientId, [parsed.data], { ...options, prefix: () => "" });
    if (!checked.ok) return checked;
    const vouched = await vouchForClinicianWrites(tx, patientId, [parsed.data]);
    if (!vouched.ok) return vouched;
    const recorded = await insertFirstVersion(ctx, tx, patientId, vouched.value[0]);
    note.eventIds = [recorded.id];
    if (changesRecist([recorded.kind])) rescored = await refreshRecist(tx, patientId);
    if (rescored.length > 0) return ok(toTimelineEvent(await tx.event.findUniqueOrThrow({ where: { id: recorded.versionId } })));
    return ok(recorded);
  }, { change: (recorded) => changeOf([recorded], rescored) });
}

const eventInputs = z
  .array(eventInput, { error: "Send a list of events" })
  .min(1, { error: "Send at least one event" })
  .max(50, { error: "Record at most 50 events at once" });

/**
 * Several events observed together (a flare's skin assessment and its CK) in one transaction: all
 * are recorded or none is. Field errors are keyed by position: "1.payload.value".
 */
export async function recordEvents(ctx: ServiceContext, patientId: string, inputs: unknown, options: WriteOptions = {}): Promise<Result<TimelineEvent[]>> {
  let rescored: ClinicalDate[] = [];
  return writeToRecord(ctx, "event.record", patientId, async (tx, note) => {
    const unsafe = unsafeTextRefusal(inputs);
    if (unsafe) return unsafe;
    const parsed = eventInputs.safeParse(inputs);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const checked = await checkEntries(tx, patientId, parsed.data, { ...options, prefix: (index) => `${index}.` });
    if (!checked.ok) return checked;
    const vouched = await vouchForClinicianWrites(tx, patientId, parsed.data, { errorPrefix: (index) => `${index}.` });
    if (!vouched.ok) return vouched;
    const recorded: TimelineEvent[] = [];
    // One after another: a transaction is one connection, and the order is the order given.
    for (const event of vouched.value) recorded.push(await insertFirstVersion(ctx, tx, patientId, event));
    note.eventIds = recorded.map((event) => event.id);
    if (changesRecist(recorded.map((event) => event.kind))) rescored = await refreshRecist(tx, patientId);
    return ok(recorded);
  }, { change: (recorded) => changeOf(recorded, rescored) });
}

/**
 * Writes a new version of an event on top of the one the caller saw. The previous version stays,
 * no longer current; if someone else wrote a version meanwhile, the caller gets a conflict.
 */
async function supersede<I>(
  ctx: ServiceContext,
  action: AuditAction,
  eventId: string,
  parse: () => Result<I & { expectedVersion: number }>,
  next: (current: TimelineEvent, input: I) => Result<{ event: EventInput; status: "amended" | "entered_in_error"; reason?: string }>,
  options: WriteOptions = {},
): Promise<Result<TimelineEvent>> {
  // The version replaced counts too: an amendment that moves an event's date touches both dates.
  let replaced: TimelineEvent | undefined;
  let rescored: ClinicalDate[] = [];
  const written = (value: TimelineEvent) => changeOf(replaced ? [replaced, value] : [value], rescored);
  return eventWrite(ctx, action, eventId, async (tx, _note, head) => {
    const parsed = parse();
    if (!parsed.ok) return parsed;
    const expectedVersion = parsed.value.expectedVersion;
    if (head.version !== expectedVersion) {
      return conflict(
        `This event has changed since you opened it (you saw version ${expectedVersion}, it is now version ${head.version}). Reload it and apply your change again.`,
        head.version,
      );
    }
    const current = toTimelineEvent(head);
    replaced = current;
    if (current.status === "entered_in_error") return conflict("This event was marked entered in error; record a new event instead.", head.version);
    const change = next(current, parsed.value);
    if (!change.ok) return change;
    if (change.value.status === "amended") {
      const checked = await checkEntries(tx, head.patientId, [change.value.event], { ...options, prefix: () => "event.", replacing: head.chainId });
      if (!checked.ok) return checked;
      const vouched = await vouchForClinicianWrites(tx, head.patientId, [change.value.event], { replacing: head.chainId, errorPrefix: () => "event." });
      if (!vouched.ok) return vouched;
      change.value.event = vouched.value[0];
    }
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
    if (changesRecist([head.kind])) rescored = await refreshRecist(tx, head.patientId);
    const latest = changesRecist([head.kind]) ? await tx.event.findUniqueOrThrow({ where: { id: row.id } }) : row;
    return ok(toTimelineEvent(latest));
  }, { after: followWrite(written) });
}

type Amendment = { expectedVersion: number; event: EventInput; reason?: string };

export async function amendEvent(ctx: ServiceContext, eventId: string, input: unknown, options: WriteOptions = {}): Promise<Result<TimelineEvent>> {
  const parse = (): Result<Amendment> => {
    const unsafe = unsafeTextRefusal(input);
    if (unsafe) return unsafe;
    const parsed = amendmentInput.safeParse(input);
    return parsed.success ? ok(parsed.data as Amendment) : invalid(fieldErrorsOf(parsed.error));
  };
  return supersede(ctx, "event.amend", eventId, parse, (current, { event, reason }) =>
    current.kind !== event.kind
      ? invalid({ "event.kind": [`An amendment keeps the kind (${current.kind}); mark this event entered in error and record a new one instead`] })
      : ok({ event, status: "amended", reason }),
    options,
  );
}

export async function markEnteredInError(ctx: ServiceContext, eventId: string, input: unknown): Promise<Result<TimelineEvent>> {
  const parse = (): Result<{ expectedVersion: number; reason: string }> => {
    const unsafe = unsafeTextRefusal(input);
    if (unsafe) return unsafe;
    const parsed = enteredInErrorInput.safeParse(input);
    return parsed.success ? ok(parsed.data) : invalid(fieldErrorsOf(parsed.error));
  };
  return supersede(ctx, "event.entered-in-error", eventId, parse, (current, { reason }) =>
    ok({
      event: { kind: current.kind, occurredAt: current.occurredAt, endedAt: current.endedAt, payload: current.payload } as EventInput,
      status: "entered_in_error",
      reason,
    }),
  );
}

/** The current, valid version of each event of a patient, in clinical order. */
export async function getTimeline(ctx: ServiceContext, patientId: string, query: unknown = {}): Promise<Result<TimelineEvent[]>> {
  return patientRead(ctx, "patient.timeline", patientId, async (tx) => {
    const parsed = timelineQuery.safeParse(query);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    return ok(await queryTimeline(txSql(tx), patientId, parsed.data));
  });
}

/** One page of the timeline, most recent first, with the number of events the filters match. */
export async function getTimelinePage(ctx: ServiceContext, patientId: string, query: unknown = {}): Promise<Result<TimelinePage>> {
  return patientRead(ctx, "patient.events", patientId, async (tx, note) => {
    const parsed = timelinePageQuery.safeParse(query);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const page = await queryTimelinePage(txSql(tx), patientId, parsed.data);
    note.eventIds = page.events.map((event) => event.id);
    return ok(page);
  });
}

/** The current version of one event. */
export async function getEvent(ctx: ServiceContext, eventId: string): Promise<Result<TimelineEvent>> {
  return eventRead(ctx, "event.read", eventId, async (tx) => {
    const row = await tx.event.findFirst({ where: { chainId: eventId, current: true } });
    return row ? ok(toTimelineEvent(row)) : notFound(`No event with id ${eventId}`);
  });
}

/** Every version of one event, oldest first: what was recorded, by whom, and what replaced it. */
export async function getEventHistory(ctx: ServiceContext, eventId: string): Promise<Result<TimelineEvent[]>> {
  return eventRead(ctx, "event.history", eventId, async (tx) => {
    const rows = await tx.event.findMany({ where: { chainId: eventId }, orderBy: { version: "asc" } });
    return ok(rows.map(toTimelineEvent));
  });
}
